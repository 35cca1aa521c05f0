// `stepwise cost` end to end: the JSON fields, AWS's Express example 4, the seed-002 reproduction,
// the formats and the exit codes. Runs the built `stepwise` executable; expected figures are worked
// out by hand in the comments.
#include "shared.h"
#include "json/jsonreader.h"

#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace sw;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QString err;
};

QString executable()
{
    return QStringLiteral(STEPWISE_BINARY_DIR "/bin/stepwise");
}

Run cost(const QStringList &args)
{
    QProcess p;
    p.start(executable(), QStringList{QStringLiteral("cost")} + args);
    p.waitForFinished(120000);
    return Run{p.exitCode(), p.readAllStandardOutput(), QString::fromUtf8(p.readAllStandardError())};
}

QString example(const QString &name)
{
    return sourceDir() + QStringLiteral("/resources/examples/") + name;
}

bool near(double a, double b, double tolerance = 1e-6)
{
    return std::abs(a - b) <= tolerance;
}

} // namespace

class TestCostCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &text)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

private slots:
    void initTestCase()
    {
        if (!QFileInfo(executable()).isExecutable())
            QSKIP("the stepwise executable is not built (STEPWISE_BUILD_GUI=OFF?)");
    }

    void awsExpressExample()
    {
        // AWS pricing example 4 through the whole command: a 10 s workflow (a Wait) with a tiny definition
        // and payload (50 MB + a few hundred bytes -> 64 MB billed) run 100 million times a month as Express:
        // 62,500,000 GB-s = $382.97 + $100.00 requests = $482.97.
        const QString def = write(
            QStringLiteral("tenseconds.asl.json"),
            R"({"StartAt": "Work", "States": {"Work": {"Type": "Wait", "Seconds": 10, "Next": "Done"}, "Done": {"Type": "Succeed"}}})");
        const Run r = cost({def, QStringLiteral("--type"), QStringLiteral("EXPRESS"),
                            QStringLiteral("--executions-per-month"), QStringLiteral("100000000"),
                            QStringLiteral("--runs"), QStringLiteral("10"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.count('\n'), 1); // one line
        const Json j = JsonReader::parseOrUndefined(r.out);
        QCOMPARE(j[u"type"].toString(), QStringLiteral("EXPRESS"));
        QCOMPARE(j[u"executionsPerMonth"].toDouble(), 1e8);
        QVERIFY2(near(j[u"monthlyCostUSD"].toDouble(), 482.97, 0.005), r.out.constData());
        QCOMPARE(j[u"express"][u"requestsPerMonth"].toDouble(), 1e8);
        QCOMPARE(j[u"express"][u"gbSecondsPerMonth"].toDouble(), 62.5e6);
        QVERIFY(near(j[u"express"][u"monthlyCostUSD"].toDouble(), 482.97, 0.005));
        QCOMPARE(j[u"express"][u"eligible"].toBool(), true);
        QVERIFY(j[u"express"][u"reasons"].isArray());
        // As Standard: 2 transitions x 100M = 200M - 4,000 free = 199,996,000 x $0.000025 = $4,999.90.
        QVERIFY(near(j[u"standard"][u"monthlyCostUSD"].toDouble(), 4999.90, 0.005));
        QCOMPARE(j[u"monthlyTransitions"].toDouble(), 0.0);
    }

    void seed002()
    {
        // The schedule of seeds/002 over 2026 (52 Mondays): 4.3333 runs a month of 11 transitions = 47.67,
        // inside the free tier ($0) and $0.001192 without it; Fargate 16 vCPU / 64 GB for 30 + 20 minutes at
        // $0.93216 an hour = $0.7768 a run, $3.366133 a month.
        const Run r =
            cost({example(QStringLiteral("engagement-ml-pipeline.asl.json")), QStringLiteral("--schedule"),
                  QStringLiteral("cron(0 3 ? * MON *)"), QStringLiteral("--start"),
                  QStringLiteral("2026-01-01"), QStringLiteral("--input"),
                  QStringLiteral(R"({"model_version": "v1.2.0", "environment": "prod"})"),
                  QStringLiteral("--mocks"), example(QStringLiteral("engagement-ml-pipeline.mocks.json")),
                  QStringLiteral("--compute"),
                  sourceDir() + QStringLiteral("/tests/cost/data/engagement-ml-pipeline.compute.json"),
                  QStringLiteral("--runs"), QStringLiteral("50"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const Json j = JsonReader::parseOrUndefined(r.out);
        for (const char *key : {"type", "region", "executionsPerMonth", "transitionsPerExecution",
                                "monthlyTransitions", "freeTierTransitions", "monthlyCostUSD",
                                "monthlyCostWithoutFreeTierUSD", "perState", "express", "priceTable"})
            QVERIFY2(j.contains(QString::fromLatin1(key)), key);
        QCOMPARE(j[u"type"].toString(), QStringLiteral("STANDARD"));
        QCOMPARE(j[u"region"].toString(), QStringLiteral("us-east-1"));
        QCOMPARE(j[u"executionsPerMonth"].toDouble(), 4.3333);
        QCOMPARE(j[u"schedule"][u"firings"].toInteger(), 52);
        QCOMPARE(j[u"transitionsPerExecution"][u"mean"].toDouble(), 11.0);
        QCOMPARE(j[u"transitionsPerExecution"][u"p95"].toDouble(), 11.0);
        QCOMPARE(j[u"monthlyTransitions"].toDouble(), 47.6667);
        QCOMPARE(j[u"freeTierTransitions"].toDouble(), 47.6667);
        QCOMPARE(j[u"monthlyCostUSD"].toDouble(), 0.0);
        QCOMPARE(j[u"monthlyCostWithoutFreeTierUSD"].toDouble(), 0.001192);
        QCOMPARE(j[u"perState"].size(), 13); // every state, HandleError and NotifyFailure with 0 transitions
        QCOMPARE(j[u"perState"][0][u"state"].toString(), QStringLiteral("PreCleanup"));
        QCOMPARE(j[u"perState"][0][u"transitions"].toDouble(), 1.0);
        QCOMPARE(j[u"perState"][0][u"share"].toDouble(), 0.0909);
        QCOMPARE(j[u"express"][u"eligible"].toBool(), false);
        QCOMPARE(j[u"compute"][u"fargateCostUSD"].toDouble(), 3.366133);
        QCOMPARE(j[u"compute"][u"lambdaCostUSD"].toDouble(), 0.0);
        QCOMPARE(j[u"totalMonthlyCostUSD"].toDouble(), 3.366133);
        QCOMPARE(j[u"recommendation"][u"type"].toString(), QStringLiteral("STANDARD"));
        QCOMPARE(j[u"priceTable"][u"date"].toString(), QStringLiteral("2026-11-22"));
        QVERIFY(j[u"priceTable"][u"source"].toString().contains(QStringLiteral("pricing.md")));
    }

    void formats()
    {
        const QString def = example(QStringLiteral("agent-tool-call.asl.json"));
        const Run md = cost({def, QStringLiteral("--executions-per-week"), QStringLiteral("10"),
                             QStringLiteral("--runs"), QStringLiteral("20")});
        QCOMPARE(md.exitCode, 0);
        QVERIFY(md.out.startsWith("# Cost estimate: agent-tool-call.asl.json"));
        QVERIFY(md.out.contains("Prices as of 2026-11-22"));
        QVERIFY(md.out.contains("43.48 executions a month")); // 10 x 4.348125
        const Run csv =
            cost({def, QStringLiteral("--executions-per-day"), QStringLiteral("2"), QStringLiteral("--runs"),
                  QStringLiteral("20"), QStringLiteral("--format"), QStringLiteral("csv")});
        QCOMPARE(csv.exitCode, 0);
        QVERIFY(csv.out.startsWith("section,item,detail,quantity,unit,monthly_cost_usd\n"));
        QVERIFY(csv.out.contains(
            "summary,executions,2 a day x 30.436875 days in an average month,60.8738,per month,\n"));
        const Run pretty = cost({def, QStringLiteral("--executions-per-month"), QStringLiteral("7"),
                                 QStringLiteral("--runs"), QStringLiteral("5"), QStringLiteral("--format"),
                                 QStringLiteral("json"), QStringLiteral("--count-start")});
        QCOMPARE(pretty.exitCode, 0);
        QVERIFY(pretty.out.count('\n') > 20);
        const Json j = JsonReader::parseOrUndefined(pretty.out);
        QCOMPARE(j[u"countStart"].toBool(), true);
        QCOMPARE(j[u"perState"][0][u"type"].toString(), QStringLiteral("Start"));
    }

    void regionAndPrices()
    {
        // The same workflow in sa-east-1 with a price override: 1,000,000 x 2 transitions - 4,000 = 1,996,000
        // x $0.0000375 = $74.85; overriding the price to $0.05 per 1,000: $99.80.
        const QString def = write(
            QStringLiteral("two.asl.json"),
            R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}})");
        Run r = cost({def, QStringLiteral("--executions-per-month"), QStringLiteral("1000000"),
                      QStringLiteral("--region"), QStringLiteral("sa-east-1"), QStringLiteral("--runs"),
                      QStringLiteral("3"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(near(JsonReader::parseOrUndefined(r.out)[u"monthlyCostUSD"].toDouble(), 74.85));
        const QString prices = write(
            QStringLiteral("prices.json"),
            R"({"date": "2027-01-15", "standard": {"regions": {"sa-east-1": {"pricePer1000": 0.05}}}})");
        r = cost({def, QStringLiteral("--executions-per-month"), QStringLiteral("1000000"),
                  QStringLiteral("--region"), QStringLiteral("sa-east-1"), QStringLiteral("--prices"), prices,
                  QStringLiteral("--runs"), QStringLiteral("3"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const Json j = JsonReader::parseOrUndefined(r.out);
        QVERIFY(near(j[u"monthlyCostUSD"].toDouble(), 99.80));
        QCOMPARE(j[u"priceTable"][u"date"].toString(), QStringLiteral("2027-01-15"));
        QCOMPARE(j[u"priceTable"][u"override"].toString(), prices);
        // Without the free tier: 2,000,000 x $0.0000375 = $75.00.
        r = cost({def, QStringLiteral("--executions-per-month"), QStringLiteral("1000000"),
                  QStringLiteral("--region"), QStringLiteral("sa-east-1"), QStringLiteral("--no-free-tier"),
                  QStringLiteral("--runs"), QStringLiteral("3"), QStringLiteral("--json")});
        QVERIFY(near(JsonReader::parseOrUndefined(r.out)[u"monthlyCostUSD"].toDouble(), 75.00));
    }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        const QString def = example(QStringLiteral("tradai-backtest-full.asl.json"));
        QTest::newRow("no schedule") << QStringList{def} << 2 << "say how often it runs";
        QTest::newRow("both day fields")
            << QStringList{def, QStringLiteral("--schedule"), QStringLiteral("cron(0 3 * * MON *)")} << 2
            << "one of them must be '?'";
        QTest::newRow("bad field") << QStringList{def, QStringLiteral("--schedule"),
                                                  QStringLiteral("cron(0 3 ? * 9 *)")}
                                   << 2 << "field 5 (day-of-week) '9': 9 is out of range 1-7";
        QTest::newRow("rate plural") << QStringList{def, QStringLiteral("--schedule"),
                                                    QStringLiteral("rate(1 days)")}
                                     << 2 << "rate(1 day)";
        QTest::newRow("time zone") << QStringList{def, QStringLiteral("--schedule"),
                                                  QStringLiteral("rate(1 day)"),
                                                  QStringLiteral("--time-zone"),
                                                  QStringLiteral("Nowhere/City")}
                                   << 2 << "unknown time zone";
        QTest::newRow("type") << QStringList{def, QStringLiteral("--executions-per-month"),
                                             QStringLiteral("1"), QStringLiteral("--type"),
                                             QStringLiteral("X")}
                              << 2 << "STANDARD or EXPRESS";
        QTest::newRow("CNY region") << QStringList{def, QStringLiteral("--executions-per-month"),
                                                   QStringLiteral("1"), QStringLiteral("--region"),
                                                   QStringLiteral("cn-north-1")}
                                    << 2 << "CNY";
        QTest::newRow("missing file")
            << QStringList{QStringLiteral("/nonexistent.asl.json"), QStringLiteral("--executions-per-month"),
                           QStringLiteral("1")}
            << 2 << "no such file";
        QTest::newRow("unknown option") << QStringList{def, QStringLiteral("--executions-per-month"),
                                                       QStringLiteral("1"), QStringLiteral("--fast")}
                                        << 2 << "unknown option --fast";
        // The definition reads $.strategy_name: with no input every run fails with States.Runtime.
        QTest::newRow("every run a runtime error")
            << QStringList{def, QStringLiteral("--executions-per-month"), QStringLiteral("1"),
                           QStringLiteral("--runs"), QStringLiteral("5")}
            << 1 << "every run failed with States.Runtime";
    }

    void exitCodes()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, message);
        const Run r = cost(args);
        QCOMPARE(r.exitCode, code);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void invalidDefinition()
    {
        const QString def =
            write(QStringLiteral("broken.asl.json"), R"({"StartAt": "Nowhere", "States": {}})");
        const Run r = cost({def, QStringLiteral("--executions-per-month"), QStringLiteral("1")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(QStringLiteral("is not a valid state machine")));
    }
};

QTEST_GUILESS_MAIN(TestCostCli)
#include "tst_cli.moc"
