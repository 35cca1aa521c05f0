#include "nodecontent.h"

#include "json/jsonwriter.h"

#include <algorithm>

namespace sw::layout {

namespace {

const QString kDot = QStringLiteral(" \u00b7 ");

QString elide(const QString &s, int max)
{
    return s.size() <= max ? s : s.left(max - 1) + QChar(0x2026);
}

QString secondsText(const Json &v)
{
    if (v.isNumber())
        return QStringLiteral("%1 s").arg(QString::fromUtf8(JsonWriter::formatDouble(v.toDouble())));
    if (v.isString()) return elide(v.toString(), 28);
    return {};
}

QString waitDetail(const asl::State &s)
{
    if (s.seconds.isDefined()) return secondsText(s.seconds);
    if (s.secondsPath.isString()) return s.secondsPath.toString() + QStringLiteral(" s");
    if (s.timestamp.isDefined()) return QStringLiteral("until ") + elide(s.timestamp.toString(), 24);
    if (s.timestampPath.isString()) return QStringLiteral("until ") + s.timestampPath.toString();
    return {};
}

QString mapDetail(const asl::State &s)
{
    QString c;
    if (s.maxConcurrency.isNumber()) {
        const qint64 n = s.maxConcurrency.toInteger();
        c = n == 0 ? QStringLiteral("unlimited concurrency") : QStringLiteral("max concurrency %1").arg(n);
    } else if (s.maxConcurrency.isString()) {
        c = QStringLiteral("max concurrency ") + elide(s.maxConcurrency.toString(), 24);
    } else if (s.maxConcurrencyPath.isString()) {
        c = QStringLiteral("max concurrency ") + s.maxConcurrencyPath.toString();
    } else {
        c = QStringLiteral("unlimited concurrency");
    }
    return s.distributed ? QStringLiteral("distributed") + kDot + c : c;
}

QString retryBadge(const asl::State &s)
{
    qint64 attempts = 0;
    for (const asl::Retrier &r : s.retry)
        attempts = std::max(attempts, r.maxAttempts);
    if (attempts <= 0) return {};
    return QStringLiteral("retry x%1").arg(attempts);
}

} // namespace

QString shortResource(const QString &resource)
{
    static const QString integration = QStringLiteral("arn:aws:states:::");
    if (resource.startsWith(integration)) return resource.mid(integration.size());
    const QStringList parts = resource.split(QLatin1Char(':'));
    // arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]
    if (parts.size() >= 7 && parts.at(2) == QLatin1String("lambda") &&
        parts.at(5) == QLatin1String("function"))
        return QStringLiteral("lambda: ") + parts.at(6);
    if (parts.size() >= 7 && parts.at(2) == QLatin1String("states") &&
        parts.at(5) == QLatin1String("activity"))
        return QStringLiteral("activity: ") + parts.at(6);
    return parts.isEmpty() ? resource : parts.last();
}

NodeContent nodeContent(const asl::State &s)
{
    NodeContent c;
    c.title = s.name;
    const QString type = s.typeName.isEmpty() ? QStringLiteral("(no Type)") : s.typeName;
    QString extra;
    switch (s.type) {
    case asl::StateType::Task:
        extra = shortResource(s.resource);
        break;
    case asl::StateType::Choice:
        extra = s.choices.size() == 1 ? QStringLiteral("1 rule")
                                      : QStringLiteral("%1 rules").arg(s.choices.size());
        break;
    case asl::StateType::Wait:
        extra = waitDetail(s);
        break;
    case asl::StateType::Fail:
        extra = s.error.isString() ? s.error.toString() : QString();
        break;
    case asl::StateType::Parallel:
        extra = s.branches.size() == 1 ? QStringLiteral("1 branch")
                                       : QStringLiteral("%1 branches").arg(s.branches.size());
        break;
    case asl::StateType::Map:
        extra = mapDetail(s);
        break;
    case asl::StateType::Pass:
    case asl::StateType::Succeed:
    case asl::StateType::Unknown:
        break;
    }
    c.detail = extra.isEmpty() ? type : type + kDot + extra;
    c.badge = retryBadge(s);
    return c;
}

qreal textWidthFor(qreal boxWidth)
{
    return boxWidth - 2 * box::padX - box::icon - box::iconGap;
}

QSizeF nodeBoxSize(const NodeContent &c, const TextMetrics &m)
{
    const QSizeF title = m.size(TextRole::Title, c.title);
    const QSizeF detail = m.size(TextRole::Detail, c.detail);
    qreal titleLine = std::min(title.width(), box::maxTextWidth);
    if (!c.badge.isEmpty())
        titleLine += box::badgeGap + m.size(TextRole::Badge, c.badge).width() + 2 * box::badgePadX;
    const qreal text = std::max(titleLine, std::min(detail.width(), box::maxTextWidth));
    const qreal w = std::max(box::minWidth, std::ceil(2 * box::padX + box::icon + box::iconGap + text));
    const qreal h = std::ceil(2 * box::padY + title.height() + box::lineGap + detail.height());
    return {w, h};
}

} // namespace sw::layout
