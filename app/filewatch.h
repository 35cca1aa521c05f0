#pragma once

#include "documentcontroller.h"
#include "loader.h"

#include <QByteArray>
#include <QFileSystemWatcher>
#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QThreadPool>
#include <QTimer>

namespace sw::gui {

// Notices when the open document's file is changed on disk by something else (another editor, a
// git checkout) and lets the user choose: reload it, or keep the version in the editor. Compares
// contents, not timestamps: what is on disk is hashed (on a worker thread) and compared with the
// file as it was opened and with the document's own text, so saving from Stepwise, touching the
// file or rewriting it unchanged never prompts. Watches the file and its folder, so editors that
// save by writing a new file and renaming it over the old one, or by deleting and recreating it,
// are noticed too (the watch is re-armed on the new file).
class FileWatcher : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(sw::gui::DocumentController *document READ document WRITE setDocument NOTIFY documentChanged)
    Q_PROPERTY(sw::gui::DocumentLoader *loader READ loader WRITE setLoader NOTIFY loaderChanged)
    Q_PROPERTY(bool changedOnDisk READ changedOnDisk NOTIFY stateChanged)
    Q_PROPERTY(bool deletedOnDisk READ deletedOnDisk NOTIFY stateChanged)
public:
    explicit FileWatcher(QObject *parent = nullptr);
    ~FileWatcher() override;

    DocumentController *document() const { return m_document; }
    void setDocument(DocumentController *document);
    // Reloads through the loader (in the background) when one is set, else synchronously.
    DocumentLoader *loader() const { return m_loader; }
    void setLoader(DocumentLoader *loader);

    // The file on disk differs from both the version opened (or last seen) and the editor's text.
    bool changedOnDisk() const { return m_changed; }
    // The file is gone (deleted, or moved away).
    bool deletedOnDisk() const { return m_deleted; }

    // Replaces the document with the file as it is on disk (the undo history goes with it).
    Q_INVOKABLE void reload();
    // Keeps the editor's version: the document counts as modified (it differs from the disk), the
    // change is not reported again, and the next save overwrites the file.
    Q_INVOKABLE void keepMine();

signals:
    void documentChanged();
    void loaderChanged();
    void stateChanged();
    void checked(); // the file was compared after a notification (for tests and diagnostics)

private:
    void watch();
    void fileEvent();
    void startCheck();
    void checkDone(quint64 generation, bool exists, const QByteArray &diskHash, const QByteArray &textHash);
    void setState(bool changed, bool deleted);

    QPointer<DocumentController> m_document;
    QPointer<DocumentLoader> m_loader;
    QFileSystemWatcher m_watcher;
    QTimer m_settle; // a save is often several events: compare once they are over
    QThreadPool m_pool;
    QString m_path;
    QByteArray m_known;    // hash of the file as opened, saved or last accepted ("": unknown)
    QByteArray m_lastDisk; // hash of the file at the last check
    quint64 m_generation = 0;
    bool m_changed = false;
    bool m_deleted = false;
};

} // namespace sw::gui
