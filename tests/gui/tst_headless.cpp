// The headless rendering commands of the `stepwise` executable: `layout --json` prints the
// geometry, `export` writes SVG/PNG/DOT (DOT that `dot` accepts), and `FILE --screenshot OUT.png
// --size WxH` renders the main window offscreen and exits 0.
#include "shared.h"

#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class TestHeadless : public QObject
{
    Q_OBJECT

    QString m_example;

    static QString stepwise() { return QStringLiteral(STEPWISE_BINARY_DIR "/bin/stepwise"); }

    static int run(const QStringList &args, QByteArray *out = nullptr, QByteArray *err = nullptr,
                   int timeout = 60000)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"),
                   QDir::tempPath() + QStringLiteral("/stepwise-test-config"));
        p.setProcessEnvironment(env);
        p.start(stepwise(), args);
        if (!p.waitForFinished(timeout)) return -1;
        if (out) *out = p.readAllStandardOutput();
        if (err) *err = p.readAllStandardError();
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(stepwise()), "build the stepwise target first");
        m_example = sourceDir() + QStringLiteral("/resources/examples/engagement-ml-pipeline.asl.json");
    }

    void layoutJson()
    {
        QByteArray out, err;
        QCOMPARE(run({QStringLiteral("layout"), m_example, QStringLiteral("--json")}, &out, &err), 0);
        const QJsonObject g = QJsonDocument::fromJson(out).object();
        QVERIFY2(!g.isEmpty(), err.constData());
        QVERIFY(g.value(QStringLiteral("width")).toDouble() > 0);
        QStringList names;
        for (const QJsonValue &n : g.value(QStringLiteral("nodes")).toArray()) {
            const QJsonObject o = n.toObject();
            for (const char *k : {"x", "y", "w", "h"})
                QVERIFY(o.contains(QLatin1String(k)));
            names << o.value(QStringLiteral("name")).toString();
        }
        for (const char *state :
             {"PreCleanup", "ParallelML", "Training", "InferencePrep", "HandleError", "NotifyFailure"})
            QVERIFY(names.contains(QLatin1String(state)));
        QStringList kinds;
        for (const QJsonValue &c : g.value(QStringLiteral("clusters")).toArray())
            kinds << c.toObject().value(QStringLiteral("kind")).toString();
        // Two Parallel states with two branches each.
        QCOMPARE(kinds.count(QStringLiteral("parallel")), 2);
        QCOMPARE(kinds.count(QStringLiteral("branch")), 4);
        bool labelledCatch = false;
        for (const QJsonValue &e : g.value(QStringLiteral("edges")).toArray()) {
            const QJsonObject o = e.toObject();
            QVERIFY(o.value(QStringLiteral("points")).toArray().size() >= 4);
            labelledCatch =
                labelledCatch || (o.value(QStringLiteral("kind")).toString() == QLatin1String("catch") &&
                                  !o.value(QStringLiteral("label")).toString().isEmpty());
        }
        QVERIFY(labelledCatch);
    }

    void exportFormats()
    {
        QTemporaryDir dir;
        QByteArray out, err;
        QCOMPARE(run({QStringLiteral("export"), m_example, QStringLiteral("--format"), QStringLiteral("svg")},
                     &out),
                 0);
        QVERIFY(out.startsWith("<?xml"));
        QVERIFY(out.contains(">InferencePrep</text>"));
        const QString png = dir.filePath(QStringLiteral("d.png"));
        QCOMPARE(run({QStringLiteral("export"), m_example, QStringLiteral("-o"), png}), 0);
        QVERIFY(!QImage(png).isNull());
        QCOMPARE(run({QStringLiteral("export"), m_example, QStringLiteral("--format"), QStringLiteral("png")},
                     nullptr, &err),
                 2);
        QVERIFY(err.contains("give -o"));
        QCOMPARE(
            run({QStringLiteral("export"), m_example, QStringLiteral("--format"), QStringLiteral("gif")}), 2);
        QCOMPARE(run({QStringLiteral("export"), m_example, QStringLiteral("--format"), QStringLiteral("dot")},
                     &out),
                 0);
        QVERIFY(out.startsWith("digraph"));
        if (QStandardPaths::findExecutable(QStringLiteral("dot")).isEmpty())
            QSKIP("Graphviz's dot is not installed");
        QProcess dot;
        dot.start(QStringLiteral("dot"), {QStringLiteral("-Tsvg")});
        QVERIFY(dot.waitForStarted());
        dot.write(out);
        dot.closeWriteChannel();
        QVERIFY(dot.waitForFinished(60000));
        QCOMPARE(dot.exitCode(), 0);
    }

    void screenshot()
    {
        QTemporaryDir dir;
        const QString shot = dir.filePath(QStringLiteral("window.png"));
        QByteArray err;
        QCOMPARE(run({m_example, QStringLiteral("--screenshot"), shot, QStringLiteral("--size"),
                      QStringLiteral("900x600")},
                     nullptr, &err, 120000),
                 0);
        const QImage image(shot);
        QVERIFY2(!image.isNull(), err.constData());
        QCOMPARE(image.size(), QSize(900, 600));
        QCOMPARE(run({m_example, QStringLiteral("--screenshot"), shot, QStringLiteral("--size"),
                      QStringLiteral("huge")}),
                 2);
        QCOMPARE(
            run({dir.filePath(QStringLiteral("missing.asl.json")), QStringLiteral("--screenshot"), shot}), 2);
    }
};

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
