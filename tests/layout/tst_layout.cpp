// Geometry invariants of the layer-wise Graphviz layout on real definitions: every state has a
// node, every transition of the model (edgesOf) has a route whose ends touch its two nodes, every
// Parallel branch and Map has a cluster that contains its members, and no two unrelated nodes
// overlap. Pins move nodes and re-route their edges. Expected values come from the definitions
// and the ASL rules, never from a previous run of the layout.
#include "shared.h"

#include "asl/asldocument.h"
#include "asl/edges.h"
#include "layout.h"
#include "nodecontent.h"

#include <QDirIterator>
#include <QFile>
#include <QLineF>
#include <QTest>

using namespace sw;

namespace {

constexpr qreal kTouch = 2.5; // Graphviz clips routes at the node border; allow rounding

asl::AslDocument load(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return asl::AslDocument::fromText(f.readAll());
}

// Distance from a point to the border of a rectangle (0 on the border).
qreal borderDistance(QPointF p, const QRectF &r)
{
    const qreal dx = std::max({r.left() - p.x(), 0.0, p.x() - r.right()});
    const qreal dy = std::max({r.top() - p.y(), 0.0, p.y() - r.bottom()});
    if (dx > 0 || dy > 0) return std::hypot(dx, dy);
    return std::min({p.x() - r.left(), r.right() - p.x(), p.y() - r.top(), r.bottom() - p.y()});
}

QPointF routeEnd(const layout::EdgeGeometry &e)
{
    return e.arrowHead ? e.arrowTip : e.points.last();
}

void collectMachines(const asl::StateMachine &m, QList<const asl::StateMachine *> &out)
{
    out.append(&m);
    for (const asl::State &s : m.states) {
        for (const asl::StateMachine &b : s.branches)
            collectMachines(b, out);
        for (const asl::StateMachine &p : s.processor)
            collectMachines(p, out);
    }
}

bool isAncestor(const layout::NodeGeometry &a, const layout::NodeGeometry &b)
{
    // A composite's id prefixes the ids (and scopes) of everything nested in it.
    return a.composite && (b.scope == a.id || b.scope.startsWith(a.id + QLatin1Char('/')));
}

// Every fixture twice: as laid out normally, and in the compact mode big graphs get.
void addRow(const QString &name, const QString &path)
{
    QTest::newRow(qPrintable(name)) << path << false;
    QTest::newRow(qPrintable(name + QStringLiteral(" (compact)"))) << path << true;
}

void addFixtureRows()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("compact");
    QDirIterator examples(sourceDir() + QStringLiteral("/resources/examples"), {QStringLiteral("*.json")});
    while (examples.hasNext()) {
        const QString p = examples.next();
        addRow(QStringLiteral("examples/") + QFileInfo(p).fileName(), p);
    }
    const QString shared = sharedDir();
    if (shared.isEmpty()) return;
    for (const QString &dir :
         {QStringLiteral("/corpus/real-world"), QStringLiteral("/corpus/validation/valid")}) {
        QDirIterator it(shared + dir, {QStringLiteral("*.json")});
        while (it.hasNext()) {
            const QString p = it.next();
            if (p.endsWith(QLatin1String("sources.json")) || p.endsWith(QLatin1String("manifest.json")))
                continue;
            addRow(dir.mid(8) + QLatin1Char('/') + QFileInfo(p).fileName(), p);
        }
    }
}

} // namespace

class TestLayout : public QObject
{
    Q_OBJECT

private slots:
    void invariants_data() { addFixtureRows(); }
    void invariants();
    void labelsAndMarkers();
    void pinsMoveNodesAndRerouteEdges();
    void deterministicAndCached();
    void missingTargetsGetPlaceholders();
    void compactModeKeepsInvariants();
    void progressAndCancel();
};

