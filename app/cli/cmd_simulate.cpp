#include "cli.h"
#include "commands.h"

#include "asl/asldocument.h"
#include "engine/execution.h"
#include "engine/mockloader.h"
#include "engine/stats.h"
#include "json/jsonreader.h"
#include "json/jsonwriter.h"
#include "jsonata/jsonataengine.h"
#include "validate/validator.h"

#include <QFileInfo>
#include <QSaveFile>

#include <map>

namespace sw::cli {

QString simulateHelp()
{
    return QStringLiteral(
        "Usage: stepwise simulate FILE [--input JSON | --input-file F] [--mocks F]\n"
        "                         [--test-case NAME] [--state-machine NAME] [--seed N]\n"
        "                         [--runs N] [--history OUT] [--json]\n"
        "\n"
        "Runs the state machine on a virtual clock (a one-hour Wait costs nothing) with\n"
        "mocked tasks, as AWS would run it, and prints the outcome as JSON:\n"
        "  {\"status\":\"SUCCEEDED|FAILED|TIMED_OUT\",\"output\",\"error\",\"cause\",\n"
        "   \"transitions\",\"simulatedSeconds\",\"events\",\"unmockedStates\":[...]}\n"
        "With --runs N it runs N executions (seeds S..S+N-1) and prints\n"
        "  {\"runs\",\"statuses\":{...},\"transitions\":{\"mean\",\"p50\",\"p95\",\"max\"},\n"
        "   \"simulatedSeconds\":{...}}\n"
        "\n"
        "Options:\n"
        "  --input JSON         the execution input (default {})\n"
        "  --input-file F       read the execution input from F\n"
        "  --mocks F            an AWS Step Functions Local MockConfigFile, or a Stepwise\n"
        "                       mock profile (docs/mocks.md); tasks without a mock return\n"
        "                       their input after zero time and are listed as unmocked\n"
        "  --test-case NAME     the MockConfigFile test case (optional when there is one)\n"
        "  --state-machine NAME the MockConfigFile state machine (optional when there is one)\n"
        "  --seed N             seed of the random choices (default 0)\n"
        "  --runs N             run N executions and print statistics\n"
        "  --history OUT        write the execution history (GetExecutionHistory JSON)\n"
        "  --json               print compact JSON on one line\n"
        "\n"
        "`transitions` counts what AWS bills: every state entered (inside branches and\n"
        "iterations too) plus every retry.\n"
        "Exit codes: 0 SUCCEEDED, 1 otherwise, 2 usage error, unreadable file or an\n"
        "invalid definition (its diagnostics are printed).\n");
}

namespace {

struct SimOptions
{
    QString file;
    Json input = Json::object();
    QString mocks;
    QString testCase;
    QString stateMachine;
    quint64 seed = 0;
    int runs = 0;
    QString history;
    bool json = false;
};

bool takeValue(const QStringList &args, qsizetype &i, QString &out)
{
    const QString &a = args.at(i);
    const qsizetype eq = a.indexOf(QLatin1Char('='));
    if (a.startsWith(QLatin1String("--")) && eq > 0) {
        out = a.mid(eq + 1);
        return true;
    }
    if (i + 1 >= args.size())
        return false;
    out = args.at(++i);
    return true;
}

} // namespace

int runSimulate(const QStringList &args)
{
    SimOptions o;
    bool inputGiven = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString a = args.at(i);
        const QString name = a.section(QLatin1Char('='), 0, 0);
        QString v;
        if (name == QLatin1String("--json")) {
            o.json = true;
            continue;
        }
        if (!name.startsWith(QLatin1String("--"))) {
            if (!o.file.isEmpty()) {
                err() << "stepwise simulate: only one FILE can be simulated at a time\n";
                return Usage;
            }
            o.file = a;
            continue;
        }
        static const QStringList valued = {QStringLiteral("--input"), QStringLiteral("--input-file"), QStringLiteral("--mocks"),
                                           QStringLiteral("--test-case"), QStringLiteral("--state-machine"), QStringLiteral("--seed"),
                                           QStringLiteral("--runs"), QStringLiteral("--history")};
        if (!valued.contains(name)) {
            err() << "stepwise simulate: unknown option " << name << " (see stepwise simulate --help)\n";
            return Usage;
        }
        if (!takeValue(args, i, v)) {
            err() << "stepwise simulate: " << name << " needs a value\n";
            return Usage;
        }
        if (name == QLatin1String("--input") || name == QLatin1String("--input-file")) {
            if (inputGiven) {
                err() << "stepwise simulate: give --input or --input-file, once\n";
                return Usage;
            }
            inputGiven = true;
            QByteArray data = v.toUtf8();
            QString where = QStringLiteral("--input");
            if (name == QLatin1String("--input-file")) {
                QString error;
                if (!readFile(v, data, error)) {
                    err() << "stepwise simulate: " << error << '\n';
                    return Usage;
                }
                where = v;
            }
            const auto r = JsonReader::parse(data);
            if (!r.ok) {
                err() << "stepwise simulate: " << where << ':' << r.errorPos.line << ':' << r.errorPos.column
                      << ": the input is not JSON: " << r.error << '\n';
                return Usage;
            }
            o.input = r.value;
        } else if (name == QLatin1String("--mocks")) {
            o.mocks = v;
        } else if (name == QLatin1String("--test-case")) {
            o.testCase = v;
        } else if (name == QLatin1String("--state-machine")) {
            o.stateMachine = v;
        } else if (name == QLatin1String("--history")) {
            o.history = v;
        } else if (name == QLatin1String("--seed")) {
            bool ok = false;
            o.seed = v.toULongLong(&ok);
            if (!ok) {
                err() << "stepwise simulate: --seed must be a non-negative integer\n";
                return Usage;
            }
        } else if (name == QLatin1String("--runs")) {
            bool ok = false;
            o.runs = v.toInt(&ok);
            if (!ok || o.runs < 1) {
                err() << "stepwise simulate: --runs must be a positive integer\n";
                return Usage;
            }
        }
    }
    if (o.file.isEmpty()) {
        err() << "stepwise simulate: no FILE given (see stepwise simulate --help)\n";
        return Usage;
    }
    QByteArray data;
    QString error;
    if (!readFile(o.file, data, error)) {
        err() << "stepwise simulate: " << error << '\n';
        return Usage;
    }
    const asl::AslDocument doc = asl::AslDocument::fromText(data);
    const Diagnostics ds = validate::validate(doc);
    if (hasErrors(ds)) {
        err() << "stepwise simulate: " << o.file << " is not a valid state machine:\n";
        for (const Diagnostic &d : ds) {
            if (d.isError())
                err() << o.file << ':' << d.pos.line << ':' << d.pos.column << ": error " << d.code << ": " << d.message
                      << (d.pointer.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(d.pointer)) << '\n';
        }
        return Usage;
    }
    std::unique_ptr<sim::TaskBackend> backend;
    if (!o.mocks.isEmpty()) {
        backend = sim::loadMocks(o.mocks, o.stateMachine, o.testCase, &error);
        if (!backend) {
            err() << "stepwise simulate: " << error << '\n';
            return Usage;
        }
    } else if (!o.testCase.isEmpty() || !o.stateMachine.isEmpty()) {
        err() << "stepwise simulate: --test-case and --state-machine need --mocks\n";
        return Usage;
    }

