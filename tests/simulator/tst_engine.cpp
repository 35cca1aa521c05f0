// The interpreter on the virtual clock: history numbering, retries, timeouts, Parallel/Map
// concurrency, callbacks and limits. Expectations come from the ASL specification and the AWS
// developer guide (worked by hand in the comments), never from running the simulator.
#include "asl/asldocument.h"
#include "engine/execution.h"
#include "engine/mockconfig.h"
#include "engine/profile.h"
#include "json/jsonreader.h"
#include "json/jsonwriter.h"

#include <QFile>
#include <QtTest>

#include <algorithm>

using namespace sw;
using namespace sw::sim;

namespace {

std::shared_ptr<const Program> compile(const char *definition)
{
    const asl::AslDocument doc = asl::AslDocument::fromText(QByteArray(definition));
    return std::make_shared<const Program>(doc.machine);
}

Json parse(const char *text)
{
    return JsonReader::parse(QByteArray(text)).value;
}

std::unique_ptr<TaskBackend> profileBackend(const char *profile)
{
    Diagnostics problems;
    MockProfile p = MockProfile::parse(parse(profile), QString(), &problems);
    if (!problems.isEmpty())
        qWarning() << problems.first().message;
    return std::make_unique<ProfileBackend>(p);
}

QStringList types(const Execution &ex)
{
    QStringList out;
    for (const HistoryEvent &e : ex.history())
        out.append(QString::fromLatin1(eventTypeName(e.type)));
    return out;
}

} // namespace

class TestEngine : public QObject
{
    Q_OBJECT
private slots:
    // AWS API reference, GetExecutionHistory example (HelloWorld, one Pass state): ids 1..4, the
    // first state's previousEventId is 0, each later event points at the one before.
    void helloWorldHistory()
    {
        auto program = compile(R"({"StartAt":"HelloWorld","States":{"HelloWorld":{"Type":"Pass","Result":"Hello World!","End":true}}})");
        Execution ex(program, {});
        ex.runToCompletion();
        QCOMPARE(toString(ex.status()), toString(ExecutionStatus::Succeeded));
        QCOMPARE(ex.output(), Json("Hello World!"));
        QCOMPARE(types(ex), (QStringList{"ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"}));
        const auto &h = ex.history();
        QCOMPARE(h[0].id, 1);
        QCOMPARE(h[0].previousEventId, 0);
        QCOMPARE(h[1].previousEventId, 0);
        QCOMPARE(h[2].previousEventId, 2);
        QCOMPARE(h[3].previousEventId, 3);
        QCOMPARE(ex.transitions(), 1);
        const Json aws = ex.awsHistory();
        QCOMPARE(aws["events"].at(2)["stateExitedEventDetails"]["output"].toString(), QStringLiteral("\"Hello World!\""));
    }

