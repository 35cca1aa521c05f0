#pragma once

#include <QString>
#include <QStringView>

namespace sw::expr {

// Syntax checks for the expression strings of JSONPath-language states, for the validator.
//
// Each checker answers "would AWS accept this text in such a field" and, when it would not, writes a
// one-line reason into *error (when error is non-null). They only look at syntax: they never
// evaluate anything, never look at data, and never throw. The same parsers back the simulator, so
// a string the validator accepts is one the simulator can run.
//
// - isValidPath: a JSONPath as InputPath, OutputPath, ItemsPath, a `.$` payload value, the
//   ...Path comparison operands... accept: `$`, `$.a[0].b`, `$..x`, `$.a[*]`, slices, unions,
//   filters, the context object `$$...` and variables `$name...`.
// - isValidReferencePath: a "Reference Path" (ResultPath, Choice Variable, ...): a path that
//   identifies a single node: only `.name`, `['name']` and `[n]` steps, no wildcards, slices,
//   unions, filters or recursive descent.
// - isValidIntrinsicCall: an intrinsic function call `States.X(args...)` with a known function name,
//   a valid argument count and valid arguments (literals, paths, nested calls).
// - isValidPathOrIntrinsic: either of the two, as accepted by `.$` keys of Parameters,
//   ResultSelector, ItemSelector and JSONPath Assign.
bool isValidPath(QStringView text, QString *error = nullptr);
bool isValidReferencePath(QStringView text, QString *error = nullptr);
bool isValidIntrinsicCall(QStringView text, QString *error = nullptr);
bool isValidPathOrIntrinsic(QStringView text, QString *error = nullptr);
// A reference path rooted at `$` (no `$$`, no variable): what ResultPath accepts.
bool isValidResultPath(QStringView text, QString *error = nullptr);

// True when the text looks like an intrinsic call (starts with `States.`),
// which decides whether a `.$` value is checked as an intrinsic or as a path.
bool looksLikeIntrinsicCall(QStringView text);

} // namespace sw::expr
