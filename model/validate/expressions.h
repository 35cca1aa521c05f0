#pragma once

#include "reporter.h"

#include "json/json.h"

#include <QString>
#include <QStringView>

namespace sw::validate {

// What kind of JSONPath text a field holds.
enum class PathKind {
    Path,            // InputPath, OutputPath: any JSONPath, context object and variables included
    Reference,       // ItemsPath, *SecondsPath, TimestampPath, ...: a Reference Path
    Result,          // ResultPath: a Reference Path rooted at `$`
    PathOrIntrinsic, // `.$` values, ErrorPath, CausePath: a JSONPath or an intrinsic function call
};

// Checks of the expression strings of a definition: JSONPath and reference paths, payload templates
// with `.$` keys (and the types of literal intrinsic-function arguments), Pass results, and JSONata
// "{% ... %}" strings. Each function reports through the Reporter and walks nested JSON with an
// explicit stack, so deeply nested payloads cannot exhaust the call stack.

// Whether `text` is valid for `kind`; a one-line reason in *why when it is not.
bool isValidPathText(PathKind kind, QStringView text, QString *why = nullptr);
QString pathKindDescription(PathKind kind);

// A JSONata "{% ... %}" string: reports INVALID_JSONATA_EXPRESSION or UNSUPPORTED_JSONATA_EXPRESSION.
// Returns whether it is valid. `text` must be an expression string (asl::isJsonataExpression).
// `$states.errorOutput` is only allowed where `errorOutputAllowed` (a Catcher's Output and Assign).
bool checkJsonataString(Reporter &r, const QString &text, const QString &pointer, SourcePos pos,
                        bool errorOutputAllowed = false);
// Every "{% ... %}" string anywhere inside `value` (each reported at its own pointer, as AWS does),
// and strings with only one of the two delimiters.
void checkJsonataStrings(Reporter &r, const Json &value, const QString &pointer,
                         bool errorOutputAllowed = false);

// A JSONPath payload template (Parameters, ResultSelector, ItemSelector, ItemReader/ResultWriter
// Parameters, BatchInput, Credentials, Assign): `.$` keys need a path or intrinsic call; keys that
// look like paths without `.$` get a NO_DOLLAR warning; a key given with and without `.$` is an
// error. Diagnostics use `fieldPointer` (AWS reports at the field, e.g. /States/X/Parameters) and
// the position of the offending value.
void checkPayloadTemplate(Reporter &r, const Json &value, const QString &fieldPointer);

// A Pass state's Result is static data: `.$` keys inside it are not evaluated (warning).
void checkPassResult(Reporter &r, const Json &value, const QString &pointer);

// True for strings that look like a JSONPath or an intrinsic call ("$.x", "$$.y", "States.Z(...)").
bool looksLikePathOrIntrinsic(QStringView text);

} // namespace sw::validate
