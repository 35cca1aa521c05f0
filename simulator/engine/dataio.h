#pragma once

// The engine's view of the expression layer: JSONPath-language input/output processing named after
// the spec. One adapter so the interpreter does not depend on how paths and templates are compiled.

#include "asl/statemachine.h"
#include "data/evalcontext.h"
#include "data/outcome.h"

namespace sw::sim::io {

JsonOutcome inputPath(const Json &path, const Json &input, const EvalContext &ctx);
// Parameters, ItemSelector, ResultSelector and JSONPath Assign: ".$" keys evaluated against `input`.
JsonOutcome payload(const Json &tmpl, const Json &input, const EvalContext &ctx);
JsonOutcome resultPath(const Json &path, const Json &stateInput, const Json &result);
JsonOutcome outputPath(const Json &path, const Json &value, const EvalContext &ctx);
// A path or intrinsic call used as a value (ItemsPath, SecondsPath, ErrorPath...).
JsonOutcome value(const QString &pathOrIntrinsic, const QString &field, const Json &input, const EvalContext &ctx);
Outcome<bool> choice(const asl::ChoiceRule &rule, const Json &input, const EvalContext &ctx);

} // namespace sw::sim::io
