#pragma once

#include "documentcontroller.h"
#include "painter.h"
#include "scene.h"
#include "style.h"

#include <QColor>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QRectF>
#include <QStringList>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <memory>

namespace sw::layout {
class LayoutCache;
}

namespace sw::gui {

// The canvas's model: lays out the open document off the GUI thread (one layout at a time, the
// latest request wins), holds the resulting scene, and owns what the user does to it that is not
// an edit of the definition: selection, hover, tooltips. Moving states and Auto-layout go to the
// document as undo commands (pins), and come back here as a new layout. Views (DiagramView, the
// minimap) only read the scene and the decorations.
class DiagramController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(sw::gui::DocumentController *document READ document WRITE setDocument NOTIFY documentChanged)
    Q_PROPERTY(bool ready READ isReady NOTIFY sceneChanged)
    Q_PROPERTY(bool busy READ isBusy NOTIFY busyChanged)
    Q_PROPERTY(QRectF bounds READ bounds NOTIFY sceneChanged)
    Q_PROPERTY(int stateCount READ stateCount NOTIFY sceneChanged)
    Q_PROPERTY(double layoutMs READ layoutMs NOTIFY sceneChanged)
    Q_PROPERTY(QString layoutError READ layoutError NOTIFY sceneChanged)
    Q_PROPERTY(bool hasPins READ hasPins NOTIFY sceneChanged)
    Q_PROPERTY(double layoutProgress READ layoutProgress NOTIFY layoutProgressChanged)
    Q_PROPERTY(bool layoutSlow READ isLayoutSlow NOTIFY layoutProgressChanged)
    Q_PROPERTY(bool stacked READ isStacked NOTIFY sceneChanged)
    Q_PROPERTY(QStringList selection READ selection NOTIFY selectionChanged)
    Q_PROPERTY(QString hovered READ hovered WRITE setHovered NOTIFY hoveredChanged)
    Q_PROPERTY(QColor backgroundColor READ backgroundColor WRITE setBackgroundColor NOTIFY styleChanged)
    Q_PROPERTY(QColor textColor READ textColor WRITE setTextColor NOTIFY styleChanged)
    Q_PROPERTY(QColor accentColor READ accentColor WRITE setAccentColor NOTIFY styleChanged)
public:
    explicit DiagramController(QObject *parent = nullptr);
    ~DiagramController() override;

    DocumentController *document() const { return m_document; }
    void setDocument(DocumentController *document);

    bool isReady() const { return m_scene != nullptr; }
    bool isBusy() const { return m_running || m_coalesce.isActive(); } // a layout is due or running
    bool isLayingOut() const { return m_running; }                     // a layout job is running
    QRectF bounds() const { return m_scene ? m_scene->bounds() : QRectF(); }
    int stateCount() const;
    double layoutMs() const { return m_scene ? m_scene->geometry().elapsedMs : 0; }
    QString layoutError() const { return m_scene ? m_scene->geometry().error : QString(); }
    bool hasPins() const;
    // While a layout runs: the share of the machine's states laid out (0..1), updated every 100 ms;
    // 1 once it is done.
    double layoutProgress() const { return m_progress; }
    // The running layout has taken more than 200 ms: the toolbar shows its progress and Cancel.
    bool isLayoutSlow() const { return m_slow; }
    // The scene's states are stacked without routes because the user cancelled a layout; edits keep
    // the document stacked (no Graphviz) until layOut() or autoLayout().
    bool isStacked() const { return m_scene && m_scene->geometry().stacked; }
    // Cancels the running layout: the canvas shows the states stacked at once (the Graphviz call
    // in progress finishes in the background and its result is dropped).
    Q_INVOKABLE void cancelLayout();
    // Lays out with Graphviz again after a cancel.
    Q_INVOKABLE void layOut();

    QStringList selection() const;
    QString hovered() const { return m_decorations.hovered; }
    void setHovered(const QString &id);

    QColor backgroundColor() const { return m_base; }
    void setBackgroundColor(const QColor &c);
    QColor textColor() const { return m_text; }
    void setTextColor(const QColor &c);
    QColor accentColor() const { return m_accent; }
    void setAccentColor(const QColor &c);

    // For views (C++): the current scene, style and decorations.
    render::SceneHandle scene() const { return m_scene; }
    const render::DiagramStyle &style() const { return m_style; }
    const render::Decorations &decorations() const { return m_decorations; }

