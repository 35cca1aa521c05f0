#pragma once

#include "scene.h"
#include "style.h"

#include <QColor>
#include <QHash>
#include <QSet>
#include <QString>

class QPainter;

namespace sw::render {

// Per-node state that changes without a new layout: selection, hover, and the merged overlays
// (DiagramController::setOverlay: the run animation, the cost heat map): a tint of the box, a
// caption shown instead of the detail line (e.g. "3/10 done, 1 running", "retry in 4 s") and a
// progress bar along the bottom edge (0..1).
struct Decorations
{
    QSet<QString> selected;
    QString hovered;
    QHash<QString, QColor> tint;
    QHash<QString, QString> caption;
    QHash<QString, qreal> progress;
    // Edges drawn in a colour of their own, thicker (by index into the scene's edges): the run's
    // failing path.
    QHash<int, QColor> edgeTint;
};

// Draws a DiagramScene with QPainter: the one drawing code behind the canvas tiles, the PNG export
// and the minimap. The painter's transform maps scene units to the device; `scale` is that
// transform's scale (device pixels per scene unit) and selects the level of detail (text is
// skipped where it would be unreadably small). Reentrant: tiles are painted from worker threads.
class DiagramPainter
{
public:
    static void paint(QPainter &painter, const DiagramScene &scene, const DiagramStyle &style,
                      const QRectF &sceneRect, qreal scale, const Decorations &decorations = {});

    // Below this scale nodes are drawn as plain boxes and edge labels are omitted.
    static constexpr qreal textScale = 0.3;
};

} // namespace sw::render
