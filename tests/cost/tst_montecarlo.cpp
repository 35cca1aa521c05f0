// Monte Carlo runs of real definitions on the simulator, priced by CostModel. Expected counts follow
// the counting rule of pricing.md section 1.2 (its worked examples A-D); durations, probabilities
// and dollars are worked out by hand in the comments.
#include "cost/costmodel.h"
#include "cost/montecarlo.h"

#include "asl/asldocument.h"
#include "engine/mockloader.h"
#include "engine/program.h"
#include "shared.h"
#include "json/jsonreader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace sw;
using namespace sw::cost;

namespace {

bool near(double a, double b, double tolerance = 1e-6)
{
    return std::abs(a - b) <= tolerance;
}

std::shared_ptr<const sim::Program> compile(const QByteArray &json, asl::StateMachine *machine = nullptr)
{
    const asl::AslDocument doc = asl::AslDocument::fromText(json);
    if (!doc.parsed) qFatal("test definition is not JSON");
    if (machine) *machine = doc.machine;
    return std::make_shared<const sim::Program>(doc.machine);
}

QByteArray readSource(const QString &relative)
{
    QFile f(sourceDir() + QLatin1Char('/') + relative);
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(f.fileName()));
    return f.readAll();
}

const StateTally &tallyOf(const SimulationResult &r, const QString &name)
{
    for (const StateTally &t : r.states) {
        if (t.name == name) return t;
    }
    qFatal("no state %s", qPrintable(name));
}

SimulationResult simulate(const std::shared_ptr<const sim::Program> &program, int runs,
                          sim::TaskBackend *backend = nullptr, const Json &input = Json::object())
{
    MonteCarloOptions o;
    o.runs = runs;
    o.backend = backend;
    o.input = input;
    return MonteCarlo::run(program, o, PriceTable::builtIn());
}

const char *kRetry = R"({"StartAt": "Call", "States": {
  "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Done",
           "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 2, "BackoffRate": 2, "MaxAttempts": 3}]},
  "Done": {"Type": "Succeed"}}})";

const char *kRetryMocks =
    R"({"StateMachines": {"Retry": {"TestCases": {"Happy": {"Call": "Ok"}, "FailTwice": {"Call": "FailTwiceThenOk"}}}},
  "MockedResponses": {
    "Ok": {"0": {"Return": {"StatusCode": 200}}},
    "FailTwiceThenOk": {"0-1": {"Throw": {"Error": "Lambda.ServiceException", "Cause": "try again"}}, "2": {"Return": {"StatusCode": 200}}}}})";

} // namespace

