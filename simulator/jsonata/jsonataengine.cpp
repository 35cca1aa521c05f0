#include "jsonataengine.h"

#include "jsonatahost.h"
#include "jsonatawatchdog.h"

#include "asl/statemachine.h"
#include "json/jsonreader.h"
#include "json/jsonwriter.h"

#include <QDateTime>
#include <QFile>
#include <QHash>
#include <QJSEngine>
#include <QJSValue>
#include <QLoggingCategory>
#include <QThread>

#include <mutex>
#include <optional>

Q_LOGGING_CATEGORY(lcJsonata, "stepwise.sim.jsonata", QtInfoMsg)

namespace sw::sim {

namespace {

const QString kQueryEvaluationError = QStringLiteral("States.QueryEvaluationError");
const QString kResource = QStringLiteral(":/stepwise/jsonata/jsonata-sandbox.js");
// JSONata's own time-box wording, which AWS's documented "Expression evaluation timeout" matches.
const QString kTimeout = QStringLiteral("U1001: Expression evaluation timeout: Check for infinite loop");
// Expressions come from definitions, but a syntax checker fed from an editor would grow the cache
// without bound; past this many the engine starts over.
constexpr int kCacheLimit = 4096;
// Qt 6.4's V4 degrades from ~30,000 to ~100 evaluations per second once an engine has performed
// roughly 200,000 JSONata evaluation steps (measured: docs/jsonata.md); memory stays flat, the
// collector starts running on nearly every allocation, and neither collectGarbage() nor reloading
// the library into the same engine undoes it. A fresh QJSEngine does, so one is made well before.
constexpr double kRecycleSteps = 100000;
// How many calls pass between two looks at the step count.
constexpr int kRecycleCheckInterval = 16;

// V4 reports constructs of the bundled library it cannot optimise on qt.qml.compiler; they are
// not actionable for users of Stepwise.
QLoggingCategory::CategoryFilter g_previousFilter = nullptr;
void categoryFilter(QLoggingCategory *category)
{
    if (g_previousFilter) g_previousFilter(category);
    if (qstrcmp(category->categoryName(), "qt.qml.compiler") == 0) {
        category->setEnabled(QtDebugMsg, false);
        category->setEnabled(QtInfoMsg, false);
        category->setEnabled(QtWarningMsg, false);
    }
}
void silenceCompilerWarnings()
{
    static std::once_flag once;
    std::call_once(once, [] { g_previousFilter = QLoggingCategory::installFilter(categoryFilter); });
}

struct Compiled
{
    int id = -1;
    QString error; // a syntax error: the expression cannot run
    // The $names the expression uses (workflow variables, "states", also functions and locals) and
    // the member paths it reads through each; an empty path is the whole value.
    QHash<QString, QList<QStringList>> uses;
    bool usesClock = false; // $now() / $millis()
};

// The parts of `value` that `paths` reach: objects are copied member by member along the paths;
// everything else (and an empty path) is taken whole. Converting a value to JavaScript costs about
// as much as V4's JSON.parse of it (roughly 10 MB/s), so large inputs are cut down to what an
// expression can read.
Json prune(const Json &value, const QList<QStringList> &paths)
{
    if (!value.isObject()) return value;
    QStringList order;
    QHash<QString, QList<QStringList>> rest;
    for (const QStringList &path : paths) {
        if (path.isEmpty()) return value;
        if (!rest.contains(path.front())) order.append(path.front());
        rest[path.front()].append(path.mid(1));
    }
    Json out = Json::object();
    for (const QString &key : std::as_const(order)) {
        if (const Json *child = value.find(key))
            out.appendMember(key, prune(*child, rest.value(key)), {}, {});
    }
    return out;
}

qint64 millisFromIso(const Json &v)
{
    if (!v.isString()) return -1;
    const QDateTime t = QDateTime::fromString(v.stringRef(), Qt::ISODateWithMs);
    return t.isValid() ? t.toMSecsSinceEpoch() : -1;
}

qint64 virtualNow(const EvalContext &ctx, const Json &states)
{
    if (ctx.nowMillis >= 0) return ctx.nowMillis;
    for (const Json *context : {&ctx.contextObject, &states[u"context"]}) {
        qint64 t = millisFromIso((*context)[u"State"][u"EnteredTime"]);
        if (t < 0) t = millisFromIso((*context)[u"Execution"][u"StartTime"]);
        if (t >= 0) return t;
    }
    return 0;
}

QString quoted(const QString &expression)
{
    return QLatin1Char('\'') + expression + QLatin1Char('\'');
}

Failure queryError(const QString &expression, const QString &fieldName, const QString &what)
{
    return Failure{kQueryEvaluationError,
                   QStringLiteral("The JSONata expression %1 specified for the field '%2' %3")
                       .arg(quoted(expression), fieldName, what),
                   true};
}

void collectExpressions(const Json &value, QStringList &out)
{
    switch (value.type()) {
    case Json::Type::String:
        if (asl::isJsonataExpression(value)) out.append(asl::jsonataBody(value).trimmed());
        break;
    case Json::Type::Array:
        for (const Json &item : value.items())
            collectExpressions(item, out);
        break;
    case Json::Type::Object:
        for (const JsonMember &m : value.members())
            collectExpressions(m.value, out);
        break;
    default:
        break;
    }
}

} // namespace

struct JsonataEngine::Private
{
    Options options;
    QThread *thread = nullptr;
    bool loadTried = false;
    QString loadError;
    // Destroyed in reverse order: the JavaScript values, then the watchdog's slot, then the engine,
    // then the host object the engine wraps.
    std::unique_ptr<JsonataHost> host;
    std::unique_ptr<QJSEngine> js;
    std::unique_ptr<JsonataWatchdog::Slot> watchdog;
    QJSValue compileFn, checkFn, forgetFn, stepsFn, beginFn, runFn;
    QHash<QString, Compiled> cache;
    int callsSinceCheck = 0;
    int reloads = 0;

