#pragma once

#include "reporter.h"

#include "asl/statemachine.h"

namespace sw::validate {

// Where a (nested) state machine object sits.
enum class MachineKind { Top, Branch, ItemProcessor, Iterator };

// The shape of a definition, as AWS's schema validation sees it: which fields a machine object and
// each state may have (by state type and query language), which are required, which exclude each
// other, Next/End, Type and QueryLanguage (with AWS's rule that a JSONata machine cannot have
// JSONPath states). Field values are checked elsewhere (statechecks.cpp).

// Returns false when `machine` is not an object (nothing more can be checked in it).
bool checkMachineObject(Reporter &r, const Json &machine, const QString &pointer, MachineKind kind);

// Returns false when the state is not an object with a valid Type (its fields are then not checked).
// `downgradeAllowed`: the state runs in the child workflow of a Distributed Map, which may declare
// JSONPath under a JSONata machine (asl-validator accepts it; AWS's rule was measured on top-level
// states only).
bool checkStateSchema(Reporter &r, const asl::State &state, asl::QueryLanguage topLanguage,
                      bool downgradeAllowed);

} // namespace sw::validate
