// jsonata_bench: evaluations per second and conformance of the ways to run JSONata in Qt 6.4's
// JavaScript engine (docs/jsonata.md records the figures and the choice).
//
//   jsonata_bench [--candidates DIR] [--shared DIR] [--seconds S]
//
// Rows: every "{% %}" expression of the single-state JSONata conformance cases in
// ../shared/corpus/conformance whose recorded outcome fixes that expression's value (the value at
// the same place in the recorded output, the recorded error or cause, or "undefined" for
// "returned nothing"). The same rows are timed (round robin) and checked for every candidate.
//
// Candidates: the production JsonataEngine (2.0.6 with async/await removed, sandbox, depth limit,
// JSON conversion both ways), and raw builds from DIR/node_modules (benchmarks/jsonata/package.json,
// installed by the jsonata_bench_candidates target): 2.0.6 stripped the same way, 2.0.6's ES5 build
// with a synchronous Promise shim, 2.0.6's ES5 build with native promises drained by the event
// loop, 1.8.9 and 1.8.7 (synchronous, generator based).

#include "jsonata/jsonataengine.h"

#include "asl/statemachine.h"
#include "json/jsonreader.h"
#include "json/jsonwriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJSEngine>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QTextStream>

#include <ctime>
#include <optional>

using namespace sw;
using namespace sw::sim;

