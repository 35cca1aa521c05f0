// Schedules: EventBridge cron/rate parsing, validation messages and firing counts. Every expected
// count is worked out by hand from the calendar (noted beside each row), never taken from our output.
#include "cost/schedule.h"

#include <QTest>

using namespace sw::cost;

class TestSchedule : public QObject
{
    Q_OBJECT

private:
    static Schedule parsed(const QString &expr)
    {
        QString error;
        const auto s = Schedule::parse(expr, &error);
        if (!s) qFatal("%s", qPrintable(error));
        return *s;
    }

private slots:
    void weeklyMondayIsFiftyTwoOrFiftyThree()
    {
        // The acceptance figure: every start month from 2024 to 2030 sees 52 or 53 Mondays in the next
        // twelve months, so 4.33 to 4.42 executions a month.
        const Schedule s = parsed(QStringLiteral("cron(0 3 ? * MON *)"));
        for (int year = 2024; year <= 2030; ++year) {
            for (int month = 1; month <= 12; ++month) {
                const ScheduleEstimate e = s.estimate(QDate(year, month, 1), QTimeZone::utc());
                QVERIFY2(e.firings == 52 || e.firings == 53,
                         qPrintable(QStringLiteral("%1-%2: %3").arg(year).arg(month).arg(e.firings)));
                QVERIFY(e.executionsPerMonth >= 4.33 && e.executionsPerMonth <= 4.42);
            }
        }
        // 2025 starts on a Wednesday and has 365 days: 52 Mondays (6 Jan ... 29 Dec).
        const ScheduleEstimate y2025 = s.estimate(QDate(2025, 1, 1), QTimeZone::utc());
        QCOMPARE(y2025.firings, 52);
        QCOMPARE(QString::number(y2025.executionsPerMonth, 'f', 2), QStringLiteral("4.33"));
        const QList<qint64> mondays = {4, 4, 5, 4, 4, 5, 4, 4, 5, 4, 4, 5}; // Mondays per month of 2025
        for (int i = 0; i < 12; ++i)
            QCOMPARE(y2025.months.at(i).firings, mondays.at(i));
        // 2024 starts on a Monday and is a leap year: Mondays 1 Jan ... 30 Dec = 53.
        const ScheduleEstimate y2024 = s.estimate(QDate(2024, 1, 1), QTimeZone::utc());
        QCOMPARE(y2024.firings, 53);
        QCOMPARE(QString::number(y2024.executionsPerMonth, 'f', 2), QStringLiteral("4.42"));
        QVERIFY(y2024.method.contains(QStringLiteral("2024-01-01")));
    }

