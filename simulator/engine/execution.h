#pragma once

#include "data/evalcontext.h"
#include "data/outcome.h"
#include "engine/backend.h"
#include "engine/history.h"
#include "engine/program.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <queue>
#include <vector>

namespace sw::sim {

class JsonataEngine;
struct Fiber;
class Scope;

enum class ExecutionStatus { Running, Succeeded, Failed, TimedOut, Aborted };
enum class WorkflowType { Standard, Express };
QString toString(ExecutionStatus s);

struct ExecutionOptions
{
    Json input = Json::object();
    QString stateMachineName = QStringLiteral("StateMachine");
    QString executionName; // empty: a UUID derived from the seed
    QString region = QStringLiteral("us-east-1");
    QString accountId = QStringLiteral("123456789012");
    QDateTime startTime; // invalid: 2026-01-01T00:00:00Z
    quint64 seed = 0;
    WorkflowType type = WorkflowType::Standard;
    TaskBackend *backend = nullptr; // nullptr: every task echoes its input (unmocked)
    int maxEvents = 25000;          // AWS's history quota (Standard)
    qint64 maxPayloadBytes = 262144; // AWS's 256 KiB payload quota
    bool recordHistory = true;      // false: count transitions only (Monte Carlo runs)
    bool recordDataFlow = false;    // keep per-state stage records for the designer
    JsonataEngine *jsonata = nullptr; // shared engine for many runs (nullptr: the execution makes its own)
};

// One state attempt's data flow, for inspection in the designer.
struct StateRecord
{
    QString stateName;
    QString statePointer;
    int fiber = 0;
    QList<int> mapPath; // iteration indices of enclosing Maps, outermost first
    int attempt = 0;    // 0 for the first try, n for the n-th retry
    double entered = 0;
    double exited = -1;
    Json input, afterInputPath, afterParameters, result, afterResultSelector, afterResultPath, output;
    Json assigned; // variables the state assigned
    QString status; // succeeded, failed, caught, retrying, running, cancelled
    QString error, cause;
};

// A child workflow execution started by a Distributed Map state: its own history and outcome.
struct ChildRun
{
    QString mapState;
    int index = 0;
    QString executionType; // STANDARD or EXPRESS
    ExecutionStatus status = ExecutionStatus::Running;
    Json output;
    QString error;
    QString cause;
    double started = 0;
    double finished = -1;
    qint64 transitions = 0;
    qint64 eventCounter = 0;
    QList<HistoryEvent> history;
};

// A pending .waitForTaskToken callback.
struct PendingCallback
{
    QString token;
    QString stateName;
    int fiber = 0;
    double since = 0;
};

// One execution of a state machine on a virtual clock. Deterministic for a given seed, backend and
// input; never sleeps and never reads real time: a one-hour Wait costs nothing. It emits AWS-style
// history events, can be advanced one scheduled step at a time, up to a simulated time, or to the
// end. It never touches the GUI and never throws; every failure is an execution outcome.
class Execution
{
public:
    Execution(std::shared_ptr<const Program> program, ExecutionOptions options);
    ~Execution();
    Execution(const Execution &) = delete;
    Execution &operator=(const Execution &) = delete;

    void start();          // ExecutionStarted, then runs until time must pass
    bool step();           // processes the next scheduled wake-up; false when none is left
    void runUntil(double seconds);
    void runToCompletion(); // until the execution ends or only user callbacks could move it

    ExecutionStatus status() const { return m_status; }
    bool isFinished() const { return m_status != ExecutionStatus::Running; }
    const Json &output() const { return m_output; }
    const QString &error() const { return m_error; }
    const QString &cause() const { return m_cause; }
    double now() const { return m_now; }
    double nextWakeTime() const; // -1 when nothing is scheduled
    qint64 transitions() const { return m_transitions; }
    qint64 eventCount() const { return m_eventCounter; }
    const QList<HistoryEvent> &history() const { return m_history; }
    QStringList unmockedStates() const;
    const std::vector<qint64> &transitionsPerState() const { return m_perState; } // by StatePlan::index
    const QList<StateRecord> &records() const { return m_records; }
    const Program &program() const { return *m_program; }
    const ExecutionOptions &options() const { return m_opts; }
    QDateTime startTime() const { return m_start; }
    Json awsHistory() const { return historyToAws(m_history, m_start); }
    // Child executions started by Distributed Map states, in start order.
    const QList<ChildRun> &childRuns() const { return m_childRuns; }

