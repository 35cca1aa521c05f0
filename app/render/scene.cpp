#include "scene.h"

#include <QLineF>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace sw::render {

namespace {

// Graphviz's "normal" arrowhead: a triangle from the end of the spline to the tip, half as wide
// on each side as 0.35 times its length.
QPolygonF arrowFor(const layout::EdgeGeometry &e)
{
    if (!e.arrowHead || e.points.isEmpty()) return {};
    const QPointF base = e.points.last();
    const QPointF u = e.arrowTip - base;
    const QPointF v(-u.y() * 0.35, u.x() * 0.35);
    return QPolygonF({e.arrowTip, base + v, base - v});
}

qreal distanceToSegment(QPointF p, QPointF a, QPointF b)
{
    const QPointF ab = b - a;
    const qreal len2 = QPointF::dotProduct(ab, ab);
    const qreal t = len2 <= 0 ? 0 : std::clamp(QPointF::dotProduct(p - a, ab) / len2, 0.0, 1.0);
    return QLineF(p, a + t * ab).length();
}

} // namespace

DiagramScene::DiagramScene(layout::Geometry geometry) : m_geometry(std::move(geometry))
{
    const QRectF b = m_geometry.bounds;
    m_cols = std::max(1, int(std::ceil(b.width() / m_cell)));
    m_rows = std::max(1, int(std::ceil(b.height() / m_cell)));
    m_grid.resize(size_t(m_cols) * size_t(m_rows));
    for (qsizetype i = 0; i < m_geometry.nodes.size(); ++i)
        index(0, int(i), m_geometry.nodes.at(i).rect);
    m_paths.reserve(size_t(m_geometry.edges.size()));
    for (qsizetype i = 0; i < m_geometry.edges.size(); ++i) {
        const layout::EdgeGeometry &e = m_geometry.edges.at(i);
        QPainterPath path;
        if (!e.points.isEmpty()) {
            path.moveTo(e.points.first());
            for (qsizetype k = 1; k + 2 < e.points.size(); k += 3)
                path.cubicTo(e.points.at(k), e.points.at(k + 1), e.points.at(k + 2));
        }
        m_paths.push_back(path);
        m_arrows.push_back(arrowFor(e));
        QRectF r = path.controlPointRect() | m_arrows.back().boundingRect();
        if (!e.labelRect.isEmpty()) r |= e.labelRect;
        m_edgeBounds.push_back(r.adjusted(-2, -2, 2, 2));
        index(1, int(i), m_edgeBounds.back());
    }
    for (qsizetype i = 0; i < m_geometry.clusters.size(); ++i)
        index(2, int(i), m_geometry.clusters.at(i).rect);
}

void DiagramScene::index(int kind, int row, const QRectF &rect)
{
    const int c0 = std::clamp(int(rect.left() / m_cell), 0, m_cols - 1);
    const int c1 = std::clamp(int(rect.right() / m_cell), 0, m_cols - 1);
    const int r0 = std::clamp(int(rect.top() / m_cell), 0, m_rows - 1);
    const int r1 = std::clamp(int(rect.bottom() / m_cell), 0, m_rows - 1);
    for (int r = r0; r <= r1; ++r) {
        for (int c = c0; c <= c1; ++c)
            m_grid[size_t(r) * size_t(m_cols) + size_t(c)].push_back({kind, row});
    }
}

DiagramScene::Items DiagramScene::query(const QRectF &rect) const
{
    Items out;
    const int c0 = std::clamp(int(std::floor(rect.left() / m_cell)), 0, m_cols - 1);
    const int c1 = std::clamp(int(std::floor(rect.right() / m_cell)), 0, m_cols - 1);
    const int r0 = std::clamp(int(std::floor(rect.top() / m_cell)), 0, m_rows - 1);
    const int r1 = std::clamp(int(std::floor(rect.bottom() / m_cell)), 0, m_rows - 1);
    QSet<int> seen[3];
    for (int r = r0; r <= r1; ++r) {
        for (int c = c0; c <= c1; ++c) {
            for (const auto &[kind, row] : m_grid[size_t(r) * size_t(m_cols) + size_t(c)]) {
                if (seen[kind].contains(row)) continue;
                seen[kind].insert(row);
                const QRectF itemRect = kind == 0   ? m_geometry.nodes.at(row).rect
                                        : kind == 1 ? m_edgeBounds.at(size_t(row))
                                                    : m_geometry.clusters.at(row).rect;
                if (!itemRect.intersects(rect)) continue;
                (kind == 0 ? out.nodes : kind == 1 ? out.edges : out.clusters).append(row);
            }
        }
    }
    std::sort(out.nodes.begin(), out.nodes.end());
    std::sort(out.edges.begin(), out.edges.end());
    std::sort(out.clusters.begin(), out.clusters.end());
    return out;
}

int DiagramScene::nodeAt(QPointF p) const
{
    const Items items = query(QRectF(p, QSizeF(0.01, 0.01)));
    int best = -1;
    for (int i : items.nodes) {
        const layout::NodeGeometry &n = m_geometry.nodes.at(i);
        if (!n.rect.contains(p)) continue;
        if (best < 0 || n.depth > m_geometry.nodes.at(best).depth ||
            (n.depth == m_geometry.nodes.at(best).depth && !n.composite))
            best = i;
    }
    return best;
}

QList<int> DiagramScene::nodesInside(const QRectF &rect) const
{
    QList<int> out;
    for (int i : query(rect).nodes) {
        if (rect.contains(m_geometry.nodes.at(i).rect)) out.append(i);
    }
    return out;
}

int DiagramScene::edgeAt(QPointF p, qreal tolerance) const
{
    const Items items = query(QRectF(p.x() - tolerance, p.y() - tolerance, 2 * tolerance, 2 * tolerance));
    int best = -1;
    qreal bestDistance = tolerance;
    for (int i : items.edges) {
        const layout::EdgeGeometry &e = m_geometry.edges.at(i);
        if (e.labelRect.contains(p)) return i;
        const QList<QPointF> pts = layout::sampleRoute(e, 10);
        for (qsizetype k = 1; k < pts.size(); ++k) {
            const qreal d = distanceToSegment(p, pts.at(k - 1), pts.at(k));
            if (d <= bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
    }
    return best;
}

} // namespace sw::render
