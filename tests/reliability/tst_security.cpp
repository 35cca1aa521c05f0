// The security guarantees of docs/security.md:
// - JSONata runs sandboxed: no host objects, no $eval, no way from an expression to JavaScript's
//   Function constructor, the real clock or the engine's globals;
// - mock profiles read item files only beside themselves;
// - nothing in a definition, an input or a mock is executed as code or as a shell command;
// - simulating the conformance corpus and the examples opens no network connection, starts no
//   process and opens no file but system files and those the user chose (checked under strace).
#include "shared.h"

#include "asl/asldocument.h"
#include "engine/execution.h"
#include "engine/mockconfig.h"
#include "engine/profile.h"
#include "json/jsonreader.h"
#include "json/jsonwriter.h"
#include "jsonata/jsonataengine.h"
#include "validate/validator.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace sw;

namespace {

Json parse(const QByteArray &text)
{
    return JsonReader::parse(text).value;
}

QString quoted(const QString &s)
{
    return JsonWriter::compactString(Json(s));
}

// Shell and template injection attempts that would create `marker` if anything ran them.
QStringList hostileStrings(const QString &marker)
{
    return {
        QStringLiteral("$(touch %1)").arg(marker),
        QStringLiteral("`touch %1`").arg(marker),
        QStringLiteral("; touch %1; #").arg(marker),
        QStringLiteral("| touch %1").arg(marker),
        QStringLiteral("&& touch %1").arg(marker),
        QStringLiteral("${IFS}touch${IFS}%1").arg(marker),
        QStringLiteral("%(touch %1)s {{touch %1}} <%= `touch %1` %>").arg(marker),
        QStringLiteral("\"; require('child_process').execSync('touch %1'); \"").arg(marker),
    };
}

} // namespace

class TestSecurity : public QObject
{
    Q_OBJECT
private slots:
    void jsonataSandbox_data()
    {
        QTest::addColumn<QString>("expression");
        // Host objects a QML or browser engine would have.
        for (const char *name : {"XMLHttpRequest", "fetch", "require", "Qt", "process", "console", "print", "gc",
                                 "globalThis", "window", "module", "import"})
            QTest::newRow(name) << QStringLiteral("$") + QLatin1String(name);
        QTest::newRow("$eval") << QStringLiteral("$eval('1 + 1')");
        QTest::newRow("function constructor via input")
            << QStringLiteral("$states.input.constructor.constructor('return typeof XMLHttpRequest')()");
        QTest::newRow("function constructor via a function")
            << QStringLiteral("$string.constructor('return 1')()");
        QTest::newRow("prototype of input") << QStringLiteral("$states.input.__proto__.constructor");
        QTest::newRow("lambda constructor")
            << QStringLiteral("(function($x){$x}).constructor('return this')()");
        QTest::newRow("array prototype")
            << QStringLiteral("$states.input.list.constructor.constructor('return Date.now()')()");
    }
    // None of these reaches anything but JSONata values: each fails (undefined, not a function,
    // or unbound), never returning a host object or the result of JavaScript it built.
    void jsonataSandbox()
    {
        QFETCH(QString, expression);
        sim::JsonataEngine engine;
        const Json states{{QStringLiteral("input"), parse(R"({"list":[1,2],"s":"x"})")},
                          {QStringLiteral("context"), Json::object()}};
        const sim::Outcome<Json> r = engine.evaluate(expression, QStringLiteral("Output"), states, {});
        QVERIFY2(r.failed(), qPrintable(expression + QStringLiteral(" returned ") + JsonWriter::compactString(r.value())));
        QCOMPARE(r.failure().error, QStringLiteral("States.QueryEvaluationError"));
        // The engine is still sound afterwards: the virtual clock and the seeded random source.
        sim::EvalContext ctx;
        ctx.nowMillis = 0;
        const sim::Outcome<Json> now = engine.evaluate(QStringLiteral("$millis()"), QStringLiteral("Output"), states, ctx);
        QVERIFY(now.ok());
        QCOMPARE(now.value(), Json(0));
    }

