#pragma once

#include "cost/cron.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QTimeZone>

#include <optional>

namespace sw::cost {

// Calendar constants for plain counts: an average Gregorian month is 365.2425 / 12 days.
inline constexpr double kDaysPerMonth = 365.2425 / 12.0;
inline constexpr double kWeeksPerMonth = kDaysPerMonth / 7.0;

// The firings of a schedule over a window of twelve months, and the monthly average they give.
struct ScheduleEstimate
{
    struct Month
    {
        QDate from; // first day of this window month (the window starts on `start`)
        qint64 firings = 0;
    };
    QString expression;
    QString timeZone; // IANA id, "UTC" by default
    QDate start;      // first day of the window, 00:00 in timeZone
    QDate end;        // the day after the window (start + 12 months)
    qint64 firings = 0;
    double executionsPerMonth = 0; // firings / 12
    QList<Month> months;
    QString method; // one sentence for reports
};

// An EventBridge / EventBridge Scheduler schedule expression: `cron(...)` (see CronExpression) or
// `rate(N minute|minutes|hour|hours|day|days)` with AWS's singular/plural rule. Executions per
// month are counted by enumerating every firing in a twelve-month window from a given start date,
// in a given time zone (UTC unless told otherwise, as EventBridge rules are): cron times that do
// not exist on a spring-forward day are skipped and repeated wall-clock times on a fall-back day
// fire once, as AWS documents for Scheduler. Rates fire every N units from the start of the window.
// It never reads the clock: the start date is always given.
class Schedule
{
public:
    enum class Kind { Cron, Rate };

    static std::optional<Schedule> parse(const QString &expression, QString *error);

    Kind kind() const { return m_kind; }
    QString expression() const { return m_expression; }
    qint64 rateSeconds() const { return m_rateSeconds; }
    const CronExpression &cron() const { return *m_cron; }

    // Firings in [from, to); cron fields are read as wall-clock times in `zone`.
    qint64 countFirings(const QDateTime &from, const QDateTime &to, const QTimeZone &zone) const;
    // Twelve months from 00:00 on `start` in `zone`.
    ScheduleEstimate estimate(const QDate &start, const QTimeZone &zone) const;

    // The first day of the month after `today`: the default start of the window.
    static QDate defaultStart(const QDate &today);

private:
    Kind m_kind = Kind::Cron;
    QString m_expression;
    qint64 m_rateSeconds = 0;
    std::optional<CronExpression> m_cron;
};

} // namespace sw::cost
