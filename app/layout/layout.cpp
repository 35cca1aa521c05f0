#include "layout.h"

#include "gvgraph.h"
#include "layoutlog.h"
#include "nodecontent.h"

#include "asl/edges.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QMutexLocker>
#include <QSet>

#include <graphviz/graphviz_version.h>

#include <algorithm>
#include <vector>

namespace sw::layout {

Q_LOGGING_CATEGORY(lcLayout, "stepwise.layout", QtWarningMsg)

using detail::Engine;
using detail::GvEdge;
using detail::GvGraph;
using detail::GvNode;
using detail::GvResult;

struct LayoutCache::Private
{
    mutable QMutex mutex;
    QHash<QByteArray, GvResult> results;
};

LayoutCache::LayoutCache() : d(std::make_unique<Private>()) {}
LayoutCache::~LayoutCache() = default;

void LayoutCache::clear()
{
    QMutexLocker lock(&d->mutex);
    d->results.clear();
}

int LayoutCache::size() const
{
    QMutexLocker lock(&d->mutex);
    return int(d->results.size());
}

namespace {

struct ScopeResult;

// A nested machine placed inside a composite node: its frame origin relative to the node's
// top-left corner.
struct Child
{
    std::shared_ptr<ScopeResult> scope;
    QPointF offset;
};

struct LocalNode
{
    NodeGeometry node;               // rect in the scope's frame
    std::vector<Child> children;     // Parallel branches / Map processor
    QList<ClusterGeometry> clusters; // rects relative to the node's top-left
};

struct ScopeResult
{
    std::vector<LocalNode> nodes;
    QList<EdgeGeometry> edges;
    QRectF content; // bounding box of everything, in the frame
};

QStringList nodeIds(const ScopeResult &s)
{
    QStringList out;
    for (const LocalNode &n : s.nodes)
        out.append(n.node.id);
    return out;
}

int edgeWeight(EdgeKind k)
{
    switch (k) {
    case EdgeKind::Start:
    case EdgeKind::Next:
        return 4;
    case EdgeKind::ChoiceRule:
    case EdgeKind::Default:
        return 2;
    case EdgeKind::Catch:
    case EdgeKind::End:
        return 1;
    }
    return 1;
}

EdgeKind kindOf(asl::EdgeKind k)
{
    switch (k) {
    case asl::EdgeKind::Start:
        return EdgeKind::Start;
    case asl::EdgeKind::Next:
        return EdgeKind::Next;
    case asl::EdgeKind::ChoiceRule:
        return EdgeKind::ChoiceRule;
    case asl::EdgeKind::Default:
        return EdgeKind::Default;
    case asl::EdgeKind::Catch:
        return EdgeKind::Catch;
    }
    return EdgeKind::Next;
}

QRectF routeBounds(const QList<QPointF> &points)
{
    if (points.isEmpty()) return {};
    qreal x0 = points.first().x(), x1 = x0, y0 = points.first().y(), y1 = y0;
    for (const QPointF &p : points) {
        x0 = std::min(x0, p.x());
        x1 = std::max(x1, p.x());
        y0 = std::min(y0, p.y());
        y1 = std::max(y1, p.y());
    }
    return QRectF(QPointF(x0, y0), QPointF(x1, y1));
}

int countStates(const asl::StateMachine &m)
{
    int n = int(m.states.size());
    for (const asl::State &s : m.states) {
        for (const asl::StateMachine &b : s.branches)
            n += countStates(b);
        if (s.itemProcessor()) n += countStates(*s.itemProcessor());
    }
    return n;
}

} // namespace

// Builds one Graphviz graph per machine, bottom-up, and flattens the results into a Geometry.
class Layouter
{
public:
    explicit Layouter(const Options &o) : m_options(o), m_metrics(o.metrics ? o.metrics : &m_fallback) {}

    std::shared_ptr<ScopeResult> scope(const asl::StateMachine &m);
    void flatten(const ScopeResult &s, QPointF origin, Geometry &out) const;
    QString error() const { return m_errors.join(QLatin1Char('\n')); }
    bool stacked() const { return m_stacked; }
    void setTotal(int states) { m_total = states; }

private:
    LocalNode stateNode(const asl::State &s, int depth);
    void composeParallel(const asl::State &s, LocalNode &ln, QSizeF header, int depth);
    void composeMap(const asl::State &s, LocalNode &ln, QSizeF header, int depth);
    LocalNode marker(const asl::StateMachine &m, NodeKind kind) const;
    GvResult run(const GvGraph &g, Engine engine);
    void applyPins(ScopeResult &r, GvGraph &g, GvResult &res, const QList<int> &pinned);

