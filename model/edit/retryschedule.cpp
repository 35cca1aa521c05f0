#include "retryschedule.h"

#include <QStringList>

#include <cmath>

namespace sw::edit {

namespace {

// A number member, or `fallback` when it is absent or not a number.
double number(const Json &row, QStringView key, double fallback)
{
    const Json *v = row.find(key);
    return v && v->isNumber() ? v->toDouble() : fallback;
}

QString formatAmount(double v)
{
    // At most one decimal, none when whole: 4 -> "4", 4.5 -> "4.5", 3.375 -> "3.4".
    const double rounded = std::round(v * 10) / 10;
    return rounded == std::floor(rounded) ? QString::number(qint64(rounded))
                                          : QString::number(rounded, 'f', 1);
}

} // namespace

RetrySchedule retrySchedule(const Json &retrier)
{
    RetrySchedule s;
    const double interval = number(retrier, u"IntervalSeconds", 1);
    // A huge MaxAttempts (AWS accepts up to 99999999) would only make a longer list: the preview
    // never needs more than the count and the first and last delays, but the total needs them all.
    const qint64 attempts = qint64(std::max(0.0, number(retrier, u"MaxAttempts", 3)));
    const double rate = number(retrier, u"BackoffRate", 2.0);
    const Json *maxDelay = retrier.find(u"MaxDelaySeconds");
    const double cap = maxDelay && maxDelay->isNumber() ? maxDelay->toDouble() : -1;
    s.fullJitter = retrier.value(u"JitterStrategy").toString() == QLatin1String("FULL");
    s.retries = attempts;
    const qint64 listed = std::min<qint64>(attempts, 10000);
    for (qint64 n = 0; n < listed; ++n) {
        double d = interval * std::pow(rate, double(n));
        if (cap >= 0 && d > cap) d = cap;
        s.delays.append(d);
        s.total += d;
    }
    // Beyond the listed ones every delay is capped (or astronomically long): extend the total.
    if (attempts > listed && !s.delays.isEmpty()) s.total += double(attempts - listed) * s.delays.last();
    return s;
}

QString formatSeconds(double seconds)
{
    if (!std::isfinite(seconds) || seconds >= 1e9) return QStringLiteral("forever");
    if (seconds < 60) return formatAmount(seconds) + QStringLiteral(" s");
    const qint64 whole = qint64(std::llround(seconds));
    if (whole < 3600) {
        const qint64 s = whole % 60;
        return s == 0 ? QStringLiteral("%1 min").arg(whole / 60)
                      : QStringLiteral("%1 min %2 s").arg(whole / 60).arg(s);
    }
    if (whole < 86400) {
        const qint64 m = (whole % 3600) / 60;
        return m == 0 ? QStringLiteral("%1 h").arg(whole / 3600)
                      : QStringLiteral("%1 h %2 min").arg(whole / 3600).arg(m);
    }
    const qint64 h = (whole % 86400) / 3600;
    return h == 0 ? QStringLiteral("%1 d").arg(whole / 86400)
                  : QStringLiteral("%1 d %2 h").arg(whole / 86400).arg(h);
}

QString describeRetrySchedule(const RetrySchedule &s)
{
    if (s.delays.isEmpty()) return QStringLiteral("never retries (MaxAttempts 0)");
    const auto delay = [&](double d) {
        return s.fullJitter ? QStringLiteral("0\u2013") + formatSeconds(d) : formatSeconds(d);
    };
    QStringList parts;
    const qsizetype count = s.delays.size();
    if (count <= 6) {
        for (double d : s.delays)
            parts.append(delay(d));
    } else {
        for (qsizetype i = 0; i < 3; ++i)
            parts.append(delay(s.delays.at(i)));
        parts.append(QStringLiteral("\u2026"));
        parts.append(delay(s.delays.last()));
    }
    QString text = QStringLiteral("retries after %1").arg(parts.join(QStringLiteral(", ")));
    text +=
        QStringLiteral("; gives up %1 after the first failure")
            .arg(s.fullJitter ? QStringLiteral("0\u2013") + formatSeconds(s.total) : formatSeconds(s.total));
    text += s.retries == 1 ? QStringLiteral("; up to 1 extra transition")
                           : QStringLiteral("; up to %1 extra transitions").arg(s.retries);
    return text;
}

} // namespace sw::edit