    void yearCounts_data()
    {
        QTest::addColumn<QString>("expr");
        QTest::addColumn<QDate>("start");
        QTest::addColumn<qint64>("firings");
        QTest::addColumn<qint64>("january");
        QTest::addColumn<qint64>("february");
        const QDate y2025(2025, 1, 1);
        QTest::newRow("daily") << "cron(0 10 * * ? *)" << y2025 << qint64(365) << qint64(31) << qint64(28);
        QTest::newRow("every 15 min")
            << "cron(0/15 * * * ? *)" << y2025 << qint64(365 * 96) << qint64(31 * 96) << qint64(28 * 96);
        QTest::newRow("*/15 same") << "cron(*/15 * * * ? *)" << y2025 << qint64(365 * 96) << qint64(31 * 96)
                                   << qint64(28 * 96);
        // 261 weekdays in 2025 (52 weeks x 5 + Wed 31 Dec); Jan has 23, Feb 20; 12 per hour x 10 hours.
        QTest::newRow("business hours") << "cron(0/5 8-17 ? * MON-FRI *)" << y2025 << qint64(261 * 120)
                                        << qint64(23 * 120) << qint64(20 * 120);
        QTest::newRow("twice a day") << "cron(5,35 14 * * ? *)" << y2025 << qint64(730) << qint64(62)
                                     << qint64(56);
        QTest::newRow("last friday") << "cron(15 10 ? * 6L *)" << y2025 << qint64(12) << qint64(1)
                                     << qint64(1);
        QTest::newRow("first of month")
            << "cron(0 8 1 * ? *)" << y2025 << qint64(12) << qint64(1) << qint64(1);
        QTest::newRow("second tuesday")
            << "cron(0 12 ? * 3#2 *)" << y2025 << qint64(12) << qint64(1) << qint64(1);
        QTest::newRow("nearest weekday")
            << "cron(0 9 15W * ? *)" << y2025 << qint64(12) << qint64(1) << qint64(1);
        QTest::newRow("last day") << "cron(0 0 L * ? *)" << y2025 << qint64(12) << qint64(1) << qint64(1);
        // Hours 20-2 wrap: 20,21,22,23,0,1,2 = 7 hours x 2 = 14 a weekday.
        QTest::newRow("wrapping hours") << "cron(0/30 20-2 ? * MON-FRI *)" << y2025 << qint64(261 * 14)
                                        << qint64(23 * 14) << qint64(20 * 14);
        // Names and numbers mix; SUN = 1 and SAT = 7: weekends only. 2025: 52 Saturdays + 52 Sundays.
        QTest::newRow("weekends") << "cron(0 6 ? * 1,SAT *)" << y2025 << qint64(104) << qint64(8)
                                  << qint64(8);
        QTest::newRow("quarterly") << "cron(0 0 1 JAN/3 ? *)" << y2025 << qint64(4) << qint64(1) << qint64(0);
        // Only in 2026: the window 2025-06-01 .. 2026-06-01 holds 1 Jan 2026 only.
        QTest::newRow("year field") << "cron(0 0 1 1 ? 2026)" << QDate(2025, 6, 1) << qint64(1) << qint64(0)
                                    << qint64(0);
        // Rates tick from the start of the window: 288 five-minute slots a day.
        QTest::newRow("rate 5 minutes")
            << "rate(5 minutes)" << y2025 << qint64(365 * 288) << qint64(31 * 288) << qint64(28 * 288);
        QTest::newRow("rate 1 hour") << "rate(1 hour)" << y2025 << qint64(8760) << qint64(744) << qint64(672);
        QTest::newRow("rate 1 day") << "rate(1 day)" << y2025 << qint64(365) << qint64(31) << qint64(28);
        // Days 0, 7, ..., 364 of 2025: 53 firings; January: days 0,7,14,21,28 = 5; February (31-58):
        // 35,42,49,56 = 4.
        QTest::newRow("rate 7 days") << "rate(7 days)" << y2025 << qint64(53) << qint64(5) << qint64(4);
    }

    void yearCounts()
    {
        QFETCH(QString, expr);
        QFETCH(QDate, start);
        QFETCH(qint64, firings);
        QFETCH(qint64, january);
        QFETCH(qint64, february);
        const ScheduleEstimate e = parsed(expr).estimate(start, QTimeZone::utc());
        QCOMPARE(e.firings, firings);
        QCOMPARE(e.months.size(), 12);
        if (start.month() == 1) {
            QCOMPARE(e.months.at(0).firings, january);
            QCOMPARE(e.months.at(1).firings, february);
        }
        QCOMPARE(e.executionsPerMonth, double(firings) / 12.0);
        QCOMPARE(e.end, start.addMonths(12));
    }

