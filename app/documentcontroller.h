#pragma once

#include "edit/document.h"

#include <QObject>
#include <QQmlEngine>
#include <QStringList>

#include <functional>

namespace sw::gui {

// Exposes the open Document to QML: file operations (open, save, save as, recent files), undo and
// redo bound to the document's QUndoStack, and the state of the file (path, modified, errors).
// Other controllers (diagram, outline, diagnostics) read the Document through document().
class DocumentController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString filePath READ filePath NOTIFY fileChanged)
    Q_PROPERTY(QString fileName READ fileName NOTIFY fileChanged)
    Q_PROPERTY(bool hasDocument READ hasDocument NOTIFY fileChanged)
    Q_PROPERTY(bool parsed READ isParsed NOTIFY changed)
    Q_PROPERTY(bool modified READ isModified NOTIFY modifiedChanged)
    Q_PROPERTY(bool canUndo READ canUndo NOTIFY undoStateChanged)
    Q_PROPERTY(bool canRedo READ canRedo NOTIFY undoStateChanged)
    Q_PROPERTY(QString undoText READ undoText NOTIFY undoStateChanged)
    Q_PROPERTY(QString redoText READ redoText NOTIFY undoStateChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)
    Q_PROPERTY(QStringList recentFiles READ recentFiles NOTIFY recentFilesChanged)
    // When the definition is in a YAML file or a CloudFormation/SAM/Terraform template: its kind,
    // the file's machines (a chooser shows when there are several), why it cannot be saved back
    // (empty: it can) and what saving cannot keep. All empty for plain ASL JSON.
    Q_PROPERTY(QString sourceKind READ sourceKind NOTIFY fileChanged)
    Q_PROPERTY(QStringList machines READ machines NOTIFY fileChanged)
    Q_PROPERTY(int machineIndex READ machineIndex NOTIFY fileChanged)
    Q_PROPERTY(QString readOnlyReason READ readOnlyReason NOTIFY fileChanged)
    Q_PROPERTY(QStringList sourceWarnings READ sourceWarnings NOTIFY fileChanged)
public:
    explicit DocumentController(QObject *parent = nullptr);

    edit::Document *document() { return &m_doc; }
    const edit::Document *document() const { return &m_doc; }

    QString filePath() const { return m_doc.filePath(); }
    QString fileName() const;
    bool hasDocument() const { return m_loaded; }
    bool isParsed() const { return m_doc.asl().parsed; }
    bool isModified() const { return m_doc.isModified(); }
    bool canUndo() const;
    bool canRedo() const;
    QString undoText() const;
    QString redoText() const;
    QString errorText() const { return m_error; }
    QStringList recentFiles() const { return m_recent; }

    // Paths or file:// URLs (what FileDialog and drag-and-drop give). Return false and set
    // errorText on failure.
    QString sourceKind() const { return m_doc.source() ? m_doc.source()->kind : QString(); }
    QStringList machines() const { return m_doc.source() ? m_doc.source()->machines : QStringList(); }
    int machineIndex() const { return m_doc.source() ? m_doc.source()->index : 0; }
    QString readOnlyReason() const { return m_doc.source() ? m_doc.source()->readOnlyReason : QString(); }
    QStringList sourceWarnings() const { return m_doc.source() ? m_doc.source()->warnings : QStringList(); }
    // Opens another machine of the same template (unsaved edits are the caller's to ask about).
    Q_INVOKABLE bool openMachine(int index);

    Q_INVOKABLE bool open(const QString &pathOrUrl);
    Q_INVOKABLE bool save();
    Q_INVOKABLE bool saveAs(const QString &pathOrUrl);
    Q_INVOKABLE void undo();
    Q_INVOKABLE void redo();
    Q_INVOKABLE void clearRecentFiles();
    Q_INVOKABLE static QString toLocalPath(const QString &pathOrUrl);

    // Opens a document read elsewhere (in the background by app/loader.cpp, or recovered by
    // app/recovery.cpp): `install` fills the Document (loadParsed, loadText, newDocument), then
    // everything open() announces is announced.
    void openWith(const std::function<void(edit::Document &)> &install);

signals:
    void fileChanged();
    void loaded();  // a new file replaced the document
    void changed(); // the definition changed (load or edit)
    void modifiedChanged();
    void undoStateChanged();
    void errorTextChanged();
    void recentFilesChanged();

private:
    void setError(const QString &error);
    void remember(const QString &path);
    void announceOpened();

    edit::Document m_doc;
    QString m_error;
    QStringList m_recent;
    bool m_loaded = false;
};

} // namespace sw::gui
