#include "diagramview.h"

#include "diagramcontroller.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPointer>
#include <QQuickWindow>
#include <QSGImageNode>
#include <QSGTexture>
#include <QSGTransformNode>

#include <cmath>

namespace sw::gui {

namespace {

// One tile on screen: owns its texture, so the scene graph frees it with the node. Tiles and their
// group are (identity) transform nodes because the software renderer places a node added later
// using the state it recorded for the parent, which it records only for transform, clip and
// opacity nodes; under a plain QSGNode a new tile would be drawn at the window's origin.
class TileNode : public QSGTransformNode
{
public:
    explicit TileNode(QSGImageNode *image) : m_image(image)
    {
        m_image->setOwnsTexture(false);
        m_image->setFiltering(QSGTexture::Linear);
        appendChildNode(m_image);
    }
    void setTexture(QSGTexture *texture, const QRectF &rect)
    {
        m_image->setTexture(texture);
        m_image->setRect(rect);
        m_texture.reset(texture);
    }

private:
    QSGImageNode *m_image;
    std::unique_ptr<QSGTexture> m_texture;
};

std::atomic<quint64> g_generations{0};

} // namespace

DiagramView::DiagramView(QQuickItem *parent)
    : QQuickItem(parent), m_live(std::make_shared<std::atomic<quint64>>(0))
{
    setFlag(ItemHasContents, true);
    // Two painters keep up with panning on two cores; more would only compete with layout.
    m_pool->setMaxThreadCount(2);
}

DiagramView::~DiagramView()
{
    m_live->store(0);
    m_pool->clear();
    if (m_pool->waitForDone(10000))
        delete m_pool;
    else
        qWarning("DiagramView: a tile painter did not finish; leaving it behind");
}

void DiagramView::setController(DiagramController *controller)
{
    if (controller == m_controller) return;
    if (m_controller) disconnect(m_controller, nullptr, this, nullptr);
    m_controller = controller;
    if (m_controller) {
        connect(m_controller, &DiagramController::sceneChanged, this, &DiagramView::sceneChanged);
        connect(m_controller, &DiagramController::styleChanged, this, &DiagramView::newGeneration);
        connect(m_controller, &DiagramController::decorationsChanged, this, &DiagramView::decorationsChanged);
    }
    sceneChanged();
    emit controllerChanged();
}

void DiagramView::setZoom(qreal zoom)
{
    // A fit computed while the item has no size gives 0/0: never let NaN or infinity reach the
    // painter (the raster engine's dasher can loop for minutes on non-finite coordinates).
    if (!std::isfinite(zoom)) return;
    zoom = std::clamp(zoom, 0.0002, 16.0);
    if (qFuzzyCompare(zoom, m_zoom)) return;
    m_zoom = zoom;
    updateImplicitSize();
    newGeneration();
    emit zoomChanged();
}

void DiagramView::setViewport(const QRectF &viewport)
{
    if (viewport == m_viewport) return;
    m_viewport = viewport;
    polish();
    emit viewportChanged();
}

void DiagramView::setDecorated(bool decorated)
{
    if (decorated == m_decorated) return;
    m_decorated = decorated;
    newGeneration();
    emit decoratedChanged();
}

void DiagramView::sceneChanged()
{
    m_scene = m_controller ? m_controller->scene() : nullptr;
    updateImplicitSize();
    newGeneration();
}

void DiagramView::updateImplicitSize()
{
    const QRectF b = m_scene ? m_scene->bounds() : QRectF();
    setImplicitSize(std::ceil(b.width() * m_zoom), std::ceil(b.height() * m_zoom));
}

void DiagramView::newGeneration()
{
    m_layer.generation = ++g_generations;
    m_live->store(m_layer.generation);
    m_layer.zoom = m_zoom;
    m_layer.dpr = window() ? window()->effectiveDevicePixelRatio() : 1.0;
    m_layer.tiles.clear();
    setComplete(false);
    polish();
    update();
}

void DiagramView::decorationsChanged(const QStringList &ids)
{
    if (!m_scene || !m_decorated) return;
    for (const QString &id : ids) {
        QRectF r;
        if (id.startsWith(QLatin1String("edge:"))) {
            // An edge overlay (the run's failing path): the route and its arrowhead.
            const int e = id.mid(5).toInt();
            if (e < 0 || e >= m_scene->geometry().edges.size()) continue;
            r = m_scene->edgePath(e).boundingRect().united(m_scene->arrowHead(e).boundingRect()).adjusted(-4, -4, 4, 4);
        } else {
            const layout::NodeGeometry *n = id.isEmpty() ? nullptr : m_scene->geometry().node(id);
            if (!n) continue;
            // The selection outline is drawn a few units outside the box.
            r = n->rect.adjusted(-6, -6, 6, 6);
        }
        const QRect range = tileRange(QRectF(r.topLeft() * m_zoom, r.bottomRight() * m_zoom));
        for (int y = range.top(); y <= range.bottom(); ++y) {
            for (int x = range.left(); x <= range.right(); ++x) {
                auto it = m_layer.tiles.find(key(x, y));
                if (it != m_layer.tiles.end()) ++it->version;
            }
        }
    }
    polish();
}

QRectF DiagramView::visibleRect() const
{
    const QRectF all(0, 0, width(), height());
    return m_viewport.isEmpty() ? all : all.intersected(m_viewport);
}

QRect DiagramView::tileRange(const QRectF &r) const
{
    const qreal t = logicalTile();
    const int cols = std::max(1, int(std::ceil(width() / t)));
    const int rows = std::max(1, int(std::ceil(height() / t)));
    const int x0 = std::clamp(int(std::floor(r.left() / t)), 0, cols - 1);
    const int y0 = std::clamp(int(std::floor(r.top() / t)), 0, rows - 1);
    const int x1 = std::clamp(int(std::floor((r.right() - 0.01) / t)), 0, cols - 1);
    const int y1 = std::clamp(int(std::floor((r.bottom() - 0.01) / t)), 0, rows - 1);
    return QRect(QPoint(x0, y0), QPoint(x1, y1));
}

void DiagramView::updatePolish()
{
    if (!m_scene || width() <= 0 || height() <= 0 || visibleRect().isEmpty()) {
        setComplete(m_scene != nullptr);
        return;
    }
    const QRect visible = tileRange(visibleRect());
    bool complete = true;
    for (int y = visible.top(); y <= visible.bottom(); ++y) {
        for (int x = visible.left(); x <= visible.right(); ++x) {
            requestTile(x, y, true);
            const Tile &t = m_layer.tiles[key(x, y)];
            complete = complete && t.painted == t.version;
        }
    }
    // One ring of tiles beyond the viewport is painted ahead, so panning rarely shows a gap.
    const QRect ahead = visible.adjusted(-1, -1, 1, 1);
    for (int y = ahead.top(); y <= ahead.bottom(); ++y) {
        for (int x = ahead.left(); x <= ahead.right(); ++x) {
            if (!visible.contains(x, y)) requestTile(x, y, false);
        }
    }
    evict(visible.adjusted(-3, -3, 3, 3));
    setComplete(complete);
    update();
}

void DiagramView::requestTile(int x, int y, bool visible)
{
    const qreal t = logicalTile();
    if (x < 0 || y < 0 || x * t >= width() || y * t >= height()) return;
    const quint64 k = key(x, y);
    Tile &tile = m_layer.tiles[k];
    if (tile.inFlight || tile.painted == tile.version) return;
    tile.inFlight = true;
    const render::Decorations decorations =
        m_decorated && m_controller ? m_controller->decorations() : render::Decorations();
    const render::DiagramStyle style = m_controller ? m_controller->style() : render::DiagramStyle::light();
    const quint64 generation = m_layer.generation;
    const int version = tile.version;
    const qreal zoom = m_layer.zoom;
    const qreal dpr = m_layer.dpr;
    m_pool->start(
        [self = QPointer<DiagramView>(this), live = m_live, scene = m_scene, decorations, style, generation, version, zoom, dpr, x, y, t,
         k] {
            QImage image;
            if (live->load() == generation) {
                image = QImage(kTileDevicePixels, kTileDevicePixels, QImage::Format_RGB32);
                image.fill(style.background);
                QPainter p(&image);
                p.scale(dpr, dpr);
                p.translate(-x * t, -y * t);
                p.scale(zoom, zoom);
                const QRectF sceneRect(x * t / zoom, y * t / zoom, t / zoom, t / zoom);
                render::DiagramPainter::paint(p, *scene, style, sceneRect.adjusted(-8, -8, 8, 8), zoom * dpr,
                                              decorations);
            }
            QMetaObject::invokeMethod(
                qApp,
                [self, generation, k, version, image] {
                    if (self) self->tilePainted(generation, k, version, image);
                },
                Qt::QueuedConnection);
        },
        visible ? 1 : 0);
}

void DiagramView::tilePainted(quint64 generation, quint64 tileKey, int version, const QImage &image)
{
    if (generation != m_layer.generation) return;
    auto it = m_layer.tiles.find(tileKey);
    if (it == m_layer.tiles.end()) return;
    it->inFlight = false;
    if (!image.isNull() && version > it->painted) {
        it->image = image;
        it->painted = version;
        ++m_tilesPainted;
    }
    polish();
}

void DiagramView::evict(const QRect &keep)
{
    if (m_layer.tiles.size() <= kMaxTiles) return;
    for (auto it = m_layer.tiles.begin(); it != m_layer.tiles.end();) {
        const int x = int(it.key() >> 32), y = int(it.key() & 0xffffffffu);
        if (!keep.contains(x, y) && !it->inFlight)
            it = m_layer.tiles.erase(it);
        else
            ++it;
    }
}

void DiagramView::setComplete(bool complete)
{
    if (complete == m_complete) return;
    m_complete = complete;
    emit completeChanged();
}

QSGNode *DiagramView::updatePaintNode(QSGNode *old, UpdatePaintNodeData *)
{
    QSGNode *root = old;
    if (!root) {
        // A fresh tree (first frame, or the scene graph was rebuilt): nothing of ours survives.
        root = new QSGNode;
        m_backGroup = new QSGTransformNode;
        m_currentGroup = new QSGTransformNode;
        root->appendChildNode(m_backGroup);
        root->appendChildNode(m_currentGroup);
        m_nodes.clear();
        m_nodeVersions.clear();
        m_backNodes.clear();
        m_nodesGeneration = 0;
    }
    auto destroy = [](QSGNode *group, QHash<quint64, QSGNode *> &nodes) {
        for (QSGNode *n : std::as_const(nodes)) {
            group->removeChildNode(n);
            delete n;
        }
        nodes.clear();
    };
    if (m_nodesGeneration != m_layer.generation) {
        // Keep the last complete picture as a backdrop until the new tiles cover the viewport.
        if (m_nodesComplete && !m_nodes.isEmpty()) {
            destroy(m_backGroup, m_backNodes);
            for (auto it = m_nodes.cbegin(); it != m_nodes.cend(); ++it) {
                m_currentGroup->removeChildNode(it.value());
                m_backGroup->appendChildNode(it.value());
            }
            m_backNodes = m_nodes;
            m_backZoom = m_nodesZoom;
            m_nodes.clear();
        } else {
            destroy(m_currentGroup, m_nodes);
        }
        m_nodeVersions.clear();
        m_nodesGeneration = m_layer.generation;
        m_nodesZoom = m_layer.zoom;
        m_nodesComplete = false;
    }
    QMatrix4x4 scale;
    scale.scale(float(m_layer.zoom / m_backZoom), float(m_layer.zoom / m_backZoom));
    m_backGroup->setMatrix(scale);

    QSet<quint64> shown;
    if (m_scene && width() > 0 && height() > 0 && !visibleRect().isEmpty()) {
        const qreal t = logicalTile();
        const QRect range = tileRange(visibleRect()).adjusted(-1, -1, 1, 1);
        for (int y = range.top(); y <= range.bottom(); ++y) {
            for (int x = range.left(); x <= range.right(); ++x) {
                const quint64 k = key(x, y);
                const auto it = m_layer.tiles.constFind(k);
                if (it == m_layer.tiles.constEnd() || it->painted < 0) continue;
                shown.insert(k);
                auto *node = static_cast<TileNode *>(m_nodes.value(k));
                if (node && m_nodeVersions.value(k) == it->painted) continue;
                QSGTexture *texture =
                    window()->createTextureFromImage(it->image, QQuickWindow::TextureIsOpaque);
                // A node must have its texture before it joins the tree (the software renderer
                // reads it as soon as the node is added).
                const bool added = !node;
                if (added) node = new TileNode(window()->createImageNode());
                node->setTexture(texture, QRectF(x * t, y * t, t, t));
                if (added) {
                    m_currentGroup->appendChildNode(node);
                    m_nodes.insert(k, node);
                }
                m_nodeVersions.insert(k, it->painted);
            }
        }
    }
    for (auto it = m_nodes.begin(); it != m_nodes.end();) {
        if (!shown.contains(it.key())) {
            m_currentGroup->removeChildNode(it.value());
            delete it.value();
            m_nodeVersions.remove(it.key());
            it = m_nodes.erase(it);
        } else {
            ++it;
        }
    }
    if (m_complete) {
        destroy(m_backGroup, m_backNodes);
        m_nodesComplete = true;
    }
    return root;
}

void DiagramView::itemChange(ItemChange change, const ItemChangeData &data)
{
    if (change == ItemDevicePixelRatioHasChanged || change == ItemSceneChange) newGeneration();
    QQuickItem::itemChange(change, data);
}

void DiagramView::releaseResources()
{
    m_currentGroup = nullptr;
    m_backGroup = nullptr;
}

} // namespace sw::gui
