#include "cli.h"
#include "commands.h"

#include "asl/asldocument.h"
#include "cost/costmodel.h"
#include "cost/montecarlo.h"
#include "cost/report.h"
#include "engine/mockloader.h"
#include "engine/program.h"
#include "validate/validator.h"
#include "json/jsonreader.h"
#include "json/jsonwriter.h"

#include <QDate>
#include <QFileInfo>
#include <QTimeZone>

#include <cmath>

namespace sw::cli {

QString costHelp()
{
    return QStringLiteral(
        "Usage: stepwise cost FILE (--executions-per-month N | --executions-per-week N |\n"
        "                           --executions-per-day N | --schedule EXPR)\n"
        "                          [--region R] [--type STANDARD|EXPRESS]\n"
        "                          [--input JSON | --input-file F] [--mocks F] [--test-case T]\n"
        "                          [--state-machine NAME] [--runs N] [--seed S] [--prices F]\n"
        "                          [--compute F] [--count-start] [--no-free-tier]\n"
        "                          [--time-zone TZ] [--start YYYY-MM-DD]\n"
        "                          [--format markdown|csv|json] [--json]\n"
        "\n"
        "Estimates the monthly bill of a state machine: it runs the definition N times on\n"
        "the simulator's virtual clock (seeds S..S+N-1) with the input and mocks given,\n"
        "counts the transitions AWS bills for Standard workflows (every state entered,\n"
        "inside Parallel branches and Map iterations too, plus every retry; a Distributed\n"
        "Map adds one per child execution started, its children billed by their own type),\n"
        "prices them for the region with the free tier, and sets the Express equivalent\n"
        "beside them (requests, duration rounded up to 100 ms x memory estimated as AWS\n"
        "documents it) with its eligibility and a recommendation. Optional Lambda and\n"
        "Fargate costs come from a compute file. docs/cost.md describes the method.\n"
        "\n"
        "How often it runs (one of):\n"
        "  --executions-per-month N   a plain count (also -per-week and -per-day: an\n"
        "                             average month is 30.436875 days)\n"
        "  --schedule EXPR            an EventBridge cron(...) or rate(...) expression; its\n"
        "                             firings over twelve months are counted, / 12\n"
        "  --time-zone TZ             the schedule's time zone (IANA, default UTC)\n"
        "  --start YYYY-MM-DD         first day of the twelve months (default: the first\n"
        "                             day of next month)\n"
        "\n"
        "Options:\n"
        "  --region R         AWS region of the prices (default us-east-1)\n"
        "  --type T           STANDARD (default) or EXPRESS\n"
        "  --input JSON       the execution input (default {}); --input-file F reads it\n"
        "  --mocks F          an AWS MockConfigFile or a Stepwise mock profile (durations,\n"
        "                     failure probabilities; docs/mocks.md); --test-case and\n"
        "                     --state-machine choose inside a MockConfigFile\n"
        "  --runs N           Monte Carlo runs (default 1000)\n"
        "  --seed S           seed of the first run (default 0)\n"
        "  --prices F         a JSON price table merged over the built-in one\n"
        "  --compute F        Lambda memory/architecture and Fargate vCPU/memory per state\n"
        "  --count-start      count one more transition per execution for its start (off:\n"
        "                     AWS's wording bills states, not the start)\n"
        "  --no-free-tier     do not apply the free tiers\n"
        "  --format F         markdown (default), csv or json (indented)\n"
        "  --json             compact JSON on one line:\n"
        "    {\"type\",\"region\",\"executionsPerMonth\",\"transitionsPerExecution\":{\"mean\",\n"
        "     \"p50\",\"p95\",\"max\"},\"monthlyTransitions\",\"freeTierTransitions\",\n"
        "     \"monthlyCostUSD\",\"monthlyCostWithoutFreeTierUSD\",\"perState\":[{\"state\",\n"
        "     \"transitions\",\"share\",...}],\"express\":{\"requestsPerMonth\",\n"
        "     \"gbSecondsPerMonth\",\"monthlyCostUSD\",\"eligible\",\"reasons\",...},\n"
        "     \"priceTable\":{\"date\",\"source\"},...}\n"
        "\n"
        "Exit codes: 0 estimated; 1 the runs cannot support an estimate (no run finished,\n"
        "or every run failed with States.Runtime: the input or mocks do not fit; the report\n"
        "is still printed); 2 usage error, unreadable file, invalid definition, schedule,\n"
        "price table, compute file or mocks.\n");
}

namespace {

struct CostOptions
{
    QString file;
    Json input = Json::object();
    QString inputDescription;
    QString mocks;
    QString testCase;
    QString stateMachine;
    QString schedule;
    QString timeZone;
    QString start;
    QString prices;
    QString compute;
    QString format = QStringLiteral("markdown");
    bool json = false;
    int runs = 1000;
    quint64 seed = 0;
    cost::CostSettings settings;
    int countSources = 0;
};

int usage(const QString &message)
{
    err() << "stepwise cost: " << message << '\n';
    return Usage;
}

bool positiveNumber(const QString &text, double &out)
{
    bool ok = false;
    out = text.toDouble(&ok);
    return ok && std::isfinite(out) && out >= 0;
}

} // namespace

int runCost(const QStringList &args)
{
    CostOptions o;
    static const QStringList valued = {QStringLiteral("--executions-per-month"),
                                       QStringLiteral("--executions-per-week"),
                                       QStringLiteral("--executions-per-day"),
                                       QStringLiteral("--schedule"),
                                       QStringLiteral("--time-zone"),
                                       QStringLiteral("--start"),
                                       QStringLiteral("--region"),
                                       QStringLiteral("--type"),
                                       QStringLiteral("--input"),
                                       QStringLiteral("--input-file"),
                                       QStringLiteral("--mocks"),
                                       QStringLiteral("--test-case"),
                                       QStringLiteral("--state-machine"),
                                       QStringLiteral("--runs"),
                                       QStringLiteral("--seed"),
                                       QStringLiteral("--prices"),
                                       QStringLiteral("--compute"),
                                       QStringLiteral("--format")};
    bool inputGiven = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString a = args.at(i);
        const QString name = a.section(QLatin1Char('='), 0, 0);
        if (!a.startsWith(QLatin1String("--"))) {
            if (!o.file.isEmpty()) return usage(QStringLiteral("only one FILE can be costed at a time"));
            o.file = a;
            continue;
        }
        if (name == QLatin1String("--json")) {
            o.json = true;
            continue;
        }
        if (name == QLatin1String("--count-start")) {
            o.settings.countStart = true;
            continue;
        }
        if (name == QLatin1String("--no-free-tier")) {
            o.settings.freeTier = false;
            continue;
        }
        if (!valued.contains(name))
            return usage(QStringLiteral("unknown option %1 (see stepwise cost --help)").arg(name));
        QString v;
        if (a.contains(QLatin1Char('=')))
            v = a.section(QLatin1Char('='), 1);
        else if (i + 1 < args.size())
            v = args.at(++i);
        else
            return usage(QStringLiteral("%1 needs a value").arg(name));

        if (name.startsWith(QLatin1String("--executions-per-"))) {
            double n = 0;
            if (!positiveNumber(v, n)) return usage(QStringLiteral("%1 must be a number >= 0").arg(name));
            ++o.countSources;
            if (name.endsWith(QLatin1String("month"))) {
                o.settings.executionsPerMonth = n;
                o.settings.executionsBasis = QStringLiteral("given");
            } else if (name.endsWith(QLatin1String("week"))) {
                o.settings.executionsPerMonth = n * cost::kWeeksPerMonth;
                o.settings.executionsBasis =
                    QStringLiteral("%1 a week x 4.348125 weeks in an average month").arg(v);
            } else {
                o.settings.executionsPerMonth = n * cost::kDaysPerMonth;
                o.settings.executionsBasis =
                    QStringLiteral("%1 a day x 30.436875 days in an average month").arg(v);
            }
        } else if (name == QLatin1String("--schedule")) {
            ++o.countSources;
            o.schedule = v;
        } else if (name == QLatin1String("--time-zone")) {
            o.timeZone = v;
        } else if (name == QLatin1String("--start")) {
            o.start = v;
        } else if (name == QLatin1String("--region")) {
            o.settings.region = v;
        } else if (name == QLatin1String("--type")) {
            const auto t = cost::workflowTypeFromString(v);
            if (!t) return usage(QStringLiteral("--type must be STANDARD or EXPRESS"));
            o.settings.type = *t;
        } else if (name == QLatin1String("--input") || name == QLatin1String("--input-file")) {
            if (inputGiven) return usage(QStringLiteral("give --input or --input-file, once"));
            inputGiven = true;
            QByteArray data = v.toUtf8();
            QString where = QStringLiteral("--input");
            if (name == QLatin1String("--input-file")) {
                QString error;
                if (!readFile(v, data, error)) return usage(error);
                where = v;
            }
            const auto r = JsonReader::parse(data);
            if (!r.ok)
                return usage(QStringLiteral("%1:%2:%3: the input is not JSON: %4")
                                 .arg(where)
                                 .arg(r.errorPos.line)
                                 .arg(r.errorPos.column)
                                 .arg(r.error));
            o.input = r.value;
            o.inputDescription = name == QLatin1String("--input-file")
                                     ? v
                                     : QStringLiteral("--input (%1 bytes)").arg(data.size());
        } else if (name == QLatin1String("--mocks")) {
            o.mocks = v;
        } else if (name == QLatin1String("--test-case")) {
            o.testCase = v;
        } else if (name == QLatin1String("--state-machine")) {
            o.stateMachine = v;
        } else if (name == QLatin1String("--runs")) {
            bool ok = false;
            o.runs = v.toInt(&ok);
            if (!ok || o.runs < 1) return usage(QStringLiteral("--runs must be a positive integer"));
        } else if (name == QLatin1String("--seed")) {
            bool ok = false;
            o.seed = v.toULongLong(&ok);
            if (!ok) return usage(QStringLiteral("--seed must be a non-negative integer"));
        } else if (name == QLatin1String("--prices")) {
            o.prices = v;
        } else if (name == QLatin1String("--compute")) {
            o.compute = v;
        } else if (name == QLatin1String("--format")) {
            if (v != QLatin1String("markdown") && v != QLatin1String("csv") && v != QLatin1String("json"))
                return usage(QStringLiteral("--format must be markdown, csv or json"));
            o.format = v;
        }
    }
    if (o.file.isEmpty()) return usage(QStringLiteral("no FILE given (see stepwise cost --help)"));
    if (o.countSources != 1)
        return usage(
            o.countSources == 0
                ? QStringLiteral(
                      "say how often it runs: --executions-per-month N or --schedule EXPR (see --help)")
                : QStringLiteral("give one of --executions-per-month/-week/-day and --schedule"));
    if (o.schedule.isEmpty() && (!o.timeZone.isEmpty() || !o.start.isEmpty()))
        return usage(QStringLiteral("--time-zone and --start apply to --schedule"));
    if ((!o.testCase.isEmpty() || !o.stateMachine.isEmpty()) && o.mocks.isEmpty())
        return usage(QStringLiteral("--test-case and --state-machine need --mocks"));

