#pragma once

#include "diagnostic.h"
#include "engine/history.h"
#include "json/json.h"

#include <QDateTime>
#include <QList>

namespace sw::sim {

// An execution history read back from AWS: the events, when the execution started, and what could
// not be read.
struct ImportedHistory
{
    QList<HistoryEvent> events; // in id order
    QDateTime startTime;        // the first event's timestamp (UTC); invalid when none had one
    Diagnostics problems;       // errors: INVALID_HISTORY; warnings: UNSUPPORTED_HISTORY_EVENT, HISTORY_PAYLOAD
    bool ok() const { return !hasErrors(problems); }
};

// Reads the output of GetExecutionHistory (`aws stepfunctions get-execution-history`, or the raw API
// response): {"events": [{"timestamp", "type", "id", "previousEventId", "<type>EventDetails": {...}}]},
// or the events array alone, in either order (--reverse-order); the same under "executionHistory"
// or "history" beside an execution's details (the console's Export of an execution, DescribeExecution
// fields); or pages of it saved one after another ([{"events": ...}, {"events": ...}], joined).
// Timestamps may be ISO-8601 strings with an offset (the CLI), epoch seconds (the API) or epoch
// milliseconds (a browser's); times become seconds since the first event.
// Payloads (input, output, parameters) are JSON text in AWS's events and are parsed back into values;
// error and cause go to their own fields, state names to stateName, and the other detail fields to
// `extra` as historyEventToAws writes them, so importing an exported history gives the same export.
// AWS does not record which state or branch a Task or Map event belongs to: stateName, mapIndex and
// fiber (a number per concurrent chain: 0 for the top level, then one per Parallel branch and Map
// iteration in order of appearance) are derived from the previousEventId chain. statePointer and
// childRun are left empty. Event types the simulator does not model are skipped with a warning.
// Pure: no I/O, never throws, accepts any Json.
ImportedHistory importHistory(const Json &root);

} // namespace sw::sim
