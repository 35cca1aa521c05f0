#pragma once

#include "asl/statemachine.h"
#include "data/evalcontext.h"
#include "json/json.h"

#include <QString>

namespace sw::sim {

// One call of a Task state's resource, as the interpreter hands it to a backend.
struct TaskInvocation
{
    const asl::State *state = nullptr;
    QString stateName;
    QString resource;
    Json input;             // the task's effective input (after Parameters / Arguments)
    int invocationIndex = 0; // 0-based count of this state's invocations in the execution (retries and Map iterations included)
    int retryCount = 0;
    int mapIndex = -1;      // the innermost Map iteration, or -1
    double now = 0;         // simulated seconds since the execution started
    QString taskToken;      // for .waitForTaskToken resources
    RandomSource *random = nullptr;
};

// What a backend answers. Durations are simulated seconds; nothing ever sleeps.
struct TaskResponse
{
    enum class Kind {
        Return,  // the task succeeded with `result`
        Throw,   // the task failed with `error` / `cause`
        Pending, // a .waitForTaskToken callback left for the user (SendTaskSuccess/Failure/Heartbeat)
        Invalid, // the mock configuration cannot answer: the execution fails with States.Runtime
    };
    Kind kind = Kind::Return;
    Json result;
    QString error;
    QString cause;
    double duration = 0;          // until the result (or the callback) arrives
    double heartbeatInterval = 0; // > 0: the worker sends heartbeats this often; 0: in time, always
    bool mocked = true;           // false when no mock applied (the effective input is returned)
};

// The interpreter's only way to run Task states. Implementations must be deterministic for a given
// RandomSource and must never touch the network, real time or files other than those the user chose.
class TaskBackend
{
public:
    virtual ~TaskBackend() = default;
    // Called when an execution starts: reset per-execution counters.
    virtual void beginExecution() {}
    virtual TaskResponse invoke(const TaskInvocation &call) = 0;
    // The items a Distributed Map's ItemReader would read (call.input is the ItemReader object).
    // Without data the Map iterates over nothing and the state is reported as unmocked.
    virtual TaskResponse readItems(const TaskInvocation &call)
    {
        Q_UNUSED(call);
        TaskResponse r;
        r.result = Json::array();
        r.mocked = false;
        return r;
    }
};

// No mocks at all: every task returns its effective input after zero time (and counts as unmocked).
class EchoBackend final : public TaskBackend
{
public:
    TaskResponse invoke(const TaskInvocation &call) override
    {
        TaskResponse r;
        r.result = call.input;
        r.mocked = false;
        return r;
    }
};

} // namespace sw::sim