    QByteArray data;
    QString error;
    if (!readFile(o.file, data, error)) return usage(error);
    const asl::AslDocument doc = asl::AslDocument::fromText(data);
    const Diagnostics ds = validate::validate(doc);
    if (hasErrors(ds)) {
        err() << "stepwise cost: " << o.file << " is not a valid state machine:\n";
        for (const Diagnostic &d : ds) {
            if (d.isError())
                err() << o.file << ':' << d.pos.line << ':' << d.pos.column << ": error " << d.code << ": "
                      << d.message
                      << (d.pointer.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(d.pointer)) << '\n';
        }
        return Usage;
    }

    std::optional<cost::PriceTable> prices =
        o.prices.isEmpty() ? cost::PriceTable::builtIn() : cost::PriceTable::withOverride(o.prices, &error);
    if (!prices) return usage(error);
    if (const QString problem = prices->checkRegion(o.settings.region); !problem.isEmpty())
        return usage(QStringLiteral("--region: %1").arg(problem));

    if (!o.schedule.isEmpty()) {
        const auto schedule = cost::Schedule::parse(o.schedule, &error);
        if (!schedule) return usage(error);
        const QTimeZone zone = o.timeZone.isEmpty() ? QTimeZone::utc() : QTimeZone(o.timeZone.toUtf8());
        if (!zone.isValid())
            return usage(
                QStringLiteral("--time-zone: unknown time zone '%1' (use an IANA name such as Europe/Berlin)")
                    .arg(o.timeZone));
        QDate start = cost::Schedule::defaultStart(QDateTime::currentDateTimeUtc().date());
        if (!o.start.isEmpty()) {
            start = QDate::fromString(o.start, Qt::ISODate);
            if (!start.isValid())
                return usage(QStringLiteral("--start: '%1' is not a date such as 2026-01-01").arg(o.start));
        }
        o.settings.schedule = schedule->estimate(start, zone);
        o.settings.executionsPerMonth = o.settings.schedule->executionsPerMonth;
        o.settings.executionsBasis = QStringLiteral("%1: %2 firings in the twelve months from %3 (%4)")
                                         .arg(schedule->expression())
                                         .arg(o.settings.schedule->firings)
                                         .arg(start.toString(Qt::ISODate), o.settings.schedule->timeZone);
    }
    if (!o.compute.isEmpty()) {
        const auto compute = cost::ComputeConfig::load(o.compute, &error);
        if (!compute) return usage(error);
        o.settings.compute = *compute;
    }
    std::unique_ptr<sim::TaskBackend> backend;
    if (!o.mocks.isEmpty()) {
        backend = sim::loadMocks(o.mocks, o.stateMachine, o.testCase, &error);
        if (!backend) return usage(error);
    }