void TestLayout::invariants()
{
    QFETCH(QString, path);
    QFETCH(bool, compact);
    const asl::AslDocument doc = load(path);
    if (!doc.parsed || doc.machine.states.empty()) QSKIP("not a definition with states");
    layout::Options options;
    if (compact) options.compactAbove = 0;
    const layout::Geometry g = layout::layoutMachine(doc.machine, options);
    QVERIFY2(g.error.isEmpty(), qPrintable(g.error));

    // Every state has exactly one node, of its type, inside the bounds.
    const QList<const asl::State *> states = doc.machine.allStates();
    for (const asl::State *s : states) {
        const layout::NodeGeometry *n = g.node(s->pointer);
        QVERIFY2(n, qPrintable(QStringLiteral("no node for ") + s->pointer));
        QVERIFY(n->kind == layout::NodeKind::State);
        QVERIFY(n->type == s->type);
        QCOMPARE(n->name, s->name);
        QVERIFY(g.bounds.contains(n->rect));
    }

    // Every transition of every machine has one route whose ends touch its two nodes.
    QList<const asl::StateMachine *> machines;
    collectMachines(doc.machine, machines);
    QHash<asl::EdgeId, const layout::EdgeGeometry *> routes;
    for (const layout::EdgeGeometry &e : g.edges) {
        if (e.id) {
            QVERIFY2(!routes.contains(*e.id), "two routes for one transition");
            routes.insert(*e.id, &e);
        }
    }
    int transitions = 0;
    for (const asl::StateMachine *m : machines) {
        for (const asl::Edge &edge : asl::edgesOf(*m)) {
            ++transitions;
            const layout::EdgeGeometry *e = routes.value(edge.id);
            const QString what =
                QStringLiteral("%1 %2 -> %3").arg(asl::toString(edge.id.kind), edge.id.from, edge.to);
            QVERIFY2(e, qPrintable(QStringLiteral("no route for ") + what));
            QVERIFY2(e->points.size() >= 4 && (e->points.size() - 1) % 3 == 0, qPrintable(what));
            const layout::NodeGeometry *from = g.node(e->from);
            const layout::NodeGeometry *to = g.node(e->to);
            QVERIFY(from && to);
            if (edge.id.kind == asl::EdgeKind::Start)
                QVERIFY(from->kind == layout::NodeKind::Start);
            else
                QCOMPARE(from->name, edge.id.from);
            QCOMPARE(to->name, edge.to);
            QVERIFY2(borderDistance(e->points.first(), from->rect) <= kTouch,
                     qPrintable(QStringLiteral("route of %1 starts %2 away from its state")
                                    .arg(what)
                                    .arg(borderDistance(e->points.first(), from->rect))));
            QVERIFY2(borderDistance(routeEnd(*e), to->rect) <= kTouch,
                     qPrintable(QStringLiteral("route of %1 ends %2 away from its target")
                                    .arg(what)
                                    .arg(borderDistance(routeEnd(*e), to->rect))));
            for (const QPointF &p : e->points)
                QVERIFY(g.bounds.contains(p));
        }
    }
    QCOMPARE(routes.size(), transitions);

    // A cluster for every Parallel (and each of its branches) and every Map, holding its members.
    int expectedClusters = 0;
    for (const asl::State *s : states) {
        if (s->type == asl::StateType::Parallel && !s->branches.empty())
            expectedClusters += 1 + int(s->branches.size());
        if (s->type == asl::StateType::Map && s->itemProcessor()) expectedClusters += 1;
    }
    QCOMPARE(int(g.clusters.size()), expectedClusters);
    for (const layout::ClusterGeometry &c : g.clusters) {
        QVERIFY(!c.label.isEmpty());
        QVERIFY(!c.members.isEmpty());
        for (const QString &id : c.members) {
            const layout::NodeGeometry *n = g.node(id);
            QVERIFY(n);
            QVERIFY2(c.rect.adjusted(-0.5, -0.5, 0.5, 0.5).contains(n->rect),
                     qPrintable(QStringLiteral("%1 outside cluster %2").arg(id, c.id)));
        }
        if (c.kind == layout::ClusterKind::Map) {
            const asl::State *s = nullptr;
            for (const asl::State *x : states)
                s = x->pointer == c.owner ? x : s;
            QVERIFY(s);
            if (s->maxConcurrency.isNumber() && s->maxConcurrency.toInteger() > 0)
                QVERIFY2(
                    c.label.contains(QStringLiteral("max concurrency %1").arg(s->maxConcurrency.toInteger())),
                    qPrintable(c.label));
        }
    }

    // No two nodes overlap unless one contains the other (a Parallel or Map and its states).
    for (qsizetype i = 0; i < g.nodes.size(); ++i) {
        for (qsizetype j = i + 1; j < g.nodes.size(); ++j) {
            const layout::NodeGeometry &a = g.nodes.at(i), &b = g.nodes.at(j);
            if (isAncestor(a, b) || isAncestor(b, a)) continue;
            QVERIFY2(!a.rect.intersects(b.rect),
                     qPrintable(QStringLiteral("%1 overlaps %2").arg(a.id, b.id)));
        }
    }
}