    bool ensureLoaded();
    void recycleIfWorn();
    void unload();
    Compiled compile(const QString &body);
    QString run(int id);
    Outcome<Json> evaluateOne(const QString &body, const Compiled &c, const QString &fieldName);
    Outcome<Json> substitute(const Json &value, const QString &path, const QList<Compiled> &plan, int &next,
                             bool *changed);
    void begin(const QList<Compiled> &plan, const Json &states, const EvalContext &ctx);
    std::optional<Failure> wrongThread(const QString &expression, const QString &fieldName) const;
};

bool JsonataEngine::Private::ensureLoaded()
{
    if (loadTried) return loadError.isEmpty();
    loadTried = true;
    thread = QThread::currentThread();
    silenceCompilerWarnings();

    QFile file(kResource);
    if (!file.open(QIODevice::ReadOnly)) {
        loadError = QStringLiteral("the bundled JSONata library (%1) is missing").arg(kResource);
        qCCritical(lcJsonata) << loadError;
        return false;
    }
    const QString source = QString::fromUtf8(file.readAll());

    host = std::make_unique<JsonataHost>();
    js = std::make_unique<QJSEngine>();
    const QJSValue factory = js->evaluate(source, QStringLiteral("qrc:/stepwise/jsonata/jsonata-sandbox.js"));
    QJSValue driver;
    if (!factory.isError() && factory.isCallable()) {
        QJSValue hostValue = js->newQObject(host.get());
        QJSEngine::setObjectOwnership(host.get(), QJSEngine::CppOwnership);
        driver = factory.call({hostValue});
    }
    if (factory.isError() || driver.isError() || !driver.isObject()) {
        loadError = QStringLiteral("the bundled JSONata library failed to load: %1")
                        .arg(factory.isError() ? factory.toString() : driver.toString());
        qCCritical(lcJsonata) << loadError;
        js.reset();
        return false;
    }
    compileFn = driver.property(QStringLiteral("compile"));
    checkFn = driver.property(QStringLiteral("check"));
    forgetFn = driver.property(QStringLiteral("forget"));
    stepsFn = driver.property(QStringLiteral("steps"));
    beginFn = driver.property(QStringLiteral("begin"));
    runFn = driver.property(QStringLiteral("run"));
    watchdog =
        std::make_unique<JsonataWatchdog::Slot>(js.get(), std::chrono::milliseconds(options.timeBudgetMs));
    return true;
}

void JsonataEngine::Private::unload()
{
    compileFn = checkFn = forgetFn = stepsFn = beginFn = runFn = QJSValue();
    watchdog.reset();
    js.reset();
    host.reset();
    cache.clear();
    loadTried = false;
}

void JsonataEngine::Private::recycleIfWorn()
{
    if (!js || ++callsSinceCheck < kRecycleCheckInterval) return;
    callsSinceCheck = 0;
    if (stepsFn.call().toNumber() < kRecycleSteps) return;
    unload();
    ++reloads;
    qCDebug(lcJsonata) << "replacing the JavaScript engine after" << kRecycleSteps << "evaluation steps";
}

Compiled JsonataEngine::Private::compile(const QString &body)
{
    const auto it = cache.constFind(body);
    if (it != cache.constEnd()) return *it;
    if (cache.size() >= kCacheLimit) {
        forgetFn.call();
        cache.clear();
    }
    Compiled c;
    const QJSValue r = compileFn.call({QJSValue(body)});
    if (r.isError()) {
        c.error = r.toString();
    } else if (r.hasProperty(QStringLiteral("error"))) {
        c.error = r.property(QStringLiteral("error")).toString();
    } else {
        c.id = r.property(QStringLiteral("id")).toInt();
        const QJSValue uses = r.property(QStringLiteral("uses"));
        const int n = uses.property(QStringLiteral("length")).toInt();
        for (int i = 0; i < n; ++i) {
            QStringList path = uses.property(quint32(i)).toString().split(QChar(1));
            const QString name = path.takeFirst();
            if (name.isEmpty()) continue;
            c.uses[name].append(path);
            if (name == QLatin1String("now") || name == QLatin1String("millis")) c.usesClock = true;
        }
    }
    cache.insert(body, c);
    return c;
}

void JsonataEngine::Private::begin(const QList<Compiled> &plan, const Json &states, const EvalContext &ctx)
{
    QHash<QString, QList<QStringList>> uses;
    QStringList names;
    bool usesClock = false;
    for (const Compiled &c : plan) {
        usesClock = usesClock || c.usesClock;
        for (auto it = c.uses.cbegin(); it != c.uses.cend(); ++it) {
            if (!uses.contains(it.key())) names.append(it.key());
            uses[it.key()].append(it.value());
        }
    }
    // One JSON document for $states and the variables the expressions name: parsing text is as
    // fast in V4 as building the values through QJSValue, and one call instead of thousands.
    QByteArray bindings = "{";
    auto add = [&bindings](const QString &name, const Json &value) {
        if (bindings.size() > 1) bindings += ',';
        JsonWriter::appendQuoted(bindings, name);
        bindings += ':';
        bindings += JsonWriter::compact(value);
    };
    for (const QString &name : std::as_const(names)) {
        if (name == QLatin1String("states")) {
            add(name, prune(states.isDefined() ? states : Json::object(), uses.value(name)));
        } else if (ctx.variables) {
            const Json *v = ctx.variables->lookup(name);
            if (v && v->isDefined()) add(name, prune(*v, uses.value(name)));
        }
    }
    bindings += '}';
    host->setRandomSource(ctx.random);
    beginFn.call(
        {QJSValue(QString::fromUtf8(bindings)), QJSValue(double(usesClock ? virtualNow(ctx, states) : 0))});
}

QString JsonataEngine::Private::run(int id)
{
    watchdog->begin();
    const QJSValue r = runFn.call({QJSValue(id)});
    if (watchdog->end()) return QStringLiteral("T");
    if (r.isError()) return QLatin1Char('E') + r.property(QStringLiteral("message")).toString();
    return r.toString();
}

Outcome<Json> JsonataEngine::Private::evaluateOne(const QString &body, const Compiled &c,
                                                  const QString &fieldName)
{
    if (!c.error.isEmpty()) return evaluationError(body, fieldName, c.error);
    const QString r = run(c.id);
    const QChar kind = r.isEmpty() ? QChar() : r.front();
    if (kind == QLatin1Char('J')) {
        JsonReader::Options options;
        options.keepSpellings = false;
        JsonReader::Result parsed = JsonReader::parse(QStringView(r).mid(1).toUtf8(), options);
        if (parsed.ok) return parsed.value;
        return evaluationError(body, fieldName, parsed.error);
    }
    if (kind == QLatin1Char('U')) return undefinedResult(body, fieldName);
    if (kind == QLatin1Char('F')) return unsupportedResult(body, fieldName);
    if (kind == QLatin1Char('T')) return evaluationError(body, fieldName, kTimeout);
    return evaluationError(body, fieldName, r.mid(1));
}

Outcome<Json> JsonataEngine::Private::substitute(const Json &value, const QString &path,
                                                 const QList<Compiled> &plan, int &next, bool *changed)
{
    switch (value.type()) {
    case Json::Type::String: {
        if (!asl::isJsonataExpression(value)) return value;
        const QString body = asl::jsonataBody(value).trimmed();
        *changed = true;
        return evaluateOne(body, plan.at(next++), path);
    }
    case Json::Type::Array: {
        // The copy is made only once an item actually changes.
        Json out;
        const QList<Json> &items = value.items();
        for (qsizetype i = 0; i < items.size(); ++i) {
            bool itemChanged = false;
            Outcome<Json> r =
                substitute(items[i], path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']'), plan,
                           next, &itemChanged);
            if (r.failed()) return r;
            if (itemChanged && !out.isDefined()) out = Json::array(items.mid(0, i));
            if (out.isDefined()) out.append(r.value());
        }
        if (!out.isDefined()) return value;
        *changed = true;
        return out;
    }
    case Json::Type::Object: {
        Json out;
        const QList<JsonMember> &members = value.members();
        for (qsizetype i = 0; i < members.size(); ++i) {
            const JsonMember &m = members[i];
            bool memberChanged = false;
            Outcome<Json> r =
                substitute(m.value, path + QLatin1Char('/') + m.key, plan, next, &memberChanged);
            if (r.failed()) return r;
            if (memberChanged && !out.isDefined()) {
                out = Json::object();
                for (qsizetype k = 0; k < i; ++k)
                    out.appendMember(members[k].key, members[k].value, {}, {});
            }
            if (out.isDefined()) out.appendMember(m.key, r.value(), {}, {});
        }
        if (!out.isDefined()) return value;
        *changed = true;
        return out;
    }
    default:
        return value;
    }
}

