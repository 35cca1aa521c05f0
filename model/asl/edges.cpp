#include "edges.h"

#include "json/jsonwriter.h"

#include <QHashFunctions>

namespace sw::asl {

QString toString(EdgeKind k)
{
    switch (k) {
    case EdgeKind::Start:
        return QStringLiteral("start");
    case EdgeKind::Next:
        return QStringLiteral("next");
    case EdgeKind::ChoiceRule:
        return QStringLiteral("choice");
    case EdgeKind::Default:
        return QStringLiteral("default");
    case EdgeKind::Catch:
        return QStringLiteral("catch");
    }
    return {};
}

size_t qHash(const EdgeId &e, size_t seed)
{
    return qHashMulti(seed, e.scope, e.from, int(e.kind), e.index);
}

namespace {

QString opSymbol(ComparisonOp op)
{
    switch (op) {
    case ComparisonOp::StringEquals:
    case ComparisonOp::NumericEquals:
    case ComparisonOp::BooleanEquals:
    case ComparisonOp::TimestampEquals:
        return QStringLiteral("==");
    case ComparisonOp::StringLessThan:
    case ComparisonOp::NumericLessThan:
    case ComparisonOp::TimestampLessThan:
        return QStringLiteral("<");
    case ComparisonOp::StringGreaterThan:
    case ComparisonOp::NumericGreaterThan:
    case ComparisonOp::TimestampGreaterThan:
        return QStringLiteral(">");
    case ComparisonOp::StringLessThanEquals:
    case ComparisonOp::NumericLessThanEquals:
    case ComparisonOp::TimestampLessThanEquals:
        return QStringLiteral("<=");
    case ComparisonOp::StringGreaterThanEquals:
    case ComparisonOp::NumericGreaterThanEquals:
    case ComparisonOp::TimestampGreaterThanEquals:
        return QStringLiteral(">=");
    case ComparisonOp::StringMatches:
        return QStringLiteral("matches");
    default:
        return {};
    }
}

QString shorten(const QString &s, int max = 48)
{
    return s.size() <= max ? s : s.left(max - 1) + QChar(0x2026);
}

} // namespace

QString describeRule(const ChoiceRule &r)
{
    switch (r.kind) {
    case ChoiceRule::Kind::Condition:
        return shorten(r.condition.isString() ? r.condition.toString() : JsonWriter::compactString(r.condition));
    case ChoiceRule::Kind::Not:
        return QStringLiteral("not (%1)").arg(r.children.empty() ? QString() : describeRule(r.children.front()));
    case ChoiceRule::Kind::And:
    case ChoiceRule::Kind::Or: {
        QStringList parts;
        for (const ChoiceRule &c : r.children)
            parts.append(describeRule(c));
        return shorten(parts.join(r.kind == ChoiceRule::Kind::And ? QStringLiteral(" and ") : QStringLiteral(" or ")), 64);
    }
    case ChoiceRule::Kind::Comparison: {
        if (r.op >= ComparisonOp::IsNull) {
            const QString name = toString(r.op, false);
            const bool positive = r.operand.toBool(true);
            return QStringLiteral("%1 %2%3").arg(r.variable, positive ? QString() : QStringLiteral("not "), name);
        }
        const QString rhs = r.operandIsPath ? r.operand.toString() : JsonWriter::compactString(r.operand);
        return shorten(QStringLiteral("%1 %2 %3").arg(r.variable, opSymbol(r.op), rhs));
    }
    case ChoiceRule::Kind::Invalid:
        break;
    }
    return QStringLiteral("?");
}

QList<Edge> edgesOf(const StateMachine &m)
{
    QList<Edge> out;
    if (!m.startAt.isEmpty())
        out.append(Edge{EdgeId{m.pointer, QString(), EdgeKind::Start, 0}, m.startAt, QString()});
    for (const State &s : m.states) {
        if (!s.next.isEmpty())
            out.append(Edge{EdgeId{m.pointer, s.name, EdgeKind::Next, 0}, s.next, QString()});
        int i = 0;
        for (const ChoiceRule &r : s.choices) {
            if (!r.next.isEmpty())
                out.append(Edge{EdgeId{m.pointer, s.name, EdgeKind::ChoiceRule, i}, r.next, describeRule(r)});
            ++i;
        }
        if (!s.defaultNext.isEmpty())
            out.append(Edge{EdgeId{m.pointer, s.name, EdgeKind::Default, 0}, s.defaultNext, QStringLiteral("Default")});
        i = 0;
        for (const Catcher &c : s.catchers) {
            if (!c.next.isEmpty())
                out.append(Edge{EdgeId{m.pointer, s.name, EdgeKind::Catch, i}, c.next, c.errorEquals.join(QStringLiteral(", "))});
            ++i;
        }
    }
    return out;
}

} // namespace sw::asl
