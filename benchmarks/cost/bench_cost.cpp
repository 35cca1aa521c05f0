// Prints how long a full cost estimate of tradai-backtest-full.asl.json takes: N Monte Carlo runs
// (10,000 by default) with the realistic mock profile of resources/examples, then the cost model
// and the JSON report. Issue 7's budget is 2 s for 10,000 runs; the exit code is 1 over budget.
#include "cost/costmodel.h"
#include "cost/format.h"
#include "cost/montecarlo.h"
#include "cost/report.h"

#include "asl/asldocument.h"
#include "engine/mockloader.h"
#include "engine/program.h"
#include "json/jsonreader.h"
#include "json/jsonwriter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <cstdio>

using namespace sw;

namespace {

QByteArray read(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "bench_cost: cannot read %s\n", qPrintable(path));
        std::exit(2);
    }
    return f.readAll();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int runs = 10000;
    const QStringList args = app.arguments();
    if (const qsizetype i = args.indexOf(QStringLiteral("--runs")); i > 0 && i + 1 < args.size())
        runs = args.at(i + 1).toInt();
    const double budgetMs = 2000.0 * runs / 10000.0;

    // The definition from ../shared (as the issue names it), else the identical bundled copy.
    QString definition = QStringLiteral(STEPWISE_SHARED_DIR "/examples/tradai-backtest-full.asl.json");
    if (!QFileInfo::exists(definition))
        definition = QStringLiteral(STEPWISE_SOURCE_DIR "/resources/examples/tradai-backtest-full.asl.json");
    const QString mocks =
        QStringLiteral(STEPWISE_SOURCE_DIR "/resources/examples/tradai-backtest-full.mocks.json");
    const Json input = JsonReader::parseOrUndefined(
        read(QStringLiteral(STEPWISE_SOURCE_DIR "/benchmarks/cost/tradai-backtest.input.json")));

    QElapsedTimer timer;
    timer.start();
    const asl::AslDocument doc = asl::AslDocument::fromText(read(definition));
    const auto program = std::make_shared<const sim::Program>(doc.machine);
    QString error;
    const auto backend = sim::loadMocks(mocks, QString(), QString(), &error);
    if (!backend) {
        std::fprintf(stderr, "bench_cost: %s\n", qPrintable(error));
        return 2;
    }
    cost::MonteCarloOptions options;
    options.runs = runs;
    options.backend = backend.get();
    options.input = input;
    const cost::PriceTable prices = cost::PriceTable::builtIn();
    const cost::SimulationResult sim = cost::MonteCarlo::run(program, options, prices);
    const qint64 simulatedMs = timer.elapsed();
    cost::CostSettings settings;
    settings.executionsPerMonth = 1000;
    const cost::CostReport report = cost::CostModel(prices, settings).estimate(doc.machine, sim);
    const QByteArray json = JsonWriter::compact(cost::report::toJson(report));
    const double ms = double(timer.nsecsElapsed()) / 1e6;

    std::printf(
        "cost estimate of %s with mocks: %d Monte Carlo runs in %.0f ms (%.1f us a run; simulation %lld ms), "
        "budget %.0f ms: %s\n",
        qPrintable(QFileInfo(definition).fileName()), sim.runs, ms, 1000.0 * ms / std::max(1, sim.runs),
        static_cast<long long>(simulatedMs), budgetMs, ms <= budgetMs ? "ok" : "OVER BUDGET");
    std::printf(
        "  %.2f transitions per execution (p95 %.0f), %s a month at 1,000 executions; report %lld bytes\n",
        report.transitionsPerExecution.mean, report.transitionsPerExecution.p95,
        qPrintable(cost::formatUSD(report.chosen.totalUSD)), static_cast<long long>(json.size()));
    return ms <= budgetMs ? 0 : 1;
}
