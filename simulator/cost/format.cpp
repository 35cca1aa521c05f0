#include "format.h"

#include <QLocale>

#include <cmath>

namespace sw::cost {

namespace {

const QLocale &english()
{
    static const QLocale l(QLocale::English, QLocale::UnitedStates);
    return l;
}

} // namespace

QString formatUSD(double dollars)
{
    const double a = std::abs(dollars);
    if (a == 0 || a >= 0.01)
        return (dollars < 0 ? QStringLiteral("-$") : QStringLiteral("$")) + english().toString(a, 'f', 2);
    // Three significant digits for amounts under a cent.
    const int decimals = std::min(12, 2 - int(std::floor(std::log10(a))));
    return (dollars < 0 ? QStringLiteral("-$") : QStringLiteral("$")) + QString::number(a, 'f', decimals);
}

QString formatCount(double n)
{
    if (std::abs(n - std::round(n)) < 1e-9) return english().toString(qint64(std::llround(n)));
    return english().toString(n, 'f', 2);
}

QString formatSeconds(double s)
{
    if (s < 1) return QStringLiteral("%1 ms").arg(std::round(s * 1000));
    if (s < 120) return QStringLiteral("%1 s").arg(QString::number(s, 'g', 4));
    if (s < 7200) return QStringLiteral("%1 min").arg(QString::number(s / 60, 'g', 4));
    return QStringLiteral("%1 h").arg(QString::number(s / 3600, 'g', 4));
}

QString formatBytes(double b)
{
    if (b < 1000) return QStringLiteral("%1 B").arg(std::round(b));
    if (b < 1e6) return QStringLiteral("%1 KB").arg(QString::number(b / 1e3, 'f', 1));
    return QStringLiteral("%1 MB").arg(QString::number(b / 1e6, 'f', 2));
}

} // namespace sw::cost
