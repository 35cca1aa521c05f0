#pragma once

#include "json/json.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace sw::sim {

// AWS execution history event types (HistoryEventType in the service model).
enum class EventType : quint8 {
    ExecutionStarted, ExecutionSucceeded, ExecutionFailed, ExecutionTimedOut, ExecutionAborted,
    TaskStateEntered, TaskStateExited, TaskStateAborted,
    PassStateEntered, PassStateExited,
    ChoiceStateEntered, ChoiceStateExited,
    WaitStateEntered, WaitStateExited, WaitStateAborted,
    SucceedStateEntered, SucceedStateExited,
    FailStateEntered,
    ParallelStateEntered, ParallelStateStarted, ParallelStateSucceeded, ParallelStateFailed,
    ParallelStateAborted, ParallelStateExited,
    MapStateEntered, MapStateStarted, MapStateSucceeded, MapStateFailed, MapStateAborted, MapStateExited,
    MapIterationStarted, MapIterationSucceeded, MapIterationFailed, MapIterationAborted,
    MapRunStarted, MapRunSucceeded, MapRunFailed, MapRunAborted,
    TaskScheduled, TaskStarted, TaskSubmitted, TaskSucceeded, TaskFailed, TaskTimedOut,
    LambdaFunctionScheduled, LambdaFunctionStarted, LambdaFunctionSucceeded, LambdaFunctionFailed,
    LambdaFunctionTimedOut,
    ActivityScheduled, ActivityStarted, ActivitySucceeded, ActivityFailed, ActivityTimedOut,
    EvaluationFailed,
};

const char *eventTypeName(EventType t);
bool isStateEntered(EventType t);
bool isStateExited(EventType t);

// One history event, as AWS records it, plus what the designer needs to place it on the canvas.
// Payloads are kept as Json and serialised only on export, so recording is cheap.
struct HistoryEvent
{
    qint64 id = 0;
    qint64 previousEventId = 0;
    double time = 0; // simulated seconds since the execution started
    EventType type = EventType::ExecutionStarted;

    QString stateName;  // the state the event belongs to (empty for execution events)
    QString statePointer; // JSON pointer of that state in the definition
    int fiber = 0;      // which branch/iteration (0 = the top level)
    int mapIndex = -1;  // the innermost Map iteration index, or -1
    int childRun = -1;  // index of the Distributed Map child execution whose history holds it, or -1
    // StateEntered: the transition taken to get here (asl::EdgeKind; Start for a machine's first state).
    QString viaFrom;
    int viaKind = -1;
    int viaIndex = 0;

    Json input;         // StateEntered input / Scheduled parameters / ExecutionStarted input
    Json output;        // StateExited / Succeeded output, TaskSubmitted output
    QString error;
    QString cause;
    Json extra;         // type-specific fields (resourceType, resource, length, assignedVariables...)
};

// The GetExecutionHistory response shape: {"events":[{"timestamp","type","id","previousEventId",
// "<type>EventDetails":{...}}]}. Timestamps are ISO-8601 strings with an offset, as the AWS CLI
// prints them.
Json historyEventToAws(const HistoryEvent &e, const QDateTime &startTime);
Json historyToAws(const QList<HistoryEvent> &events, const QDateTime &startTime);

} // namespace sw::sim
