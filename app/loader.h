#pragma once

#include "documentcontroller.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QThreadPool>
#include <QTimer>

#include <memory>

namespace sw::gui {

struct LoadJob;

// Opens definition files without blocking the window: the file is read (with the size limits of
// docs/limits.md), parsed and checked on a worker thread, and only the finished document is
// installed in the DocumentController on the UI thread. One load at a time: opening another file
// supersedes a running load, and cancel() drops it (the open document stays as it was). A load
// that takes longer than 200 ms shows progress: the phase, and the share read while reading.
// The worker never touches the open document; a dropped load's result is thrown away.
class DocumentLoader : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(sw::gui::DocumentController *document READ document WRITE setDocument NOTIFY documentChanged)
    Q_PROPERTY(bool busy READ isBusy NOTIFY busyChanged)
    Q_PROPERTY(bool showProgress READ showProgress NOTIFY showProgressChanged)
    Q_PROPERTY(QString fileName READ fileName NOTIFY busyChanged)
    Q_PROPERTY(QString phase READ phase NOTIFY progressChanged)
    Q_PROPERTY(double progress READ progress NOTIFY progressChanged)
public:
    // How long a load runs before it shows progress.
    static constexpr int ProgressDelayMs = 200;

    explicit DocumentLoader(QObject *parent = nullptr);
    ~DocumentLoader() override;

    DocumentController *document() const { return m_document; }
    void setDocument(DocumentController *document);
    bool isBusy() const { return m_job != nullptr; }
    bool showProgress() const { return m_showProgress; }
    QString fileName() const;
    QString phase() const { return m_phase; }
    // 0..1 while reading the file; -1 while parsing and checking (no measure of how far along).
    double progress() const { return m_progress; }

    // The SHA-1 of the file as the last completed load read it, when that load was of `path`.
    QByteArray loadedHash(const QString &path) const
    {
        return path == m_loadedPath ? m_loadedHash : QByteArray();
    }

    // A path or a file:// URL. Returns at once; finished() tells how it ended.
    Q_INVOKABLE void open(const QString &pathOrUrl);
    Q_INVOKABLE void cancel();

signals:
    void documentChanged();
    void busyChanged();
    void showProgressChanged();
    void progressChanged();
    // The load ended: opened (ok), or failed with a message. A cancelled or superseded load does
    // not finish.
    void finished(bool ok, const QString &error);

private:
    void done(const std::shared_ptr<LoadJob> &job);
    void pollProgress();
    void setShowProgress(bool show);

    QPointer<DocumentController> m_document;
    QThreadPool m_pool;
    std::shared_ptr<LoadJob> m_job; // the load that counts; others run to their end unseen
    QTimer m_progressTimer;
    QElapsedTimer m_elapsed;
    bool m_showProgress = false;
    QString m_phase;
    double m_progress = -1;
    QString m_loadedPath;
    QByteArray m_loadedHash;
};

} // namespace sw::gui
