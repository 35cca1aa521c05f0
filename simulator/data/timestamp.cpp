#include "timestamp.h"

namespace sw::sim {

namespace {

bool digitsAt(QStringView s, qsizetype pos, int count, int *out)
{
    if (pos + count > s.size())
        return false;
    int v = 0;
    for (int i = 0; i < count; ++i) {
        const QChar c = s[pos + i];
        if (c < u'0' || c > u'9')
            return false;
        v = v * 10 + (c.unicode() - '0');
    }
    *out = v;
    return true;
}

bool isLeap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : days[m - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

} // namespace

std::optional<Timestamp> parseTimestamp(QStringView s)
{
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!digitsAt(s, 0, 4, &year) || s.size() < 20 || s[4] != u'-' || !digitsAt(s, 5, 2, &month) || s[7] != u'-'
        || !digitsAt(s, 8, 2, &day) || s[10] != u'T' || !digitsAt(s, 11, 2, &hour) || s[13] != u':'
        || !digitsAt(s, 14, 2, &minute) || s[16] != u':' || !digitsAt(s, 17, 2, &second))
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        return std::nullopt;
    qsizetype pos = 19;
    qint32 nanos = 0;
    if (pos < s.size() && s[pos] == u'.') {
        ++pos;
        int count = 0;
        while (pos < s.size() && s[pos] >= u'0' && s[pos] <= u'9') {
            if (++count > 9)
                return std::nullopt;
            nanos = nanos * 10 + (s[pos].unicode() - '0');
            ++pos;
        }
        if (count == 0)
            return std::nullopt;
        for (int i = count; i < 9; ++i)
            nanos *= 10;
    }
    if (pos >= s.size())
        return std::nullopt;
    qint64 offsetSeconds = 0;
    if (s[pos] == u'Z') {
        ++pos;
    } else if (s[pos] == u'+' || s[pos] == u'-') {
        int oh = 0, om = 0;
        if (!digitsAt(s, pos + 1, 2, &oh) || pos + 3 >= s.size() || s[pos + 3] != u':' || !digitsAt(s, pos + 4, 2, &om)
            || oh > 18 || om > 59)
            return std::nullopt;
        offsetSeconds = (qint64(oh) * 3600 + om * 60) * (s[pos] == u'-' ? -1 : 1);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != s.size())
        return std::nullopt;
    Timestamp t;
    t.epochSeconds = daysFromCivil(year, unsigned(month), unsigned(day)) * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds;
    t.nanos = nanos;
    return t;
}

} // namespace sw::sim
