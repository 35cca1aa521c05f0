#pragma once

// Internal to the engine: the runtime records of an execution. Not part of the simulator's API.

#include "data/evalcontext.h"
#include "data/outcome.h"
#include "engine/backend.h"
#include "engine/program.h"

#include <QHash>
#include <QList>

#include <memory>
#include <vector>

namespace sw::sim {

// Workflow variables of one scope. Parallel branches and Map iterations get a scope whose parent
// is the scope of the state that started them, so they read outer variables; assignments made
// inside stay inside. Distributed Map children start from an empty root scope.
class Scope final : public Variables
{
public:
    explicit Scope(std::shared_ptr<const Scope> parent = nullptr) : m_parent(std::move(parent)) {}
    const Json *lookup(QStringView name) const override
    {
        for (const Scope *s = this; s; s = s->m_parent.get()) {
            const auto it = s->m_values.constFind(name.toString());
            if (it != s->m_values.constEnd())
                return &*it;
        }
        return nullptr;
    }
    // Commits an object of name -> value.
    void assign(const Json &values)
    {
        for (const auto &m : values.members())
            m_values.insert(m.key, m.value);
    }

private:
    std::shared_ptr<const Scope> m_parent;
    QHash<QString, Json> m_values;
};

enum WakeKind {
    WakeDrive = 0,       // run the fiber (it was just spawned)
    WakeTaskDone,        // the task's result arrived
    WakeTaskTimeout,     // TimeoutSeconds elapsed
    WakeHeartbeatTimeout, // HeartbeatSeconds elapsed without a heartbeat
    WakeRetry,           // a retry backoff ended
    WakeWaitDone,        // a Wait state ended
    WakeChildren,        // branches or iterations finished
    WakeExecutionTimeout, // the machine's TimeoutSeconds elapsed (root fiber)
};

enum class Phase { Idle, Enter, Busy, Done };

// A Map state's run in progress.
struct MapRun
{
    QList<Json> items;
    Json selectorInput;        // the effective input ItemSelector reads
    int next = 0;              // next item to start
    int running = 0;
    int done = 0;
    int failures = 0;
    int maxConcurrency = 0;    // 0: no limit
    double toleratedPercentage = 0;
    qint64 toleratedCount = 0;
    bool distributed = false;
    qint64 startedEventId = 0;
    QString label;
};

// A running state machine: the top level, one Parallel branch or one Map iteration.
struct Fiber
{
    enum class Kind { Root, Branch, Iteration };
    int id = 0;
    Kind kind = Kind::Root;
    Fiber *parent = nullptr;
    int indexInParent = -1;
    const MachinePlan *machine = nullptr;
    const StatePlan *state = nullptr;
    Phase phase = Phase::Idle;
    quint64 token = 1; // bumped to invalidate queued wake-ups
    bool cancelled = false;
    bool finished = false;
    std::shared_ptr<Scope> vars;
    QList<int> mapPath;
    int child = -1; // index of the Distributed Map child execution this fiber runs in, or -1

    qint64 lastEventId = 0;
    qint64 enteredEventId = 0;
    double enteredTime = 0;
    Json input;     // the current state's raw input
    Json effective; // after InputPath
    Json work;      // after Parameters / Arguments
    int attempt = 0;
    std::vector<int> retrierCounts;
    int recordIndex = -1;
    // How the fiber reached its current state: the state it left and the edge (asl::EdgeKind, index).
    QString viaFrom;
    int viaKind = 0;
    int viaIndex = 0;

    // Task in flight
    TaskResponse response;
    QString taskToken;
    double taskStarted = 0;
    double heartbeatSeconds = 0;
    double taskTimeout = 0;
    double lastHeartbeat = 0;

    // Children (Parallel branches, Map iterations)
    std::vector<Fiber *> children;
    std::vector<Json> childResults;
    int childrenDone = 0;
    bool childFailed = false;
    Failure childFailure;
    MapRun map;

    // Outcome of a finished fiber
    bool ok = true;
    Json output;
    Failure failure;
};

} // namespace sw::sim