std::optional<Failure> JsonataEngine::Private::wrongThread(const QString &expression,
                                                           const QString &fieldName) const
{
    if (thread == nullptr || thread == QThread::currentThread()) return std::nullopt;
    return evaluationError(expression, fieldName,
                           QStringLiteral("the JSONata engine was used from a thread other than its own"));
}

JsonataEngine::JsonataEngine() : JsonataEngine(Options{}) {}

JsonataEngine::JsonataEngine(Options options) : d(std::make_unique<Private>())
{
    d->options = options;
}

JsonataEngine::~JsonataEngine() = default;

JsonataEngine &JsonataEngine::forCurrentThread()
{
    thread_local JsonataEngine engine;
    return engine;
}

Outcome<Json> JsonataEngine::evaluate(const QString &expression, const QString &fieldName, const Json &states,
                                      const EvalContext &ctx)
{
    const QString body = expression.trimmed();
    if (auto f = d->wrongThread(body, fieldName)) return *f;
    d->recycleIfWorn();
    if (!d->ensureLoaded()) return evaluationError(body, fieldName, d->loadError);
    const Compiled c = d->compile(body);
    if (c.error.isEmpty()) d->begin({c}, states, ctx);
    return d->evaluateOne(body, c, fieldName);
}

Outcome<Json> JsonataEngine::evaluateTemplate(const Json &value, const QString &fieldName, const Json &states,
                                              const EvalContext &ctx)
{
    QStringList bodies;
    collectExpressions(value, bodies);
    if (bodies.isEmpty()) return value;
    if (auto f = d->wrongThread(bodies.front(), fieldName)) return *f;
    d->recycleIfWorn();
    if (!d->ensureLoaded()) return evaluationError(bodies.front(), fieldName, d->loadError);
    QList<Compiled> plan;
    plan.reserve(bodies.size());
    for (const QString &body : std::as_const(bodies))
        plan.append(d->compile(body));
    d->begin(plan, states, ctx);
    int next = 0;
    bool changed = false;
    return d->substitute(value, fieldName, plan, next, &changed);
}

