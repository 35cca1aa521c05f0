#include "entrypoints.h"

#include "asl/asldocument.h"
#include "asl/edges.h"
#include "cost/schedule.h"
#include "data/intrinsiceval.h"
#include "data/jsonpatheval.h"
#include "engine/execution.h"
#include "engine/historyimport.h"
#include "engine/mockconfig.h"
#include "engine/profile.h"
#include "expr/intrinsics.h"
#include "expr/jsonpath.h"
#include "json/jsonreader.h"
#include "json/jsonwriter.h"
#include "jsonata/jsonataengine.h"
#include "validate/validator.h"

#include <QCoreApplication>
#include <QHash>
#include <QTimeZone>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace sw::fuzz {

namespace {

// A broken promise of the code under test: report it the way a sanitizer would, so the fuzzer
// keeps the input and the regression test fails on it.
[[noreturn]] void violated(const char *what, const QByteArray &detail = QByteArray())
{
    std::fprintf(stderr, "stepwise fuzz: invariant violated: %s\n%s\n", what, detail.left(2000).constData());
    std::abort();
}

void require(bool condition, const char *what, const QByteArray &detail = QByteArray())
{
    if (!condition)
        violated(what, detail);
}

QList<QByteArray> parts(const uint8_t *data, size_t size, int count)
{
    const QByteArray all(reinterpret_cast<const char *>(data), qsizetype(size));
    QList<QByteArray> out;
    qsizetype from = 0;
    while (out.size() < count - 1) {
        const qsizetype nul = all.indexOf('\0', from);
        if (nul < 0)
            break;
        out.append(all.mid(from, nul - from));
        from = nul + 1;
    }
    out.append(all.mid(from));
    while (out.size() < count)
        out.append(QByteArray());
    return out;
}

Json parseOr(const QByteArray &text, const Json &fallback)
{
    const JsonReader::Result r = JsonReader::parse(text);
    return r.ok ? r.value : fallback;
}

// Never a directory with files in it: mock profiles may name item files beside themselves.
const QString kNowhere = QStringLiteral("/nonexistent/stepwise-fuzz");

class FuzzVariables final : public sim::Variables
{
public:
    explicit FuzzVariables(const Json &data)
    {
        m_values.insert(QStringLiteral("x"), data);
        m_values.insert(QStringLiteral("var"), Json{{QStringLiteral("a"), 1}, {QStringLiteral("b"), Json::array({1, 2})}});
    }
    const Json *lookup(QStringView name) const override
    {
        const auto it = m_values.constFind(name.toString());
        return it == m_values.constEnd() ? nullptr : &*it;
    }

private:
    QHash<QString, Json> m_values;
};

Json contextObject(const Json &input)
{
    return Json{{QStringLiteral("Execution"),
                 Json{{QStringLiteral("Id"), QStringLiteral("arn:aws:states:us-east-1:123456789012:execution:SM:fuzz")},
                      {QStringLiteral("Input"), input},
                      {QStringLiteral("StartTime"), QStringLiteral("2026-01-01T00:00:00.000Z")}}},
                {QStringLiteral("State"),
                 Json{{QStringLiteral("Name"), QStringLiteral("S")},
                      {QStringLiteral("EnteredTime"), QStringLiteral("2026-01-01T00:00:01.000Z")}}},
                {QStringLiteral("Map"), Json{{QStringLiteral("Item"), Json{{QStringLiteral("Index"), 0}}}}}};
}

const Json &sampleData()
{
    static const Json d = JsonReader::parseOrUndefined(
        R"({"a":1,"b":[1,2,3,{"c":"x"}],"s":"text","n":null,"o":{"p":{"q":[true,false]}},"f":1.5})");
    return d;
}

void walkMachines(const asl::StateMachine &m, int budget)
{
    QList<const asl::StateMachine *> work{&m};
    while (!work.isEmpty() && budget-- > 0) {
        const asl::StateMachine *cur = work.takeLast();
        for (const asl::Edge &e : asl::edgesOf(*cur))
            Q_UNUSED(e);
        for (const asl::State &s : cur->states) {
            for (const asl::StateMachine &b : s.branches)
                work.append(&b);
            for (const asl::StateMachine &p : s.processor)
                work.append(&p);
        }
    }
}

sim::JsonataEngine &jsonata()
{
    // A short budget: the fuzzer should spend its time on inputs, not on looping expressions.
    static sim::JsonataEngine engine(sim::JsonataEngine::Options{250});
    return engine;
}

Json exportHistory(const sim::ImportedHistory &h)
{
    const QDateTime start = h.startTime.isValid() ? h.startTime : QDateTime::fromMSecsSinceEpoch(0, Qt::UTC);
    return sim::historyToAws(h.events, start);
}

} // namespace

