// The built-in price table and the billing rules. Expected figures are the worked examples of
// docs/reference/pricing.md (AWS's own Express example 4 among them) or arithmetic written out here.
#include "cost/charges.h"
#include "cost/pricetable.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sw::cost;

namespace {

bool near(double a, double b, double tolerance = 0.005)
{
    return std::abs(a - b) <= tolerance;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &text)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

} // namespace

class TestPricing : public QObject
{
    Q_OBJECT

private slots:
    void builtInTableIsDatedAndSourced()
    {
        const PriceTable t = PriceTable::builtIn();
        QVERIFY(!t.builtInText().isEmpty());
        QCOMPARE(t.date, QStringLiteral("2026-11-22"));
        QVERIFY(t.source.contains(QStringLiteral("pricing.md")));
        QCOMPARE(t.currency, QStringLiteral("USD"));
        QVERIFY(t.overrideFile.isEmpty());
        QVERIFY(t.describe().startsWith(QStringLiteral("2026-11-22")));
        // Every figure names a source that the table describes.
        QCOMPARE(t.standard.freeTierTransitions.value, 4000.0);
        QCOMPARE(t.standard.freeTierTransitions.source, QStringLiteral("S1"));
        for (const RegionPrice &r : t.standard.regions) {
            QVERIFY2(!r.source.isEmpty(), qPrintable(r.code));
            for (const QString &id : r.source.split(QStringLiteral(", ")))
                QVERIFY2(t.sources.contains(id), qPrintable(r.code + QLatin1Char(' ') + id));
        }
        QCOMPARE(t.express.durationTiers.size(), 3);
        QCOMPARE(t.lambda.x86.size(), 3);
        QCOMPARE(t.lambda.arm.size(), 3);
    }

    void regionPrices_data()
    {
        QTest::addColumn<QString>("region");
        QTest::addColumn<double>("per1000");
        // pricing.md section 1.1, every region listed there.
        const QList<QPair<const char *, double>> rows = {
            {"us-east-1", 0.025},      {"us-east-2", 0.025},      {"us-west-2", 0.025},
            {"us-west-1", 0.0279},     {"ca-central-1", 0.025},   {"sa-east-1", 0.0375},
            {"us-gov-east-1", 0.03},   {"us-gov-west-1", 0.03},   {"eu-west-1", 0.025},
            {"eu-central-1", 0.025},   {"eu-west-2", 0.025},      {"eu-west-3", 0.0297},
            {"eu-north-1", 0.025},     {"eu-south-1", 0.02625},   {"ap-southeast-1", 0.025},
            {"ap-northeast-1", 0.025}, {"ap-southeast-2", 0.025}, {"ap-northeast-2", 0.0271},
            {"ap-south-1", 0.0285},    {"ap-east-1", 0.0275},     {"me-south-1", 0.0275},
            {"af-south-1", 0.02975},   {"cn-north-1", 0.1891},    {"cn-northwest-1", 0.1891},
        };
        for (const auto &[r, p] : rows)
            QTest::newRow(r) << QString::fromLatin1(r) << p;
    }

    void regionPrices()
    {
        QFETCH(QString, region);
        QFETCH(double, per1000);
        const PriceTable t = PriceTable::builtIn();
        const RegionPrice p = t.standardPrice(region);
        QVERIFY(p.listed);
        QVERIFY(qFuzzyCompare(p.pricePerTransition * 1000, per1000));
        if (region.startsWith(QLatin1String("cn-"))) {
            QCOMPARE(p.currency, QStringLiteral("CNY"));
            QVERIFY(t.checkRegion(region).contains(QStringLiteral("CNY")));
        } else {
            QCOMPARE(p.currency, QStringLiteral("USD"));
            QVERIFY(t.checkRegion(region).isEmpty());
        }
    }

    void unlistedRegionUsesTheDefault()
    {
        const PriceTable t = PriceTable::builtIn();
        const RegionPrice p = t.standardPrice(QStringLiteral("ap-southeast-5"));
        QVERIFY(!p.listed);
        QCOMPARE(p.pricePerTransition, 0.000025);
        QCOMPARE(p.source, QStringLiteral("S7"));
        QVERIFY(t.checkRegion(QStringLiteral("ap-southeast-5")).isEmpty());
        QVERIFY(t.checkRegion(QStringLiteral("useast1")).contains(QStringLiteral("not an AWS region code")));
    }

