#pragma once

#include "documentcontroller.h"

#include <QDateTime>
#include <QHash>
#include <QLockFile>
#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QThreadPool>
#include <QTimer>
#include <QVariantList>

#include <memory>

namespace sw::gui {

// One recovery file, as read back: what a session autosaved before it ended without saving.
struct RecoveryEntry
{
    QString file;         // the recovery file (.../recovery/KEY.json)
    QString path;         // the document's file; empty for an untitled document
    QDateTime savedAt;    // when it was autosaved (UTC)
    QByteArray text;      // the definition as the editor had it
    edit::Pins pins;      // pinned positions
    qint64 baseSize = -1; // the file on disk when the edits began (to tell whether it changed since)
    QDateTime baseModified;
    QString error; // the recovery file cannot be read: why
};

// Keeps unsaved edits safe: while the document has unsaved changes, its text and pins are written
// to a recovery file every `interval` ms (QStandardPaths::AppDataLocation/recovery/, one file per
// document, keyed by its path), on a worker thread so a slow disk never stalls the window. The file
// is removed when the document is saved, undone to its saved state, replaced, or explicitly
// discarded (closing without saving). Each recovery file is locked (QLockFile) by the session that
// writes it, so when Stepwise starts, the files whose lock is stale (their session crashed or was
// killed) are the ones offered back (`orphans`). See docs/reliability.md.
class RecoveryManager : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(sw::gui::DocumentController *document READ document WRITE setDocument NOTIFY documentChanged)
    Q_PROPERTY(int interval READ interval WRITE setInterval NOTIFY intervalChanged)
    Q_PROPERTY(QVariantList orphans READ orphans NOTIFY orphansChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
    Q_PROPERTY(QString recoveryFile READ recoveryFile NOTIFY autosaved)
public:
    explicit RecoveryManager(QObject *parent = nullptr);
    ~RecoveryManager() override;

    // Where recovery files live (AppDataLocation/recovery).
    static QString directory();
    static RecoveryEntry readEntry(const QString &file);

    DocumentController *document() const { return m_document; }
    void setDocument(DocumentController *document);
    int interval() const { return m_timer.interval(); }
    void setInterval(int ms);
    // Recovery files left by sessions that ended without saving, newest first, as maps
    // {file, path, name, savedAt, changedOnDisk, missing}. Found when the manager is created.
    QVariantList orphans() const;
    QString error() const { return m_error; }
    // The current document's recovery file ("" while nothing is autosaved).
    QString recoveryFile() const { return m_written ? m_file : QString(); }

    // Opens the orphan's file and applies the recovered text and pins as one undoable edit; an
    // untitled document (or one whose file is gone) comes back as an unsaved document with the
    // recovered text. The recovery file is removed once the restored edits are autosaved again.
    // Returns "" or an error message.
    Q_INVOKABLE QString restore(const QString &recoveryFile);
    // Deletes an orphan.
    Q_INVOKABLE void discard(const QString &recoveryFile);
    // The user closes the document without saving: its recovery file goes too.
    Q_INVOKABLE void discardCurrent();
    // Writes the recovery file now (if there are unsaved edits) and waits until it is on disk.
    Q_INVOKABLE void flush();

signals:
    void documentChanged();
    void intervalChanged();
    void orphansChanged();
    void errorChanged();
    void autosaved(const QString &file); // a recovery file of the current document is on disk

private:
    struct Orphan
    {
        RecoveryEntry entry;
        std::shared_ptr<QLockFile> lock;
    };
    void scan();
    void documentEdited();
    void documentReplaced();
    void cleanChanged(bool modified);
    void autosave();
    void removeCurrent();
    bool claimKey();
    void setError(const QString &error);
    void finished(quint64 generation, const QString &error);

    QPointer<DocumentController> m_document;
    QTimer m_timer;
    QThreadPool m_pool; // one thread: writes and removals happen in order
    QList<Orphan> m_orphans;
    QString m_file;                    // the current document's recovery file
    std::unique_ptr<QLockFile> m_lock; // held while m_file is ours
    QString m_untitledKey;             // a new key for each untitled document
    qint64 m_baseSize = -1;            // the document's file as it was opened or saved
    QDateTime m_baseModified;
    quint64 m_generation = 0; // counts autosaves; the latest one to finish is reported
    bool m_written = false;
    QString m_error;
};

} // namespace sw::gui
