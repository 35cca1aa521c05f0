#pragma once

#include "evalcontext.h"
#include "outcome.h"

#include "asl/statemachine.h"
#include "json/json.h"

#include <QStringView>

namespace sw::sim {

// Evaluates a JSONPath-language Choice rule (a comparison, or And/Or/Not of rules) against the
// Choice state's effective input, the way AWS does:
// - a comparison whose Variable selects nothing fails with States.Runtime "Invalid path '$.x': The
//   choice state's condition path references an invalid value." (IsPresent excepted: it is false);
//   a ...Path operand that selects nothing fails likewise ("comparison path");
// - a value of the wrong type is not an error: StringEquals on a number, NumericEquals on a string,
//   TimestampEquals on a non-timestamp string... are simply false;
// - numbers compare by value (1 == 1.0), strings by UTF-16 code units, timestamps as instants
//   (RFC 3339 with "T" and "Z"/offset, see parseTimestamp), StringMatches with `*` wildcards
//   (`\*` and `\\` escape them).
// JSONata `Condition` rules belong to the JSONata engine and fail here. Pure; never throws.
Outcome<bool> evaluateChoiceRule(const asl::ChoiceRule &rule, const Json &input, const EvalContext &ctx);

// StringMatches: `*` matches any run of characters; `\*` a literal asterisk, `\\` a backslash.
bool stringMatches(QStringView value, QStringView pattern);

} // namespace sw::sim
