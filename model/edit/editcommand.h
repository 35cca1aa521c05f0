#pragma once

#include "operations.h"

#include <QStringList>
#include <QUndoCommand>

namespace sw::edit {

class Document;

// The base of the definition's undo commands: the edit is computed once, when the command is
// made, from the document as it is then (by a function of operations.h); redo installs the
// result and undo the version before. Both versions share every untouched subtree (Json is
// copy-on-write), so a command costs the path it changed, not a copy of the definition. The
// undo stack is linear, so the tree redo and undo replace is always the one the command saw.
// A command whose edit was refused carries the reason in error() and is never pushed
// (Document::push). Subclasses name the edit kinds; they never keep pointers into the tree.
class EditCommand : public QUndoCommand
{
public:
    QString error() const { return m_error; }
    // Pointers of the states the edit created, renamed or moved (a view selects them).
    QStringList createdStates() const { return m_created; }
    // False for an edit that would leave the document as it is (not worth an undo step).
    virtual bool changesSomething() const;

    void redo() override;
    void undo() override;

protected:
    EditCommand(Document *doc, const QString &text);
    void setResult(const EditResult &result);
    Snapshot current() const;

    Document *m_doc;
    Snapshot m_before;
    Snapshot m_after;
    QString m_error;
    QStringList m_created;
};

} // namespace sw::edit
