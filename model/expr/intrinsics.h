#pragma once

#include "jsonpath.h"

#include "json/json.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <memory>
#include <optional>

namespace sw::expr {

// The intrinsic functions of the JSONPath query language.
enum class IntrinsicFunction : quint8 {
    Format, StringToJson, JsonToString,
    Array, ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem, ArrayLength, ArrayUnique,
    Base64Encode, Base64Decode, Hash, JsonMerge,
    MathRandom, MathAdd, StringSplit, UUID,
};

struct IntrinsicInfo
{
    IntrinsicFunction function;
    const char *name; // "States.Format"
    int minArgs;
    int maxArgs; // -1: unbounded
};

// The function with this exact (case-sensitive) name, or nullptr.
const IntrinsicInfo *intrinsicInfo(QStringView name);
const IntrinsicInfo &intrinsicInfo(IntrinsicFunction f);
// Every function, in documentation order.
const QList<IntrinsicInfo> &allIntrinsics();

// AWS's limit on nested intrinsic calls within one field.
constexpr int MaxIntrinsicNesting = 10;

struct IntrinsicCall;

// One argument of an intrinsic call.
struct IntrinsicArg
{
    enum class Kind : quint8 { Literal, Path, Call };
    Kind kind = Kind::Literal;
    Json literal;               // Literal: string, number, true/false or null
    QStringList formatPieces;   // string Literal: the text around each unescaped {} (placeholders + 1 pieces)
    std::optional<JsonPath> path;               // Path: $..., $$..., $var...
    std::shared_ptr<const IntrinsicCall> call; // Call: a nested States.X(...)
    QString text;               // the argument as written
};

// A parsed intrinsic function call, e.g. States.Format('Hello {}', $.name).
//
// Syntax only: the function name is known and the argument count fits its arity; string literals
// are decoded (\' \{ \} \\ are the only escapes, any other backslash is an error, as AWS documents).
// Evaluation lives in the simulator (sim::evaluateIntrinsic). Never throws.
struct IntrinsicCall
{
    IntrinsicFunction function = IntrinsicFunction::Array;
    QString name;
    QList<IntrinsicArg> args;
    QString text;
};

// Parses an intrinsic call; nullopt with a one-line reason in *error when it is not one.
std::optional<IntrinsicCall> parseIntrinsic(QStringView text, QString *error = nullptr);

} // namespace sw::expr