    auto program = std::make_shared<const sim::Program>(doc.machine);
    sim::JsonataEngine jsonata;
    sim::ExecutionOptions eo;
    eo.input = o.input;
    eo.backend = backend.get();
    eo.jsonata = &jsonata;
    const QString base = QFileInfo(o.file).fileName().section(QLatin1Char('.'), 0, 0);
    eo.stateMachineName = o.stateMachine.isEmpty() ? (base.isEmpty() ? QStringLiteral("StateMachine") : base) : o.stateMachine;
    const JsonWriter::Options style{o.json ? 0 : 2, true, false};

    if (o.runs > 0) {
        std::map<QString, int> statuses;
        std::vector<double> transitions, seconds;
        transitions.reserve(size_t(o.runs));
        seconds.reserve(size_t(o.runs));
        eo.recordHistory = false;
        for (int r = 0; r < o.runs; ++r) {
            eo.seed = o.seed + quint64(r);
            sim::Execution ex(program, eo);
            ex.runToCompletion();
            statuses[sim::toString(ex.status())]++;
            transitions.push_back(double(ex.transitions()));
            seconds.push_back(ex.now());
        }
        Json st = Json::object();
        for (const auto &[k, n] : statuses)
            st.insert(k, n);
        const Json report{{QStringLiteral("runs"), o.runs},
                          {QStringLiteral("statuses"), st},
                          {QStringLiteral("transitions"), sim::Summary::of(transitions).toJson()},
                          {QStringLiteral("simulatedSeconds"), sim::Summary::of(seconds).toJson()}};
        out() << QString::fromUtf8(JsonWriter::write(report, style)) << '\n';
        return statuses.size() == 1 && statuses.count(QStringLiteral("SUCCEEDED")) ? Ok : Failure;
    }

    eo.seed = o.seed;
    sim::Execution ex(program, eo);
    ex.runToCompletion();
    Json unmocked = Json::array();
    for (const QString &s : ex.unmockedStates())
        unmocked.append(s);
    QString status = sim::toString(ex.status());
    if (ex.status() == sim::ExecutionStatus::Running)
        status = QStringLiteral("RUNNING"); // a callback left pending: nothing else can happen
    const Json report{{QStringLiteral("status"), status},
                      {QStringLiteral("output"), ex.status() == sim::ExecutionStatus::Succeeded ? ex.output() : Json(nullptr)},
                      {QStringLiteral("error"), ex.error().isNull() ? Json(nullptr) : Json(ex.error())},
                      {QStringLiteral("cause"), ex.cause().isNull() ? Json(nullptr) : Json(ex.cause())},
                      {QStringLiteral("transitions"), ex.transitions()},
                      {QStringLiteral("simulatedSeconds"), ex.now()},
                      {QStringLiteral("events"), ex.eventCount()},
                      {QStringLiteral("unmockedStates"), unmocked}};
    out() << QString::fromUtf8(JsonWriter::write(report, style)) << '\n';
    if (!o.history.isEmpty()) {
        // Unbuffered: QSaveFile::commit() misses a write error of its own flush (a full disk).
        QSaveFile f(o.history);
        const QByteArray text = JsonWriter::write(ex.awsHistory(), JsonWriter::Options{2, true, true});
        if (!f.open(QIODevice::WriteOnly | QIODevice::Unbuffered) || f.write(text) != text.size() ||
            !f.commit()) {
            err() << "stepwise simulate: " << o.history << ": cannot write: " << f.errorString() << '\n';
            return Usage;
        }
    }
    return ex.status() == sim::ExecutionStatus::Succeeded ? Ok : Failure;
}

} // namespace sw::cli
