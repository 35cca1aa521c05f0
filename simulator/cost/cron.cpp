#include "cron.h"

#include <QRegularExpression>
#include <QStringList>

namespace sw::cost {

namespace {

struct FieldSpec
{
    int index; // 1-based position, as users count fields
    const char *name;
    int min;
    int max;
    const char *wildcards;    // for messages
    bool question;            // `?` allowed
    bool step;                // `/` allowed
    bool wraps;               // a range such as 20-2 wraps around
    const char *const *names; // JAN..DEC or SUN..SAT, nullptr when numeric only
};

const char *const kMonthNames[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",  "JUL",
                                   "AUG", "SEP", "OCT", "NOV", "DEC", nullptr};
const char *const kDayNames[] = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT", nullptr};

const FieldSpec kMinutes{1, "minutes", 0, 59, ", - * /", false, true, true, nullptr};
const FieldSpec kHours{2, "hours", 0, 23, ", - * /", false, true, true, nullptr};
const FieldSpec kDayOfMonth{3, "day-of-month", 1, 31, ", - * ? / L W", true, true, true, nullptr};
const FieldSpec kMonth{4, "month", 1, 12, ", - * /", false, true, true, kMonthNames};
const FieldSpec kDayOfWeek{5, "day-of-week", 1, 7, ", - * ? L #", true, false, true, kDayNames};
const FieldSpec kYear{
    6, "year", CronExpression::kFirstYear, CronExpression::kLastYear, ", - * /", false, true, false, nullptr};

} // namespace

// Parses one field at a time into the expression; the first problem ends parsing.
class CronParser
{
public:
    CronExpression &e;
    QString error;

    explicit CronParser(CronExpression &expr) : e(expr) {}

    bool fail(const FieldSpec &f, const QString &item, const QString &message)
    {
        error =
            QStringLiteral("field %1 (%2) '%3': %4").arg(f.index).arg(QLatin1String(f.name), item, message);
        return false;
    }

    // A number or (for month and day-of-week) a name; -1 when it is neither.
    int value(const FieldSpec &f, const QString &text) const
    {
        bool ok = false;
        const int n = text.toInt(&ok);
        if (ok && !text.startsWith(QLatin1Char('+')) && !text.startsWith(QLatin1Char('-'))) return n;
        if (f.names) {
            for (int i = 0; f.names[i]; ++i) {
                if (text.compare(QLatin1String(f.names[i]), Qt::CaseInsensitive) == 0) return f.min + i;
            }
        }
        return -1;
    }

    bool checkedValue(const FieldSpec &f, const QString &item, const QString &text, int &out)
    {
        out = value(f, text);
        if (out < 0) {
            QString expected = QStringLiteral("%1-%2").arg(f.min).arg(f.max);
            if (f.names == kMonthNames)
                expected += QStringLiteral(" or JAN-DEC");
            else if (f.names == kDayNames)
                expected += QStringLiteral(" or SUN-SAT (1 = SUN)");
            return fail(f, item,
                        QStringLiteral("'%1' is not a value: expected %2, or the wildcards %3")
                            .arg(text, expected, QLatin1String(f.wildcards)));
        }
        if (out < f.min || out > f.max) {
            QString hint;
            if (f.names == kDayNames && out == 0)
                hint = QStringLiteral(" (EventBridge numbers days 1 = SUN to 7 = SAT; there is no 0)");
            return fail(
                f, item,
                QStringLiteral("%1 is out of range %2-%3%4").arg(out).arg(f.min).arg(f.max).arg(hint));
        }
        return true;
    }

