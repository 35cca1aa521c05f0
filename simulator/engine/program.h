#pragma once

#include "asl/statemachine.h"
#include "engine/history.h"

#include <QString>

#include <memory>
#include <vector>

namespace sw::sim {

struct MachinePlan;

// A state prepared for execution: transitions resolved to plans, event types and task resource
// facts computed once. Plans are immutable, so one Program serves any number of executions.
struct StatePlan
{
    const asl::State *state = nullptr;
    const MachinePlan *owner = nullptr;
    int index = 0; // position in Program::states(), for per-state counters
    bool jsonata = false;
    bool usesContext = false; // some JSONPath field refers to $$ (the context object is built only then)
    EventType entered = EventType::PassStateEntered;
    EventType exited = EventType::PassStateExited;

    const StatePlan *next = nullptr;          // Next (nullptr when End or missing)
    bool nextMissing = false;                 // Next names no state
    std::vector<const StatePlan *> choiceNext; // per Choices[i]
    const StatePlan *defaultNext = nullptr;
    std::vector<const StatePlan *> catchNext; // per Catch[i]
    std::vector<const MachinePlan *> branches; // Parallel
    const MachinePlan *processor = nullptr;    // Map

    // Task resource facts
    QString resourceType; // "lambda", "sns", "aws-sdk:s3" ... (history event fields)
    QString resourceName; // "invoke", "publish", "getObject" ...
    bool legacyLambda = false; // arn:aws:lambda:...:function:... (LambdaFunction* events)
    bool activity = false;
    bool sync = false;
    bool callback = false;
};

struct MachinePlan
{
    const asl::StateMachine *machine = nullptr;
    const StatePlan *start = nullptr;
    const StatePlan *parentState = nullptr; // the Parallel/Map state this machine belongs to
};

// The compiled form of a definition. Owns a copy of the typed machine.
class Program
{
public:
    explicit Program(asl::StateMachine machine);
    Program(const Program &) = delete;
    Program &operator=(const Program &) = delete;

    const asl::StateMachine &machine() const { return m_machine; }
    const MachinePlan *root() const { return m_root; }
    const std::vector<std::unique_ptr<StatePlan>> &states() const { return m_states; }
    const StatePlan *find(const QString &name) const; // any nesting level

private:
    const MachinePlan *compile(const asl::StateMachine &m, const StatePlan *parent);

    asl::StateMachine m_machine;
    std::vector<std::unique_ptr<StatePlan>> m_states;
    std::vector<std::unique_ptr<MachinePlan>> m_machines;
    const MachinePlan *m_root = nullptr;
};

} // namespace sw::sim
