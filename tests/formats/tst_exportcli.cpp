// `stepwise export --format F` for every format, on every pipeline of
// ../shared/examples: each is registered with the exporter list, written to standard output or to
// -o OUT, and the output is the library's (checked in depth by tst_formats_exports).
#include "shared.h"

#include <QDir>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QXmlStreamReader>

#include <functional>
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
    void diagramFormats_data();
    void diagramFormats();
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
    for (const char *f : {"svg", "png", "pdf", "dot", "mermaid", "yaml", "json", "cloudformation", "sam", "terraform"})
        QVERIFY2(help.contains(QByteArray("\n  ") + f + ' '), f);
}

void TestExportCli::diagramFormats_data()
{
    QTest::addColumn<QString>("file");
    const QString shared = sharedDir();
    const QString dir = shared.isEmpty() ? sourceDir() + QStringLiteral("/resources/examples")
                                         : shared + QStringLiteral("/examples");
    for (const QFileInfo &fi : QDir(dir).entryInfoList({QStringLiteral("*.asl.json")}, QDir::Files, QDir::Name))
        QTest::newRow(qPrintable(fi.fileName())) << fi.absoluteFilePath();
}

// The drawing formats through the command line (issue 8's acceptance, with the text formats
// above): the SVG parses as XML and names every state, the PNG decodes, the PDF is one page,
// Graphviz's dot accepts the DOT; PNG and PDF refuse to go to a terminal.
void TestExportCli::diagramFormats()
{
    QFETCH(QString, file);
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject definition = QJsonDocument::fromJson(f.readAll()).object();
    QStringList states;
    const std::function<void(const QJsonObject &)> collect = [&](const QJsonObject &machine) {
        const QJsonObject all = machine.value(QStringLiteral("States")).toObject();
        for (auto it = all.begin(); it != all.end(); ++it) {
            states.append(it.key());
            const QJsonObject s = it.value().toObject();
            for (const QJsonValue &b : s.value(QStringLiteral("Branches")).toArray())
                collect(b.toObject());
            for (const char *key : {"ItemProcessor", "Iterator"})
                if (s.contains(QLatin1String(key))) collect(s.value(QLatin1String(key)).toObject());
        }
    };
    collect(definition);
    QVERIFY(states.size() > 2);

    QTemporaryDir dir;
    int rc = 0;
    // SVG (to standard output)
    const QByteArray svg = run({QStringLiteral("export"), file, QStringLiteral("--format"), QStringLiteral("svg")}, &rc);
    QCOMPARE(rc, 0);
    QXmlStreamReader xml(svg);
    QStringList texts;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1String("text")) texts << xml.readElementText();
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    for (const QString &s : states)
        QVERIFY2(texts.contains(s), qPrintable(s));

    // PNG and PDF need -o.
    for (const char *binary : {"png", "pdf"}) {
        run({QStringLiteral("export"), file, QStringLiteral("--format"), QLatin1String(binary)}, &rc);
        QCOMPARE(rc, 2);
    }
    const QString png = dir.filePath(QStringLiteral("d.png"));
    run({QStringLiteral("export"), file, QStringLiteral("-o"), png}, &rc); // format from the suffix
    QCOMPARE(rc, 0);
    QVERIFY(!QImage(png).isNull());
    const QString pdf = dir.filePath(QStringLiteral("d.pdf"));
    run({QStringLiteral("export"), file, QStringLiteral("-o"), pdf}, &rc);
    QCOMPARE(rc, 0);
    QFile pdfFile(pdf);
    QVERIFY(pdfFile.open(QIODevice::ReadOnly));
    const QByteArray pdfData = pdfFile.readAll();
    QVERIFY(pdfData.startsWith("%PDF-"));
    QCOMPARE(int(QString::fromLatin1(pdfData).count(QRegularExpression(QStringLiteral("/Type\\s*/Page[^s]")))), 1);

    // DOT, laid out by Graphviz.
    const QByteArray dot = run({QStringLiteral("export"), file, QStringLiteral("--format"), QStringLiteral("dot")}, &rc);
    QCOMPARE(rc, 0);
    if (QStandardPaths::findExecutable(QStringLiteral("dot")).isEmpty()) QSKIP("Graphviz's dot is not installed");
    QProcess p;
    p.start(QStringLiteral("dot"), {QStringLiteral("-Tsvg")});
    QVERIFY(p.waitForStarted());
    p.write(dot);
    p.closeWriteChannel();
    QVERIFY(p.waitForFinished(120000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
}

QTEST_GUILESS_MAIN(TestExportCli)
#include "tst_exportcli.moc"
