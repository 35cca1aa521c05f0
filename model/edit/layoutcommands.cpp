#include "layoutcommands.h"

#include "document.h"

namespace sw::edit {

MoveStatesCommand::MoveStatesCommand(Document *doc, const Pins &positions, QUndoCommand *parent)
    : QUndoCommand(parent), m_doc(doc), m_before(doc->pins()), m_after(doc->pins())
{
    for (auto it = positions.cbegin(); it != positions.cend(); ++it)
        m_after.insert(it.key(), it.value());
    setText(positions.size() == 1 ? QStringLiteral("Move state")
                                  : QStringLiteral("Move %1 states").arg(positions.size()));
}

void MoveStatesCommand::redo()
{
    m_doc->setPins(m_after);
}

void MoveStatesCommand::undo()
{
    m_doc->setPins(m_before);
}

ClearPinsCommand::ClearPinsCommand(Document *doc, QUndoCommand *parent)
    : QUndoCommand(parent), m_doc(doc), m_before(doc->pins())
{
    setText(QStringLiteral("Auto-layout"));
}

void ClearPinsCommand::redo()
{
    m_doc->setPins(Pins());
}

void ClearPinsCommand::undo()
{
    m_doc->setPins(m_before);
}

} // namespace sw::edit
