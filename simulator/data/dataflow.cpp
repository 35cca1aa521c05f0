#include "dataflow.h"

#include "intrinsiceval.h"
#include "jsonpatheval.h"

#include "expr/syntax.h"
#include "json/jsonwriter.h"

#include <vector>

namespace sw::sim {

using expr::JsonPath;
using expr::PathSegment;

struct CompiledTemplate::Node
{
    enum class Kind : quint8 { Literal, Object, Array, Path, Intrinsic };
    struct Member;
    Kind kind = Kind::Literal;
    Json literal;
    std::vector<Member> members; // Object: output key and value
    std::vector<Node> items;     // Array
    std::optional<JsonPath> path;
    std::optional<expr::IntrinsicCall> call;
    QString field; // the template key ("x.$"), for messages
};

// Not a std::pair<QString, Node>: a pair needs Node complete inside Node's own definition, which
// libstdc++ checks under clang.
struct CompiledTemplate::Node::Member
{
    Member(QString k, Node v) : key(std::move(k)), value(std::move(v)) {}
    QString key;
    Node value;
};

namespace {

using Node = CompiledTemplate::Node;

QString invalidExpression(QStringView field, QStringView text, const QString &reason)
{
    return QStringLiteral("The value '%1' of the field '%2' is not a valid JSONPath or intrinsic function call: %3")
        .arg(text, field, reason);
}

// Compiles `value`; sets *dynamic when anything below must be evaluated.
Outcome<Node> compileNode(const Json &value, bool *dynamic)
{
    Node node;
    if (value.isObject()) {
        bool anyDynamic = false;
        for (const auto &m : value.members()) {
            if (m.key.endsWith(QLatin1String(".$"))) {
                if (!m.value.isString())
                    return runtimeError(QStringLiteral("The value of the field '%1' must be a string holding a JSONPath or an intrinsic function call").arg(m.key));
                Node leaf;
                leaf.field = m.key;
                const QString text = m.value.toString();
                QString reason;
                if (expr::looksLikeIntrinsicCall(text)) {
                    leaf.call = cachedIntrinsic(text, &reason);
                    if (!leaf.call)
                        return runtimeError(invalidExpression(m.key, text, reason));
                    leaf.kind = Node::Kind::Intrinsic;
                } else {
                    leaf.path = cachedPath(text, &reason);
                    if (!leaf.path)
                        return runtimeError(invalidExpression(m.key, text, reason));
                    leaf.kind = Node::Kind::Path;
                }
                node.members.emplace_back(m.key.left(m.key.size() - 2), std::move(leaf));
                anyDynamic = true;
                continue;
            }
            bool childDynamic = false;
            auto child = compileNode(m.value, &childDynamic);
            if (child.failed())
                return child.failure();
            anyDynamic = anyDynamic || childDynamic;
            node.members.emplace_back(m.key, std::move(child.value()));
        }
        if (!anyDynamic) {
            node.members.clear();
            node.kind = Node::Kind::Literal;
            node.literal = value;
            return node;
        }
        node.kind = Node::Kind::Object;
        *dynamic = true;
        return node;
    }
    if (value.isArray()) {
        bool anyDynamic = false;
        for (const auto &item : value.items()) {
            bool childDynamic = false;
            auto child = compileNode(item, &childDynamic);
            if (child.failed())
                return child.failure();
            anyDynamic = anyDynamic || childDynamic;
            node.items.push_back(std::move(child.value()));
        }
        if (!anyDynamic) {
            node.items.clear();
            node.kind = Node::Kind::Literal;
            node.literal = value;
            return node;
        }
        node.kind = Node::Kind::Array;
        *dynamic = true;
        return node;
    }
    node.kind = Node::Kind::Literal;
    node.literal = value;
    return node;
}

JsonOutcome evaluateNode(const Node &node, const Json &data, const EvalContext &ctx)
{
    switch (node.kind) {
    case Node::Kind::Literal:
        return node.literal;
    case Node::Kind::Path: {
        PathValue v = evaluatePath(*node.path, data, ctx);
        if (!v.found())
            return jsonPathNotFound(node.path->text(), node.field, data);
        return std::move(v.value);
    }
    case Node::Kind::Intrinsic:
        return evaluateIntrinsic(*node.call, data, ctx, node.field);
    case Node::Kind::Object: {
        Json out = Json::object();
        for (const auto &[key, child] : node.members) {
            JsonOutcome v = evaluateNode(child, data, ctx);
            if (v.failed())
                return v;
            out.insert(key, v.value());
        }
        return out;
    }
    case Node::Kind::Array: {
        QList<Json> items;
        items.reserve(qsizetype(node.items.size()));
        for (const auto &child : node.items) {
            JsonOutcome v = evaluateNode(child, data, ctx);
            if (v.failed())
                return v;
            items.append(v.value());
        }
        return Json::array(std::move(items));
    }
    }
    return Json();
}

// A path or intrinsic call given as a QString, so the per-thread caches are hit without a copy.
JsonOutcome evaluateExpression(const QString &text, QStringView fieldName, const Json &data, const EvalContext &ctx)
{
    QString reason;
    if (expr::looksLikeIntrinsicCall(text)) {
        const auto call = cachedIntrinsic(text, &reason);
        if (!call)
            return runtimeError(invalidExpression(fieldName, text, reason));
        return evaluateIntrinsic(*call, data, ctx, fieldName);
    }
    const auto path = cachedPath(text, &reason);
    if (!path)
        return runtimeError(invalidExpression(fieldName, text, reason));
    PathValue v = evaluatePath(*path, data, ctx);
    if (!v.found())
        return jsonPathNotFound(path->text(), fieldName, data);
    return std::move(v.value);
}

bool hasDynamicKeys(const Json &value)
{
    if (value.isObject()) {
        for (const auto &m : value.members()) {
            if (m.key.endsWith(QLatin1String(".$")) || hasDynamicKeys(m.value))
                return true;
        }
    } else if (value.isArray()) {
        for (const auto &item : value.items()) {
            if (hasDynamicKeys(item))
                return true;
        }
    }
    return false;
}

JsonOutcome evaluateTemplateValue(const Json &value, const Json &data, const EvalContext &ctx)
{
    if (!hasDynamicKeys(value))
        return value;
    if (value.isArray()) {
        QList<Json> items;
        items.reserve(value.size());
        for (const auto &item : value.items()) {
            JsonOutcome v = evaluateTemplateValue(item, data, ctx);
            if (v.failed())
                return v;
            items.append(std::move(v.value()));
        }
        return Json::array(std::move(items));
    }
    Json out = Json::object();
    for (const auto &m : value.members()) {
        if (!m.key.endsWith(QLatin1String(".$"))) {
            JsonOutcome v = evaluateTemplateValue(m.value, data, ctx);
            if (v.failed())
                return v;
            out.insert(m.key, v.value());
            continue;
        }
        if (!m.value.isString())
            return runtimeError(QStringLiteral("The value of the field '%1' must be a string holding a JSONPath or an intrinsic function call").arg(m.key));
        JsonOutcome v = evaluateExpression(m.value.stringRef(), m.key, data, ctx);
        if (v.failed())
            return v;
        out.insert(m.key.left(m.key.size() - 2), v.value());
    }
    return out;
}

JsonOutcome applySelectingPath(const Json &pathField, const Json &data, const EvalContext &ctx)
{
    if (pathField.isUndefined())
        return data;
    if (pathField.isNull())
        return Json::object();
    if (!pathField.isString())
        return runtimeError(QStringLiteral("A path field must be a string or null, but was %1").arg(JsonWriter::compactString(pathField)));
    const QString &text = pathField.stringRef();
    QString reason;
    const auto path = cachedPath(text, &reason);
    if (!path)
        return runtimeError(QStringLiteral("Invalid path '%1' : %2").arg(text, reason));
    PathValue v = evaluatePath(*path, data, ctx);
    if (!v.found())
        return runtimeError(QStringLiteral("Invalid path '%1' : %2").arg(text, v.missing));
    return std::move(v.value);
}

Failure referencePathConflict(const QString &step, const Json &node)
{
    return Failure{QStringLiteral("States.ReferencePathConflict"),
                   QStringLiteral("Unable to apply step \"%1\" to input %2").arg(step, JsonWriter::compactString(node)), false};
}

// Stores `value` at segs[i..] below `node`, creating missing objects. Returns a failure on conflict.
std::optional<Failure> storeAt(Json &node, const QList<PathSegment> &segs, qsizetype i, const Json &value)
{
    const PathSegment &s = segs[i];
    const bool last = i + 1 == segs.size();
    if (s.kind == PathSegment::Kind::Name) {
        if (!node.isObject())
            return referencePathConflict(s.name, node);
        if (last) {
            node.insert(s.name, value);
            return std::nullopt;
        }
        Json *child = node.mutableValue(s.name);
        if (!child) {
            if (segs[i + 1].kind != PathSegment::Kind::Name)
                return referencePathConflict(s.name, node);
            node.insert(s.name, Json::object());
            child = node.mutableValue(s.name);
        }
        return storeAt(*child, segs, i + 1, value);
    }
    const QString step = QString::number(s.index);
    if (!node.isArray())
        return referencePathConflict(step, node);
    const qint64 idx = s.index < 0 ? node.size() + s.index : s.index;
    if (idx < 0 || idx >= node.size())
        return referencePathConflict(step, node);
    if (last) {
        node.replaceItem(idx, value);
        return std::nullopt;
    }
    return storeAt(*node.mutableItem(idx), segs, i + 1, value);
}

} // namespace

JsonOutcome applyInputPath(const Json &inputPath, const Json &input, const EvalContext &ctx)
{
    return applySelectingPath(inputPath, input, ctx);
}

JsonOutcome applyOutputPath(const Json &outputPath, const Json &output, const EvalContext &ctx)
{
    return applySelectingPath(outputPath, output, ctx);
}

JsonOutcome applyResultPath(const Json &resultPath, const Json &stateInput, const Json &result)
{
    if (resultPath.isUndefined())
        return result;
    if (resultPath.isNull())
        return stateInput;
    if (!resultPath.isString())
        return runtimeError(QStringLiteral("ResultPath must be a string or null, but was %1").arg(JsonWriter::compactString(resultPath)));
    const QString &text = resultPath.stringRef();
    QString reason;
    const auto path = cachedPath(text, &reason);
    if (!path)
        return runtimeError(QStringLiteral("Invalid path '%1' : %2").arg(text, reason));
    if (path->root() != JsonPath::Root::Input || !path->isReferencePath())
        return runtimeError(QStringLiteral("Invalid path '%1' : ResultPath must be a reference path starting with '$'").arg(text));
    if (path->isRootOnly())
        return result;
    Json out = stateInput;
    if (auto failure = storeAt(out, path->segments(), 0, result))
        return *failure;
    return out;
}

JsonOutcome applyPayloadTemplate(const Json &payloadTemplate, const Json &data, const EvalContext &ctx)
{
    // Evaluated directly rather than through CompiledTemplate: parsed expressions come from the
    // per-thread caches, so a one-off evaluation costs no tree building.
    return evaluateTemplateValue(payloadTemplate, data, ctx);
}

JsonOutcome evaluatePathOrIntrinsic(QStringView expression, QStringView fieldName, const Json &data, const EvalContext &ctx)
{
    return evaluateExpression(expression.toString(), fieldName, data, ctx);
}

Outcome<CompiledTemplate> CompiledTemplate::compile(const Json &payloadTemplate)
{
    CompiledTemplate t;
    bool dynamic = false;
    auto root = compileNode(payloadTemplate, &dynamic);
    if (root.failed())
        return root.failure();
    if (dynamic)
        t.m_root = std::make_shared<const Node>(std::move(root.value()));
    else
        t.m_static = payloadTemplate;
    return t;
}

JsonOutcome CompiledTemplate::evaluate(const Json &data, const EvalContext &ctx) const
{
    if (!m_root)
        return m_static;
    return evaluateNode(*m_root, data, ctx);
}

} // namespace sw::sim