    void standardExampleA_data()
    {
        QTest::addColumn<QString>("region");
        QTest::addColumn<double>("dollars");
        // pricing.md section 2: 50,000 executions x 6 transitions = 300,000 - 4,000 free = 296,000 billed.
        QTest::newRow("us-east-1") << "us-east-1" << 7.40;         // 296,000 x 0.000025
        QTest::newRow("us-west-1") << "us-west-1" << 8.2584;       // 296,000 x 0.0000279
        QTest::newRow("sa-east-1") << "sa-east-1" << 11.10;        // 296,000 x 0.0000375
        QTest::newRow("us-gov-west-1") << "us-gov-west-1" << 8.88; // 296,000 x 0.00003
    }

    void standardExampleA()
    {
        QFETCH(QString, region);
        QFETCH(double, dollars);
        const PriceTable t = PriceTable::builtIn();
        const StandardCharge c = charges::standard(300000, t.standardPrice(region), t, true);
        QCOMPARE(c.freeTierTransitions, 4000.0);
        QVERIFY2(near(c.costUSD, dollars, 1e-9), qPrintable(QString::number(c.costUSD, 'f', 6)));
        QVERIFY(near(c.costWithoutFreeTierUSD, 300000 * t.standardPrice(region).pricePerTransition, 1e-9));
    }

    void freeTierCrossing_data()
    {
        QTest::addColumn<double>("transitions");
        QTest::addColumn<double>("free");
        QTest::addColumn<double>("cost");
        QTest::addColumn<double>("costWithout");
        QTest::newRow("below") << 3999.0 << 3999.0 << 0.0 << 0.099975;
        QTest::newRow("exactly 4,000") << 4000.0 << 4000.0 << 0.0 << 0.1;
        QTest::newRow("one over") << 4001.0 << 4000.0 << 0.000025 << 0.100025;
        QTest::newRow("10,000") << 10000.0 << 4000.0 << 0.15 << 0.25;
    }

    void freeTierCrossing()
    {
        QFETCH(double, transitions);
        QFETCH(double, free);
        QFETCH(double, cost);
        QFETCH(double, costWithout);
        const PriceTable t = PriceTable::builtIn();
        const StandardCharge c =
            charges::standard(transitions, t.standardPrice(QStringLiteral("us-east-1")), t, true);
        QCOMPARE(c.freeTierTransitions, free);
        QVERIFY(near(c.costUSD, cost, 1e-12));
        QVERIFY(near(c.costWithoutFreeTierUSD, costWithout, 1e-12));
        const StandardCharge off =
            charges::standard(transitions, t.standardPrice(QStringLiteral("us-east-1")), t, false);
        QCOMPARE(off.freeTierTransitions, 0.0);
        QVERIFY(near(off.costUSD, costWithout, 1e-12));
    }

    void awsExpressExample4()
    {
        // AWS pricing example 4: 100 million workflows x 10 s x 64 MB = 62,500,000 GB-s = 17,361.11 GB-h;
        // $60.00 + $120.00 + $202.97 = $382.97 duration + $100.00 requests = $482.97.
        const PriceTable t = PriceTable::builtIn();
        const double perRun = charges::expressGBSeconds(10.0, 64, t);
        QCOMPARE(perRun, 0.625);
        const ExpressCharge c = charges::express(100e6, 100e6 * perRun, t);
        QCOMPARE(c.gbSeconds, 62.5e6);
        QVERIFY(near(c.requestCostUSD, 100.00));
        QVERIFY2(near(c.durationCostUSD, 382.97), qPrintable(QString::number(c.durationCostUSD, 'f', 4)));
        QVERIFY2(near(c.costUSD, 482.97), qPrintable(QString::number(c.costUSD, 'f', 4)));
    }

