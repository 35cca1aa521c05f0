#pragma once

#include "evalcontext.h"
#include "outcome.h"

#include "json/json.h"

#include <QString>
#include <QStringView>

#include <memory>

namespace sw::sim {

// Input and output processing of JSONPath-language states, named after the ASL specification:
// InputPath -> Parameters / ItemSelector (payload templates) -> task -> ResultSelector -> ResultPath
// -> OutputPath, plus JSONPath-language Assign (also a payload template).
//
// Field arguments are the state's raw field values (Json): undefined when the field is absent, null
// when the author wrote null, a string otherwise. Failures carry AWS's error name and the cause text
// that follows AWS's "An error occurred while executing the state 'X' (entered at the event id #N). "
// prefix (the interpreter adds the prefix when Failure::prefixed is set). These functions are pure:
// they never keep state, never throw and never do I/O; parsed paths and intrinsic calls are cached
// per thread by their text, and a payload template can be compiled once with CompiledTemplate.

// InputPath (also ItemsPath): absent -> the input; null -> {}; a path -> what it selects.
// A definite path that selects nothing fails with States.Runtime
// "Invalid path '$.foo' : No results for path: $['foo']".
JsonOutcome applyInputPath(const Json &inputPath, const Json &input, const EvalContext &ctx);

// OutputPath: absent -> the output; null -> {}; a path -> what it selects (same failures).
JsonOutcome applyOutputPath(const Json &outputPath, const Json &output, const EvalContext &ctx);

// ResultPath: absent or "$" -> the result replaces the input; null -> the input unchanged;
// "$.a.b" -> a copy of the input with the result stored there, creating missing objects on the way.
// Storing into something that is not an object (or an array for [n]) fails with
// States.ReferencePathConflict "Unable to apply step "a" to input ..." (no state prefix).
JsonOutcome applyResultPath(const Json &resultPath, const Json &stateInput, const Json &result);

// Parameters / ItemSelector / ResultSelector / JSONPath Assign: a JSON template whose keys ending in
// ".$" take the value of a path or intrinsic function evaluated against `data`, recursively through
// nested objects and arrays. A path that selects nothing fails with States.Runtime
// "The JSONPath '$.x' specified for the field 'x.$' could not be found in the input '{...}'".
JsonOutcome applyPayloadTemplate(const Json &payloadTemplate, const Json &data, const EvalContext &ctx);

// One `.$`-style value (a path or an intrinsic call) evaluated for the field `fieldName` (used in
// messages, e.g. "x.$", "CausePath", "ErrorPath").
JsonOutcome evaluatePathOrIntrinsic(QStringView expression, QStringView fieldName, const Json &data,
                                    const EvalContext &ctx);

// A payload template prepared once (paths and intrinsic calls parsed, static subtrees kept as
// values) for an interpreter that evaluates the same state many times. Cheap to copy.
class CompiledTemplate
{
public:
    CompiledTemplate() = default;
    // Fails (States.Runtime) when a ".$" value is not a string or not a valid path/intrinsic call.
    static Outcome<CompiledTemplate> compile(const Json &payloadTemplate);

    bool isStatic() const { return !m_root; } // no ".$" anywhere: evaluate() returns the template
    JsonOutcome evaluate(const Json &data, const EvalContext &ctx) const;

    struct Node;

private:
    std::shared_ptr<const Node> m_root;
    Json m_static;
};

} // namespace sw::sim