    const QString base = QFileInfo(o.file).fileName().section(QLatin1Char('.'), 0, 0);
    cost::MonteCarloOptions mc;
    mc.runs = o.runs;
    mc.seed = o.seed;
    mc.input = o.input;
    mc.backend = backend.get();
    mc.region = o.settings.region;
    mc.stateMachineName =
        o.stateMachine.isEmpty() ? (base.isEmpty() ? QStringLiteral("StateMachine") : base) : o.stateMachine;
    const auto program = std::make_shared<const sim::Program>(doc.machine);
    const cost::SimulationResult sim = cost::MonteCarlo::run(program, mc, *prices);

    o.settings.definitionName = QFileInfo(o.file).fileName();
    o.settings.seed = o.seed;
    o.settings.input = o.inputDescription;
    o.settings.mocks =
        o.mocks.isEmpty()
            ? QString()
            : (o.testCase.isEmpty() ? o.mocks : QStringLiteral("%1 (test case %2)").arg(o.mocks, o.testCase));
    const cost::CostReport report = cost::CostModel(*prices, o.settings).estimate(doc.machine, sim);

    if (o.json)
        out() << QString::fromUtf8(JsonWriter::compact(cost::report::toJson(report))) << '\n';
    else if (o.format == QLatin1String("json"))
        out() << QString::fromUtf8(JsonWriter::pretty(cost::report::toJson(report))) << '\n';
    else if (o.format == QLatin1String("csv"))
        out() << cost::report::toCsv(report);
    else
        out() << cost::report::toMarkdown(report) << '\n';
    for (const QString &e : report.errors)
        err() << "stepwise cost: " << e << '\n';
    return report.errors.isEmpty() ? Ok : Failure;
}

} // namespace sw::cli
