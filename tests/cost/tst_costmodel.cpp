// CostModel over hand-written simulation results: transitions to dollars, the free tier, regions,
// Express equivalents and eligibility, Distributed Map children, compute and hints. Every expected
// figure is worked out in the comment beside it from pricing.md's prices.
#include "cost/costmodel.h"
#include "cost/report.h"

#include "asl/asldocument.h"
#include "json/jsonreader.h"

#include <QTest>

using namespace sw;
using namespace sw::cost;

namespace {

bool near(double a, double b, double tolerance = 1e-6)
{
    return std::abs(a - b) <= tolerance;
}

asl::StateMachine machine(const char *json)
{
    const asl::AslDocument doc = asl::AslDocument::fromText(QByteArray(json));
    if (!doc.parsed) qFatal("test definition is not JSON");
    return doc.machine;
}

StateTally tally(const QString &name, asl::StateType type, double transitions, double entries)
{
    StateTally t;
    t.name = name;
    t.type = type;
    t.transitions = transitions;
    t.entries = entries;
    return t;
}

// pricing.md example A: TaskA fails twice then succeeds (1 + 2 retries), Choice, TaskB, Succeed = 6.
const char *kExampleA = R"({"StartAt": "TaskA", "States": {
  "TaskA": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Check",
            "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 2, "BackoffRate": 2, "MaxAttempts": 3}]},
  "Check": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "TaskB"}], "Default": "TaskB"},
  "TaskB": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:b", "Next": "Done"},
  "Done": {"Type": "Succeed"}}})";

SimulationResult exampleA(int runs = 4, double seconds = 7)
{
    SimulationResult s;
    s.runs = runs;
    s.statuses.insert(QStringLiteral("SUCCEEDED"), runs);
    s.transitions.assign(size_t(runs), 6);
    s.seconds.assign(size_t(runs), seconds);
    s.events.assign(size_t(runs), 20);
    s.steps.assign(size_t(runs), 0);
    StateTally a = tally(QStringLiteral("TaskA"), asl::StateType::Task, 3.0 * runs, runs);
    a.taskAttempts = 3.0 * runs;
    s.states = {a, tally(QStringLiteral("Check"), asl::StateType::Choice, runs, runs),
                tally(QStringLiteral("TaskB"), asl::StateType::Task, runs, runs),
                tally(QStringLiteral("Done"), asl::StateType::Succeed, runs, runs)};
    s.states[2].taskAttempts = runs;
    s.definitionBytes = 1000;
    s.payloadBytes = 100;
    return s;
}

CostSettings settings(double executions, const QString &region = QStringLiteral("us-east-1"))
{
    CostSettings c;
    c.executionsPerMonth = executions;
    c.region = region;
    return c;
}

} // namespace

class TestCostModel : public QObject
{
    Q_OBJECT

private slots:
    void standardExampleA()
    {
        // 50,000 x 6 = 300,000 transitions; 296,000 billed x $0.000025 = $7.40; $7.50 without the free tier.
        const CostReport r =
            CostModel(PriceTable::builtIn(), settings(50000)).estimate(machine(kExampleA), exampleA());
        QCOMPARE(r.transitionsPerExecution.mean, 6.0);
        QCOMPARE(r.monthlyTransitions(), 300000.0);
        QCOMPARE(r.chosen.standard.freeTierTransitions, 4000.0);
        QVERIFY(near(r.chosen.totalUSD, 7.40));
        QVERIFY(near(r.chosen.totalWithoutFreeTierUSD, 7.50));
        QVERIFY(r.errors.isEmpty());
        // TaskA: 3 of 6 transitions per execution, 2 of them retries.
        QCOMPARE(r.perState.size(), 4);
        QCOMPARE(r.perState[0].state, QStringLiteral("TaskA"));
        QCOMPARE(r.perState[0].transitionsPerExecution, 3.0);
        QCOMPARE(r.perState[0].retriesPerExecution, 2.0);
        QCOMPARE(r.perState[0].share, 0.5);
        QCOMPARE(r.perState[1].share, 1.0 / 6.0);
        QVERIFY(near(r.perState[0].monthlyCostUSD, 150000 * 0.000025));
        QVERIFY(r.assumptions.join(QLatin1Char(' ')).contains(QStringLiteral("not counted")));
    }

