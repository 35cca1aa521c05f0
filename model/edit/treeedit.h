#pragma once

#include "json/json.h"

#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>

namespace sw::edit {

// Addressing and walking the definition tree for the edit operations. States are addressed by
// their JSON pointer (".../States/NAME"), machines by theirs ("" for the top level,
// "/States/P/Branches/0", "/States/M/ItemProcessor"). Changes go through mutableAt(), which walks
// the copy-on-write tree so only the nodes on the path are copied: every other subtree stays
// shared with the previous version, which is what keeps undo snapshots small and untouched text
// byte-identical.

struct StateAddress
{
    QString scope; // pointer of the machine holding the state
    QString name;
    bool isValid() const { return !name.isEmpty(); }
};
// Splits ".../States/NAME"; invalid when the pointer does not end in a States member.
StateAddress splitStatePointer(QStringView pointer);
QString statePointer(const QString &scope, const QString &name);
QString statesPointer(const QString &scope);

// The value at a pointer without copying (nullptr when absent).
const Json *valueAt(const Json &root, QStringView pointer);
// The value at a pointer, detached for writing (nullptr when absent).
Json *mutableAt(Json &root, QStringView pointer);

// Every state name of the definition, in all scopes (ASL names are unique across the machine).
QSet<QString> allStateNames(const Json &root);
// Every state name inside one state object (its branches and processor, recursively).
QStringList nestedStateNames(const Json &state);
// `base`, or `base (2)`, `base (3)`... whichever is not taken; names are kept within 80 characters.
QString uniqueStateName(const QString &base, const QSet<QString> &taken);

// Machines nested in a state object: its Branches and its ItemProcessor (or legacy Iterator), as
// pointers relative to the state.
QStringList nestedMachines(const Json &state);

// One transition written in a machine: StartAt, a state's Next or Default, a Choice rule's Next
// or a Catch row's Next.
struct Reference
{
    enum class Kind { StartAt, Next, Default, ChoiceRule, Catch };
    Kind kind = Kind::Next;
    QString from; // the state it leaves ("" for StartAt)
    int index = 0;
    QString target;
};
// The transitions written directly in a machine object (not in nested machines).
QList<Reference> referencesIn(const Json &machine);
// Calls `rewrite` for every transition target of a machine (not of nested ones); the callback
// may change the target in place.
void rewriteReferences(Json &machine, const std::function<void(Reference::Kind, QString &target)> &rewrite);

// Pins (keyed by state pointer) under `prefix`: the state itself and everything nested in it.
bool pointerIsUnder(QStringView pointer, QStringView prefix);

} // namespace sw::edit
