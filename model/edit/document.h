#pragma once

#include "asl/asldocument.h"
#include "diagnostic.h"
#include "layoutsidecar.h"

#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QUndoStack>

#include <memory>
#include <optional>

namespace sw::formats {
class SourceFile;
}

namespace sw::edit {

// Where the definition lives when the file is not plain ASL JSON: an ASL YAML file, or a
// CloudFormation/SAM/Terraform template holding one or more machines (model/formats/sourcefile.h).
// Saving writes the edited definition back into that file (or the local file the template names)
// and leaves the rest of it as it was.
struct DefinitionSource
{
    std::shared_ptr<const formats::SourceFile> file;
    int index = 0;             // which machine of the file
    QString kind;              // "ASL YAML", "CloudFormation/SAM template", "Terraform"
    QStringList machines;      // the file's machines, for a chooser ("id: summary")
    QString definitionPath;    // the file the definition text is in
    QString readOnlyReason;    // non-empty: the definition cannot be written back (and why)
    QStringList warnings;      // what saving cannot keep (comments on edited lines...)
    QSet<QString> rawPlaceholders; // substituted unquoted: numbers or booleans once deployed
};

// A file's text read the way Stepwise opens files: ASL JSON directly (malformed JSON still gives a
// document, with diagnostics), anything else through formats::SourceFile, machine `index`. Safe
// on any thread; reads only the local definition file a template names. `error` is set when the
// file holds no definition that can be opened (with file:line:column).
struct OpenedFile
{
    asl::AslDocument doc;
    std::optional<DefinitionSource> source;
    QString error;
};
OpenedFile openDefinitionText(const QString &path, const QByteArray &text, int index = 0);

class EditCommand;

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
    // A new, untitled document (File > New): no path, not modified, nothing to undo.
    void newDocument(const QByteArray &utf8);
    QString saveFile(const QString &path = QString()); // atomic (QSaveFile)
    // loadFile in two halves, for a background load (app/loader.cpp): the file's text as read and
    // what AslDocument::fromText made of it (on any thread) are installed here, with the sidecar's
    // pins and error as readSidecar gave them.
    void loadParsed(asl::AslDocument doc, const QByteArray &text, const QString &path, const Pins &pins,
                    const QString &sidecarError, const std::optional<DefinitionSource> &source = std::nullopt);

    // The file the definition came from when it is not plain ASL JSON (see DefinitionSource).
    const std::optional<DefinitionSource> &source() const { return m_source; }
    // Opens another machine of the same template (a new document: nothing to undo).
    QString openMachine(int index);

    const asl::AslDocument &asl() const { return m_doc; }
    // The same definition re-read from text(): its positions (line:column) are those of the text
    // a save would write, also after edits (the edited tree keeps the positions it was read with,
    // and new members have none). Computed on demand and cached until the next change.
    const asl::AslDocument &positioned() const;
    const Json &root() const { return m_doc.root; }
    const asl::StateMachine &machine() const { return m_doc.machine; }
    QString filePath() const { return m_path; }
    bool isModified() const { return !m_undo.isClean(); }
    QUndoStack *undoStack() { return &m_undo; }
    const QUndoStack *undoStack() const { return &m_undo; }
    // What a save writes: the tree as text, or the text as read when it is not JSON.
    QByteArray text() const;
    bool isParsed() const { return m_doc.parsed; }

    // Pushes an edit onto the undo stack (which runs it). A command whose edit was refused
    // (EditCommand::error(), e.g. a name that is taken) is deleted and its error returned; an
    // edit that would change nothing is deleted too. Returns "" when the edit was applied.
    QString push(EditCommand *command);

    // Low-level edits applied by commands (commands keep before/after): replace the whole tree,
    // the tree and the pins at once, or the whole text (re-read; what the code view applies).
    void setRoot(const Json &root);
    void setRootAndPins(const Json &root, const Pins &pins);
    void setText(const QByteArray &utf8);

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
    void install(const QString &path, const Pins &pins);
    void read(const QByteArray &utf8);
    void treeChanged();

    asl::AslDocument m_doc;
    QByteArray m_rawText; // the text as read when it is not JSON (saved back unchanged)
    // Whether m_doc's positions match text(), or a re-read copy is needed (and made).
    enum class Positions { OfTree, Stale, Reread };
    mutable Positions m_positions = Positions::OfTree;
    mutable asl::AslDocument m_positioned;
    QString m_path;
    QUndoStack m_undo;
    Pins m_pins;
    QString m_sidecarError;
    std::optional<DefinitionSource> m_source;
};

} // namespace sw::edit
