#pragma once

#include <QByteArray>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>

#include <optional>

// Private to stepwise_layout: the only code that talks to Graphviz. A graph is described with
// plain values, handed to runGraphviz(), and the routed result comes back as plain values in
// Graphviz's own frame (points, y pointing up). Every call is serialised behind one mutex because
// Graphviz keeps global state and is not thread-safe.
namespace sw::layout::detail {

struct GvNode
{
    QSizeF size;                // points
    std::optional<QPointF> pos; // fixed centre (Graphviz frame), used by Engine::Route
    enum class Rank { Free, Source, Sink } rank = Rank::Free;
};

struct GvEdge
{
    int tail = 0;
    int head = 0;
    QSizeF label;   // empty: no label; else the box Graphviz must keep free for it
    int weight = 1; // dot: how strongly the edge is kept short and straight
    int minlen = 1;
};

struct GvGraph
{
    QList<GvNode> nodes;
    QList<GvEdge> edges;
    qreal nodesep = 0.45; // inches
    qreal ranksep = 0.45; // inches
    // Big graphs: dot merges edges into shared trunks where they run together (concentrate=true),
    // which removes most of the virtual nodes long Catch edges create, and places edge labels
    // after layout (xlabel) instead of ranking them as nodes; crossing minimisation is capped.
    bool compact = false;
    // A stable text form of everything above: equal keys give equal layouts (used for caching).
    QByteArray key() const;
};

struct GvRoute
{
    QList<QPointF> points; // p0 then 3 points per cubic segment (empty when Graphviz drew none)
    bool arrowHead = false;
    QPointF arrowTip;
    // An arrowhead at the start: dot draws one when concentrate=true merges an edge with the
    // reverse one (a -> b and b -> a share a spline with arrows at both ends).
    std::optional<QPointF> startTip;
    std::optional<QPointF> labelCentre;
};

struct GvResult
{
    QList<QPointF> centres; // per node
    QList<GvRoute> routes;  // per edge
    QRectF bb;              // lower-left at bb.topLeft() in Graphviz's y-up frame
    QString error;          // empty on success
};

enum class Engine {
    Dot,   // rank, order, position and route everything
    Route, // keep the given node positions (nop2) and route the edges around the nodes
};

GvResult runGraphviz(const GvGraph &graph, Engine engine);

} // namespace sw::layout::detail
