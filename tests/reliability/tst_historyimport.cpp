// The execution-history importer (simulator/engine/historyimport.h) against the shape of AWS's
// GetExecutionHistory: the API reference's HelloWorld example (epoch-second timestamps), the AWS
// CLI's rendering (ISO-8601 strings with an offset, --reverse-order), the event detail structures
// of the service model (stateEnteredEventDetails, taskScheduledEventDetails with "parameters",
// mapIterationStartedEventDetails with "name" and "index"...), and the simulator's own exports.
#include "shared.h"

#include "asl/asldocument.h"
#include "engine/execution.h"
#include "engine/historyimport.h"
#include "engine/mockloader.h"
#include "json/jsonreader.h"
#include "json/jsonwriter.h"
#include "jsonata/jsonataengine.h"

#include <QDir>
#include <QFile>
#include <QtTest>

using namespace sw;
using namespace sw::sim;

namespace {

Json parse(const QByteArray &text)
{
    const JsonReader::Result r = JsonReader::parse(text);
    if (!r.ok)
        qWarning() << "test JSON does not parse:" << r.error << r.errorPos.line << r.errorPos.column;
    return r.value;
}

QString typeOf(const HistoryEvent &e)
{
    return QString::fromLatin1(eventTypeName(e.type));
}

QStringList codes(const ImportedHistory &h)
{
    QStringList out;
    for (const Diagnostic &d : h.problems)
        out.append(d.severityName() + QLatin1Char(' ') + d.code + QLatin1Char(' ') + d.pointer);
    return out;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// data/history-api-helloworld.json: the GetExecutionHistory example of the AWS API reference
// (HelloWorld, one Pass state), with the timestamps as the API returns them: epoch seconds.
// data/history-cli.json: what `aws stepfunctions get-execution-history` prints for a Task that fails
// once and is retried, then an inline Map over two items and a Parallel state with two branches.
Json fixture(const char *name)
{
    return parse(readAll(QStringLiteral(STEPWISE_SOURCE_DIR "/tests/reliability/data/") + QLatin1String(name)));
}

} // namespace

class TestHistoryImport : public QObject
{
    Q_OBJECT
private slots:
    void apiResponse()
    {
        const ImportedHistory h = importHistory(fixture("history-api-helloworld.json"));
        QVERIFY2(h.problems.isEmpty(), qPrintable(codes(h).join(QLatin1Char('\n'))));
        QCOMPARE(h.events.size(), 4);
        QCOMPARE(h.startTime, QDateTime::fromMSecsSinceEpoch(1592252513287, Qt::UTC));
        QCOMPARE(typeOf(h.events[0]), QStringLiteral("ExecutionStarted"));
        QCOMPARE(h.events[0].input, Json::object());
        QCOMPARE(h.events[0].extra[u"roleArn"].toString(),
                 QStringLiteral("arn:aws:iam::123456789012:role/service-role/StepFunctions-HelloWorld-role"));
        QCOMPARE(h.events[1].stateName, QStringLiteral("HelloWorld"));
        QCOMPARE(h.events[1].previousEventId, 0);
        QCOMPARE(h.events[2].output, Json("Hello World!"));
        QCOMPARE(h.events[3].output, Json("Hello World!"));
        QVERIFY(h.events[3].stateName.isEmpty());
        // 1.592252513303E9 - 1.592252513287E9 = 16 ms
        QCOMPARE(qRound(h.events[3].time * 1000), 16);
        QCOMPARE(qRound(h.events[1].time * 1000), 9);
    }