    // Item files of a mock profile are read only beside the profile: absolute paths, parent
    // directories and Qt resource paths are refused before anything is opened.
    void mockItemFilesStayBesideTheProfile_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("beside") << "items.csv" << true;
        QTest::newRow("subfolder") << "data/items.json" << true;
        QTest::newRow("absolute") << "/etc/passwd" << false;
        QTest::newRow("parent") << "../items.csv" << false;
        QTest::newRow("parent inside") << "data/../../items.csv" << false;
        QTest::newRow("qt resource") << ":/stepwise/pricing/prices.json" << false;
        QTest::newRow("home") << "~/items.csv" << true; // not expanded: a file named "~" beside the profile
    }
    void mockItemFilesStayBesideTheProfile()
    {
        QFETCH(QString, file);
        QFETCH(bool, allowed);
        QTemporaryDir dir;
        QDir(dir.path()).mkpath(QStringLiteral("profile/data"));
        QDir(dir.path()).mkpath(QStringLiteral("profile/~"));
        for (const QString &f : {QStringLiteral("items.csv"), QStringLiteral("profile/items.csv"), QStringLiteral("profile/~/items.csv")}) {
            QFile out(dir.filePath(f));
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write("id,name\n1,a\n");
        }
        QFile json(dir.filePath(QStringLiteral("profile/data/items.json")));
        QVERIFY(json.open(QIODevice::WriteOnly));
        json.write(R"([{"id":"1","name":"a"}])");
        json.close();

        Diagnostics problems;
        const Json root{{QStringLiteral("ItemReaders"), Json{{QStringLiteral("Read"), Json{{QStringLiteral("File"), file}}}}}};
        const sim::MockProfile profile = sim::MockProfile::parse(root, dir.filePath(QStringLiteral("profile")), &problems);
        if (allowed) {
            QVERIFY2(problems.isEmpty(), qPrintable(problems.value(0).message));
            QVERIFY(profile.itemsFor(QStringLiteral("Read")));
            QCOMPARE(*profile.itemsFor(QStringLiteral("Read")), parse(R"([{"id":"1","name":"a"}])"));
        } else {
            QCOMPARE(problems.size(), 1);
            QCOMPARE(problems.first().pointer, QStringLiteral("/ItemReaders/Read/File"));
            QCOMPARE(problems.first().message, QStringLiteral("item files must be relative paths beside the profile"));
        }
    }

    // Shell syntax, template syntax and JavaScript in every place a definition, an input and a
    // mock can hold text are data: they are validated, simulated, reported and exported verbatim,
    // and nothing runs them.
    void hostileStringsAreData()
    {
        QTemporaryDir dir;
        const QString marker = dir.filePath(QStringLiteral("pwned"));
        for (const QString &hostile : hostileStrings(marker)) {
            const QString h = quoted(hostile);
            const QByteArray definition = QStringLiteral(R"({"Comment":%1,"StartAt":"Run","States":{
                "Run":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Comment":%1,
                       "Parameters":{"FunctionName":%1,"Payload":{"cmd":%1,"fmt.$":%2}},
                       "ResultSelector":{"out.$":"$.Payload"},"Next":"Pick"},
                "Pick":{"Type":"Choice","Choices":[{"Variable":"$.out","StringEquals":%1,"Next":"Fail"}],"Default":"Js"},
                "Js":{"Type":"Pass","QueryLanguage":"JSONata","Output":"{% $states.input.out & ' ' & $string($states.input) %}","Next":"Fail"},
                "Fail":{"Type":"Fail","Error":%1,"Cause":%1}}})")
                                             .arg(h, quoted(QStringLiteral("States.Format('{} {}', $.cmd, $.cmd)")))
                                             .toUtf8();
            const asl::AslDocument doc = asl::AslDocument::fromText(definition);
            QVERIFY(doc.parsed);
            QVERIFY(!hasErrors(validate::validate(doc)));
            Diagnostics problems;
            const sim::MockConfig config = sim::MockConfig::parse(
                parse(QStringLiteral(R"({"StateMachines":{"SM":{"TestCases":{"T":{"Run":"R"}}}},
                    "MockedResponses":{"R":{"0":{"Return":{"Payload":%1}}}}})")
                          .arg(h)
                          .toUtf8()),
                &problems);
            QVERIFY(problems.isEmpty());
            sim::MockConfigBackend backend(config, config.testCase(QStringLiteral("SM"), QStringLiteral("T")));
            sim::ExecutionOptions o;
            o.input = Json{{QStringLiteral("cmd"), hostile}};
            o.backend = &backend;
            o.executionName = QStringLiteral("run");
            sim::Execution ex(std::make_shared<const sim::Program>(doc.machine), o);
            ex.runToCompletion();
            QCOMPARE(sim::toString(ex.status()), sim::toString(sim::ExecutionStatus::Failed));
            QCOMPARE(ex.error(), hostile);
            QCOMPARE(ex.cause(), hostile);
            // States.Format put the text into the task's parameters as it was.
            const Json scheduled = ex.awsHistory()[u"events"].at(2);
            QCOMPARE(scheduled[u"type"].toString(), QStringLiteral("TaskScheduled"));
            const Json parameters = parse(scheduled[u"taskScheduledEventDetails"][u"parameters"].toString().toUtf8());
            QCOMPARE(parameters[u"Payload"][u"fmt"], Json(hostile + QLatin1Char(' ') + hostile));
            QVERIFY2(!QFile::exists(marker), qPrintable(hostile));
        }
    }

    // The same through the command line, which also prints what it read.
    void hostileStringsThroughTheCli()
    {
        const QString stepwise = QStringLiteral(STEPWISE_BINARY_DIR "/bin/stepwise");
        if (!QFile::exists(stepwise))
            QSKIP("the stepwise executable is not built");
        QTemporaryDir dir;
        const QString marker = dir.filePath(QStringLiteral("pwned"));
        int i = 0;
        for (const QString &hostile : hostileStrings(marker)) {
            const QString name = dir.filePath(QStringLiteral("m%1.asl.json").arg(i++));
            QFile f(name);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QStringLiteral(R"({"Comment":%1,"StartAt":"P","States":{"P":{"Type":"Pass","Result":%1,"Next":%1},%1:{"Type":"Succeed"}}})")
                        .arg(quoted(hostile))
                        .toUtf8());
            f.close();
            for (const QStringList &args : {QStringList{QStringLiteral("validate"), name},
                                            QStringList{QStringLiteral("simulate"), name, QStringLiteral("--input"), quoted(hostile)},
                                            QStringList{QStringLiteral("fmt"), name}}) {
                QProcess p;
                p.start(stepwise, args);
                QVERIFY(p.waitForFinished(60000));
                QVERIFY2(p.exitStatus() == QProcess::NormalExit, qPrintable(args.join(QLatin1Char(' '))));
                QVERIFY2(!QFile::exists(marker), qPrintable(hostile + QStringLiteral(" via ") + args.first()));
            }
        }
    }

    // Under strace: simulating every conformance case and every bundled example, with their
    // inputs and mocks, makes no network call, starts no program and opens only system files
    // (read-only) and the files of those cases.
    void simulatorTouchesOnlyChosenFiles()
    {
        REQUIRE_SHARED(shared);
        const QString strace = QStandardPaths::findExecutable(QStringLiteral("strace"));
        if (strace.isEmpty())
            QSKIP("strace is not installed (scripts/common.sh installs it)");
        const QString simrun = QStringLiteral(STEPWISE_BINARY_DIR "/tests/reliability/stepwise_simrun");
        QVERIFY(QFile::exists(simrun));

        QStringList definitions;
        QDirIterator it(shared + QStringLiteral("/corpus/conformance"), {QStringLiteral("definition.asl.json")},
                        QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            definitions.append(it.next());
        definitions.sort();
        const QString examples = QStringLiteral(STEPWISE_SOURCE_DIR "/resources/examples");
        for (const QString &f : QDir(examples).entryList({QStringLiteral("*.asl.json")}, QDir::Files))
            definitions.append(QDir(examples).filePath(f));
        QVERIFY(definitions.size() > 400);

        QTemporaryDir dir;
        const QString log = dir.filePath(QStringLiteral("strace.log"));
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(strace, QStringList{QStringLiteral("-f"), QStringLiteral("-qq"), QStringLiteral("-o"), log,
                                    QStringLiteral("-e"), QStringLiteral("trace=%network,%file,%process")}
                            << simrun << definitions);
        QVERIFY(p.waitForFinished(600000));
        const QByteArray output = p.readAll();
        if (p.exitCode() != 0 && (output.contains("PTRACE_TRACEME") || output.contains("Operation not permitted")))
            QSKIP("strace cannot trace here (ptrace is not permitted)");
        QVERIFY2(p.exitCode() == 0, output.constData());
        QVERIFY2(output.contains(QByteArray("simulated ")), output.constData());

        QFile f(log);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList chosen = {shared + QStringLiteral("/corpus/conformance/"), examples + QLatin1Char('/')};
        // Libraries, locales, time zones, the dynamic loader's cache, and what Qt reads about the
        // process and the machine; /etc/passwd or another process's /proc entry would be flagged.
        const QStringList system = {QStringLiteral("/usr/"), QStringLiteral("/lib"), QStringLiteral("/etc/ld.so."),
                                    QStringLiteral("/etc/localtime"), QStringLiteral("/etc/timezone"),
                                    QStringLiteral("/etc/xdg/QtProject/"), QStringLiteral("/proc/self/"),
                                    QStringLiteral("/sys/devices/system/cpu/"), QStringLiteral("/dev/")};
        static const QRegularExpression call(QStringLiteral(R"(^\d+\s+(\w+)\((.*)$)"));
        static const QRegularExpression path(QStringLiteral("\"([^\"]*)\"")); // the first quoted argument
        QStringList violations;
        int execs = 0, opens = 0;
        while (!f.atEnd()) {
            const QString line = QString::fromUtf8(f.readLine()).trimmed();
            const auto m = call.match(line);
            if (!m.hasMatch())
                continue;
            const QString name = m.captured(1), args = m.captured(2);
            if (name == QLatin1String("execve")) {
                if (++execs > 1)
                    violations.append(line);
                continue;
            }
            if (name == QLatin1String("socket") || name == QLatin1String("connect") || name == QLatin1String("bind") ||
                name == QLatin1String("sendto") || name == QLatin1String("sendmsg") || name == QLatin1String("listen") ||
                name == QLatin1String("accept") || name == QLatin1String("accept4") || name == QLatin1String("socketpair")) {
                violations.append(line);
                continue;
            }
            if (name != QLatin1String("openat") && name != QLatin1String("open") && name != QLatin1String("creat"))
                continue;
            ++opens;
            const QString file = QDir::cleanPath(path.match(args).captured(1));
            const bool writes = args.contains(QLatin1String("O_WRONLY")) || args.contains(QLatin1String("O_RDWR")) ||
                                args.contains(QLatin1String("O_CREAT")) || name == QLatin1String("creat");
            const auto under = [&](const QStringList &prefixes) {
                for (const QString &prefix : prefixes) {
                    if (file.startsWith(prefix) || file + QLatin1Char('/') == prefix)
                        return true;
                }
                return false;
            };
            const bool allowed = under(chosen) ? !writes : under(system) && (!writes || file.startsWith(QLatin1String("/dev/")));
            // Qt's own configuration: qt.conf beside the executable, its logging rules.
            const bool qtConfig = !writes && (file == QFileInfo(simrun).absolutePath() + QStringLiteral("/qt.conf") ||
                                              file.endsWith(QLatin1String("/QtProject/qtlogging.ini")));
            if (!allowed && !qtConfig)
                violations.append(line);
        }
        QVERIFY(opens > definitions.size());
        QVERIFY2(violations.isEmpty(), qPrintable(violations.mid(0, 20).join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestSecurity)
#include "tst_security.moc"
