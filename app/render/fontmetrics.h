#pragma once

#include "style.h"
#include "textmetrics.h"

#include <QFontMetricsF>

#include <array>

namespace sw::render {

// Measures diagram text with the fonts the painter uses, so boxes fit their text exactly. Needs a
// QGuiApplication; build one per thread that lays out (font metrics are reentrant, not shared).
class FontTextMetrics final : public layout::TextMetrics
{
public:
    explicit FontTextMetrics(const DiagramStyle &style);
    QSizeF size(layout::TextRole role, const QString &text) const override;

private:
    std::array<QFontMetricsF, 6> m_metrics;
};

} // namespace sw::render
