#include "gvgraph.h"

#include "layoutlog.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QMutexLocker>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <cmath>

// Graphviz 2.42/2.43's dot starts delete_fast_node (lib/dotgen/fastgr.c) with
// `assert(find_fast_node(g, n))`, a linear walk of the graph's whole node list, and Debian builds
// it with assertions on. concentrate=true (our compact mode) deletes a virtual node for every
// merge, so big graphs paid O(n^2): two thirds of the layout time of a 4000-state machine. This
// definition, exported from the executable (see CMakeLists.txt), is found before the plugin's own
// by the dynamic linker (the plugin calls it through its PLT); it unlinks the node exactly as the
// original does, without the walk. CMake defines SW_INTERPOSE_DELETE_FAST_NODE only for the
// Graphviz versions whose node list this is written against.
#if defined(SW_INTERPOSE_DELETE_FAST_NODE)
extern "C" __attribute__((visibility("default"))) void delete_fast_node(graph_t *g, node_t *n)
{
    if (ND_next(n)) ND_prev(ND_next(n)) = ND_prev(n);
    if (ND_prev(n))
        ND_next(ND_prev(n)) = ND_next(n);
    else
        GD_nlist(g) = ND_next(n);
}
#endif

namespace sw::layout::detail {

namespace {

QMutex &graphvizMutex()
{
    static QMutex m;
    return m;
}

// Graphviz reports problems through a process-wide callback; it runs under graphvizMutex().
QString *g_messages = nullptr;
int collectMessage(char *text)
{
    if (g_messages) g_messages->append(QString::fromLocal8Bit(text));
    return 0;
}

GVC_t *context()
{
    static GVC_t *gvc = [] {
        agseterrf(&collectMessage);
        agseterr(AGERR); // warnings (e.g. "using straight lines" for overlaps) are not errors here
        return gvContext();
    }();
    return gvc;
}

QByteArray num(qreal v)
{
    return QByteArray::number(v, 'f', 4);
}

char *cstr(const char *s)
{
    return const_cast<char *>(s);
}

// Owns one cgraph graph and frees its layout and memory on every path out.
class Graph
{
public:
    explicit Graph(GVC_t *gvc) : m_gvc(gvc), m_g(agopen(cstr("g"), Agdirected, nullptr)) {}
    ~Graph()
    {
        if (m_laidOut) gvFreeLayout(m_gvc, m_g);
        agclose(m_g);
    }
    Graph(const Graph &) = delete;
    Graph &operator=(const Graph &) = delete;

