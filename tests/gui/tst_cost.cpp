// The Cost panel offscreen: Main.qml with a machine whose bill is worked out by hand (a Pass, an
// inline Map over three items, a Succeed: 1 + 1 + 3 + 1 = 6 transitions an execution, the Map's
// Pass holding half of them), then tradai-backtest-full with its mock profile, whose figures must
// equal cost::MonteCarlo + cost::CostModel run directly from the same inputs. Re-pricing (schedule,
// region, free tier, type) without simulating again, the heat overlay on the canvas, the
// histogram, cancelling, exports that parse, and the ${Placeholder} values the runs resolve.
#include "shared.h"

#include "costcontroller.h"
#include "diagramcontroller.h"
#include "documentcontroller.h"
#include "exportcontroller.h"
#include "exporters.h"
#include "fontmetrics.h"
#include "layout.h"
#include "histogram.h"
#include "placeholdervalues.h"
#include "stateicons.h"

#include "asl/asldocument.h"
#include "cost/format.h"
#include "cost/montecarlo.h"
#include "cost/report.h"
#include "engine/mockloader.h"
#include "engine/program.h"
#include "json/jsonreader.h"

#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace sw;

namespace {

// Prices from pricing.md (AWS's pricing page): Standard $0.025 per 1,000 transitions in us-east-1,
// $0.0375 in sa-east-1; 4,000 free transitions a month; Express $1.00 per million requests and
// $0.06 per GB-hour for the first 1,000 GB-hours, 100 ms rounding, 64 MB chunks.
constexpr double kUsEast1 = 0.025 / 1000;
constexpr double kSaEast1 = 0.0375 / 1000;
constexpr double kFreeTier = 4000;

const char *kMapMachine = R"({
  "Comment": "Hand-priced: 6 transitions an execution",
  "StartAt": "Prepare",
  "States": {
    "Prepare": {"Type": "Pass", "Next": "Each"},
    "Each": {
      "Type": "Map",
      "ItemsPath": "$.items",
      "ItemProcessor": {
        "ProcessorConfig": {"Mode": "INLINE"},
        "StartAt": "Square",
        "States": {"Square": {"Type": "Pass", "End": true}}
      },
      "ResultPath": null,
      "Next": "Done"
    },
    "Done": {"Type": "Succeed"}
  }
}
)";

bool near(double a, double b, double tolerance = 1e-9)
{
    return std::abs(a - b) <= tolerance;
}

QJsonObject parseJson(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument d = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError) qWarning("%s", qPrintable(error.errorString()));
    return d.object();
}

// Splits one CSV line (RFC 4180 quoting).
QStringList csvFields(const QString &line)
{
    QStringList out;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < line.size() && line.at(i + 1) == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            out.append(field);
            field.clear();
        } else {
            field += c;
        }
    }
    out.append(field);
    return out;
}

} // namespace

