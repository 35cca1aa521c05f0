#pragma once

#include "asl/edges.h"
#include "asl/statemachine.h"

#include <QHash>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QString>

#include <optional>

namespace sw::layout {

// The drawn form of a laid-out machine: plain values in scene units (1 unit = 1 Graphviz point =
// 1 logical pixel at zoom 1), y pointing down, origin at the top-left of the whole diagram. Geometry
// is what the canvas, the exporters and `stepwise layout --json` read; it never refers back to
// Graphviz and never changes the machine. Nodes and clusters are addressed by the JSON pointer of
// their state (unique across nesting); markers and placeholders by their scope pointer plus a
// '#' suffix, which no state pointer can contain at that position.

enum class NodeKind { State, Start, End, Missing };
enum class ClusterKind { Parallel, Branch, Map };
enum class EdgeKind { Start, Next, ChoiceRule, Default, Catch, End };

QString toString(NodeKind k);
QString toString(ClusterKind k);
QString toString(EdgeKind k);

struct NodeGeometry
{
    QString id;    // state pointer, or "<scope>#start" / "<scope>#end" / "<scope>#missing:<name>"
    QString name;  // state name ("" for markers)
    QString scope; // pointer of the machine the node belongs to ("" for the top level)
    NodeKind kind = NodeKind::State;
    asl::StateType type = asl::StateType::Unknown;
    int depth = 0;          // nesting level of the scope
    QRectF rect;            // the node box; for Parallel and Map the whole container
    QRectF header;          // where icon, title, detail and badge go (the whole box unless composite)
    QPointF scopeOrigin;    // scene position of the scope's layout frame (pins are relative to it)
    bool pinned = false;    // placed by the user, not by dot
    bool composite = false; // Parallel or Map: drawn as a cluster with a header
    // What the node shows; sizes were computed from these strings.
    QString title;
    QString detail;
    QString badge; // e.g. "retry x3"; empty when the state has no retries
};

struct ClusterGeometry
{
    QString id;    // Parallel/Map: the state pointer; Branch: the branch pointer (".../Branches/0")
    QString owner; // pointer of the Parallel or Map state
    ClusterKind kind = ClusterKind::Branch;
    QString label;
    QRectF rect;
    QRectF labelRect;
    int depth = 0;
    QStringList members; // ids of the nodes laid out directly inside (markers included)
};

struct EdgeGeometry
{
    std::optional<asl::EdgeId> id; // the model transition; empty for End-marker edges
    EdgeKind kind = EdgeKind::Next;
    QString from; // node id
    QString to;   // node id
    QString scope;
    QString label;
    QRectF labelRect; // empty when unlabelled
    // Bezier control points exactly as Graphviz routed them: p0, then three points per cubic
    // segment. A route made of several Graphviz splines is concatenated (each starts where the
    // previous ended).
    QList<QPointF> points;
    bool arrowHead = true;
    QPointF arrowTip; // where the arrowhead points (on the target node's border)
};

struct Geometry
{
    QList<NodeGeometry> nodes;
    QList<ClusterGeometry> clusters; // parents before their children
    QList<EdgeGeometry> edges;
    QRectF bounds;                 // everything, margins included; top-left is (0, 0)
    QHash<QString, int> nodeIndex; // node id -> row in nodes
    QString error;                 // a Graphviz failure, empty when every graph was laid out
    bool stacked = false;          // some graph was stacked, not laid out (Options::stackOnly, cancel)
    double elapsedMs = 0;          // wall time of the layout

    const NodeGeometry *node(const QString &id) const
    {
        const auto it = nodeIndex.constFind(id);
        return it == nodeIndex.constEnd() ? nullptr : &nodes[*it];
    }
    bool isEmpty() const { return nodes.isEmpty(); }
};

// The points of the polyline through an edge's bezier control points, sampled per segment; used
// for hit testing, minimap drawing and tests.
QList<QPointF> sampleRoute(const EdgeGeometry &edge, int stepsPerSegment = 8);

} // namespace sw::layout
