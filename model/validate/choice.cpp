#include "checks.h"

#include "expressions.h"

#include <vector>

namespace sw::validate {

namespace {

using asl::ComparisonOp;

// What the operand of a comparison operator must be.
QString operandRequirement(ComparisonOp op, bool isPath)
{
    if (isPath) return QStringLiteral("a valid ReferencePath");
    switch (op) {
    case ComparisonOp::StringEquals:
    case ComparisonOp::StringLessThan:
    case ComparisonOp::StringGreaterThan:
    case ComparisonOp::StringLessThanEquals:
    case ComparisonOp::StringGreaterThanEquals:
    case ComparisonOp::StringMatches:
        return QStringLiteral("a string");
    case ComparisonOp::NumericEquals:
    case ComparisonOp::NumericLessThan:
    case ComparisonOp::NumericGreaterThan:
    case ComparisonOp::NumericLessThanEquals:
    case ComparisonOp::NumericGreaterThanEquals:
        return QStringLiteral("a number");
    case ComparisonOp::TimestampEquals:
    case ComparisonOp::TimestampLessThan:
    case ComparisonOp::TimestampGreaterThan:
    case ComparisonOp::TimestampLessThanEquals:
    case ComparisonOp::TimestampGreaterThanEquals:
        return QStringLiteral("an RFC3339 timestamp string");
    default:
        return QStringLiteral("a boolean");
    }
}

bool operandValid(ComparisonOp op, bool isPath, const Json &v)
{
    if (isPath) return v.isString() && isValidPathText(PathKind::Reference, v.stringRef());
    switch (op) {
    case ComparisonOp::StringEquals:
    case ComparisonOp::StringLessThan:
    case ComparisonOp::StringGreaterThan:
    case ComparisonOp::StringLessThanEquals:
    case ComparisonOp::StringGreaterThanEquals:
    case ComparisonOp::StringMatches:
        return v.isString();
    case ComparisonOp::NumericEquals:
    case ComparisonOp::NumericLessThan:
    case ComparisonOp::NumericGreaterThan:
    case ComparisonOp::NumericLessThanEquals:
    case ComparisonOp::NumericGreaterThanEquals:
        return v.isNumber();
    case ComparisonOp::TimestampEquals:
    case ComparisonOp::TimestampLessThan:
    case ComparisonOp::TimestampGreaterThan:
    case ComparisonOp::TimestampLessThanEquals:
    case ComparisonOp::TimestampGreaterThanEquals:
        return v.isString() && isRfc3339Timestamp(v.stringRef());
    default:
        return v.isBool();
    }
}

struct PendingRule
{
    const Json *json;
    QString pointer;
    SourcePos pos;
    bool topLevel;
};

// One JSONPath Choice Rule (a comparison, or an And/Or/Not of nested rules); nested rules are
// pushed on `stack`, so And/Or nesting of any depth is checked without recursion.
void checkJsonPathRule(Reporter &r, const PendingRule &rule, std::vector<PendingRule> &stack)
{
    const Fields f(r, *rule.json, rule.pointer, asl::QueryLanguage::JSONPath);
    QStringList allowed{QStringLiteral("Variable"), QStringLiteral("And"), QStringLiteral("Or"),
                        QStringLiteral("Not"), QStringLiteral("Comment")};
    allowed << asl::allComparisonOperatorNames();
    if (rule.topLevel) allowed << QStringLiteral("Next") << QStringLiteral("Assign");
    f.onlyKnown(allowed, rule.topLevel ? QStringLiteral(" in a Choice Rule")
                                       : QStringLiteral(" in a nested Choice Rule"));
    f.string(u"Comment");
    if (rule.topLevel) {
        f.require(u"Next");
        f.string(u"Next", true);
        if (const Json *v = f.get(u"Assign"); v && f.object(u"Assign"))
            checkPayloadTemplate(r, *v, f.ptr(u"Assign"));
    }

    QStringList booleans;
    for (QStringView k : {u"And", u"Or", u"Not"}) {
        if (f.has(k)) booleans.append(k.toString());
    }
    QStringList comparisons;
    for (const JsonMember &m : rule.json->members()) {
        bool isPath = false;
        if (asl::comparisonOpFromString(m.key, &isPath) != ComparisonOp::None) comparisons.append(m.key);
    }
    if (!booleans.isEmpty()) {
        if (booleans.size() > 1 || !comparisons.isEmpty() || f.has(u"Variable")) {
            f.failHere(QStringLiteral(
                "A Choice Rule must have exactly one of 'And', 'Or', 'Not' or a comparison ('Variable' "
                "with one operator)"));
        }
        for (const QString &b : booleans) {
            const Json &v = *f.get(b);
            if (b == QLatin1String("Not")) {
                if (!f.object(b)) continue;
                stack.push_back({&v, f.ptr(b), f.pos(b), false});
                continue;
            }
            if (!f.array(b, true)) continue;
            for (qsizetype i = v.size() - 1; i >= 0; --i) {
                const QString p = child(f.ptr(b), i);
                if (!v.at(i).isObject())
                    r.error(code::Schema, p, QStringLiteral("A Choice Rule must be a JSON object"),
                            v.itemPos(i));
                else
                    stack.push_back({&v.items().at(i), p, v.itemPos(i), false});
            }
        }
        return;
    }
    if (comparisons.size() != 1) {
        f.failHere(comparisons.isEmpty()
                       ? QStringLiteral("A Choice Rule must have a comparison operator (such as "
                                        "'StringEquals') or 'And', 'Or' or 'Not'")
                       : QStringLiteral("A Choice Rule must have exactly one comparison operator, not %1: %2")
                             .arg(comparisons.size())
                             .arg(comparisons.join(QStringLiteral(", "))));
    }
    if (f.require(u"Variable")) f.path(u"Variable", PathKind::Reference);
    for (const QString &op : comparisons) {
        bool isPath = false;
        const ComparisonOp c = asl::comparisonOpFromString(op, &isPath);
        const Json &v = *f.get(op);
        if (!operandValid(c, isPath, v)) {
            if (!isPath && c >= ComparisonOp::TimestampEquals &&
                c <= ComparisonOp::TimestampGreaterThanEquals && v.isString())
                f.fail(op, QStringLiteral("String does not match RFC3339 timestamp"));
            else
                f.mustBe(op, operandRequirement(c, isPath));
        }
    }
}

void checkJsonataRule(Reporter &r, const Json &rule, const QString &pointer)
{
    const Fields f(r, rule, pointer, asl::QueryLanguage::JSONata);
    f.onlyKnown({QStringLiteral("Condition"), QStringLiteral("Next"), QStringLiteral("Comment"),
                 QStringLiteral("Assign"), QStringLiteral("Output")},
                QStringLiteral(" in a Choice Rule of a JSONata state"));
    f.require(u"Condition");
    f.require(u"Next");
    f.string(u"Next", true);
    f.string(u"Comment");
    f.expressionOr(u"Condition", Json::Type::Bool, QStringLiteral("a boolean"));
    if (const Json *v = f.get(u"Output")) checkJsonataStrings(r, *v, f.ptr(u"Output"));
    if (const Json *v = f.get(u"Assign"); v && f.object(u"Assign"))
        checkJsonataStrings(r, *v, f.ptr(u"Assign"));
}

} // namespace

void checkChoiceRules(Reporter &r, const asl::State &s, const Fields &f)
{
    f.string(u"Default", true);
    const Json *choices = f.get(u"Choices");
    if (!choices || !f.array(u"Choices", true)) return;
    const QString cp = f.ptr(u"Choices");
    std::vector<PendingRule> stack;
    for (qsizetype i = choices->size() - 1; i >= 0; --i) {
        const QString p = child(cp, i);
        const Json &rule = choices->items().at(i);
        if (!rule.isObject()) {
            r.error(code::Schema, p, QStringLiteral("A Choice Rule must be a JSON object"),
                    choices->itemPos(i));
            continue;
        }
        if (f.isJsonata())
            checkJsonataRule(r, rule, p);
        else
            stack.push_back({&rule, p, choices->itemPos(i), true});
    }
    Q_UNUSED(s);
    while (!stack.empty()) {
        const PendingRule rule = stack.back();
        stack.pop_back();
        checkJsonPathRule(r, rule, stack);
    }
}

} // namespace sw::validate