class TestCost : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow *m_window = nullptr;
    gui::CostController *m_cost = nullptr;
    gui::DiagramController *m_diagram = nullptr;
    gui::DocumentController *m_doc = nullptr;
    gui::PlaceholderValues *m_values = nullptr;

    QString write(const QString &name, const QByteArray &text)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }
    QString copy(const QString &from, const QString &name)
    {
        QFile f(from);
        if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(from));
        return write(name, f.readAll());
    }
    bool estimate()
    {
        QSignalSpy finished(m_cost, &gui::CostController::finished);
        m_cost->run();
        if (!m_cost->isRunning()) return false;
        return finished.wait(60000) && !m_cost->isRunning() && m_cost->hasReport();
    }
    double figure(const char *key) const { return m_cost->summary().value(QLatin1String(key)).toDouble(); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("StepwiseTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_cost"));
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        const QString file = write(QStringLiteral("map.asl.json"), kMapMachine);
        m_engine = std::make_unique<QQmlApplicationEngine>();
        gui::setupEngine(*m_engine);
        m_engine->setInitialProperties({{QStringLiteral("initialFile"), file},
                                        {QStringLiteral("initialTheme"), QStringLiteral("light")},
                                        {QStringLiteral("offerRecovery"), false},
                                        {QStringLiteral("width"), 1600},
                                        {QStringLiteral("height"), 1000}});
        m_engine->load(QUrl(QStringLiteral("qrc:/qt-project.org/imports/Stepwise/Ui/Main.qml")));
        QVERIFY(!m_engine->rootObjects().isEmpty());
        m_window = qobject_cast<QQuickWindow *>(m_engine->rootObjects().first());
        QVERIFY(m_window);
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
        m_cost = m_window->findChild<gui::CostController *>(QStringLiteral("cost"));
        m_diagram = m_window->findChild<gui::DiagramController *>();
        m_doc = m_window->findChild<gui::DocumentController *>();
        m_values = m_window->findChild<gui::PlaceholderValues *>(QStringLiteral("placeholderValues"));
        QVERIFY(m_cost && m_diagram && m_doc && m_values);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->property("diagramReady").toBool(), 30000);
        // View > Cost Panel.
        QQuickItem *panel = m_window->findChild<QQuickItem *>(QStringLiteral("costPanel"));
        QVERIFY(panel);
        QObject *panels = m_window->findChild<QObject *>(QStringLiteral("panelSettings"));
        QVERIFY(panels);
        QVERIFY(!panel->isVisible());
        QVERIFY(!m_cost->heatMap());
        panels->setProperty("cost", true);
        QVERIFY(panel->isVisible());
        QVERIFY(m_cost->heatMap());
    }

    void handPricedMachine()
    {
        m_cost->setFrequency(QStringLiteral("month"));
        m_cost->setExecutions(10000);
        m_cost->setRegion(QStringLiteral("us-east-1"));
        m_cost->setWorkflowType(QStringLiteral("STANDARD"));
        m_cost->setInputText(QStringLiteral(R"({"items": [1, 2, 3]})"));
        m_cost->setRuns(50);
        QVERIFY(m_cost->mocksFile().isEmpty());
        QVERIFY(estimate());
        QVERIFY2(m_cost->error().isEmpty(), qPrintable(m_cost->error()));

        // 6 transitions in every run; 60,000 a month, 4,000 of them free.
        QCOMPARE(figure("transitionsMean"), 6.0);
        QCOMPARE(figure("transitionsMax"), 6.0);
        QCOMPARE(figure("monthlyTransitions"), 60000.0);
        QCOMPARE(figure("freeTierTransitions"), kFreeTier);
        QVERIFY(near(figure("monthlyCostUSD"), 56000 * kUsEast1));                // $1.40
        QVERIFY(near(figure("monthlyCostWithoutFreeTierUSD"), 60000 * kUsEast1)); // $1.50

        // The panel shows it.
        auto *total = m_window->findChild<QObject *>(QStringLiteral("costTotal"));
        QVERIFY(total);
        QCOMPARE(total->property("text").toString(), QStringLiteral("$1.40"));

        // Breakdown: Square holds 3 of the 6 transitions.
        QHash<QString, QVariantMap> rows;
        for (const QVariant &v : m_cost->breakdown())
            rows.insert(v.toMap().value(QStringLiteral("state")).toString(), v.toMap());
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows.value(QStringLiteral("Square")).value(QStringLiteral("transitions")).toDouble(), 3.0);
        QVERIFY(near(rows.value(QStringLiteral("Square")).value(QStringLiteral("share")).toDouble(), 0.5));
        QVERIFY(
            near(rows.value(QStringLiteral("Prepare")).value(QStringLiteral("share")).toDouble(), 1.0 / 6));

        // Express: 10,000 requests ($0.01) + 10,000 x 0.1 s x 64 MB = 62.5 GB-s at $0.06/GB-hour.
        const cost::CostReport *r = m_cost->report();
        QVERIFY(r);
        QVERIFY(r->expressEquivalent.eligible);
        QCOMPARE(r->express.express.requests, 10000.0);
        QVERIFY(near(r->express.express.gbSeconds, 62.5, 1e-6));
        QVERIFY(near(r->express.totalUSD, 0.01 + 62.5 * 0.06 / 3600, 1e-9));
        QCOMPARE(m_cost->comparison().size(), 7);
        QCOMPARE(m_cost->comparison().first().toMap().value(QStringLiteral("express")).toString(),
                 cost::formatUSD(0.01 + 62.5 * 0.06 / 3600));

        // Histogram: every run in the one bar "6".
        const QVariantList bins = m_cost->histogram();
        QCOMPARE(bins.size(), 1);
        QCOMPARE(bins.first().toMap().value(QStringLiteral("count")).toInt(), 50);
        QCOMPARE(bins.first().toMap().value(QStringLiteral("label")).toString(), QStringLiteral("6"));
        QCOMPARE(m_cost->histogramMax(), 50);
    }

    void heatOverlay()
    {
        const render::Decorations &d = m_diagram->decorations();
        const QString square = QStringLiteral("/States/Each/ItemProcessor/States/Square");
        const QString prepare = QStringLiteral("/States/Prepare");
        for (const QString &id :
             {square, prepare, QStringLiteral("/States/Each"), QStringLiteral("/States/Done")})
            QVERIFY2(d.tint.contains(id), qPrintable(id));
        QCOMPARE(d.caption.value(square), QStringLiteral("50% \u00b7 3 tr/exec"));
        QCOMPARE(d.caption.value(prepare), QStringLiteral("17% \u00b7 1 tr/exec"));
        // The largest share is the hottest (reddest) tint.
        const QColor hot = d.tint.value(square);
        const QColor cool = d.tint.value(prepare);
        QVERIFY(hot.hsvHueF() < cool.hsvHueF());
        QVERIFY(hot.red() > hot.green());

        // Hiding the heat map clears the layer; showing it paints it again.
        m_cost->setHeatMap(false);
        QVERIFY(!m_diagram->overlays().contains(QStringLiteral("cost")));
        QVERIFY(!m_diagram->decorations().tint.contains(square));
        m_cost->setHeatMap(true);
        QVERIFY(m_diagram->decorations().tint.contains(square));
    }

    void repricesWithoutSimulating()
    {
        const int runs = m_cost->simulation().runs;
        QSignalSpy running(m_cost, &gui::CostController::runningChanged);

        // Region: sa-east-1 is $0.0375 per 1,000.
        m_cost->setRegion(QStringLiteral("sa-east-1"));
        QVERIFY(near(figure("monthlyCostUSD"), 56000 * kSaEast1)); // $2.10
        // Without the free tier.
        m_cost->setFreeTier(false);
        QVERIFY(near(figure("monthlyCostUSD"), 60000 * kSaEast1));
        m_cost->setFreeTier(true);
        m_cost->setRegion(QStringLiteral("us-east-1"));

        // Counting the start: 7 an execution.
        m_cost->setCountStart(true);
        QCOMPARE(figure("transitionsMean"), 7.0);
        QVERIFY(near(figure("monthlyCostUSD"), (70000 - kFreeTier) * kUsEast1));
        m_cost->setCountStart(false);

        // Per week and per day: an average month is 30.436875 days.
        m_cost->setFrequency(QStringLiteral("day"));
        m_cost->setExecutions(100);
        QVERIFY(near(m_cost->executionsPerMonth(), 3043.6875));
        QVERIFY(near(figure("monthlyCostUSD"), (3043.6875 * 6 - kFreeTier) * kUsEast1));

        // A weekly schedule fires 52 or 53 times a year: 4.33 to 4.42 a month, inside the free tier.
        m_cost->setFrequency(QStringLiteral("schedule"));
        m_cost->setSchedule(QStringLiteral("cron(0 3 ? * MON *)"));
        QVERIFY2(m_cost->settingsError().isEmpty(), qPrintable(m_cost->settingsError()));
        QVERIFY(m_cost->executionsPerMonth() >= 52.0 / 12 - 1e-9 &&
                m_cost->executionsPerMonth() <= 53.0 / 12 + 1e-9);
        QCOMPARE(figure("monthlyCostUSD"), 0.0);
        m_cost->setFreeTier(false);
        QVERIFY(near(figure("monthlyCostUSD"), m_cost->executionsPerMonth() * 6 * kUsEast1));
        m_cost->setFreeTier(true);

        // An invalid schedule says which field is wrong and shows no figures until fixed.
        m_cost->setSchedule(QStringLiteral("cron(0 3 ? * MON#6 *)"));
        QVERIFY(m_cost->settingsError().contains(QStringLiteral("day-of-week")));
        QVERIFY(!m_cost->hasReport());
        m_cost->setSchedule(QStringLiteral("rate(1 hour)"));
        QVERIFY(m_cost->hasReport());
        QVERIFY(m_cost->executionsPerMonth() >= 8760.0 / 12 && m_cost->executionsPerMonth() <= 8784.0 / 12);

        // As Express the chosen bill is the Express one.
        m_cost->setWorkflowType(QStringLiteral("EXPRESS"));
        QVERIFY(near(figure("monthlyCostUSD"), m_cost->report()->express.totalUSD));
        m_cost->setWorkflowType(QStringLiteral("STANDARD"));

        QCOMPARE(running.count(), 0); // never simulated again
        QCOMPARE(m_cost->simulation().runs, runs);
        QVERIFY(!m_cost->isStale());
        // Changing the input, the runs or the definition makes the report stale.
        m_cost->setRuns(60);
        QVERIFY(m_cost->isStale());
        m_cost->setRuns(50);
    }

    void matchesTheCostModel()
    {
        // tradai-backtest-full with its profile (random failures, retries, Catch paths), the mocks
        // found beside the definition as the panel does.
        const QString examples = sourceDir() + QStringLiteral("/resources/examples/");
        const QString file = copy(examples + QStringLiteral("tradai-backtest-full.asl.json"),
                                  QStringLiteral("backtest.asl.json"));
        const QString mocks = copy(examples + QStringLiteral("tradai-backtest-full.mocks.json"),
                                   QStringLiteral("backtest.mocks.json"));
        QFile inputFile(sourceDir() + QStringLiteral("/benchmarks/cost/tradai-backtest.input.json"));
        QVERIFY(inputFile.open(QIODevice::ReadOnly));
        const QByteArray input = inputFile.readAll();
        QVERIFY(m_doc->open(file));
        QCOMPARE(m_cost->mocksFile(), mocks);
        QVERIFY(!m_cost->hasReport());
        m_cost->setInputText(QString::fromUtf8(input));
        m_cost->setRuns(400);
        m_cost->setSeed(11);
        m_cost->setFrequency(QStringLiteral("week"));
        m_cost->setExecutions(500);
        m_cost->setRegion(QStringLiteral("eu-west-3"));
        QVERIFY(estimate());
        QVERIFY2(m_cost->error().isEmpty(), qPrintable(m_cost->error()));

        // The same estimate made directly.
        QFile def(file);
        QVERIFY(def.open(QIODevice::ReadOnly));
        const asl::AslDocument doc = asl::AslDocument::fromText(def.readAll());
        QString error;
        const std::unique_ptr<sim::TaskBackend> backend = sim::loadMocks(mocks, QString(), QString(), &error);
        QVERIFY2(backend, qPrintable(error));
        const cost::PriceTable prices = cost::PriceTable::builtIn();
        cost::MonteCarloOptions mc;
        mc.runs = 400;
        mc.seed = 11;
        mc.input = JsonReader::parse(input).value;
        mc.backend = backend.get();
        mc.region = QStringLiteral("eu-west-3");
        mc.stateMachineName = QStringLiteral("backtest");
        const cost::SimulationResult sim =
            cost::MonteCarlo::run(std::make_shared<const sim::Program>(doc.machine), mc, prices);
        cost::CostSettings settings;
        settings.region = QStringLiteral("eu-west-3");
        settings.executionsPerMonth = 500 * cost::kWeeksPerMonth;
        const cost::CostReport expected = cost::CostModel(prices, settings).estimate(doc.machine, sim);
        const cost::CostReport &got = *m_cost->report();

        QCOMPARE(got.runs, 400);
        QCOMPARE(got.statuses, expected.statuses);
        QVERIFY(got.statuses.size() > 1); // the profile's failures happened
        QCOMPARE(figure("transitionsMean"), expected.transitionsPerExecution.mean);
        QCOMPARE(figure("transitionsP50"), expected.transitionsPerExecution.p50);
        QCOMPARE(figure("transitionsP95"), expected.transitionsPerExecution.p95);
        QCOMPARE(figure("transitionsMax"), expected.transitionsPerExecution.max);
        QCOMPARE(figure("monthlyTransitions"), expected.monthlyTransitions());
        QCOMPARE(figure("monthlyCostUSD"), expected.chosen.totalUSD);
        QCOMPARE(got.express.totalUSD, expected.express.totalUSD);
        QCOMPARE(got.expressEquivalent.eligible, expected.expressEquivalent.eligible);
        QCOMPARE(got.expressEquivalent.reasons, expected.expressEquivalent.reasons);
        QVERIFY(!got.expressEquivalent.eligible); // ecs:runTask.sync and a 25-minute backtest
        QCOMPARE(m_cost->summary().value(QStringLiteral("expressEligible")).toBool(), false);
        QCOMPARE(got.hints.size(), expected.hints.size());
        QCOMPARE(m_cost->hints().size(), int(expected.hints.size()));
        QCOMPARE(got.perState.size(), expected.perState.size());
        for (qsizetype i = 0; i < got.perState.size(); ++i) {
            QCOMPARE(got.perState.at(i).state, expected.perState.at(i).state);
            QCOMPARE(got.perState.at(i).share, expected.perState.at(i).share);
        }
        // The price the report used is eu-west-3's: $0.0297 per 1,000.
        QVERIFY(near(figure("pricePerTransition"), 0.0297 / 1000));

        // Histogram: the bars count every run, and the transitions span them.
        int counted = 0;
        double lowest = 1e9, highest = 0;
        for (const QVariant &v : m_cost->histogram()) {
            counted += v.toMap().value(QStringLiteral("count")).toInt();
            lowest = std::min(lowest, v.toMap().value(QStringLiteral("from")).toDouble());
            highest = std::max(highest, v.toMap().value(QStringLiteral("to")).toDouble());
        }
        QCOMPARE(counted, 400);
        QCOMPARE(lowest, *std::min_element(sim.transitions.begin(), sim.transitions.end()));
        QVERIFY(highest > expected.transitionsPerExecution.max);

        // Every state of the canvas is tinted: the states the runs entered with a share.
        QTRY_VERIFY(m_diagram->isReady() && !m_diagram->isBusy());
        const render::Decorations &d = m_diagram->decorations();
        for (const asl::State *s : doc.machine.allStates())
            QVERIFY2(d.tint.contains(s->pointer), qPrintable(s->pointer));
        QVERIFY(d.caption.value(QStringLiteral("/States/RunBacktest")).endsWith(QStringLiteral("tr/exec")));
    }

    void exportsParse()
    {
        const cost::CostReport &r = *m_cost->report();
        // JSON: the documented fields, the panel's figures.
        const QJsonObject json = parseJson(m_cost->reportText(QStringLiteral("json")));
        QCOMPARE(json.value(QStringLiteral("region")).toString(), QStringLiteral("eu-west-3"));
        // (dollars are written to a millionth, counts to 1/10,000)
        QVERIFY(near(json.value(QStringLiteral("monthlyCostUSD")).toDouble(), r.chosen.totalUSD, 5e-7));
        QVERIFY(near(json.value(QStringLiteral("transitionsPerExecution"))
                         .toObject()
                         .value(QStringLiteral("mean"))
                         .toDouble(),
                     r.transitionsPerExecution.mean, 5e-5));
        QCOMPARE(json.value(QStringLiteral("perState")).toArray().size(), r.perState.size());
        QVERIFY(json.value(QStringLiteral("express")).toObject().contains(QStringLiteral("eligible")));

        // CSV: one header, every row as many fields, the Step Functions line present.
        const QStringList lines =
            m_cost->reportText(QStringLiteral("csv")).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(lines.size() > 3);
        QCOMPARE(lines.first(), QStringLiteral("section,item,detail,quantity,unit,monthly_cost_usd"));
        for (const QString &line : lines)
            QVERIFY2(csvFields(line).size() == 6, qPrintable(line));

        // Markdown: headed, with the machine's states.
        const QString md = m_cost->reportText(QStringLiteral("markdown"));
        QVERIFY(md.startsWith(QLatin1Char('#')));
        QVERIFY(md.contains(QStringLiteral("RunBacktest")));

        // Written to files, by suffix or by name; the files hold the same text.
        for (const QString &suffix : {QStringLiteral("json"), QStringLiteral("csv"), QStringLiteral("md")}) {
            const QString path = m_dir.filePath(QStringLiteral("report.") + suffix);
            QCOMPARE(m_cost->exportReport(QUrl::fromLocalFile(path).toString()), QString());
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(QString::fromUtf8(f.readAll()), m_cost->reportText(suffix));
        }
        QVERIFY(!m_cost->exportReport(m_dir.filePath(QStringLiteral("report.txt"))).isEmpty());
        QVERIFY(!m_cost->exportReport(m_dir.filePath(QStringLiteral("no/such/dir/r.json"))).isEmpty());
    }

    void cancels()
    {
        m_cost->setRuns(1'000'000);
        QSignalSpy finished(m_cost, &gui::CostController::finished);
        m_cost->run();
        QVERIFY(m_cost->isRunning());
        QTRY_VERIFY(m_cost->progress() > 0);
        m_cost->cancel();
        QVERIFY(!m_cost->isRunning());
        QCOMPARE(finished.count(), 1);
        // The last finished report stays (400 runs).
        QVERIFY(m_cost->hasReport());
        QCOMPARE(m_cost->report()->runs, 400);
        m_cost->setRuns(400);
    }

    void changeDuringARunLeavesItStale()
    {
        m_cost->setRuns(3000);
        QSignalSpy finished(m_cost, &gui::CostController::finished);
        m_cost->run();
        QVERIFY(m_cost->isRunning());
        m_cost->setSeed(12); // the run in progress used seed 11
        QVERIFY(finished.wait(60000));
        QCOMPARE(m_cost->report()->runs, 3000);
        QVERIFY(m_cost->isStale());
        QVERIFY(estimate());
        QVERIFY(!m_cost->isStale());
        m_cost->setRuns(400);
    }

    void placeholdersAreResolved()
    {
        // A definition with a placeholder the Choice reads: the value decides the branch, so the
        // transitions tell whether the runs saw it.
        const QString file = write(QStringLiteral("placeholders.asl.json"), R"({
  "StartAt": "Route",
  "States": {
    "Route": {"Type": "Pass", "Parameters": {"mode": "${Mode}"}, "Next": "Which"},
    "Which": {"Type": "Choice", "Choices": [{"Variable": "$.mode", "StringEquals": "long", "Next": "One"}], "Default": "Done"},
    "One": {"Type": "Pass", "Next": "Two"},
    "Two": {"Type": "Pass", "Next": "Done"},
    "Done": {"Type": "Succeed"}
  }
}
)");
        QVERIFY(m_doc->open(file));
        QCOMPARE(m_values->count(), 1);
        QCOMPARE(m_values->unresolved(), QStringList{QStringLiteral("Mode")});
        m_cost->setRuns(5);
        m_cost->setFrequency(QStringLiteral("month"));
        m_cost->setExecutions(1000);
        QVERIFY(estimate());
        QCOMPARE(figure("transitionsMean"), 3.0); // Route, Which, Done

        m_values->setValue(QStringLiteral("Mode"), QStringLiteral("long"));
        QVERIFY(m_cost->isStale());
        QVERIFY(m_values->unresolved().isEmpty());
        const QVariantList preview = m_values->preview();
        QCOMPARE(preview.size(), 1);
        QCOMPARE(preview.first().toMap().value(QStringLiteral("pointer")).toString(),
                 QStringLiteral("/States/Route/Parameters/mode"));
        QCOMPARE(preview.first().toMap().value(QStringLiteral("after")).toString(), QStringLiteral("long"));
        QVERIFY(estimate());
        QCOMPARE(figure("transitionsMean"), 5.0); // Route, Which, One, Two, Done

        // The document is untouched; the value is remembered for this file.
        QVERIFY(m_doc->document()->text().contains("${Mode}"));
        QVERIFY(!m_doc->isModified());
        gui::PlaceholderValues again;
        again.setDocument(m_doc);
        QCOMPARE(again.value(QStringLiteral("Mode")), QStringLiteral("long"));
        const Json resolved = again.resolve(m_doc->document()->root());
        QCOMPARE(jsonpointer::resolve(resolved, u"/States/Route/Parameters/mode").toString(),
                 QStringLiteral("long"));

        // Save As: the values follow the file, and the estimate stays.
        QVERIFY(m_doc->saveAs(m_dir.filePath(QStringLiteral("renamed.asl.json"))));
        QVERIFY(m_cost->hasReport());
        QTRY_VERIFY([&] {
            gui::PlaceholderValues p;
            p.setDocument(m_doc);
            return p.value(QStringLiteral("Mode")) == QLatin1String("long");
        }());
        QCOMPARE(m_values->value(QStringLiteral("Mode")), QStringLiteral("long"));
        again.clearValue(QStringLiteral("Mode"));
        gui::PlaceholderValues third;
        third.setDocument(m_doc);
        QVERIFY(third.value(QStringLiteral("Mode")).isEmpty());
        QCOMPARE(third.unresolved(), QStringList{QStringLiteral("Mode")});
    }

    void histogramBins()
    {
        // Whole numbers: one bar per value while they fit, else whole-number widths.
        QList<gui::HistogramBin> b = gui::histogram({4, 6, 6, 7});
        QCOMPARE(b.size(), 4); // 4, 5, 6, 7
        QCOMPARE(b.at(0).count, 1);
        QCOMPARE(b.at(1).count, 0);
        QCOMPARE(b.at(2).count, 2);
        QCOMPARE(b.at(3).count, 1);
        b = gui::histogram({0, 99}, 10); // 100 values in 10 bars of 10
        QCOMPARE(b.size(), 10);
        QCOMPARE(b.first().to - b.first().from, 10.0);
        QCOMPARE(b.first().count, 1);
        QCOMPARE(b.last().count, 1);
        b = gui::histogram({0.5, 1.0, 1.5}, 2); // the maximum falls in the last bar
        QCOMPARE(b.size(), 2);
        QCOMPARE(b.at(0).count, 1);
        QCOMPARE(b.at(1).count, 2);
        QVERIFY(gui::histogram({}).isEmpty());
    }

    void fileExport()
    {
        // File > Export writes what `stepwise export` writes for the same file: the same bytes for
        // the definition formats and DOT, an SVG naming every state, a PNG and a PDF.
        const QString file = m_doc->filePath();
        auto *exporter = m_window->findChild<gui::ExportController *>(QStringLiteral("exporter"));
        QVERIFY(exporter);
        QStringList names;
        for (const QVariant &f : exporter->formats())
            names.append(f.toMap().value(QStringLiteral("name")).toString());
        for (const char *n :
             {"svg", "png", "pdf", "dot", "mermaid", "yaml", "json", "cloudformation", "sam", "terraform"})
            QVERIFY2(names.contains(QLatin1String(n)), n);
        const QString cli = QStringLiteral(STEPWISE_BINARY_DIR "/bin/stepwise");
        for (const QString &format : names) {
            const QString path = m_dir.filePath(QStringLiteral("export.") + format);
            QCOMPARE(exporter->exportTo(path, format), QString());
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray data = f.readAll();
            if (format == QLatin1String("png")) {
                QVERIFY(!QImage::fromData(data, "PNG").isNull());
                continue;
            }
            if (format == QLatin1String("pdf")) {
                QVERIFY(data.startsWith("%PDF-"));
                continue;
            }
            if (format == QLatin1String("svg")) { // in the canvas's colours, which the CLI does not know
                QVERIFY(data.startsWith("<?xml"));
                for (const char *state : {"Route", "Which", "One", "Two", "Done"})
                    QVERIFY(data.contains(QByteArray(">") + state + "<"));
                continue;
            }
            QProcess p;
            p.start(cli, {QStringLiteral("export"), file, QStringLiteral("--format"), format});
            QVERIFY(p.waitForFinished(60000));
            QCOMPARE(p.exitCode(), 0);
            QVERIFY2(data == p.readAllStandardOutput(), qPrintable(format));
        }
        QVERIFY(exporter->suggestedPath(QStringLiteral("json"))
                    .endsWith(QStringLiteral("renamed.export.asl.json")));
        QVERIFY(exporter->suggestedPath(QStringLiteral("svg")).endsWith(QStringLiteral("renamed.svg")));
        QVERIFY(!exporter->exportTo(m_dir.filePath(QStringLiteral("x.bmp"))).isEmpty());

        // The dialog: the cost report as CSV through the same path.
        QObject *dialog = m_window->findChild<QObject *>(QStringLiteral("exportDialog"));
        QVERIFY(dialog);
        QMetaObject::invokeMethod(dialog, "open");
        auto *format = m_window->findChild<QObject *>(QStringLiteral("exportFormat"));
        auto *path = m_window->findChild<QObject *>(QStringLiteral("exportPath"));
        auto *button = m_window->findChild<QObject *>(QStringLiteral("exportButton"));
        QVERIFY(format && path && button);
        const QStringList labels = format->property("model").toStringList();
        const qsizetype csv = labels.indexOf(QStringLiteral("Cost report \u2014 CSV"));
        QVERIFY(csv >= 0);
        format->setProperty("currentIndex", int(csv));
        const QString out = m_dir.filePath(QStringLiteral("dialog.csv"));
        path->setProperty("text", out);
        QVERIFY(button->property("enabled").toBool());
        QMetaObject::invokeMethod(button, "clicked");
        QFile written(out);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(written.readAll()), m_cost->reportText(QStringLiteral("csv")));

        // The dialog's diagram export runs on a worker, reusing the canvas's layout: the SVG is the
        // one a fresh layout of the definition gives, in the canvas's style.
        qsizetype svg = -1;
        for (qsizetype i = 0; i < labels.size() && svg < 0; ++i) {
            if (labels.at(i).startsWith(QStringLiteral("SVG \u2014"))) svg = i;
        }
        QVERIFY2(svg >= 0, qPrintable(labels.join(QLatin1Char('|'))));
        format->setProperty("currentIndex", int(svg));
        const QString svgOut = m_dir.filePath(QStringLiteral("dialog.svg"));
        path->setProperty("text", svgOut);
        QTRY_VERIFY(!m_diagram->isBusy());
        QSignalSpy finished(exporter, &gui::ExportController::exportFinished);
        QMetaObject::invokeMethod(button, "clicked");
        QVERIFY(exporter->isBusy() || finished.size() == 1);
        QVERIFY(!button->property("enabled").toBool() || finished.size() == 1); // one export at a time
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(0).toString(), svgOut);
        QCOMPARE(finished.first().at(1).toString(), QString());
        QFile svgFile(svgOut);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        {
            const edit::Document *doc = m_doc->document();
            const render::FontTextMetrics metrics(m_diagram->style());
            layout::Options options;
            options.metrics = &metrics;
            options.pins = doc->pins();
            const layout::Geometry fresh = layout::layoutMachine(doc->machine(), options);
            render::ExportInput in;
            in.machine = &doc->machine();
            in.geometry = &fresh;
            in.style = m_diagram->style();
            QString error;
            const QByteArray expected = render::findExporter(QStringLiteral("svg"))->write(in, &error);
            QVERIFY(error.isEmpty());
            QVERIFY(svgFile.readAll() == expected);
        }
        QVERIFY(!exporter->isBusy());
        QVERIFY(!exporter->startExport(m_dir.filePath(QStringLiteral("x.bmp"))).isEmpty());
        QMetaObject::invokeMethod(dialog, "close");
    }

    void cleanupTestCase()
    {
        m_engine.reset();
        QSettings().clear();
    }
};

QTEST_MAIN(TestCost)
#include "tst_cost.moc"
