#pragma once

#include "evalcontext.h"
#include "outcome.h"

#include "expr/jsonpath.h"
#include "json/json.h"

#include <QString>

#include <optional>

namespace sw::sim {

// What a JSONPath selected.
struct PathValue
{
    Json value;      // definite path: the value; indefinite path: an array of the matches (maybe empty)
    QString missing; // definite path that selected nothing: the library's reason, e.g.
                     // "No results for path: $['foo']" (what AWS quotes after "Invalid path '...' : ")
    bool found() const { return missing.isEmpty(); }
};

// Evaluates a parsed JSONPath the way AWS does (Jayway semantics): `$...` against `data`, `$$...`
// against ctx.contextObject, `$name...` against ctx.variables. A definite path (names and single
// indexes) yields its value or a "missing" reason; an indefinite one (wildcards, slices, unions,
// filters, recursive descent) yields an array of every match, empty when nothing matches, and never
// fails. Pure: it never modifies its inputs, never throws, never does I/O.
PathValue evaluatePath(const expr::JsonPath &path, const Json &data, const EvalContext &ctx);

// Parses through a small per-thread cache keyed by the text, so an interpreter that passes the same
// strings state after state parses each one once. nullopt (and *error) for invalid syntax.
std::optional<expr::JsonPath> cachedPath(const QString &text, QString *error = nullptr);

// AWS's failure for a path in a payload template, an intrinsic argument or a *Path field that selects
// nothing: States.Runtime, "The JSONPath '$.x' specified for the field 'x.$' could not be found in the
// input '{...}'".
Failure jsonPathNotFound(QStringView pathText, QStringView fieldName, const Json &input);

// A Jayway-style rendering of a value's Java class, used in a few of AWS's path messages.
QString javaTypeName(const Json &value);

} // namespace sw::sim