void TestLayout::labelsAndMarkers()
{
    const asl::AslDocument doc =
        load(sourceDir() + QStringLiteral("/resources/examples/tradai-backtest-full.asl.json"));
    QVERIFY(doc.parsed);
    const layout::ApproximateTextMetrics metrics;
    const layout::Geometry g = layout::layoutMachine(doc.machine);
    int choice = 0, deflt = 0, catches = 0;
    for (const layout::EdgeGeometry &e : g.edges) {
        switch (e.kind) {
        case layout::EdgeKind::ChoiceRule:
            ++choice;
            QVERIFY(!e.label.isEmpty());
            QVERIFY(!e.labelRect.isEmpty());
            break;
        case layout::EdgeKind::Default:
            ++deflt;
            QCOMPARE(e.label, QStringLiteral("Default"));
            break;
        case layout::EdgeKind::Catch:
            ++catches;
            QCOMPARE(e.label, QStringLiteral("States.ALL"));
            break;
        default:
            break;
        }
    }
    // EvaluateValidation has three rules and a Default; four states catch States.ALL.
    QCOMPARE(choice, 3);
    QCOMPARE(deflt, 1);
    QCOMPARE(catches, 4);
    QVERIFY(g.node(QStringLiteral("#start")));
    QVERIFY(g.node(QStringLiteral("#end")));
    // Each branch of ParallelValidation has its own start and end markers.
    QVERIFY(g.node(QStringLiteral("/States/ParallelValidation/Branches/0#start")));
    QVERIFY(g.node(QStringLiteral("/States/ParallelValidation/Branches/1#end")));
    // Retry badges show the largest MaxAttempts: ValidateStrategy retries 3 times.
    const layout::NodeGeometry *v =
        g.node(QStringLiteral("/States/ParallelValidation/Branches/0/States/ValidateStrategy"));
    QVERIFY(v);
    QCOMPARE(v->badge, QStringLiteral("retry x3"));
    // Boxes are big enough for their title (or the elided maximum) and detail.
    for (const layout::NodeGeometry &n : g.nodes) {
        if (n.kind != layout::NodeKind::State || n.composite) continue;
        const qreal text = layout::textWidthFor(n.rect.width());
        QVERIFY(text + 0.5 >=
                std::min(metrics.size(layout::TextRole::Title, n.title).width(), layout::box::maxTextWidth));
    }
}

