#pragma once

#include "edit/document.h"

#include <QObject>
#include <QQmlEngine>
#include <QStringList>

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
    Q_INVOKABLE bool open(const QString &pathOrUrl);
    Q_INVOKABLE bool save();
    Q_INVOKABLE bool saveAs(const QString &pathOrUrl);
    Q_INVOKABLE void undo();
    Q_INVOKABLE void redo();
    Q_INVOKABLE void clearRecentFiles();
    Q_INVOKABLE static QString toLocalPath(const QString &pathOrUrl);

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

    edit::Document m_doc;
    QString m_error;
    QStringList m_recent;
    bool m_loaded = false;
};

} // namespace sw::gui
