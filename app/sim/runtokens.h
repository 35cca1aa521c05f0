#pragma once

#include "engine/runtimeline.h"
#include "scene.h"

#include <QColor>
#include <QHash>
#include <QList>
#include <QPointF>
#include <QVariantList>

namespace sw::gui {

// The tokens that travel along the canvas's edges as transitions fire while a run plays: each
// fired edge (RunTimeline::firedEdges) becomes a token that moves from the edge's tail to its head
// in `travelMs` of real time. At most `maxTokens` travel at once (the newest), so a Map firing
// thousands of transitions a frame stays cheap. Positions are in scene coordinates.
class RunTokens
{
public:
    static constexpr qint64 travelMs = 450;
    static constexpr int maxTokens = 48;

    void clear() { m_tokens.clear(); }
    bool isEmpty() const { return m_tokens.isEmpty(); }
    // Starts tokens for the edges fired by events [fromEvent, toEvent).
    void fire(const sim::RunTimeline &timeline, int fromEvent, int toEvent, const render::SceneHandle &scene,
              const QHash<QString, QString> &pointers, qint64 nowMs);
    // Forgets tokens that have arrived; returns the positions of the others.
    QVariantList advance(const render::SceneHandle &scene, qint64 nowMs);
    // Indexes the scene's edges (done by edgeFor when the scene changes; a run does it when it
    // starts, so its first frame does not pay for it).
    void index(const render::SceneHandle &scene);
    // The failing path after `cursor` events (with `snapshot` taken there): the transitions taken
    // into states that failed, and the Catch edges taken out of states whose error was caught, as
    // scene edge -> colour.
    QHash<int, QColor> failingPath(const sim::RunTimeline &timeline, int cursor, const sim::RunSnapshot &snapshot,
                                   const render::SceneHandle &scene, const QHash<QString, QString> &pointers);
    // The scene edges fired by events [fromEvent, toEvent), the newest maxTokens at most.
    QList<int> firedEdges(const sim::RunTimeline &timeline, int fromEvent, int toEvent,
                          const render::SceneHandle &scene, const QHash<QString, QString> &pointers);
    // The scene's edge a fired transition took, or -1.
    int edgeFor(const sim::FiredEdge &fired, const render::SceneHandle &scene,
                const QHash<QString, QString> &pointers);

private:
    struct Token
    {
        int edge;
        qint64 started;
    };
    QList<Token> m_tokens;
    struct EdgeKey
    {
        QString scope, from;
        int kind = 0, index = 0;
        bool operator==(const EdgeKey &) const = default;
        friend size_t qHash(const EdgeKey &k, size_t seed = 0)
        {
            return qHashMulti(seed, k.scope, k.from, k.kind, k.index);
        }
    };
    render::SceneHandle m_indexed; // the scene m_byId indexes (held, so its address is never reused)
    QHash<EdgeKey, int> m_byId;
    QHash<QPair<QString, QString>, int> m_byEnds; // (from node, to node) -> edge
};

} // namespace sw::gui
