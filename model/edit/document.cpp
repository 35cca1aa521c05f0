#include "document.h"

#include "editcommand.h"

#include "formats/sourcefile.h"
#include "validate/sizelimits.h"

#include <QFile>
#include <QFileInfo>
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
    OpenedFile opened = openDefinitionText(path, text);
    if (!opened.error.isEmpty()) return opened.error;
    Pins pins;
    const QString sidecarError = readSidecar(path, &pins);
    loadParsed(std::move(opened.doc), text, path, sidecarError.isEmpty() ? pins : Pins(), sidecarError,
               opened.source);
    return {};
}

namespace {

std::optional<DefinitionSource> describe(const std::shared_ptr<const formats::SourceFile> &file, int index,
                                         const formats::OpenedDefinition &opened)
{
    DefinitionSource s;
    s.file = file;
    s.index = index;
    s.kind = formats::toString(file->kind());
    for (const formats::SourceMachine &m : file->machines())
        s.machines << (m.summary.isEmpty() ? m.id : QStringLiteral("%1: %2").arg(m.id, m.summary));
    s.definitionPath = opened.path;
    s.readOnlyReason = opened.readOnlyReason;
    s.warnings = opened.warnings;
    s.rawPlaceholders = opened.rawNames;
    return s;
}

QString located(const QString &path, const SourcePos &pos, const QString &message)
{
    return pos.line > 0 ? QStringLiteral("%1:%2:%3: %4").arg(path).arg(pos.line).arg(pos.column).arg(message)
                        : QStringLiteral("%1: %2").arg(path, message);
}

} // namespace

namespace {

// A CloudFormation/SAM template without a state machine resource reads as a definition without
// States; say what it is instead of listing what a definition would miss.
bool isTemplateWithoutMachine(const asl::AslDocument &doc)
{
    const Json &root = doc.root;
    return doc.parsed && root.isObject() && root.value(u"States").isUndefined() &&
           (!root.value(u"AWSTemplateFormatVersion").isUndefined() ||
            root.value(u"Resources").isObject());
}

} // namespace

OpenedFile openDefinitionText(const QString &path, const QByteArray &text, int index)
{
    OpenedFile result;
    const formats::SourceKind kind = formats::SourceFile::kindFor(path, text);
    if (kind == formats::SourceKind::AslJson) {
        result.doc = asl::AslDocument::fromText(text);
        if (isTemplateWithoutMachine(result.doc))
            result.error = QStringLiteral("%1: no state machine found in this template "
                                          "(no AWS::StepFunctions::StateMachine or AWS::Serverless::StateMachine resource)")
                               .arg(path);
        return result;
    }
    auto file = std::make_shared<const formats::SourceFile>(formats::SourceFile::read(path, text));
    if (!file->ok()) {
        result.error = located(path, file->errorPos(), file->error());
        return result;
    }
    if (file->machines().isEmpty()) {
        result.error = QStringLiteral("%1: no state machine found in this %2")
                           .arg(path, formats::toString(file->kind()));
        return result;
    }
    if (index < 0 || index >= file->machines().size()) index = 0;
    formats::OpenedDefinition opened = file->open(index);
    if (!opened.ok) {
        result.error = located(opened.path.isEmpty() ? path : opened.path, opened.errorPos, opened.error);
        return result;
    }
    if (kind == formats::SourceKind::AslYaml && isTemplateWithoutMachine(opened.document)) {
        result.error = QStringLiteral("%1: no state machine found in this template "
                                      "(no AWS::StepFunctions::StateMachine or AWS::Serverless::StateMachine resource)")
                           .arg(path);
        return result;
    }
    result.doc = std::move(opened.document);
    result.source = describe(file, index, opened);
    return result;
}

QString Document::openMachine(int index)
{
    if (!m_source || index < 0 || index >= m_source->machines.size()) return QStringLiteral("no such machine");
    if (index == m_source->index) return {};
    formats::OpenedDefinition opened = m_source->file->open(index);
    if (!opened.ok) return located(opened.path, opened.errorPos, opened.error);
    const std::shared_ptr<const formats::SourceFile> file = m_source->file;
    loadParsed(std::move(opened.document), QByteArray(), m_path, m_pins, m_sidecarError,
               describe(file, index, opened));
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

void Document::loadParsed(asl::AslDocument doc, const QByteArray &text, const QString &path, const Pins &pins,
                          const QString &sidecarError, const std::optional<DefinitionSource> &source)
{
    m_source = source;
    m_doc = std::move(doc);
    m_rawText = m_doc.parsed ? QByteArray() : text;
    m_positions = Positions::OfTree;
    install(path, pins);
    m_sidecarError = sidecarError;
}

void Document::load(const QByteArray &utf8, const QString &path, const Pins &pins)
{
    m_source.reset();
    read(utf8);
    install(path, pins);
}

void Document::install(const QString &path, const Pins &pins)
{
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
    // QSaveFile would replace a device or a pipe with a regular file (as root, even /dev/full).
    if (const QFileInfo existing(target); existing.exists() && !existing.isFile())
        return QStringLiteral("%1: cannot write: not a regular file").arg(target);
    // Unbuffered: with Qt's write buffer, a write error during commit()'s flush (a full disk) is
    // not seen by commit(), which then replaces the file with the truncated text (Qt 6.4).
    // A definition inside another file (YAML, a template) is written back into it: the file's new
    // text with only the definition changed. Save As writes that text to the new file.
    QByteArray data;
    QString dataPath = target;
    if (m_source) {
        if (!m_source->readOnlyReason.isEmpty())
            return QStringLiteral("%1: cannot save: %2").arg(m_path, m_source->readOnlyReason);
        const formats::SaveResult r = m_source->file->save(m_source->index, m_doc.root);
        if (!r.ok) return QStringLiteral("%1: cannot save: %2").arg(m_path, r.error);
        data = r.text;
        if (target == m_path && !r.path.isEmpty()) dataPath = r.path; // the local file a template names
    } else {
        data = text();
    }
    if (const QFileInfo existing(dataPath); existing.exists() && !existing.isFile())
        return QStringLiteral("%1: cannot write: not a regular file").arg(dataPath);
    QSaveFile f(dataPath);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return QStringLiteral("%1: cannot write: %2").arg(dataPath, f.errorString());
    if (f.write(data) != data.size() || !f.commit())
        return QStringLiteral("%1: cannot write: %2").arg(dataPath, f.errorString());
    if (const QString e = writeSidecar(target, m_pins); !e.isEmpty()) return e;
    if (m_source) {
        // Re-read what was written, so the next save starts from the file as it now is.
        const int index = m_source->index;
        if (dataPath == target) {
            m_source = openDefinitionText(target, data, index).source; // none when it is plain JSON now
        } else { // the template is unchanged; the local definition file it names was written
            auto file = std::make_shared<const formats::SourceFile>(formats::SourceFile::load(target));
            if (file->ok() && index < file->machines().size()) {
                const formats::OpenedDefinition o = file->open(index);
                if (o.ok) m_source = describe(file, index, o);
            }
        }
    }
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
