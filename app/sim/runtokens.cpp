#include "runtokens.h"

#include "runstyle.h"

#include "asl/edges.h"

#include <algorithm>

namespace sw::gui {

void RunTokens::index(const render::SceneHandle &scene)
{
    if (m_indexed != scene) {
        m_indexed = scene;
        m_byId.clear();
        m_byEnds.clear();
        const QList<layout::EdgeGeometry> &edges = scene->geometry().edges;
        for (int i = 0; i < edges.size(); ++i) {
            const layout::EdgeGeometry &e = edges.at(i);
            if (e.id) m_byId.insert(EdgeKey{e.id->scope, e.id->from, int(e.id->kind), e.id->index}, i);
            m_byEnds.insert({e.from, e.to}, i);
        }
    }
}

int RunTokens::edgeFor(const sim::FiredEdge &fired, const render::SceneHandle &scene,
                       const QHash<QString, QString> &pointers)
{
    index(scene);
    if (fired.kind >= 0) {
        const auto it = m_byId.constFind(EdgeKey{fired.scope, fired.from, fired.kind, fired.index});
        if (it != m_byId.constEnd()) return *it;
    }
    // A history from AWS does not say which edge was taken: the one between the two states.
    const QString to = pointers.value(fired.to);
    const QString from = pointers.value(fired.from);
    if (from.isEmpty() || to.isEmpty()) return -1;
    return m_byEnds.value({from, to}, -1);
}

QList<int> RunTokens::firedEdges(const sim::RunTimeline &timeline, int fromEvent, int toEvent,
                                 const render::SceneHandle &scene, const QHash<QString, QString> &pointers)
{
    QList<int> out;
    if (!scene || toEvent <= fromEvent) return out;
    const QList<sim::FiredEdge> &fired = timeline.firedEdges();
    // Only the newest maxTokens matter: fired edges are in event order.
    auto end = std::lower_bound(fired.cbegin(), fired.cend(), toEvent,
                                [](const sim::FiredEdge &e, int event) { return e.event < event; });
    auto begin = std::lower_bound(fired.cbegin(), end, fromEvent,
                                  [](const sim::FiredEdge &e, int event) { return e.event < event; });
    if (end - begin > maxTokens) begin = end - maxTokens;
    for (auto it = begin; it != end; ++it) {
        const int edge = edgeFor(*it, scene, pointers);
        if (edge >= 0) out.append(edge);
    }
    return out;
}

void RunTokens::fire(const sim::RunTimeline &timeline, int fromEvent, int toEvent,
                     const render::SceneHandle &scene, const QHash<QString, QString> &pointers, qint64 nowMs)
{
    for (const int edge : firedEdges(timeline, fromEvent, toEvent, scene, pointers))
        m_tokens.append(Token{edge, nowMs});
    if (m_tokens.size() > maxTokens) m_tokens.remove(0, m_tokens.size() - maxTokens);
}

QHash<int, QColor> RunTokens::failingPath(const sim::RunTimeline &timeline, int cursor,
                                          const sim::RunSnapshot &snapshot, const render::SceneHandle &scene,
                                          const QHash<QString, QString> &pointers)
{
    QHash<int, QColor> edges;
    if (!scene) return edges;
    for (const sim::FiredEdge &f : timeline.firedEdges()) {
        if (f.event >= cursor) break;
        sim::RunStatus status = sim::RunStatus::NotRun;
        if (snapshot.status.value(f.to) == sim::RunStatus::Failed)
            status = sim::RunStatus::Failed;
        else if (f.kind == int(asl::EdgeKind::Catch) && snapshot.status.value(f.from) == sim::RunStatus::Caught)
            status = sim::RunStatus::Caught;
        if (status == sim::RunStatus::NotRun) continue;
        const int edge = edgeFor(f, scene, pointers);
        if (edge >= 0) edges.insert(edge, runstyle::color(status));
    }
    return edges;
}

QVariantList RunTokens::advance(const render::SceneHandle &scene, qint64 nowMs)
{
    QVariantList out;
    if (!scene || scene != m_indexed) {
        m_tokens.clear();
        return out;
    }
    m_tokens.removeIf([nowMs](const Token &t) { return nowMs - t.started > travelMs; });
    for (const Token &t : std::as_const(m_tokens)) {
        const QPainterPath &path = scene->edgePath(t.edge);
        if (path.isEmpty()) continue;
        out.append(path.pointAtPercent(std::clamp(double(nowMs - t.started) / travelMs, 0.0, 1.0)));
    }
    return out;
}

} // namespace sw::gui
