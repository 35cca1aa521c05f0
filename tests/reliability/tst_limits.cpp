// The limits of docs/limits.md, each tested: AWS's 1 MB definition quota (a warning), files too
// large to open (refused at once), nesting depth (no stack overflow on the stacks we run on), the
// 25,000-event history quota (loops stop) and the JSONata time budget (non-terminating expressions
// stop with an error).
#include "asl/asldocument.h"
#include "asl/edges.h"
#include "edit/document.h"
#include "engine/execution.h"
#include "json/jsonreader.h"
#include "json/jsonwriter.h"
#include "jsonata/jsonataengine.h"
#include "validate/sizelimits.h"
#include "validate/validator.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <functional>

using namespace sw;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// The stack the deep-nesting work gets: what docs/limits.md promises is enough. AddressSanitizer
// makes every frame several times larger, so its builds get the 8 MiB of a main thread.
constexpr uint kStackBytes = kSanitized ? 8u * 1024 * 1024 : 1024u * 1024;

// Runs `work` on a thread with exactly kStackBytes of stack (or STEPWISE_TEST_STACK_KIB, to find
// how much is really needed): an overflow crashes the test.
void onSmallStack(const std::function<void()> &work)
{
    std::unique_ptr<QThread> t(QThread::create(work));
    const uint kib = qEnvironmentVariableIntValue("STEPWISE_TEST_STACK_KIB");
    t->setStackSize(kib > 0 ? kib * 1024 : kStackBytes);
    t->start();
    QVERIFY(t->wait(QDeadlineTimer(120000)));
}

QStringList codes(const Diagnostics &ds)
{
    QStringList out;
    for (const Diagnostic &d : ds)
        out.append(d.severityName() + QLatin1Char(' ') + d.code);
    return out;
}

QString messages(const Diagnostics &ds)
{
    QStringList out;
    for (const Diagnostic &d : ds)
        out.append(d.code + QStringLiteral(": ") + d.message);
    return out.join(QLatin1Char('\n'));
}

// {"StartAt":"P","States":{"P":{"Type":"Pass","Result":<payload>,"End":true}}} in Stepwise's
// 2-space layout, padded so that the whole text is exactly `bytes` long.
QByteArray passDefinitionOfSize(qint64 bytes)
{
    const QByteArray head = "{\n  \"StartAt\": \"P\",\n  \"States\": {\n    \"P\": {\n      \"Type\": \"Pass\",\n"
                            "      \"Result\": \"";
    const QByteArray tail = "\",\n      \"End\": true\n    }\n  }\n}\n";
    return head + QByteArray(bytes - head.size() - tail.size(), 'x') + tail;
}

QByteArray nested(int depth, const QByteArray &open, const QByteArray &inner, const QByteArray &close)
{
    QByteArray out;
    out.reserve(depth * (open.size() + close.size()) + inner.size());
    for (int i = 0; i < depth; ++i)
        out += open;
    out += inner;
    for (int i = 0; i < depth; ++i)
        out += close;
    return out;
}

// Everything the designer does with a definition: read, type, validate, derive edges, write back,
// simulate and export the history.
struct Workout
{
    bool parsed = false;
    QStringList diagnostics;
    bool roundTrip = false;
    QString status;
    Json output;
};

Workout workOut(const QByteArray &text, const Json &input = Json::object())
{
    Workout w;
    const asl::AslDocument doc = asl::AslDocument::fromText(text);
    w.parsed = doc.parsed;
    // Deep nesting indents past AWS's 1 MB quota as formatted: that warning is expected.
    for (const Diagnostic &d : validate::validate(doc)) {
        if (d.code != QLatin1String("DEFINITION_TOO_LARGE"))
            w.diagnostics.append(d.code + QStringLiteral(": ") + d.message);
    }
    for (const asl::State *s : doc.machine.allStates()) {
        for (const asl::StateMachine &b : s->branches)
            asl::edgesOf(b);
    }
    asl::edgesOf(doc.machine);
    if (!doc.parsed)
        return w;
    w.roundTrip = asl::AslDocument::fromText(doc.toText()).root.identical(doc.root);
    sim::ExecutionOptions o;
    o.input = input;
    sim::Execution ex(std::make_shared<const sim::Program>(doc.machine), o);
    ex.runToCompletion();
    w.status = sim::toString(ex.status());
    w.output = ex.output();
    JsonWriter::compact(ex.awsHistory());
    return w;
}

} // namespace