    void specialDays_data()
    {
        QTest::addColumn<QString>("expr");
        QTest::addColumn<QDate>("day");
        QTest::addColumn<bool>("matches");
        QTest::newRow("6L = last Friday, 31 Jan 2025") << "cron(0 0 ? * 6L *)" << QDate(2025, 1, 31) << true;
        QTest::newRow("6L not 24 Jan 2025") << "cron(0 0 ? * 6L *)" << QDate(2025, 1, 24) << false;
        QTest::newRow("FRIL same as 6L") << "cron(0 0 ? * FRIL *)" << QDate(2025, 1, 31) << true;
        QTest::newRow("3#2 = 14 Jan 2025") << "cron(0 0 ? * 3#2 *)" << QDate(2025, 1, 14) << true;
        QTest::newRow("3#2 not 7 Jan 2025") << "cron(0 0 ? * 3#2 *)" << QDate(2025, 1, 7) << false;
        QTest::newRow("MON#1 = 6 Jan 2025") << "cron(0 0 ? * MON#1 *)" << QDate(2025, 1, 6) << true;
        // 15 Feb 2025 is a Saturday: the nearest weekday is Friday 14.
        QTest::newRow("15W Sat -> Fri") << "cron(0 0 15W * ? *)" << QDate(2025, 2, 14) << true;
        QTest::newRow("15W not the Saturday") << "cron(0 0 15W * ? *)" << QDate(2025, 2, 15) << false;
        // 15 Jun 2025 is a Sunday: Monday 16.
        QTest::newRow("15W Sun -> Mon") << "cron(0 0 15W * ? *)" << QDate(2025, 6, 16) << true;
        // 1 Feb 2025 is a Saturday: W does not leave the month, so Monday 3.
        QTest::newRow("1W Sat -> Mon 3") << "cron(0 0 1W * ? *)" << QDate(2025, 2, 3) << true;
        // 31 Aug 2025 is a Sunday: Friday 29.
        QTest::newRow("31W Sun -> Fri 29") << "cron(0 0 31W * ? *)" << QDate(2025, 8, 29) << true;
        QTest::newRow("31W no 31st in Feb") << "cron(0 0 31W * ? *)" << QDate(2025, 2, 28) << false;
        QTest::newRow("L in leap Feb") << "cron(0 0 L * ? *)" << QDate(2024, 2, 29) << true;
        QTest::newRow("L alone in day-of-week = Saturday")
            << "cron(0 0 ? * L *)" << QDate(2025, 1, 4) << true;
        QTest::newRow("SUN is 1") << "cron(0 0 ? * 1 *)" << QDate(2025, 1, 5) << true;
        QTest::newRow("wrapping days FRI-MON incl. Sunday")
            << "cron(0 0 ? * FRI-MON *)" << QDate(2025, 1, 5) << true;
        QTest::newRow("wrapping days FRI-MON not Wednesday")
            << "cron(0 0 ? * FRI-MON *)" << QDate(2025, 1, 8) << false;
        QTest::newRow("lower-case names") << "cron(0 0 ? jan mon *)" << QDate(2025, 1, 6) << true;
    }

    void specialDays()
    {
        QFETCH(QString, expr);
        QFETCH(QDate, day);
        QFETCH(bool, matches);
        QCOMPARE(parsed(expr).cron().matchesDay(day), matches);
    }

    void daylightSaving()
    {
        // 30 Mar 2025, Europe/Berlin: 02:00 -> 03:00, so 02:30 does not exist and is skipped.
        const QTimeZone berlin("Europe/Berlin");
        if (!berlin.isValid()) QSKIP("the system has no tz database entry for Europe/Berlin");
        QCOMPARE(parsed(QStringLiteral("cron(30 2 * * ? *)")).estimate(QDate(2025, 1, 1), berlin).firings,
                 364);
        // 26 Oct 2025: 03:00 -> 02:00, so 02:30 happens twice and fires once: 31 in October.
        QCOMPARE(parsed(QStringLiteral("cron(30 2 * * ? *)"))
                     .countFirings(QDateTime(QDate(2025, 10, 1), QTime(0, 0), berlin),
                                   QDateTime(QDate(2025, 11, 1), QTime(0, 0), berlin), berlin),
                 31);
        // 03:30 exists every day.
        QCOMPARE(parsed(QStringLiteral("cron(30 3 * * ? *)")).estimate(QDate(2025, 1, 1), berlin).firings,
                 365);
        // Every hour of the day in Berlin, 2025: 365 x 24 minus the missing 02:00 hour = 8759.
        QCOMPARE(parsed(QStringLiteral("cron(0 * * * ? *)")).estimate(QDate(2025, 1, 1), berlin).firings,
                 8759);
        // In UTC the same expression fires 8760 times.
        QCOMPARE(
            parsed(QStringLiteral("cron(0 * * * ? *)")).estimate(QDate(2025, 1, 1), QTimeZone::utc()).firings,
            8760);
    }

