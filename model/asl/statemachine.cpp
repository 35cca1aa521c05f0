#include "statemachine.h"

namespace sw::asl {

namespace {

struct OpName
{
    ComparisonOp op;
    const char *name;
};

const OpName kOps[] = {
    {ComparisonOp::StringEquals, "StringEquals"},
    {ComparisonOp::StringLessThan, "StringLessThan"},
    {ComparisonOp::StringGreaterThan, "StringGreaterThan"},
    {ComparisonOp::StringLessThanEquals, "StringLessThanEquals"},
    {ComparisonOp::StringGreaterThanEquals, "StringGreaterThanEquals"},
    {ComparisonOp::StringMatches, "StringMatches"},
    {ComparisonOp::NumericEquals, "NumericEquals"},
    {ComparisonOp::NumericLessThan, "NumericLessThan"},
    {ComparisonOp::NumericGreaterThan, "NumericGreaterThan"},
    {ComparisonOp::NumericLessThanEquals, "NumericLessThanEquals"},
    {ComparisonOp::NumericGreaterThanEquals, "NumericGreaterThanEquals"},
    {ComparisonOp::BooleanEquals, "BooleanEquals"},
    {ComparisonOp::TimestampEquals, "TimestampEquals"},
    {ComparisonOp::TimestampLessThan, "TimestampLessThan"},
    {ComparisonOp::TimestampGreaterThan, "TimestampGreaterThan"},
    {ComparisonOp::TimestampLessThanEquals, "TimestampLessThanEquals"},
    {ComparisonOp::TimestampGreaterThanEquals, "TimestampGreaterThanEquals"},
    {ComparisonOp::IsNull, "IsNull"},
    {ComparisonOp::IsPresent, "IsPresent"},
    {ComparisonOp::IsNumeric, "IsNumeric"},
    {ComparisonOp::IsString, "IsString"},
    {ComparisonOp::IsBoolean, "IsBoolean"},
    {ComparisonOp::IsTimestamp, "IsTimestamp"},
};

bool hasPathVariant(ComparisonOp op)
{
    return op != ComparisonOp::StringMatches && op < ComparisonOp::IsNull;
}

QString str(const Json &o, QStringView key)
{
    const Json *v = o.find(key);
    return v && v->isString() ? v->toString() : QString();
}

Json field(const Json &o, QStringView key)
{
    const Json *v = o.find(key);
    return v ? *v : Json();
}

QStringList stringList(const Json &v)
{
    QStringList out;
    for (const Json &i : v.items()) {
        if (i.isString())
            out.append(i.toString());
    }
    return out;
}

ChoiceRule buildRule(const Json &j, bool topLevel)
{
    ChoiceRule r;
    r.json = j;
    if (!j.isObject())
        return r;
    if (topLevel) {
        r.next = str(j, u"Next");
        r.assign = field(j, u"Assign");
        r.output = field(j, u"Output");
    }
    if (const Json *c = j.find(u"Condition")) {
        r.kind = ChoiceRule::Kind::Condition;
        r.condition = *c;
        return r;
    }
    if (const Json *a = j.find(u"And"); a && a->isArray()) {
        r.kind = ChoiceRule::Kind::And;
        for (const Json &c : a->items())
            r.children.push_back(buildRule(c, false));
        return r;
    }
    if (const Json *a = j.find(u"Or"); a && a->isArray()) {
        r.kind = ChoiceRule::Kind::Or;
        for (const Json &c : a->items())
            r.children.push_back(buildRule(c, false));
        return r;
    }
    if (const Json *a = j.find(u"Not"); a && a->isObject()) {
        r.kind = ChoiceRule::Kind::Not;
        r.children.push_back(buildRule(*a, false));
        return r;
    }
    r.variable = str(j, u"Variable");
    for (const auto &m : j.members()) {
        bool isPath = false;
        const ComparisonOp op = comparisonOpFromString(m.key, &isPath);
        if (op != ComparisonOp::None) {
            r.kind = ChoiceRule::Kind::Comparison;
            r.op = op;
            r.operandIsPath = isPath;
            r.operand = m.value;
            break;
        }
    }
    return r;
}

Retrier buildRetrier(const Json &j)
{
    Retrier r;
    r.json = j;
    r.errorEquals = stringList(j.value(u"ErrorEquals"));
    if (const Json *v = j.find(u"IntervalSeconds"); v && v->isNumber())
        r.intervalSeconds = v->toDouble();
    if (const Json *v = j.find(u"MaxAttempts"); v && v->isNumber())
        r.maxAttempts = v->toInteger();
    if (const Json *v = j.find(u"BackoffRate"); v && v->isNumber())
        r.backoffRate = v->toDouble();
    if (const Json *v = j.find(u"MaxDelaySeconds"); v && v->isNumber())
        r.maxDelaySeconds = v->toInteger();
    r.jitterStrategy = str(j, u"JitterStrategy");
    return r;
}

Catcher buildCatcher(const Json &j)
{
    Catcher c;
    c.json = j;
    c.errorEquals = stringList(j.value(u"ErrorEquals"));
    c.next = str(j, u"Next");
    c.resultPath = field(j, u"ResultPath");
    c.output = field(j, u"Output");
    c.assign = field(j, u"Assign");
    return c;
}

QueryLanguage languageOf(const Json &o, QueryLanguage inherited)
{
    const QString q = str(o, u"QueryLanguage");
    if (q == QLatin1String("JSONata"))
        return QueryLanguage::JSONata;
    if (q == QLatin1String("JSONPath"))
        return QueryLanguage::JSONPath;
    return inherited;
}

StateMachine buildMachine(const Json &j, const QString &pointer, QueryLanguage inherited, int depth);

State buildState(const QString &name, const Json &j, const QString &pointer, QueryLanguage topLanguage, int depth)
{
    State s;
    s.name = name;
    s.pointer = pointer;
    s.json = j;
    s.typeName = str(j, u"Type");
    s.type = stateTypeFromString(s.typeName);
    s.queryLanguage = languageOf(j, topLanguage);
    s.comment = str(j, u"Comment");
    s.next = str(j, u"Next");
    s.end = j.value(u"End").toBool();

    s.inputPath = field(j, u"InputPath");
    s.outputPath = field(j, u"OutputPath");
    s.parameters = field(j, u"Parameters");
    s.resultSelector = field(j, u"ResultSelector");
    s.resultPath = field(j, u"ResultPath");
    s.result = field(j, u"Result");
    s.arguments = field(j, u"Arguments");
    s.output = field(j, u"Output");
    s.assign = field(j, u"Assign");

    s.resource = str(j, u"Resource");
    s.timeoutSeconds = field(j, u"TimeoutSeconds");
    s.timeoutSecondsPath = field(j, u"TimeoutSecondsPath");
    s.heartbeatSeconds = field(j, u"HeartbeatSeconds");
    s.heartbeatSecondsPath = field(j, u"HeartbeatSecondsPath");
    s.credentials = field(j, u"Credentials");
    for (const Json &r : j.value(u"Retry").items())
        s.retry.append(buildRetrier(r));
    for (const Json &c : j.value(u"Catch").items())
        s.catchers.append(buildCatcher(c));

    for (const Json &c : j.value(u"Choices").items())
        s.choices.push_back(buildRule(c, true));
    s.defaultNext = str(j, u"Default");

    s.seconds = field(j, u"Seconds");
    s.secondsPath = field(j, u"SecondsPath");
    s.timestamp = field(j, u"Timestamp");
    s.timestampPath = field(j, u"TimestampPath");

    s.error = field(j, u"Error");
    s.errorPath = field(j, u"ErrorPath");
    s.cause = field(j, u"Cause");
    s.causePath = field(j, u"CausePath");

    if (s.type == StateType::Parallel) {
        const Json branches = j.value(u"Branches");
        const QString bp = jsonpointer::append(pointer, u"Branches");
        for (qsizetype i = 0; branches.isArray() && i < branches.size(); ++i)
            s.branches.push_back(buildMachine(branches.at(i), jsonpointer::append(bp, i), topLanguage, depth + 1));
    }
    if (s.type == StateType::Map) {
        Json proc = j.value(u"ItemProcessor");
        QString procKey = QStringLiteral("ItemProcessor");
        if (!proc.isObject()) {
            proc = j.value(u"Iterator");
            procKey = QStringLiteral("Iterator");
            s.legacyIterator = proc.isObject();
        }
        if (proc.isObject()) {
            s.processor.push_back(buildMachine(proc, jsonpointer::append(pointer, procKey), topLanguage, depth + 1));
            const Json cfg = proc.value(u"ProcessorConfig");
            s.distributed = str(cfg, u"Mode") == QLatin1String("DISTRIBUTED");
            s.executionType = str(cfg, u"ExecutionType");
        }
        s.itemsPath = field(j, u"ItemsPath");
        s.items = field(j, u"Items");
        s.itemSelector = field(j, u"ItemSelector");
        s.itemReader = field(j, u"ItemReader");
        s.itemBatcher = field(j, u"ItemBatcher");
        s.resultWriter = field(j, u"ResultWriter");
        s.maxConcurrency = field(j, u"MaxConcurrency");
        s.maxConcurrencyPath = field(j, u"MaxConcurrencyPath");
        s.toleratedFailurePercentage = field(j, u"ToleratedFailurePercentage");
        s.toleratedFailurePercentagePath = field(j, u"ToleratedFailurePercentagePath");
        s.toleratedFailureCount = field(j, u"ToleratedFailureCount");
        s.toleratedFailureCountPath = field(j, u"ToleratedFailureCountPath");
        s.label = field(j, u"Label");
    }
    return s;
}

StateMachine buildMachine(const Json &j, const QString &pointer, QueryLanguage inherited, int depth)
{
    StateMachine m;
    m.pointer = pointer;
    m.json = j;
    m.depth = depth;
    m.startAt = str(j, u"StartAt");
    m.comment = str(j, u"Comment");
    m.version = str(j, u"Version");
    m.timeoutSeconds = field(j, u"TimeoutSeconds");
    // Nested machines take the language of the whole definition; states may override it.
    m.queryLanguage = depth == 0 ? languageOf(j, QueryLanguage::JSONPath) : inherited;
    const Json states = j.value(u"States");
    const QString sp = jsonpointer::append(pointer, u"States");
    m.states.reserve(size_t(states.size()));
    for (const auto &member : states.members()) {
        m.index.insert(member.key, int(m.states.size())); // a duplicate key: the last one wins, as in JSON
        m.states.push_back(buildState(member.key, member.value, jsonpointer::append(sp, member.key), m.queryLanguage, depth));
    }
    return m;
}

void collect(const StateMachine &m, QList<const State *> &out)
{
    for (const State &s : m.states) {
        out.append(&s);
        for (const StateMachine &b : s.branches)
            collect(b, out);
        for (const StateMachine &p : s.processor)
            collect(p, out);
    }
}

} // namespace

StateType stateTypeFromString(QStringView s)
{
    if (s == u"Task")
        return StateType::Task;
    if (s == u"Pass")
        return StateType::Pass;
    if (s == u"Choice")
        return StateType::Choice;
    if (s == u"Wait")
        return StateType::Wait;
    if (s == u"Succeed")
        return StateType::Succeed;
    if (s == u"Fail")
        return StateType::Fail;
    if (s == u"Parallel")
        return StateType::Parallel;
    if (s == u"Map")
        return StateType::Map;
    return StateType::Unknown;
}

QString toString(StateType t)
{
    switch (t) {
    case StateType::Task:
        return QStringLiteral("Task");
    case StateType::Pass:
        return QStringLiteral("Pass");
    case StateType::Choice:
        return QStringLiteral("Choice");
    case StateType::Wait:
        return QStringLiteral("Wait");
    case StateType::Succeed:
        return QStringLiteral("Succeed");
    case StateType::Fail:
        return QStringLiteral("Fail");
    case StateType::Parallel:
        return QStringLiteral("Parallel");
    case StateType::Map:
        return QStringLiteral("Map");
    case StateType::Unknown:
        break;
    }
    return QStringLiteral("Unknown");
}

QString toString(QueryLanguage q)
{
    return q == QueryLanguage::JSONata ? QStringLiteral("JSONata") : QStringLiteral("JSONPath");
}

bool isJsonataExpression(const Json &v)
{
    if (!v.isString())
        return false;
    const QString &s = v.stringRef();
    return s.size() >= 4 && s.startsWith(QLatin1String("{%")) && s.endsWith(QLatin1String("%}"));
}

QString jsonataBody(const Json &v)
{
    const QString &s = v.stringRef();
    return s.mid(2, s.size() - 4);
}

ComparisonOp comparisonOpFromString(QStringView s, bool *isPath)
{
    bool path = false;
    QStringView base = s;
    if (s.endsWith(u"Path")) {
        path = true;
        base = s.chopped(4);
    }
    for (const OpName &o : kOps) {
        if (base == QLatin1String(o.name)) {
            if (path && !hasPathVariant(o.op))
                return ComparisonOp::None;
            if (isPath)
                *isPath = path;
            return o.op;
        }
    }
    return ComparisonOp::None;
}

QString toString(ComparisonOp op, bool isPath)
{
    for (const OpName &o : kOps) {
        if (o.op == op)
            return QLatin1String(o.name) + (isPath ? QStringLiteral("Path") : QString());
    }
    return {};
}

const QStringList &allComparisonOperatorNames()
{
    static const QStringList names = [] {
        QStringList out;
        for (const OpName &o : kOps) {
            out.append(QLatin1String(o.name));
            if (hasPathVariant(o.op))
                out.append(QLatin1String(o.name) + QStringLiteral("Path"));
        }
        return out;
    }();
    return names;
}

QList<const State *> StateMachine::allStates() const
{
    QList<const State *> out;
    collect(*this, out);
    return out;
}

StateMachine buildStateMachine(const Json &root)
{
    return buildMachine(root, QString(), QueryLanguage::JSONPath, 0);
}

} // namespace sw::asl
