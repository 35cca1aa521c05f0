#include "fields.h"

#include <QDate>
#include <QRegularExpression>

namespace sw::validate {

namespace {

QString integerDescription(qint64 min, qint64 max)
{
    QString d;
    if (min == 0)
        d = QStringLiteral("a non-negative integer");
    else if (min == 1)
        d = QStringLiteral("a positive integer");
    else
        d = QStringLiteral("an integer greater than or equal to %1").arg(min);
    if (max != std::numeric_limits<qint64>::max()) d += QStringLiteral(" no greater than %1").arg(max);
    return d;
}

} // namespace

void Fields::fail(QStringView key, const QString &message) const
{
    m_r.error(code::Schema, ptr(key), message, pos(key));
}

void Fields::mustBe(QStringView key, const QString &what) const
{
    fail(key, QStringLiteral("The value for the field '%1' must be %2").arg(key, what));
}

void Fields::failHere(const QString &message) const
{
    m_r.error(code::Schema, m_ptr, message);
}

bool Fields::require(QStringView key) const
{
    if (has(key)) return true;
    m_r.error(code::Schema, m_ptr, QStringLiteral("The field '%1' is required but was missing").arg(key));
    return false;
}

void Fields::exclusive(std::initializer_list<QStringView> keys) const
{
    QStringList present;
    for (QStringView k : keys) {
        if (has(k)) present.append(k.toString());
    }
    if (present.size() < 2) return;
    QStringList all;
    for (QStringView k : keys)
        all.append(QLatin1Char('\'') + k.toString() + QLatin1Char('\''));
    const QString list = all.size() == 2 ? all.join(QStringLiteral(" and ")) : all.join(QStringLiteral(", "));
    for (qsizetype i = 1; i < present.size(); ++i) {
        m_r.error(code::Schema, ptr(present.at(i)),
                  QStringLiteral("Only one of the fields %1 may be present ('%2' is set together with '%3')")
                      .arg(list, present.at(i), present.first()),
                  keyPos(m_obj, present.at(i)));
    }
}

void Fields::onlyKnown(const QStringList &allowed, const QString &context) const
{
    for (const JsonMember &m : m_obj.members()) {
        if (!allowed.contains(m.key))
            m_r.error(
                code::Schema, m_ptr.isEmpty() ? QStringLiteral("/") : m_ptr,
                QStringLiteral("The field \"%1\" is not supported by Step Functions%2").arg(m.key, context),
                m.keyPos);
    }
}

bool Fields::jsonataString(QStringView key, const Json &v) const
{
    if (!m_jsonata || !asl::isJsonataExpression(v)) return false;
    checkJsonataString(m_r, v.stringRef(), ptr(key), pos(key));
    return true;
}

bool Fields::string(QStringView key, bool nonEmpty) const
{
    const Json *v = get(key);
    if (!v) return true;
    if (!v->isString() || (nonEmpty && v->stringRef().isEmpty())) {
        mustBe(key, nonEmpty ? QStringLiteral("a non-empty string") : QStringLiteral("a string"));
        return false;
    }
    return true;
}

bool Fields::rawPlaceholder(const Json &v) const
{
    const QSet<QString> &names = m_r.options().rawPlaceholders;
    if (names.isEmpty() || !v.isString()) return false;
    const QString &s = v.stringRef();
    return s.size() > 3 && s.startsWith(QLatin1String("${")) && s.endsWith(QLatin1Char('}')) &&
           names.contains(s.mid(2, s.size() - 3));
}

bool Fields::boolean(QStringView key) const
{
    const Json *v = get(key);
    if (v && !v->isBool() && !rawPlaceholder(*v)) {
        mustBe(key, QStringLiteral("a boolean"));
        return false;
    }
    return true;
}

bool Fields::object(QStringView key) const
{
    const Json *v = get(key);
    if (v && !v->isObject()) {
        mustBe(key, QStringLiteral("a JSON object"));
        return false;
    }
    return true;
}

bool Fields::array(QStringView key, bool nonEmpty) const
{
    const Json *v = get(key);
    if (v && (!v->isArray() || (nonEmpty && v->isEmpty()))) {
        mustBe(key, nonEmpty ? QStringLiteral("a non-empty array") : QStringLiteral("an array"));
        return false;
    }
    return true;
}

bool Fields::oneOf(QStringView key, const QStringList &values) const
{
    const Json *v = get(key);
    if (v && !v->isString()) {
        fail(key, QStringLiteral("Expected value of type [STRING]"));
        return false;
    }
    if (v && !values.contains(v->stringRef())) {
        fail(key, QStringLiteral("Value should be one of the following: [%1]")
                      .arg(values.join(QStringLiteral(", "))));
        return false;
    }
    return true;
}

bool Fields::integer(QStringView key, qint64 min, qint64 max, bool jsonataAllowed) const
{
    const Json *v = get(key);
    if (!v) return true;
    if (v->isNumber() && v->isIntegral()) {
        const double d = v->toDouble();
        if (d >= double(min) && d <= double(max)) return true;
    }
    if (jsonataAllowed && v->isString() && jsonataString(key, *v)) return true;
    if (rawPlaceholder(*v)) return true;
    const bool expr = jsonataAllowed && m_jsonata;
    mustBe(key,
           integerDescription(min, max) + (expr ? QStringLiteral(" or a JSONata expression") : QString()));
    return false;
}

bool Fields::number(QStringView key, double min, double max, bool jsonataAllowed) const
{
    const Json *v = get(key);
    if (!v) return true;
    if (v->isNumber() && v->toDouble() >= min && v->toDouble() <= max) return true;
    if (jsonataAllowed && v->isString() && jsonataString(key, *v)) return true;
    if (rawPlaceholder(*v)) return true;
    const bool expr = jsonataAllowed && m_jsonata;
    const QString range = max == std::numeric_limits<double>::max()
                              ? QStringLiteral("a number greater than or equal to %1").arg(min)
                              : QStringLiteral("a number between %1 and %2").arg(min).arg(max);
    mustBe(key, range + (expr ? QStringLiteral(" or a JSONata expression") : QString()));
    return false;
}

bool Fields::path(QStringView key, PathKind kind, bool nullAllowed) const
{
    const Json *v = get(key);
    if (!v || (nullAllowed && v->isNull())) return true;
    QString why;
    if (v->isString() && isValidPathText(kind, v->stringRef(), &why)) return true;
    mustBe(key, pathKindDescription(kind) + (nullAllowed ? QStringLiteral(" or null") : QString()) +
                    (why.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(why)));
    return false;
}

bool Fields::timestamp(QStringView key) const
{
    const Json *v = get(key);
    if (!v) return true;
    if (v->isString() && (jsonataString(key, *v) || isRfc3339Timestamp(v->stringRef()))) return true;
    fail(key, QStringLiteral("String does not match RFC3339 timestamp"));
    return false;
}

bool Fields::expressionOr(QStringView key, Json::Type type, const QString &what) const
{
    const Json *v = get(key);
    if (!v || v->type() == type) return true;
    if (v->isString() && jsonataString(key, *v)) return true;
    mustBe(key, what + QStringLiteral(" or a JSONata expression"));
    return false;
}

bool isRfc3339Timestamp(QStringView text)
{
    static const QRegularExpression re(QStringLiteral(
        "^(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(\\.\\d+)?(Z|[+-](\\d{2}):(\\d{2}))$"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch()) return false;
    const int year = m.capturedView(1).toInt();
    const int month = m.capturedView(2).toInt();
    const int day = m.capturedView(3).toInt();
    if (!QDate::isValid(year, month, day)) return false;
    if (m.capturedView(4).toInt() > 23 || m.capturedView(5).toInt() > 59 || m.capturedView(6).toInt() > 59)
        return false;
    if (m.capturedLength(9) > 0 && (m.capturedView(9).toInt() > 23 || m.capturedView(10).toInt() > 59))
        return false;
    return true;
}

qsizetype codePointCount(QStringView text)
{
    qsizetype n = 0;
    for (QChar c : text) {
        if (!c.isLowSurrogate()) ++n;
    }
    return n;
}

} // namespace sw::validate
