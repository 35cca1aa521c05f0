#include "expressions.h"

#include "jsonatasyntax.h"

#include "asl/statemachine.h"
#include "expr/intrinsics.h"
#include "expr/syntax.h"

#include <QSet>

#include <vector>

namespace sw::validate {

namespace {

// A value met while walking nested JSON, with the position it was written at.
struct Item
{
    const Json *value;
    SourcePos pos;
};

// The JSON type a literal argument of an intrinsic function must have.
enum class ArgType { Any, Number, String, Boolean };

ArgType argType(expr::IntrinsicFunction f, qsizetype index)
{
    using F = expr::IntrinsicFunction;
    switch (f) {
    case F::MathAdd:
    case F::MathRandom:
    case F::ArrayRange:
        return ArgType::Number;
    case F::ArrayPartition:
    case F::ArrayGetItem:
        return index == 1 ? ArgType::Number : ArgType::Any;
    case F::StringSplit:
    case F::Base64Encode:
    case F::Base64Decode:
    case F::StringToJson:
        return ArgType::String;
    case F::Hash:
        return index == 1 ? ArgType::String : ArgType::Any;
    case F::Format:
        return index == 0 ? ArgType::String : ArgType::Any;
    case F::JsonMerge:
        return index == 2 ? ArgType::Boolean : ArgType::Any;
    default:
        return ArgType::Any;
    }
}

bool literalMatches(const Json &v, ArgType t)
{
    switch (t) {
    case ArgType::Any:
        return true;
    case ArgType::Number:
        return v.isNumber();
    case ArgType::String:
        return v.isString();
    case ArgType::Boolean:
        return v.isBool();
    }
    return true;
}

QString typeName(ArgType t)
{
    switch (t) {
    case ArgType::Number:
        return QStringLiteral("a number");
    case ArgType::String:
        return QStringLiteral("a string");
    case ArgType::Boolean:
        return QStringLiteral("a boolean");
    case ArgType::Any:
        break;
    }
    return QStringLiteral("a value");
}

// Literal arguments of the wrong JSON type can never work (AWS rejects States.MathAdd(1, '-1')).
bool checkIntrinsicArgs(const expr::IntrinsicCall &call, QString *why)
{
    std::vector<const expr::IntrinsicCall *> stack{&call};
    while (!stack.empty()) {
        const expr::IntrinsicCall *c = stack.back();
        stack.pop_back();
        for (qsizetype i = 0; i < c->args.size(); ++i) {
            const expr::IntrinsicArg &a = c->args.at(i);
            if (a.kind == expr::IntrinsicArg::Kind::Call && a.call) {
                stack.push_back(a.call.get());
            } else if (a.kind == expr::IntrinsicArg::Kind::Literal) {
                const ArgType t = argType(c->function, i);
                if (!literalMatches(a.literal, t)) {
                    if (why)
                        *why = QStringLiteral("argument %1 of %2 must be %3 or a path, not %4")
                                   .arg(i + 1)
                                   .arg(c->name, typeName(t), a.text);
                    return false;
                }
            }
        }
    }
    return true;
}

QString shortened(const QString &s, int max = 60)
{
    QString one = s.simplified();
    return one.size() <= max ? one : one.left(max - 1) + QChar(0x2026);
}

} // namespace

bool looksLikePathOrIntrinsic(QStringView text)
{
    const QStringView t = text.trimmed();
    if (t == u"$" || t == u"$$") return true;
    if (t.startsWith(u"$.") || t.startsWith(u"$$.") || t.startsWith(u"$[") || t.startsWith(u"$$["))
        return true;
    return t.startsWith(u"States.") && t.contains(u'(') && t.endsWith(u')');
}

QString pathKindDescription(PathKind kind)
{
    switch (kind) {
    case PathKind::Path:
        return QStringLiteral("a valid JSONPath");
    case PathKind::Reference:
        return QStringLiteral("a valid ReferencePath");
    case PathKind::Result:
        return QStringLiteral("a valid ReferencePath starting with '$'");
    case PathKind::PathOrIntrinsic:
        return QStringLiteral("a valid JSONPath or a valid intrinsic function call");
    }
    return {};
}

bool isValidPathText(PathKind kind, QStringView text, QString *why)
{
    switch (kind) {
    case PathKind::Path:
        return expr::isValidPath(text, why);
    case PathKind::Reference:
        return expr::isValidReferencePath(text, why);
    case PathKind::Result:
        return expr::isValidResultPath(text, why);
    case PathKind::PathOrIntrinsic:
        if (expr::looksLikeIntrinsicCall(text)) {
            QString reason;
            const auto call = expr::parseIntrinsic(text, &reason);
            if (!call) {
                if (why) *why = reason;
                return false;
            }
            return checkIntrinsicArgs(*call, why);
        }
        return expr::isValidPath(text, why);
    }
    return false;
}

bool checkJsonataString(Reporter &r, const QString &text, const QString &pointer, SourcePos pos,
                        bool errorOutputAllowed)
{
    const QStringView body = QStringView(text).mid(2, text.size() - 4);
    const JsonataCheck c = checkJsonata(body);
    switch (c.kind) {
    case JsonataCheck::Kind::Ok:
        if (c.errorOutputAt >= 0 && !errorOutputAllowed) {
            r.error(code::UnsupportedJsonata, pointer,
                    QStringLiteral("Reference to '$states.errorOutput' is only supported in the Output and "
                                   "Assign of a Catcher."),
                    pos);
            return false;
        }
        return true;
    case JsonataCheck::Kind::SyntaxError:
        r.error(code::InvalidJsonata, pointer,
                QStringLiteral("Invalid JSONata expression '%1': %2 (at character %3)")
                    .arg(shortened(text))
                    .arg(c.message)
                    .arg(c.offset + 3),
                pos);
        return false;
    case JsonataCheck::Kind::TopLevelReference:
        r.error(code::UnsupportedJsonata, pointer, c.message, pos);
        return false;
    }
    return true;
}

void checkJsonataStrings(Reporter &r, const Json &value, const QString &pointer, bool errorOutputAllowed)
{
    struct Pending
    {
        const Json *value;
        SourcePos pos;
        QString pointer;
    };
    std::vector<Pending> stack{{&value, SourcePos{}, pointer}};
    while (!stack.empty()) {
        const Pending it = stack.back();
        stack.pop_back();
        const Json &v = *it.value;
        if (v.isString()) {
            const QString &s = v.stringRef();
            if (asl::isJsonataExpression(v)) {
                checkJsonataString(r, s, it.pointer, it.pos, errorOutputAllowed);
            } else if (s.startsWith(QLatin1String("{%")) != s.endsWith(QLatin1String("%}"))) {
                // Half an expression is a typo, not a literal anyone means to send.
                r.error(code::InvalidJsonata, it.pointer,
                        QStringLiteral("A JSONata expression must start with '{%' and end with '%}': '%1'")
                            .arg(shortened(s)),
                        it.pos);
            }
        } else if (v.isObject()) {
            const auto &members = v.members();
            for (auto m = members.crbegin(); m != members.crend(); ++m)
                stack.push_back({&m->value, m->valuePos, child(it.pointer, m->key)});
        } else if (v.isArray()) {
            for (qsizetype i = v.size() - 1; i >= 0; --i)
                stack.push_back({&v.items().at(i), v.itemPos(i), child(it.pointer, i)});
        }
    }
}

void checkPayloadTemplate(Reporter &r, const Json &value, const QString &fieldPointer)
{
    std::vector<Item> stack{{&value, SourcePos{}}};
    while (!stack.empty()) {
        const Item it = stack.back();
        stack.pop_back();
        const Json &v = *it.value;
        if (v.isArray()) {
            for (qsizetype i = v.size() - 1; i >= 0; --i)
                stack.push_back({&v.items().at(i), v.itemPos(i)});
            continue;
        }
        if (!v.isObject()) continue;
        QSet<QString> plain;
        QSet<QString> dynamic;
        const auto &members = v.members();
        for (const JsonMember &m : members) {
            if (m.key.endsWith(QLatin1String(".$")) && m.key.size() > 2) {
                const QString base = m.key.chopped(2);
                if (plain.contains(base))
                    r.error(
                        code::Schema, fieldPointer,
                        QStringLiteral("The field '%1' is given twice, as '%1' and '%2'").arg(base, m.key),
                        m.keyPos);
                dynamic.insert(base);
                QString why;
                if (!m.value.isString()) {
                    r.error(code::Schema, fieldPointer,
                            QStringLiteral("The value for the field '%1' must be a valid JSONPath or a valid "
                                           "intrinsic function call")
                                .arg(m.key),
                            m.valuePos);
                } else if (!isValidPathText(PathKind::PathOrIntrinsic, m.value.stringRef(), &why)) {
                    r.error(code::Schema, fieldPointer,
                            QStringLiteral("The value for the field '%1' must be a valid JSONPath or a valid "
                                           "intrinsic function call (%2)")
                                .arg(m.key, why),
                            m.valuePos);
                }
                continue;
            }
            if (dynamic.contains(m.key))
                r.error(code::Schema, fieldPointer,
                        QStringLiteral("The field '%1' is given twice, as '%1.$' and '%1'").arg(m.key),
                        m.keyPos);
            plain.insert(m.key);
            if (m.value.isString() && looksLikePathOrIntrinsic(m.value.stringRef()))
                r.warning(
                    code::NoDollar, fieldPointer,
                    QStringLiteral(
                        "The value of the field '%1' looks like a JSONPath or an intrinsic function call, "
                        "but the field name does not end with '.$': it is passed as a literal string")
                        .arg(m.key),
                    m.valuePos);
        }
        for (auto m = members.crbegin(); m != members.crend(); ++m) {
            if (!m->key.endsWith(QLatin1String(".$"))) stack.push_back({&m->value, m->valuePos});
        }
    }
}

void checkPassResult(Reporter &r, const Json &value, const QString &pointer)
{
    std::vector<Item> stack{{&value, SourcePos{}}};
    while (!stack.empty()) {
        const Item it = stack.back();
        stack.pop_back();
        const Json &v = *it.value;
        if (v.isArray()) {
            for (qsizetype i = v.size() - 1; i >= 0; --i)
                stack.push_back({&v.items().at(i), v.itemPos(i)});
        } else if (v.isObject()) {
            for (const JsonMember &m : v.members()) {
                if (m.key.endsWith(QLatin1String(".$")))
                    r.warning(
                        code::PassResultIsStatic, pointer,
                        QStringLiteral(
                            "The field '%1' is inside Result, which is static: the path is not evaluated "
                            "(use Parameters to select input)")
                            .arg(m.key),
                        m.keyPos);
                stack.push_back({&m.value, m.valuePos});
            }
        }
    }
}

} // namespace sw::validate
