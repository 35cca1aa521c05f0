#include "textmetrics.h"

namespace sw::layout {

namespace {

struct RoleFont
{
    qreal pixelSize;
    qreal avgAdvance; // em fraction per character, DejaVu Sans (bold a bit wider)
    qreal lineHeight;
};

RoleFont roleFont(TextRole role)
{
    switch (role) {
    case TextRole::Title:
        return {13, 0.66, 16};
    case TextRole::Detail:
        return {11, 0.60, 14};
    case TextRole::EdgeLabel:
        return {11, 0.60, 14};
    case TextRole::ClusterLabel:
        return {11, 0.62, 14};
    case TextRole::Badge:
        return {10, 0.64, 13};
    case TextRole::Marker:
        return {11, 0.66, 14};
    }
    return {11, 0.6, 14};
}

} // namespace

QSizeF ApproximateTextMetrics::size(TextRole role, const QString &text) const
{
    const RoleFont f = roleFont(role);
    return {qreal(text.size()) * f.pixelSize * f.avgAdvance, f.lineHeight};
}

} // namespace sw::layout
