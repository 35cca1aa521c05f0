#include "commands.h"

#include "document.h"
#include "treeedit.h"

#include "json/jsonreader.h"

namespace sw::edit {

// --- EditCommand -------------------------------------------------------------------------------

EditCommand::EditCommand(Document *doc, const QString &text) : m_doc(doc), m_before(current())
{
    setText(text);
    if (!doc->isParsed())
        m_error = QStringLiteral("The definition is not valid JSON: fix it in the code view first");
}

Snapshot EditCommand::current() const
{
    return Snapshot{m_doc->root(), m_doc->pins()};
}

void EditCommand::setResult(const EditResult &result)
{
    if (!m_error.isEmpty()) return;
    m_error = result.error;
    m_after = result.after;
    m_created = result.created;
}

bool EditCommand::changesSomething() const
{
    return m_error.isEmpty() && (!m_after.root.identical(m_before.root) || m_after.pins != m_before.pins);
}

void EditCommand::redo()
{
    m_doc->setRootAndPins(m_after.root, m_after.pins);
}

void EditCommand::undo()
{
    m_doc->setRootAndPins(m_before.root, m_before.pins);
}

// --- The edit kinds ----------------------------------------------------------------------------

namespace {

QString nameOf(const QString &pointer)
{
    return splitStatePointer(pointer).name;
}

QString countText(const QString &verb, const QStringList &pointers)
{
    return pointers.size() == 1 ? QStringLiteral("%1 %2").arg(verb, nameOf(pointers.first()))
                                : QStringLiteral("%1 %2 states").arg(verb).arg(pointers.size());
}

} // namespace

AddStateCommand::AddStateCommand(Document *doc, const QString &scope, const QString &name, const Json &state,
                                 const QString &after)
    : EditCommand(doc, QString())
{
    setResult(addState(m_before, scope, name, state, after));
    setText(QStringLiteral("Add %1").arg(m_created.isEmpty() ? name : nameOf(m_created.first())));
}

RemoveStatesCommand::RemoveStatesCommand(Document *doc, const QStringList &pointers)
    : EditCommand(doc, countText(QStringLiteral("Delete"), pointers))
{
    setResult(removeStates(m_before, pointers));
}

RenameStateCommand::RenameStateCommand(Document *doc, const QString &pointer, const QString &newName)
    : EditCommand(doc, QStringLiteral("Rename %1 to %2").arg(nameOf(pointer), newName))
{
    setResult(renameState(m_before, pointer, newName));
}

DuplicateStatesCommand::DuplicateStatesCommand(Document *doc, const QStringList &pointers)
    : EditCommand(doc, countText(QStringLiteral("Duplicate"), pointers))
{
    setResult(duplicateStates(m_before, pointers));
}

PasteStatesCommand::PasteStatesCommand(Document *doc, const QString &scope, const QByteArray &text)
    : EditCommand(doc, QStringLiteral("Paste"))
{
    setResult(pasteStates(m_before, scope, text));
    if (!m_created.isEmpty()) setText(countText(QStringLiteral("Paste"), m_created));
}

ConnectCommand::ConnectCommand(Document *doc, const QString &from, const QString &to, bool asCatch)
    : EditCommand(doc, QStringLiteral("Connect %1 to %2").arg(nameOf(from), nameOf(to)))
{
    setResult(connectStates(m_before, from, to, asCatch));
    const Json *source = valueAt(m_before.root, from);
    if (source && source->value(u"Type").toString() == QLatin1String("Choice"))
        setText(QStringLiteral("Add Choice rule to %1").arg(nameOf(to)));
    else if (asCatch)
        setText(QStringLiteral("Catch errors of %1 in %2").arg(nameOf(from), nameOf(to)));
}

namespace {

QString edgeLabel(const asl::EdgeId &edge)
{
    switch (edge.kind) {
    case asl::EdgeKind::ChoiceRule:
        return QStringLiteral("rule %1").arg(edge.index + 1);
    case asl::EdgeKind::Catch:
        return QStringLiteral("Catch %1").arg(edge.index + 1);
    case asl::EdgeKind::Default:
        return QStringLiteral("Default");
    case asl::EdgeKind::Next:
    case asl::EdgeKind::Start:
        break;
    }
    return QStringLiteral("Next");
}

} // namespace

RetargetEdgeCommand::RetargetEdgeCommand(Document *doc, const asl::EdgeId &edge, const QString &target)
    : EditCommand(doc, edge.kind == asl::EdgeKind::Start
                           ? QStringLiteral("Start at %1").arg(target)
                           : QStringLiteral("Point %1 of %2 to %3").arg(edgeLabel(edge), edge.from, target))
{
    setResult(retargetEdge(m_before, edge, target));
}

WrapStatesCommand::WrapStatesCommand(Document *doc, const QStringList &pointers, WrapKind kind)
    : EditCommand(doc, QString())
{
    const QString what = kind == WrapKind::Parallel ? QStringLiteral("Parallel") : QStringLiteral("Map");
    setResult(wrapStates(m_before, pointers, kind, what));
    setText(QStringLiteral("Wrap %1 in a %2")
                .arg(pointers.size() == 1 ? nameOf(pointers.first())
                                          : QStringLiteral("%1 states").arg(pointers.size()),
                     what));
}

SetStartAtCommand::SetStartAtCommand(Document *doc, const QString &scope, const QString &name)
    : EditCommand(doc, QStringLiteral("Start at %1").arg(name))
{
    setResult(setStartAt(m_before, scope, name));
}

ToggleEndCommand::ToggleEndCommand(Document *doc, const QString &pointer) : EditCommand(doc, QString())
{
    const Json *state = valueAt(m_before.root, pointer);
    const bool end = state && state->value(u"End").toBool();
    setText(QStringLiteral("%1 at %2")
                .arg(end ? QStringLiteral("Continue") : QStringLiteral("End"), nameOf(pointer)));
    setResult(toggleEnd(m_before, pointer));
}

SetFieldCommand::SetFieldCommand(Document *doc, const QString &owner, const QString &relative,
                                 const Json &value, int session)
    : EditCommand(doc, QString()), m_owner(owner), m_relative(relative), m_session(session)
{
    const QStringList tokens = jsonpointer::split(relative);
    QString field = tokens.isEmpty() ? QString() : tokens.last();
    if (tokens.size() >= 3 &&
        (tokens.first() == QLatin1String("Retry") || tokens.first() == QLatin1String("Catch")))
        field = QStringLiteral("%1 %2").arg(tokens.first(), tokens.last());
    else if (!tokens.isEmpty() && tokens.first() == QLatin1String("Choices"))
        field = QStringLiteral("Choice rule");
    const QString where =
        splitStatePointer(owner).isValid() ? nameOf(owner) : QStringLiteral("the state machine");
    setText(value.isUndefined() ? QStringLiteral("Remove %1 of %2").arg(field, where)
                                : QStringLiteral("Set %1 of %2").arg(field, where));
    setResult(setField(m_before, owner, relative, value));
}

bool SetFieldCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const SetFieldCommand *>(other);
    if (m_session == 0 || o->m_session != m_session || o->m_owner != m_owner || o->m_relative != m_relative)
        return false;
    m_after = o->m_after;
    setText(o->text());
    // Typed back to where it started: the step disappears from the stack.
    setObsolete(!changesSomething());
    return true;
}