const QList<Target> &targets()
{
    static const QList<Target> all = {
        {"json_reader", &jsonReader},     {"asl_validate", &aslValidate}, {"jsonpath", &jsonPath},
        {"intrinsics", &intrinsics},      {"schedule", &schedule},        {"mock_config", &mockConfig},
        {"mock_profile", &mockProfile},   {"history_import", &historyImport}, {"simulate", &simulate},
    };
    return all;
}

const Target *findTarget(const char *name)
{
    for (const Target &t : targets()) {
        if (std::strcmp(t.name, name) == 0)
            return &t;
    }
    return nullptr;
}

void initialize(int *argc, char ***argv)
{
    if (QCoreApplication::instance())
        return;
    static int appArgc = 1;
    static char *appArgv[] = {(*argc > 0 ? (*argv)[0] : const_cast<char *>("stepwise-fuzz")), nullptr};
    static QCoreApplication app(appArgc, appArgv);
    // Diagnostics printed by the code under test would only slow the fuzzer down.
    if (qEnvironmentVariableIsEmpty("STEPWISE_FUZZ_VERBOSE"))
        qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) {});
}

int jsonReader(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    const JsonReader::Result r = JsonReader::parse(text);
    JsonReader::Options withoutSpellings;
    withoutSpellings.keepSpellings = false;
    const JsonReader::Result plain = JsonReader::parse(text, withoutSpellings);
    require(r.ok == plain.ok, "spellings do not change what parses");
    if (!r.ok) {
        require(!r.error.isEmpty() && r.errorPos.isValid(), "a parse error has a message and a position");
        return 0;
    }
    require(r.value == plain.value, "spellings do not change values");
    const QByteArray compact = JsonWriter::compact(r.value);
    require(r.value.compactSize() == compact.size(), "compactSize() is the compact text's size", compact);
    const JsonReader::Result again = JsonReader::parse(compact);
    require(again.ok, "compact output parses", compact);
    require(again.value.identical(r.value), "compact output reads back identical", compact);
    const JsonReader::Result pretty = JsonReader::parse(JsonWriter::pretty(r.value));
    require(pretty.ok && pretty.value.identical(r.value), "pretty output reads back identical", compact);
    const QByteArray plainText = JsonWriter::write(plain.value, JsonWriter::Options{0, false, false});
    require(JsonReader::parse(plainText).ok, "output without spellings parses", plainText);
    return 0;
}

int aslValidate(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    const asl::AslDocument doc = asl::AslDocument::fromText(text);
    validate::Options options;
    options.type = (size % 2) ? validate::MachineType::Express : validate::MachineType::Standard;
    const Diagnostics ds = validate::validate(doc, options);
    for (const Diagnostic &d : ds)
        require(!d.code.isEmpty() && !d.message.isEmpty(), "a diagnostic has a code and a message");
    walkMachines(doc.machine, 1000);
    if (doc.parsed) {
        const asl::AslDocument again = asl::AslDocument::fromText(doc.toText());
        require(again.parsed && again.root.identical(doc.root), "a definition reads back identical", doc.toText());
    }
    return 0;
}

int jsonPath(const uint8_t *data, size_t size)
{
    const QList<QByteArray> p = parts(data, size, 2);
    const QString text = QString::fromUtf8(p[0]);
    const Json input = parseOr(p[1], sampleData());
    const FuzzVariables vars(input);
    sim::EvalContext ctx;
    ctx.contextObject = contextObject(input);
    ctx.variables = &vars;
    for (const bool allowCurrent : {false, true}) {
        QString error;
        const std::optional<expr::JsonPath> path = expr::JsonPath::parse(text, &error, allowCurrent);
        if (!path) {
            require(!error.isEmpty(), "a rejected path has a reason");
            continue;
        }
        path->isDefinite();
        path->isReferencePath();
        const QString normalized = path->normalized();
        path->normalizedPrefix(path->segments().size());
        if (allowCurrent && path->root() == expr::JsonPath::Root::Current)
            continue; // `@` has no meaning outside a filter
        const sim::PathValue v = sim::evaluatePath(*path, input, ctx);
        if (!v.found())
            sim::jsonPathNotFound(text, u"field.$", input);
        sim::javaTypeName(v.value);
        JsonWriter::compact(v.value);
        if (!allowCurrent) {
            const std::optional<expr::JsonPath> cached = sim::cachedPath(text);
            require(cached && cached->normalized() == normalized, "the path cache parses the same path");
        }
    }
    return 0;
}

