#include "recovery.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>
#include <QStringDecoder>
#include <QUndoCommand>
#include <QUuid>

#include <algorithm>

namespace sw::gui {

namespace {

constexpr int kDefaultIntervalMs = 5000;
// The writer walks the tree recursively: give the worker the stack docs/limits.md asks for.
constexpr uint kWorkerStack = 8 * 1024 * 1024;
const QString kFormat = QStringLiteral("stepwise-recovery");

QString lockPathOf(const QString &recoveryFile)
{
    QString p = recoveryFile;
    p.chop(int(QStringLiteral(".json").size()));
    return p + QStringLiteral(".lock");
}

// The lock only says whether its session is alive: never let age make it stale (a session may
// keep a document open for days).
std::unique_ptr<QLockFile> tryLock(const QString &recoveryFile)
{
    auto lock = std::make_unique<QLockFile>(lockPathOf(recoveryFile));
    lock->setStaleLockTime(0);
    if (!lock->tryLock(0)) return nullptr;
    return lock;
}

// What is needed to write the document's text on another thread: the tree (a cheap shared copy)
// and the writer's settings, or the text itself when it is not JSON.
struct Snapshot
{
    asl::AslDocument tree; // root and the writing flags only (no typed machine)
    QByteArray rawText;
    edit::Pins pins;
    QString path;
    qint64 baseSize = -1;
    QDateTime baseModified;

