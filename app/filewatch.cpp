#include "filewatch.h"

#include "loader.h"

#include "validate/sizelimits.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>

namespace sw::gui {

namespace {
constexpr int kSettleMs = 100;
constexpr uint kWorkerStack = 8 * 1024 * 1024; // the writer recurses (docs/limits.md)

// "" when the file cannot be read (gone, or too large to be the document).
QByteArray hashFile(const QString &path, bool *exists)
{
    QFile f(path);
    *exists = f.exists();
    if (!f.open(QIODevice::ReadOnly)) return {};
    QCryptographicHash hash(QCryptographicHash::Sha1);
    qint64 total = 0;
    while (true) {
        const QByteArray chunk = f.read(1024 * 1024);
        if (chunk.isEmpty()) break;
        total += chunk.size();
        if (total > validate::MaxFileSize) return {};
        hash.addData(chunk);
    }
    return hash.result();
}
} // namespace

FileWatcher::FileWatcher(QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
    m_pool.setStackSize(kWorkerStack);
    m_settle.setSingleShot(true);
    m_settle.setInterval(kSettleMs);
    connect(&m_settle, &QTimer::timeout, this, &FileWatcher::startCheck);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &FileWatcher::fileEvent);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &FileWatcher::fileEvent);
}

FileWatcher::~FileWatcher()
{
    ++m_generation;
    m_pool.waitForDone();
}

void FileWatcher::setDocument(DocumentController *document)
{
    if (document == m_document) return;
    if (m_document) {
        disconnect(m_document, nullptr, this, nullptr);
        disconnect(m_document->document(), nullptr, this, nullptr);
    }
    m_document = document;
    if (m_document) {
        // A new file (open, reload) or a new path (Save As): watch it and learn its content.
        connect(m_document->document(), &edit::Document::loaded, this, &FileWatcher::watch);
        connect(m_document, &DocumentController::fileChanged, this, &FileWatcher::watch);
        watch();
    }
    emit documentChanged();
}

void FileWatcher::setLoader(DocumentLoader *loader)
{
    if (loader == m_loader) return;
    m_loader = loader;
    emit loaderChanged();
}

void FileWatcher::watch()
{
    const QString path = m_document ? m_document->filePath() : QString();
    if (!m_watcher.files().isEmpty()) m_watcher.removePaths(m_watcher.files());
    if (!m_watcher.directories().isEmpty()) m_watcher.removePaths(m_watcher.directories());
    m_path = path;
    m_known.clear();
    m_lastDisk.clear();
    ++m_generation;
    setState(false, false);
    if (m_path.isEmpty()) return;
    m_watcher.addPath(QFileInfo(m_path).absolutePath());
    if (QFileInfo::exists(m_path)) m_watcher.addPath(m_path);
    // The file as it was opened: the loader hashed the bytes it read; after a synchronous open or
    // a Save As, the file is read again now (a later read could already see someone else's change).
    m_known = m_loader ? m_loader->loadedHash(m_path) : QByteArray();
    if (m_known.isEmpty()) {
        bool exists = false;
        m_known = hashFile(m_path, &exists);
    }
    m_lastDisk = m_known;
}

void FileWatcher::fileEvent()
{
    if (m_path.isEmpty()) return;
    // A file replaced by rename, or deleted and written again, is a new file: watch that one.
    if (!m_watcher.files().contains(m_path) && QFileInfo::exists(m_path)) m_watcher.addPath(m_path);
    m_settle.start();
}

void FileWatcher::startCheck()
{
    if (m_path.isEmpty() || !m_document) return;
    // The editor's text, to recognise our own saves: written out on the worker from a shared copy.
    asl::AslDocument tree;
    QByteArray raw;
    const edit::Document *doc = m_document->document();
    tree.parsed = doc->isParsed();
    if (tree.parsed) {
        tree.root = doc->root();
        tree.endsWithNewline = doc->asl().endsWithNewline;
        tree.hasBom = doc->asl().hasBom;
    } else {
        raw = doc->text();
    }
    const quint64 generation = m_generation;
    m_pool.start([this, path = m_path, tree, raw, generation] {
        bool exists = false;
        const QByteArray disk = hashFile(path, &exists);
        const QByteArray text =
            QCryptographicHash::hash(tree.parsed ? tree.toText() : raw, QCryptographicHash::Sha1);
        QMetaObject::invokeMethod(
            this, [=, this] { checkDone(generation, exists, disk, text); }, Qt::QueuedConnection);
    });
}

void FileWatcher::checkDone(quint64 generation, bool exists, const QByteArray &diskHash,
                            const QByteArray &textHash)
{
    if (generation != m_generation) return; // another file since
    m_lastDisk = diskHash;
    if (!exists) {
        setState(false, true);
    } else if (diskHash.isEmpty()) {
        // Unreadable or too large right now (a writer may hold it): look again at the next event.
    } else if (diskHash == m_known) {
        setState(false, false); // touched, or written back unchanged
    } else if (diskHash == textHash) {
        m_known = diskHash; // our own save, or the same text written elsewhere
        setState(false, false);
    } else {
        setState(true, false);
    }
    emit checked();
}

void FileWatcher::setState(bool changed, bool deleted)
{
    if (changed == m_changed && deleted == m_deleted) return;
    m_changed = changed;
    m_deleted = deleted;
    emit stateChanged();
}

void FileWatcher::reload()
{
    if (!m_document || m_path.isEmpty()) return;
    setState(false, false);
    if (m_loader)
        m_loader->open(m_path);
    else
        m_document->open(m_path);
}

void FileWatcher::keepMine()
{
    if (!m_document) return;
    // What is on disk now counts as seen: this change is not reported again.
    m_known = m_lastDisk;
    setState(false, false);
    m_document->document()->undoStack()->resetClean();
}

} // namespace sw::gui
