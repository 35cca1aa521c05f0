// The designer's view of a run, derived from history events alone. Expectations are worked by hand
// from the definitions (retry delays, Map concurrency, which state fails).
#include "asl/asldocument.h"
#include "asl/edges.h"
#include "engine/execution.h"
#include "engine/profile.h"
#include "engine/runtimeline.h"
#include "json/jsonreader.h"

#include <QtTest>

using namespace sw;
using namespace sw::sim;

namespace {

struct Run
{
    std::unique_ptr<TaskBackend> backend;
    std::unique_ptr<Execution> ex;
};

Run run(const char *definition, const char *profile = nullptr, const char *input = "{}")
{
    Run r;
    const asl::AslDocument doc = asl::AslDocument::fromText(QByteArray(definition));
    ExecutionOptions o;
    o.input = JsonReader::parse(QByteArray(input)).value;
    if (profile) {
        Diagnostics problems;
        r.backend = std::make_unique<ProfileBackend>(MockProfile::parse(JsonReader::parse(QByteArray(profile)).value, QString(), &problems));
        o.backend = r.backend.get();
    }
    r.ex = std::make_unique<Execution>(std::make_shared<const Program>(doc.machine), o);
    r.ex->runToCompletion();
    return r;
}

QString status(const RunSnapshot &s, const QString &state)
{
    return toString(s.status.value(state, RunStatus::NotRun));
}

const char *kRetry = R"({"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
    "Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":2,"BackoffRate":2,"MaxAttempts":3}],"Next":"Done"},
    "Done":{"Type":"Succeed"}}})";
const char *kFlaky = R"({"States":{"T":{"Invocations":{"0-1":{"Throw":{"Error":"Boom"}},"2":{"Return":{"ok":true}}}}}})";

} // namespace

class TestRunTimeline : public QObject
{
    Q_OBJECT
private slots:
    // Fails at 0 s and 2 s, succeeds at 6 s: "retrying" during each backoff, with the time left.
    void retryingDuringBackoff()
    {
        Run r = run(kRetry, kFlaky);
        RunTimeline t(r.ex->history());
        QCOMPARE(status(t.snapshotAtTime(1.0), "T"), QStringLiteral("retrying"));
        QCOMPARE(t.snapshotAtTime(1.0).remaining.value("T"), 1.0);
        QCOMPARE(status(t.snapshotAtTime(3.0), "T"), QStringLiteral("retrying"));
        QCOMPARE(t.snapshotAtTime(3.0).remaining.value("T"), 3.0);
        const RunSnapshot end = t.snapshotAfterEvents(t.eventCount());
        QCOMPARE(status(end, "T"), QStringLiteral("succeeded"));
        QCOMPARE(status(end, "Done"), QStringLiteral("succeeded"));
        QCOMPARE(end.executionStatus, QStringLiteral("SUCCEEDED"));
        QCOMPARE(t.visits().first().retries, 2);
        QCOMPARE(t.visits().first().end, 6.0);
        QCOMPARE(status(t.snapshotAfterEvents(0), "T"), QStringLiteral("notRun"));
    }