    // ASL spec, Retry: the first retry waits IntervalSeconds, each next one BackoffRate times more.
    // Two failures then success under IntervalSeconds 2 / BackoffRate 2: waits 2 s + 4 s = 6 s, and
    // AWS bills each retry as a transition: 1 entry + 2 retries = 3.
    void retryBackoffOnVirtualClock()
    {
        auto program = compile(R"({"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
            "Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":2,"BackoffRate":2,"MaxAttempts":3}],"End":true}}})");
        auto backend = profileBackend(R"({"States":{"T":{"Invocations":{"0-1":{"Throw":{"Error":"Boom","Cause":"x"}},"2":{"Return":{"ok":true}}}}}})");
        ExecutionOptions o;
        o.backend = backend.get();
        Execution ex(program, o);
        ex.runToCompletion();
        QCOMPARE(toString(ex.status()), toString(ExecutionStatus::Succeeded));
        QCOMPARE(ex.output(), parse(R"({"ok":true})"));
        QCOMPARE(ex.now(), 6.0);
        QCOMPARE(ex.transitions(), 3);
        QCOMPARE(QString::fromLatin1(eventTypeName(ex.history().at(4).type)), QStringLiteral("TaskFailed"));
        QCOMPARE(QString::fromLatin1(eventTypeName(ex.history().at(5).type)), QStringLiteral("TaskScheduled"));
        QCOMPARE(ex.history().at(5).time, 2.0);
        QCOMPARE(ex.history().at(5).previousEventId, ex.history().at(4).id);
    }

    // MaxAttempts 3, always failing: retries after 2, 4 and 8 s, then the error propagates 14 s in.
    void retryExhaustion()
    {
        auto program = compile(R"({"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
            "Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":2,"BackoffRate":2,"MaxAttempts":3}],"End":true}}})");
        auto backend = profileBackend(R"({"States":{"T":{"Throw":{"Error":"Boom","Cause":"always"}}}})");
        ExecutionOptions o;
        o.backend = backend.get();
        Execution ex(program, o);
        ex.runToCompletion();
        QCOMPARE(toString(ex.status()), toString(ExecutionStatus::Failed));
        QCOMPARE(ex.error(), QStringLiteral("Boom"));
        QCOMPARE(ex.cause(), QStringLiteral("always"));
        QCOMPARE(ex.now(), 14.0);
        QList<double> scheduled;
        for (const HistoryEvent &e : ex.history()) {
            if (e.type == EventType::TaskScheduled)
                scheduled.append(e.time);
        }
        QCOMPARE(scheduled, (QList<double>{0, 2, 6, 14}));
    }

    // MaxDelaySeconds caps each wait (ASL spec).
    void maxDelayCaps()
    {
        auto program = compile(R"({"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
            "Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":10,"BackoffRate":3,"MaxAttempts":3,"MaxDelaySeconds":20}],"End":true}}})");
        auto backend = profileBackend(R"({"States":{"T":{"Throw":{"Error":"Boom"}}}})");
        ExecutionOptions o;
        o.backend = backend.get();
        Execution ex(program, o);
        ex.runToCompletion();
        QCOMPARE(ex.now(), 10.0 + 20.0 + 20.0);
    }

    // A one-hour Wait costs nothing in real time and one hour of simulated time.
    void waitIsVirtual()
    {
        auto program = compile(R"({"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}})");
        QElapsedTimer t;
        t.start();
        Execution ex(program, {});
        ex.runToCompletion();
        QVERIFY(t.elapsed() < 1000);
        QCOMPARE(ex.now(), 3600.0);
        QCOMPARE(toString(ex.status()), toString(ExecutionStatus::Succeeded));
    }

    // Parallel: results in branch order; branches run concurrently on the virtual clock (30 s and
    // 10 s branches end together at 30 s).
    void parallelIsConcurrent()
    {
        auto program = compile(R"({"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
            {"StartAt":"A","States":{"A":{"Type":"Wait","Seconds":30,"Next":"A2"},"A2":{"Type":"Pass","Result":"a","End":true}}},
            {"StartAt":"B","States":{"B":{"Type":"Wait","Seconds":10,"Next":"B2"},"B2":{"Type":"Pass","Result":"b","End":true}}}]}}})");
        Execution ex(program, {});
        ex.runToCompletion();
        QCOMPARE(toString(ex.status()), toString(ExecutionStatus::Succeeded));
        QCOMPARE(ex.output(), parse(R"(["a","b"])"));
        QCOMPARE(ex.now(), 30.0);
        QCOMPARE(ex.transitions(), 5); // P + A + A2 + B + B2
    }

    // A failing branch fails the Parallel with the branch's error and cause (ASL spec).
    void parallelBranchFailure()
    {
        auto program = compile(R"({"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
            {"StartAt":"A","States":{"A":{"Type":"Wait","Seconds":30,"End":true}}},
            {"StartAt":"B","States":{"B":{"Type":"Fail","Error":"BranchBroke","Cause":"why"}}}]}}})");
        Execution ex(program, {});
        ex.runToCompletion();
        QCOMPARE(toString(ex.status()), toString(ExecutionStatus::Failed));
        QCOMPARE(ex.error(), QStringLiteral("BranchBroke"));
        QCOMPARE(ex.cause(), QStringLiteral("why"));
        QCOMPARE(ex.now(), 0.0);
        QVERIFY(types(ex).contains(QStringLiteral("WaitStateAborted")));
    }

    // Map with MaxConcurrency 2 over 4 items of 10 s each takes 20 s; results keep item order.
    void mapConcurrency()
    {
        auto program = compile(R"({"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":2,"End":true,
            "ItemProcessor":{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}}}}})");
        ExecutionOptions o;
        o.input = parse("[1,2,3,4]");
        Execution ex(program, o);
        ex.runToCompletion();
        QCOMPARE(toString(ex.status()), toString(ExecutionStatus::Succeeded));
        QCOMPARE(ex.output(), parse("[1,2,3,4]"));
        QCOMPARE(ex.now(), 20.0);
        QCOMPARE(ex.transitions(), 5); // the Map state + one Wait per item; iterations themselves are not billed
        int started = 0;
        for (const HistoryEvent &e : ex.history())
            started += e.type == EventType::MapIterationStarted;
        QCOMPARE(started, 4);
    }

    // Catch with ResultPath: the error output {"Error","Cause"} goes into the raw input.
    void catchWithResultPath()
    {
        auto program = compile(R"({"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
            "Catch":[{"ErrorEquals":["Custom"],"ResultPath":"$.err","Next":"H"}],"End":true},"H":{"Type":"Pass","End":true}}})");
        auto backend = profileBackend(R"({"States":{"T":{"Throw":{"Error":"Custom","Cause":"c"}}}})");
        ExecutionOptions o;
        o.backend = backend.get();
        o.input = parse(R"({"a":1})");
        Execution ex(program, o);
        ex.runToCompletion();
        QCOMPARE(toString(ex.status()), toString(ExecutionStatus::Succeeded));
        QCOMPARE(ex.output(), parse(R"({"a":1,"err":{"Error":"Custom","Cause":"c"}})"));
    }

    // States.ALL does not catch States.Runtime (AWS developer guide, error names).
    void runtimeErrorsAreNotCaught()
    {
        auto program = compile(R"({"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
            "InputPath":"$.missing","Catch":[{"ErrorEquals":["States.ALL"],"Next":"H"}],"End":true},"H":{"Type":"Pass","End":true}}})");
        Execution ex(program, {});
        ex.runToCompletion();
        QCOMPARE(toString(ex.status()), toString(ExecutionStatus::Failed));
        QCOMPARE(ex.error(), QStringLiteral("States.Runtime"));
        QVERIFY(ex.cause().startsWith(QStringLiteral("An error occurred while executing the state 'T' (entered at the event id #2).")));
    }

    // The machine's TimeoutSeconds ends the execution as TIMED_OUT at that simulated time.
    void executionTimeout()
    {
        auto program = compile(R"({"TimeoutSeconds":5,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}})");
        Execution ex(program, {});
        ex.runToCompletion();
        QCOMPARE(toString(ex.status()), toString(ExecutionStatus::TimedOut));
        QCOMPARE(ex.error(), QStringLiteral("States.Timeout"));
        QCOMPARE(ex.now(), 5.0);
        QCOMPARE(QString::fromLatin1(eventTypeName(ex.history().last().type)), QStringLiteral("ExecutionTimedOut"));
    }

    // A task that runs longer than TimeoutSeconds fails with States.Timeout at the timeout.
    void taskTimeout()
    {
        auto program = compile(R"({"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::ecs:runTask.sync",
            "TimeoutSeconds":5,"End":true}}})");
        auto backend = profileBackend(R"({"States":{"T":{"Duration":10}}})");
        ExecutionOptions o;
        o.backend = backend.get();
        Execution ex(program, o);
        ex.runToCompletion();
        QCOMPARE(toString(ex.status()), toString(ExecutionStatus::Failed));
        QCOMPARE(ex.error(), QStringLiteral("States.Timeout"));
        QCOMPARE(ex.now(), 5.0);
        QVERIFY(types(ex).contains(QStringLiteral("TaskTimedOut")));
    }

    // A worker that heartbeats less often than HeartbeatSeconds fails with States.HeartbeatTimeout.
    void heartbeatTimeout()
    {
        auto program = compile(R"({"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::ecs:runTask.sync",
            "HeartbeatSeconds":30,"End":true}}})");
        auto backend = profileBackend(R"({"States":{"T":{"Duration":100,"HeartbeatInterval":60}}})");
        ExecutionOptions o;
        o.backend = backend.get();
        Execution ex(program, o);
        ex.runToCompletion();
        QCOMPARE(ex.error(), QStringLiteral("States.HeartbeatTimeout"));
        QCOMPARE(ex.now(), 30.0);
    }

    // A .waitForTaskToken task left pending waits for SendTaskSuccess; its output is the task result.
    void callbackPending()
    {
        auto program = compile(R"({"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "Parameters":{"MessageBody":{"token.$":"$$.Task.Token"}},"End":true}}})");
        auto backend = profileBackend(R"({"States":{"T":{"Callback":"Pending"}}})");
        ExecutionOptions o;
        o.backend = backend.get();
        Execution ex(program, o);
        ex.runToCompletion();
        QCOMPARE(toString(ex.status()), toString(ExecutionStatus::Running));
        const QList<PendingCallback> pending = ex.pendingCallbacks();
        QCOMPARE(pending.size(), 1);
        QCOMPARE(pending.first().stateName, QStringLiteral("T"));
        const Json scheduled = ex.history().at(2).input;
        QCOMPARE(scheduled["MessageBody"]["token"].toString(), pending.first().token);
        ex.runUntil(100);
        QVERIFY(ex.sendTaskSuccess(pending.first().token, parse(R"({"approved":true})")));
        ex.runToCompletion();
        QCOMPARE(toString(ex.status()), toString(ExecutionStatus::Succeeded));
        QCOMPARE(ex.output(), parse(R"({"approved":true})"));
        QCOMPARE(ex.now(), 100.0);
    }

    // AWS developer guide, "Avoid reaching the history quota": the 25,000th event of an execution
    // that has not succeeded is ExecutionFailed.
    void historyLimit()
    {
        auto program = compile(R"({"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}}})");
        Execution ex(program, {});
        ex.runToCompletion();
        QCOMPARE(toString(ex.status()), toString(ExecutionStatus::Failed));
        QCOMPARE(ex.eventCount(), 25000);
        QCOMPARE(QString::fromLatin1(eventTypeName(ex.history().last().type)), QStringLiteral("ExecutionFailed"));
        QCOMPARE(ex.history().last().id, 25000);
    }

    // MockConfigFile semantics (AWS developer guide): retries consume consecutive invocation
    // numbers, "1-2" covers two of them.
    void mockConfigRanges()
    {
        auto program = compile(R"({"StartAt":"L","States":{"L":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
            "Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":1,"MaxAttempts":3,"BackoffRate":1}],"End":true}}})");
        Diagnostics problems;
        MockConfig config = MockConfig::parse(parse(R"({
            "StateMachines":{"SM":{"TestCases":{"RetryPath":{"L":"MockedLambdaRetry"}}}},
            "MockedResponses":{"MockedLambdaRetry":{
              "0":{"Throw":{"Error":"Lambda.ResourceNotReadyException","Cause":"Lambda resource is not ready."}},
              "1-2":{"Throw":{"Error":"Lambda.TimeoutException","Cause":"Lambda timed out."}},
              "3":{"Return":{"StatusCode":200,"Payload":{"StatusCode":200,"body":"Hello from Lambda!"}}}}}})"), &problems);
        QVERIFY(problems.isEmpty());
        MockConfigBackend backend(config, config.testCase("SM", "RetryPath"));
        ExecutionOptions o;
        o.backend = &backend;
        Execution ex(program, o);
        ex.runToCompletion();
        QCOMPARE(toString(ex.status()), toString(ExecutionStatus::Succeeded));
        QCOMPARE(ex.output()["Payload"]["body"].toString(), QStringLiteral("Hello from Lambda!"));
        QCOMPARE(ex.transitions(), 4);
        QCOMPARE(ex.now(), 3.0);
    }

    void mockConfigShapeErrors()
    {
        Diagnostics problems;
        MockConfig::parse(parse(R"({"MockedResponses":{"R":{"0":{"Return":1,"Throw":{"Error":"E","Cause":"C"}},"2":{"Return":2}}}})"), &problems);
        QCOMPARE(problems.size(), 2); // both Return and Throw; "2" does not continue from "0"
    }

    // Distributed Map: the parent is billed one transition per child execution started; the
    // children's own transitions are billed to them, and each child has its own history.
    void distributedMapBilling()
    {
        auto program = compile(R"({"StartAt":"M","States":{"M":{"Type":"Map","End":true,
            "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},
              "StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","End":true}}}}}})");
        ExecutionOptions o;
        o.input = parse("[1,2,3]");
        Execution ex(program, o);
        ex.runToCompletion();
        QCOMPARE(toString(ex.status()), toString(ExecutionStatus::Succeeded));
        QCOMPARE(ex.output(), parse("[1,2,3]"));
        QCOMPARE(ex.transitions(), 1 + 3);
        QCOMPARE(ex.childRuns().size(), 3);
        for (const ChildRun &c : ex.childRuns()) {
            QCOMPARE(c.transitions, 2);
            QCOMPARE(c.executionType, QStringLiteral("EXPRESS"));
            QCOMPARE(QString::fromLatin1(eventTypeName(c.history.first().type)), QStringLiteral("ExecutionStarted"));
            QCOMPARE(QString::fromLatin1(eventTypeName(c.history.last().type)), QStringLiteral("ExecutionSucceeded"));
        }
    }

    // Issue acceptance: the engagement pipeline, run with the input its EventBridge rule sends and
    // no mocks, fails at NotifySuccess with States.Runtime because nothing produces $.result
    // (SNS Parameters "Message.$": "$.result"), as AWS would. With PreCleanup failing, its retrier
    // (IntervalSeconds 2, BackoffRate 2, MaxAttempts 3) waits 2 s, 4 s and 8 s.
    void engagementPipeline()
    {
        QFile f(QStringLiteral(STEPWISE_SOURCE_DIR "/resources/examples/engagement-ml-pipeline.asl.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const asl::AslDocument doc = asl::AslDocument::fromText(f.readAll());
        auto program = std::make_shared<const Program>(doc.machine);
        ExecutionOptions o;
        o.input = parse(R"({"model_version": "v1.2.0", "environment": "prod"})");
        Execution ex(program, o);
        ex.runToCompletion();
        QCOMPARE(toString(ex.status()), toString(ExecutionStatus::Failed));
        QCOMPARE(ex.error(), QStringLiteral("States.Runtime"));
        const HistoryEvent &lastEntered = *std::find_if(ex.history().rbegin(), ex.history().rend(),
                                                        [](const HistoryEvent &e) { return isStateEntered(e.type); });
        QCOMPARE(lastEntered.stateName, QStringLiteral("NotifySuccess"));
        QVERIFY(ex.cause().contains(QStringLiteral("'NotifySuccess' (entered at the event id #%1)").arg(lastEntered.id)));
        QVERIFY(ex.cause().contains(QStringLiteral("The JSONPath '$.result' specified for the field 'Message.$' could not be found")));

        auto backend = profileBackend(R"({"States":{"PreCleanup":{"Throw":{"Error":"Lambda.ServiceException","Cause":"down"}}}})");
        o.backend = backend.get();
        Execution failing(program, o);
        failing.runToCompletion();
        QList<double> attempts;
        for (const HistoryEvent &e : failing.history()) {
            if (e.type == EventType::LambdaFunctionScheduled)
                attempts.append(e.time);
        }
        QCOMPARE(attempts, (QList<double>{0, 2, 6, 14})); // waits of 2, 4 and 8 simulated seconds
    }

    // Determinism: the same seed gives the same history; FULL jitter stays within [0, delay].
    void deterministicJitter()
    {
        const char *def = R"({"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
            "Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":8,"BackoffRate":1,"MaxAttempts":1,"JitterStrategy":"FULL"}],"End":true}}})";
        auto program = compile(def);
        auto backend = profileBackend(R"({"States":{"T":{"Throw":{"Error":"Boom"}}}})");
        ExecutionOptions o;
        o.backend = backend.get();
        o.seed = 42;
        Execution a(program, o), b(program, o);
        a.runToCompletion();
        b.runToCompletion();
        QCOMPARE(a.now(), b.now());
        QVERIFY(a.now() >= 0 && a.now() <= 8);
    }
};

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
