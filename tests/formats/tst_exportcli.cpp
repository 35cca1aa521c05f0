// `stepwise export --format F` for the text formats of model/formats, on every pipeline of
// ../shared/examples: each is registered with the exporter list, written to standard output or to
// -o OUT, and the output is the library's (checked in depth by tst_formats_exports).
#include "shared.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

QString program()
{
    return QStringLiteral(STEPWISE_BINARY_DIR) + QStringLiteral("/bin/stepwise");
}

QByteArray run(const QStringList &args, int *rc)
{
    QProcess p;
    p.start(program(), args);
    p.waitForFinished(120'000);
    *rc = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return p.readAllStandardOutput();
}

} // namespace

class TestExportCli : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void formats_data();
    void formats();
    void listedInHelp();
};

void TestExportCli::initTestCase()
{
    if (!QFileInfo::exists(program())) QSKIP("the stepwise program is not built");
}

void TestExportCli::formats_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("marker");
    const QString shared = sharedDir();
    const QString dir = shared.isEmpty() ? sourceDir() + QStringLiteral("/resources/examples")
                                         : shared + QStringLiteral("/examples");
    const QList<QPair<QString, QByteArray>> formats = {
        {QStringLiteral("mermaid"), "stateDiagram-v2\n"},
        {QStringLiteral("yaml"), "StartAt: "},
        {QStringLiteral("json"), "\"StartAt\": "},
        {QStringLiteral("cloudformation"), "Type: AWS::StepFunctions::StateMachine\n"},
        {QStringLiteral("sam"), "Type: AWS::Serverless::StateMachine\n"},
        {QStringLiteral("terraform"), "resource \"aws_sfn_state_machine\" "},
    };
    for (const QFileInfo &fi :
         QDir(dir).entryInfoList({QStringLiteral("*.asl.json")}, QDir::Files, QDir::Name)) {
        for (const auto &f : formats)
            QTest::newRow(qPrintable(fi.fileName() + QLatin1Char(' ') + f.first))
                << fi.absoluteFilePath() << f.first << f.second;
    }
}

void TestExportCli::formats()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    QFETCH(QByteArray, marker);
    int rc = 0;
    const QByteArray out = run({QStringLiteral("export"), file, QStringLiteral("--format"), format}, &rc);
    QCOMPARE(rc, 0);
    QVERIFY2(out.contains(marker), out.left(300).constData());
    // The same bytes with -o.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.txt"));
    run({QStringLiteral("export"), file, QStringLiteral("--format"), format, QStringLiteral("-o"), path},
        &rc);
    QCOMPARE(rc, 0);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), out);
}

void TestExportCli::listedInHelp()
{
    int rc = 0;
    const QByteArray help = run({QStringLiteral("export"), QStringLiteral("--help")}, &rc);
    QCOMPARE(rc, 0);
    for (const char *f : {"mermaid", "yaml", "json", "cloudformation", "sam", "terraform"})
        QVERIFY2(help.contains(QByteArray("\n  ") + f + ' '), f);
}

QTEST_GUILESS_MAIN(TestExportCli)
#include "tst_exportcli.moc"
