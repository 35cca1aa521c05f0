// Transitions, fields and rows (see operations.h).
#include "operations.h"

#include "aslorder.h"
#include "treeedit.h"

namespace sw::edit {

namespace {

const QString kNext = QStringLiteral("Next");
const QString kEnd = QStringLiteral("End");

QString noState(const QString &pointer)
{
    return QStringLiteral("There is no state at %1").arg(pointer);
}

QString typeOf(const Json &state)
{
    return state.value(u"Type").toString();
}

// A new Choice rule that leads to `target`: a placeholder condition to edit in the Choice editor.
Json newChoiceRule(bool jsonata, const QString &target)
{
    if (jsonata)
        return Json{{QStringLiteral("Condition"), QStringLiteral("{% $states.input.value = true %}")},
                    {kNext, target}};
    return Json{{QStringLiteral("Variable"), QStringLiteral("$.value")},
                {QStringLiteral("BooleanEquals"), true},
                {kNext, target}};
}

// Replaces the state at `pointer` in a copy of the snapshot.
EditResult withState(const Snapshot &s, const QString &pointer, const Json &state)
{
    EditResult r;
    r.after = s;
    Json *target = mutableAt(r.after.root, pointer);
    if (!target) return EditResult::refused(noState(pointer));
    *target = state;
    return r;
}

bool isIndex(const QString &token, int *value)
{
    bool ok = false;
    *value = token.toInt(&ok);
    return ok;
}

} // namespace

bool isJsonata(const Json &root, const QString &pointer)
{
    if (const Json *state = valueAt(root, pointer); state && splitStatePointer(pointer).isValid()) {
        const QString own = state->value(u"QueryLanguage").toString();
        if (!own.isEmpty()) return own == QLatin1String("JSONata");
    }
    return root.value(u"QueryLanguage").toString() == QLatin1String("JSONata");
}

EditResult connectStates(const Snapshot &s, const QString &from, const QString &to, bool asCatch)
{
    const StateAddress a = splitStatePointer(from);
    const StateAddress b = splitStatePointer(to);
    const Json *source = valueAt(s.root, from);
    if (!a.isValid() || !source) return EditResult::refused(noState(from));
    if (!b.isValid() || !valueAt(s.root, to)) return EditResult::refused(noState(to));
    if (a.scope != b.scope)
        return EditResult::refused(QStringLiteral("Transitions cannot cross a Parallel branch or a Map: "
                                                  "%1 and %2 are in different machines")
                                       .arg(a.name, b.name));
    Json state = *source;
    const QString type = typeOf(state);
    if (type == QLatin1String("Succeed") || type == QLatin1String("Fail"))
        return EditResult::refused(
            QStringLiteral("A %1 state ends the execution: it has no transitions").arg(type));
    if (type == QLatin1String("Choice")) {
        Json rules = state.value(u"Choices");
        if (!rules.isArray()) rules = Json::array();
        rules.append(newChoiceRule(isJsonata(s.root, from), b.name));
        setMember(state, QStringLiteral("Choices"), rules, ObjectKind::State);
    } else if (asCatch) {
        if (type != QLatin1String("Task") && type != QLatin1String("Parallel") &&
            type != QLatin1String("Map"))
            return EditResult::refused(QStringLiteral("Only Task, Parallel and Map states can catch errors"));
        Json rows = state.value(u"Catch");
        if (!rows.isArray()) rows = Json::array();
        // A row after States.ALL could never match: a new row goes before it, for task failures.
        const bool allLast = !rows.isEmpty() && rows.at(rows.size() - 1)
                                                    .value(u"ErrorEquals")
                                                    .items()
                                                    .contains(Json(QStringLiteral("States.ALL")));
        const QString error = allLast ? QStringLiteral("States.TaskFailed") : QStringLiteral("States.ALL");
        const Json row{{QStringLiteral("ErrorEquals"), Json::array({Json(error)})}, {kNext, b.name}};
        if (allLast)
            rows.insertItem(rows.size() - 1, row);
        else
            rows.append(row);
        setMember(state, QStringLiteral("Catch"), rows, ObjectKind::State);
    } else {
        replaceMember(state, state.contains(u"Next") ? u"Next" : u"End", kNext, Json(b.name),
                      ObjectKind::State);
    }
    return withState(s, from, state);
}

EditResult retargetEdge(const Snapshot &s, const asl::EdgeId &edge, const QString &target)
{
    const Json *machine = valueAt(s.root, edge.scope);
    if (!machine || !machine->value(u"States").contains(target))
        return EditResult::refused(QStringLiteral("There is no state \"%1\" in this machine").arg(target));
    if (edge.kind == asl::EdgeKind::Start) return setStartAt(s, edge.scope, target);
    const QString from = statePointer(edge.scope, edge.from);
    const Json *source = valueAt(s.root, from);
    if (!source) return EditResult::refused(noState(from));
    Json state = *source;
    const auto setRowNext = [&](const QString &key) {
        Json rows = state.value(key);
        if (!rows.isArray() || edge.index < 0 || edge.index >= rows.size()) return false;
        Json row = rows.at(edge.index);
        setMember(row, kNext, Json(target),
                  key == QLatin1String("Catch") ? ObjectKind::Catcher : ObjectKind::ChoiceRule);
        rows.replaceItem(edge.index, row);
        state.insert(key, rows);
        return true;
    };
    switch (edge.kind) {
    case asl::EdgeKind::Next:
        replaceMember(state, state.contains(u"Next") ? u"Next" : u"End", kNext, Json(target),
                      ObjectKind::State);
        break;
    case asl::EdgeKind::Default:
        setMember(state, QStringLiteral("Default"), Json(target), ObjectKind::State);
        break;
    case asl::EdgeKind::ChoiceRule:
        if (!setRowNext(QStringLiteral("Choices")))
            return EditResult::refused(QStringLiteral("No such Choice rule"));
        break;
    case asl::EdgeKind::Catch:
        if (!setRowNext(QStringLiteral("Catch")))
            return EditResult::refused(QStringLiteral("No such Catch row"));
        break;
    case asl::EdgeKind::Start:
        break;
    }
    return withState(s, from, state);
}

EditResult setStartAt(const Snapshot &s, const QString &scope, const QString &name)
{
    EditResult r;
    r.after = s;
    Json *machine = mutableAt(r.after.root, scope);
    if (!machine || !machine->isObject())
        return EditResult::refused(QStringLiteral("No state machine at %1").arg(scope));
    if (!machine->value(u"States").contains(name))
        return EditResult::refused(QStringLiteral("There is no state \"%1\" in this machine").arg(name));
    setMember(*machine, QStringLiteral("StartAt"), Json(name), ObjectKind::Machine);
    return r;
}

EditResult toggleEnd(const Snapshot &s, const QString &pointer)
{
    const StateAddress a = splitStatePointer(pointer);
    const Json *source = valueAt(s.root, pointer);
    if (!a.isValid() || !source) return EditResult::refused(noState(pointer));
    Json state = *source;
    const QString type = typeOf(state);
    if (type == QLatin1String("Choice") || type == QLatin1String("Succeed") || type == QLatin1String("Fail"))
        return EditResult::refused(QStringLiteral("A %1 state has no End field").arg(type));
    if (!state.value(u"End").toBool()) {
        replaceMember(state, u"Next", kEnd, Json(true), ObjectKind::State);
    } else {
        const QStringList names = valueAt(s.root, statesPointer(a.scope))->keys();
        const qsizetype i = names.indexOf(a.name);
        if (i < 0 || i + 1 >= names.size())
            return EditResult::refused(
                QStringLiteral("No state follows %1: connect it to the state it should go to").arg(a.name));
        replaceMember(state, u"End", kNext, Json(names.at(i + 1)), ObjectKind::State);
    }
    return withState(s, pointer, state);
}

EditResult setField(const Snapshot &s, const QString &owner, const QString &relative, const Json &value)
{
    const QStringList tokens = jsonpointer::split(relative);
    if (tokens.isEmpty()) return EditResult::refused(QStringLiteral("No field given"));
    EditResult r;
    r.after = s;
    Json *object = mutableAt(r.after.root, owner);
    if (!object) return EditResult::refused(noState(owner));
    const bool isState = splitStatePointer(owner).isValid();
    QString parentRel;
    for (qsizetype i = 0; i + 1 < tokens.size(); ++i)
        parentRel = jsonpointer::append(parentRel, tokens.at(i));
    Json *parent = parentRel.isEmpty() ? object : mutableAt(*object, parentRel);
    if (!parent) return EditResult::refused(QStringLiteral("There is no %1 in %2").arg(parentRel, owner));
    const QString &key = tokens.last();
    if (parent->isArray()) {
        int index = 0;
        if (!isIndex(key, &index) || index < 0 || index >= parent->size())
            return EditResult::refused(QStringLiteral("No item %1 in %2").arg(key, parentRel));
        if (value.isUndefined())
            parent->removeItem(index);
        else
            parent->replaceItem(index, value);
        return r;
    }
    if (!parent->isObject()) return EditResult::refused(QStringLiteral("%1 is not an object").arg(parentRel));
    const ObjectKind kind = isState               ? objectKindInState(parentRel)
                            : parentRel.isEmpty() ? ObjectKind::Machine
                                                  : ObjectKind::Other;
    setMember(*parent, key, value, kind);
    return r;
}

EditResult insertRow(const Snapshot &s, const QString &state, const QString &list, int index, const Json &row)
{
    const Json *source = valueAt(s.root, state);
    if (!source) return EditResult::refused(noState(state));
    const Json *current = valueAt(*source, list);
    Json rows = current && current->isArray() ? *current : Json::array();
    const qsizetype at = index < 0 || index > rows.size() ? rows.size() : index;
    rows.insertItem(at, row);
    return setField(s, state, list, rows);
}

EditResult removeRow(const Snapshot &s, const QString &state, const QString &list, int index)
{
    const Json *source = valueAt(s.root, state);
    if (!source) return EditResult::refused(noState(state));
    const Json *current = valueAt(*source, list);
    if (!current || !current->isArray() || index < 0 || index >= current->size())
        return EditResult::refused(QStringLiteral("No row %1 in %2").arg(index).arg(list));
    Json rows = *current;
    rows.removeItem(index);
    // A list without rows goes, except inside a rule (an empty And is the user's to fill).
    const bool stateLevel = jsonpointer::split(list).size() == 1;
    return setField(s, state, list, rows.isEmpty() && stateLevel ? Json() : rows);
}

EditResult moveRow(const Snapshot &s, const QString &state, const QString &list, int from, int to)
{
    const Json *source = valueAt(s.root, state);
    if (!source) return EditResult::refused(noState(state));
    const Json *current = valueAt(*source, list);
    if (!current || !current->isArray() || from < 0 || from >= current->size() || to < 0 ||
        to >= current->size())
        return EditResult::refused(QStringLiteral("No such row in %1").arg(list));
    Json rows = *current;
    const Json row = rows.at(from);
    rows.removeItem(from);
    rows.insertItem(to, row);
    return setField(s, state, list, rows);
}

} // namespace sw::edit
