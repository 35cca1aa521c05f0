// `stepwise validate` as a user runs it: exit codes (0 valid, 1 some file has an error, 2 usage or
// unreadable file), the text line format `FILE:LINE:COL: error CODE: message (/pointer)`, the --json
// shape, --type EXPRESS, and hostile inputs (truncated, 10 MB, deep nesting, invalid UTF-8, an
// array) that must give a clear message and never a crash or a hang.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run
{
    int exitCode = -1;
    bool crashed = false;
    QString out;
    QString err;
};

Run stepwise(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(STEPWISE_BINARY_DIR "/bin/stepwise"),
            QStringList{QStringLiteral("validate")} + args);
    Run r;
    if (!p.waitForStarted(10000)) {
        r.err = QStringLiteral("could not start stepwise");
        return r;
    }
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("stepwise did not finish within 60 s");
        return r;
    }
    r.crashed = p.exitStatus() != QProcess::NormalExit;
    r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

const QByteArray kValid =
    R"J({"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Succeed"}}})J";
const QByteArray kInvalid = "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", "
                            "\"Next\": \"NOPE\"}\n  }\n}\n";
const QByteArray kSync =
    R"J({"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2","End":true}}})J";

QByteArray nestedParallel(int depth)
{
    QByteArray s = R"J({"StartAt":"L","States":{"L":{"Type":"Pass","End":true}}})J";
    for (int i = 0; i < depth; ++i)
        s = QByteArray(R"J({"StartAt":"P)J") + QByteArray::number(i) + R"J(","States":{"P)J" +
            QByteArray::number(i) + R"J(":{"Type":"Parallel","Branches":[)J" + s + R"J(],"End":true}}})J";
    return s;
}

QByteArray bigDefinition()
{
    QByteArray s = R"J({"StartAt":"S0","States":{)J";
    const QByteArray comment(200, 'x');
    const int n = 40000;
    for (int i = 0; i < n; ++i) {
        s += "\"S" + QByteArray::number(i) + R"J(":{"Type":"Pass","Comment":")J" + comment +
             R"J(","Parameters":{"a.$":"$.b"},)J";
        s += i + 1 < n ? "\"Next\":\"S" + QByteArray::number(i + 1) + "\"}," : QByteArray("\"End\":true}");
    }
    return s + "}}";
}

} // namespace

class TestValidateCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void validFile();
    void invalidFileTextFormat();
    void jsonOutput();
    void expressType();
    void usageErrors();
    void hostileInputs_data();
    void hostileInputs();
    void tenMegabytes();

private:
    QString write(const QString &name, const QByteArray &content);
    QTemporaryDir m_dir;
};

void TestValidateCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFileInfo::exists(QStringLiteral(STEPWISE_BINARY_DIR "/bin/stepwise")),
             "build the stepwise binary first");
}

