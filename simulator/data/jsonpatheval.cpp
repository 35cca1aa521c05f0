#include "jsonpatheval.h"

#include "json/jsonwriter.h"

#include <QHash>
#include <QRegularExpression>

namespace sw::sim {

using expr::FilterExpr;
using expr::FilterOperand;
using expr::JsonPath;
using expr::PathSegment;

namespace {

const Json &emptyObject()
{
    static const Json obj = Json::object();
    return obj;
}

// The value a path's root designates, or nullptr for an undefined variable.
const Json *rootValue(const JsonPath &path, const Json &data, const Json *current, const EvalContext &ctx)
{
    switch (path.root()) {
    case JsonPath::Root::Input:
        return &data;
    case JsonPath::Root::Context:
        return ctx.contextObject.isDefined() ? &ctx.contextObject : &emptyObject();
    case JsonPath::Root::Variable:
        return ctx.variables ? ctx.variables->lookup(path.variableName()) : nullptr;
    case JsonPath::Root::Current:
        return current;
    }
    return nullptr;
}

qint64 normalizeIndex(qint64 index, qsizetype size)
{
    return index < 0 ? qint64(size) + index : index;
}

Json mergedNames(const Json &object, const QStringList &names)
{
    Json merged = Json::object();
    for (const auto &n : names) {
        if (const Json *v = object.find(n))
            merged.insert(n, *v);
    }
    return merged;
}

struct FilterScope
{
    const Json &root; // what `$` means inside the filter
    const EvalContext &ctx;
};

bool filterMatches(const FilterExpr &e, const Json &current, const FilterScope &scope);

class Collector
{
public:
    Collector(const QList<PathSegment> &segs, const FilterScope &scope) : m_segs(segs), m_scope(scope) {}

    void collect(const Json &node, qsizetype i, QList<Json> &out) const
    {
        if (i == m_segs.size()) {
            out.append(node);
            return;
        }
        const PathSegment &s = m_segs[i];
        switch (s.kind) {
        case PathSegment::Kind::Name:
            if (const Json *child = node.isObject() ? node.find(s.name) : nullptr)
                collect(*child, i + 1, out);
            break;
        case PathSegment::Kind::Names:
            if (!node.isObject())
                break;
            if (i + 1 == m_segs.size()) {
                out.append(mergedNames(node, s.names));
            } else {
                for (const auto &n : s.names) {
                    if (const Json *child = node.find(n))
                        collect(*child, i + 1, out);
                }
            }
            break;
        case PathSegment::Kind::Index:
            if (node.isArray()) {
                const qint64 idx = normalizeIndex(s.index, node.size());
                if (idx >= 0 && idx < node.size())
                    collect(node.at(idx), i + 1, out);
            }
            break;
        case PathSegment::Kind::Indexes:
            if (node.isArray()) {
                for (qint64 raw : s.indexes) {
                    const qint64 idx = normalizeIndex(raw, node.size());
                    if (idx >= 0 && idx < node.size())
                        collect(node.at(idx), i + 1, out);
                }
            }
            break;
        case PathSegment::Kind::Wildcard:
            if (node.isArray()) {
                for (const auto &item : node.items())
                    collect(item, i + 1, out);
            } else if (node.isObject()) {
                for (const auto &m : node.members())
                    collect(m.value, i + 1, out);
            }
            break;
        case PathSegment::Kind::Slice:
            if (node.isArray())
                collectSlice(node, s, i, out);
            break;
        case PathSegment::Kind::Filter:
            if (node.isArray()) {
                for (const auto &item : node.items()) {
                    if (filterMatches(*s.filter, item, m_scope))
                        collect(item, i + 1, out);
                }
            } else if (node.isObject() && filterMatches(*s.filter, node, m_scope)) {
                collect(node, i + 1, out);
            }
            break;
        case PathSegment::Kind::Descendant:
            if (i + 1 < m_segs.size())
                descend(node, i + 1, out);
            break;
        }
    }

private:
    // Jayway's slice rules: [a:b] is a half-open range, negative bounds count from the end, bounds are
    // clamped to the array.
    void collectSlice(const Json &node, const PathSegment &s, qsizetype i, QList<Json> &out) const
    {
        const qint64 len = node.size();
        qint64 from = 0;
        qint64 to = len;
        if (s.sliceStart)
            from = *s.sliceStart < 0 ? qMax<qint64>(0, len + *s.sliceStart) : *s.sliceStart;
        if (s.sliceEnd)
            to = *s.sliceEnd < 0 ? len + *s.sliceEnd : qMin(len, *s.sliceEnd);
        for (qint64 k = from; k < to && k < len; ++k)
            collect(node.at(k), i + 1, out);
    }

