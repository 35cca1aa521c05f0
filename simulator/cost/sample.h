#pragma once

#include "asl/statemachine.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <vector>

namespace sw::cost {

// One state's counts summed over all Monte Carlo runs.
struct StateTally
{
    QString name;
    QString pointer;
    asl::StateType type = asl::StateType::Unknown;
    QString childType;      // STANDARD / EXPRESS when the state runs inside Distributed Map child executions
    double transitions = 0; // entries + retries (+ one per child started, for a Distributed Map)
    double entries = 0;
    double taskAttempts = 0;         // Task invocations: first tries and retries
    double taskSeconds = 0;          // simulated time from each TaskScheduled to the task's end
    double lambdaBilledSeconds = 0;  // the same, each attempt rounded as Lambda bills it
    double fargateBilledSeconds = 0; // the same, each attempt rounded as Fargate bills it
    double mapIterations = 0;        // inline Map iterations started
    double childExecutions = 0;      // Distributed Map child executions started
};

// The Distributed Map child executions of one Map state, summed over all runs.
struct ChildTally
{
    QString mapState;
    QString executionType; // STANDARD or EXPRESS
    double executions = 0;
    double transitions = 0;
    double seconds = 0;
    double expressBilledSeconds = 0; // each child's duration rounded up as Express bills it
    double definitionBytes = 0;      // size of the child's definition (the ItemProcessor)
};

// What N Monte Carlo runs of a definition produced, in plain numbers: the input of CostModel.
// Produced by MonteCarlo from real executions, or written by hand in tests.
struct SimulationResult
{
    int runs = 0;
    bool cancelled = false;
    QMap<QString, int> statuses;      // SUCCEEDED, FAILED, TIMED_OUT, RUNNING (left waiting for a callback)
    QMap<QString, int> failureErrors; // error name -> failed runs
    QMap<QString, QString> failureCauses; // error name -> the cause of its first run
    std::vector<double> transitions;      // per run, billed to the execution itself (without the start)
    std::vector<double> seconds;          // per run, simulated duration
    std::vector<double> events;           // per run, history events of the execution itself
    std::vector<double> steps;            // per run, inline Map iterations + Parallel branches started
    std::vector<StateTally> states;       // every state of the definition, nested ones included
    QList<ChildTally> children;
    double definitionBytes = 0; // compact JSON size of the definition
    double payloadBytes = 0;    // largest state input or output seen (first run)
    QStringList unmockedStates;
};

} // namespace sw::cost