    void cliOutput()
    {
        const ImportedHistory h = importHistory(fixture("history-cli.json"));
        QVERIFY2(h.problems.isEmpty(), qPrintable(codes(h).join(QLatin1Char('\n'))));
        QCOMPARE(h.events.size(), 30);
        // 10:15:02.123 at +01:00 is 09:15:02.123 UTC.
        QCOMPARE(h.startTime, QDateTime(QDate(2024, 3, 4), QTime(9, 15, 2, 123), Qt::UTC));
        QCOMPARE(h.events[0].input, parse(R"({"order":"A-1","items":[1,2]})"));

        // Task events carry no state name on AWS: they belong to the state entered before them.
        for (int i = 1; i <= 8; ++i)
            QCOMPARE(h.events[i].stateName, QStringLiteral("Charge"));
        const HistoryEvent &scheduled = h.events[2];
        QCOMPARE(typeOf(scheduled), QStringLiteral("TaskScheduled"));
        QCOMPARE(scheduled.input[u"Payload"], parse(R"({"order":"A-1"})"));
        QCOMPARE(scheduled.extra, parse(R"({"resourceType":"lambda","resource":"invoke","region":"eu-west-1"})"));
        const HistoryEvent &failed = h.events[4];
        QCOMPARE(failed.error, QStringLiteral("Lambda.ServiceException"));
        QCOMPARE(failed.cause, QStringLiteral("Rate exceeded"));
        QCOMPARE(failed.time, 1.047); // 10:15:03.170 - 10:15:02.123
        QCOMPARE(h.events[7].output[u"Payload"][u"paid"], Json(true));

        // The Map: iterations are their own chains with their index; the Map's end is the Map's.
        const HistoryEvent &mapStarted = h.events[10];
        QCOMPARE(mapStarted.stateName, QStringLiteral("Ship"));
        QCOMPARE(mapStarted.extra[u"length"], Json(2));
        QCOMPARE(mapStarted.mapIndex, -1);
        QCOMPARE(h.events[11].mapIndex, 0);
        QCOMPARE(h.events[12].mapIndex, 1);
        QCOMPARE(h.events[13].stateName, QStringLiteral("Label"));
        QCOMPARE(h.events[13].mapIndex, 0);
        QCOMPARE(h.events[14].mapIndex, 1);
        QCOMPARE(h.events[16].mapIndex, 1);
        QVERIFY(h.events[13].fiber != h.events[14].fiber);
        QCOMPARE(h.events[15].fiber, h.events[13].fiber);
        QCOMPARE(h.events[18].mapIndex, 1); // MapIterationSucceeded index 1
        const HistoryEvent &mapSucceeded = h.events[19];
        QCOMPARE(typeOf(mapSucceeded), QStringLiteral("MapStateSucceeded"));
        QCOMPARE(mapSucceeded.stateName, QStringLiteral("Ship"));
        QCOMPARE(mapSucceeded.mapIndex, -1);
        QCOMPARE(mapSucceeded.fiber, 0);

        // The Parallel state: a fiber per branch, the join back on the top level.
        const HistoryEvent &email = h.events[23], &delay = h.events[24];
        QCOMPARE(email.stateName, QStringLiteral("Email"));
        QCOMPARE(delay.stateName, QStringLiteral("Delay"));
        QVERIFY(email.fiber != 0 && delay.fiber != 0 && email.fiber != delay.fiber);
        QCOMPARE(h.events[26].fiber, delay.fiber);
        QCOMPARE(h.events[27].stateName, QStringLiteral("Notify"));
        QCOMPARE(h.events[27].fiber, 0);
        QCOMPARE(h.events[28].output, parse(R"(["sent",[1,2]])"));
        QCOMPARE(h.events[29].fiber, 0);
    }

    // `--reverse-order` prints the newest event first; a bare events array is accepted as well.
    void orderAndShape()
    {
        const Json forward = fixture("history-cli.json");
        QList<Json> reversed = forward[u"events"].items();
        std::reverse(reversed.begin(), reversed.end());
        const ImportedHistory a = importHistory(forward);
        const ImportedHistory b = importHistory(Json{{QStringLiteral("events"), Json::array(reversed)}});
        const ImportedHistory c = importHistory(Json::array(reversed));
        QVERIFY(b.problems.isEmpty() && c.problems.isEmpty());
        QCOMPARE(historyToAws(b.events, b.startTime), historyToAws(a.events, a.startTime));
        QCOMPARE(historyToAws(c.events, c.startTime), historyToAws(a.events, a.startTime));
        for (qsizetype i = 0; i < a.events.size(); ++i)
            QCOMPARE(b.events[i].fiber, a.events[i].fiber);
    }

