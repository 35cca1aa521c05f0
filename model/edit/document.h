#pragma once

#include "asl/asldocument.h"
#include "diagnostic.h"
#include "layoutsidecar.h"

#include <QObject>
#include <QString>
#include <QUndoStack>

namespace sw::edit {

// The open definition and the only way to change it. Every mutation is an undo command on the
// document's QUndoStack; "modified" is derived from the stack's clean state. Views read the typed
// machine and listen to the change signals; they never edit the JSON themselves.
class Document : public QObject
{
    Q_OBJECT
public:
    explicit Document(QObject *parent = nullptr);

    // Loading and saving. Errors are returned as text (empty on success); the document is left
    // unchanged when loading fails for I/O reasons (malformed JSON still loads, with diagnostics).
    // loadFile also reads the layout sidecar (a broken sidecar loads no pins and is reported by
    // sidecarError()); saveFile writes it beside the definition, or removes it when nothing is pinned.
    QString loadFile(const QString &path);
    void loadText(const QByteArray &utf8, const QString &path = QString());
    QString saveFile(const QString &path = QString()); // atomic (QSaveFile)

    const asl::AslDocument &asl() const { return m_doc; }
    const Json &root() const { return m_doc.root; }
    const asl::StateMachine &machine() const { return m_doc.machine; }
    QString filePath() const { return m_path; }
    bool isModified() const { return !m_undo.isClean(); }
    QUndoStack *undoStack() { return &m_undo; }
    const QUndoStack *undoStack() const { return &m_undo; }
    QByteArray text() const { return m_doc.toText(); }

    // Low-level edit applied by commands: replaces the whole tree (commands keep before/after).
    void setRoot(const Json &root);

    // Pinned node positions (see layoutsidecar.h). Changed through MoveStatesCommand and
    // ClearPinsCommand; setPins is their low-level edit.
    const Pins &pins() const { return m_pins; }
    void setPins(const Pins &pins);
    QString sidecarError() const { return m_sidecarError; }

signals:
    void loaded();
    void changed();
    void pinsChanged();
    void modifiedChanged(bool modified);

private:
    void load(const QByteArray &utf8, const QString &path, const Pins &pins);

    asl::AslDocument m_doc;
    QString m_path;
    QUndoStack m_undo;
    Pins m_pins;
    QString m_sidecarError;
};

} // namespace sw::edit