namespace {

struct Row
{
    QString name;
    QString expression;
    Json states;
    Json expected; // undefined: the expression must return nothing
    bool expectError = false;
};

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

Json readJson(const QString &path)
{
    return JsonReader::parseOrUndefined(readFile(path));
}

// Pairs each expression of `tmpl` with the value at the same place in `expected`.
void pairExpressions(const QString &name, const Json &tmpl, const Json &expected, const Json &states,
                     QList<Row> &rows)
{
    if (asl::isJsonataExpression(tmpl)) {
        rows.append(Row{name, asl::jsonataBody(tmpl).trimmed(), states, expected, false});
    } else if (tmpl.isArray()) {
        for (qsizetype i = 0; i < tmpl.size(); ++i)
            pairExpressions(name, tmpl.at(i), expected.at(i), states, rows);
    } else if (tmpl.isObject()) {
        for (const JsonMember &m : tmpl.members())
            pairExpressions(name, m.value, expected[m.key], states, rows);
    }
}

QList<Row> conformanceRows(const QString &shared)
{
    QList<Row> rows;
    const QString root = shared + QStringLiteral("/corpus/conformance/");
    const Json index = readJson(root + QStringLiteral("INDEX.json"));
    static const QRegularExpression undefinedCause(
        QStringLiteral("The JSONata expression '(.*)' specified for the "
                       "field '.*' returned nothing \\(undefined\\)\\.$"));
    for (const JsonMember &c : index.members()) {
        bool jsonata = false;
        for (const Json &f : c.value[u"features"].items())
            jsonata = jsonata || f == Json("JSONata");
        if (!jsonata) continue;
        const Json def = readJson(root + c.key + QStringLiteral("/definition.asl.json"));
        const Json expected = readJson(root + c.key + QStringLiteral("/expected.json"));
        const Json input = readJson(root + c.key + QStringLiteral("/input.json"));
        if (def[u"States"].size() != 1) continue;
        const Json &state = def[u"States"].members().front().value;
        const Json states{{QStringLiteral("input"), input}, {QStringLiteral("context"), Json::object()}};
        const bool succeeded = expected[u"status"] == Json("SUCCEEDED");
        const QString type = state[u"Type"].toString();
        if (type == QLatin1String("Pass") && succeeded && state.contains(u"Output")) {
            pairExpressions(c.key, state[u"Output"], expected[u"output"], states, rows);
        } else if (type == QLatin1String("Fail")) {
            pairExpressions(c.key, state[u"Error"], expected[u"error"], states, rows);
            pairExpressions(c.key, state[u"Cause"], expected[u"cause"], states, rows);
        } else if (!succeeded) {
            const QRegularExpressionMatch m = undefinedCause.match(expected[u"cause"].toString());
            if (m.hasMatch()) rows.append(Row{c.key, m.captured(1), states, Json(), false});
        }
    }
    return rows;
}

double cpuSeconds()
{
    return double(std::clock()) / CLOCKS_PER_SEC;
}

struct Figures
{
    double loadMs = 0;
    double evalsPerSecond = 0; // per CPU second
    int correct = 0;
    int total = 0;
    QStringList wrong;
};

bool matches(const Row &row, const std::optional<Json> &got, bool error)
{
    if (row.expectError || error) return row.expectError && error;
    if (!row.expected.isDefined()) return !got.has_value();
    return got.has_value() && *got == row.expected;
}

// Times round-robin evaluation of the rows for about `seconds` of CPU time.
template <class Eval> double throughput(const QList<Row> &rows, double seconds, Eval eval)
{
    int n = 0;
    const double start = cpuSeconds();
    double elapsed = 0;
    do {
        for (const Row &row : rows) {
            eval(row);
            ++n;
        }
        elapsed = cpuSeconds() - start;
    } while (elapsed < seconds);
    return n / elapsed;
}

Figures measureEngine(const QList<Row> &rows, double seconds)
{
    Figures f;
    QElapsedTimer t;
    t.start();
    JsonataEngine engine;
    if (!engine.isAvailable()) {
        out() << "production engine unavailable: " << engine.loadError() << Qt::endl;
        return f;
    }
    f.loadMs = t.nsecsElapsed() / 1e6;
    RandomSource random(1);
    EvalContext ctx;
    ctx.random = &random;
    auto eval = [&](const Row &row) {
        return engine.evaluate(row.expression, QStringLiteral("Output"), row.states, ctx);
    };
    for (const Row &row : rows) {
        const Outcome<Json> r = eval(row);
        const bool undefinedResult = r.failed() && r.failure().cause.endsWith(QStringLiteral("(undefined)."));
        const bool ok = matches(row, r.ok() ? std::optional<Json>(r.value()) : std::nullopt,
                                r.failed() && !undefinedResult);
        ++f.total;
        f.correct += ok ? 1 : 0;
        if (!ok) f.wrong << row.name + QStringLiteral(": ") + row.expression;
    }
    f.evalsPerSecond = throughput(rows, seconds, eval);
    return f;
}

// The cost of handing $states over: one expression reading one member of inputs of growing size.
void measurePayloads(double seconds)
{
    JsonataEngine engine;
    RandomSource random(1);
    EvalContext ctx;
    ctx.random = &random;
    for (int items : {10, 100, 1000, 3000}) {
        Json list = Json::array();
        for (int i = 0; i < items; ++i)
            list.append(Json{{QStringLiteral("id"), i},
                             {QStringLiteral("name"), QStringLiteral("item %1").arg(i)},
                             {QStringLiteral("price"), 1.5 * i},
                             {QStringLiteral("tags"), Json::array({"a", "b"})}});
        const Json states{{QStringLiteral("input"), Json{{QStringLiteral("orderId"), QStringLiteral("o-1")},
                                                         {QStringLiteral("items"), list}}},
                          {QStringLiteral("context"), Json::object()}};
        double rates[2];
        const QString expressions[2] = {QStringLiteral("$states.input.orderId"),
                                        QStringLiteral("$states.input.items[0].name")};
        for (int k = 0; k < 2; ++k) {
            const Row row{QString(), expressions[k], states, Json(), false};
            rates[k] = throughput({row}, seconds / 4, [&](const Row &r) {
                return engine.evaluate(r.expression, QStringLiteral("Output"), r.states, ctx);
            });
        }
        out() << QStringLiteral("  %1 KiB: %2 (orderId) %3 (items[0].name)")
                     .arg(JsonWriter::compact(states).size() / 1024, 4)
                     .arg(QString::number(rates[0], 'f', 0), 7)
                     .arg(QString::number(rates[1], 'f', 0), 7)
              << Qt::endl;
    }
}

enum class Mode { Plain, Stripped, Shim, EventLoop };

struct Candidate
{
    QString label;
    QString file; // relative to DIR/node_modules
    Mode mode;
    bool depthHooks = false;
};

// The same edit as simulator/jsonata/makesandbox.cmake.
QString stripAsync(QString source)
{
    static const QRegularExpression asyncFunction(QStringLiteral("([^A-Za-z0-9_$.])async (function[ (])"));
    static const QRegularExpression asyncArrow(QStringLiteral("([^A-Za-z0-9_$.])async \\("));
    static const QRegularExpression await(QStringLiteral("([^A-Za-z0-9_$.])await "));
    source.replace(asyncFunction, QStringLiteral("\\1\\2"));
    source.replace(asyncArrow, QStringLiteral("\\1("));
    source.replace(await, QStringLiteral("\\1"));
    return source;
}

Figures measureCandidate(const Candidate &c, const QString &dir, const QList<Row> &rows, double seconds)
{
    Figures f;
    QString library = QString::fromUtf8(readFile(dir + QStringLiteral("/node_modules/") + c.file));
    if (library.isEmpty()) {
        out() << "  (missing " << c.file << ": build the jsonata_bench_candidates target)" << Qt::endl;
        return f;
    }
    QString promise = QStringLiteral("Promise");
    if (c.mode == Mode::Stripped) {
        library = stripAsync(library);
        promise = QStringLiteral("{ all: function (values) { return values; } }");
    } else if (c.mode == Mode::Shim) {
        promise = QString::fromUtf8(readFile(QStringLiteral(":/bench/syncpromise.js")));
    }
    const QString program =
        QStringLiteral("(function (Promise) { var module = { exports: {} }; var exports = "
                       "module.exports; var define, window, self, global;\n%1\n;return "
                       "module.exports; })(%2)")
            .arg(library, promise);

    QElapsedTimer t;
    t.start();
    QJSEngine js;
    const QJSValue jsonata = js.evaluate(program, c.file);
    QJSValue harness = js.evaluate(QString::fromUtf8(readFile(QStringLiteral(":/bench/harness.js"))));
    harness = harness.call({jsonata});
    if (jsonata.isError() || harness.isError()) {
        out() << "  (load failed: " << (jsonata.isError() ? jsonata.toString() : harness.toString()) << ")"
              << Qt::endl;
        return f;
    }
    QJSValue compile = harness.property(QStringLiteral("compile"));
    QJSValue evaluate = harness.property(QStringLiteral("evaluate"));
    f.loadMs = t.nsecsElapsed() / 1e6;

    QHash<QString, int> ids;
    auto eval = [&](const Row &row) -> QJSValue {
        auto it = ids.find(row.expression);
        if (it == ids.end())
            it = ids.insert(row.expression,
                            compile.call({QJSValue(row.expression), QJSValue(c.depthHooks)}).toInt());
        if (*it < 0) return QJSValue();
        QByteArray bindings = "{\"states\":" + JsonWriter::compact(row.states) + "}";
        QJSValue record = evaluate.call({QJSValue(*it), QJSValue(QString::fromUtf8(bindings))});
        if (c.mode == Mode::EventLoop) {
            while (!record.property(QStringLiteral("done")).toBool())
                QCoreApplication::processEvents();
        }
        return record;
    };
    for (const Row &row : rows) {
        const QJSValue record = eval(row);
        const QString kind =
            record.isUndefined() ? QStringLiteral("E") : record.property(QStringLiteral("kind")).toString();
        std::optional<Json> got;
        if (kind == QLatin1String("J"))
            got = JsonReader::parseOrUndefined(record.property(QStringLiteral("json")).toString().toUtf8());
        const bool ok = matches(row, got, kind == QLatin1String("E") || kind.isEmpty());
        ++f.total;
        f.correct += ok ? 1 : 0;
        if (!ok) f.wrong << row.name + QStringLiteral(": ") + row.expression;
    }
    f.evalsPerSecond = throughput(rows, seconds, eval);
    return f;
}

void print(const QString &label, const Figures &f)
{
    out() << QStringLiteral("%1 %2 %3 %4/%5")
                 .arg(label, -44)
                 .arg(QString::number(f.loadMs, 'f', 0), 8)
                 .arg(QString::number(f.evalsPerSecond, 'f', 0), 12)
                 .arg(f.correct)
                 .arg(f.total)
          << Qt::endl;
    for (const QString &w : f.wrong)
        out() << "    wrong: " << w << Qt::endl;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("qt.qml.compiler=false"));
    QString candidates = QStringLiteral(STEPWISE_BENCH_CANDIDATES_DIR);
    QString shared = QStringLiteral(STEPWISE_SHARED_DIR);
    double seconds = 2;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--candidates"))
            candidates = args[i + 1];
        else if (args[i] == QLatin1String("--shared"))
            shared = args[i + 1];
        else if (args[i] == QLatin1String("--seconds"))
            seconds = args[i + 1].toDouble();
    }
    const QList<Row> rows = conformanceRows(shared);
    if (rows.isEmpty()) {
        out() << "no conformance rows: is " << shared << "/corpus/conformance there?" << Qt::endl;
        return 2;
    }
    out() << rows.size() << " expressions from the single-state JSONata conformance cases; " << seconds
          << " CPU s per candidate" << Qt::endl;
    out() << QStringLiteral("%1 %2 %3 %4")
                 .arg(QStringLiteral("candidate"), -44)
                 .arg(QStringLiteral("load ms"), 8)
                 .arg(QStringLiteral("evals/CPU s"), 12)
                 .arg(QStringLiteral("correct"))
          << Qt::endl;
    print(QStringLiteral("JsonataEngine (2.0.6 sync, sandboxed)"), measureEngine(rows, seconds));
    const QList<Candidate> list = {
        {QStringLiteral("2.0.6 jsonata.js, async/await removed"), QStringLiteral("jsonata/jsonata.js"),
         Mode::Stripped},
        {QStringLiteral("  + AWS depth limit hooks"), QStringLiteral("jsonata/jsonata.js"), Mode::Stripped,
         true},
        {QStringLiteral("2.0.6 jsonata-es5.js + sync Promise shim"), QStringLiteral("jsonata/jsonata-es5.js"),
         Mode::Shim},
        {QStringLiteral("2.0.6 jsonata-es5.js + event loop"), QStringLiteral("jsonata/jsonata-es5.js"),
         Mode::EventLoop},
        {QStringLiteral("1.8.9 jsonata.js (generators)"), QStringLiteral("jsonata-1.8.9/jsonata.js"),
         Mode::Plain},
        {QStringLiteral("1.8.7 jsonata.js (generators)"), QStringLiteral("jsonata-1.8.7/jsonata.js"),
         Mode::Plain},
    };
    for (const Candidate &c : list)
        print(c.label, measureCandidate(c, candidates, rows, seconds));
    out() << "JsonataEngine, evals/CPU s reading $states.input.orderId (a sibling of a growing items array,"
             " which the engine leaves out) and $states.input.items[0].name (which needs the array):"
          << Qt::endl;
    measurePayloads(seconds);
    return 0;
}
