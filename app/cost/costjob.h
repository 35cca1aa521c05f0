#pragma once

#include "asl/statemachine.h"
#include "cost/pricetable.h"
#include "cost/sample.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace sw::gui {

// What one Monte Carlo estimate needs, as plain values the GUI thread hands to a worker thread:
// the definition and the input as text (the worker parses its own copies, so no tree is shared
// with the document while it is being edited), the mock file to load, and the run settings.
struct CostJobInput
{
    QByteArray definition; // JSON, placeholders already resolved
    QByteArray input = QByteArrayLiteral("{}");
    QString mocks;        // path; empty: every task echoes its input after 0 s
    QString stateMachine; // inside a MockConfigFile (empty: its only one)
    QString testCase;     // inside a MockConfigFile (empty: its only one)
    QString machineName = QStringLiteral("StateMachine");
    QString region = QStringLiteral("us-east-1");
    int runs = 1000;
    quint64 seed = 0;
    cost::PriceTable prices;
};

struct CostJobOutput
{
    QString error; // the definition, input or mocks cannot be run (nothing simulated)
    asl::StateMachine machine;
    cost::SimulationResult simulation;
};

// Parses, loads the mocks and runs the Monte Carlo simulation: the slow part of an estimate, run
// on a worker thread. `progress(done, total)` may return false to cancel.
CostJobOutput runCostJob(const CostJobInput &in, const std::function<bool(int, int)> &progress);

// The test cases of an AWS MockConfigFile as "Case" (one state machine) or "Machine/Case"; empty
// for a Stepwise mock profile or a file that cannot be read.
QStringList mockTestCases(const QString &path);

} // namespace sw::gui