void TestLayout::pinsMoveNodesAndRerouteEdges()
{
    const asl::AslDocument doc =
        load(sourceDir() + QStringLiteral("/resources/examples/tradai-backtest-full.asl.json"));
    const layout::Geometry before = layout::layoutMachine(doc.machine);
    const QString id = QStringLiteral("/States/RunBacktest");
    const layout::NodeGeometry *n = before.node(id);
    QVERIFY(n);
    // Pin it far to the right of everything in its frame.
    layout::Options options;
    const QPointF pin(n->rect.topLeft() - n->scopeOrigin + QPointF(before.bounds.width() + 200, 40));
    options.pins.insert(id, pin);
    const layout::Geometry after = layout::layoutMachine(doc.machine, options);
    const layout::NodeGeometry *moved = after.node(id);
    QVERIFY(moved);
    QVERIFY(moved->pinned);
    QCOMPARE(moved->rect.topLeft() - moved->scopeOrigin, pin);
    QCOMPARE(moved->rect.size(), n->rect.size());
    QVERIFY(after.bounds.contains(moved->rect));
    // Its transitions (in: Next from PrepareConfig; out: Next, Catch) were re-routed to the new place.
    int touched = 0;
    for (const layout::EdgeGeometry &e : after.edges) {
        if (e.from != id && e.to != id) continue;
        ++touched;
        const layout::NodeGeometry *from = after.node(e.from);
        const layout::NodeGeometry *to = after.node(e.to);
        QVERIFY(borderDistance(e.points.first(), from->rect) <= kTouch);
        QVERIFY(borderDistance(routeEnd(e), to->rect) <= kTouch);
    }
    QCOMPARE(touched, 3);
    // Unpinned nodes of the scope keep the place dot gave them (relative to their frame).
    const layout::NodeGeometry *other = after.node(QStringLiteral("/States/NotifyCompletion"));
    const layout::NodeGeometry *otherBefore = before.node(QStringLiteral("/States/NotifyCompletion"));
    QCOMPARE(other->rect.topLeft() - other->scopeOrigin,
             otherBefore->rect.topLeft() - otherBefore->scopeOrigin);
}

void TestLayout::deterministicAndCached()
{
    const asl::AslDocument doc =
        load(sourceDir() + QStringLiteral("/resources/examples/batch-retraining.asl.json"));
    layout::LayoutCache cache;
    layout::Options options;
    options.cache = &cache;
    const layout::Geometry a = layout::layoutMachine(doc.machine);
    const layout::Geometry b = layout::layoutMachine(doc.machine, options);
    QVERIFY(cache.size() > 0);
    const layout::Geometry c = layout::layoutMachine(doc.machine, options); // from the cache
    for (const layout::Geometry *x : {&b, &c}) {
        QCOMPARE(x->nodes.size(), a.nodes.size());
        QCOMPARE(x->edges.size(), a.edges.size());
        for (qsizetype i = 0; i < a.nodes.size(); ++i)
            QCOMPARE(x->nodes.at(i).rect, a.nodes.at(i).rect);
        for (qsizetype i = 0; i < a.edges.size(); ++i)
            QCOMPARE(x->edges.at(i).points, a.edges.at(i).points);
    }
}

void TestLayout::missingTargetsGetPlaceholders()
{
    const asl::AslDocument doc = asl::AslDocument::fromText(R"({"StartAt":"A","States":{
        "A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Next":"Nowhere"}}})");
    const layout::Geometry g = layout::layoutMachine(doc.machine);
    const layout::NodeGeometry *missing = g.node(QStringLiteral("#missing:Nowhere"));
    QVERIFY(missing);
    QVERIFY(missing->kind == layout::NodeKind::Missing);
    bool routed = false;
    for (const layout::EdgeGeometry &e : g.edges)
        routed = routed || (e.to == missing->id && e.kind == layout::EdgeKind::Next);
    QVERIFY(routed);
    QVERIFY(!g.node(QStringLiteral("#end"))); // no state is terminal
}