    const Options &m_options;
    ApproximateTextMetrics m_fallback;
    const TextMetrics *m_metrics;
    QStringList m_errors;
    int m_total = 0;        // states in the machine, nested ones included
    int m_done = 0;         // states of the graphs laid out (or stacked) so far
    bool m_stacked = false; // a graph was stacked (stackOnly, or cancelled through progress)
};

GvResult Layouter::run(const GvGraph &g, Engine engine)
{
    LayoutCache *cache = m_options.cache;
    QByteArray key;
    if (cache) {
        key = g.key() + (engine == Engine::Dot ? "|dot" : "|route");
        QMutexLocker lock(&cache->d->mutex);
        const auto it = cache->d->results.constFind(key);
        if (it != cache->d->results.constEnd()) return *it;
    }
    GvResult res = detail::runGraphviz(g, engine);
    if (cache && res.error.isEmpty()) {
        QMutexLocker lock(&cache->d->mutex);
        if (cache->d->results.size() > 512) cache->d->results.clear();
        cache->d->results.insert(key, res);
    }
    return res;
}

LocalNode Layouter::marker(const asl::StateMachine &m, NodeKind kind) const
{
    LocalNode ln;
    NodeGeometry &n = ln.node;
    n.kind = kind;
    n.scope = m.pointer;
    n.depth = m.depth;
    n.id = m.pointer + (kind == NodeKind::Start ? QStringLiteral("#start") : QStringLiteral("#end"));
    if (m.depth == 0) {
        n.title = kind == NodeKind::Start ? QStringLiteral("Start") : QStringLiteral("End");
        const QSizeF t = m_metrics->size(TextRole::Marker, n.title);
        n.rect = QRectF(0, 0, std::ceil(t.width() + 2 * box::markerPadX), box::markerPill);
    } else {
        n.rect = QRectF(0, 0, box::markerDot, box::markerDot);
    }
    n.header = n.rect;
    return ln;
}

void Layouter::composeParallel(const asl::State &s, LocalNode &ln, QSizeF header, int depth)
{
    const qreal pad = box::clusterPad;
    struct Frame
    {
        std::shared_ptr<ScopeResult> scope;
        QString label;
        QSizeF labelSize;
        QSizeF size;
    };
    std::vector<Frame> frames;
    qreal rowW = 0;
    qreal rowH = 0;
    for (size_t i = 0; i < s.branches.size(); ++i) {
        Frame f;
        f.scope = scope(s.branches[i]);
        f.label = QStringLiteral("Branch %1").arg(i + 1);
        f.labelSize = m_metrics->size(TextRole::ClusterLabel, f.label);
        const QSizeF cs = f.scope->content.size();
        f.size = QSizeF(std::max(cs.width(), f.labelSize.width()) + 2 * pad,
                        pad + f.labelSize.height() + box::branchLabelGap + cs.height() + pad);
        rowW += f.size.width() + (i > 0 ? box::branchGap : 0);
        rowH = std::max(rowH, f.size.height());
        frames.push_back(std::move(f));
    }
    const qreal w = std::ceil(std::max(header.width(), rowW + 2 * pad));
    const qreal h = std::ceil(header.height() + rowH + pad);
    ln.node.rect = QRectF(0, 0, w, h);
    ln.node.header = QRectF(0, 0, w, header.height());

    ClusterGeometry outer;
    outer.id = s.pointer;
    outer.owner = s.pointer;
    outer.kind = ClusterKind::Parallel;
    outer.label = s.name;
    outer.rect = ln.node.rect;
    outer.labelRect = QRectF(0, 0, w, header.height());
    outer.depth = depth;
    ln.clusters.append(outer);

    qreal x = (w - rowW) / 2;
    for (size_t i = 0; i < frames.size(); ++i) {
        const Frame &f = frames[i];
        const QRectF rect(x, header.height(), f.size.width(), rowH);
        ClusterGeometry c;
        c.id = s.branches[i].pointer;
        c.owner = s.pointer;
        c.kind = ClusterKind::Branch;
        c.label = f.label;
        c.rect = rect;
        c.labelRect = QRectF(rect.left() + pad, rect.top() + pad, f.labelSize.width(), f.labelSize.height());
        c.depth = depth + 1;
        c.members = nodeIds(*f.scope);
        ln.clusters[0].members += c.members;
        ln.clusters.append(c);
        const QSizeF cs = f.scope->content.size();
        const QPointF contentAt(rect.left() + (rect.width() - cs.width()) / 2,
                                c.labelRect.bottom() + box::branchLabelGap);
        ln.children.push_back(Child{f.scope, contentAt - f.scope->content.topLeft()});
        x += f.size.width() + box::branchGap;
    }
}

void Layouter::composeMap(const asl::State &s, LocalNode &ln, QSizeF header, int depth)
{
    const qreal pad = box::clusterPad;
    std::shared_ptr<ScopeResult> inner = scope(*s.itemProcessor());
    const QSizeF cs = inner->content.size();
    const qreal w = std::ceil(std::max(header.width(), cs.width() + 2 * pad));
    const qreal h = std::ceil(header.height() + cs.height() + pad);
    ln.node.rect = QRectF(0, 0, w, h);
    ln.node.header = QRectF(0, 0, w, header.height());
    ClusterGeometry c;
    c.id = s.pointer;
    c.owner = s.pointer;
    c.kind = ClusterKind::Map;
    c.label = s.name + QStringLiteral(" \u00b7 ") + ln.node.detail;
    c.rect = ln.node.rect;
    c.labelRect = QRectF(0, 0, w, header.height());
    c.depth = depth;
    c.members = nodeIds(*inner);
    ln.clusters.append(c);
    const QPointF contentAt((w - cs.width()) / 2, header.height());
    ln.children.push_back(Child{inner, contentAt - inner->content.topLeft()});
}

LocalNode Layouter::stateNode(const asl::State &s, int depth)
{
    LocalNode ln;
    NodeGeometry &n = ln.node;
    const NodeContent c = nodeContent(s);
    n.id = s.pointer;
    n.name = s.name;
    n.kind = NodeKind::State;
    n.type = s.type;
    n.depth = depth;
    n.title = c.title;
    n.detail = c.detail;
    n.badge = c.badge;
    const QSizeF header = nodeBoxSize(c, *m_metrics);
    n.rect = QRectF(QPointF(0, 0), header);
    n.header = n.rect;
    if (s.type == asl::StateType::Parallel && !s.branches.empty()) {
        n.composite = true;
        composeParallel(s, ln, header, depth);
    } else if (s.type == asl::StateType::Map && s.itemProcessor()) {
        n.composite = true;
        composeMap(s, ln, header, depth);
    }
    return ln;
}

std::shared_ptr<ScopeResult> Layouter::scope(const asl::StateMachine &m)
{
    auto r = std::make_shared<ScopeResult>();
    QHash<QString, int> row; // state name -> node row
    for (const asl::State &s : m.states) {
        row.insert(s.name, int(r->nodes.size()));
        r->nodes.push_back(stateNode(s, m.depth));
        r->nodes.back().node.scope = m.pointer;
    }
    const QList<asl::Edge> modelEdges = edgesOf(m);
    int startRow = -1;
    if (!m.startAt.isEmpty()) {
        startRow = int(r->nodes.size());
        r->nodes.push_back(marker(m, NodeKind::Start));
    }
    // Transitions to states that do not exist still get drawn, to a dashed placeholder.
    for (const asl::Edge &e : modelEdges) {
        if (row.contains(e.to)) continue;
        LocalNode ln;
        ln.node.kind = NodeKind::Missing;
        ln.node.id = m.pointer + QStringLiteral("#missing:") + e.to;
        ln.node.name = e.to;
        ln.node.scope = m.pointer;
        ln.node.depth = m.depth;
        ln.node.title = e.to;
        ln.node.detail = QStringLiteral("missing state");
        ln.node.rect = QRectF(QPointF(0, 0), nodeBoxSize(NodeContent{e.to, ln.node.detail, {}}, *m_metrics));
        ln.node.header = ln.node.rect;
        row.insert(e.to, int(r->nodes.size()));
        r->nodes.push_back(std::move(ln));
    }
    QList<int> terminals;
    for (const asl::State &s : m.states) {
        if (s.isTerminal()) terminals.append(row.value(s.name));
    }
    int endRow = -1;
    if (!terminals.isEmpty()) {
        endRow = int(r->nodes.size());
        r->nodes.push_back(marker(m, NodeKind::End));
    }

    GvGraph g;
    g.compact = int(r->nodes.size()) > m_options.compactAbove;
    // Nested machines sit inside a frame that already separates them: tighter ranks keep
    // Parallel and Map containers compact.
    g.ranksep = m.depth == 0 ? 0.4 : 0.3;
    for (size_t i = 0; i < r->nodes.size(); ++i) {
        GvNode gn;
        gn.size = r->nodes[i].node.rect.size();
        if (int(i) == startRow)
            gn.rank = GvNode::Rank::Source;
        else if (int(i) == endRow)
            gn.rank = GvNode::Rank::Sink;
        g.nodes.append(gn);
    }
    auto addEdge = [&](EdgeGeometry e, int tail, int head) {
        GvEdge ge;
        ge.tail = tail;
        ge.head = head;
        ge.weight = edgeWeight(e.kind);
        if (!e.label.isEmpty()) {
            const QSizeF t = m_metrics->size(TextRole::EdgeLabel, e.label);
            e.labelRect = QRectF(0, 0, std::ceil(t.width() + 2 * box::labelPad),
                                 std::ceil(t.height() + 2 * box::labelPad));
            ge.label = e.labelRect.size();
        }
        e.from = r->nodes[size_t(tail)].node.id;
        e.to = r->nodes[size_t(head)].node.id;
        e.scope = m.pointer;
        g.edges.append(ge);
        r->edges.append(e);
    };
    for (const asl::Edge &me : modelEdges) {
        EdgeGeometry e;
        e.id = me.id;
        e.kind = kindOf(me.id.kind);
        e.label = me.label;
        addEdge(e, me.id.kind == asl::EdgeKind::Start ? startRow : row.value(me.id.from), row.value(me.to));
    }
    for (int t : terminals) {
        EdgeGeometry e;
        e.kind = EdgeKind::End;
        addEdge(e, t, endRow);
    }

    const bool stack = m_options.stackOnly || m_stacked;
    GvResult res;
    if (!stack) res = run(g, Engine::Dot);
    m_done += int(m.states.size());
    if (!stack && m_options.progress && !m_options.progress(m_done, m_total)) m_stacked = true;
    if (stack || !res.error.isEmpty()) {
        if (stack)
            m_stacked = true;
        else
            m_errors.append(QStringLiteral("%1: %2").arg(m.pointer.isEmpty() ? QStringLiteral("/") : m.pointer,
                                                         res.error));
        // Stacked in columns, in the order of the definition, as many as make the grid about as
        // wide as a screen (16:10), so that a big machine still fits at a readable zoom.
        qreal cellW = 0;
        qreal cellH = 0;
        for (const LocalNode &ln : r->nodes) {
            cellW += ln.node.rect.width() + 48;
            cellH += ln.node.rect.height() + 24;
        }
        const qreal count = qreal(std::max<size_t>(r->nodes.size(), 1));
        const int kColumn =
            std::max(8, int(std::ceil(std::sqrt(count * (cellW / count) / ((cellH / count) * 1.6)))));
        qreal x = 0;
        qreal y = 0;
        qreal columnWidth = 0;
        int inColumn = 0;
        for (LocalNode &ln : r->nodes) {
            if (inColumn == kColumn) {
                x += columnWidth + 48;
                y = 0;
                columnWidth = 0;
                inColumn = 0;
            }
            ln.node.rect.moveTopLeft(QPointF(x, y));
            ln.node.header.moveTopLeft(ln.node.rect.topLeft());
            y += ln.node.rect.height() + 24;
            columnWidth = std::max(columnWidth, ln.node.rect.width());
            ++inColumn;
        }
        r->edges.clear();
    } else {
        QList<int> pinned;
        for (size_t i = 0; i < r->nodes.size(); ++i) {
            const NodeGeometry &n = r->nodes[i].node;
            if (n.kind == NodeKind::State && m_options.pins.contains(n.id)) pinned.append(int(i));
        }
        applyPins(*r, g, res, pinned);
    }

    QRectF content;
    for (const LocalNode &ln : r->nodes)
        content |= ln.node.rect;
    for (const EdgeGeometry &e : r->edges) {
        content |= routeBounds(e.points);
        if (!e.labelRect.isEmpty()) content |= e.labelRect;
    }
    r->content = content;
    return r;
}

// Converts Graphviz's frame (points, y up) to the scope frame (y down, origin at dot's top-left
// bounding-box corner) and, when states are pinned, moves them and re-routes the edges they touch
// with Graphviz's own router (nop2), keeping every other route exactly as dot made it.
void Layouter::applyPins(ScopeResult &r, GvGraph &g, GvResult &res, const QList<int> &pinned)
{
    const QRectF bb = res.bb;
    auto toFrame = [&bb](QPointF p) { return QPointF(p.x() - bb.left(), bb.bottom() - p.y()); };
    auto toGraphviz = [&bb](QPointF p) { return QPointF(p.x() + bb.left(), bb.bottom() - p.y()); };
    for (size_t i = 0; i < r.nodes.size(); ++i) {
        NodeGeometry &n = r.nodes[i].node;
        n.rect.moveCenter(toFrame(res.centres.at(qsizetype(i))));
        n.header.moveTopLeft(n.rect.topLeft());
    }
    auto setRoute = [&](EdgeGeometry &e, const detail::GvRoute &route) {
        e.points.clear();
        for (const QPointF &p : route.points)
            e.points.append(toFrame(p));
        e.arrowHead = route.arrowHead;
        e.arrowTip = toFrame(route.arrowTip);
        if (!e.labelRect.isEmpty()) {
            QPointF c = route.labelCentre ? toFrame(*route.labelCentre) : QPointF();
            if (!route.labelCentre && !e.points.isEmpty()) c = e.points.at(e.points.size() / 2);
            e.labelRect.moveCenter(c);
        }
    };
    for (qsizetype i = 0; i < r.edges.size(); ++i)
        setRoute(r.edges[i], res.routes.at(i));
    if (pinned.isEmpty()) return;

    QList<QRectF> moved;
    for (int i : pinned) {
        NodeGeometry &n = r.nodes[size_t(i)].node;
        n.rect.moveTopLeft(m_options.pins.value(n.id));
        n.header.moveTopLeft(n.rect.topLeft());
        n.pinned = true;
        moved.append(n.rect);
    }
    const QSet<int> pinnedSet(pinned.cbegin(), pinned.cend());
    QList<int> reroute; // edge rows
    for (qsizetype i = 0; i < r.edges.size(); ++i) {
        const GvEdge &ge = g.edges.at(i);
        bool touches = pinnedSet.contains(ge.tail) || pinnedSet.contains(ge.head);
        if (!touches) {
            const QList<QPointF> samples = sampleRoute(r.edges.at(i), 4);
            for (const QRectF &m : moved) {
                for (const QPointF &p : samples) {
                    if (m.contains(p)) {
                        touches = true;
                        break;
                    }
                }
                if (touches) break;
            }
        }
        if (touches) reroute.append(int(i));
    }
    if (reroute.isEmpty()) return;
    GvGraph rg;
    for (size_t i = 0; i < r.nodes.size(); ++i) {
        GvNode gn = g.nodes.at(qsizetype(i));
        gn.pos = toGraphviz(r.nodes[i].node.rect.center());
        gn.rank = GvNode::Rank::Free;
        rg.nodes.append(gn);
    }
    for (int i : reroute)
        rg.edges.append(g.edges.at(i));
    const GvResult routed = run(rg, Engine::Route);
    if (!routed.error.isEmpty()) {
        m_errors.append(routed.error);
        return;
    }
    for (qsizetype k = 0; k < reroute.size(); ++k)
        setRoute(r.edges[reroute.at(k)], routed.routes.at(k));
}

void Layouter::flatten(const ScopeResult &s, QPointF origin, Geometry &out) const
{
    for (const LocalNode &ln : s.nodes) {
        NodeGeometry n = ln.node;
        n.rect.translate(origin);
        n.header.translate(origin);
        n.scopeOrigin = origin;
        out.nodeIndex.insert(n.id, int(out.nodes.size()));
        out.nodes.append(n);
        for (ClusterGeometry c : ln.clusters) {
            c.rect.translate(n.rect.topLeft());
            c.labelRect.translate(n.rect.topLeft());
            out.clusters.append(c);
        }
        for (const Child &child : ln.children)
            flatten(*child.scope, n.rect.topLeft() + child.offset, out);
    }
    for (EdgeGeometry e : s.edges) {
        for (QPointF &p : e.points)
            p += origin;
        e.arrowTip += origin;
        if (!e.labelRect.isEmpty()) e.labelRect.translate(origin);
        out.edges.append(e);
    }
}

Geometry layoutMachine(const asl::StateMachine &machine, const Options &options)
{
    QElapsedTimer timer;
    timer.start();
    Layouter layouter(options);
    layouter.setTotal(countStates(machine));
    const std::shared_ptr<ScopeResult> top = layouter.scope(machine);
    Geometry g;
    const QPointF origin = QPointF(options.margin, options.margin) - top->content.topLeft();
    layouter.flatten(*top, origin, g);
    g.bounds = QRectF(0, 0, std::ceil(top->content.width() + 2 * options.margin),
                      std::ceil(top->content.height() + 2 * options.margin));
    g.error = layouter.error();
    g.stacked = layouter.stacked();
    g.elapsedMs = double(timer.nsecsElapsed()) / 1e6;
    qCDebug(lcLayout) << "laid out" << g.nodes.size() << "nodes," << g.edges.size() << "edges in"
                      << g.elapsedMs << "ms";
    return g;
}

QString graphvizVersion()
{
    return QStringLiteral(PACKAGE_VERSION);
}

} // namespace sw::layout
