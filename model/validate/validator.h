#pragma once

#include "asl/asldocument.h"
#include "diagnostic.h"

namespace sw::validate {

enum class MachineType { Standard, Express };

struct Options
{
    MachineType type = MachineType::Standard;
};

// Checks a definition as AWS's ValidateStateMachineDefinition / CreateStateMachine would: schema
// (unknown, missing, mistyped and mutually exclusive fields), transitions, reachability, terminal
// states, names, paths, intrinsic functions and JSONata syntax, Retry/Catch ranges, and the EXPRESS
// restrictions. Diagnostics carry AWS-style codes, JSON pointers and line:column positions, sorted by
// position. Never modifies the document, never fails.
Diagnostics validate(const asl::AslDocument &doc, const Options &options = {});

} // namespace sw::validate