void TestLayout::compactModeKeepsInvariants()
{
    // Force the compact mode (shared trunks, labels placed after layout) on a real definition.
    const asl::AslDocument doc =
        load(sourceDir() + QStringLiteral("/resources/examples/tradai-backtest-full.asl.json"));
    layout::Options options;
    options.compactAbove = 0;
    const layout::Geometry g = layout::layoutMachine(doc.machine, options);
    QVERIFY(g.error.isEmpty());
    for (const layout::EdgeGeometry &e : g.edges) {
        QVERIFY(e.points.size() >= 4);
        QVERIFY(borderDistance(e.points.first(), g.node(e.from)->rect) <= kTouch);
        QVERIFY(borderDistance(routeEnd(e), g.node(e.to)->rect) <= kTouch);
        if (!e.label.isEmpty()) QVERIFY(!e.labelRect.isEmpty());
    }
}

void TestLayout::progressAndCancel()
{
    const asl::AslDocument doc =
        load(sourceDir() + QStringLiteral("/resources/examples/tradai-backtest-full.asl.json"));
    QList<const asl::StateMachine *> machines;
    collectMachines(doc.machine, machines);
    QVERIFY(machines.size() > 2); // the top level and the Parallel's branches
    int states = 0;
    for (const asl::StateMachine *m : machines)
        states += int(m->states.size());
    const layout::Geometry full = layout::layoutMachine(doc.machine);
    QVERIFY(!full.stacked);
    auto ids = [](const layout::Geometry &g) {
        QSet<QString> out;
        for (const layout::NodeGeometry &n : g.nodes)
            out.insert(n.id);
        return out;
    };

    // Progress: once per graph, growing, ending at the machine's state count.
    QList<QPair<int, int>> calls;
    layout::Options options;
    options.progress = [&](int done, int total) {
        calls.append({done, total});
        return true;
    };
    const layout::Geometry reported = layout::layoutMachine(doc.machine, options);
    QCOMPARE(calls.size(), machines.size());
    for (qsizetype i = 0; i < calls.size(); ++i) {
        QCOMPARE(calls.at(i).second, states);
        if (i > 0) QVERIFY(calls.at(i).first > calls.at(i - 1).first);
    }
    QCOMPARE(calls.last().first, states);
    QVERIFY(!reported.stacked);
    QCOMPARE(reported.edges.size(), full.edges.size());

    // Cancelled after the first graph (a branch: graphs go bottom-up): the graphs after it are
    // stacked, every state still has its node, nothing is reported as an error.
    calls.clear();
    options.progress = [&](int done, int total) {
        calls.append({done, total});
        return false;
    };
    const layout::Geometry cancelled = layout::layoutMachine(doc.machine, options);
    QCOMPARE(calls.size(), 1);
    QVERIFY(cancelled.stacked);
    QVERIFY(cancelled.error.isEmpty());
    QCOMPARE(ids(cancelled), ids(full));
    QVERIFY(!cancelled.edges.isEmpty() && cancelled.edges.size() < full.edges.size());
    QList<QRectF> top;
    for (const layout::NodeGeometry &n : cancelled.nodes) {
        if (n.scope.isEmpty()) top.append(n.rect);
    }
    for (const layout::EdgeGeometry &e : cancelled.edges)
        QVERIFY2(!e.scope.isEmpty(), qPrintable(e.from)); // the top level was not routed
    for (qsizetype i = 0; i < top.size(); ++i) {
        for (qsizetype j = i + 1; j < top.size(); ++j)
            QVERIFY(!top.at(i).intersects(top.at(j)));
    }

    // Stacked only: no Graphviz, no routes, no progress.
    calls.clear();
    options.stackOnly = true;
    const layout::Geometry stacked = layout::layoutMachine(doc.machine, options);
    QVERIFY(calls.isEmpty());
    QVERIFY(stacked.stacked);
    QVERIFY(stacked.edges.isEmpty());
    QCOMPARE(ids(stacked), ids(full));
}

QTEST_GUILESS_MAIN(TestLayout)
#include "tst_layout.moc"
