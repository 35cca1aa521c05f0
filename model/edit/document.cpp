#include "document.h"

#include <QFile>
#include <QSaveFile>

namespace sw::edit {

Document::Document(QObject *parent) : QObject(parent)
{
    connect(&m_undo, &QUndoStack::cleanChanged, this, [this](bool clean) { emit modifiedChanged(!clean); });
}

QString Document::loadFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("%1: cannot open: %2").arg(path, f.errorString());
    loadText(f.readAll(), path);
    return {};
}

void Document::loadText(const QByteArray &utf8, const QString &path)
{
    m_doc = asl::AslDocument::fromText(utf8);
    m_path = path;
    m_undo.clear();
    emit loaded();
    emit changed();
}

QString Document::saveFile(const QString &path)
{
    const QString target = path.isEmpty() ? m_path : path;
    if (target.isEmpty())
        return QStringLiteral("no file name to save to");
    QSaveFile f(target);
    if (!f.open(QIODevice::WriteOnly))
        return QStringLiteral("%1: cannot write: %2").arg(target, f.errorString());
    const QByteArray data = m_doc.toText();
    if (f.write(data) != data.size() || !f.commit())
        return QStringLiteral("%1: cannot write: %2").arg(target, f.errorString());
    m_path = target;
    m_undo.setClean();
    return {};
}

void Document::setRoot(const Json &root)
{
    m_doc.root = root;
    m_doc.rebuild();
    emit changed();
}

} // namespace sw::edit
