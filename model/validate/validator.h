#pragma once

#include "asl/asldocument.h"
#include "diagnostic.h"

#include <QSet>

namespace sw::validate {

enum class MachineType { Standard, Express };

struct Options
{
    MachineType type = MachineType::Standard;
    // Placeholders a template substitutes unquoted (`"Seconds": ${Wait}` in a CloudFormation
    // DefinitionString): the definition holds them as the string "${Wait}", but once deployed they
    // are numbers or booleans, so numeric and boolean fields accept exactly that string.
    QSet<QString> rawPlaceholders;
};

// Checks a definition as AWS's ValidateStateMachineDefinition / CreateStateMachine would: schema
// (unknown, missing, mistyped and mutually exclusive fields), transitions, reachability, terminal
// states, names, paths, intrinsic functions and JSONata syntax, Retry/Catch ranges, and the EXPRESS
// restrictions. Diagnostics carry AWS-style codes, JSON pointers and line:column positions, sorted by
// position. Never modifies the document, never fails.
Diagnostics validate(const asl::AslDocument &doc, const Options &options = {});

} // namespace sw::validate