    // The same events in the wrappers they come in: beside an execution's details (the console's
    // Export, DescribeExecution's fields), and as pages of get-execution-history saved one after
    // another (--max-items/--starting-token), in either order.
    void wrappers()
    {
        const Json cli = fixture("history-cli.json");
        const ImportedHistory plain = importHistory(cli);
        QVERIFY(plain.ok() && plain.events.size() > 4);
        const Json expected = historyToAws(plain.events, plain.startTime);
        const Json details{{QStringLiteral("executionArn"),
                            QStringLiteral("arn:aws:states:us-east-1:123456789012:execution:sm:run-1")},
                           {QStringLiteral("status"), QStringLiteral("FAILED")},
                           {QStringLiteral("input"), QStringLiteral("{}")}};
        for (const QString &key : {QStringLiteral("executionHistory"), QStringLiteral("history")}) {
            Json beside = details;
            beside.insert(key, cli);
            ImportedHistory h = importHistory(beside);
            QVERIFY2(h.problems.isEmpty(), qPrintable(codes(h).join(u',')));
            QCOMPARE(historyToAws(h.events, h.startTime), expected);
            beside.insert(key, cli[u"events"]);
            h = importHistory(beside);
            QVERIFY(h.problems.isEmpty());
            QCOMPARE(historyToAws(h.events, h.startTime), expected);
        }
        const QList<Json> all = cli[u"events"].items();
        const qsizetype half = all.size() / 2;
        const Json first{{QStringLiteral("events"), Json::array(all.mid(0, half))},
                         {QStringLiteral("nextToken"), QStringLiteral("token")}};
        const Json second{{QStringLiteral("events"), Json::array(all.mid(half))}};
        for (const Json &pages : {Json::array({first, second}), Json::array({second, first})}) {
            const ImportedHistory h = importHistory(pages);
            QVERIFY2(h.problems.isEmpty(), qPrintable(codes(h).join(u',')));
            QCOMPARE(historyToAws(h.events, h.startTime), expected);
        }
        // A page whose event is broken is reported where it is.
        QList<Json> broken = all.mid(half);
        broken[0].insert(QStringLiteral("id"), QStringLiteral("x"));
        const ImportedHistory h =
            importHistory(Json::array({first, Json{{QStringLiteral("events"), Json::array(broken)}}}));
        QVERIFY(codes(h).join(u',').contains(QStringLiteral("/1/events/0")));
    }

    // Epoch milliseconds (a browser's Date.getTime()) read as such, epoch seconds (the API) too.
    void epochUnits()
    {
        const auto at = [](double first, double second) {
            return importHistory(Json::array(
                {Json{{QStringLiteral("timestamp"), first}, {QStringLiteral("type"), QStringLiteral("ExecutionStarted")},
                      {QStringLiteral("id"), 1}},
                 Json{{QStringLiteral("timestamp"), second},
                      {QStringLiteral("type"), QStringLiteral("ExecutionSucceeded")},
                      {QStringLiteral("id"), 2},
                      {QStringLiteral("previousEventId"), 1}}}));
        };
        const ImportedHistory seconds = at(1709543702.0, 1709543704.5);
        const ImportedHistory millis = at(1709543702000.0, 1709543704500.0);
        QVERIFY(seconds.problems.isEmpty() && millis.problems.isEmpty());
        QCOMPARE(seconds.events[1].time, 2.5);
        QCOMPARE(millis.events[1].time, 2.5);
        QCOMPARE(millis.startTime, seconds.startTime);
        QCOMPARE(millis.startTime, QDateTime::fromMSecsSinceEpoch(1709543702000, Qt::UTC));
    }