    // One list item of a plain field: `*`, `v`, `a-b`, with an optional `/step`. Sets bits in `set`.
    template <size_t N>
    bool item(const FieldSpec &f, const QString &text, std::bitset<N> &set, int offset = 0)
    {
        QString range = text;
        int step = 1;
        const qsizetype slash = text.indexOf(QLatin1Char('/'));
        if (slash >= 0) {
            if (!f.step)
                return fail(f, text,
                            QStringLiteral("'/' increments are not allowed in %1 (allowed: %2)")
                                .arg(QLatin1String(f.name), QLatin1String(f.wildcards)));
            bool ok = false;
            step = text.mid(slash + 1).toInt(&ok);
            if (!ok || step < 1)
                return fail(f, text, QStringLiteral("the increment after '/' must be a whole number >= 1"));
            range = text.left(slash);
            if (range.isEmpty())
                return fail(f, text, QStringLiteral("'/' needs a start before it, such as 0/15 or */15"));
        }
        int from = f.min, to = f.max;
        if (range == QLatin1String("*")) {
            // all values
        } else if (const qsizetype dash = range.indexOf(QLatin1Char('-')); dash > 0) {
            if (!checkedValue(f, text, range.left(dash), from) ||
                !checkedValue(f, text, range.mid(dash + 1), to))
                return false;
            if (from > to && !f.wraps) return fail(f, text, QStringLiteral("the range starts after it ends"));
        } else {
            if (!checkedValue(f, text, range, from)) return false;
            // `a/n` runs from a to the end of the field; a bare value is just itself.
            to = slash >= 0 ? f.max : from;
        }
        const int span = f.max - f.min + 1;
        const int count = (to >= from ? to - from : to + span - from) + 1;
        for (int k = 0; k < count; k += step) {
            int v = from + k;
            if (v > f.max) v -= span;
            set.set(size_t(v - offset));
        }
        return true;
    }

    template <size_t N>
    bool list(const FieldSpec &f, const QString &field, std::bitset<N> &set, int offset = 0)
    {
        if (field == QLatin1String("?"))
            return fail(f, field,
                        f.question ? QStringLiteral("internal: '?' handled by the caller")
                                   : QStringLiteral("'?' is only allowed in day-of-month and day-of-week"));
        const QStringList items = field.split(QLatin1Char(','));
        for (const QString &it : items) {
            if (it.isEmpty()) return fail(f, field, QStringLiteral("empty item in the list"));
            if (it == QLatin1String("?"))
                return fail(f, field, QStringLiteral("'?' must be the whole field"));
            if (!item(f, it, set, offset)) return false;
        }
        return true;
    }

    bool dayOfMonth(const QString &field)
    {
        const FieldSpec &f = kDayOfMonth;
        if (field == QLatin1String("?")) {
            e.m_domAny = true;
            return true;
        }
        if (field.contains(QLatin1Char('L'), Qt::CaseInsensitive) ||
            field.contains(QLatin1Char('W'), Qt::CaseInsensitive)) {
            if (field.compare(QLatin1String("L"), Qt::CaseInsensitive) == 0) {
                e.m_lastDayOfMonth = true;
                return true;
            }
            static const QRegularExpression nearest(QStringLiteral("^(\\d{1,2})W$"),
                                                    QRegularExpression::CaseInsensitiveOption);
            const auto m = nearest.match(field);
            if (m.hasMatch()) {
                int n = 0;
                if (!checkedValue(f, field, m.captured(1), n)) return false;
                e.m_nearestWeekday = n;
                return true;
            }
            if (field.compare(QLatin1String("LW"), Qt::CaseInsensitive) == 0 ||
                field.startsWith(QLatin1String("L-"), Qt::CaseInsensitive))
                return fail(
                    f, field,
                    QStringLiteral(
                        "'LW' and 'L-n' are Quartz extensions EventBridge does not document; use L or nW"));
            return fail(
                f, field,
                QStringLiteral("'L' (last day) and 'nW' (weekday nearest day n) must be the whole field"));
        }
        return list(f, field, e.m_dom);
    }