    QList<PendingCallback> pendingCallbacks() const;
    bool sendTaskSuccess(const QString &token, const Json &output);
    bool sendTaskFailure(const QString &token, const QString &error, const QString &cause);
    bool sendTaskHeartbeat(const QString &token);

    std::function<void(const HistoryEvent &)> onEvent; // called for every event as it is recorded

private:
    friend struct StateRunner;
    struct Wake
    {
        double time;
        quint64 seq;
        Fiber *fiber;
        quint64 token;
        int kind;
        bool operator>(const Wake &o) const { return time > o.time || (time == o.time && seq > o.seq); }
    };

    // Scheduling
    void schedule(Fiber &f, double at, int kind);
    void drive(Fiber &f);
    void wake(const Wake &w);

    // History
    qint64 logEvent(Fiber &f, EventType type, const asl::State *state, Json input = Json(), Json output = Json(),
                QString error = QString(), QString cause = QString(), Json extra = Json());

    // Fibers
    Fiber &newFiber(Fiber *parent, const MachinePlan *machine, Json input);
    void finishFiber(Fiber &f, bool ok, const Json &output, const Failure &failure);
    void cancelFiber(Fiber &f);
    void endExecution(ExecutionStatus status, const Json &output, const QString &error, const QString &cause);

    // States (in execution_states.cpp / execution_parallel.cpp)
    void enterState(Fiber &f);
    void runState(Fiber &f); // from the work stage on (also after a retry)
    void resumeState(Fiber &f, int kind);
    void completeState(Fiber &f, const Json &result);
    void failState(Fiber &f, const Failure &failure);
    // `via` says which edge leads to `next` (asl::EdgeKind and Choice rule / Catch row index).
    void transition(Fiber &f, const StatePlan *next, const Json &output, const Json &assigned, int viaKind, int viaIndex = 0);
    void runTask(Fiber &f);
    void taskFinished(Fiber &f, int kind);
    void runWait(Fiber &f);
    void runChoice(Fiber &f);
    void runFail(Fiber &f);
    void runParallel(Fiber &f);
    void runMap(Fiber &f);
    void spawnIterations(Fiber &f);
    Outcome<QList<Json>> mapItems(Fiber &f, const EvalContext &ctx);
    bool mapSettings(Fiber &f, const EvalContext &ctx);
    void childDone(Fiber &parent, Fiber &child);
    void parentResume(Fiber &f);

    EvalContext evalContext(Fiber &f, const StatePlan &p, const Json &mapItem = Json(), int mapIndex = -1);
    Json contextObject(Fiber &f, const StatePlan &p, const Json &mapItem, int mapIndex);
    Json statesVar(Fiber &f, const StatePlan &p, const Json &result, const Json &errorOutput);
    bool payloadTooLarge(const Json &v) const;
    bool recording() const { return m_opts.recordHistory || bool(onEvent); } // event details are built only then
    void countTransition(Fiber &f);
    JsonataEngine &jsonata();
    StateRecord *record(Fiber &f);

    std::shared_ptr<const Program> m_program;
    ExecutionOptions m_opts;
    QDateTime m_start;
    QString m_executionArn;
    QString m_stateMachineArn;
    QString m_roleArn;
    RandomSource m_random;
    EchoBackend m_echo;
    TaskBackend *m_backend;

    std::priority_queue<Wake, std::vector<Wake>, std::greater<Wake>> m_queue;
    quint64 m_seq = 0;
    double m_now = 0;
    std::vector<std::unique_ptr<Fiber>> m_fibers;
    Fiber *m_root = nullptr;
    QList<ChildRun> m_childRuns;

    ExecutionStatus m_status = ExecutionStatus::Running;
    Json m_output;
    QString m_error;
    QString m_cause;
    bool m_started = false;

    QList<HistoryEvent> m_history;
    qint64 m_eventCounter = 0;
    qint64 m_transitions = 0;
    std::vector<qint64> m_perState;
    QHash<QString, int> m_invocations; // per state name: MockConfigFile invocation numbers
    QHash<int, bool> m_unmocked;       // StatePlan::index -> true
    QList<StateRecord> m_records;
    int m_tokenCounter = 0;
};

} // namespace sw::sim
