#pragma once

#include "cost/pricetable.h"
#include "cost/sample.h"
#include "json/json.h"

#include <QString>

#include <functional>
#include <memory>

namespace sw::sim {
class Program;
class TaskBackend;
class JsonataEngine;
} // namespace sw::sim

namespace sw::cost {

struct MonteCarloOptions
{
    int runs = 1000;
    quint64 seed = 0; // run i uses seed + i
    Json input = Json::object();
    sim::TaskBackend *backend = nullptr;   // nullptr: every task echoes its input after 0 s
    sim::JsonataEngine *jsonata = nullptr; // nullptr: the calling thread's shared engine
    QString stateMachineName = QStringLiteral("StateMachine");
    QString region = QStringLiteral("us-east-1");
    bool measurePayload = true; // size the largest state payload in the first run (Express memory)
};

// Runs a compiled definition N times on the simulator's virtual clock (seeds S..S+N-1, no history
// kept) and tallies what billing needs: transitions per run and per state, retries, durations,
// history events, Parallel branches and inline Map iterations (Express memory), Distributed Map
// children by type, and each Task attempt's time from TaskScheduled to its end (Lambda / Fargate).
// It only observes executions through their public API; prices are used for rounding rules only.
class MonteCarlo
{
public:
    // `progress(done, total)` is called now and then; returning false cancels (the result says so).
    static SimulationResult run(const std::shared_ptr<const sim::Program> &program,
                                const MonteCarloOptions &options, const PriceTable &prices,
                                const std::function<bool(int, int)> &progress = {});
};

} // namespace sw::cost