    void awsExpressMemoryExample3()
    {
        // 50 KB definition, 400 Map steps x 32 KB: 50 MB + 0.05 MB + 12.8 MB = 62.85 MB, billed 64 MB.
        const PriceTable t = PriceTable::builtIn();
        const double mb = charges::expressMemoryMB(50000, 32000, 400, t);
        QVERIFY(near(mb, 62.85, 1e-9));
        QCOMPARE(charges::expressBilledMemoryMB(mb, t), 64.0);
        QCOMPARE(charges::expressBilledMemoryMB(64.0, t), 64.0);
        QCOMPARE(charges::expressBilledMemoryMB(64.01, t), 128.0);
        QCOMPARE(charges::expressBilledMemoryMB(0, t), 64.0);
    }

    void expressRounding()
    {
        const PriceTable t = PriceTable::builtIn();
        QCOMPARE(charges::expressBilledSeconds(1.25, t), 1.3);
        QCOMPARE(charges::expressBilledSeconds(0.3, t), 0.3); // 0.3 / 0.1 is 2.9999999999999996 in binary
        QCOMPARE(charges::expressBilledSeconds(0.30001, t), 0.4);
        QCOMPARE(charges::expressBilledSeconds(0, t), 0.1);
        // pricing.md: 1M executions of 1,250 ms at 62.85 MB -> 1.3 s x 64 MB = 81,250 GB-s = 22.57 GB-h
        // x $0.06 = $1.35, + $1.00 requests = $2.35.
        const ExpressCharge c = charges::express(1e6, 1e6 * charges::expressGBSeconds(1.25, 62.85, t), t);
        QVERIFY(near(c.gbSeconds, 81250, 1e-6));
        QVERIFY(near(c.durationCostUSD, 1.35));
        QVERIFY(near(c.costUSD, 2.35));
        // infracost golden: 10M requests, 800 ms, 512 MB = 4,000,000 GB-s = 1,111.11 GB-h:
        // $60.00 + 111.11 x $0.03 = $63.33, + $10 requests.
        const ExpressCharge g = charges::express(10e6, 10e6 * charges::expressGBSeconds(0.8, 512, t), t);
        QVERIFY(near(g.durationCostUSD, 63.33));
        QVERIFY(near(g.costUSD, 73.33));
    }

    void tiers()
    {
        const QList<Tier> bands = {
            {10, 1.0, {}}, {30, 0.5, {}}, {std::numeric_limits<double>::infinity(), 0.25, {}}};
        QCOMPARE(tieredCost(0, bands), 0.0);
        QCOMPARE(tieredCost(5, bands), 5.0);
        QCOMPARE(tieredCost(10, bands), 10.0);
        QCOMPARE(tieredCost(20, bands), 15.0);
        QCOMPARE(tieredCost(50, bands), 10.0 + 10.0 + 5.0);
    }

    void lambdaExample()
    {
        // pricing.md section 3: 10M invocations, 512 MB, 120 ms, x86: 600,000 GB-s - 400,000 free =
        // 200,000 x $0.0000166667 = $3.33; (10M - 1M) x $0.20/M = $1.80; total $5.13.
        const PriceTable t = PriceTable::builtIn();
        const double gbs = 10e6 * charges::lambdaGBSeconds(0.120, 512, t);
        QVERIFY(near(gbs, 600000, 1e-3));
        const LambdaCharge c = charges::lambda(10e6, gbs, 0, t, true);
        QVERIFY(near(c.durationCostUSD, 3.33));
        QVERIFY(near(c.requestCostUSD, 1.80));
        QVERIFY(near(c.costUSD, 5.13));
        const LambdaCharge full = charges::lambda(10e6, gbs, 0, t, false);
        QVERIFY(near(full.durationCostUSD, 10.00));
        QVERIFY(near(full.requestCostUSD, 2.00));
        // arm64: 200,000 x $0.0000133334 = $2.67.
        const LambdaCharge arm = charges::lambda(10e6, 0, gbs, t, true);
        QVERIFY(near(arm.durationCostUSD, 2.67));
        // Durations round up to 1 ms: 120.2 ms bills 121 ms.
        QVERIFY(near(charges::lambdaGBSeconds(0.1202, 1024, t), 0.121, 1e-12));
    }

