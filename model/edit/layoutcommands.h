#pragma once

#include "layoutsidecar.h"

#include <QUndoCommand>

namespace sw::edit {

class Document;

// Pins states at new positions (one drag of one or more states is one command). Positions are
// top-left corners in each state's layout frame; a state that was not pinned before is unpinned
// again by undo.
class MoveStatesCommand : public QUndoCommand
{
public:
    MoveStatesCommand(Document *doc, const Pins &positions, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document *m_doc;
    Pins m_before; // the whole pin set before
    Pins m_after;  // the whole pin set after
};

// "Auto-layout": forgets every pin so the next layout is dot's own.
class ClearPinsCommand : public QUndoCommand
{
public:
    explicit ClearPinsCommand(Document *doc, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document *m_doc;
    Pins m_before;
};

} // namespace sw::edit
