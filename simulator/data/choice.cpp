#include "choice.h"

#include "jsonpatheval.h"
#include "timestamp.h"

namespace sw::sim {

using asl::ChoiceRule;
using asl::ComparisonOp;

namespace {

struct Token
{
    bool star = false;
    QChar c;
};

QList<Token> patternTokens(QStringView pattern)
{
    QList<Token> tokens;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern[i];
        if (c == u'\\' && i + 1 < pattern.size() && (pattern[i + 1] == u'*' || pattern[i + 1] == u'\\')) {
            tokens.append({false, pattern[i + 1]});
            ++i;
        } else if (c == u'*') {
            tokens.append({true, QChar()});
        } else {
            tokens.append({false, c});
        }
    }
    return tokens;
}

int compareNumbers(const Json &a, const Json &b)
{
    if (a.isIntegerStorage() && b.isIntegerStorage()) {
        const qint64 x = a.toInteger();
        const qint64 y = b.toInteger();
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    const double x = a.toDouble();
    const double y = b.toDouble();
    return x < y ? -1 : (x > y ? 1 : 0);
}

bool holds(ComparisonOp op, int c)
{
    switch (op) {
    case ComparisonOp::StringEquals:
    case ComparisonOp::NumericEquals:
    case ComparisonOp::TimestampEquals:
        return c == 0;
    case ComparisonOp::StringLessThan:
    case ComparisonOp::NumericLessThan:
    case ComparisonOp::TimestampLessThan:
        return c < 0;
    case ComparisonOp::StringGreaterThan:
    case ComparisonOp::NumericGreaterThan:
    case ComparisonOp::TimestampGreaterThan:
        return c > 0;
    case ComparisonOp::StringLessThanEquals:
    case ComparisonOp::NumericLessThanEquals:
    case ComparisonOp::TimestampLessThanEquals:
        return c <= 0;
    case ComparisonOp::StringGreaterThanEquals:
    case ComparisonOp::NumericGreaterThanEquals:
    case ComparisonOp::TimestampGreaterThanEquals:
        return c >= 0;
    default:
        return false;
    }
}

bool isStringOp(ComparisonOp op)
{
    return op >= ComparisonOp::StringEquals && op <= ComparisonOp::StringGreaterThanEquals;
}

bool isNumericOp(ComparisonOp op)
{
    return op >= ComparisonOp::NumericEquals && op <= ComparisonOp::NumericGreaterThanEquals;
}

bool isTimestampOp(ComparisonOp op)
{
    return op >= ComparisonOp::TimestampEquals && op <= ComparisonOp::TimestampGreaterThanEquals;
}

// Compares a present variable value with the comparison value (literal or resolved ...Path).
bool compareValues(ComparisonOp op, const Json &v, const Json &operand)
{
    if (isStringOp(op)) {
        if (!v.isString() || !operand.isString())
            return false;
        return holds(op, v.stringRef().compare(operand.stringRef()));
    }
    if (op == ComparisonOp::StringMatches)
        return v.isString() && operand.isString() && stringMatches(v.stringRef(), operand.stringRef());
    if (isNumericOp(op)) {
        if (!v.isNumber() || !operand.isNumber())
            return false;
        return holds(op, compareNumbers(v, operand));
    }
    if (op == ComparisonOp::BooleanEquals)
        return v.isBool() && operand.isBool() && v.toBool() == operand.toBool();
    if (isTimestampOp(op)) {
        if (!v.isString() || !operand.isString())
            return false;
        const auto a = parseTimestamp(v.stringRef());
        const auto b = parseTimestamp(operand.stringRef());
        if (!a || !b)
            return false;
        return holds(op, *a < *b ? -1 : (*b < *a ? 1 : 0));
    }
    return false;
}

bool typeTest(ComparisonOp op, const Json &v)
{
    switch (op) {
    case ComparisonOp::IsNull:
        return v.isNull();
    case ComparisonOp::IsNumeric:
        return v.isNumber();
    case ComparisonOp::IsString:
        return v.isString();
    case ComparisonOp::IsBoolean:
        return v.isBool();
    case ComparisonOp::IsTimestamp:
        return v.isString() && parseTimestamp(v.stringRef()).has_value();
    default:
        return false;
    }
}

Outcome<bool> evaluateComparison(const ChoiceRule &rule, const Json &input, const EvalContext &ctx)
{
    QString reason;
    const auto variable = cachedPath(rule.variable, &reason);
    if (!variable)
        return runtimeError(QStringLiteral("Invalid path '%1': %2").arg(rule.variable, reason));
    const PathValue value = evaluatePath(*variable, input, ctx);
    if (rule.op == ComparisonOp::IsPresent)
        return value.found() == rule.operand.toBool();
    if (!value.found())
        return runtimeError(QStringLiteral("Invalid path '%1': The choice state's condition path references an invalid value.").arg(rule.variable));
    switch (rule.op) {
    case ComparisonOp::IsNull:
    case ComparisonOp::IsNumeric:
    case ComparisonOp::IsString:
    case ComparisonOp::IsBoolean:
    case ComparisonOp::IsTimestamp:
        return typeTest(rule.op, value.value) == rule.operand.toBool();
    default:
        break;
    }
    if (!rule.operandIsPath)
        return compareValues(rule.op, value.value, rule.operand);
    const QString operandPath = rule.operand.toString();
    const auto path = cachedPath(operandPath, &reason);
    if (!path)
        return runtimeError(QStringLiteral("Invalid path '%1': %2").arg(operandPath, reason));
    const PathValue operand = evaluatePath(*path, input, ctx);
    if (!operand.found())
        return runtimeError(QStringLiteral("Invalid path '%1': The choice state's comparison path references an invalid value.").arg(operandPath));
    return compareValues(rule.op, value.value, operand.value);
}

} // namespace

bool stringMatches(QStringView value, QStringView pattern)
{
    const QList<Token> tokens = patternTokens(pattern);
    // Iterative wildcard matching with backtracking to the last star.
    qsizetype v = 0, t = 0, starT = -1, starV = 0;
    while (v < value.size()) {
        if (t < tokens.size() && !tokens[t].star && tokens[t].c == value[v]) {
            ++v;
            ++t;
        } else if (t < tokens.size() && tokens[t].star) {
            starT = t++;
            starV = v;
        } else if (starT >= 0) {
            t = starT + 1;
            v = ++starV;
        } else {
            return false;
        }
    }
    while (t < tokens.size() && tokens[t].star)
        ++t;
    return t == tokens.size();
}

Outcome<bool> evaluateChoiceRule(const ChoiceRule &rule, const Json &input, const EvalContext &ctx)
{
    switch (rule.kind) {
    case ChoiceRule::Kind::And:
        for (const auto &child : rule.children) {
            auto r = evaluateChoiceRule(child, input, ctx);
            if (r.failed() || !r.value())
                return r;
        }
        return true;
    case ChoiceRule::Kind::Or:
        for (const auto &child : rule.children) {
            auto r = evaluateChoiceRule(child, input, ctx);
            if (r.failed() || r.value())
                return r;
        }
        return false;
    case ChoiceRule::Kind::Not: {
        if (rule.children.empty())
            return runtimeError(QStringLiteral("A Not rule needs one operand"));
        auto r = evaluateChoiceRule(rule.children.front(), input, ctx);
        if (r.failed())
            return r;
        return !r.value();
    }
    case ChoiceRule::Kind::Comparison:
        return evaluateComparison(rule, input, ctx);
    case ChoiceRule::Kind::Condition:
        return runtimeError(QStringLiteral("A JSONata Condition rule cannot be evaluated as a JSONPath Choice rule"));
    case ChoiceRule::Kind::Invalid:
        break;
    }
    return runtimeError(QStringLiteral("Invalid Choice rule"));
}

} // namespace sw::sim