int intrinsics(const uint8_t *data, size_t size)
{
    const QList<QByteArray> p = parts(data, size, 2);
    const QString text = QString::fromUtf8(p[0]);
    const Json input = parseOr(p[1], sampleData());
    const FuzzVariables vars(input);
    sim::RandomSource random(size);
    sim::EvalContext ctx;
    ctx.contextObject = contextObject(input);
    ctx.variables = &vars;
    ctx.random = &random;
    QString error;
    const std::optional<expr::IntrinsicCall> call = expr::parseIntrinsic(text, &error);
    if (!call) {
        require(!error.isEmpty(), "a rejected intrinsic has a reason");
        return 0;
    }
    const sim::JsonOutcome r = sim::evaluateIntrinsic(*call, input, ctx, u"field.$");
    if (r.ok()) {
        sim::javaToString(r.value());
        JsonWriter::compact(r.value());
    } else {
        require(!r.failure().error.isEmpty(), "a failed intrinsic names its error");
    }
    require(sim::cachedIntrinsic(text).has_value(), "the intrinsic cache parses what parseIntrinsic parses");
    return 0;
}

int schedule(const uint8_t *data, size_t size)
{
    if (size > 512)
        return 0; // expressions are short; long inputs only slow the regular expressions down
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const std::optional<cost::Schedule> s = cost::Schedule::parse(text, &error);
    if (!s) {
        require(!error.isEmpty(), "a rejected schedule has a reason");
        return 0;
    }
    const cost::ScheduleEstimate e = s->estimate(QDate(2026, 1, 1), QTimeZone::utc());
    require(e.firings >= 0 && e.months.size() == 12, "an estimate has twelve months of non-negative firings");
    // One day with a daylight-saving change, where wall-clock times are skipped.
    const QTimeZone berlin("Europe/Berlin");
    if (berlin.isValid()) {
        const QDateTime from(QDate(2026, 3, 29), QTime(0, 0), berlin);
        require(s->countFirings(from, from.addDays(1), berlin) >= 0, "firings are never negative");
    }
    return 0;
}

int mockConfig(const uint8_t *data, size_t size)
{
    const JsonReader::Result r = JsonReader::parse(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!r.ok)
        return 0;
    sim::MockConfig::looksLikeMockConfig(r.value);
    Diagnostics problems;
    const sim::MockConfig config = sim::MockConfig::parse(r.value, &problems);
    int calls = 0;
    for (const QString &machine : config.stateMachines()) {
        for (const QString &testCase : config.testCases(machine)) {
            const QHash<QString, QString> states = config.testCase(machine, testCase);
            sim::MockConfigBackend backend(config, states);
            backend.beginExecution();
            for (auto it = states.cbegin(); it != states.cend() && calls < 200; ++it) {
                config.responses(it.value());
                for (int i = 0; i < 4; ++i, ++calls) {
                    sim::TaskInvocation call;
                    call.stateName = it.key();
                    call.resource = QStringLiteral("arn:aws:states:::lambda:invoke");
                    call.input = Json::object();
                    call.invocationIndex = i;
                    backend.invoke(call);
                }
            }
        }
    }
    return 0;
}

int mockProfile(const uint8_t *data, size_t size)
{
    const JsonReader::Result r = JsonReader::parse(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!r.ok)
        return 0;
    sim::MockProfile::looksLikeProfile(r.value);
    Diagnostics problems;
    const sim::MockProfile profile = sim::MockProfile::parse(r.value, kNowhere, &problems);
    sim::ProfileBackend backend(profile);
    backend.beginExecution();
    sim::RandomSource random(size);
    QStringList states = r.value[u"States"].keys() + r.value[u"ItemReaders"].keys();
    states.append(QStringLiteral("Unnamed"));
    const QStringList resources = r.value[u"Resources"].keys() + QStringList{QStringLiteral("arn:aws:states:::sns:publish")};
    int calls = 0;
    for (const QString &state : states) {
        for (const QString &resource : resources) {
            for (int i = 0; i < 3 && calls < 200; ++i, ++calls) {
                sim::TaskInvocation call;
                call.stateName = state;
                call.resource = resource;
                call.input = Json{{QStringLiteral("k"), i}};
                call.invocationIndex = i;
                call.random = &random;
                backend.invoke(call);
            }
        }
        sim::TaskInvocation read;
        read.stateName = state;
        read.input = Json::object();
        read.random = &random;
        backend.readItems(read);
    }
    return 0;
}

