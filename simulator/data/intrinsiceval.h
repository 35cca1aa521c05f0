#pragma once

#include "evalcontext.h"
#include "outcome.h"

#include "expr/intrinsics.h"
#include "json/json.h"

#include <QString>
#include <QStringView>

#include <optional>

namespace sw::sim {

// Evaluates an intrinsic function call (States.Format, States.ArrayRange, ...) with AWS's results,
// limits and errors. Path arguments are resolved against `data` ($), ctx.contextObject ($$) and
// ctx.variables ($name); a path that selects nothing fails with States.Runtime naming `fieldName`
// (e.g. "x.$"); invalid argument values fail with States.IntrinsicFailure. Randomness (MathRandom
// without a seed, UUID) comes only from ctx.random. Never throws, never does I/O.
JsonOutcome evaluateIntrinsic(const expr::IntrinsicCall &call, const Json &data, const EvalContext &ctx,
                              QStringView fieldName);

// Parses through a small per-thread cache keyed by the text. nullopt (and *error) when invalid.
std::optional<expr::IntrinsicCall> cachedIntrinsic(const QString &text, QString *error = nullptr);

// How States.Format renders an argument: AWS converts JSON to Java values and calls toString(), so
// strings appear raw, objects as {a=1, b=[x, y]} and doubles in Java's notation (1.0, 1.0E21).
QString javaToString(const Json &value);
// Java's Double.toString.
QString javaDoubleToString(double d);

} // namespace sw::sim