    bool dayOfWeek(const QString &field)
    {
        const FieldSpec &f = kDayOfWeek;
        if (field == QLatin1String("?")) {
            e.m_dowAny = true;
            return true;
        }
        if (field.contains(QLatin1Char('#'))) {
            if (field.contains(QLatin1Char(',')))
                return fail(
                    f, field,
                    QStringLiteral("with '#' only one expression is allowed in the field (such as 3#2)"));
            const qsizetype hash = field.indexOf(QLatin1Char('#'));
            int day = 0;
            if (!checkedValue(f, field, field.left(hash), day)) return false;
            bool ok = false;
            const int nth = field.mid(hash + 1).toInt(&ok);
            if (!ok || nth < 1 || nth > 5)
                return fail(
                    f, field,
                    QStringLiteral("the occurrence after '#' must be 1-5 (3#2 is the second Tuesday)"));
            e.m_nthWeekday = day;
            e.m_nth = nth;
            return true;
        }
        if (field.endsWith(QLatin1Char('L'), Qt::CaseInsensitive)) {
            if (field.contains(QLatin1Char(',')) || field.contains(QLatin1Char('-')))
                return fail(f, field,
                            QStringLiteral("'nL' (last n-day of the month) must be the whole field"));
            if (field.size() == 1) {
                e.m_dow.set(7); // AWS: L alone is the last day of the week, Saturday
                return true;
            }
            int day = 0;
            if (!checkedValue(f, field, field.left(field.size() - 1), day)) return false;
            e.m_lastWeekday = day;
            return true;
        }
        return list(f, field, e.m_dow);
    }
};

int awsDayOfWeek(const QDate &day)
{
    return day.dayOfWeek() % 7 + 1; // Qt: 1 = Monday ... 7 = Sunday
}

std::optional<CronExpression> CronExpression::parse(const QString &text, QString *error)
{
    const QStringList fields = text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    auto failed = [&](const QString &message) {
        if (error) *error = message;
        return std::nullopt;
    };
    if (fields.size() != 6) {
        QString hint;
        if (fields.size() == 5)
            hint = QStringLiteral("; EventBridge needs the year too: add ' *' at the end, and use '?' in "
                                  "day-of-month or day-of-week");
        return failed(QStringLiteral("a cron expression has six fields (minutes hours day-of-month month "
                                     "day-of-week year), this one has %1%2")
                          .arg(fields.size())
                          .arg(hint));
    }
    CronExpression e;
    e.m_fields = fields.join(QLatin1Char(' '));
    CronParser p(e);
    const bool ok = p.list(kMinutes, fields[0], e.m_minutes) && p.list(kHours, fields[1], e.m_hours) &&
                    p.dayOfMonth(fields[2]) && p.list(kMonth, fields[3], e.m_months) &&
                    p.dayOfWeek(fields[4]) && p.list(kYear, fields[5], e.m_years, kFirstYear);
    if (!ok) return failed(p.error);
    if (e.m_domAny == e.m_dowAny) {
        return failed(
            e.m_domAny
                ? QStringLiteral(
                      "day-of-month and day-of-week cannot both be '?': give one of them a value or '*'")
                : QStringLiteral(
                      "day-of-month (%1) and day-of-week (%2) cannot both be set: one of them must be '?'")
                      .arg(fields[2], fields[4]));
    }
    for (int m = 0; m < 60; ++m) {
        if (e.m_minutes.test(size_t(m))) e.m_minuteList.push_back(m);
    }
    for (int h = 0; h < 24; ++h) {
        if (e.m_hours.test(size_t(h))) e.m_hourList.push_back(h);
    }
    return e;
}

bool CronExpression::matchesDay(const QDate &day) const
{
    const int year = day.year();
    if (year < kFirstYear || year > kLastYear || !m_years.test(size_t(year - kFirstYear)) ||
        !m_months.test(size_t(day.month())))
        return false;
    const int dom = day.day();
    const int last = day.daysInMonth();
    if (!m_domAny) {
        if (m_lastDayOfMonth) {
            if (dom != last) return false;
        } else if (m_nearestWeekday > 0) {
            if (m_nearestWeekday > last) return false;
            // The weekday nearest the n-th, without leaving the month (1W on a Saturday is Monday the 3rd).
            int target = m_nearestWeekday;
            const int wd = QDate(year, day.month(), target).dayOfWeek();
            if (wd == 6)
                target = target == 1 ? 3 : target - 1;
            else if (wd == 7)
                target = target == last ? target - 2 : target + 1;
            if (dom != target) return false;
        } else if (!m_dom.test(size_t(dom))) {
            return false;
        }
    }
    if (!m_dowAny) {
        const int wd = awsDayOfWeek(day);
        if (m_lastWeekday > 0) return wd == m_lastWeekday && dom + 7 > last;
        if (m_nthWeekday > 0) return wd == m_nthWeekday && (dom - 1) / 7 + 1 == m_nth;
        return m_dow.test(size_t(wd));
    }
    return true;
}

} // namespace sw::cost
