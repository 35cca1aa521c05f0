#pragma once

#include "cost/costmodel.h"

namespace sw::cost {

// Ways to pay less or to avoid a failure, found from the definition and the simulated runs:
// Pass states that only reshape data next to a Task (fold them into its Parameters / ResultSelector),
// retry policies whose worst case would dominate the bill, inline Maps close to the 25,000-event
// history limit of Standard executions (use a Distributed Map), and the saving of running as
// Express when it is eligible and cheaper. Sorted by monthly amount, largest first.
QList<Hint> findHints(const asl::StateMachine &machine, const SimulationResult &sim,
                      const CostReport &report);

// The longest a retry policy can wait in total: every retrier exhausted, each wait
// IntervalSeconds x BackoffRate^k, capped by MaxDelaySeconds (jitter ignored).
double worstCaseBackoffSeconds(const QList<asl::Retrier> &retry);

} // namespace sw::cost
