#pragma once

#include "asl/edges.h"
#include "json/json.h"
#include "layoutsidecar.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace sw::edit {

// The edits of the designer as pure functions: each takes the definition (tree and pins) and
// returns the edited version, or an error saying why the edit is refused (nothing changes then).
// Undo commands (commands.h) are thin wrappers that keep the before and after versions. The
// functions address states by JSON pointer and machines by theirs ("" for the top level), touch
// only the members an edit is about (everything else keeps its order, spelling and sharing), put
// new keys in ASL's canonical order (aslorder.h) and keep pins in step with renamed, moved and
// removed states. They never do I/O and never see a view.

struct Snapshot
{
    Json root;
    Pins pins;
};

struct EditResult
{
    Snapshot after;
    QString error;           // refused: why (after is then meaningless)
    QStringList created;     // pointers of the states the edit created or moved (to select them)
    bool ok() const { return error.isEmpty(); }
    static EditResult refused(const QString &error)
    {
        EditResult r;
        r.error = error;
        return r;
    }
};

// --- States (stateops.cpp) ---------------------------------------------------------------------

// Adds `state` to the machine `scope` under `name` (made unique; names nested in the state, e.g.
// a Parallel's branch states, too). With `after` (a state pointer in the same machine) the new
// state is inserted into the flow: it takes over `after`'s Next (or End) and `after` goes to it.
// The first state of an empty machine becomes its StartAt.
EditResult addState(const Snapshot &s, const QString &scope, const QString &name, const Json &state,
                    const QString &after = QString());

// Removes states (and everything nested in them). Every transition to a removed state that has
// exactly one successor (its Next, followed through other removed states) goes to that successor
// instead, so deleting a step in a chain reconnects its predecessor to its successor. Otherwise a
// Next becomes End, a Default or a Catch row that led there is removed and StartAt moves to the
// first remaining state. Pins of removed states are dropped. Refused when it would empty a machine
// (the top level, a branch or an item processor).
EditResult removeStates(const Snapshot &s, const QStringList &pointers);

// Renames a state and rewrites every transition to it in its machine (StartAt, Next, Default,
// Choice rules, Catch rows) and the pins of it and of the states nested in it.
EditResult renameState(const Snapshot &s, const QString &pointer, const QString &newName);
// Why a name cannot be used for the state at `pointer` ("" when it can).
QString checkStateName(const Json &root, const QString &pointer, const QString &name);

// The states as ASL JSON text: an object of name -> state, in authored order, 2-space indented.
QByteArray copyStates(const Json &root, const QStringList &pointers);
// Adds the states in `text` (what copyStates writes; also a whole definition, a single state
// object, or members without the enclosing braces) to the machine `scope`. Names that are taken
// get a " (2)" suffix, and transitions between the pasted states follow the new names; a Next to
// a state that is neither pasted nor in the machine becomes End, such a Default or Catch row is
// dropped (Choice rules keep their target: the validator points at them).
EditResult pasteStates(const Snapshot &s, const QString &scope, const QByteArray &text);
// copyStates + pasteStates into each state's own machine.
EditResult duplicateStates(const Snapshot &s, const QStringList &pointers);

// Moves states of one machine into a new Parallel (as its one branch) or Map (as its item
// processor) that takes their place: transitions into the group go to the new state, transitions
// out of it end the branch and become the new state's Next (a Catch row leading out moves to the
// new state). Pins of moved states are dropped.
enum class WrapKind { Parallel, Map };
EditResult wrapStates(const Snapshot &s, const QStringList &pointers, WrapKind kind, const QString &name);

// --- Transitions and fields (transitionops.cpp) ------------------------------------------------

// Connects `from` to `to` (states of one machine): from a Choice it adds a rule; with
// `asCatch` from a Task, Parallel or Map it adds a Catch row; otherwise it sets Next (replacing
// End). Refused across machines and from Succeed and Fail.
EditResult connectStates(const Snapshot &s, const QString &from, const QString &to, bool asCatch);
// Points one transition (StartAt, a Next, a Choice rule, a Default or a Catch row) at `target`,
// a state of the edge's machine.
EditResult retargetEdge(const Snapshot &s, const asl::EdgeId &edge, const QString &target);
EditResult setStartAt(const Snapshot &s, const QString &scope, const QString &name);
// End on: Next is replaced by End. End off: End is replaced by a Next to the state that follows in
// authored order (refused when there is none).
EditResult toggleEnd(const Snapshot &s, const QString &pointer);

// Sets one member below an object: `owner` is a state or machine pointer and `relative` the
// member's pointer inside it ("/Comment", "/Retry/0/MaxAttempts", "/Choices/1/Not"). An undefined
// value removes the member. Missing keys are inserted in canonical order; missing parents are
// refused.
EditResult setField(const Snapshot &s, const QString &owner, const QString &relative, const Json &value);

// Rows of an array member of a state ("/Retry", "/Catch", "/Choices", "/Choices/0/And"...): insert
// at `index` (-1: append; the array is created when absent), remove (the member goes with its
// last row) and move.
EditResult insertRow(const Snapshot &s, const QString &state, const QString &list, int index, const Json &row);
EditResult removeRow(const Snapshot &s, const QString &state, const QString &list, int index);
EditResult moveRow(const Snapshot &s, const QString &state, const QString &list, int from, int to);

// The query language of the machine `scope` or of the state at `pointer` (its own
// QueryLanguage, else the top level's).
bool isJsonata(const Json &root, const QString &pointer);

} // namespace sw::edit