    void invalid_data()
    {
        QTest::addColumn<QString>("expr");
        QTest::addColumn<QString>("message");
        QTest::newRow("both day fields") << "cron(0 3 * * MON *)"
                                         << "one of them must be '?'";
        QTest::newRow("both question marks") << "cron(0 3 ? * ? *)"
                                             << "cannot both be '?'";
        QTest::newRow("five fields") << "cron(0 3 * * ?)"
                                     << "six fields";
        QTest::newRow("unix cron") << "cron(0 3 * * 1)"
                                   << "add ' *' at the end";
        QTest::newRow("minute 60") << "cron(60 3 * * ? *)"
                                   << "field 1 (minutes) '60': 60 is out of range 0-59";
        QTest::newRow("hour 24") << "cron(0 24 * * ? *)"
                                 << "field 2 (hours)";
        QTest::newRow("day 32") << "cron(0 3 32 * ? *)"
                                << "field 3 (day-of-month) '32': 32 is out of range 1-31";
        QTest::newRow("month 13") << "cron(0 3 ? 13 * *)"
                                  << "field 4 (month) '13'";
        QTest::newRow("month name") << "cron(0 3 * FOO ? *)"
                                    << "'FOO' is not a value: expected 1-12 or JAN-DEC";
        QTest::newRow("weekday 0") << "cron(0 3 ? * 0 *)"
                                   << "there is no 0";
        QTest::newRow("weekday 8") << "cron(0 3 ? * 8 *)"
                                   << "field 5 (day-of-week) '8': 8 is out of range 1-7";
        QTest::newRow("# week 6") << "cron(0 3 ? * MON#6 *)"
                                  << "'#' must be 1-5";
        QTest::newRow("two # expressions") << "cron(0 3 ? * 3#1,6#3 *)"
                                           << "only one expression";
        QTest::newRow("LW") << "cron(0 3 LW * ? *)"
                            << "Quartz";
        QTest::newRow("L-3") << "cron(0 3 L-3 * ? *)"
                             << "Quartz";
        QTest::newRow("L in a list") << "cron(0 3 1,L * ? *)"
                                     << "must be the whole field";
        QTest::newRow("/ in day-of-week") << "cron(0 3 ? * MON/2 *)"
                                          << "'/' increments are not allowed in day-of-week";
        QTest::newRow("? in minutes") << "cron(? 3 * * ? *)"
                                      << "'?' is only allowed in day-of-month and day-of-week";
        QTest::newRow("year 1969") << "cron(0 3 * * ? 1969)"
                                   << "field 6 (year) '1969': 1969 is out of range 1970-2199";
        QTest::newRow("backwards years") << "cron(0 3 * * ? 2030-2025)"
                                         << "starts after it ends";
        QTest::newRow("zero step") << "cron(0/0 3 * * ? *)"
                                   << "increment after '/' must be a whole number >= 1";
        QTest::newRow("empty list item") << "cron(0,,5 3 * * ? *)"
                                         << "empty item";
        QTest::newRow("rate 1 hours") << "rate(1 hours)"
                                      << "rate(1 hour)";
        QTest::newRow("rate 5 hour") << "rate(5 hour)"
                                     << "rate(5 hours)";
        QTest::newRow("rate 0") << "rate(0 minutes)"
                                << "positive whole number";
        QTest::newRow("rate seconds") << "rate(30 seconds)"
                                      << "unknown unit 'seconds'";
        QTest::newRow("rate without unit") << "rate(5)"
                                           << "a value and a unit";
        QTest::newRow("plain text") << "every monday"
                                    << "expected cron(";
        QTest::newRow("one-time") << "at(2025-01-01T00:00:00)"
                                  << "runs once";
    }

    void invalid()
    {
        QFETCH(QString, expr);
        QFETCH(QString, message);
        QString error;
        QVERIFY(!Schedule::parse(expr, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
        QVERIFY(error.contains(expr));
    }

    void defaultStart()
    {
        QCOMPARE(Schedule::defaultStart(QDate(2026, 11, 22)), QDate(2026, 12, 1));
        QCOMPARE(Schedule::defaultStart(QDate(2026, 12, 31)), QDate(2027, 1, 1));
    }

    void plainCounts()
    {
        // An average month: 365.2425 / 12 = 30.436875 days = 4.348125 weeks.
        QCOMPARE(kDaysPerMonth, 30.436875);
        QCOMPARE(kWeeksPerMonth, 30.436875 / 7.0);
    }
};

QTEST_GUILESS_MAIN(TestSchedule)
#include "tst_schedule.moc"