    // Recursive descent: the step after ".." applies to the node and to every node below it, in
    // document order (parents before children), as Jayway walks the tree.
    void descend(const Json &node, qsizetype step, QList<Json> &out) const
    {
        const PathSegment &s = m_segs[step];
        if (s.kind == PathSegment::Kind::Filter) {
            // A filter after ".." tests each object itself (its items are visited on their own).
            if (node.isObject() && filterMatches(*s.filter, node, m_scope))
                collect(node, step + 1, out);
        } else {
            collect(node, step, out);
        }
        if (node.isObject()) {
            for (const auto &m : node.members())
                descend(m.value, step, out);
        } else if (node.isArray()) {
            for (const auto &item : node.items())
                descend(item, step, out);
        }
    }

    const QList<PathSegment> &m_segs;
    const FilterScope &m_scope;
};

QString contextText(const Json &v)
{
    return v.isString() ? v.toString() : JsonWriter::compactString(v);
}

// Evaluates a definite path without copying intermediate values.
PathValue evaluateDefinite(const JsonPath &path, const Json &start)
{
    const auto &segs = path.segments();
    const Json *cur = &start;
    for (qsizetype i = 0; i < segs.size(); ++i) {
        const PathSegment &s = segs[i];
        const bool leaf = i + 1 == segs.size();
        if (s.kind == PathSegment::Kind::Name || s.kind == PathSegment::Kind::Names) {
            if (!cur->isObject()) {
                const QString fragment = path.normalizedPrefix(i + 1).mid(path.normalizedPrefix(i).size());
                return {Json(), QStringLiteral("Expected to find an object with property %1 in path %2 but found '%3'. "
                                               "This is not a json object according to the JsonProvider: "
                                               "'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider'.")
                                    .arg(fragment, path.normalizedPrefix(i), javaTypeName(*cur))};
            }
            if (s.kind == PathSegment::Kind::Names)
                return {mergedNames(*cur, s.names), QString()};
            const Json *next = cur->find(s.name);
            if (!next) {
                if (leaf)
                    return {Json(), QStringLiteral("No results for path: %1").arg(path.normalized())};
                return {Json(), QStringLiteral("Missing property in path %1").arg(path.normalizedPrefix(i + 1))};
            }
            cur = next;
        } else {
            if (cur->isNull())
                return {Json(), QStringLiteral("The path %1 is null").arg(path.normalizedPrefix(i))};
            if (!cur->isArray())
                return {Json(), QStringLiteral("Filter: [%1] can only be applied to arrays. Current context is: %2")
                                    .arg(s.index)
                                    .arg(contextText(*cur))};
            const qint64 idx = normalizeIndex(s.index, cur->size());
            if (idx < 0 || idx >= cur->size())
                return {Json(), QStringLiteral("No results for path: %1").arg(path.normalized())};
            cur = &cur->at(idx);
        }
    }
    return {*cur, QString()};
}

PathValue evaluateFrom(const JsonPath &path, const Json &data, const Json *current, const EvalContext &ctx)
{
    const Json *start = rootValue(path, data, current, ctx);
    if (!start) {
        if (path.root() == JsonPath::Root::Variable)
            return {Json(), QStringLiteral("The variable '$%1' is not defined").arg(path.variableName())};
        return {Json(), QStringLiteral("No results for path: %1").arg(path.normalized())};
    }
    if (path.isRootOnly())
        return {*start, QString()};
    if (path.isDefinite())
        return evaluateDefinite(path, *start);
    const FilterScope scope{data, ctx};
    Collector collector(path.segments(), scope);
    QList<Json> out;
    collector.collect(*start, 0, out);
    return {Json::array(std::move(out)), QString()};
}

// ---- filters -----------------------------------------------------------------------------------

// An operand's value; undefined when a path selects nothing.
Json operandValue(const FilterOperand &op, const Json &current, const FilterScope &scope)
{
    switch (op.kind) {
    case FilterOperand::Kind::Literal:
        return op.literal;
    case FilterOperand::Kind::Path: {
        const PathValue v = evaluateFrom(*op.path, scope.root, &current, scope.ctx);
        return v.found() ? v.value : Json();
    }
    case FilterOperand::Kind::Regex:
    case FilterOperand::Kind::None:
        break;
    }
    return Json();
}

// Jayway's equality: numbers by value (a numeric string equals the number), strings by content,
// booleans and null only with their own kind, arrays and objects structurally.
bool jaywayEquals(const Json &a, const Json &b)
{
    if (a.isUndefined() || b.isUndefined())
        return false;
    if (a.isNumber() && b.isString()) {
        bool ok = false;
        const double d = b.toString().trimmed().toDouble(&ok);
        return ok && d == a.toDouble();
    }
    if (a.isString() && b.isNumber())
        return jaywayEquals(b, a);
    return a == b;
}

int compareOrdered(const Json &a, const Json &b, bool *comparable)
{
    *comparable = true;
    if (a.isNumber() && b.isNumber()) {
        const double x = a.toDouble();
        const double y = b.toDouble();
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    if (a.isString() && b.isString())
        return a.toString().compare(b.toString());
    *comparable = false;
    return 0;
}

bool arrayHas(const Json &array, const Json &v)
{
    if (!array.isArray())
        return false;
    for (const auto &item : array.items()) {
        if (jaywayEquals(item, v))
            return true;
    }
    return false;
}

bool regexMatches(const FilterOperand &regexOp, const Json &value)
{
    if (!value.isString() && !value.isBool() && !value.isNumber())
        return false;
    QRegularExpression::PatternOptions options;
    if (regexOp.regexFlags.contains(u'i'))
        options |= QRegularExpression::CaseInsensitiveOption;
    if (regexOp.regexFlags.contains(u'm'))
        options |= QRegularExpression::MultilineOption;
    if (regexOp.regexFlags.contains(u's'))
        options |= QRegularExpression::DotMatchesEverythingOption;
    const QRegularExpression re(QRegularExpression::anchoredPattern(regexOp.regex), options);
    const QString text = value.isString() ? value.toString() : JsonWriter::compactString(value);
    return re.isValid() && re.match(text).hasMatch();
}

bool compare(const FilterExpr &e, const Json &current, const FilterScope &scope)
{
    const QString &op = e.op;
    if (op == u"=~") {
        const bool leftIsRegex = e.left.kind == FilterOperand::Kind::Regex;
        const FilterOperand &regexOp = leftIsRegex ? e.left : e.right;
        return regexMatches(regexOp, operandValue(leftIsRegex ? e.right : e.left, current, scope));
    }
    const Json l = operandValue(e.left, current, scope);
    const Json r = operandValue(e.right, current, scope);
    if (op == u"==")
        return jaywayEquals(l, r);
    if (op == u"!=")
        return !jaywayEquals(l, r);
    if (op == u"<" || op == u"<=" || op == u">" || op == u">=") {
        bool comparable = false;
        const int c = compareOrdered(l, r, &comparable);
        if (!comparable)
            return false;
        if (op == u"<")
            return c < 0;
        if (op == u"<=")
            return c <= 0;
        if (op == u">")
            return c > 0;
        return c >= 0;
    }
    if (op == u"in")
        return arrayHas(r, l);
    if (op == u"nin")
        return !arrayHas(r, l);
    if (op == u"contains") {
        if (l.isString() && r.isString())
            return l.toString().contains(r.toString());
        return arrayHas(l, r);
    }
    if (op == u"size") {
        if (!r.isNumber())
            return false;
        if (l.isArray())
            return l.size() == r.toInteger();
        if (l.isString())
            return l.toString().size() == r.toInteger();
        return false;
    }
    if (op == u"empty") {
        if (!r.isBool())
            return false;
        if (l.isArray() || l.isObject())
            return (l.size() == 0) == r.toBool();
        if (l.isString())
            return l.toString().isEmpty() == r.toBool();
        return false;
    }
    if (op == u"subsetof" || op == u"anyof" || op == u"noneof") {
        if (!l.isArray() || !r.isArray())
            return false;
        if (op == u"subsetof") {
            for (const auto &item : l.items()) {
                if (!arrayHas(r, item))
                    return false;
            }
            return true;
        }
        bool any = false;
        for (const auto &item : l.items()) {
            if (arrayHas(r, item)) {
                any = true;
                break;
            }
        }
        return op == u"anyof" ? any : !any;
    }
    return false;
}

bool filterMatches(const FilterExpr &e, const Json &current, const FilterScope &scope)
{
    switch (e.kind) {
    case FilterExpr::Kind::Or:
        return filterMatches(*e.lhs, current, scope) || filterMatches(*e.rhs, current, scope);
    case FilterExpr::Kind::And:
        return filterMatches(*e.lhs, current, scope) && filterMatches(*e.rhs, current, scope);
    case FilterExpr::Kind::Not:
        return !filterMatches(*e.lhs, current, scope);
    case FilterExpr::Kind::Exists: {
        const PathValue v = evaluateFrom(*e.left.path, scope.root, &current, scope.ctx);
        if (!v.found())
            return false;
        return e.left.path->isDefinite() || !v.value.isEmpty();
    }
    case FilterExpr::Kind::Compare:
        return compare(e, current, scope);
    }
    return false;
}

} // namespace

PathValue evaluatePath(const JsonPath &path, const Json &data, const EvalContext &ctx)
{
    return evaluateFrom(path, data, nullptr, ctx);
}

std::optional<JsonPath> cachedPath(const QString &text, QString *error)
{
    struct Entry
    {
        std::optional<JsonPath> path;
        QString error;
    };
    thread_local QHash<QString, Entry> cache;
    auto it = cache.constFind(text);
    if (it == cache.constEnd()) {
        if (cache.size() > 4096)
            cache.clear();
        Entry e;
        e.path = JsonPath::parse(text, &e.error);
        it = cache.insert(text, e);
    }
    if (!it->path && error)
        *error = it->error;
    return it->path;
}

Failure jsonPathNotFound(QStringView pathText, QStringView fieldName, const Json &input)
{
    return runtimeError(QStringLiteral("The JSONPath '%1' specified for the field '%2' could not be found in the input '%3'")
                            .arg(pathText, fieldName, JsonWriter::compactString(input)));
}

QString javaTypeName(const Json &value)
{
    switch (value.type()) {
    case Json::Type::Undefined:
    case Json::Type::Null:
        return QStringLiteral("null");
    case Json::Type::Bool:
        return QStringLiteral("java.lang.Boolean");
    case Json::Type::Number:
        if (value.isIntegerStorage()) {
            const qint64 v = value.toInteger();
            return v >= INT_MIN && v <= INT_MAX ? QStringLiteral("java.lang.Integer") : QStringLiteral("java.lang.Long");
        }
        return QStringLiteral("java.lang.Double");
    case Json::Type::String:
        return QStringLiteral("java.lang.String");
    case Json::Type::Array:
        return QStringLiteral("net.minidev.json.JSONArray");
    case Json::Type::Object:
        return QStringLiteral("net.minidev.json.JSONObject");
    }
    return QStringLiteral("null");
}

} // namespace sw::sim