QString TestValidateCli::write(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void TestValidateCli::validFile()
{
    const Run r = stepwise({write(QStringLiteral("valid.asl.json"), kValid)});
    QVERIFY2(!r.crashed, qPrintable(r.err));
    QCOMPARE(r.exitCode, 0);
    QVERIFY(!r.out.contains(QLatin1String(": error ")));
}

void TestValidateCli::invalidFileTextFormat()
{
    const QString path = write(QStringLiteral("invalid.asl.json"), kInvalid);
    const Run r = stepwise({path});
    QCOMPARE(r.exitCode, 1);
    const QString expected =
        path + QStringLiteral(
                   ":4:35: error MISSING_TRANSITION_TARGET: Missing 'Next' target: NOPE (/States/A/Next)");
    QVERIFY2(r.out.split(QLatin1Char('\n')).contains(expected), qPrintable(r.out));
    static const QRegularExpression line(QStringLiteral("^.+:\\d+:\\d+: (error|warning) [A-Z_]+: .+$"));
    for (const QString &l : r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        QVERIFY2(line.match(l).hasMatch(), qPrintable(l));

    // Several files: each is reported, and one error makes the whole run fail.
    const Run both = stepwise({write(QStringLiteral("ok.json"), kValid), path});
    QCOMPARE(both.exitCode, 1);
    QVERIFY(both.out.contains(path));
}

void TestValidateCli::jsonOutput()
{
    const QString bad = write(QStringLiteral("bad.json"), kInvalid);
    const QString good = write(QStringLiteral("good.json"), kValid);
    const Run r = stepwise({QStringLiteral("--json"), good, bad});
    QCOMPARE(r.exitCode, 1);
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &pe);
    QVERIFY2(pe.error == QJsonParseError::NoError, qPrintable(r.out));
    const QJsonArray files = doc.object().value(QLatin1String("files")).toArray();
    QCOMPARE(files.size(), 2);
    QCOMPARE(files.at(0).toObject().value(QLatin1String("file")).toString(), good);
    QCOMPARE(files.at(0).toObject().value(QLatin1String("valid")).toBool(), true);
    const QJsonObject second = files.at(1).toObject();
    QCOMPARE(second.value(QLatin1String("valid")).toBool(), false);
    const QJsonArray ds = second.value(QLatin1String("diagnostics")).toArray();
    QVERIFY(!ds.isEmpty());
    QJsonObject d;
    for (const QJsonValue &v : ds) {
        const QJsonObject o = v.toObject();
        for (const char *key : {"severity", "code", "pointer", "line", "column", "message"})
            QVERIFY2(o.contains(QLatin1String(key)), key);
        QVERIFY(o.value(QLatin1String("line")).isDouble() && o.value(QLatin1String("column")).isDouble());
        if (o.value(QLatin1String("pointer")).toString() == QLatin1String("/States/A/Next")) d = o;
    }
    QVERIFY2(!d.isEmpty(), qPrintable(r.out));
    QCOMPARE(d.value(QLatin1String("severity")).toString(), QStringLiteral("error"));
    QCOMPARE(d.value(QLatin1String("code")).toString(), QStringLiteral("MISSING_TRANSITION_TARGET"));
    QCOMPARE(d.value(QLatin1String("pointer")).toString(), QStringLiteral("/States/A/Next"));
    QCOMPARE(d.value(QLatin1String("line")).toInt(), 4);
    QCOMPARE(d.value(QLatin1String("column")).toInt(), 35);
}

void TestValidateCli::expressType()
{
    const QString path = write(QStringLiteral("sync.json"), kSync);
    QCOMPARE(stepwise({path}).exitCode, 0);
    QCOMPARE(stepwise({QStringLiteral("--type"), QStringLiteral("STANDARD"), path}).exitCode, 0);
    const Run r = stepwise({QStringLiteral("--type"), QStringLiteral("EXPRESS"), path});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(
        r.out.contains(QLatin1String("Express state machine does not support '.sync' service integration")),
        qPrintable(r.out));
    QCOMPARE(stepwise({QStringLiteral("--type=express"), path}).exitCode, 1);
}

void TestValidateCli::usageErrors()
{
    const QString good = write(QStringLiteral("usage.json"), kValid);
    const Run none = stepwise({});
    QCOMPARE(none.exitCode, 2);
    QVERIFY(!none.err.isEmpty());
    QCOMPARE(stepwise({QStringLiteral("--type"), QStringLiteral("LAMBDA"), good}).exitCode, 2);
    QCOMPARE(stepwise({QStringLiteral("--frobnicate"), good}).exitCode, 2);
    const Run missing = stepwise({m_dir.filePath(QStringLiteral("does-not-exist.json"))});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(missing.err.contains(QLatin1String("no such file")));
    QCOMPARE(stepwise({m_dir.path()}).exitCode, 2);
    const Run help = stepwise({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains(QLatin1String("--type")));
}

void TestValidateCli::hostileInputs_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("expect");
    QTest::newRow("truncated") << kValid.left(kValid.size() / 2) << 1 << "INVALID_JSON_DESCRIPTION";
    QTest::newRow("empty file") << QByteArray() << 1 << "INVALID_JSON_DESCRIPTION";
    QTest::newRow("invalid UTF-8") << QByteArray("{\"StartAt\":\"\xff\xfe\",\"States\":{}}") << 1
                                   << "INVALID_JSON_DESCRIPTION";
    QTest::newRow("array") << QByteArray("[1, 2, 3]") << 1 << "must be a JSON object";
    QTest::newRow("string") << QByteArray("\"text\"") << 1 << "must be a JSON object";
    QTest::newRow("Parallel nested 200 deep") << nestedParallel(200) << 0 << "";
    QTest::newRow("arrays nested 200 deep")
        << QByteArray(R"J({"StartAt":"A","States":{"A":{"Type":"Pass","Result":)J") + QByteArray(200, '[') +
               QByteArray(200, ']') + "," + R"J("End":true}}})J"
        << 0 << "";
    QTest::newRow("arrays nested 100000 deep")
        << QByteArray(100000, '[') + QByteArray(100000, ']') << 1 << "INVALID_JSON_DESCRIPTION";
    QTest::newRow("JSONata nested 1000000 deep")
        << QByteArray(
               R"J({"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% )J") +
               QByteArray(1000000, '(') + "1" + QByteArray(1000000, ')') + R"J( %}","End":true}}})J"
        << 1 << "nested too deeply";
    QTest::newRow("cycle") << QByteArray(R"J({"StartAt":"A","States":{"A":{"Type":"Pass","Next":"A"}}})J")
                           << 1 << "MISSING_END_STATE";
}

void TestValidateCli::hostileInputs()
{
    QFETCH(QByteArray, content);
    QFETCH(int, exitCode);
    QFETCH(QString, expect);
    const Run r = stepwise({write(QStringLiteral("hostile.json"), content)});
    QVERIFY2(!r.crashed, qPrintable(r.err));
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.out.contains(expect), qPrintable(r.out.left(2000)));
}

void TestValidateCli::tenMegabytes()
{
    const QByteArray big = bigDefinition();
    QVERIFY(big.size() > 10 * 1000 * 1000);
    QElapsedTimer timer;
    timer.start();
    const Run r = stepwise({write(QStringLiteral("big.json"), big)});
    QVERIFY2(!r.crashed, qPrintable(r.err));
    QCOMPARE(r.exitCode, 0);
    qInfo() << "validated" << big.size() / 1000000 << "MB in" << timer.elapsed() << "ms";
    QVERIFY(timer.elapsed() < 30000);
}

QTEST_GUILESS_MAIN(TestValidateCli)
#include "tst_validatecli.moc"
