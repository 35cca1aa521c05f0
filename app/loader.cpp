#include "loader.h"

#include "edit/layoutsidecar.h"
#include "validate/sizelimits.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <atomic>

namespace sw::gui {

namespace {
// The reader and the typed model recurse up to the nesting limit: docs/limits.md asks every
// worker thread for 8 MB of stack.
constexpr uint kWorkerStack = 8 * 1024 * 1024;
constexpr qint64 kChunk = 1024 * 1024;
constexpr int kPollMs = 50;
} // namespace

// One load: written by the worker, read by the UI thread once the worker is done (the result) or
// at any time (the atomics).
struct LoadJob
{
    enum Phase { Reading, Parsing };
    QString path;
    std::atomic<bool> cancelled{false};
    std::atomic<int> phase{Reading};
    std::atomic<qint64> read{0};
    std::atomic<qint64> size{-1};
    // The result.
    QString error;
    QByteArray text;
    QByteArray hash; // SHA-1 of text (FileWatcher's idea of the file as opened)
    asl::AslDocument doc;
    std::optional<edit::DefinitionSource> source; // YAML and templates (see edit::openDefinitionText)
    edit::Pins pins;
    QString sidecarError;

    void run();
};

void LoadJob::run()
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("%1: cannot open: %2").arg(path, f.errorString());
        return;
    }
    // Refused before reading; the capped read also stops devices and pipes (docs/limits.md).
    if (f.size() > validate::MaxFileSize) {
        error = validate::fileTooLargeMessage(path, f.size());
        return;
    }
    size = f.size();
    while (!cancelled) {
        const QByteArray chunk = f.read(kChunk);
        if (chunk.isEmpty()) break;
        text.append(chunk);
        read = text.size();
        if (text.size() > validate::MaxFileSize) {
            error = validate::fileTooLargeMessage(path, -1);
            return;
        }
    }
    if (f.error() != QFileDevice::NoError) {
        error = QStringLiteral("%1: cannot read: %2").arg(path, f.errorString());
        return;
    }
    if (cancelled) return;
    phase = Parsing;
    hash = QCryptographicHash::hash(text, QCryptographicHash::Sha1);
    edit::OpenedFile opened = edit::openDefinitionText(path, text);
    if (!opened.error.isEmpty()) {
        error = opened.error;
        return;
    }
    doc = std::move(opened.doc);
    source = std::move(opened.source);
    if (cancelled) return;
    sidecarError = edit::readSidecar(path, &pins);
    if (!sidecarError.isEmpty()) pins.clear();
}

DocumentLoader::DocumentLoader(QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(2); // a superseded load may still be finishing its current step
    m_pool.setStackSize(kWorkerStack);
    m_progressTimer.setInterval(kPollMs);
    connect(&m_progressTimer, &QTimer::timeout, this, &DocumentLoader::pollProgress);
}

DocumentLoader::~DocumentLoader()
{
    if (m_job) m_job->cancelled = true;
    m_pool.waitForDone();
}

void DocumentLoader::setDocument(DocumentController *document)
{
    if (document == m_document) return;
    m_document = document;
    emit documentChanged();
}

QString DocumentLoader::fileName() const
{
    return m_job ? QFileInfo(m_job->path).fileName() : QString();
}

void DocumentLoader::open(const QString &pathOrUrl)
{
    if (m_job) m_job->cancelled = true;
    auto job = std::make_shared<LoadJob>();
    job->path = QDir::cleanPath(QFileInfo(DocumentController::toLocalPath(pathOrUrl)).absoluteFilePath());
    m_job = job;
    m_elapsed.start();
    m_progressTimer.start();
    pollProgress();
    emit busyChanged();
    m_pool.start([this, job] {
        job->run();
        QMetaObject::invokeMethod(
            this, [this, job] { done(job); }, Qt::QueuedConnection);
    });
}

void DocumentLoader::cancel()
{
    if (!m_job) return;
    m_job->cancelled = true;
    m_job.reset();
    m_progressTimer.stop();
    setShowProgress(false);
    emit busyChanged();
}

void DocumentLoader::done(const std::shared_ptr<LoadJob> &job)
{
    if (job != m_job || job->cancelled) return; // superseded or cancelled: nobody waits for it
    m_job.reset();
    m_progressTimer.stop();
    setShowProgress(false);
    emit busyChanged();
    if (!m_document) return;
    if (!job->error.isEmpty()) {
        emit finished(false, job->error); // the open document stays as it was
        return;
    }
    m_loadedPath = job->path;
    m_loadedHash = job->hash;
    m_document->openWith([&](edit::Document &d) {
        d.loadParsed(std::move(job->doc), job->text, job->path, job->pins, job->sidecarError, job->source);
    });
    emit finished(true, QString());
}

void DocumentLoader::pollProgress()
{
    if (!m_job) return;
    const bool reading = m_job->phase == LoadJob::Reading;
    const QString phase = reading ? QStringLiteral("Reading") : QStringLiteral("Parsing");
    const qint64 size = m_job->size;
    const double progress = reading && size > 0 ? double(m_job->read) / double(size) : -1.0;
    if (phase != m_phase || !qFuzzyCompare(progress + 2, m_progress + 2)) {
        m_phase = phase;
        m_progress = progress;
        emit progressChanged();
    }
    if (m_elapsed.elapsed() >= ProgressDelayMs) setShowProgress(true);
}

void DocumentLoader::setShowProgress(bool show)
{
    if (show == m_showProgress) return;
    m_showProgress = show;
    emit showProgressChanged();
}

} // namespace sw::gui
