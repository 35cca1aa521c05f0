#include "jsonatahost.h"

#include <QCryptographicHash>

#include <cmath>
#include <limits>

namespace sw::sim {

JsonataHost::JsonataHost(QObject *parent) : QObject(parent) {}

double JsonataHost::random()
{
    return source().uniform();
}

double JsonataHost::seededRandom(double seed)
{
    // The sandbox has already truncated the seed; clamp what does not fit a 64-bit integer.
    qint64 s = 0;
    if (std::isfinite(seed))
        s = seed >= 9.2e18    ? std::numeric_limits<qint64>::max()
            : seed <= -9.2e18 ? std::numeric_limits<qint64>::min()
                              : qint64(seed);
    RandomSource seeded{quint64(s)};
    return seeded.uniform();
}

QString JsonataHost::uuid()
{
    const quint64 hi = source().next();
    const quint64 lo = source().next();
    QByteArray bytes(16, Qt::Uninitialized);
    for (int i = 0; i < 8; ++i) {
        bytes[i] = char((hi >> (56 - 8 * i)) & 0xff);
        bytes[8 + i] = char((lo >> (56 - 8 * i)) & 0xff);
    }
    bytes[6] = char((bytes[6] & 0x0f) | 0x40); // version 4
    bytes[8] = char((bytes[8] & 0x3f) | 0x80); // RFC 4122 variant
    const QByteArray hex = bytes.toHex();
    return QString::fromLatin1(hex.mid(0, 8) + '-' + hex.mid(8, 4) + '-' + hex.mid(12, 4) + '-' +
                               hex.mid(16, 4) + '-' + hex.mid(20, 12));
}

QString JsonataHost::hash(const QString &value, const QString &algorithm)
{
    QCryptographicHash::Algorithm a;
    if (algorithm == QLatin1String("MD5"))
        a = QCryptographicHash::Md5;
    else if (algorithm == QLatin1String("SHA-1"))
        a = QCryptographicHash::Sha1;
    else if (algorithm == QLatin1String("SHA-256"))
        a = QCryptographicHash::Sha256;
    else if (algorithm == QLatin1String("SHA-384"))
        a = QCryptographicHash::Sha384;
    else if (algorithm == QLatin1String("SHA-512"))
        a = QCryptographicHash::Sha512;
    else
        return QString();
    return QString::fromLatin1(QCryptographicHash::hash(value.toUtf8(), a).toHex());
}

} // namespace sw::sim