bool JsonataEngine::checkSyntax(const QString &expression, QString *error)
{
    Private &p = *forCurrentThread().d;
    QString message;
    if (!p.ensureLoaded())
        message = p.loadError;
    else
        message = p.checkFn.call({QJSValue(expression)}).toString();
    if (error) *error = message;
    return message.isEmpty();
}

Failure JsonataEngine::undefinedResult(const QString &expression, const QString &fieldName)
{
    return queryError(expression, fieldName, QStringLiteral("returned nothing (undefined)."));
}

Failure JsonataEngine::unsupportedResult(const QString &expression, const QString &fieldName)
{
    return queryError(expression, fieldName, QStringLiteral("returned an unsupported result type."));
}

Failure JsonataEngine::unexpectedType(const QString &expression, const QString &fieldName,
                                      const QString &expected, const Json &value)
{
    return queryError(
        expression, fieldName,
        QStringLiteral("returned an unexpected result type. Expected '%1', but was '%2' for value: %3")
            .arg(expected, typeName(value), JsonWriter::compactString(value)));
}

Failure JsonataEngine::evaluationError(const QString &expression, const QString &fieldName,
                                       const QString &error)
{
    return queryError(expression, fieldName, QStringLiteral("threw an error during evaluation. ") + error);
}

QString JsonataEngine::typeName(const Json &value)
{
    switch (value.type()) {
    case Json::Type::Undefined:
        return QStringLiteral("undefined");
    case Json::Type::Null:
        return QStringLiteral("null");
    case Json::Type::Bool:
        return QStringLiteral("boolean");
    case Json::Type::Number:
        return QStringLiteral("number");
    case Json::Type::String:
        return QStringLiteral("string");
    case Json::Type::Array:
        return QStringLiteral("array");
    case Json::Type::Object:
        return QStringLiteral("object");
    }
    return QString();
}

bool JsonataEngine::isAvailable()
{
    return d->ensureLoaded();
}

QString JsonataEngine::loadError()
{
    d->ensureLoaded();
    return d->loadError;
}

int JsonataEngine::cachedExpressions() const
{
    return int(d->cache.size());
}

int JsonataEngine::reloads() const
{
    return d->reloads;
}

} // namespace sw::sim
