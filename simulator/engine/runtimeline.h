#pragma once

#include "engine/history.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace sw::sim {

// What a state is doing at one moment of a run, as the console's execution graph colours it.
enum class RunStatus { NotRun, Running, Waiting, Retrying, Succeeded, Failed, Caught, Cancelled };
QString toString(RunStatus s);

// One visit of a state (from its entry to its exit, retries included), a row of the timeline.
struct StateVisit
{
    QString stateName;
    QString statePointer;
    int fiber = 0;
    int mapIndex = -1;
    int childRun = -1;
    double start = 0;
    double end = -1; // -1 while it has not ended
    RunStatus status = RunStatus::Running;
    int retries = 0;
    int enteredEvent = 0; // index into the event list
};

// A transition taken, for the token animation: the edge (scope, from, kind, index as in
// asl::EdgeId) and when.
struct FiredEdge
{
    QString scope; // JSON pointer of the machine holding the edge ("" for the top level)
    QString from;  // "" for the Start edge
    QString to;
    int kind = 0;  // asl::EdgeKind
    int index = 0;
    double time = 0;
    int event = 0;
};

struct MapProgress
{
    int total = 0;
    int done = 0;
    int running = 0;
    int failed = 0;
};

// The run as the designer shows it at one moment.
struct RunSnapshot
{
    double time = 0;
    int events = 0; // how many events are applied
    QHash<QString, RunStatus> status; // by state name (names are unique in a definition)
    QHash<QString, int> entries;
    QHash<QString, MapProgress> maps;
    QHash<QString, double> remaining; // Waiting/Retrying states: simulated seconds left
    QStringList failingPath;          // failed states and the Parallel/Map states that failed with them
    bool finished = false;
    QString executionStatus; // RUNNING, SUCCEEDED, FAILED, TIMED_OUT
};

// Everything the designer animates, derived from a history alone, so a simulated run and an
// execution history exported from AWS replay the same way. Immutable once built; snapshots are
// recomputed from the events (deterministic: the same position gives the same picture).
class RunTimeline
{
public:
    RunTimeline() = default;
    explicit RunTimeline(QList<HistoryEvent> events);

    const QList<HistoryEvent> &events() const { return m_events; }
    int eventCount() const { return int(m_events.size()); }
    double endTime() const { return m_events.isEmpty() ? 0 : m_events.last().time; }
    // The number of events that happened at or before `time`.
    int eventsUntil(double time) const;

    RunSnapshot snapshotAfterEvents(int count) const;
    RunSnapshot snapshotAtTime(double time) const;

    const QList<StateVisit> &visits() const { return m_visits; }
    const QList<FiredEdge> &firedEdges() const { return m_fired; }
    QList<FiredEdge> firedBetween(double after, double upTo) const;

private:
    QList<HistoryEvent> m_events;
    QList<StateVisit> m_visits;
    QList<FiredEdge> m_fired;
    QList<int> m_eventVisit;     // event index -> visit index (or -1)
    QList<int> m_effectStatus;   // event index -> the RunStatus it gives its visit, or -1
    QList<double> m_effectUntil; // event index -> when a Waiting/Retrying status ends
};

// States whose runs differ between two timelines (a replayed AWS history and a simulation of the
// same input): different number of entries, a different final status, or different inputs or
// outputs on their visits. Sorted by first appearance in `a`.
QStringList divergingStates(const RunTimeline &a, const RunTimeline &b);

} // namespace sw::sim
