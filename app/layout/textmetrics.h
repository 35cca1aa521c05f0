#pragma once

#include <QSizeF>
#include <QString>

namespace sw::layout {

// The text styles a diagram uses; the renderer maps each to a font.
enum class TextRole { Title, Detail, EdgeLabel, ClusterLabel, Badge, Marker };

// Measures text so node and label boxes fit what the renderer will draw. The layout library is
// QtCore-only, so the renderer supplies a font-based implementation; ApproximateTextMetrics is a
// deterministic stand-in for tests and for tools that never draw. Implementations must be callable
// from any thread (layout runs off the GUI thread).
class TextMetrics
{
public:
    virtual ~TextMetrics() = default;
    virtual QSizeF size(TextRole role, const QString &text) const = 0;
};

// Width from a per-character estimate of DejaVu Sans at the renderer's sizes (generous, so real
// text fits), height from the line height. Never draws, needs no QGuiApplication.
class ApproximateTextMetrics final : public TextMetrics
{
public:
    QSizeF size(TextRole role, const QString &text) const override;
};

} // namespace sw::layout