    Agraph_t *g() const { return m_g; }
    Agsym_t *attr(int kind, const char *name, const char *def)
    {
        return agattr(m_g, kind, cstr(name), cstr(def));
    }
    int layout(const char *engine)
    {
        const int rc = gvLayout(m_gvc, m_g, engine);
        m_laidOut = rc == 0;
        return rc;
    }

private:
    GVC_t *m_gvc;
    Agraph_t *m_g;
    bool m_laidOut = false;
};

// An empty HTML table of a fixed size: Graphviz reserves exactly this box for the label, and the
// renderer draws our own text into it (Graphviz's font metrics would differ from ours).
QByteArray labelTable(QSizeF size)
{
    return "<TABLE FIXEDSIZE=\"TRUE\" WIDTH=\"" + QByteArray::number(int(std::ceil(size.width()))) +
           "\" HEIGHT=\"" + QByteArray::number(int(std::ceil(size.height()))) +
           "\" BORDER=\"0\" CELLBORDER=\"0\" CELLPADDING=\"0\" CELLSPACING=\"0\"><TR><TD></TD></TR></TABLE>";
}

void appendBezier(GvRoute &route, const bezier &bz)
{
    if (bz.size <= 0) return;
    const QPointF first(bz.list[0].x, bz.list[0].y);
    if (route.points.isEmpty()) {
        route.points.append(first);
    } else if (route.points.last() != first) {
        // Splines of one edge normally join; bridge a gap with a straight cubic to keep p0 + 3n.
        const QPointF a = route.points.last();
        route.points.append(a + (first - a) / 3);
        route.points.append(a + (first - a) * 2 / 3);
        route.points.append(first);
    }
    if (bz.sflag && route.points.size() == 1) route.startTip = QPointF(bz.sp.x, bz.sp.y);
    for (int i = 1; i < bz.size; ++i)
        route.points.append(QPointF(bz.list[i].x, bz.list[i].y));
    if (bz.eflag) {
        route.arrowHead = true;
        route.arrowTip = QPointF(bz.ep.x, bz.ep.y);
    }
}

bool near(QPointF a, QPointF b)
{
    return std::abs(a.x() - b.x()) < 0.6 && std::abs(a.y() - b.y()) < 0.6;
}

void appendStraight(QList<QPointF> &points, QPointF to)
{
    const QPointF a = points.last();
    points.append(a + (to - a) / 3);
    points.append(a + (to - a) * 2 / 3);
    points.append(to);
}

// With concentrate=true dot merges edges that run together: a merged edge's own spline stops
// where it joins the shared trunk (or starts where it leaves it), and parallel edges with the
// same ends get no spline at all. Each route is completed with the part of the trunk it shares,
// taken from the edge Graphviz drew it with, so every route runs from its tail to its head.
void completeConcentratedRoutes(const GvGraph &spec, GvResult &result)
{
    QList<GvRoute> &routes = result.routes;
    auto nodeBox = [&](int n) {
        const QSizeF s = spec.nodes.at(n).size;
        return QRectF(result.centres.at(n) - QPointF(s.width() / 2, s.height() / 2), s);
    };
    auto touches = [](const QRectF &box, QPointF p) { return box.adjusted(-2, -2, 2, 2).contains(p); };
    for (qsizetype i = 0; i < routes.size(); ++i) {
        if (!routes.at(i).points.isEmpty()) continue;
        const GvEdge &e = spec.edges.at(i);
        const auto label = routes.at(i).labelCentre;
        for (qsizetype j = 0; j < routes.size(); ++j) {
            const GvEdge &o = spec.edges.at(j);
            const GvRoute &other = routes.at(j);
            if (j == i || other.points.isEmpty()) continue;
            if (o.tail == e.tail && o.head == e.head) {
                routes[i] = other;
            } else if (o.tail == e.head && o.head == e.tail && other.startTip) {
                // The reverse edge's spline, walked backwards, ends in its start arrow.
                GvRoute r;
                r.points = QList<QPointF>(other.points.crbegin(), other.points.crend());
                r.arrowHead = true;
                r.arrowTip = *other.startTip;
                if (other.arrowHead) r.startTip = other.arrowTip;
                routes[i] = r;
            } else {
                continue;
            }
            routes[i].labelCentre = label;
            break;
        }
    }
    // Our routes carry only their own arrowhead: a start arrow belongs to a reverse edge, so the
    // route is extended to the tip, where the tail's border is.
    for (GvRoute &r : routes) {
        if (!r.startTip || r.points.isEmpty()) continue;
        QList<QPointF> points{*r.startTip};
        appendStraight(points, r.points.first());
        r.points = points + r.points.mid(1);
        r.startTip.reset();
    }
    for (int pass = 0; pass < 8; ++pass) {
        bool changed = false;
        for (qsizetype i = 0; i < routes.size(); ++i) {
            GvRoute &r = routes[i];
            const GvEdge &e = spec.edges.at(i);
            if (r.points.isEmpty()) continue;
            if (!r.arrowHead && !touches(nodeBox(e.head), r.points.last())) {
                for (qsizetype j = 0; j < routes.size() && !r.arrowHead; ++j) {
                    const GvRoute &o = routes.at(j);
                    if (j == i || spec.edges.at(j).head != e.head || !o.arrowHead) continue;
                    for (qsizetype k = 0; k < o.points.size(); ++k) {
                        if (!near(o.points.at(k), r.points.last())) continue;
                        qsizetype b = ((k + 2) / 3) * 3;
                        if (b != k) appendStraight(r.points, o.points.at(b));
                        r.points += o.points.mid(b + 1);
                        r.arrowHead = true;
                        r.arrowTip = o.arrowTip;
                        changed = true;
                        break;
                    }
                }
            }
            if (!touches(nodeBox(e.tail), r.points.first())) {
                for (qsizetype j = 0; j < routes.size(); ++j) {
                    const GvRoute &o = routes.at(j);
                    if (j == i || spec.edges.at(j).tail != e.tail || o.points.isEmpty() ||
                        !touches(nodeBox(e.tail), o.points.first()))
                        continue;
                    qsizetype k = 0;
                    while (k < o.points.size() && !near(o.points.at(k), r.points.first()))
                        ++k;
                    if (k == o.points.size()) continue;
                    const qsizetype b = (k / 3) * 3;
                    QList<QPointF> joined = o.points.mid(0, b + 1);
                    if (b != k) appendStraight(joined, r.points.first());
                    joined += r.points.mid(1);
                    r.points = joined;
                    changed = true;
                    break;
                }
            }
        }
        if (!changed) break;
    }
}
} // namespace

QByteArray GvGraph::key() const
{
    QByteArray k = num(nodesep) + ' ' + num(ranksep) + (compact ? " C" : " F") + '\n';
    for (const GvNode &n : nodes) {
        k += num(n.size.width()) + ',' + num(n.size.height()) + ',' + QByteArray::number(int(n.rank));
        if (n.pos) k += '@' + num(n.pos->x()) + ',' + num(n.pos->y());
        k += ';';
    }
    k += '\n';
    for (const GvEdge &e : edges) {
        k += QByteArray::number(e.tail) + '>' + QByteArray::number(e.head) + ',' + num(e.label.width()) +
             ',' + num(e.label.height()) + ',' + QByteArray::number(e.weight) + ',' +
             QByteArray::number(e.minlen) + ';';
    }
    return k;
}

GvResult runGraphviz(const GvGraph &spec, Engine engine)
{
    QMutexLocker lock(&graphvizMutex());
    QElapsedTimer timer;
    timer.start();
    GvResult result;
    QString messages;
    g_messages = &messages;
    GVC_t *gvc = context();
    {
        Graph graph(gvc);
        Agraph_t *g = graph.g();
        graph.attr(AGRAPH, "rankdir", "TB");
        graph.attr(AGRAPH, "nodesep", num(spec.nodesep).constData());
        graph.attr(AGRAPH, "ranksep", num(spec.ranksep).constData());
        graph.attr(AGRAPH, "splines", "spline");
        if (engine == Engine::Route) graph.attr(AGRAPH, "notranslate", "true");
        const bool compact = engine == Engine::Dot && spec.compact;
        if (compact) {
            // Measured in benchmarks/layout (docs/canvas.md). nslimit is avoided: with it, dot 2.43
            // crashes on some big graphs.
            graph.attr(AGRAPH, "concentrate", "true");
            graph.attr(AGRAPH, "forcelabels", "true");
            graph.attr(AGRAPH, "mclimit", "0.3");
        }
        graph.attr(AGNODE, "shape", "box");
        graph.attr(AGNODE, "fixedsize", "true");
        graph.attr(AGNODE, "label", "");
        Agsym_t *width = graph.attr(AGNODE, "width", "1");
        Agsym_t *height = graph.attr(AGNODE, "height", "0.5");
        Agsym_t *pos = graph.attr(AGNODE, "pos", "");
        Agsym_t *label = graph.attr(AGEDGE, compact ? "xlabel" : "label", "");
        Agsym_t *weight = graph.attr(AGEDGE, "weight", "1");
        Agsym_t *minlen = graph.attr(AGEDGE, "minlen", "1");
        graph.attr(AGEDGE, "arrowsize", "0.8");

        QList<Agnode_t *> nodes;
        nodes.reserve(spec.nodes.size());
        Agraph_t *source = nullptr;
        Agraph_t *sink = nullptr;
        for (qsizetype i = 0; i < spec.nodes.size(); ++i) {
            const GvNode &n = spec.nodes.at(i);
            const QByteArray name = 'n' + QByteArray::number(i);
            Agnode_t *an = agnode(g, const_cast<char *>(name.constData()), 1);
            agxset(an, width, const_cast<char *>(num(n.size.width() / 72.0).constData()));
            agxset(an, height, const_cast<char *>(num(n.size.height() / 72.0).constData()));
            if (n.pos) {
                const QByteArray p = num(n.pos->x()) + ',' + num(n.pos->y()) + '!';
                agxset(an, pos, const_cast<char *>(p.constData()));
            }
            if (n.rank != GvNode::Rank::Free && engine == Engine::Dot) {
                Agraph_t *&sub = n.rank == GvNode::Rank::Source ? source : sink;
                if (!sub) {
                    sub = agsubg(g, cstr(n.rank == GvNode::Rank::Source ? "rank_source" : "rank_sink"), 1);
                    agsafeset(sub, cstr("rank"), cstr(n.rank == GvNode::Rank::Source ? "source" : "sink"),
                              cstr(""));
                }
                agsubnode(sub, an, 1);
            }
            nodes.append(an);
        }
        QList<Agedge_t *> edges;
        edges.reserve(spec.edges.size());
        for (const GvEdge &e : spec.edges) {
            Agedge_t *ae = agedge(g, nodes.at(e.tail), nodes.at(e.head), nullptr, 1);
            if (!e.label.isEmpty()) {
                QByteArray table = labelTable(e.label);
                // The attribute keeps this very string without a reference of its own (2.43):
                // freeing it here is a use-after-free. agclose() frees it with the graph.
                agxset(ae, label, agstrdup_html(g, table.data()));
            }
            if (e.weight != 1)
                agxset(ae, weight, const_cast<char *>(QByteArray::number(e.weight).constData()));
            if (e.minlen != 1)
                agxset(ae, minlen, const_cast<char *>(QByteArray::number(e.minlen).constData()));
            edges.append(ae);
        }

        if (graph.layout(engine == Engine::Dot ? "dot" : "nop2") != 0) {
            result.error = messages.isEmpty() ? QStringLiteral("Graphviz layout failed") : messages.trimmed();
        } else {
            const boxf bb = GD_bb(g);
            result.bb = QRectF(QPointF(bb.LL.x, bb.LL.y), QPointF(bb.UR.x, bb.UR.y));
            result.centres.reserve(nodes.size());
            for (Agnode_t *an : nodes)
                result.centres.append(QPointF(ND_coord(an).x, ND_coord(an).y));
            result.routes.reserve(edges.size());
            for (Agedge_t *ae : edges) {
                GvRoute route;
                if (const splines *spl = ED_spl(ae)) {
                    for (int i = 0; i < spl->size; ++i)
                        appendBezier(route, spl->list[i]);
                }
                const textlabel_t *l = compact ? ED_xlabel(ae) : ED_label(ae);
                if (l && l->set) route.labelCentre = QPointF(l->pos.x, l->pos.y);
                result.routes.append(route);
            }
            if (compact) completeConcentratedRoutes(spec, result);
        }
    }
    g_messages = nullptr;
    qCDebug(lcLayout) << (engine == Engine::Dot ? "dot" : "nop2") << spec.nodes.size() << "nodes"
                      << spec.edges.size() << "edges" << double(timer.nsecsElapsed()) / 1e6 << "ms";
    if (!messages.trimmed().isEmpty()) qCDebug(lcLayout).noquote() << "graphviz:" << messages.trimmed();
    return result;
}

} // namespace sw::layout::detail