    void regions_data()
    {
        QTest::addColumn<QString>("region");
        QTest::addColumn<double>("dollars");
        QTest::newRow("us-west-1") << "us-west-1" << 8.2584; // 296,000 x 0.0000279
        QTest::newRow("sa-east-1") << "sa-east-1" << 11.10;  // 296,000 x 0.0000375
        QTest::newRow("eu-south-1") << "eu-south-1" << 7.77; // 296,000 x 0.00002625
        QTest::newRow("us-gov-east-1") << "us-gov-east-1" << 8.88;
    }

    void regions()
    {
        QFETCH(QString, region);
        QFETCH(double, dollars);
        const CostReport r = CostModel(PriceTable::builtIn(), settings(50000, region))
                                 .estimate(machine(kExampleA), exampleA());
        QVERIFY(near(r.chosen.totalUSD, dollars));
        QVERIFY(!r.regionName.isEmpty());
        QVERIFY(r.warnings.join(QLatin1Char(' '))
                    .contains(QStringLiteral("Express prices are confirmed for us-east-1 only")));
    }

    void freeTierCrossing()
    {
        // 666 x 6 = 3,996: free. 667 x 6 = 4,002: 2 billed = $0.00005.
        const PriceTable t = PriceTable::builtIn();
        QCOMPARE(CostModel(t, settings(666)).estimate(machine(kExampleA), exampleA()).chosen.totalUSD, 0.0);
        QVERIFY(near(CostModel(t, settings(667)).estimate(machine(kExampleA), exampleA()).chosen.totalUSD,
                     0.00005, 1e-12));
        CostSettings off = settings(666);
        off.freeTier = false;
        QVERIFY(near(CostModel(t, off).estimate(machine(kExampleA), exampleA()).chosen.totalUSD,
                     3996 * 0.000025, 1e-12));
    }

    void countStart()
    {
        // With the start counted: 7 per execution, 350,000 - 4,000 = 346,000 x $0.000025 = $8.65.
        CostSettings s = settings(50000);
        s.countStart = true;
        const CostReport r = CostModel(PriceTable::builtIn(), s).estimate(machine(kExampleA), exampleA());
        QCOMPARE(r.transitionsPerExecution.mean, 7.0);
        QVERIFY(near(r.chosen.totalUSD, 8.65));
        QCOMPARE(r.perState.first().type, QStringLiteral("Start"));
        QCOMPARE(r.perState.first().share, 1.0 / 7.0);
        QVERIFY(r.assumptions.join(QLatin1Char(' ')).contains(QStringLiteral("--count-start")));
    }

    void expressEquivalentAndRecommendation()
    {
        // 7 s runs, 50 MB + 1 KB definition -> 64 MB: 7 x 0.0625 = 0.4375 GB-s a run; 50,000 runs = 21,875
        // GB-s = 6.0764 GB-h x $0.06 = $0.364583, + 50,000 x $0.000001 = $0.05 -> $0.414583.
        const CostReport r =
            CostModel(PriceTable::builtIn(), settings(50000)).estimate(machine(kExampleA), exampleA());
        const ExpressEquivalent &x = r.expressEquivalent;
        QVERIFY(x.eligible);
        QCOMPARE(x.billedMemoryMB, 64.0);
        QCOMPARE(x.gbSecondsPerExecution, 0.4375);
        QCOMPARE(r.express.express.requests, 50000.0);
        QCOMPARE(r.express.express.gbSeconds, 21875.0);
        QVERIFY(near(r.express.totalUSD, 0.414583));
        QCOMPARE(toString(r.recommendation.type), QStringLiteral("EXPRESS"));
        QVERIFY(near(r.recommendation.monthlySavingUSD, 7.40 - 0.414583));
        bool expressHint = false;
        for (const Hint &h : r.hints)
            expressHint |= h.kind == QLatin1String("use-express");
        QVERIFY(expressHint);

        // Chosen as Express: the bill is the Express one and nothing is saved by switching.
        CostSettings s = settings(50000);
        s.type = WorkflowType::Express;
        const CostReport e = CostModel(PriceTable::builtIn(), s).estimate(machine(kExampleA), exampleA());
        QVERIFY(near(e.chosen.totalUSD, 0.414583));
        QCOMPARE(e.monthlyTransitions(), 0.0);
        QCOMPARE(e.recommendation.monthlySavingUSD, 0.0);
    }