class TestLimits : public QObject
{
    Q_OBJECT
private slots:
    // AWS: "Maximum length of 1048576" for CreateStateMachine's definition. The definition still
    // opens; the validator warns, counting the text as Stepwise writes it.
    void definitionOverAwsQuota()
    {
        const QByteArray atLimit = passDefinitionOfSize(validate::MaxDefinitionSize);
        const asl::AslDocument ok = asl::AslDocument::fromText(atLimit);
        QCOMPARE(ok.toText(), atLimit); // the count is of exactly this text
        QCOMPARE(codes(validate::validate(ok)), QStringList());

        const asl::AslDocument over = asl::AslDocument::fromText(passDefinitionOfSize(validate::MaxDefinitionSize + 1));
        QVERIFY(over.parsed);
        const Diagnostics ds = validate::validate(over);
        QCOMPARE(codes(ds), QStringList{QStringLiteral("warning DEFINITION_TOO_LARGE")});
        QVERIFY2(ds.first().message.contains(QLatin1String("deploy it minified")), qPrintable(ds.first().message));
        QCOMPARE(ds.first().pos, (SourcePos{1, 1}));

        // Larger than the quota even without whitespace.
        const asl::AslDocument huge = asl::AslDocument::fromText(passDefinitionOfSize(3 * validate::MaxDefinitionSize));
        const Diagnostics hs = validate::validate(huge);
        QCOMPARE(codes(hs), QStringList{QStringLiteral("warning DEFINITION_TOO_LARGE")});
        QVERIFY2(hs.first().message.contains(QLatin1String("split it")), qPrintable(hs.first().message));
    }

    // Indentation grows with depth: a definition can pass the quota by its layout alone.
    void formattedSizeCountsIndentation()
    {
        const QByteArray deep = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":" +
                                nested(900, "[", "1", "]") + ",\"End\":true}}}";
        const asl::AslDocument doc = asl::AslDocument::fromText(deep);
        const qint64 formatted = doc.toText().size();
        QVERIFY(formatted > validate::MaxDefinitionSize && deep.size() < 4000);
        const Diagnostics ds = validate::validate(doc);
        QCOMPARE(codes(ds), QStringList{QStringLiteral("warning DEFINITION_TOO_LARGE")});
        QVERIFY2(ds.first().message.contains(QString::number(formatted)), qPrintable(ds.first().message));
    }

    // A 100 MB file is refused before it is read, with a message saying why; the open document is
    // left as it was. A device that never ends is stopped at the limit.
    void hugeFileIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("huge.asl.json"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QVERIFY(f.resize(100 * 1024 * 1024)); // sparse: nothing is written
        }
        edit::Document doc;
        doc.loadText(R"({"StartAt":"A","States":{"A":{"Type":"Succeed"}}})", QStringLiteral("kept.asl.json"));
        QElapsedTimer timer;
        timer.start();
        const QString error = doc.loadFile(path);
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(error, path + QStringLiteral(": too large to open (100.0 MB): Stepwise opens files of up to 16 MB, "
                                              "and AWS accepts definitions of up to 1 MB"));
        QCOMPARE(doc.filePath(), QStringLiteral("kept.asl.json"));
        QCOMPARE(doc.machine().startAt, QStringLiteral("A"));

        if (QFile::exists(QStringLiteral("/dev/zero"))) {
            const QString endless = doc.loadFile(QStringLiteral("/dev/zero"));
            QVERIFY2(endless.contains(QLatin1String("too large to open (more than 16 MB)")), qPrintable(endless));
        }

