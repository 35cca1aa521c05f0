#pragma once

#include "engine/backend.h"

#include <QString>

#include <memory>

namespace sw::sim {

// Loads a mock file (an AWS MockConfigFile or a Stepwise mock profile, told apart by their keys)
// and makes the backend for one run configuration. For a MockConfigFile, `stateMachine` may be
// empty when the file holds one state machine, and `testCase` when that machine has one test case.
// Returns nullptr with `error` set (file, pointer and what is wrong) when it cannot.
std::unique_ptr<TaskBackend> loadMocks(const QString &path, const QString &stateMachine, const QString &testCase,
                                       QString *error);

} // namespace sw::sim
