#pragma once

#include "asl/statemachine.h"
#include "json/json.h"

#include <QString>
#include <QStringList>

namespace sw::gui::runconfig {

// Parses an execution input typed in the run panel. Returns the error ("3:14: ...") or an empty
// string, with the value in `out`.
QString parseInput(const QString &text, Json *out);

// Mock files offered for a definition: `<base>.mocks-config.json` and `<base>.mocks.json` beside
// it, then the bundled example's files when the definition is one of the bundled examples
// (resources/examples, installed or in the source tree). `base` is the file name without
// `.asl.json` / `.json`.
QStringList suggestedMockFiles(const QString &definitionPath);

// The test cases of a MockConfigFile's only state machine (empty for a profile, or when the file
// cannot be read; `error` says why when it is not a mock file at all).
QStringList testCases(const QString &mockPath, QString *error);

// A MockConfigFile with one test case ("HappyPath") that names every Task state of `machine`
// (nested ones too) and one response per task returning an empty object: the skeleton a user
// fills in. `machineName` keys StateMachines.
Json mockSkeleton(const asl::StateMachine &machine, const QString &machineName);

// The state machine name used for MockConfigFiles and ARNs: the file name up to the first dot.
QString machineNameFor(const QString &definitionPath);

bool writeJsonFile(const QString &path, const Json &value, QString *error);

} // namespace sw::gui::runconfig