    void caughtAndFailingPath()
    {
        Run r = run(R"({"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
            "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Handle"}],"End":true},
            "Handle":{"Type":"Fail","Error":"Gave.Up"}}})", R"({"States":{"T":{"Throw":{"Error":"Boom"}}}})");
        RunTimeline t(r.ex->history());
        const RunSnapshot end = t.snapshotAfterEvents(t.eventCount());
        QCOMPARE(status(end, "T"), QStringLiteral("caught"));
        QCOMPARE(status(end, "Handle"), QStringLiteral("failed"));
        QCOMPARE(end.failingPath, QStringList{"Handle"});
        QCOMPARE(end.executionStatus, QStringLiteral("FAILED"));
        // Edges: Start -> T, then the Catch row 0 from T to Handle.
        QCOMPARE(t.firedEdges().size(), 2);
        QCOMPARE(t.firedEdges().at(1).from, QStringLiteral("T"));
        QCOMPARE(t.firedEdges().at(1).kind, int(asl::EdgeKind::Catch));
        QCOMPARE(t.firedEdges().at(1).index, 0);
    }

    // Four 10 s iterations, two at a time: at 5 s two run; at 15 s two are done and two run.
    void mapProgress()
    {
        Run r = run(R"({"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":2,"End":true,
            "ItemProcessor":{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}}}}})",
                    nullptr, "[1,2,3,4]");
        RunTimeline t(r.ex->history());
        const MapProgress at5 = t.snapshotAtTime(5).maps.value("M");
        QCOMPARE(at5.total, 4);
        QCOMPARE(at5.running, 2);
        QCOMPARE(at5.done, 0);
        QCOMPARE(status(t.snapshotAtTime(5), "W"), QStringLiteral("waiting"));
        QCOMPARE(t.snapshotAtTime(5).remaining.value("W"), 5.0);
        const MapProgress at15 = t.snapshotAtTime(15).maps.value("M");
        QCOMPARE(at15.done, 2);
        QCOMPARE(at15.running, 2);
        const MapProgress end = t.snapshotAfterEvents(t.eventCount()).maps.value("M");
        QCOMPARE(end.done, 4);
        QCOMPARE(end.running, 0);
        int waits = 0;
        for (const StateVisit &v : t.visits())
            waits += v.stateName == QLatin1String("W");
        QCOMPARE(waits, 4);
    }

    // A failing branch fails its Parallel; the sibling's Wait is cancelled.
    void parallelFailure()
    {
        Run r = run(R"({"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
            {"StartAt":"A","States":{"A":{"Type":"Wait","Seconds":30,"End":true}}},
            {"StartAt":"B","States":{"B":{"Type":"Fail","Error":"X"}}}]}}})");
        RunTimeline t(r.ex->history());
        const RunSnapshot end = t.snapshotAfterEvents(t.eventCount());
        QCOMPARE(status(end, "B"), QStringLiteral("failed"));
        QCOMPARE(status(end, "P"), QStringLiteral("failed"));
        QCOMPARE(status(end, "A"), QStringLiteral("cancelled"));
        QCOMPARE(end.failingPath, (QStringList{"B", "P"}));
    }

    // A runtime error in input processing fails the state it happened in.
    void executionFailureMarksTheState()
    {
        Run r = run(R"({"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","InputPath":"$.missing","End":true}}})");
        RunTimeline t(r.ex->history());
        const RunSnapshot end = t.snapshotAfterEvents(t.eventCount());
        QCOMPARE(status(end, "A"), QStringLiteral("succeeded"));
        QCOMPARE(status(end, "B"), QStringLiteral("failed"));
    }

    // Choice edges carry the rule index; Default has its own kind.
    void choiceEdges()
    {
        Run r = run(R"({"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
            {"Variable":"$.x","NumericEquals":1,"Next":"One"},{"Variable":"$.x","NumericEquals":2,"Next":"Two"}],"Default":"Other"},
            "One":{"Type":"Succeed"},"Two":{"Type":"Succeed"},"Other":{"Type":"Succeed"}}})", nullptr, R"({"x":2})");
        RunTimeline t(r.ex->history());
        QCOMPARE(t.firedEdges().at(1).to, QStringLiteral("Two"));
        QCOMPARE(t.firedEdges().at(1).kind, int(asl::EdgeKind::ChoiceRule));
        QCOMPARE(t.firedEdges().at(1).index, 1);
        QCOMPARE(t.firedEdges().at(0).kind, int(asl::EdgeKind::Start));
    }

    // A history without the simulator's extras (as imported from AWS: one fiber, no edge kinds)
    // gives the same visits, statuses and edge ends, through previousEventId.
    void awsHistoryShape()
    {
        Run r = run(kRetry, kFlaky);
        QList<HistoryEvent> events = r.ex->history();
        for (HistoryEvent &e : events) {
            e.fiber = 0;
            e.viaKind = -1;
            e.viaFrom.clear();
        }
        RunTimeline a(r.ex->history()), b(events);
        QCOMPARE(b.visits().size(), a.visits().size());
        QCOMPARE(b.visits().first().retries, 2);
        QCOMPARE(status(b.snapshotAtTime(1.0), "T"), QStringLiteral("retrying"));
        QCOMPARE(b.firedEdges().at(1).from, QStringLiteral("T"));
        QCOMPARE(b.firedEdges().at(1).to, QStringLiteral("Done"));
        QVERIFY(divergingStates(a, b).isEmpty());
    }

    void deterministicScrubbing()
    {
        Run r = run(kRetry, kFlaky);
        RunTimeline t(r.ex->history());
        for (double at : {0.0, 1.5, 2.0, 4.0, 6.0}) {
            const RunSnapshot x = t.snapshotAtTime(at), y = t.snapshotAtTime(at);
            QCOMPARE(x.status, y.status);
            QCOMPARE(x.remaining, y.remaining);
            QCOMPARE(x.events, y.events);
        }
    }

    // Different mocks: the task's output and the states after it diverge, the start does not.
    void diverging()
    {
        const char *def = R"({"StartAt":"A","States":{"A":{"Type":"Pass","Next":"T"},
            "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Next":"B"},"B":{"Type":"Pass","End":true}}})";
        Run x = run(def, R"({"States":{"T":{"Return":{"v":1}}}})");
        Run y = run(def, R"({"States":{"T":{"Return":{"v":2}}}})");
        QCOMPARE(divergingStates(RunTimeline(x.ex->history()), RunTimeline(y.ex->history())), (QStringList{"T", "B"}));
    }
};

QTEST_GUILESS_MAIN(TestRunTimeline)
#include "tst_runtimeline.moc"
