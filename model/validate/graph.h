#pragma once

#include "reporter.h"

#include "asl/statemachine.h"

#include <QList>
#include <QSet>
#include <QString>

namespace sw::validate {

// Checks of the state graph and of names, as AWS reports them.
//
// - checkTransitions: in one scope (the top-level machine, a Parallel branch or a Map processor),
//   StartAt, Next, Default, Choices[].Next and Catch[].Next must name a state of that same scope
//   (MISSING_TRANSITION_TARGET "Missing 'Next' target: X"); a terminal state must be reachable from
//   StartAt (MISSING_END_STATE "Workflow has no terminal state", which suppresses the next check);
//   every state must be reachable (MISSING_TRANSITION_TARGET "State \"C\" is not reachable.").
//   Transitions come from asl::edgesOf(). The walk is iterative, so cycles and long chains are fine.
// - checkStateNames: names are unique across all scopes (DUPLICATE_STATE_NAME) and at most 80
//   characters long (INVALID_STATE_NAME).
// - checkDuplicateKeys: no object of the document has the same key twice (INVALID_JSON_DESCRIPTION);
//   States objects (given by pointer) are left to checkStateNames.
void checkTransitions(Reporter &r, const asl::StateMachine &machine, const QSet<QString> &allStateNames);
void checkStateNames(Reporter &r, const QList<const asl::StateMachine *> &machines);
void checkDuplicateKeys(Reporter &r, const Json &root, const QSet<QString> &statesObjectPointers);

// The names of the states of one scope (the keys of its States object).
QSet<QString> stateNamesOf(const asl::StateMachine &machine);

} // namespace sw::validate
