#include "schedule.h"

#include <QRegularExpression>

namespace sw::cost {

namespace {

// Firings of an every-`period` schedule that starts at `origin`, inside [from, to).
qint64 rateFirings(qint64 origin, qint64 period, qint64 from, qint64 to)
{
    auto upTo = [&](qint64 t) { // firings in [origin, t)
        return t <= origin ? 0 : (t - origin + period - 1) / period;
    };
    return upTo(to) - upTo(from);
}

} // namespace

std::optional<Schedule> Schedule::parse(const QString &expression, QString *error)
{
    auto failed = [&](const QString &message) {
        if (error) *error = QStringLiteral("invalid schedule '%1': %2").arg(expression, message);
        return std::nullopt;
    };
    const QString text = expression.trimmed();
    static const QRegularExpression shape(QStringLiteral("^(cron|rate|at)\\((.*)\\)$"),
                                          QRegularExpression::DotMatchesEverythingOption);
    const auto m = shape.match(text);
    if (!m.hasMatch())
        return failed(QStringLiteral(
            "expected cron(minutes hours day-of-month month day-of-week year) or rate(N unit)"));
    const QString kind = m.captured(1);
    const QString inner = m.captured(2);
    Schedule s;
    s.m_expression = text;
    if (kind == QLatin1String("at"))
        return failed(QStringLiteral(
            "a one-time at() schedule runs once; give the number of executions per month instead"));
    if (kind == QLatin1String("cron")) {
        QString e;
        s.m_cron = CronExpression::parse(inner, &e);
        if (!s.m_cron) return failed(e);
        s.m_kind = Kind::Cron;
        return s;
    }
    const QStringList parts = inner.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (parts.size() != 2)
        return failed(QStringLiteral("rate() takes a value and a unit, such as rate(5 minutes)"));
    bool ok = false;
    const qint64 n = parts[0].toLongLong(&ok);
    if (!ok || n < 1 || parts[0].startsWith(QLatin1Char('+')))
        return failed(QStringLiteral("the rate value '%1' must be a positive whole number").arg(parts[0]));
    const QString unit = parts[1];
    static const QStringList singular = {QStringLiteral("minute"), QStringLiteral("hour"),
                                         QStringLiteral("day")};
    static const QStringList plural = {QStringLiteral("minutes"), QStringLiteral("hours"),
                                       QStringLiteral("days")};
    static const qint64 seconds[] = {60, 3600, 86400};
    qsizetype u = singular.indexOf(unit);
    if (u >= 0 && n != 1)
        return failed(
            QStringLiteral("a value greater than 1 takes a plural unit: rate(%1 %2)").arg(n).arg(plural[u]));
    if (u < 0) {
        u = plural.indexOf(unit);
        if (u >= 0 && n == 1)
            return failed(QStringLiteral("a value of 1 takes a singular unit: rate(1 %1)").arg(singular[u]));
    }
    if (u < 0) return failed(QStringLiteral("unknown unit '%1': use minute(s), hour(s) or day(s)").arg(unit));
    // Bounded so the period in milliseconds cannot overflow; a longer one fires once a window anyway.
    constexpr qint64 maxSeconds = 1000000000000; // about 31,700 years
    if (n > maxSeconds / seconds[u])
        return failed(QStringLiteral("the rate value '%1' is too large").arg(parts[0]));
    s.m_kind = Kind::Rate;
    s.m_rateSeconds = n * seconds[u];
    return s;
}

qint64 Schedule::countFirings(const QDateTime &from, const QDateTime &to, const QTimeZone &zone) const
{
    if (!(from < to)) return 0;
    if (m_kind == Kind::Rate) {
        const qint64 a = from.toMSecsSinceEpoch();
        return rateFirings(a, m_rateSeconds * 1000, a, to.toMSecsSinceEpoch());
    }
    const CronExpression &c = *m_cron;
    const bool fixedOffset = !zone.hasTransitions();
    const QDate first = from.toTimeZone(zone).date();
    const QDate last = to.toTimeZone(zone).date();
    qint64 n = 0;
    for (QDate d = first; d <= last; d = d.addDays(1)) {
        if (!c.matchesDay(d)) continue;
        const bool edge = d == first || d == last;
        // A day with a DST change: some wall-clock times do not exist (skipped) or occur twice (once).
        const bool shift = !fixedOffset && QDateTime(d, QTime(0, 0), zone).offsetFromUtc() !=
                                               QDateTime(d.addDays(1), QTime(0, 0), zone).offsetFromUtc();
        if (!edge && !shift) {
            n += c.firingsPerMatchingDay();
            continue;
        }
        for (int h : c.hours()) {
            for (int m : c.minutes()) {
                const QTime wall(h, m);
                const QDateTime t(d, wall, zone);
                if (shift && (!t.isValid() || t.date() != d || t.time() != wall)) continue;
                if (t < from || !(t < to)) continue;
                ++n;
            }
        }
    }
    return n;
}

ScheduleEstimate Schedule::estimate(const QDate &start, const QTimeZone &zone) const
{
    ScheduleEstimate e;
    e.expression = m_expression;
    e.timeZone = QString::fromUtf8(zone.id());
    e.start = start;
    e.end = start.addMonths(12);
    for (int i = 0; i < 12; ++i) {
        const QDate a = start.addMonths(i);
        const QDate b = start.addMonths(i + 1);
        qint64 n = 0;
        if (m_kind == Kind::Rate) {
            // Rates tick in absolute time from the window start, whatever the wall clock does.
            const qint64 origin = QDateTime(start, QTime(0, 0), zone).toMSecsSinceEpoch();
            n = rateFirings(origin, m_rateSeconds * 1000, QDateTime(a, QTime(0, 0), zone).toMSecsSinceEpoch(),
                            QDateTime(b, QTime(0, 0), zone).toMSecsSinceEpoch());
        } else {
            n = countFirings(QDateTime(a, QTime(0, 0), zone), QDateTime(b, QTime(0, 0), zone), zone);
        }
        e.months.append({a, n});
        e.firings += n;
    }
    e.executionsPerMonth = double(e.firings) / 12.0;
    e.method =
        QStringLiteral("every firing of %1 enumerated from %2 00:00 to %3 00:00 (%4): %5 firings / 12 months")
            .arg(m_expression, start.toString(Qt::ISODate), e.end.toString(Qt::ISODate), e.timeZone)
            .arg(e.firings);
    if (m_kind == Kind::Rate)
        e.method += QStringLiteral(
            ", the first at the start of the window (a rule's rate starts when it is created)");
    return e;
}

QDate Schedule::defaultStart(const QDate &today)
{
    return QDate(today.year(), today.month(), 1).addMonths(1);
}

} // namespace sw::cost
