#include "fontmetrics.h"

#include <cmath>

namespace sw::render {

using layout::TextRole;

FontTextMetrics::FontTextMetrics(const DiagramStyle &style)
    : m_metrics{
          QFontMetricsF(style.font(TextRole::Title)),     QFontMetricsF(style.font(TextRole::Detail)),
          QFontMetricsF(style.font(TextRole::EdgeLabel)), QFontMetricsF(style.font(TextRole::ClusterLabel)),
          QFontMetricsF(style.font(TextRole::Badge)),     QFontMetricsF(style.font(TextRole::Marker))}
{
}

QSizeF FontTextMetrics::size(TextRole role, const QString &text) const
{
    const QFontMetricsF &fm = m_metrics.at(size_t(role));
    // Whole pixels: text is drawn on the pixel grid at zoom 1.
    return {std::ceil(fm.horizontalAdvance(text)), std::ceil(fm.height())};
}

} // namespace sw::render
