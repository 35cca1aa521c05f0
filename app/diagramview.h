#pragma once

#include "diagramcontroller.h"
#include "painter.h"
#include "scene.h"

#include <QHash>
#include <QImage>
#include <QPointer>
#include <QQmlEngine>
#include <QQuickItem>
#include <QThreadPool>

#include <atomic>
#include <memory>

class QSGTransformNode;

namespace sw::gui {

// Draws a DiagramController's scene at `zoom` as a grid of cached tiles. Tiles are painted with
// QPainter (the same DiagramPainter as the exports) on worker threads and shown as texture nodes,
// so the item renders identically on the software scene graph (QT_QPA_PLATFORM=offscreen, where
// custom geometry nodes draw nothing) and on OpenGL, and panning only moves textures. Only tiles
// near the `viewport` exist. After a zoom or a new layout the previous tiles stay visible, scaled,
// until the new ones cover the viewport; a selection or hover change repaints just the tiles it
// touches.
class DiagramView : public QQuickItem
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(
        sw::gui::DiagramController *controller READ controller WRITE setController NOTIFY controllerChanged)
    Q_PROPERTY(qreal zoom READ zoom WRITE setZoom NOTIFY zoomChanged)
    Q_PROPERTY(QRectF viewport READ viewport WRITE setViewport NOTIFY viewportChanged)
    Q_PROPERTY(bool decorated READ isDecorated WRITE setDecorated NOTIFY decoratedChanged)
    Q_PROPERTY(bool complete READ isComplete NOTIFY completeChanged)
    Q_PROPERTY(int tilesPainted READ tilesPainted NOTIFY completeChanged)
public:
    explicit DiagramView(QQuickItem *parent = nullptr);
    ~DiagramView() override;

    DiagramController *controller() const { return m_controller; }
    void setController(DiagramController *controller);
    qreal zoom() const { return m_zoom; }
    void setZoom(qreal zoom);
    // The visible part in item coordinates; empty means the whole item.
    QRectF viewport() const { return m_viewport; }
    void setViewport(const QRectF &viewport);
    // Whether selection and hover are drawn (the minimap shows the plain diagram).
    bool isDecorated() const { return m_decorated; }
    void setDecorated(bool decorated);
    // True when every tile in the viewport shows the current scene at the current zoom.
    bool isComplete() const { return m_complete; }
    int tilesPainted() const { return m_tilesPainted; }

signals:
    void controllerChanged();
    void zoomChanged();
    void viewportChanged();
    void decoratedChanged();
    void completeChanged();

protected:
    QSGNode *updatePaintNode(QSGNode *old, UpdatePaintNodeData *) override;
    void updatePolish() override;
    void itemChange(ItemChange change, const ItemChangeData &data) override;
    void releaseResources() override;

private:
    struct Tile
    {
        QImage image;
        int version = 0;  // wanted
        int painted = -1; // version of `image`
        bool inFlight = false;
    };
    struct Layer
    {
        quint64 generation = 0;
        qreal zoom = 1;
        qreal dpr = 1;
        QHash<quint64, Tile> tiles;
    };

    static quint64 key(int x, int y) { return (quint64(quint32(x)) << 32) | quint32(y); }
    qreal logicalTile() const { return kTileDevicePixels / m_layer.dpr; }
    QRect tileRange(const QRectF &itemRect) const;
    QRectF visibleRect() const;
    void newGeneration();
    void sceneChanged();
    void decorationsChanged(const QStringList &ids);
    void requestTile(int x, int y, bool visible);
    void tilePainted(quint64 generation, quint64 tileKey, int version, const QImage &image);
    void evict(const QRect &keep);
    void updateImplicitSize();
    void setComplete(bool complete);

    static constexpr int kTileDevicePixels = 512;
    static constexpr int kMaxTiles = 160;

    QPointer<DiagramController> m_controller;
    render::SceneHandle m_scene;
    qreal m_zoom = 1;
    QRectF m_viewport;
    bool m_decorated = true;
    bool m_complete = false;
    int m_tilesPainted = 0;
    Layer m_layer;
    std::shared_ptr<std::atomic<quint64>> m_live; // generation jobs check before painting
    // Tile painters. On the heap: if a painter does not finish when the view goes (a stuck raster
    // stroke was seen once under ctest), the pool is left to finish on its own instead of hanging
    // the window's destruction; painters reach the view only through a QPointer.
    QThreadPool *m_pool = new QThreadPool;

    // Render-thread side (touched only in updatePaintNode, while the GUI thread waits).
    QSGTransformNode *m_currentGroup = nullptr;
    QSGTransformNode *m_backGroup = nullptr;
    QHash<quint64, QSGNode *> m_nodes; // tile nodes of the current generation
    QHash<quint64, int> m_nodeVersions;
    QHash<quint64, QSGNode *> m_backNodes; // the previous complete picture, scaled
    quint64 m_nodesGeneration = 0;
    bool m_nodesComplete = false;
    qreal m_nodesZoom = 1;
    qreal m_backZoom = 1;
};

} // namespace sw::gui