    void awsExpressExampleThroughTheModel()
    {
        // AWS example 4 as a workflow: 100M executions of 10 s at 64 MB = $482.97 as Express.
        CostSettings s = settings(100e6);
        s.type = WorkflowType::Express;
        const CostReport r =
            CostModel(PriceTable::builtIn(), s).estimate(machine(kExampleA), exampleA(4, 10));
        QVERIFY2(near(r.chosen.totalUSD, 482.97, 0.005),
                 qPrintable(QString::number(r.chosen.totalUSD, 'f', 4)));
        QCOMPARE(r.chosen.express.gbSeconds, 62.5e6);
    }

    void expressIneligible()
    {
        // Longer than 5 minutes at p95.
        const CostReport slow =
            CostModel(PriceTable::builtIn(), settings(1000)).estimate(machine(kExampleA), exampleA(4, 301));
        QVERIFY(!slow.expressEquivalent.eligible);
        QVERIFY(slow.expressEquivalent.reasons.join(QLatin1Char(' ')).contains(QStringLiteral("exceeds")));
        QCOMPARE(toString(slow.recommendation.type), QStringLiteral("STANDARD"));

        // .sync, .waitForTaskToken and activities, wherever they are (here inside a Parallel branch).
        const char *def = R"({"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
            {"StartAt": "Run", "States": {"Run": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync", "Next": "Ask"},
             "Ask": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Next": "Act"},
             "Act": {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:review", "End": true}}}]}}})";
        const CostReport r =
            CostModel(PriceTable::builtIn(), settings(1000)).estimate(machine(def), exampleA());
        QVERIFY(!r.expressEquivalent.eligible);
        const QString reasons = r.expressEquivalent.reasons.join(QLatin1Char(' '));
        QVERIFY(reasons.contains(QStringLiteral("Run (.sync)")));
        QVERIFY(reasons.contains(QStringLiteral("Ask (.waitForTaskToken)")));
        QVERIFY(reasons.contains(QStringLiteral("Act (activity)")));
        QCOMPARE(toString(r.recommendation.type), QStringLiteral("STANDARD"));
        QVERIFY(r.recommendation.reasons.join(QLatin1Char(' ')).contains(QStringLiteral("Run (.sync)")));
    }

    void distributedMapChildren()
    {
        // pricing.md example D: 100 STANDARD children of 3 states; parent 1 Map + 100 starts = 101; total
        // 401.
        const char *def = R"({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "A",
              "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "C"}, "C": {"Type": "Succeed"}}}}}})";
        SimulationResult s;
        s.runs = 2;
        s.statuses.insert(QStringLiteral("SUCCEEDED"), 2);
        s.transitions = {101, 101};
        s.seconds = {20, 20};
        s.events = {210, 210};
        s.steps = {0, 0};
        StateTally m = tally(QStringLiteral("M"), asl::StateType::Map, 202, 2);
        m.childExecutions = 200;
        s.states = {m};
        for (const char *n : {"A", "B", "C"}) {
            StateTally c = tally(QString::fromLatin1(n),
                                 n[0] == 'C' ? asl::StateType::Succeed : asl::StateType::Pass, 200, 200);
            c.childType = QStringLiteral("STANDARD");
            s.states.push_back(c);
        }
        ChildTally child;
        child.mapState = QStringLiteral("M");
        child.executionType = QStringLiteral("STANDARD");
        child.executions = 200;
        child.transitions = 600;
        child.seconds = 400;
        child.expressBilledSeconds = 400;
        child.definitionBytes = 300;
        s.children = {child};
        CostSettings cs = settings(1);
        cs.freeTier = false;
        const CostReport r = CostModel(PriceTable::builtIn(), cs).estimate(machine(def), s);
        QCOMPARE(r.transitionsPerExecution.mean, 101.0);
        QCOMPARE(r.monthlyTransitions(), 401.0);
        QVERIFY(near(r.chosen.totalUSD, 401 * 0.000025, 1e-12));
        QCOMPARE(r.children.size(), 1);
        QCOMPARE(r.children[0].childrenPerExecution, 100.0);
        QCOMPARE(r.children[0].transitionsPerChild, 3.0);
        QCOMPARE(r.perState[0].retriesPerExecution, 0.0); // 101 = 1 entry + 100 children started
        QCOMPARE(r.perState[1].billedAs, QStringLiteral("STANDARD child"));
        // Shares over everything counted: M 101 of 401.
        QCOMPARE(r.perState[0].share, 101.0 / 401.0);

        // With the start counted, each child execution starts too: 102 + 100 x 4 = 502.
        cs.countStart = true;
        QCOMPARE(CostModel(PriceTable::builtIn(), cs).estimate(machine(def), s).monthlyTransitions(), 502.0);

        // Example D': EXPRESS children of 2 s at 64 MB: 100 requests and 100 x 2 x 0.0625 = 12.5 GB-s per
        // execution, their states not billed per transition: the parent's 101 only.
        s.children[0].executionType = QStringLiteral("EXPRESS");
        for (size_t i = 1; i < s.states.size(); ++i)
            s.states[i].childType = QStringLiteral("EXPRESS");
        cs.countStart = false;
        const CostReport x = CostModel(PriceTable::builtIn(), cs).estimate(machine(def), s);
        QCOMPARE(x.monthlyTransitions(), 101.0);
        QCOMPARE(x.chosen.express.requests, 100.0);
        QCOMPARE(x.chosen.express.gbSeconds, 12.5);
        QCOMPARE(x.perState[1].monthlyCostUSD, 0.0);
        // 12.5 GB-s x $0.06 / 3,600 + 100 x $0.000001 + 101 x $0.000025
        QVERIFY(near(x.chosen.totalUSD, 12.5 * 0.06 / 3600 + 100e-6 + 101 * 0.000025, 1e-12));
    }

    void compute()
    {
        const char *def = R"({"StartAt": "Fn", "States": {
            "Fn": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Job"},
            "Job": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync", "Next": "Other"},
            "Other": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true}}})";
        SimulationResult s;
        s.runs = 10;
        s.statuses.insert(QStringLiteral("SUCCEEDED"), 10);
        s.transitions.assign(10, 3);
        s.seconds.assign(10, 600.5);
        s.events.assign(10, 15);
        s.steps.assign(10, 0);
        StateTally fn = tally(QStringLiteral("Fn"), asl::StateType::Task, 10, 10);
        fn.taskAttempts = 10;
        fn.taskSeconds = 5;
        fn.lambdaBilledSeconds = 5;
        StateTally job = tally(QStringLiteral("Job"), asl::StateType::Task, 10, 10);
        job.taskAttempts = 10;
        job.taskSeconds = 6000;
        job.fargateBilledSeconds = 6000;
        s.states = {fn, job, tally(QStringLiteral("Other"), asl::StateType::Task, 10, 10)};
        QString error;
        const auto config = ComputeConfig::parse(
            Json{{QStringLiteral("Lambda"), Json{{QStringLiteral("MemoryMB"), 1024}}},
                 {QStringLiteral("States"),
                  Json{{QStringLiteral("Job"),
                        Json{{QStringLiteral("Fargate"),
                              Json{{QStringLiteral("vCPU"), 1}, {QStringLiteral("MemoryGB"), 2}}}}}}}},
            &error);
        QVERIFY2(config, qPrintable(error));
        // Lambda: 1M invocations of 0.5 s at 1 GB = 500,000 GB-s - 400,000 free = 100,000 x $0.0000166667 =
        // $1.66667; 1M requests, all free.
        CostSettings cs = settings(1e6);
        cs.compute = *config;
        CostReport r = CostModel(PriceTable::builtIn(), cs).estimate(machine(def), s);
        QCOMPARE(r.compute.lines.size(), 2);
        QCOMPARE(r.compute.lines[0].monthlyGBSeconds, 500000.0);
        QVERIFY(near(r.compute.lambda.costUSD, 1.66667));
        QVERIFY(near(r.compute.lines[0].monthlyCostUSD, 1.66667));
        // Fargate at 1M executions: 600 s x 1M = 166,666.67 h x (0.04048 + 2 x 0.004445) = $8,228.33.
        QVERIFY(near(r.compute.fargateUSD, 1e6 / 6.0 * 0.04937, 1e-4));
        // 30 executions a month: 5 h x 0.04937 = $0.24685 (pricing.md section 4); Lambda inside the free
        // tier.
        cs.executionsPerMonth = 30;
        r = CostModel(PriceTable::builtIn(), cs).estimate(machine(def), s);
        QVERIFY(near(r.compute.fargateUSD, 0.24685));
        QCOMPARE(r.compute.lambda.costUSD, 0.0);
        QVERIFY(near(r.totalMonthlyUSD(), r.chosen.totalUSD + 0.24685));
    }

    void computeConfigErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown key") << QByteArray(R"({"Lamda": {}})") << "/Lamda: unknown field 'Lamda'";
        QTest::newRow("memory too small") << QByteArray(R"({"Lambda": {"MemoryMB": 64}})")
                                          << "/Lambda/MemoryMB: expected a number from 128 to 10240";
        QTest::newRow("architecture") << QByteArray(R"({"Lambda": {"MemoryMB": 128, "Architecture": "arm"}})")
                                      << "/Lambda/Architecture";
        QTest::newRow("both services")
            << QByteArray(
                   R"({"States": {"A": {"Lambda": {"MemoryMB": 128}, "Fargate": {"vCPU": 1, "MemoryGB": 2}}}})")
            << "/States/A: give exactly one of";
        QTest::newRow("missing vCPU")
            << QByteArray(R"({"Fargate": {"MemoryGB": 2}})") << "'vCPU' is required";
    }

    void computeConfigErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        QString error;
        QVERIFY(!ComputeConfig::parse(JsonReader::parseOrUndefined(json), &error));
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    void hints()
    {
        // A Pass between two Tasks, and the retry that doubles example A's bill in the worst case.
        const char *def = R"({"StartAt": "Fetch", "States": {
            "Fetch": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Shape",
                      "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 10}]},
            "Shape": {"Type": "Pass", "Parameters": {"id.$": "$.Payload.id"}, "Next": "Store"},
            "Store": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem", "End": true}}})";
        SimulationResult s;
        s.runs = 1;
        s.statuses.insert(QStringLiteral("SUCCEEDED"), 1);
        s.transitions = {3};
        s.seconds = {1};
        s.events = {12};
        s.steps = {0};
        s.states = {tally(QStringLiteral("Fetch"), asl::StateType::Task, 1, 1),
                    tally(QStringLiteral("Shape"), asl::StateType::Pass, 1, 1),
                    tally(QStringLiteral("Store"), asl::StateType::Task, 1, 1)};
        const CostReport r = CostModel(PriceTable::builtIn(), settings(1e6)).estimate(machine(def), s);
        QStringList kinds;
        for (const Hint &h : r.hints) {
            kinds << h.kind;
            if (h.kind == QLatin1String("fold-pass")) {
                QCOMPARE(h.state, QStringLiteral("Shape"));
                QVERIFY(h.message.contains(QStringLiteral("'Fetch'")));
                QVERIFY(near(h.monthlyUSD, 1e6 * 0.000025)); // $25 a month
            }
            if (h.kind == QLatin1String("retry-worst-case")) {
                QCOMPARE(h.state, QStringLiteral("Fetch"));
                QVERIFY(near(h.monthlyUSD, 1e6 * 10 * 0.000025)); // up to 10 retries: $250 a month
            }
        }
        QVERIFY(kinds.contains(QStringLiteral("fold-pass")));
        QVERIFY(kinds.contains(QStringLiteral("retry-worst-case")));
        // Largest first.
        QCOMPARE(r.hints.first().kind, QStringLiteral("retry-worst-case"));
    }

    void inlineMapHistoryHint()
    {
        const char *def = R"({"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true,
            "ItemProcessor": {"StartAt": "Work", "States": {"Work": {"Type": "Pass", "End": true}}}}}})";
        SimulationResult s;
        s.runs = 1;
        s.statuses.insert(QStringLiteral("SUCCEEDED"), 1);
        s.transitions = {5001};
        s.seconds = {1};
        s.events = {20010}; // 4 events per iteration: 5,000 iterations -> 20,010 of 25,000
        s.steps = {5000};
        StateTally each = tally(QStringLiteral("Each"), asl::StateType::Map, 1, 1);
        each.mapIterations = 5000;
        s.states = {each, tally(QStringLiteral("Work"), asl::StateType::Pass, 5000, 5000)};
        const CostReport r = CostModel(PriceTable::builtIn(), settings(10)).estimate(machine(def), s);
        bool found = false;
        for (const Hint &h : r.hints) {
            if (h.kind == QLatin1String("inline-map-history")) {
                found = true;
                QCOMPARE(h.state, QStringLiteral("Each"));
                QVERIFY(h.message.contains(QStringLiteral("Distributed Map")));
                QVERIFY(h.message.contains(QStringLiteral("6,246"))); // 5,000 x 25,000 / 20,010
            }
        }
        QVERIFY(found);
    }

    void unreliableRuns()
    {
        SimulationResult s = exampleA();
        s.statuses = {{QStringLiteral("FAILED"), 4}};
        s.failureErrors = {{QStringLiteral("States.Runtime"), 4}};
        QVERIFY(
            !CostModel(PriceTable::builtIn(), settings(10)).estimate(machine(kExampleA), s).errors.isEmpty());
        s.statuses = {{QStringLiteral("RUNNING"), 4}};
        s.failureErrors.clear();
        QVERIFY(
            !CostModel(PriceTable::builtIn(), settings(10)).estimate(machine(kExampleA), s).errors.isEmpty());
        // Failed runs of the workflow itself are billed like any other: no error.
        s.statuses = {{QStringLiteral("FAILED"), 4}};
        s.failureErrors = {{QStringLiteral("ValidationError"), 4}};
        QVERIFY(
            CostModel(PriceTable::builtIn(), settings(10)).estimate(machine(kExampleA), s).errors.isEmpty());
    }

    void jsonReport()
    {
        CostSettings cs = settings(50000);
        QString error;
        cs.schedule = Schedule::parse(QStringLiteral("cron(0 3 ? * MON *)"), &error)
                          ->estimate(QDate(2025, 1, 1), QTimeZone::utc());
        const CostReport r = CostModel(PriceTable::builtIn(), cs).estimate(machine(kExampleA), exampleA());
        const Json j = report::toJson(r);
        // The field names the issue fixes.
        for (const char *key : {"type", "region", "executionsPerMonth", "transitionsPerExecution",
                                "monthlyTransitions", "freeTierTransitions", "monthlyCostUSD",
                                "monthlyCostWithoutFreeTierUSD", "perState", "express", "priceTable"})
            QVERIFY2(j.contains(QString::fromLatin1(key)), key);
        for (const char *key : {"mean", "p50", "p95", "max"})
            QVERIFY(j[u"transitionsPerExecution"].contains(QString::fromLatin1(key)));
        for (const char *key : {"state", "transitions", "share"})
            QVERIFY(j[u"perState"][0].contains(QString::fromLatin1(key)));
        for (const char *key :
             {"requestsPerMonth", "gbSecondsPerMonth", "monthlyCostUSD", "eligible", "reasons"})
            QVERIFY(j[u"express"].contains(QString::fromLatin1(key)));
        QCOMPARE(j[u"type"].toString(), QStringLiteral("STANDARD"));
        QCOMPARE(j[u"monthlyCostUSD"].toDouble(), 7.4);
        QCOMPARE(j[u"monthlyTransitions"].toDouble(), 300000.0);
        QCOMPARE(j[u"freeTierTransitions"].toDouble(), 4000.0);
        QCOMPARE(j[u"perState"][0][u"transitions"].toDouble(), 3.0);
        QCOMPARE(j[u"express"][u"eligible"].toBool(), true);
        QCOMPARE(j[u"priceTable"][u"date"].toString(), QStringLiteral("2026-11-22"));
        QCOMPARE(j[u"schedule"][u"firings"].toInteger(), 52);

        const QString md = report::toMarkdown(r);
        QVERIFY(md.contains(QStringLiteral("## Monthly bill")));
        QVERIFY(md.contains(QStringLiteral("$7.40")));
        QVERIFY(md.contains(QStringLiteral("Prices as of 2026-11-22")));
        QVERIFY(md.contains(QStringLiteral("**Recommendation: EXPRESS.**")));
        QVERIFY(md.contains(QStringLiteral("| 2025-03-01 | 5 |")));

        const QString csv = report::toCsv(r);
        QVERIFY(csv.startsWith(QStringLiteral("section,item,detail,quantity,unit,monthly_cost_usd\n")));
        QVERIFY(csv.contains(QStringLiteral("summary,step functions,STANDARD,,,7.4\n")));
        QVERIFY(csv.contains(
            QStringLiteral("state,TaskA,\"Task, STANDARD\",150000,transitions per month,3.75\n")));
    }
};

QTEST_GUILESS_MAIN(TestCostModel)
#include "tst_costmodel.moc"