    void timestamps_data()
    {
        QTest::addColumn<QString>("stamp");
        QTest::addColumn<qint64>("msecs"); // since the epoch, -1: unreadable
        QTest::newRow("cli offset") << "2024-03-04T10:15:02.123000+01:00" << qint64(1709543702123);
        QTest::newRow("zulu") << "2024-03-04T09:15:02.123Z" << qint64(1709543702123);
        QTest::newRow("no fraction") << "2024-03-04T09:15:02+00:00" << qint64(1709543702000);
        QTest::newRow("no offset") << "2024-03-04T09:15:02" << qint64(1709543702000);
        QTest::newRow("negative offset") << "2024-03-04T01:15:02.5-08:00" << qint64(1709543702500);
        QTest::newRow("compact offset") << "2024-03-04T10:15:02.123+0100" << qint64(1709543702123);
        QTest::newRow("leap day") << "2024-02-29T00:00:00Z" << qint64(1709164800000);
        QTest::newRow("not a date") << "2023-02-29T00:00:00Z" << qint64(-1);
        QTest::newRow("hour 24") << "2024-03-04T24:00:00Z" << qint64(-1);
        QTest::newRow("trailing text") << "2024-03-04T09:15:02Z and more" << qint64(-1);
        QTest::newRow("empty") << "" << qint64(-1);
    }
    void timestamps()
    {
        QFETCH(QString, stamp);
        QFETCH(qint64, msecs);
        const Json events = Json::array(
            {Json{{QStringLiteral("timestamp"), QStringLiteral("2024-03-04T09:15:02Z")},
                  {QStringLiteral("type"), QStringLiteral("ExecutionStarted")},
                  {QStringLiteral("id"), 1}},
             Json{{QStringLiteral("timestamp"), stamp}, {QStringLiteral("type"), QStringLiteral("ExecutionSucceeded")},
                  {QStringLiteral("id"), 2}, {QStringLiteral("previousEventId"), 1}}});
        const ImportedHistory h = importHistory(events);
        QCOMPARE(h.events.size(), 2);
        if (msecs < 0) {
            QCOMPARE(codes(h), QStringList{QStringLiteral("warning INVALID_HISTORY /1/timestamp")});
            QCOMPARE(h.events[1].time, 0.0);
        } else {
            QVERIFY(h.problems.isEmpty());
            QCOMPARE(qRound64(h.events[1].time * 1000), msecs - 1709543702000);
        }
    }

    void notAHistory_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("object") << QByteArray(R"({"executionArn":"arn"})");
        QTest::newRow("events not an array") << QByteArray(R"({"events":{}})");
        QTest::newRow("string") << QByteArray(R"("events")");
        QTest::newRow("null") << QByteArray("null");
    }
    void notAHistory()
    {
        QFETCH(QByteArray, json);
        const ImportedHistory h = importHistory(parse(json));
        QVERIFY(!h.ok());
        QVERIFY(h.events.isEmpty());
        QCOMPARE(codes(h), QStringList{QStringLiteral("error INVALID_HISTORY ")});
    }

    // Broken events are reported where they are and left out; the rest is still usable.
    void brokenEvents()
    {
        const ImportedHistory h = importHistory(fixture("history-broken.json"));
        QCOMPARE(codes(h), (QStringList{
                               QStringLiteral("warning HISTORY_PAYLOAD /events/0/executionStartedEventDetails/input"),
                               QStringLiteral("warning HISTORY_PAYLOAD /events/1/stateEnteredEventDetails/inputDetails"),
                               QStringLiteral("warning UNSUPPORTED_HISTORY_EVENT /events/2/type"),
                               QStringLiteral("error INVALID_HISTORY /events/3/id"),
                               QStringLiteral("error INVALID_HISTORY /events/4"),
                               QStringLiteral("warning INVALID_HISTORY /events/6/previousEventId"),
                               QStringLiteral("error INVALID_HISTORY /events/5"),
                           }));
        QCOMPARE(h.events.size(), 3);
        QCOMPARE(h.events[0].input, Json(QStringLiteral("{\"a\":"))); // kept as text
        QCOMPARE(h.events[2].previousEventId, 0);                     // 12 is no earlier event
        QCOMPARE(h.events[2].error, QStringLiteral("States.TaskFailed"));
        QVERIFY(!h.events[2].cause.isNull()); // present but empty is kept apart from absent
        QVERIFY(h.events[1].error.isNull());
    }

