// States: add, remove, rename, copy/paste/duplicate, wrap (see operations.h).
#include "operations.h"

#include "aslorder.h"
#include "treeedit.h"

#include "json/jsonreader.h"
#include "json/jsonwriter.h"

#include <QHash>

namespace sw::edit {

namespace {

using Kind = Reference::Kind;

const QString kStates = QStringLiteral("States");
const QString kNext = QStringLiteral("Next");
const QString kEnd = QStringLiteral("End");

QString noMachine(const QString &scope)
{
    return scope.isEmpty() ? QStringLiteral("The definition is not a JSON object")
                           : QStringLiteral("There is no state machine at %1").arg(scope);
}

// The States object of a machine, created (in canonical order) when absent.
Json *statesOf(Json &machine)
{
    if (!machine.contains(kStates) || !machine.find(kStates)->isObject())
        setMember(machine, kStates, Json::object(), ObjectKind::Machine);
    return machine.mutableValue(kStates);
}

bool hasFlow(const Json &state)
{
    const QString type = state.value(u"Type").toString();
    return type != QLatin1String("Choice") && type != QLatin1String("Succeed") &&
           type != QLatin1String("Fail");
}

// Renames states inside the machines nested in `state` (keys and transitions), recursively.
void renameNested(Json &state, const QHash<QString, QString> &map)
{
    if (map.isEmpty()) return;
    for (const QString &sub : nestedMachines(state)) {
        Json *machine = mutableAt(state, sub);
        if (!machine) continue;
        rewriteReferences(*machine, [&map](Kind, QString &t) { t = map.value(t, t); });
        Json *states = machine->mutableValue(kStates);
        if (!states || !states->isObject()) continue;
        for (const QString &key : states->keys()) {
            if (Json *inner = states->mutableValue(key)) renameNested(*inner, map);
            if (map.contains(key)) states->renameKey(key, map.value(key));
        }
    }
}

// Gives the states nested in `state` names that are not in `taken` (and adds them to it).
void uniquifyNested(Json &state, QSet<QString> &taken)
{
    QHash<QString, QString> map;
    for (const QString &n : nestedStateNames(state)) {
        const QString unique = uniqueStateName(n, taken);
        taken.insert(unique);
        if (unique != n) map.insert(n, unique);
    }
    renameNested(state, map);
}

// Rewrites the pins of states under `from` to be under `to`.
Pins movePins(const Pins &pins, const QString &from, const QString &to)
{
    Pins out;
    for (auto it = pins.cbegin(); it != pins.cend(); ++it) {
        if (pointerIsUnder(it.key(), from))
            out.insert(to + it.key().mid(from.size()), it.value());
        else
            out.insert(it.key(), it.value());
    }
    return out;
}

Pins dropPins(const Pins &pins, const QStringList &removed)
{
    Pins out;
    for (auto it = pins.cbegin(); it != pins.cend(); ++it) {
        bool gone = false;
        for (const QString &r : removed)
            gone = gone || pointerIsUnder(it.key(), r);
        if (!gone) out.insert(it.key(), it.value());
    }
    return out;
}

// Removes rows of an array member whose Next is in `names` (the member goes with its last row).
void dropRowsTo(Json &state, const QString &key, const QSet<QString> &names)
{
    const Json *list = state.find(key);
    if (!list || !list->isArray()) return;
    Json rows = *list;
    bool changed = false;
    for (qsizetype i = rows.size() - 1; i >= 0; --i) {
        if (names.contains(rows.at(i).value(u"Next").toString())) {
            rows.removeItem(i);
            changed = true;
        }
    }
    if (!changed) return;
    if (rows.isEmpty())
        state.remove(key);
    else
        state.insert(key, rows);
}

// Pointers grouped by machine, nested ones dropped when an ancestor is in the list too; every
// pointer must name an existing state.
struct Groups
{
    QList<QString> scopes;             // in first-seen order
    QHash<QString, QStringList> names; // scope -> names
    QStringList pointers;              // the kept pointers
    QString error;
};

Groups groupStates(const Json &root, const QStringList &pointers)
{
    Groups g;
    for (const QString &p : pointers) {
        bool nested = false;
        for (const QString &other : pointers)
            nested = nested || (other != p && pointerIsUnder(p, other));
        if (nested || g.pointers.contains(p)) continue;
        const StateAddress a = splitStatePointer(p);
        const Json *state = valueAt(root, p);
        if (!a.isValid() || !state) {
            g.error = QStringLiteral("There is no state at %1").arg(p);
            return g;
        }
        if (!g.names.contains(a.scope)) g.scopes.append(a.scope);
        g.names[a.scope].append(a.name);
        g.pointers.append(p);
    }
    if (g.pointers.isEmpty()) g.error = QStringLiteral("No state selected");
    return g;
}

// Parses what paste accepts into an ordered list of (name, state).
QList<std::pair<QString, Json>> parseStates(const QByteArray &text, QString *error)
{
    JsonReader::Result r = JsonReader::parse(text);
    if (!r.ok) {
        // Members copied from inside a States block, without the braces.
        const JsonReader::Result wrapped = JsonReader::parse("{" + text + "\n}");
        if (!wrapped.ok) {
            *error = QStringLiteral("The clipboard does not hold ASL JSON (%1:%2: %3)")
                         .arg(r.errorPos.line)
                         .arg(r.errorPos.column)
                         .arg(r.error);
            return {};
        }
        r = wrapped;
    }
    Json v = r.value;
    if (v.isObject() && v.contains(u"States") && v.value(u"States").isObject()) v = v.value(u"States");
    QList<std::pair<QString, Json>> out;
    if (v.isObject() && v.value(u"Type").isString()) {
        out.append({v.value(u"Type").toString(), v});
        return out;
    }
    for (const JsonMember &m : v.members()) {
        if (!m.value.isObject() || !m.value.value(u"Type").isString()) {
            *error =
                QStringLiteral("The clipboard does not hold states: \"%1\" is not a state object").arg(m.key);
            return {};
        }
        out.append({m.key, m.value});
    }
    if (out.isEmpty()) *error = QStringLiteral("The clipboard does not hold states");
    return out;
}

} // namespace

EditResult addState(const Snapshot &s, const QString &scope, const QString &name, const Json &state,
                    const QString &after)
{
    EditResult r;
    r.after = s;
    Json &root = r.after.root;
    Json *machine = mutableAt(root, scope);
    if (!machine || !machine->isObject()) return EditResult::refused(noMachine(scope));
    if (!state.isObject()) return EditResult::refused(QStringLiteral("A state must be a JSON object"));
    QSet<QString> taken = allStateNames(root);
    const QString finalName = uniqueStateName(name, taken);
    taken.insert(finalName);
    Json st = state;
    uniquifyNested(st, taken);

    Json *states = statesOf(*machine);
    const bool wasEmpty = states->isEmpty();
    qsizetype position = states->size();
    if (!after.isEmpty()) {
        const StateAddress a = splitStatePointer(after);
        if (a.scope != scope || !states->contains(a.name))
            return EditResult::refused(QStringLiteral("%1 is not a state of this machine").arg(after));
        position = states->indexOf(a.name) + 1;
        Json prev = states->value(a.name);
        if (hasFlow(prev)) {
            const QString oldNext = prev.value(u"Next").toString();
            if (hasFlow(st)) {
                if (!oldNext.isEmpty())
                    replaceMember(st, u"End", kNext, Json(oldNext), ObjectKind::State);
                else if (prev.value(u"End").toBool())
                    replaceMember(st, u"Next", kEnd, Json(true), ObjectKind::State);
            } else if (st.value(u"Type").toString() == QLatin1String("Choice") && !oldNext.isEmpty()) {
                setMember(st, QStringLiteral("Default"), Json(oldNext), ObjectKind::State);
            }
            replaceMember(prev, prev.contains(u"Next") ? u"Next" : u"End", kNext, Json(finalName),
                          ObjectKind::State);
            states->insert(a.name, prev);
        }
    }
    states->insertAt(position, finalName, st);
    if (wasEmpty || machine->value(u"StartAt").toString().isEmpty())
        setMember(*machine, QStringLiteral("StartAt"), Json(finalName), ObjectKind::Machine);
    r.created.append(statePointer(scope, finalName));
    return r;
}

EditResult removeStates(const Snapshot &s, const QStringList &pointers)
{
    const Groups g = groupStates(s.root, pointers);
    if (!g.error.isEmpty()) return EditResult::refused(g.error);
    // A machine keeps at least one state: StartAt must name one (AWS refuses empty States).
    for (const QString &scope : g.scopes) {
        const Json *states = valueAt(s.root, statesPointer(scope));
        if (states && g.names.value(scope).size() >= states->size())
            return EditResult::refused(
                scope.isEmpty() ? QStringLiteral("A state machine needs at least one state")
                                : QStringLiteral("A branch or item processor needs at least one state: "
                                                 "delete the Parallel or Map instead"));
    }
    EditResult r;
    r.after = s;
    for (const QString &scope : g.scopes) {
        Json *machine = mutableAt(r.after.root, scope);
        const QSet<QString> removed(g.names.value(scope).cbegin(), g.names.value(scope).cend());
        const Json states = machine->value(kStates);
        // Where a transition to a removed state goes instead: its Next, through removed states.
        const auto bypass = [&](const QString &name) {
            QString cur = name;
            QSet<QString> seen;
            while (removed.contains(cur) && !seen.contains(cur)) {
                seen.insert(cur);
                cur = states.value(cur).value(u"Next").toString();
            }
            return removed.contains(cur) || cur.isEmpty() ? QString() : cur;
        };
        rewriteReferences(*machine, [&](Kind, QString &t) {
            if (!removed.contains(t)) return;
            if (const QString b = bypass(t); !b.isEmpty()) t = b;
        });
        Json *st = machine->mutableValue(kStates);
        for (const QString &name : removed)
            st->remove(name);
        // Transitions that still lead to a removed state have nowhere to go.
        for (const QString &name : st->keys()) {
            Json state = st->value(name);
            const Json before = state;
            if (removed.contains(state.value(u"Next").toString()))
                replaceMember(state, u"Next", kEnd, Json(true), ObjectKind::State);
            if (removed.contains(state.value(u"Default").toString())) state.remove(u"Default");
            dropRowsTo(state, QStringLiteral("Choices"), removed);
            dropRowsTo(state, QStringLiteral("Catch"), removed);
            if (!state.identical(before)) st->insert(name, state);
        }
        const QString start = machine->value(u"StartAt").toString();
        if (removed.contains(start) && !st->isEmpty())
            machine->insert(QStringLiteral("StartAt"), Json(st->members().first().key));
    }
    r.after.pins = dropPins(s.pins, g.pointers);
    return r;
}

QString checkStateName(const Json &root, const QString &pointer, const QString &name)
{
    if (name.trimmed().isEmpty()) return QStringLiteral("A state name cannot be empty");
    if (name.toUcs4().size() > 80) return QStringLiteral("A state name has at most 80 characters");
    if (name.trimmed() != name) return QStringLiteral("A state name cannot start or end with spaces");
    const StateAddress a = splitStatePointer(pointer);
    if (a.name == name) return {};
    if (allStateNames(root).contains(name))
        return QStringLiteral("A state named \"%1\" already exists").arg(name);
    return {};
}

EditResult renameState(const Snapshot &s, const QString &pointer, const QString &newName)
{
    const StateAddress a = splitStatePointer(pointer);
    if (!a.isValid() || !valueAt(s.root, pointer))
        return EditResult::refused(QStringLiteral("There is no state at %1").arg(pointer));
    if (const QString e = checkStateName(s.root, pointer, newName); !e.isEmpty())
        return EditResult::refused(e);
    EditResult r;
    r.after = s;
    Json *machine = mutableAt(r.after.root, a.scope);
    machine->mutableValue(kStates)->renameKey(a.name, newName);
    rewriteReferences(*machine, [&](Kind, QString &t) {
        if (t == a.name) t = newName;
    });
    const QString renamed = statePointer(a.scope, newName);
    r.after.pins = movePins(s.pins, pointer, renamed);
    r.created.append(renamed);
    return r;
}

QByteArray copyStates(const Json &root, const QStringList &pointers)
{
    const Groups g = groupStates(root, pointers);
    Json out = Json::object();
    for (const QString &p : g.pointers) {
        const StateAddress a = splitStatePointer(p);
        out.insert(a.name, *valueAt(root, p));
    }
    return JsonWriter::pretty(out) + '\n';
}

EditResult pasteStates(const Snapshot &s, const QString &scope, const QByteArray &text)
{
    QString error;
    const QList<std::pair<QString, Json>> incoming = parseStates(text, &error);
    if (!error.isEmpty()) return EditResult::refused(error);
    EditResult r;
    r.after = s;
    Json *machine = mutableAt(r.after.root, scope);
    if (!machine || !machine->isObject()) return EditResult::refused(noMachine(scope));
    QSet<QString> taken = allStateNames(r.after.root);
    const QStringList present = machine->value(kStates).keys();
    QHash<QString, QString> map; // pasted name -> name in the destination
    for (const auto &[name, state] : incoming) {
        const QString unique = uniqueStateName(name, taken);
        taken.insert(unique);
        map.insert(name, unique);
    }
    QHash<QString, QString> nestedMap;
    for (const auto &[name, state] : incoming) {
        for (const QString &n : nestedStateNames(state)) {
            const QString unique = uniqueStateName(n, taken);
            taken.insert(unique);
            if (unique != n) nestedMap.insert(n, unique);
        }
    }
    Json *states = statesOf(*machine);
    const bool wasEmpty = states->isEmpty();
    for (const auto &[name, original] : incoming) {
        Json state = original;
        renameNested(state, nestedMap);
        const auto follow = [&](const QString &t) -> QString {
            if (map.contains(t)) return map.value(t);
            return present.contains(t) ? t : QString();
        };
        if (const QString next = state.value(u"Next").toString(); !next.isEmpty()) {
            const QString t = follow(next);
            if (t.isEmpty())
                replaceMember(state, u"Next", kEnd, Json(true), ObjectKind::State);
            else if (t != next)
                state.insert(kNext, Json(t));
        }
        if (const QString d = state.value(u"Default").toString(); !d.isEmpty()) {
            const QString t = follow(d);
            if (t.isEmpty())
                state.remove(u"Default");
            else if (t != d)
                state.insert(QStringLiteral("Default"), Json(t));
        }
        QSet<QString> lost;
        for (const char *key : {"Choices", "Catch"}) {
            Json *rows = state.mutableValue(QString::fromLatin1(key));
            for (qsizetype i = 0; rows && rows->isArray() && i < rows->size(); ++i) {
                const QString next = rows->at(i).value(u"Next").toString();
                const QString t = follow(next);
                if (t.isEmpty() && qstrcmp(key, "Catch") == 0)
                    lost.insert(next);
                else if (!t.isEmpty() && t != next)
                    rows->mutableItem(i)->insert(kNext, Json(t));
            }
        }
        dropRowsTo(state, QStringLiteral("Catch"), lost);
        states->insert(map.value(name), state);
        r.created.append(statePointer(scope, map.value(name)));
    }
    if (wasEmpty || machine->value(u"StartAt").toString().isEmpty())
        setMember(*machine, QStringLiteral("StartAt"), Json(map.value(incoming.first().first)),
                  ObjectKind::Machine);
    return r;
}

EditResult duplicateStates(const Snapshot &s, const QStringList &pointers)
{
    const Groups g = groupStates(s.root, pointers);
    if (!g.error.isEmpty()) return EditResult::refused(g.error);
    EditResult r;
    r.after = s;
    for (const QString &scope : g.scopes) {
        QStringList group;
        for (const QString &name : g.names.value(scope))
            group.append(statePointer(scope, name));
        EditResult step = pasteStates(r.after, scope, copyStates(r.after.root, group));
        if (!step.ok()) return step;
        r.after = step.after;
        r.created += step.created;
    }
    return r;
}

EditResult wrapStates(const Snapshot &s, const QStringList &pointers, WrapKind kind, const QString &name)
{
    const Groups g = groupStates(s.root, pointers);
    if (!g.error.isEmpty()) return EditResult::refused(g.error);
    if (g.scopes.size() != 1)
        return EditResult::refused(QStringLiteral("The states to wrap must belong to one machine"));
    const QString scope = g.scopes.first();
    EditResult r;
    r.after = s;
    Json *machine = mutableAt(r.after.root, scope);
    const Json states = machine->value(kStates);
    QStringList group; // authored order
    for (const QString &n : states.keys()) {
        if (g.names.value(scope).contains(n) && !group.contains(n)) group.append(n);
    }
    const QSet<QString> inGroup(group.cbegin(), group.cend());

    // The entry: the first grouped state that a transition from outside (or StartAt) enters.
    QString entry;
    QStringList exits;
    for (const Reference &ref : referencesIn(*machine)) {
        const bool fromInside = inGroup.contains(ref.from);
        if (!fromInside && inGroup.contains(ref.target) && entry.isEmpty()) entry = ref.target;
        if (fromInside && !inGroup.contains(ref.target) && ref.kind != Kind::Catch &&
            !exits.contains(ref.target))
            exits.append(ref.target);
    }
    if (exits.size() > 1)
        return EditResult::refused(QStringLiteral("The selected states lead out to %1 different states (%2): "
                                                  "only a group with one way out can be wrapped")
                                       .arg(exits.size())
                                       .arg(exits.join(QStringLiteral(", "))));
    if (entry.isEmpty()) entry = group.first();

    QSet<QString> taken = allStateNames(r.after.root);
    const QString wrapperName = uniqueStateName(name, taken);
    taken.insert(wrapperName);
    const QString exitName = uniqueStateName(wrapperName + QStringLiteral(" done"), taken);
    bool needExitState = false;

    Json inner = Json::object();
    Json lifted = Json::array();
    for (const QString &n : group) {
        Json st = states.value(n);
        if (const QString next = st.value(u"Next").toString(); !next.isEmpty() && !inGroup.contains(next))
            replaceMember(st, u"Next", kEnd, Json(true), ObjectKind::State);
        if (const QString d = st.value(u"Default").toString(); !d.isEmpty() && !inGroup.contains(d)) {
            st.insert(QStringLiteral("Default"), Json(exitName));
            needExitState = true;
        }
        if (Json *rules = st.mutableValue(u"Choices"); rules && rules->isArray()) {
            for (qsizetype i = 0; i < rules->size(); ++i) {
                const QString t = rules->at(i).value(u"Next").toString();
                if (!t.isEmpty() && !inGroup.contains(t)) {
                    rules->mutableItem(i)->insert(kNext, Json(exitName));
                    needExitState = true;
                }
            }
        }
        QSet<QString> outside;
        for (const Json &row : st.value(u"Catch").items()) {
            const QString t = row.value(u"Next").toString();
            if (t.isEmpty() || inGroup.contains(t)) continue;
            outside.insert(t);
            bool known = false;
            for (const Json &l : lifted.items())
                known = known || l == row;
            if (!known) lifted.append(row);
        }
        dropRowsTo(st, QStringLiteral("Catch"), outside);
        inner.insert(n, st);
    }
    if (needExitState)
        inner.insert(exitName, Json{{QStringLiteral("Type"), QStringLiteral("Pass")}, {kEnd, true}});

    Json body{{QStringLiteral("StartAt"), entry}, {kStates, inner}};
    Json wrapper{{QStringLiteral("Type"),
                  kind == WrapKind::Parallel ? QStringLiteral("Parallel") : QStringLiteral("Map")}};
    if (kind == WrapKind::Parallel) {
        wrapper.insert(QStringLiteral("Branches"), Json::array({body}));
    } else {
        body.insertAt(0, QStringLiteral("ProcessorConfig"),
                      Json{{QStringLiteral("Mode"), QStringLiteral("INLINE")}});
        wrapper.insert(QStringLiteral("ItemProcessor"), body);
    }
    if (!lifted.isEmpty()) wrapper.insert(QStringLiteral("Catch"), lifted);
    if (exits.isEmpty())
        wrapper.insert(kEnd, true);
    else
        wrapper.insert(kNext, exits.first());

    // Outside transitions into the group now enter the wrapper.
    rewriteReferences(*machine, [&](Kind, QString &t) {
        if (inGroup.contains(t)) t = wrapperName;
    });
    Json *st = machine->mutableValue(kStates);
    const qsizetype position = st->indexOf(group.first());
    for (const QString &n : group)
        st->remove(n);
    st->insertAt(position, wrapperName, wrapper);

    QStringList moved;
    for (const QString &n : group)
        moved.append(statePointer(scope, n));
    r.after.pins = dropPins(s.pins, moved);
    r.created.append(statePointer(scope, wrapperName));
    return r;
}

} // namespace sw::edit