    QByteArray text() const { return tree.parsed ? tree.toText() : rawText; }
};

QByteArray envelope(const Snapshot &s)
{
    QJsonObject o;
    o.insert(QStringLiteral("format"), kFormat);
    o.insert(QStringLiteral("version"), 1);
    o.insert(QStringLiteral("path"), s.path);
    o.insert(QStringLiteral("savedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    if (s.baseSize >= 0) {
        o.insert(QStringLiteral("baseSize"), double(s.baseSize));
        o.insert(QStringLiteral("baseModified"), s.baseModified.toUTC().toString(Qt::ISODateWithMs));
    }
    const QByteArray text = s.text();
    QStringDecoder decode(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decode(text);
    if (decode.hasError())
        o.insert(QStringLiteral("textBase64"), QString::fromLatin1(text.toBase64()));
    else
        o.insert(QStringLiteral("text"), decoded);
    QJsonObject pins;
    for (auto it = s.pins.constBegin(); it != s.pins.constEnd(); ++it)
        pins.insert(it.key(), QJsonArray{it.value().x(), it.value().y()});
    o.insert(QStringLiteral("pins"), pins);
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

QString writeFile(const QString &file, const QByteArray &data)
{
    if (!QDir().mkpath(QFileInfo(file).absolutePath()))
        return QStringLiteral("cannot create %1").arg(QFileInfo(file).absolutePath());
    QSaveFile f(file);
    // Unbuffered, or a write error in commit()'s flush would go unnoticed (see Document::saveFile).
    if (!f.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return QStringLiteral("%1: %2").arg(file, f.errorString());
    if (f.write(data) != data.size() || !f.commit())
        return QStringLiteral("%1: %2").arg(file, f.errorString());
    return {};
}

QString displayName(const QString &path)
{
    return path.isEmpty() ? QStringLiteral("Untitled") : QFileInfo(path).fileName();
}

// Restoring is one undo step: Undo goes back to the file as it is on disk.
class RestoreCommand : public QUndoCommand
{
public:
    RestoreCommand(edit::Document *doc, const QByteArray &text, const edit::Pins &pins)
        : QUndoCommand(QStringLiteral("Restore Unsaved Edits")), m_doc(doc), m_beforeText(doc->text()),
          m_beforePins(doc->pins()), m_afterText(text), m_afterPins(pins)
    {
    }
    void redo() override
    {
        m_doc->setText(m_afterText);
        m_doc->setPins(m_afterPins);
    }
    void undo() override
    {
        m_doc->setText(m_beforeText);
        m_doc->setPins(m_beforePins);
    }

private:
    edit::Document *m_doc;
    QByteArray m_beforeText;
    edit::Pins m_beforePins;
    QByteArray m_afterText;
    edit::Pins m_afterPins;
};

} // namespace

RecoveryManager::RecoveryManager(QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
    m_pool.setStackSize(kWorkerStack);
    m_timer.setSingleShot(true);
    m_timer.setInterval(kDefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &RecoveryManager::autosave);
    scan();
}

RecoveryManager::~RecoveryManager()
{
    // Quitting with edits not yet autosaved: write them (the close prompt, when it was answered
    // "discard", has stopped the timer through discardCurrent()).
    if (m_timer.isActive()) autosave();
    m_pool.waitForDone();
}

QString RecoveryManager::directory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/recovery");
}

RecoveryEntry RecoveryManager::readEntry(const QString &file)
{
    RecoveryEntry e;
    e.file = file;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        e.error = QStringLiteral("%1: %2").arg(file, f.errorString());
        return e;
    }
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(f.readAll(), &parseError);
    const QJsonObject o = json.object();
    if (parseError.error != QJsonParseError::NoError ||
        o.value(QStringLiteral("format")).toString() != kFormat) {
        e.error = QStringLiteral("%1: not a Stepwise recovery file").arg(file);
        return e;
    }
    e.path = o.value(QStringLiteral("path")).toString();
    e.savedAt = QDateTime::fromString(o.value(QStringLiteral("savedAt")).toString(), Qt::ISODateWithMs);
    if (o.contains(QStringLiteral("textBase64")))
        e.text = QByteArray::fromBase64(o.value(QStringLiteral("textBase64")).toString().toLatin1());
    else
        e.text = o.value(QStringLiteral("text")).toString().toUtf8();
    const QJsonObject pins = o.value(QStringLiteral("pins")).toObject();
    for (auto it = pins.constBegin(); it != pins.constEnd(); ++it) {
        const QJsonArray xy = it.value().toArray();
        if (xy.size() == 2) e.pins.insert(it.key(), QPointF(xy.at(0).toDouble(), xy.at(1).toDouble()));
    }
    if (o.contains(QStringLiteral("baseSize"))) {
        e.baseSize = qint64(o.value(QStringLiteral("baseSize")).toDouble());
        e.baseModified =
            QDateTime::fromString(o.value(QStringLiteral("baseModified")).toString(), Qt::ISODateWithMs);
    }
    return e;
}

void RecoveryManager::scan()
{
    const QDir dir(directory());
    const QFileInfoList files = dir.entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Time);
    for (const QFileInfo &fi : files) {
        // A file whose lock we get belongs to no running session: it was left by a crash.
        std::unique_ptr<QLockFile> lock = tryLock(fi.absoluteFilePath());
        if (!lock) continue;
        m_orphans.append({readEntry(fi.absoluteFilePath()), std::shared_ptr<QLockFile>(std::move(lock))});
    }
}

QVariantList RecoveryManager::orphans() const
{
    QVariantList list;
    for (const Orphan &o : m_orphans) {
        const RecoveryEntry &e = o.entry;
        const QFileInfo disk(e.path);
        const bool missing = !e.path.isEmpty() && !disk.exists();
        const bool changed =
            !e.path.isEmpty() && !missing && e.baseSize >= 0 &&
            (disk.size() != e.baseSize || disk.lastModified().toUTC() != e.baseModified.toUTC());
        list.append(QVariantMap{{QStringLiteral("file"), e.file},
                                {QStringLiteral("path"), e.path},
                                {QStringLiteral("name"), displayName(e.path)},
                                {QStringLiteral("savedAt"), e.savedAt.toLocalTime()},
                                {QStringLiteral("changedOnDisk"), changed},
                                {QStringLiteral("missing"), missing},
                                {QStringLiteral("error"), e.error}});
    }
    return list;
}

void RecoveryManager::setDocument(DocumentController *document)
{
    if (document == m_document) return;
    if (m_document) disconnect(m_document->document(), nullptr, this, nullptr);
    m_document = document;
    if (m_document) {
        edit::Document *doc = m_document->document();
        connect(doc, &edit::Document::changed, this, &RecoveryManager::documentEdited);
        connect(doc, &edit::Document::pinsChanged, this, &RecoveryManager::documentEdited);
        connect(doc, &edit::Document::modifiedChanged, this, &RecoveryManager::cleanChanged);
        connect(doc, &edit::Document::loaded, this, &RecoveryManager::documentReplaced);
        documentReplaced();
    }
    emit documentChanged();
}

void RecoveryManager::setInterval(int ms)
{
    ms = std::max(ms, 10);
    if (ms == m_timer.interval()) return;
    m_timer.setInterval(ms);
    emit intervalChanged();
}

void RecoveryManager::documentEdited()
{
    // The first unsaved edit starts the clock; later ones ride along, so a steady stream of edits
    // is still written every interval.
    if (m_document && m_document->isModified() && !m_timer.isActive()) m_timer.start();
}

void RecoveryManager::documentReplaced()
{
    // Another document (opened, new, reloaded): whatever was unsaved in the previous one was
    // answered for by the close prompt.
    m_timer.stop();
    removeCurrent();
    m_untitledKey.clear();
    cleanChanged(m_document && m_document->isModified());
}

void RecoveryManager::cleanChanged(bool modified)
{
    if (modified) {
        documentEdited();
        return;
    }
    // Saved, or undone back to the saved state: the file on disk has it all.
    m_timer.stop();
    removeCurrent();
    const QFileInfo disk(m_document ? m_document->filePath() : QString());
    m_baseSize = disk.exists() ? disk.size() : -1;
    m_baseModified = disk.exists() ? disk.lastModified().toUTC() : QDateTime();
}

bool RecoveryManager::claimKey()
{
    const QString path = m_document->filePath();
    QString base;
    if (path.isEmpty()) {
        if (m_untitledKey.isEmpty())
            m_untitledKey = QStringLiteral("untitled-") + QUuid::createUuid().toString(QUuid::Id128).left(12);
        base = m_untitledKey;
    } else {
        const QString absolute = QFileInfo(path).absoluteFilePath();
        const QByteArray hash = QCryptographicHash::hash(absolute.toUtf8(), QCryptographicHash::Sha1).toHex();
        base = QFileInfo(path).fileName() + QLatin1Char('-') + QString::fromLatin1(hash.left(16));
    }
    const QString dir = directory();
    // The same file open in two sessions, or an orphan not yet answered: take the next free name.
    for (int n = 1; n <= 20; ++n) {
        const QString file = dir + QLatin1Char('/') + base +
                             (n > 1 ? QStringLiteral("-%1").arg(n) : QString()) + QStringLiteral(".json");
        if (!QDir().mkpath(dir)) break;
        std::unique_ptr<QLockFile> lock = tryLock(file);
        if (!lock) continue;
        if (QFileInfo::exists(file)) continue; // left by a session that crashed after we started
        m_lock = std::move(lock);
        m_file = file;
        return true;
    }
    setError(QStringLiteral("cannot create a recovery file in %1").arg(dir));
    return false;
}

void RecoveryManager::autosave()
{
    m_timer.stop();
    if (!m_document || !m_document->isModified()) return;
    if (m_file.isEmpty() && !claimKey()) return;
    const edit::Document *doc = m_document->document();
    Snapshot s;
    s.tree.parsed = doc->isParsed();
    if (s.tree.parsed) {
        s.tree.root = doc->root();
        s.tree.endsWithNewline = doc->asl().endsWithNewline;
        s.tree.hasBom = doc->asl().hasBom;
    } else {
        s.rawText = doc->text();
    }
    s.pins = doc->pins();
    s.path = doc->filePath();
    s.baseSize = m_baseSize;
    s.baseModified = m_baseModified;
    const quint64 generation = ++m_generation;
    m_pool.start([this, s = std::move(s), file = m_file, generation] {
        const QString error = writeFile(file, envelope(s));
        QMetaObject::invokeMethod(
            this, [this, generation, error] { finished(generation, error); }, Qt::QueuedConnection);
    });
}

void RecoveryManager::finished(quint64 generation, const QString &error)
{
    if (!error.isEmpty()) {
        setError(QStringLiteral("Autosave failed: %1").arg(error));
        return;
    }
    if (generation != m_generation || m_file.isEmpty()) return; // removed or superseded since
    m_written = true;
    setError(QString());
    emit autosaved(m_file);
}

void RecoveryManager::removeCurrent()
{
    ++m_generation;
    m_written = false;
    if (m_file.isEmpty()) return;
    // Queued behind any write in flight; the lock goes with the file.
    m_pool.start(
        [file = m_file, lock = std::shared_ptr<QLockFile>(std::move(m_lock))] { QFile::remove(file); });
    m_file.clear();
}

void RecoveryManager::discardCurrent()
{
    m_timer.stop();
    removeCurrent();
}

void RecoveryManager::flush()
{
    if (m_timer.isActive() || (m_document && m_document->isModified() && !m_written)) autosave();
    m_pool.waitForDone();
    // Deliver the workers' queued reports (finished()) now, so recoveryFile() and error() are current.
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
}

QString RecoveryManager::restore(const QString &recoveryFile)
{
    const auto it = std::find_if(m_orphans.begin(), m_orphans.end(),
                                 [&](const Orphan &o) { return o.entry.file == recoveryFile; });
    if (it == m_orphans.end()) return QStringLiteral("%1: no such recovery file").arg(recoveryFile);
    if (!it->entry.error.isEmpty()) return it->entry.error;
    if (!m_document) return QStringLiteral("no document to restore into");
    const Orphan orphan = *it;
    const RecoveryEntry &e = orphan.entry;
    if (!e.path.isEmpty() && QFileInfo::exists(e.path)) {
        if (!m_document->open(e.path)) return m_document->errorText();
        edit::Document *doc = m_document->document();
        doc->undoStack()->push(new RestoreCommand(doc, e.text, e.pins));
    } else {
        // Untitled, or its file is gone: nothing on disk to go back to. The recovered text is the
        // document, unsaved (Save writes it to its old path when it had one).
        m_document->openWith([&](edit::Document &d) {
            if (e.path.isEmpty())
                d.newDocument(e.text);
            else
                d.loadText(e.text, e.path);
            d.setPins(e.pins);
            d.undoStack()->resetClean();
        });
    }
    m_orphans.erase(std::find_if(m_orphans.begin(), m_orphans.end(),
                                 [&](const Orphan &o) { return o.entry.file == recoveryFile; }));
    emit orphansChanged();
    // The restored edits are written to this session's recovery file before the old one goes.
    autosave();
    m_pool.start([file = e.file, lock = orphan.lock] { QFile::remove(file); });
    return {};
}

void RecoveryManager::discard(const QString &recoveryFile)
{
    const auto it = std::find_if(m_orphans.begin(), m_orphans.end(),
                                 [&](const Orphan &o) { return o.entry.file == recoveryFile; });
    if (it == m_orphans.end()) return;
    m_pool.start([file = it->entry.file, lock = it->lock] { QFile::remove(file); });
    m_orphans.erase(it);
    emit orphansChanged();
}

void RecoveryManager::setError(const QString &error)
{
    if (error == m_error) return;
    m_error = error;
    emit errorChanged();
}

} // namespace sw::gui