int historyImport(const uint8_t *data, size_t size)
{
    const JsonReader::Result r = JsonReader::parse(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!r.ok)
        return 0;
    const sim::ImportedHistory first = sim::importHistory(r.value);
    // What the importer reads back from its own export must export the same way again.
    const sim::ImportedHistory second = sim::importHistory(exportHistory(first));
    require(second.events.size() == first.events.size(), "an exported history keeps every event");
    const Json once = exportHistory(second);
    const sim::ImportedHistory third = sim::importHistory(once);
    const Json twice = exportHistory(third);
    require(twice.identical(once), "importing an exported history is stable",
            JsonWriter::compact(once) + "\n---\n" + JsonWriter::compact(twice));
    return 0;
}

int simulate(const uint8_t *data, size_t size)
{
    const QList<QByteArray> p = parts(data, size, 3);
    const asl::AslDocument doc = asl::AslDocument::fromText(p[0]);
    if (!doc.parsed || hasErrors(validate::validate(doc)))
        return 0; // the designer and the CLI simulate valid definitions only

    std::unique_ptr<sim::TaskBackend> backend;
    const JsonReader::Result mocks = JsonReader::parse(p[2]);
    if (mocks.ok && sim::MockConfig::looksLikeMockConfig(mocks.value)) {
        Diagnostics problems;
        const sim::MockConfig config = sim::MockConfig::parse(mocks.value, &problems);
        const QStringList machines = config.stateMachines();
        const QStringList cases = machines.isEmpty() ? QStringList() : config.testCases(machines.first());
        if (!cases.isEmpty())
            backend = std::make_unique<sim::MockConfigBackend>(config, config.testCase(machines.first(), cases.first()));
    } else if (mocks.ok && sim::MockProfile::looksLikeProfile(mocks.value)) {
        Diagnostics problems;
        backend = std::make_unique<sim::ProfileBackend>(sim::MockProfile::parse(mocks.value, kNowhere, &problems));
    }

    sim::ExecutionOptions o;
    o.input = parseOr(p[1], Json::object());
    o.backend = backend.get();
    o.jsonata = &jsonata();
    o.maxEvents = 300; // a small budget: loops end at the history limit quickly
    o.recordDataFlow = true;
    o.seed = size;
    sim::Execution ex(std::make_shared<const sim::Program>(doc.machine), o);
    ex.runToCompletion();
    // Answer callbacks left pending, alternately with success and failure.
    for (int round = 0; round < 3 && !ex.isFinished(); ++round) {
        const QList<sim::PendingCallback> pending = ex.pendingCallbacks();
        if (pending.isEmpty())
            break;
        for (qsizetype i = 0; i < pending.size() && i < 20; ++i) {
            if ((i + round) % 2)
                ex.sendTaskFailure(pending.at(i).token, QStringLiteral("Fuzz.Error"), QStringLiteral("cause"));
            else
                ex.sendTaskSuccess(pending.at(i).token, Json{{QStringLiteral("ok"), true}});
        }
        ex.runToCompletion();
    }
    require(ex.eventCount() <= o.maxEvents, "the history stays within maxEvents");
    const sim::ImportedHistory imported = sim::importHistory(ex.awsHistory());
    require(imported.ok() && imported.events.size() == ex.history().size(),
            "the importer reads every event the simulator exports");
    for (qsizetype i = 0; i < imported.events.size(); ++i) {
        const sim::HistoryEvent &a = ex.history().at(i);
        const sim::HistoryEvent &b = imported.events.at(i);
        require(a.type == b.type && a.id == b.id && a.previousEventId == b.previousEventId,
                "imported events keep type, id and previousEventId");
    }
    return 0;
}

} // namespace sw::fuzz
