#pragma once

#include "asl/statemachine.h"
#include "geometry.h"
#include "textmetrics.h"

#include <QHash>
#include <QPointF>
#include <QString>

#include <functional>
#include <memory>

namespace sw::layout {

// Remembers Graphviz results per nested graph between layouts of one document, so that moving a
// node (a pin change) re-routes edges without re-running dot on unchanged graphs. Thread-safe; one
// per open document.
class LayoutCache
{
public:
    LayoutCache();
    ~LayoutCache();
    LayoutCache(const LayoutCache &) = delete;
    LayoutCache &operator=(const LayoutCache &) = delete;
    void clear();
    int size() const;

private:
    friend class Layouter;
    struct Private;
    std::unique_ptr<Private> d;
};

struct Options
{
    const TextMetrics *metrics = nullptr; // nullptr: ApproximateTextMetrics
    // Pinned states: state pointer -> top-left of the box in its scope's layout frame (see
    // NodeGeometry::scopeOrigin). Pinned nodes keep that place; their edges are re-routed.
    QHash<QString, QPointF> pins;
    // Graphs with more nodes than this are laid out compactly: edges that run together share a
    // trunk and labels are placed after layout (see benchmarks/layout and docs/canvas.md).
    int compactAbove = 120;
    LayoutCache *cache = nullptr;
    qreal margin = 24; // around the whole diagram
    // Called after each graph (bottom-up, the top level last) with the states laid out so far and
    // the machine's total; returning false cancels: the graphs not laid out yet are stacked, as
    // with stackOnly. A Graphviz call already running is not interrupted.
    std::function<bool(int done, int total)> progress;
    // No Graphviz at all: every graph's states are stacked in a column, without routes (a quick
    // stand-in once the user cancelled a long layout). Geometry::stacked says so.
    bool stackOnly = false;
};

// Lays out a machine layer-wise, as KDStateMachineEditor does: every machine (the top level, each
// Parallel branch, each Map processor) is its own Graphviz `dot` graph, laid out bottom-up, and a
// Parallel or Map is then placed in its parent as one node sized to its contents. ASL transitions
// never cross a machine's border, so no edge is lost, and dot never sees a cluster (its slowest
// case). Graphviz calls are serialised behind one mutex, so this may run on any thread; it never
// touches the machine. Errors come back in Geometry::error (the affected graph is then stacked
// without routes).
Geometry layoutMachine(const asl::StateMachine &machine, const Options &options = {});

// The Graphviz version string, e.g. "2.43.0".
QString graphvizVersion();

} // namespace sw::layout