class TestMonteCarlo : public QObject
{
    Q_OBJECT

private slots:
    void retryAddsTwoTransitionsAndSixSeconds()
    {
        // Acceptance: fails twice, then succeeds; IntervalSeconds 2, BackoffRate 2: waits 2 s + 4 s = 6 s,
        // two retries = two more transitions (Call 1 + 2, Done 1 = 4 against 2).
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("mocks.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kRetryMocks);
        f.close();
        QString error;
        const auto happy = sim::loadMocks(path, QString(), QStringLiteral("Happy"), &error);
        QVERIFY2(happy, qPrintable(error));
        const auto failTwice = sim::loadMocks(path, QString(), QStringLiteral("FailTwice"), &error);
        QVERIFY2(failTwice, qPrintable(error));
        const auto program = compile(kRetry);
        const SimulationResult base = simulate(program, 3, happy.get());
        const SimulationResult retried = simulate(program, 3, failTwice.get());
        QCOMPARE(base.transitions, std::vector<double>(3, 2.0));
        QCOMPARE(retried.transitions, std::vector<double>(3, 4.0));
        QCOMPARE(base.seconds, std::vector<double>(3, 0.0));
        QCOMPARE(retried.seconds, std::vector<double>(3, 6.0));
        QCOMPARE(base.statuses.value(QStringLiteral("SUCCEEDED")), 3);
        QCOMPARE(retried.statuses.value(QStringLiteral("SUCCEEDED")), 3);
        QCOMPARE(tallyOf(retried, QStringLiteral("Call")).taskAttempts, 9.0);
        QCOMPARE(tallyOf(retried, QStringLiteral("Call")).entries, 3.0);

        asl::StateMachine m = asl::AslDocument::fromText(kRetry).machine;
        const CostReport r = CostModel(PriceTable::builtIn(), CostSettings{}).estimate(m, retried);
        QCOMPARE(r.perState[0].state, QStringLiteral("Call"));
        QCOMPARE(r.perState[0].transitionsPerExecution, 3.0);
        QCOMPARE(r.perState[0].retriesPerExecution, 2.0);
        QCOMPARE(r.durationSeconds.mean, 6.0);
    }

    void parallelBranches()
    {
        // pricing.md example B: 1 Parallel + 3 branches x 2 states + Done = 8; three branches started.
        const auto program = compile(R"({"StartAt": "P", "States": {
            "P": {"Type": "Parallel", "Next": "Done", "Branches": [
              {"StartAt": "A1", "States": {"A1": {"Type": "Pass", "Next": "A2"}, "A2": {"Type": "Pass", "End": true}}},
              {"StartAt": "B1", "States": {"B1": {"Type": "Pass", "Next": "B2"}, "B2": {"Type": "Wait", "Seconds": 5, "End": true}}},
              {"StartAt": "C1", "States": {"C1": {"Type": "Choice", "Choices": [], "Default": "C2"}, "C2": {"Type": "Succeed"}}}]},
            "Done": {"Type": "Succeed"}}})");
        const SimulationResult r = simulate(program, 2);
        QCOMPARE(r.transitions, std::vector<double>(2, 8.0));
        QCOMPARE(r.steps, std::vector<double>(2, 3.0));
        QCOMPARE(r.seconds, std::vector<double>(2, 5.0));
        QCOMPARE(tallyOf(r, QStringLiteral("C1")).transitions, 2.0);
    }

    void inlineMapIterations()
    {
        // pricing.md example C: Map over 100 items, Transform (Pass) -> Save (Task) = 1 + 100 x 2 = 201.
        const auto program = compile(
            R"({"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "End": true,
            "ItemProcessor": {"StartAt": "Transform", "States": {
              "Transform": {"Type": "Pass", "Next": "Save"},
              "Save": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem", "End": true}}}}}})");
        Json items = Json::array();
        for (int i = 0; i < 100; ++i)
            items.append(i);
        const SimulationResult r = simulate(program, 2, nullptr, Json{{QStringLiteral("items"), items}});
        QCOMPARE(r.transitions, std::vector<double>(2, 201.0));
        QCOMPARE(tallyOf(r, QStringLiteral("Each")).mapIterations, 200.0);
        QCOMPARE(tallyOf(r, QStringLiteral("Save")).transitions, 200.0);
        QCOMPARE(r.steps, std::vector<double>(2, 100.0));
        QCOMPARE(r.unmockedStates, QStringList{QStringLiteral("Save")});
    }

    void distributedMapChildren_data()
    {
        QTest::addColumn<QString>("type");
        QTest::newRow("standard children") << "STANDARD";
        QTest::newRow("express children") << "EXPRESS";
    }

    void distributedMapChildren()
    {
        // pricing.md examples D and D': 10,000 items in batches of 100 = 100 children of 3 states (one a 2 s
        // Wait).
        QFETCH(QString, type);
        QByteArray def =
            R"({"StartAt": "Fan", "States": {"Fan": {"Type": "Map", "ItemsPath": "$.items", "End": true,
            "ItemBatcher": {"MaxItemsPerBatch": 100},
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "TYPE"}, "StartAt": "A", "States": {
              "A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Wait", "Seconds": 2, "Next": "C"}, "C": {"Type": "Succeed"}}}}}})";
        def.replace("TYPE", type.toLatin1());
        asl::StateMachine m;
        const auto program = compile(def, &m);
        Json items = Json::array();
        for (int i = 0; i < 10000; ++i)
            items.append(i);
        const SimulationResult r = simulate(program, 1, nullptr, Json{{QStringLiteral("items"), items}});
        QCOMPARE(r.statuses.value(QStringLiteral("SUCCEEDED")), 1);
        QCOMPARE(r.transitions, std::vector<double>{101.0}); // the Map + one per child started
        QCOMPARE(r.children.size(), 1);
        QCOMPARE(r.children[0].executionType, type);
        QCOMPARE(r.children[0].executions, 100.0);
        QCOMPARE(r.children[0].transitions, 300.0);
        QCOMPARE(tallyOf(r, QStringLiteral("Fan")).childExecutions, 100.0);
        QCOMPARE(tallyOf(r, QStringLiteral("A")).childType, type);

        CostSettings s;
        s.executionsPerMonth = 1;
        s.freeTier = false;
        const CostReport c = CostModel(PriceTable::builtIn(), s).estimate(m, r);
        if (type == QLatin1String("STANDARD")) {
            QCOMPARE(c.monthlyTransitions(), 401.0); // 101 + 100 x 3
            QVERIFY(near(c.chosen.totalUSD, 401 * 0.000025, 1e-12));
        } else {
            QCOMPARE(c.monthlyTransitions(), 101.0);
            QCOMPARE(c.chosen.express.requests, 100.0);
            QCOMPARE(c.chosen.express.gbSeconds, 12.5); // 100 x 2 s x 64 MB / 1024
        }
    }

    void failureProbabilityDrivesCatch()
    {
        // A quarter of the calls fail and are caught: 2 transitions (Call, Done) or 3 (Call, Fallback, Done):
        // 2.25 expected per execution. 4,000 runs: standard error 0.433 / sqrt(4000) = 0.007; allow 0.03.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("profile.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"States": {"Call": {"Duration": 1.5, "FailureProbability": 0.25, "Error": "Boom"}}})");
        f.close();
        QString error;
        const auto backend = sim::loadMocks(path, QString(), QString(), &error);
        QVERIFY2(backend, qPrintable(error));
        const auto program = compile(R"({"StartAt": "Call", "States": {
            "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Done",
                     "Catch": [{"ErrorEquals": ["Boom"], "Next": "Fallback"}]},
            "Fallback": {"Type": "Pass", "Next": "Done"},
            "Done": {"Type": "Succeed"}}})");
        const SimulationResult r = simulate(program, 4000, backend.get());
        const double mean = std::accumulate(r.transitions.begin(), r.transitions.end(), 0.0) / 4000;
        QVERIFY2(near(mean, 2.25, 0.03), qPrintable(QString::number(mean)));
        QVERIFY(near(tallyOf(r, QStringLiteral("Fallback")).entries / 4000, 0.25, 0.03));
        // Every attempt lasted the profile's 1.5 s.
        QCOMPARE(tallyOf(r, QStringLiteral("Call")).taskSeconds, 4000 * 1.5);
        QCOMPARE(tallyOf(r, QStringLiteral("Call")).fargateBilledSeconds, 4000 * 60.0);
        QVERIFY(near(tallyOf(r, QStringLiteral("Call")).lambdaBilledSeconds, 4000 * 1.5, 1e-6));
        // Seeds S..S+N-1: the same seed gives the same runs.
        QCOMPARE(simulate(program, 4000, backend.get()).transitions, r.transitions);
    }

    void seed002FromTheDefinition()
    {
        // seeds/002 guessed $0.02 of Step Functions per run and $8.12 a month. From the definition:
        // 11 transitions per run (PreCleanup, DataPreparation, ParallelML, Training, InferencePrep,
        // Inference, ParallelPostProcess, CreateQATable, CreateResultsTable, UpdateBedrockKB, NotifySuccess)
        // = $0.000275; cron(0 3 ? * MON *) over 2025 = 52 runs = 4.3333 a month = 47.67 transitions: inside
        // the free tier. 30 + 120 + max(1800, 5) + 1200 + max(30, 60) + 120 + 5 = 3,335 s per run. Lambda: 5
        // functions x 1 GB, 30 + 120 + 30 + 60 + 120 = 360 GB-s per run = 1,560 GB-s a month: free. Fargate
        // 16 vCPU / 64 GB: 0.5 h + 1/3 h at 16 x 0.04048 + 64 x 0.004445 = $0.93216 an hour = $0.7768 per run
        // = $3.366133 a month.
        asl::StateMachine m;
        const auto program =
            compile(readSource(QStringLiteral("resources/examples/engagement-ml-pipeline.asl.json")), &m);
        QString error;
        const auto backend = sim::loadMocks(
            sourceDir() + QStringLiteral("/resources/examples/engagement-ml-pipeline.mocks.json"), QString(),
            QString(), &error);
        QVERIFY2(backend, qPrintable(error));
        const Json input =
            JsonReader::parseOrUndefined(R"({"model_version": "v1.2.0", "environment": "prod"})");
        const SimulationResult r = simulate(program, 20, backend.get(), input);
        QCOMPARE(r.statuses.value(QStringLiteral("SUCCEEDED")), 20);
        QVERIFY(r.unmockedStates.isEmpty());

        CostSettings s;
        s.schedule = Schedule::parse(QStringLiteral("cron(0 3 ? * MON *)"), &error)
                         ->estimate(QDate(2025, 1, 1), QTimeZone::utc());
        s.executionsPerMonth = s.schedule->executionsPerMonth;
        const auto compute = ComputeConfig::load(
            sourceDir() + QStringLiteral("/tests/cost/data/engagement-ml-pipeline.compute.json"), &error);
        QVERIFY2(compute, qPrintable(error));
        s.compute = *compute;
        const CostReport c = CostModel(PriceTable::builtIn(), s).estimate(m, r);
        QCOMPARE(c.transitionsPerExecution.mean, 11.0);
        QCOMPARE(c.durationSeconds.mean, 3335.0);
        QVERIFY(near(c.monthlyTransitions(), 11 * 52 / 12.0));
        QCOMPARE(c.chosen.totalUSD, 0.0);
        QVERIFY(near(c.chosen.totalWithoutFreeTierUSD, 11 * 52 / 12.0 * 0.000025));
        QCOMPARE(c.compute.lines.size(), 7);
        QVERIFY(near(c.compute.lambda.gbSecondsX86, 360 * 52 / 12.0));
        QCOMPARE(c.compute.lambda.costUSD, 0.0);
        QVERIFY(near(c.compute.fargateUSD, 0.7768 * 52 / 12.0));
        QVERIFY(near(c.totalMonthlyUSD(), 0.7768 * 52 / 12.0));
        // .sync Fargate tasks and a 55-minute run: Standard it is.
        QVERIFY(!c.expressEquivalent.eligible);
        QCOMPARE(toString(c.recommendation.type), QStringLiteral("STANDARD"));
    }

    void tradaiWithMockConfigFile()
    {
        // HappyPath: ParallelValidation, ValidateStrategy, CheckDataFreshness, EvaluateValidation,
        // PrepareConfig, RunBacktest, TransformResults, UpdateStateCompleted, CleanupResources,
        // NotifyCompletion = 10. RetryPath: PrepareConfig throws twice (2 retries: +2) after 5 s and 10 s of
        // backoff (+15 s).
        const auto program =
            compile(readSource(QStringLiteral("resources/examples/tradai-backtest-full.asl.json")));
        const QString mocks =
            sourceDir() + QStringLiteral("/resources/examples/tradai-backtest-full.mocks-config.json");
        const Json input = JsonReader::parseOrUndefined(
            R"({"run_id": "bt-001", "strategy_name": "momentum", "strategy_version": "3.2.0",
            "experiment_name": "q1", "symbols": ["BTCUSDT", "ETHUSDT"], "timeframe": "1h"})");
        QString error;
        const auto happy = sim::loadMocks(mocks, QString(), QStringLiteral("HappyPath"), &error);
        QVERIFY2(happy, qPrintable(error));
        const auto retry = sim::loadMocks(mocks, QString(), QStringLiteral("RetryPath"), &error);
        QVERIFY2(retry, qPrintable(error));
        const SimulationResult a = simulate(program, 1, happy.get(), input);
        const SimulationResult b = simulate(program, 1, retry.get(), input);
        QCOMPARE(a.statuses.value(QStringLiteral("SUCCEEDED")), 1);
        QCOMPARE(a.transitions, std::vector<double>{10.0});
        QCOMPARE(b.transitions, std::vector<double>{12.0});
        QCOMPARE(b.seconds.front() - a.seconds.front(), 15.0);
    }

    void tradaiWithProfile()
    {
        asl::StateMachine m;
        const auto program =
            compile(readSource(QStringLiteral("resources/examples/tradai-backtest-full.asl.json")), &m);
        QString error;
        const auto backend = sim::loadMocks(
            sourceDir() + QStringLiteral("/resources/examples/tradai-backtest-full.mocks.json"), QString(),
            QString(), &error);
        QVERIFY2(backend, qPrintable(error));
        const Json input = JsonReader::parseOrUndefined(
            R"({"run_id": "bt-001", "strategy_name": "momentum", "strategy_version": "3.2.0",
            "experiment_name": "q1", "symbols": ["BTCUSDT", "ETHUSDT"], "timeframe": "1h"})");
        const SimulationResult r = simulate(program, 2000, backend.get(), input);
        QVERIFY(r.unmockedStates.isEmpty());
        // Retried service errors aside, validation passes 0.97 / 0.99 and data is fresh 0.93 / 0.99 of the
        // time: 0.9204 reach PrepareConfig, whose States.TaskFailed (0.01 a try, about 0.0102 with retries)
        // is caught by CleanupAfterFailure, which then fails with States.Runtime on the missing
        // $.prepare_result (a bug of the definition). Every other path ends SUCCEEDED (RunBacktest failures
        // end in NotifyFailure): 0.9204 x 0.9898 = 0.911. Standard error over 2,000 runs: 0.0064; allow 0.02.
        const double succeeded = r.statuses.value(QStringLiteral("SUCCEEDED")) / 2000.0;
        QVERIFY2(near(succeeded, 0.911, 0.02), qPrintable(QString::number(succeeded)));
        QVERIFY(near(r.statuses.value(QStringLiteral("FAILED")) / 2000.0, 0.089, 0.02));
        CostSettings s;
        s.executionsPerMonth = 1000;
        const CostReport c = CostModel(PriceTable::builtIn(), s).estimate(m, r);
        QCOMPARE(c.transitionsPerExecution.p50, 10.0);
        QVERIFY(c.durationSeconds.p50 > 1000); // a 25-minute backtest
        QVERIFY(!c.expressEquivalent.eligible);
        QVERIFY(c.expressEquivalent.reasons.join(QLatin1Char(' '))
                    .contains(QStringLiteral("PrepareConfig (.sync)")));
        QCOMPARE(toString(c.recommendation.type), QStringLiteral("STANDARD"));
        QVERIFY(c.errors.isEmpty());
    }

    void progressCanCancel()
    {
        const auto program = compile(kRetry);
        MonteCarloOptions o;
        o.runs = 1000;
        int calls = 0, lastTotal = 0;
        const SimulationResult r =
            MonteCarlo::run(program, o, PriceTable::builtIn(), [&](int done, int total) {
                ++calls;
                lastTotal = total;
                return done < 256;
            });
        QCOMPARE(lastTotal, 1000);
        QVERIFY(r.cancelled);
        QCOMPARE(r.runs, 256);
        QCOMPARE(calls, 2);
    }
};

QTEST_GUILESS_MAIN(TestMonteCarlo)
#include "tst_montecarlo.moc"
