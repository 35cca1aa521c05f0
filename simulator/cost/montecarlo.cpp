#include "montecarlo.h"

#include "cost/charges.h"
#include "engine/execution.h"
#include "engine/program.h"
#include "jsonata/jsonataengine.h"
#include "json/jsonwriter.h"

#include <QHash>

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace sw::cost {

namespace {

bool isTaskStart(sim::EventType t)
{
    return t == sim::EventType::TaskScheduled || t == sim::EventType::LambdaFunctionScheduled ||
           t == sim::EventType::ActivityScheduled;
}

bool isTaskEnd(sim::EventType t)
{
    using E = sim::EventType;
    switch (t) {
    case E::TaskSucceeded:
    case E::TaskFailed:
    case E::TaskTimedOut:
    case E::LambdaFunctionSucceeded:
    case E::LambdaFunctionFailed:
    case E::LambdaFunctionTimedOut:
    case E::ActivitySucceeded:
    case E::ActivityFailed:
    case E::ActivityTimedOut:
    case E::TaskStateAborted:
        return true;
    default:
        return false;
    }
}

// The execution type of the nearest enclosing Distributed Map, or empty when the state runs in
// the execution itself.
QString childType(const sim::StatePlan &plan)
{
    for (const sim::MachinePlan *m = plan.owner; m && m->parentState; m = m->parentState->owner) {
        const asl::State *s = m->parentState->state;
        if (s->type == asl::StateType::Map && s->distributed)
            return s->executionType.isEmpty() ? QStringLiteral("STANDARD") : s->executionType;
    }
    return QString();
}

double jsonBytes(const Json &v)
{
    return v.isDefined() ? double(JsonWriter::compact(v).size()) : 0;
}

// The per-run observer: HistoryEvent -> tallies, without keeping the history.
struct Observer
{
    const QHash<QString, int> *index = nullptr;
    const std::vector<int> *branches = nullptr;
    std::vector<StateTally> *states = nullptr;
    const PriceTable *prices = nullptr;
    bool measure = false;
    double steps = 0;
    double payload = 0;
    std::unordered_map<int, std::pair<double, int>> openTasks; // fiber -> (scheduled at, state)

    void operator()(const sim::HistoryEvent &e)
    {
        const auto it = index->constFind(e.stateName);
        if (it == index->constEnd()) return;
        const int i = *it;
        StateTally &t = (*states)[size_t(i)];
        if (sim::isStateEntered(e.type)) {
            t.entries += 1;
            if (measure) payload = std::max(payload, jsonBytes(e.input));
        } else if (measure && sim::isStateExited(e.type)) {
            payload = std::max(payload, jsonBytes(e.output));
        } else if (isTaskStart(e.type)) {
            t.taskAttempts += 1;
            openTasks[e.fiber] = {e.time, i};
        } else if (isTaskEnd(e.type)) {
            const auto open = openTasks.find(e.fiber);
            if (open != openTasks.end()) {
                StateTally &task = (*states)[size_t(open->second.second)];
                const double d = std::max(0.0, e.time - open->second.first);
                task.taskSeconds += d;
                task.lambdaBilledSeconds +=
                    charges::lambdaGBSeconds(d, 1024, *prices); // 1 GB: billed seconds
                task.fargateBilledSeconds += charges::fargateBilledSeconds(d, *prices);
                openTasks.erase(open);
            }
        } else if (e.type == sim::EventType::MapIterationStarted) {
            t.mapIterations += 1;
            steps += 1;
        } else if (e.type == sim::EventType::ParallelStateStarted) {
            steps += (*branches)[size_t(i)];
        }
    }
};

} // namespace

SimulationResult MonteCarlo::run(const std::shared_ptr<const sim::Program> &program,
                                 const MonteCarloOptions &options, const PriceTable &prices,
                                 const std::function<bool(int, int)> &progress)
{
    SimulationResult r;
    const auto &plans = program->states();
    QHash<QString, int> index;
    std::vector<int> branches(plans.size(), 0);
    r.states.resize(plans.size());
    QHash<QString, double> childDefinitionBytes;
    for (const auto &p : plans) {
        const asl::State &s = *p->state;
        StateTally &t = r.states[size_t(p->index)];
        t.name = s.name;
        t.pointer = s.pointer;
        t.type = s.type;
        t.childType = childType(*p);
        index.insert(s.name, p->index);
        branches[size_t(p->index)] = int(p->branches.size());
        if (s.type == asl::StateType::Map && s.distributed)
            childDefinitionBytes.insert(s.name,
                                        jsonBytes(s.json.contains(u"ItemProcessor") ? s.json[u"ItemProcessor"]
                                                                                    : s.json[u"Iterator"]));
    }
    r.definitionBytes = jsonBytes(program->machine().json);

    const int total = std::max(0, options.runs);
    r.transitions.reserve(size_t(total));
    r.seconds.reserve(size_t(total));
    r.events.reserve(size_t(total));
    r.steps.reserve(size_t(total));
    QHash<QString, int> childSlot;
    QStringList unmocked;

    sim::ExecutionOptions eo;
    eo.input = options.input;
    eo.backend = options.backend;
    // One JSONata engine for all runs: it compiles each expression once.
    eo.jsonata = options.jsonata ? options.jsonata : &sim::JsonataEngine::forCurrentThread();
    eo.stateMachineName = options.stateMachineName;
    eo.region = options.region;
    eo.recordHistory = false;

    for (int run = 0; run < total; ++run) {
        if (progress && run % 256 == 0 && !progress(run, total)) {
            r.cancelled = true;
            break;
        }
        eo.seed = options.seed + quint64(run);
        sim::Execution ex(program, eo);
        Observer observer;
        observer.index = &index;
        observer.branches = &branches;
        observer.states = &r.states;
        observer.prices = &prices;
        observer.measure = options.measurePayload && run == 0;
        ex.onEvent = std::ref(observer);
        ex.runToCompletion();

        ++r.runs;
        const QString status = sim::toString(ex.status());
        r.statuses[status] += 1;
        if (ex.status() == sim::ExecutionStatus::Failed || ex.status() == sim::ExecutionStatus::TimedOut) {
            const QString error = ex.error().isEmpty() ? status : ex.error();
            if (r.failureErrors[error]++ == 0) r.failureCauses.insert(error, ex.cause());
        }
        r.transitions.push_back(double(ex.transitions()));
        r.seconds.push_back(ex.now());
        r.events.push_back(double(ex.eventCount()));
        r.steps.push_back(observer.steps);
        r.payloadBytes = std::max(r.payloadBytes, observer.payload);

        const std::vector<qint64> &perState = ex.transitionsPerState();
        for (size_t i = 0; i < perState.size() && i < r.states.size(); ++i)
            r.states[i].transitions += double(perState[i]);
        for (const sim::ChildRun &c : ex.childRuns()) {
            auto slot = childSlot.constFind(c.mapState);
            if (slot == childSlot.constEnd()) {
                ChildTally t;
                t.mapState = c.mapState;
                t.executionType = c.executionType;
                t.definitionBytes = childDefinitionBytes.value(c.mapState);
                slot = childSlot.insert(c.mapState, int(r.children.size()));
                r.children.append(t);
            }
            ChildTally &t = r.children[*slot];
            const double d = std::max(0.0, (c.finished >= 0 ? c.finished : ex.now()) - c.started);
            t.executions += 1;
            t.transitions += double(c.transitions);
            t.seconds += d;
            t.expressBilledSeconds += charges::expressBilledSeconds(d, prices);
            if (const auto it = index.constFind(c.mapState); it != index.constEnd())
                r.states[size_t(*it)].childExecutions += 1;
        }
        for (const QString &s : ex.unmockedStates()) {
            if (!unmocked.contains(s)) unmocked.append(s);
        }
    }
    if (progress && !r.cancelled) progress(r.runs, total);
    r.unmockedStates = unmocked;
    return r;
}

} // namespace sw::cost
