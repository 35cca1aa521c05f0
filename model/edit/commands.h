#pragma once

#include "editcommand.h"

#include "asl/edges.h"

#include <QByteArray>

namespace sw::edit {

// One undo command class per kind of edit of the definition. Each is id-based (states by JSON
// pointer, machines by theirs, transitions by asl::EdgeId) and view-free; what each edit does is
// documented with its function in operations.h. Typing merges: consecutive SetField commands on
// one field with the same `session` (a view opens a session per editing gesture) and consecutive
// ReplaceText commands of one session are one undo step.

class AddStateCommand : public EditCommand
{
public:
    AddStateCommand(Document *doc, const QString &scope, const QString &name, const Json &state,
                    const QString &after = QString());
};

class RemoveStatesCommand : public EditCommand
{
public:
    RemoveStatesCommand(Document *doc, const QStringList &pointers);
};

class RenameStateCommand : public EditCommand
{
public:
    RenameStateCommand(Document *doc, const QString &pointer, const QString &newName);
};

class DuplicateStatesCommand : public EditCommand
{
public:
    DuplicateStatesCommand(Document *doc, const QStringList &pointers);
};

class PasteStatesCommand : public EditCommand
{
public:
    PasteStatesCommand(Document *doc, const QString &scope, const QByteArray &text);
};

class ConnectCommand : public EditCommand
{
public:
    ConnectCommand(Document *doc, const QString &from, const QString &to, bool asCatch);
};

class RetargetEdgeCommand : public EditCommand
{
public:
    RetargetEdgeCommand(Document *doc, const asl::EdgeId &edge, const QString &target);
};

class WrapStatesCommand : public EditCommand
{
public:
    WrapStatesCommand(Document *doc, const QStringList &pointers, WrapKind kind);
};

class SetStartAtCommand : public EditCommand
{
public:
    SetStartAtCommand(Document *doc, const QString &scope, const QString &name);
};

class ToggleEndCommand : public EditCommand
{
public:
    ToggleEndCommand(Document *doc, const QString &pointer);
};

// Sets (or, with an undefined value, removes) one member: a state field ("/Comment"), a field
// of a Retry/Catch row ("/Retry/0/MaxAttempts") or a part of a Choice rule ("/Choices/1/And/0").
class SetFieldCommand : public EditCommand
{
public:
    SetFieldCommand(Document *doc, const QString &owner, const QString &relative, const Json &value,
                    int session = 0);
    int id() const override { return 0x5e7f; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    QString m_owner;
    QString m_relative;
    int m_session;
};

// Rows of Retry, Catch, Choices (and the operands of And/Or): add, remove, reorder.
class InsertRowCommand : public EditCommand
{
public:
    InsertRowCommand(Document *doc, const QString &state, const QString &list, int index, const Json &row);
};

class RemoveRowCommand : public EditCommand
{
public:
    RemoveRowCommand(Document *doc, const QString &state, const QString &list, int index);
};

class MoveRowCommand : public EditCommand
{
public:
    MoveRowCommand(Document *doc, const QString &state, const QString &list, int from, int to);
};

// The whole text at once (the code view): applied only when it is JSON; the pins of states that
// no longer exist are dropped.
class ReplaceTextCommand : public EditCommand
{
public:
    ReplaceTextCommand(Document *doc, const QByteArray &text, int session = 0);
    bool changesSomething() const override;
    void redo() override;
    void undo() override;
    int id() const override { return 0x7e47; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    QByteArray m_textBefore;
    QByteArray m_textAfter;
    Pins m_pinsBefore;
    Pins m_pinsAfter;
    int m_session;
};

// A readable label for a list in undo texts: "Retry", "Catch", "Choice rule", "condition".
QString rowLabel(const QString &list);

} // namespace sw::edit
