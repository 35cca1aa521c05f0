#include "document.h"

#include "editcommand.h"

#include "validate/sizelimits.h"

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
    if (!f.open(QIODevice::ReadOnly)) return QStringLiteral("%1: cannot open: %2").arg(path, f.errorString());
    // Refused before reading (docs/limits.md); the capped read also stops devices and pipes.
    if (f.size() > validate::MaxFileSize) return validate::fileTooLargeMessage(path, f.size());
    const QByteArray text = f.read(validate::MaxFileSize + 1);
    if (text.size() > validate::MaxFileSize) return validate::fileTooLargeMessage(path, -1);
    Pins pins;
    const QString sidecarError = readSidecar(path, &pins);
    load(text, path, sidecarError.isEmpty() ? pins : Pins());
    m_sidecarError = sidecarError;
    return {};
}

void Document::loadText(const QByteArray &utf8, const QString &path)
{
    load(utf8, path, Pins());
}

void Document::newDocument(const QByteArray &utf8)
{
    load(utf8, QString(), Pins());
}

void Document::read(const QByteArray &utf8)
{
    m_doc = asl::AslDocument::fromText(utf8);
    m_rawText = m_doc.parsed ? QByteArray() : utf8;
    m_positions = Positions::OfTree; // m_doc itself carries the positions of this text
}

void Document::load(const QByteArray &utf8, const QString &path, const Pins &pins)
{
    read(utf8);
    m_path = path;
    m_pins = pins;
    m_sidecarError.clear();
    m_undo.clear();
    emit pinsChanged();
    emit loaded();
    emit changed();
}

QString Document::saveFile(const QString &path)
{
    const QString target = path.isEmpty() ? m_path : path;
    if (target.isEmpty()) return QStringLiteral("no file name to save to");
    QSaveFile f(target);
    if (!f.open(QIODevice::WriteOnly))
        return QStringLiteral("%1: cannot write: %2").arg(target, f.errorString());
    const QByteArray data = text();
    if (f.write(data) != data.size() || !f.commit())
        return QStringLiteral("%1: cannot write: %2").arg(target, f.errorString());
    if (const QString e = writeSidecar(target, m_pins); !e.isEmpty()) return e;
    m_path = target;
    m_undo.setClean();
    return {};
}

void Document::setPins(const Pins &pins)
{
    if (pins == m_pins) return;
    m_pins = pins;
    emit pinsChanged();
}

QByteArray Document::text() const
{
    return m_doc.parsed ? m_doc.toText() : m_rawText;
}

const asl::AslDocument &Document::positioned() const
{
    if (m_positions == Positions::OfTree || !m_doc.parsed) return m_doc;
    if (m_positions == Positions::Stale) {
        m_positioned = asl::AslDocument::fromText(m_doc.toText());
        m_positions = Positions::Reread;
    }
    return m_positioned;
}

QString Document::push(EditCommand *command)
{
    std::unique_ptr<EditCommand> owned(command);
    if (!command->error().isEmpty()) return command->error();
    if (!command->changesSomething()) return {};
    m_undo.push(owned.release());
    return {};
}

void Document::treeChanged()
{
    m_doc.rebuild();
    // Positions of the edited tree are stale: positioned() re-reads the text when asked.
    m_positions = Positions::Stale;
    m_positioned = asl::AslDocument();
    emit changed();
}

void Document::setRoot(const Json &root)
{
    m_doc.root = root;
    treeChanged();
}

void Document::setRootAndPins(const Json &root, const Pins &pins)
{
    m_doc.root = root;
    const bool pinsDiffer = pins != m_pins;
    m_pins = pins;
    treeChanged();
    if (pinsDiffer) emit pinsChanged();
}

void Document::setText(const QByteArray &utf8)
{
    read(utf8);
    emit changed();
}

} // namespace sw::edit
