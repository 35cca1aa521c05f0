#include "stateicons.h"

#include "icons.h"
#include "style.h"

#include <QPainter>
#include <QQmlEngine>

namespace sw::gui {

StateIconProvider::StateIconProvider() : QQuickImageProvider(QQuickImageProvider::Image) {}

QImage StateIconProvider::requestImage(const QString &id, QSize *size, const QSize &requestedSize)
{
    const QString typeName = id.section(QLatin1Char('/'), 0, 0);
    const QString colorName = id.section(QLatin1Char('/'), 1);
    const asl::StateType type = asl::stateTypeFromString(typeName);
    const QColor color =
        QColor::isValidColorName(colorName) ? QColor(colorName) : render::DiagramStyle::light().hue(type);
    const QSize s = requestedSize.isValid() && !requestedSize.isEmpty() ? requestedSize : QSize(32, 32);
    QImage image(s, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal inset = s.width() * 0.06;
    render::paintStateIcon(p, type, QRectF(QPointF(0, 0), s).adjusted(inset, inset, -inset, -inset), color);
    if (size) *size = s;
    return image;
}

void setupEngine(QQmlEngine &engine)
{
    engine.addImageProvider(QStringLiteral("stateicon"), new StateIconProvider);
}

} // namespace sw::gui
