#pragma once

#include <QDate>
#include <QString>

#include <bitset>
#include <optional>
#include <vector>

namespace sw::cost {

// An EventBridge cron expression: the six fields inside `cron(...)` (minutes hours day-of-month
// month day-of-week year) with AWS's wildcards `* , - / ? L W #`, names JAN-DEC and SUN-SAT, and
// day-of-week 1-7 = SUN-SAT. Parsing enforces AWS's rules (exactly one of day-of-month and
// day-of-week is `?`, one `#` expression alone in its field, value ranges) and reports which field
// is wrong and why; Quartz extensions AWS does not document (`LW`, `L-3`, `/` in day-of-week) are
// rejected. It only answers which calendar days and wall-clock times match: time zones and
// counting belong to Schedule.
class CronExpression
{
public:
    static std::optional<CronExpression> parse(const QString &fields, QString *error);

    bool matchesDay(const QDate &day) const; // month, year, day-of-month and day-of-week
    const std::vector<int> &minutes() const { return m_minuteList; }
    const std::vector<int> &hours() const { return m_hourList; }
    qint64 firingsPerMatchingDay() const { return qint64(m_minuteList.size() * m_hourList.size()); }
    QString fields() const { return m_fields; }

    static constexpr int kFirstYear = 1970;
    static constexpr int kLastYear = 2199;

private:
    friend class CronParser;

    QString m_fields;
    std::bitset<60> m_minutes;
    std::bitset<24> m_hours;
    std::bitset<13> m_months; // 1-12
    std::bitset<kLastYear - kFirstYear + 1> m_years;
    std::vector<int> m_minuteList;
    std::vector<int> m_hourList;

    // Day-of-month: `?`, a set of days, `L` (last day) or `nW` (weekday nearest the n-th).
    bool m_domAny = false;
    std::bitset<32> m_dom;
    bool m_lastDayOfMonth = false;
    int m_nearestWeekday = 0;

    // Day-of-week (1 = Sunday): `?`, a set, `nL` (last n-day of the month) or `n#k` (k-th n-day).
    bool m_dowAny = false;
    std::bitset<8> m_dow;
    int m_lastWeekday = 0;
    int m_nthWeekday = 0;
    int m_nth = 0;
};

// Day of the week as EventBridge numbers it: 1 = Sunday ... 7 = Saturday.
int awsDayOfWeek(const QDate &day);

} // namespace sw::cost
