#include "documentcontroller.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QUrl>

namespace sw::gui {

namespace {
constexpr int kMaxRecent = 10;
const QString kRecentKey = QStringLiteral("recentFiles");
} // namespace

DocumentController::DocumentController(QObject *parent) : QObject(parent)
{
    connect(&m_doc, &edit::Document::changed, this, &DocumentController::changed);
    connect(&m_doc, &edit::Document::modifiedChanged, this, &DocumentController::modifiedChanged);
    QUndoStack *stack = m_doc.undoStack();
    for (auto signal : {&QUndoStack::canUndoChanged, &QUndoStack::canRedoChanged})
        connect(stack, signal, this, &DocumentController::undoStateChanged);
    connect(stack, &QUndoStack::indexChanged, this, &DocumentController::undoStateChanged);
    m_recent = QSettings().value(kRecentKey).toStringList();
}

QString DocumentController::fileName() const
{
    return m_doc.filePath().isEmpty() ? QString() : QFileInfo(m_doc.filePath()).fileName();
}

bool DocumentController::canUndo() const
{
    return m_doc.undoStack()->canUndo();
}

bool DocumentController::canRedo() const
{
    return m_doc.undoStack()->canRedo();
}

QString DocumentController::undoText() const
{
    return m_doc.undoStack()->undoText();
}

QString DocumentController::redoText() const
{
    return m_doc.undoStack()->redoText();
}

QString DocumentController::toLocalPath(const QString &pathOrUrl)
{
    const QUrl url(pathOrUrl);
    return url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
}

bool DocumentController::open(const QString &pathOrUrl)
{
    const QString path = QDir::cleanPath(QFileInfo(toLocalPath(pathOrUrl)).absoluteFilePath());
    // Views react to the document's change signal during loadFile: they must already see a
    // document. A failed read leaves the previous document (or none) in place.
    const bool hadDocument = m_loaded;
    m_loaded = true;
    const QString error = m_doc.loadFile(path);
    if (!error.isEmpty()) {
        m_loaded = hadDocument;
        setError(error);
        return false;
    }
    remember(path);
    announceOpened();
    return true;
}

bool DocumentController::openMachine(int index)
{
    const QString error = m_doc.openMachine(index);
    if (!error.isEmpty()) {
        setError(error);
        return false;
    }
    announceOpened();
    return true;
}

void DocumentController::openWith(const std::function<void(edit::Document &)> &install)
{
    m_loaded = true; // views react to the document's signals during install (see open())
    install(m_doc);
    if (!m_doc.filePath().isEmpty()) remember(m_doc.filePath());
    announceOpened();
}

void DocumentController::announceOpened()
{
    QString problems;
    if (!m_doc.asl().parsed && !m_doc.asl().readDiagnostics.isEmpty()) {
        const Diagnostic &d = m_doc.asl().readDiagnostics.first();
        problems =
            QStringLiteral("%1:%2:%3: %4").arg(fileName()).arg(d.pos.line).arg(d.pos.column).arg(d.message);
    } else if (!m_doc.sidecarError().isEmpty()) {
        problems = QStringLiteral("Layout pins ignored: %1").arg(m_doc.sidecarError());
    }
    setError(problems);
    emit fileChanged();
    emit loaded();
    emit modifiedChanged();
    emit undoStateChanged();
}

bool DocumentController::save()
{
    if (m_doc.filePath().isEmpty()) {
        setError(QStringLiteral("No file name: use Save As"));
        return false;
    }
    return saveAs(m_doc.filePath());
}

bool DocumentController::saveAs(const QString &pathOrUrl)
{
    const QString path = toLocalPath(pathOrUrl);
    const QString previous = m_doc.filePath();
    const QString error = m_doc.saveFile(path);
    setError(error);
    if (!error.isEmpty()) return false;
    remember(m_doc.filePath());
    if (previous != m_doc.filePath()) emit fileChanged();
    emit modifiedChanged();
    return true;
}

void DocumentController::undo()
{
    m_doc.undoStack()->undo();
}

void DocumentController::redo()
{
    m_doc.undoStack()->redo();
}

void DocumentController::clearRecentFiles()
{
    m_recent.clear();
    QSettings().setValue(kRecentKey, m_recent);
    emit recentFilesChanged();
}

void DocumentController::setError(const QString &error)
{
    if (error == m_error) return;
    m_error = error;
    emit errorTextChanged();
}

void DocumentController::remember(const QString &path)
{
    m_recent.removeAll(path);
    m_recent.prepend(path);
    while (m_recent.size() > kMaxRecent)
        m_recent.removeLast();
    QSettings().setValue(kRecentKey, m_recent);
    emit recentFilesChanged();
}

} // namespace sw::gui