    void fargateExample()
    {
        // pricing.md section 4: 1 vCPU / 2 GB, 10 min, 30 runs = 5 h x (0.04048 + 2 x 0.004445) = $0.247;
        // Arm 5 h x (0.03238 + 2 x 0.00356) = $0.198; a 45 s task bills 60 s = $0.000823.
        const PriceTable t = PriceTable::builtIn();
        const double billed = 30 * charges::fargateBilledSeconds(600, t);
        QVERIFY(near(charges::fargateCost(billed, 1, 2, Architecture::X86_64, t), 0.24685, 1e-9)); // $0.247
        QVERIFY(near(charges::fargateCost(billed, 1, 2, Architecture::Arm64, t), 0.1975, 1e-9));   // $0.198
        QCOMPARE(charges::fargateBilledSeconds(45, t), 60.0);
        QCOMPARE(charges::fargateBilledSeconds(90.2, t), 91.0);
        QVERIFY(near(charges::fargateCost(60, 1, 2, Architecture::X86_64, t), 0.000823, 0.0000005));
    }

    void userOverride()
    {
        QTemporaryDir dir;
        const QString path =
            writeFile(dir, QStringLiteral("prices.json"),
                      R"({"date": "2027-03-01", "standard": {"regions": {"us-east-1": {"pricePer1000": 0.03},
                                           "xx-test-1": {"name": "Test", "pricePer1000": 0.05}}},
                                           "express": {"requestPricePerMillion": {"value": 2.0, "source": "my invoice"}}})");
        QString error;
        const auto t = PriceTable::withOverride(path, &error);
        QVERIFY2(t, qPrintable(error));
        QCOMPARE(t->date, QStringLiteral("2027-03-01"));
        QCOMPARE(t->overrideFile, path);
        QVERIFY(t->describe().contains(path));
        const RegionPrice east = t->standardPrice(QStringLiteral("us-east-1"));
        QCOMPARE(east.pricePerTransition, 0.00003);
        QCOMPARE(east.name, QStringLiteral("US East (N. Virginia)")); // merged, not replaced
        QVERIFY(east.source.contains(path));
        QCOMPARE(t->standardPrice(QStringLiteral("xx-test-1")).pricePerTransition, 0.00005);
        QVERIFY(t->standardPrice(QStringLiteral("xx-test-1")).source.contains(path));
        QCOMPARE(t->express.requestPrice.value, 2e-6);
        QCOMPARE(t->express.requestPrice.source, QStringLiteral("my invoice"));
        // Untouched figures keep the built-in values and sources.
        QCOMPARE(t->standardPrice(QStringLiteral("eu-west-3")).pricePerTransition, 0.0000297);
        QCOMPARE(t->express.durationTiers.size(), 3);
        QCOMPARE(t->lambda.freeTierGBSeconds.source, QStringLiteral("S12, S13"));
    }

    void invalidOverrides_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("not json") << QByteArray("{") << ":1:2:";
        QTest::newRow("array") << QByteArray("[]") << "must be a JSON object";
        QTest::newRow("negative price")
            << QByteArray(R"({"standard":{"regions":{"us-east-1":{"pricePer1000":-1}}}})")
            << "/standard/regions/us-east-1/pricePer1000: expected a number >= 0";
        QTest::newRow("bad date") << QByteArray(R"({"date":"March 2027"})")
                                  << "/date: expected a date as YYYY-MM-DD";
        QTest::newRow("open band in the middle")
            << QByteArray(R"({"express":{"durationTiersPerGBHour":[{"price":1},{"price":2}]}})")
            << "/express/durationTiersPerGBHour/0/upToGBHours";
        QTest::newRow("figure as number")
            << QByteArray(R"({"express":{"memoryChunkMB":64}})") << "/express/memoryChunkMB";
    }

    void invalidOverrides()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("bad.json"), text);
        QString error;
        QVERIFY(!PriceTable::withOverride(path, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
        QVERIFY(error.contains(path));
        QVERIFY(!PriceTable::withOverride(dir.filePath(QStringLiteral("missing.json")), &error));
        QVERIFY(error.contains(QStringLiteral("cannot read")));
    }
};

QTEST_GUILESS_MAIN(TestPricing)
#include "tst_pricing.moc"
