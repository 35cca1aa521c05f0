#pragma once

#include "json/json.h"

#include <QString>
#include <QStringView>

namespace sw::edit {

// Where new keys go. An edit must not reorder what the author wrote, yet a key the editor adds
// (a Retry array, End, a Catch row's ResultPath...) should land where a reader of ASL expects it:
// this file holds ASL's canonical member order for each kind of object (the order of the AWS
// developer guide and the console's generated definitions) and inserts a new key before the first
// existing key that canonically follows it. Keys already present keep their place; keys unknown
// to the table are never moved, and new unknown keys go last.
enum class ObjectKind { Machine, State, Retrier, Catcher, ChoiceRule, Condition, ProcessorConfig, Other };

// The kind of the object at `relative`, a JSON pointer inside a state object ("" is the state
// itself, "/Retry/0" a Retrier, "/Choices/1/And/0" a nested condition).
ObjectKind objectKindInState(QStringView relative);

// The canonical rank of a key in an object of that kind; -1 when the table does not know it.
int canonicalRank(ObjectKind kind, QStringView key);

// Sets `key` to `value` in the object `obj`: in place when the key exists, else at its canonical
// position. An undefined value removes the key.
void setMember(Json &obj, const QString &key, const Json &value, ObjectKind kind);

// Replaces the member `oldKey` by `newKey: value` at the same position (e.g. Next -> End,
// Seconds -> SecondsPath, StringEquals -> NumericEquals). Inserts canonically when `oldKey` is
// absent.
void replaceMember(Json &obj, QStringView oldKey, const QString &newKey, const Json &value, ObjectKind kind);

} // namespace sw::edit