        // At the limit it still opens.
        const QString fits = dir.filePath(QStringLiteral("fits.asl.json"));
        {
            QFile f(fits);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QVERIFY(f.write(passDefinitionOfSize(validate::MaxFileSize)) == validate::MaxFileSize);
        }
        QCOMPARE(doc.loadFile(fits), QString());
        QVERIFY(doc.asl().parsed);
    }

    // The CLI reads files through the same limit (exit code 2: unreadable file).
    void cliRefusesHugeFile()
    {
        const QString stepwise = QStringLiteral(STEPWISE_BINARY_DIR "/bin/stepwise");
        if (!QFile::exists(stepwise))
            QSKIP("the stepwise executable is not built");
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("huge.asl.json"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QVERIFY(f.resize(100 * 1024 * 1024));
        }
        QProcess p;
        p.start(stepwise, {QStringLiteral("validate"), path});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY2(p.readAllStandardError().contains("too large to open (100.0 MB)"), "no size message");
    }

    // The reader refuses nesting deeper than its limit with a message; at the limit everything the
    // designer does works on a small stack (1 MiB; 8 MiB under AddressSanitizer).
    void nestingLimitOfTheReader()
    {
        const int limit = JsonReader::Options{}.maxDepth;
        QCOMPARE(limit, 1024);
        const JsonReader::Result deepest = JsonReader::parse(nested(limit, "[", "", "]"));
        QVERIFY(deepest.ok);
        const JsonReader::Result tooDeep = JsonReader::parse(nested(limit + 1, "[", "", "]"));
        QVERIFY(!tooDeep.ok);
        QCOMPARE(tooDeep.error, QStringLiteral("nesting deeper than 1024 levels"));
        QCOMPARE(tooDeep.errorPos, (SourcePos{1, 1025}));
        const asl::AslDocument doc = asl::AslDocument::fromText("{\"Comment\":" + nested(limit, "{\"a\":", "1", "}") + "}");
        QCOMPARE(codes(doc.readDiagnostics), QStringList{QStringLiteral("error INVALID_JSON_DESCRIPTION")});
        QVERIFY(doc.readDiagnostics.first().message.contains(QLatin1String("nesting deeper than 1024 levels")));
    }

    void deepNesting_data()
    {
        QTest::addColumn<QByteArray>("definition");
        QTest::addColumn<QString>("status");
        const int depth = JsonReader::Options{}.maxDepth;
        // A Pass state's Result 1,000+ levels deep: arrays, then objects.
        QTest::newRow("arrays in Result")
            << "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":" + nested(depth - 4, "[", "1", "]") +
                   ",\"End\":true}}}"
            << "SUCCEEDED";
        QTest::newRow("objects in Parameters with a path at the bottom")
            << "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Parameters\":" +
                   nested(depth - 5, "{\"a\":", "{\"v.$\":\"$.x\"}", "}") + ",\"End\":true}}}"
            << "SUCCEEDED";
        // Not(Not(...(condition))) 1,000 deep: the typed model, the validator and the simulator.
        QTest::newRow("Choice rule nested with Not")
            << "{\"StartAt\":\"C\",\"States\":{\"C\":{\"Type\":\"Choice\",\"Choices\":[" +
                   nested(depth - 8, "{\"Not\":", "{\"Variable\":\"$.x\",\"NumericEquals\":1}", "}").replace(0, 1, "{\"Next\":\"S\",") +
                   "],\"Default\":\"S\"},\"S\":{\"Type\":\"Succeed\"}}}"
            << "SUCCEEDED";
        // Parallel states nested as deep as the reader allows (four JSON levels each).
        QByteArray parallel = "{\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Succeed\"}}}";
        for (int i = 0; i < (depth - 4) / 4; ++i)
            parallel = "{\"StartAt\":\"P" + QByteArray::number(i) + "\",\"States\":{\"P" + QByteArray::number(i) +
                       "\":{\"Type\":\"Parallel\",\"Branches\":[" + parallel + "],\"End\":true}}}";
        QTest::newRow("Parallel in Parallel") << parallel << "SUCCEEDED";
        // Map processors nested likewise, over one item each.
        QByteArray map = "{\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Succeed\"}}}";
        for (int i = 0; i < (depth - 4) / 4; ++i)
            map = "{\"StartAt\":\"M" + QByteArray::number(i) + "\",\"States\":{\"M" + QByteArray::number(i) +
                  "\":{\"Type\":\"Map\",\"ItemsPath\":\"$.one\",\"ItemSelector\":{\"one\":[1]},\"ItemProcessor\":" +
                  map + ",\"End\":true}}}";
        QTest::newRow("Map in Map") << map << "SUCCEEDED";
    }
    void deepNesting()
    {
        QFETCH(QByteArray, definition);
        QFETCH(QString, status);
        Workout w;
        onSmallStack([&] { w = workOut(definition, Json{{QStringLiteral("x"), 1}, {QStringLiteral("one"), Json::array({1})}}); });
        QVERIFY(w.parsed);
        QCOMPARE(w.diagnostics, QStringList());
        QVERIFY(w.roundTrip);
        QCOMPARE(w.status, status);
    }

    // A loop runs until AWS's 25,000-event history quota and then fails with States.Runtime, also
    // when the loop is inside a Parallel branch (every branch's events count).
    void loopStopsAtHistoryLimit()
    {
        const asl::AslDocument doc = asl::AslDocument::fromText(R"({"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,
            "Branches":[{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Wait","Seconds":60,"Next":"Again"},
                           "Again":{"Type":"Choice","Choices":[{"Variable":"$.stop","IsPresent":true,"Next":"Done"}],"Default":"A"},
                           "Done":{"Type":"Succeed"}}},
                        {"StartAt":"C","States":{"C":{"Type":"Pass","Next":"Loop"},
                           "Loop":{"Type":"Choice","Choices":[{"Variable":"$.stop","IsPresent":true,"Next":"Stop"}],"Default":"C"},
                           "Stop":{"Type":"Succeed"}}}]}}})");
        const Diagnostics ds = validate::validate(doc);
        QVERIFY2(ds.isEmpty(), qPrintable(messages(ds)));
        QElapsedTimer timer;
        timer.start();
        sim::Execution ex(std::make_shared<const sim::Program>(doc.machine), sim::ExecutionOptions{});
        ex.runToCompletion();
        QCOMPARE(sim::toString(ex.status()), sim::toString(sim::ExecutionStatus::Failed));
        QCOMPARE(ex.error(), QStringLiteral("States.Runtime"));
        QCOMPARE(ex.eventCount(), 25000);
        QCOMPARE(ex.history().size(), 25000);
        QVERIFY2(timer.elapsed() < 30000, qPrintable(QString::number(timer.elapsed())));
    }

    // AWS's 256 KB quota on the data passed between states: a larger output fails the state with
    // States.DataLimitExceeded.
    void payloadOverQuota()
    {
        const QByteArray big(256 * 1024, 'x');
        const asl::AslDocument doc = asl::AslDocument::fromText(
            "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":\"" + big + "\",\"End\":true}}}");
        QVERIFY(!hasErrors(validate::validate(doc)));
        sim::Execution ex(std::make_shared<const sim::Program>(doc.machine), sim::ExecutionOptions{});
        ex.runToCompletion();
        QCOMPARE(sim::toString(ex.status()), sim::toString(sim::ExecutionStatus::Failed));
        QCOMPARE(ex.error(), QStringLiteral("States.DataLimitExceeded"));
    }

    // A JSONata expression that never ends is stopped after the engine's time budget and fails
    // the state with States.QueryEvaluationError, which a Catch can handle.
    void nonTerminatingJsonataIsStopped()
    {
        const asl::AslDocument doc = asl::AslDocument::fromText(R"({"QueryLanguage":"JSONata","StartAt":"Spin","States":{
            "Spin":{"Type":"Pass","Output":"{% ($loop := function($n) { $loop($n + 1) }; $loop(0)) %}",
                    "Next":"Done"},
            "Done":{"Type":"Succeed"}}})");
        QCOMPARE(codes(validate::validate(doc)), QStringList());
        sim::JsonataEngine engine(sim::JsonataEngine::Options{300});
        sim::ExecutionOptions o;
        o.jsonata = &engine;
        QElapsedTimer timer;
        timer.start();
        sim::Execution ex(std::make_shared<const sim::Program>(doc.machine), o);
        ex.runToCompletion();
        QVERIFY2(timer.elapsed() < 20000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(sim::toString(ex.status()), sim::toString(sim::ExecutionStatus::Failed));
        QCOMPARE(ex.error(), QStringLiteral("States.QueryEvaluationError"));
        QVERIFY2(ex.cause().contains(QLatin1String("Expression evaluation timeout")), qPrintable(ex.cause()));

        // Caught, the execution goes on, and the engine still evaluates.
        const asl::AslDocument task = asl::AslDocument::fromText(R"({"QueryLanguage":"JSONata","StartAt":"T","States":{
            "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                 "Arguments":{"n":"{% ($loop := function($n) { $loop($n + 1) }; $loop(0)) %}"},
                 "Catch":[{"ErrorEquals":["States.QueryEvaluationError"],"Next":"After"}],"End":true},
            "After":{"Type":"Pass","Output":"{% 6 * 7 %}","End":true}}})");
        QCOMPARE(codes(validate::validate(task)), QStringList());
        sim::Execution again(std::make_shared<const sim::Program>(task.machine), o);
        again.runToCompletion();
        QCOMPARE(sim::toString(again.status()), sim::toString(sim::ExecutionStatus::Succeeded));
        QCOMPARE(again.output(), Json(42));
    }
};

QTEST_GUILESS_MAIN(TestLimits)
#include "tst_limits.moc"
