// The bundled examples' mock files: every pipeline in resources/examples has a MockConfigFile
// (NAME.mocks-config.json) with a HappyPath test case and a failure test case, and the execution
// input they were written for (NAME.mocks-input.json). Each test case runs through
// `stepwise simulate` and ends as its design says: SUCCEEDED for the happy path, FAILED with the
// error the failing task raises or the Fail state names.
#include "shared.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

namespace {

QString examples()
{
    return sourceDir() + QStringLiteral("/resources/examples");
}

QString program()
{
    return QStringLiteral(STEPWISE_BINARY_DIR) + QStringLiteral("/bin/stepwise");
}

} // namespace

class TestExampleMocks : public QObject
{
    Q_OBJECT
private slots:
    void everyExampleHasMocks();
    void testCases_data();
    void testCases();
};

void TestExampleMocks::everyExampleHasMocks()
{
    const QStringList definitions = QDir(examples()).entryList({QStringLiteral("*.asl.json")}, QDir::Files);
    QVERIFY(definitions.size() >= 6);
    for (const QString &d : definitions) {
        const QString base = d.chopped(int(qstrlen(".asl.json")));
        QFile config(examples() + QLatin1Char('/') + base + QStringLiteral(".mocks-config.json"));
        QVERIFY2(config.open(QIODevice::ReadOnly), qPrintable(config.fileName()));
        const QJsonObject machines = QJsonDocument::fromJson(config.readAll())
                                         .object()
                                         .value(QLatin1String("StateMachines"))
                                         .toObject();
        QCOMPARE(machines.size(), 1);
        const QJsonObject cases = machines.begin()->toObject().value(QLatin1String("TestCases")).toObject();
        QVERIFY2(cases.contains(QLatin1String("HappyPath")) && cases.size() >= 2, qPrintable(base));
        QVERIFY2(
            QFileInfo::exists(examples() + QLatin1Char('/') + base + QStringLiteral(".mocks-input.json")),
            qPrintable(base));
    }
}

void TestExampleMocks::testCases_data()
{
    QTest::addColumn<QString>("example");
    QTest::addColumn<QString>("testCase");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("error");
    // Failures: the error of the task whose mock throws when nothing catches it, or the Fail state's.
    QTest::newRow("agent happy") << "agent-tool-call"
                                 << "HappyPath"
                                 << "SUCCEEDED" << QString();
    QTest::newRow("agent tool down") << "agent-tool-call"
                                     << "ToolUnavailable"
                                     << "FAILED"
                                     << "ToolFailed";
    QTest::newRow("batch happy") << "batch-retraining"
                                 << "HappyPath"
                                 << "SUCCEEDED" << QString();
    QTest::newRow("batch no capacity") << "batch-retraining"
                                       << "TrainingCapacityExhausted"
                                       << "FAILED"
                                       << "SageMaker.ResourceLimitExceeded";
    QTest::newRow("engagement happy") << "engagement-ml-pipeline"
                                      << "HappyPath"
                                      << "SUCCEEDED" << QString();
    QTest::newRow("engagement training fails") << "engagement-ml-pipeline"
                                               << "TrainingFails"
                                               << "FAILED"
                                               << "States.TaskFailed";
    QTest::newRow("backtest happy") << "tradai-backtest-full"
                                    << "HappyPath"
                                    << "SUCCEEDED" << QString();
    QTest::newRow("backtest retried") << "tradai-backtest-full"
                                      << "RetryPath"
                                      << "SUCCEEDED" << QString();
    QTest::newRow("backtest invalid") << "tradai-backtest-full"
                                      << "InvalidStrategy"
                                      << "FAILED"
                                      << "ValidationError";
    QTest::newRow("simplified happy") << "tradai-backtest-simplified"
                                      << "HappyPath"
                                      << "SUCCEEDED" << QString();
    QTest::newRow("simplified invalid") << "tradai-backtest-simplified"
                                        << "InvalidStrategy"
                                        << "FAILED"
                                        << "ValidationError";
    QTest::newRow("sync happy") << "tradai-data-sync"
                                << "HappyPath"
                                << "SUCCEEDED" << QString();
    QTest::newRow("sync fails") << "tradai-data-sync"
                                << "SyncFails"
                                << "FAILED"
                                << "States.TaskFailed";
}

void TestExampleMocks::testCases()
{
    QFETCH(QString, example);
    QFETCH(QString, testCase);
    QFETCH(QString, status);
    QFETCH(QString, error);
    if (!QFileInfo::exists(program())) QSKIP("the stepwise program is not built");
    const QString base = examples() + QLatin1Char('/') + example;
    QProcess p;
    p.start(program(), {QStringLiteral("simulate"), base + QStringLiteral(".asl.json"),
                        QStringLiteral("--mocks"), base + QStringLiteral(".mocks-config.json"),
                        QStringLiteral("--test-case"), testCase, QStringLiteral("--input-file"),
                        base + QStringLiteral(".mocks-input.json"), QStringLiteral("--json")});
    QVERIFY(p.waitForFinished(60'000));
    const QByteArray out = p.readAllStandardOutput();
    QCOMPARE(p.exitCode(), status == QLatin1String("SUCCEEDED") ? 0 : 1);
    const QJsonObject result = QJsonDocument::fromJson(out).object();
    QCOMPARE(result.value(QLatin1String("status")).toString(), status);
    QCOMPARE(result.value(QLatin1String("error")).toString(), error);
    QVERIFY2(result.value(QLatin1String("unmockedStates")).toArray().isEmpty(), out.constData());
}

QTEST_GUILESS_MAIN(TestExampleMocks)
#include "tst_examplemocks.moc"