QString rowLabel(const QString &list)
{
    if (list == QLatin1String("/Retry")) return QStringLiteral("Retry row");
    if (list == QLatin1String("/Catch")) return QStringLiteral("Catch row");
    if (list == QLatin1String("/Choices")) return QStringLiteral("Choice rule");
    return QStringLiteral("condition");
}

InsertRowCommand::InsertRowCommand(Document *doc, const QString &state, const QString &list, int index,
                                   const Json &row)
    : EditCommand(doc, QStringLiteral("Add %1 to %2").arg(rowLabel(list), nameOf(state)))
{
    setResult(insertRow(m_before, state, list, index, row));
}

RemoveRowCommand::RemoveRowCommand(Document *doc, const QString &state, const QString &list, int index)
    : EditCommand(doc, QStringLiteral("Remove %1 of %2").arg(rowLabel(list), nameOf(state)))
{
    setResult(removeRow(m_before, state, list, index));
}

MoveRowCommand::MoveRowCommand(Document *doc, const QString &state, const QString &list, int from, int to)
    : EditCommand(doc, QStringLiteral("Move %1 of %2").arg(rowLabel(list), nameOf(state)))
{
    setResult(moveRow(m_before, state, list, from, to));
}

// --- ReplaceText -------------------------------------------------------------------------------

ReplaceTextCommand::ReplaceTextCommand(Document *doc, const QByteArray &text, int session)
    : EditCommand(doc, QStringLiteral("Edit code")), m_textBefore(doc->text()), m_textAfter(text),
      m_pinsBefore(doc->pins()), m_session(session)
{
    m_error.clear(); // the text is how a definition that is not JSON gets fixed
    const JsonReader::Result r = JsonReader::parse(text);
    if (!r.ok) {
        m_error =
            QStringLiteral("Line %1, column %2: %3").arg(r.errorPos.line).arg(r.errorPos.column).arg(r.error);
        return;
    }
    for (auto it = m_pinsBefore.cbegin(); it != m_pinsBefore.cend(); ++it) {
        if (splitStatePointer(it.key()).isValid() && valueAt(r.value, it.key()))
            m_pinsAfter.insert(it.key(), it.value());
    }
}

bool ReplaceTextCommand::changesSomething() const
{
    return m_error.isEmpty() && (m_textAfter != m_textBefore || m_pinsAfter != m_pinsBefore);
}

void ReplaceTextCommand::redo()
{
    m_doc->setText(m_textAfter);
    m_doc->setPins(m_pinsAfter);
}

void ReplaceTextCommand::undo()
{
    m_doc->setText(m_textBefore);
    m_doc->setPins(m_pinsBefore);
}

bool ReplaceTextCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const ReplaceTextCommand *>(other);
    if (m_session == 0 || o->m_session != m_session) return false;
    m_textAfter = o->m_textAfter;
    m_pinsAfter = o->m_pinsAfter;
    setObsolete(!changesSomething());
    return true;
}

} // namespace sw::edit
