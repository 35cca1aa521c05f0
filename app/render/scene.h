#pragma once

#include "geometry.h"

#include <QHash>
#include <QList>
#include <QPainterPath>
#include <QPolygonF>
#include <QRectF>

#include <memory>
#include <vector>

namespace sw::render {

// A laid-out diagram ready to draw and to hit-test: the geometry plus prebuilt edge paths,
// arrowheads and a uniform grid over the scene so a tile or a mouse position only visits nearby
// items. Immutable once built, so tiles can be painted from worker threads while the GUI thread
// hit-tests the same scene.
class DiagramScene
{
public:
    explicit DiagramScene(layout::Geometry geometry);

    const layout::Geometry &geometry() const { return m_geometry; }
    QRectF bounds() const { return m_geometry.bounds; }
    const QPainterPath &edgePath(int edge) const { return m_paths.at(size_t(edge)); }
    const QPolygonF &arrowHead(int edge) const { return m_arrows.at(size_t(edge)); }

    struct Items
    {
        QList<int> nodes, edges, clusters; // rows in the geometry, each once
    };
    Items query(const QRectF &rect) const;

    // The innermost node under a point (a state inside a branch wins over its Parallel), or -1.
    int nodeAt(QPointF p) const;
    // Nodes whose boxes lie entirely inside a rectangle (rubber-band selection).
    QList<int> nodesInside(const QRectF &rect) const;
    // The edge whose route or label passes within `tolerance` of a point, or -1.
    int edgeAt(QPointF p, qreal tolerance) const;

private:
    void index(int kind, int row, const QRectF &rect);

    layout::Geometry m_geometry;
    std::vector<QPainterPath> m_paths;
    std::vector<QPolygonF> m_arrows;
    std::vector<QRectF> m_edgeBounds;
    qreal m_cell = 256;
    int m_cols = 1, m_rows = 1;
    std::vector<std::vector<std::pair<int, int>>> m_grid; // (kind, row): 0 node, 1 edge, 2 cluster
};

using SceneHandle = std::shared_ptr<const DiagramScene>;

} // namespace sw::render
