#include "diagramcontroller.h"

#include "documentcontroller.h"
#include "fontmetrics.h"
#include "layout.h"
#include "nodecontent.h"

#include "edit/layoutcommands.h"
#include "json/jsonwriter.h"

#include <QGuiApplication>
#include <QPalette>

namespace sw::gui {

namespace {

const asl::State *findState(const asl::StateMachine &m, const QString &pointer)
{
    for (const asl::State *s : m.allStates()) {
        if (s->pointer == pointer) return s;
    }
    return nullptr;
}

QString seconds(const Json &value, const Json &path)
{
    if (value.isNumber())
        return QStringLiteral("%1 s").arg(QString::fromUtf8(JsonWriter::formatDouble(value.toDouble())));
    if (value.isString()) return value.toString();
    if (path.isString()) return path.toString();
    return {};
}

QString stateTooltip(const asl::State &s)
{
    QStringList lines;
    lines << QStringLiteral("%1  (%2)")
                 .arg(s.name, s.typeName.isEmpty() ? QStringLiteral("no Type") : s.typeName);
    if (!s.comment.isEmpty()) lines << s.comment;
    if (!s.resource.isEmpty()) lines << QStringLiteral("Resource: %1").arg(s.resource);
    for (const asl::Retrier &r : s.retry) {
        QString line = QStringLiteral("Retry %1: up to %2 attempts, every %3 s x%4")
                           .arg(r.errorEquals.join(QStringLiteral(", ")))
                           .arg(r.maxAttempts)
                           .arg(r.intervalSeconds)
                           .arg(r.backoffRate);
        if (r.maxDelaySeconds) line += QStringLiteral(", max delay %1 s").arg(*r.maxDelaySeconds);
        if (!r.jitterStrategy.isEmpty()) line += QStringLiteral(", jitter %1").arg(r.jitterStrategy);
        lines << line;
    }
    for (const asl::Catcher &c : s.catchers)
        lines << QStringLiteral("Catch %1 \u2192 %2").arg(c.errorEquals.join(QStringLiteral(", ")), c.next);
    if (const QString t = seconds(s.timeoutSeconds, s.timeoutSecondsPath); !t.isEmpty())
        lines << QStringLiteral("Timeout: %1").arg(t);
    if (const QString h = seconds(s.heartbeatSeconds, s.heartbeatSecondsPath); !h.isEmpty())
        lines << QStringLiteral("Heartbeat: %1").arg(h);
    if (s.type == asl::StateType::Map) {
        const QString detail = layout::nodeContent(s).detail;
        lines << detail;
    }
    if (!s.next.isEmpty())
        lines << QStringLiteral("Next: %1").arg(s.next);
    else if (s.end)
        lines << QStringLiteral("End");
    return lines.join(QLatin1Char('\n'));
}

} // namespace

DiagramController::DiagramController(QObject *parent)
    : QObject(parent), m_cache(std::make_shared<layout::LayoutCache>())
{
    m_pool.setMaxThreadCount(1);
    m_pool.setStackSize(8 * 1024 * 1024); // layout recurses into nested machines (docs/limits.md)
    m_quickPool.setMaxThreadCount(1);
    m_quickPool.setStackSize(8 * 1024 * 1024);
    m_progressTimer.setInterval(100);
    connect(&m_progressTimer, &QTimer::timeout, this, [this] {
        if (!m_job) return;
        const int total = m_job->total.load();
        const double p = total > 0 ? double(m_job->done.load()) / total : 0;
        const bool slow = m_started.elapsed() >= 200;
        if (p != m_progress || slow != m_slow) {
            m_progress = p;
            m_slow = slow;
            emit layoutProgressChanged();
        }
    });
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(0);
    connect(&m_coalesce, &QTimer::timeout, this, [this] {
        if (m_running)
            m_pending = true;
        else
            startLayout();
    });
    const QPalette palette = QGuiApplication::palette();
    m_base = palette.color(QPalette::Base);
    m_text = palette.color(QPalette::Text);
    m_accent = palette.color(QPalette::Highlight);
    updateStyle();
}

DiagramController::~DiagramController()
{
    // A running layout posts its result to this object: let it finish before the object goes.
    m_pool.clear();
    if (m_job) m_job->cancelled = true;
    m_pool.waitForDone();
    m_quickPool.clear();
    m_quickPool.waitForDone();
}

void DiagramController::setDocument(DocumentController *document)
{
    if (document == m_document) return;
    if (m_document) disconnect(m_document->document(), nullptr, this, nullptr);
    m_document = document;
    if (m_document) {
        edit::Document *doc = m_document->document();
        connect(doc, &edit::Document::loaded, this, [this] {
            m_cache->clear();
            m_stackOnly = false; // a new document gets a real layout
            m_decorations.selected.clear();
            m_decorations.hovered.clear();
            emit selectionChanged();
            emit hoveredChanged();
        });
        connect(doc, &edit::Document::changed, this, &DiagramController::scheduleLayout);
        connect(doc, &edit::Document::pinsChanged, this, &DiagramController::scheduleLayout);
        scheduleLayout();
    }
    emit documentChanged();
}

int DiagramController::stateCount() const
{
    if (!m_scene) return 0;
    int n = 0;
    for (const layout::NodeGeometry &node : m_scene->geometry().nodes)
        n += node.kind == layout::NodeKind::State;
    return n;
}

bool DiagramController::hasPins() const
{
    return m_document && !m_document->document()->pins().isEmpty();
}

void DiagramController::scheduleLayout()
{
    const bool wasBusy = isBusy();
    m_coalesce.start();
    if (!wasBusy) emit busyChanged();
}

void DiagramController::startLayout()
{
    if (!m_document || !m_document->document()->asl().parsed) {
        const bool had = m_scene != nullptr;
        m_scene.reset();
        if (had) emit sceneChanged();
        emit busyChanged();
        return;
    }
    const edit::Document *doc = m_document->document();
    m_running = true;
    const quint64 generation = ++m_generation;
    auto job = std::make_shared<Progress>();
    m_job = job;
    if (m_progress != 0) {
        m_progress = 0;
        emit layoutProgressChanged();
    }
    if (!m_slow) m_started.start(); // a layout that follows a slow one stays "slow"
    m_progressTimer.start();
    QThreadPool &pool = m_stackOnly ? m_quickPool : m_pool;
    pool.start([this, machine = doc->machine(), pins = doc->pins(), style = m_style, cache = m_cache, job,
                generation, stackOnly = m_stackOnly] {
        const render::FontTextMetrics metrics(style);
        layout::Options options;
        options.metrics = &metrics;
        options.pins = pins;
        options.cache = cache.get();
        options.stackOnly = stackOnly;
        options.progress = [job](int done, int total) {
            job->done = done;
            job->total = total;
            return !job->cancelled.load();
        };
        auto scene = std::make_shared<const render::DiagramScene>(layout::layoutMachine(machine, options));
        QMetaObject::invokeMethod(
            this, [this, scene, generation] { applyScene(scene, generation); }, Qt::QueuedConnection);
    });
}

void DiagramController::cancelLayout()
{
    if (!isBusy() || m_stackOnly) return;
    if (m_job) m_job->cancelled = true;
    m_coalesce.stop();
    m_stackOnly = true;
    m_pending = false;
    startLayout(); // a stacked layout at once; the cancelled one's result is dropped
}

void DiagramController::layOut()
{
    if (!m_stackOnly) return;
    m_stackOnly = false;
    scheduleLayout();
}

void DiagramController::applyScene(const render::SceneHandle &scene, quint64 generation)
{
    if (generation != m_generation) return; // cancelled: a newer layout is running
    m_running = false;
    m_job.reset();
    m_progressTimer.stop();
    // The previous scene is freed on a worker (tens of ms for thousands of states) unless a view
    // still holds it.
    if (m_scene) QThreadPool::globalInstance()->start([old = std::move(m_scene)]() mutable { old.reset(); });
    if (m_progress != 1 || m_slow) {
        m_progress = 1;
        m_slow = false;
        emit layoutProgressChanged();
    }
    m_scene = scene;
    m_edgeOverlays.clear();
    m_decorations.edgeTint.clear();
    pruneSelection();
    emit sceneChanged();
    if (m_pending) {
        m_pending = false;
        startLayout();
    } else {
        emit busyChanged();
    }
}

void DiagramController::pruneSelection()
{
    QSet<QString> kept;
    for (const QString &id : std::as_const(m_decorations.selected)) {
        if (m_scene && m_scene->geometry().node(id)) kept.insert(id);
    }
    if (kept != m_decorations.selected) {
        m_decorations.selected = kept;
        emit selectionChanged();
    }
}

void DiagramController::updateStyle()
{
    m_style = render::DiagramStyle::fromPalette(m_base, m_text, m_accent);
    emit styleChanged();
}

void DiagramController::setBackgroundColor(const QColor &c)
{
    if (c == m_base) return;
    m_base = c;
    updateStyle();
}

void DiagramController::setTextColor(const QColor &c)
{
    if (c == m_text) return;
    m_text = c;
    updateStyle();
}

void DiagramController::setAccentColor(const QColor &c)
{
    if (c == m_accent) return;
    m_accent = c;
    updateStyle();
}

QStringList DiagramController::selection() const
{
    QStringList ids(m_decorations.selected.cbegin(), m_decorations.selected.cend());
    std::sort(ids.begin(), ids.end());
    return ids;
}

void DiagramController::setHovered(const QString &id)
{
    if (id == m_decorations.hovered) return;
    const QString previous = m_decorations.hovered;
    m_decorations.hovered = id;
    emit hoveredChanged();
    emit decorationsChanged({previous, id});
}

void DiagramController::setOverlay(const QString &layer, const QHash<QString, NodeOverlay> &states,
                                   int priority)
{
    OverlayLayer &l = m_overlays[layer];
    l.priority = priority;
    l.states = states;
    mergeOverlays();
}

void DiagramController::setOverlay(const QString &layer, const QVariantMap &states, int priority)
{
    QHash<QString, NodeOverlay> converted;
    for (auto it = states.cbegin(); it != states.cend(); ++it) {
        const QVariantMap m = it.value().toMap();
        NodeOverlay o;
        if (m.contains(QStringLiteral("tint"))) o.tint = m.value(QStringLiteral("tint")).value<QColor>();
        o.caption = m.value(QStringLiteral("caption")).toString();
        if (m.contains(QStringLiteral("progress"))) o.progress = m.value(QStringLiteral("progress")).toReal();
        converted.insert(it.key(), o);
    }
    setOverlay(layer, converted, priority);
}

void DiagramController::clearOverlay(const QString &layer)
{
    if (m_overlays.remove(layer)) mergeOverlays();
}

void DiagramController::mergeOverlays()
{
    std::vector<const OverlayLayer *> layers;
    for (const OverlayLayer &l : std::as_const(m_overlays)) layers.push_back(&l);
    std::stable_sort(layers.begin(), layers.end(),
                     [](const OverlayLayer *a, const OverlayLayer *b) { return a->priority < b->priority; });
    QHash<QString, QColor> tint;
    QHash<QString, QString> caption;
    QHash<QString, qreal> progress;
    for (const OverlayLayer *l : layers) { // lowest first: higher priorities overwrite
        for (auto it = l->states.cbegin(); it != l->states.cend(); ++it) {
            if (it->tint.isValid()) tint.insert(it.key(), it->tint);
            if (!it->caption.isEmpty()) caption.insert(it.key(), it->caption);
            if (it->progress >= 0) progress.insert(it.key(), it->progress);
        }
    }
    QSet<QString> changed;
    const auto diff = [&changed](const auto &before, const auto &after) {
        for (auto it = before.cbegin(); it != before.cend(); ++it) {
            const auto o = after.constFind(it.key());
            if (o == after.cend() || !(*o == *it)) changed.insert(it.key());
        }
        for (auto it = after.cbegin(); it != after.cend(); ++it) {
            if (!before.contains(it.key())) changed.insert(it.key());
        }
    };
    diff(m_decorations.tint, tint);
    diff(m_decorations.caption, caption);
    diff(m_decorations.progress, progress);
    if (changed.isEmpty()) return;
    m_decorations.tint = std::move(tint);
    m_decorations.caption = std::move(caption);
    m_decorations.progress = std::move(progress);
    emit decorationsChanged(QStringList(changed.cbegin(), changed.cend()));
}

void DiagramController::setEdgeOverlay(const QString &layer, const QHash<int, QColor> &edges, int priority)
{
    m_edgeOverlays[layer] = {priority, edges};
    mergeEdgeOverlays();
}

void DiagramController::clearEdgeOverlay(const QString &layer)
{
    if (m_edgeOverlays.remove(layer)) mergeEdgeOverlays();
}

void DiagramController::mergeEdgeOverlays()
{
    std::vector<const QPair<int, QHash<int, QColor>> *> layers;
    for (const auto &l : std::as_const(m_edgeOverlays)) layers.push_back(&l);
    std::stable_sort(layers.begin(), layers.end(), [](const auto *a, const auto *b) { return a->first < b->first; });
    QHash<int, QColor> merged;
    for (const auto *l : layers) {
        for (auto it = l->second.cbegin(); it != l->second.cend(); ++it) merged.insert(it.key(), it.value());
    }
    if (merged == m_decorations.edgeTint) return;
    QStringList changed;
    for (auto it = merged.cbegin(); it != merged.cend(); ++it) {
        if (m_decorations.edgeTint.value(it.key()) != it.value()) changed << QStringLiteral("edge:%1").arg(it.key());
    }
    for (auto it = m_decorations.edgeTint.cbegin(); it != m_decorations.edgeTint.cend(); ++it) {
        if (!merged.contains(it.key())) changed << QStringLiteral("edge:%1").arg(it.key());
    }
    m_decorations.edgeTint = std::move(merged);
    emit decorationsChanged(changed);
}

void DiagramController::setSelection(const QSet<QString> &ids)
{
    if (ids == m_decorations.selected) return;
    QStringList changed;
    for (const QString &id : ids) {
        if (!m_decorations.selected.contains(id)) changed.append(id);
    }
    for (const QString &id : std::as_const(m_decorations.selected)) {
        if (!ids.contains(id)) changed.append(id);
    }
    m_decorations.selected = ids;
    emit selectionChanged();
    emit decorationsChanged(changed);
}

QString DiagramController::nodeAt(qreal x, qreal y) const
{
    if (!m_scene) return {};
    const int i = m_scene->nodeAt(QPointF(x, y));
    if (i < 0 || m_scene->geometry().nodes.at(i).kind != layout::NodeKind::State) return {};
    return m_scene->geometry().nodes.at(i).id;
}

QRectF DiagramController::nodeRect(const QString &id) const
{
    if (!m_scene) return {};
    const layout::NodeGeometry *n = m_scene->geometry().node(id);
    return n ? n->rect : QRectF();
}

QString DiagramController::tooltipAt(qreal x, qreal y) const
{
    if (!m_scene || !m_document) return {};
    const asl::StateMachine &machine = m_document->document()->machine();
    const QString id = nodeAt(x, y);
    if (!id.isEmpty()) {
        const layout::NodeGeometry *n = m_scene->geometry().node(id);
        // Over a composite, only its header shows the tooltip (its body holds other states).
        if (n && n->composite && !n->header.contains(QPointF(x, y))) return {};
        const asl::State *s = findState(machine, id);
        return s ? stateTooltip(*s) : QString();
    }
    const int e = m_scene->edgeAt(QPointF(x, y), 4);
    if (e < 0) return {};
    const layout::EdgeGeometry &edge = m_scene->geometry().edges.at(e);
    const layout::NodeGeometry *to = m_scene->geometry().node(edge.to);
    const QString target = to && !to->name.isEmpty() ? to->name : to ? to->title : QString();
    switch (edge.kind) {
    case layout::EdgeKind::ChoiceRule:
        return QStringLiteral("Choice rule %1: %2 \u2192 %3")
            .arg(edge.id ? edge.id->index + 1 : 0)
            .arg(edge.label, target);
    case layout::EdgeKind::Default:
        return QStringLiteral("Default \u2192 %1").arg(target);
    case layout::EdgeKind::Catch:
        return QStringLiteral("Catch %1 \u2192 %2").arg(edge.label, target);
    case layout::EdgeKind::Next:
        return QStringLiteral("Next \u2192 %1").arg(target);
    case layout::EdgeKind::Start:
        return QStringLiteral("StartAt \u2192 %1").arg(target);
    case layout::EdgeKind::End:
        return QStringLiteral("End");
    }
    return {};
}

QVariantList DiagramController::selectionRects() const
{
    QVariantList out;
    if (!m_scene) return out;
    for (const QString &id : m_decorations.selected) {
        if (const layout::NodeGeometry *n = m_scene->geometry().node(id)) out.append(n->rect);
    }
    return out;
}

void DiagramController::select(const QString &id, bool toggle)
{
    QSet<QString> ids = toggle ? m_decorations.selected : QSet<QString>();
    if (!id.isEmpty()) {
        if (toggle && ids.contains(id))
            ids.remove(id);
        else
            ids.insert(id);
    }
    setSelection(ids);
}

void DiagramController::selectInRect(const QRectF &sceneRect, bool add)
{
    QSet<QString> ids = add ? m_decorations.selected : QSet<QString>();
    if (m_scene) {
        for (int i : m_scene->nodesInside(sceneRect.normalized())) {
            const layout::NodeGeometry &n = m_scene->geometry().nodes.at(i);
            if (n.kind == layout::NodeKind::State) ids.insert(n.id);
        }
    }
    setSelection(ids);
}

void DiagramController::selectAll()
{
    QSet<QString> ids;
    if (m_scene) {
        for (const layout::NodeGeometry &n : m_scene->geometry().nodes) {
            if (n.kind == layout::NodeKind::State) ids.insert(n.id);
        }
    }
    setSelection(ids);
}

void DiagramController::clearSelection()
{
    setSelection({});
}

void DiagramController::moveSelection(qreal dx, qreal dy)
{
    if (!m_scene || !m_document || (qFuzzyIsNull(dx) && qFuzzyIsNull(dy))) return;
    edit::Pins positions;
    for (const QString &id : std::as_const(m_decorations.selected)) {
        // A state inside a selected Parallel or Map moves with it.
        bool insideSelected = false;
        for (const QString &other : std::as_const(m_decorations.selected)) {
            if (other != id && id.startsWith(other + QLatin1Char('/'))) insideSelected = true;
        }
        const layout::NodeGeometry *n = m_scene->geometry().node(id);
        if (insideSelected || !n || n->kind != layout::NodeKind::State) continue;
        const QPointF p = n->rect.topLeft() + QPointF(dx, dy) - n->scopeOrigin;
        positions.insert(id, QPointF(qRound(p.x()), qRound(p.y())));
    }
    if (positions.isEmpty()) return;
    edit::Document *doc = m_document->document();
    doc->undoStack()->push(new edit::MoveStatesCommand(doc, positions));
}

void DiagramController::autoLayout()
{
    if (!m_document) return;
    edit::Document *doc = m_document->document();
    m_stackOnly = false;
    if (doc->pins().isEmpty())
        scheduleLayout();
    else
        doc->undoStack()->push(new edit::ClearPinsCommand(doc));
}

} // namespace sw::gui