    // Hit testing in scene coordinates. nodeAt returns only selectable states ("" elsewhere).
    Q_INVOKABLE QString nodeAt(qreal x, qreal y) const;
    Q_INVOKABLE QRectF nodeRect(const QString &id) const;
    Q_INVOKABLE QString tooltipAt(qreal x, qreal y) const; // a state's key fields, or an edge's label
    Q_INVOKABLE QVariantList selectionRects() const;       // boxes of the selected states

    Q_INVOKABLE void select(const QString &id, bool toggle = false);
    Q_INVOKABLE void selectInRect(const QRectF &sceneRect, bool add);
    Q_INVOKABLE void selectAll();
    Q_INVOKABLE void clearSelection();
    Q_INVOKABLE bool isSelected(const QString &id) const { return m_decorations.selected.contains(id); }

    // Pins the selected states moved by (dx, dy) scene units: one undoable command.
    Q_INVOKABLE void moveSelection(qreal dx, qreal dy);
    // Forgets all pins (undoable) and lays out again.
    Q_INVOKABLE void autoLayout();

    // Overlays: named layers of per-state decorations drawn over the diagram, e.g. "cost" (the heat
    // map) and "run" (the simulation's status colours). Per state, the layer with the highest
    // priority that sets a field wins that field. Setting a layer replaces it whole; views repaint
    // only the states whose merged decoration changed.
    struct NodeOverlay
    {
        QColor tint;          // invalid: none
        QString caption;      // empty: none (the state's detail line shows)
        qreal progress = -1;  // < 0: none
        bool operator==(const NodeOverlay &) const = default;
    };
    void setOverlay(const QString &layer, const QHash<QString, NodeOverlay> &states, int priority = 0);
    // From QML: states maps a state name to {tint: color, caption: string, progress: number}.
    Q_INVOKABLE void setOverlay(const QString &layer, const QVariantMap &states, int priority = 0);
    Q_INVOKABLE void clearOverlay(const QString &layer);
    Q_INVOKABLE QStringList overlays() const { return m_overlays.keys(); }
    // Edge overlays, by index into the current scene's edges: the highest priority layer that
    // colours an edge wins. Views repaint only the changed edges (decorationsChanged with
    // "edge:N" ids). A new layout clears them (indices belong to one scene).
    void setEdgeOverlay(const QString &layer, const QHash<int, QColor> &edges, int priority = 0);
    void clearEdgeOverlay(const QString &layer);

signals:
    void documentChanged();
    void sceneChanged();
    void busyChanged();
    void layoutProgressChanged();
    void selectionChanged();
    void hoveredChanged();
    void styleChanged();
    // Decorations changed for these nodes only (views repaint just their area); "edge:N" names the
    // scene's edge N.
    void decorationsChanged(const QStringList &ids);

private:
    void scheduleLayout();
    void startLayout();
    void applyScene(const render::SceneHandle &scene, quint64 generation);
    void updateStyle();
    void setSelection(const QSet<QString> &ids);
    void pruneSelection();
    void mergeOverlays();
    void mergeEdgeOverlays();

    QPointer<DocumentController> m_document;
    render::SceneHandle m_scene;
    render::DiagramStyle m_style;
    render::Decorations m_decorations;
    struct OverlayLayer
    {
        int priority = 0;
        QHash<QString, NodeOverlay> states;
    };
    QHash<QString, OverlayLayer> m_overlays;
    QHash<QString, QPair<int, QHash<int, QColor>>> m_edgeOverlays; // layer -> (priority, edges)
    QColor m_base, m_text, m_accent;
    std::shared_ptr<layout::LayoutCache> m_cache;
    QThreadPool m_pool;      // one thread: Graphviz layouts run one at a time
    QThreadPool m_quickPool; // stacked layouts (no Graphviz) after a cancel
    QTimer m_coalesce;       // several change signals of one edit give one layout
    QTimer m_progressTimer;  // publishes the running layout's progress
    struct Progress
    {
        std::atomic_int done{0};
        std::atomic_int total{0};
        std::atomic_bool cancelled{false};
    };
    std::shared_ptr<Progress> m_job; // the running layout's
    double m_progress = 0;
    bool m_slow = false;
    QElapsedTimer m_started; // of the running layout
    quint64 m_generation = 0; // of the latest layout started; older results are dropped
    bool m_running = false;
    bool m_pending = false;
    bool m_stackOnly = false; // the user cancelled: lay out without Graphviz until layOut()
};

} // namespace sw::gui
