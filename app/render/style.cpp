#include "style.h"

#include <QGuiApplication>

namespace sw::render {

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    const QColor x = a.toRgb(), y = b.toRgb();
    return QColor::fromRgbF(
        float(x.redF() + (y.redF() - x.redF()) * t), float(x.greenF() + (y.greenF() - x.greenF()) * t),
        float(x.blueF() + (y.blueF() - x.blueF()) * t), float(x.alphaF() + (y.alphaF() - x.alphaF()) * t));
}

namespace {

QString defaultFamily()
{
    if (qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return QGuiApplication::font().family();
    return QStringLiteral("DejaVu Sans");
}

} // namespace

DiagramStyle DiagramStyle::fromPalette(const QColor &base, const QColor &text, const QColor &highlight)
{
    DiagramStyle s;
    s.dark = base.lightnessF() < 0.5;
    s.background = base;
    s.text = text;
    s.mutedText = mix(text, base, s.dark ? 0.25 : 0.3);
    s.accent = highlight;
    s.edge = mix(text, base, s.dark ? 0.35 : 0.4);
    s.catchEdge = s.dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xc6, 0x28, 0x28);
    s.frame = mix(text, base, 0.55);
    s.labelBackground = base;
    s.labelBackground.setAlphaF(0.88f);
    s.badgeFill = s.dark ? QColor(0xb3, 0x7a, 0x00) : QColor(0xff, 0xd3, 0x6b);
    s.badgeText = s.dark ? QColor(0xff, 0xf4, 0xdc) : QColor(0x5a, 0x3b, 0x00);
    s.missing = s.dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xc6, 0x28, 0x28);
    s.fontFamily = defaultFamily();
    return s;
}

DiagramStyle DiagramStyle::light()
{
    return fromPalette(QColor(0xff, 0xff, 0xff), QColor(0x1f, 0x23, 0x28), QColor(0x1a, 0x73, 0xe8));
}

DiagramStyle DiagramStyle::darkStyle()
{
    return fromPalette(QColor(0x1e, 0x1f, 0x22), QColor(0xe6, 0xe6, 0xe6), QColor(0x4c, 0x9a, 0xff));
}

QColor DiagramStyle::hue(asl::StateType type) const
{
    QColor c;
    switch (type) {
    case asl::StateType::Task:
        c = QColor(0x2f, 0x6f, 0xde);
        break;
    case asl::StateType::Pass:
        c = QColor(0x6b, 0x77, 0x85);
        break;
    case asl::StateType::Choice:
        c = QColor(0xc7, 0x84, 0x00);
        break;
    case asl::StateType::Wait:
        c = QColor(0x1f, 0x8a, 0xa6);
        break;
    case asl::StateType::Succeed:
        c = QColor(0x2e, 0x9d, 0x4f);
        break;
    case asl::StateType::Fail:
        c = QColor(0xd1, 0x3d, 0x3d);
        break;
    case asl::StateType::Parallel:
        c = QColor(0x8a, 0x4f, 0xc7);
        break;
    case asl::StateType::Map:
        c = QColor(0x12, 0x95, 0x86);
        break;
    case asl::StateType::Unknown:
        c = QColor(0x88, 0x88, 0x88);
        break;
    }
    return dark ? c.lighter(135) : c;
}

QColor DiagramStyle::fill(asl::StateType type) const
{
    return mix(background, hue(type), dark ? 0.22 : 0.11);
}

QColor DiagramStyle::containerFill(asl::StateType type) const
{
    return mix(background, hue(type), dark ? 0.08 : 0.04);
}

QFont DiagramStyle::font(layout::TextRole role) const
{
    QFont f(fontFamily);
    switch (role) {
    case layout::TextRole::Title:
        f.setPixelSize(13);
        f.setBold(true);
        break;
    case layout::TextRole::Detail:
        f.setPixelSize(11);
        break;
    case layout::TextRole::EdgeLabel:
        f.setPixelSize(11);
        break;
    case layout::TextRole::ClusterLabel:
        f.setPixelSize(11);
        f.setBold(true);
        break;
    case layout::TextRole::Badge:
        f.setPixelSize(10);
        f.setBold(true);
        break;
    case layout::TextRole::Marker:
        f.setPixelSize(11);
        f.setBold(true);
        break;
    }
    return f;
}

} // namespace sw::render