    // Importing what the simulator exports gives back its events (AWS does not record state names
    // of Task events, Map indexes or branches: those are derived and must agree with the simulator).
    void simulatedExecutions()
    {
        const char *definition = R"({"StartAt":"Charge","States":{
            "Charge":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f","Payload.$":"$"},
                      "Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":2,"MaxAttempts":2}],"ResultPath":null,"Next":"Ship"},
            "Ship":{"Type":"Map","ItemsPath":"$.items","ItemProcessor":{"StartAt":"Label","States":{
                "Label":{"Type":"Pass","Next":"Inner"},
                "Inner":{"Type":"Map","ItemsPath":"$.parts","ItemProcessor":{"StartAt":"Part","States":{"Part":{"Type":"Wait","Seconds":1,"End":true}}},"End":true}}},
              "ResultPath":"$.shipped","Next":"Notify"},
            "Notify":{"Type":"Parallel","Branches":[
                {"StartAt":"Email","States":{"Email":{"Type":"Pass","End":true}}},
                {"StartAt":"Delay","States":{"Delay":{"Type":"Wait","Seconds":10,"Next":"Sms"},"Sms":{"Type":"Pass","End":true}}}],"End":true}}})";
        const asl::AslDocument doc = asl::AslDocument::fromText(definition);
        ExecutionOptions o;
        o.input = parse(R"({"items":[{"parts":[1,2]},{"parts":[3]}]})");
        Execution ex(std::make_shared<const Program>(doc.machine), o);
        ex.runToCompletion();
        QCOMPARE(toString(ex.status()), toString(ExecutionStatus::Succeeded));

        const ImportedHistory h = importHistory(ex.awsHistory());
        QVERIFY2(h.problems.isEmpty(), qPrintable(codes(h).join(QLatin1Char('\n'))));
        QCOMPARE(h.events.size(), ex.history().size());
        QCOMPARE(h.startTime, ex.startTime());
        for (qsizetype i = 0; i < h.events.size(); ++i) {
            const HistoryEvent &want = ex.history().at(i), &got = h.events.at(i);
            const QByteArray where = QByteArray::number(want.id) + ' ' + eventTypeName(want.type);
            QCOMPARE(got.id, want.id);
            QCOMPARE(got.previousEventId, want.previousEventId);
            QCOMPARE(typeOf(got), typeOf(want));
            QVERIFY2(qAbs(got.time - want.time) < 0.0005, where);
            QVERIFY2(got.stateName == want.stateName, where + ": " + got.stateName.toUtf8());
            QVERIFY2(got.mapIndex == want.mapIndex, where + ": " + QByteArray::number(got.mapIndex));
            QCOMPARE(got.error, want.error);
            QCOMPARE(got.cause, want.cause);
        }
        QCOMPARE(historyToAws(h.events, h.startTime), ex.awsHistory());
    }

    // Every execution of the conformance corpus (recorded on AWS, run here with its mocks) exports
    // and imports back to the same history.
    void conformanceRoundTrip()
    {
        REQUIRE_SHARED(shared);
        JsonataEngine jsonata;
        const QDir root(shared + QStringLiteral("/corpus/conformance"));
        int checked = 0;
        for (const QString &name : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
            const QString dir = root.filePath(name);
            const asl::AslDocument doc = asl::AslDocument::fromText(readAll(dir + QStringLiteral("/definition.asl.json")));
            if (!doc.parsed)
                continue;
            std::unique_ptr<TaskBackend> backend;
            if (QFile::exists(dir + QStringLiteral("/mocks.json"))) {
                QString error;
                backend = loadMocks(dir + QStringLiteral("/mocks.json"), name, QStringLiteral("RecordedExecution"), &error);
            }
            ExecutionOptions o;
            o.input = JsonReader::parse(readAll(dir + QStringLiteral("/input.json"))).value;
            o.backend = backend.get();
            o.jsonata = &jsonata;
            Execution ex(std::make_shared<const Program>(doc.machine), o);
            ex.runToCompletion();
            const Json exported = ex.awsHistory();
            const ImportedHistory h = importHistory(exported);
            QVERIFY2(h.ok(), qPrintable(name + QLatin1Char(' ') + codes(h).join(QLatin1Char(' '))));
            QVERIFY2(historyToAws(h.events, h.startTime) == exported, qPrintable(name));
            for (qsizetype i = 0; i < h.events.size(); ++i) {
                QVERIFY2(h.events[i].stateName == ex.history()[i].stateName, qPrintable(name + QStringLiteral(" event %1").arg(i + 1)));
                QVERIFY2(h.events[i].mapIndex == ex.history()[i].mapIndex, qPrintable(name + QStringLiteral(" event %1").arg(i + 1)));
            }
            ++checked;
        }
        QVERIFY(checked > 400);
    }
};

QTEST_GUILESS_MAIN(TestHistoryImport)
#include "tst_historyimport.moc"
