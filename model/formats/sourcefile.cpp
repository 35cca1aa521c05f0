#include "sourcefile.h"

#include "cfntemplate.h"
#include "splice.h"
#include "terraform.h"
#include "yamldocument.h"
#include "json/jsonreader.h"
#include "json/jsonwriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace sw::formats {

namespace {

bool readAll(const QString &path, QByteArray *out, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read: %2").arg(path, f.errorString());
        return false;
    }
    *out = f.readAll();
    return true;
}

SourceKind kindOfDefinitionFile(const QString &path)
{
    const QString lower = path.toLower();
    return lower.endsWith(QLatin1String(".yaml")) || lower.endsWith(QLatin1String(".yml"))
               ? SourceKind::AslYaml
               : SourceKind::AslJson;
}

void finishDocument(asl::AslDocument &d, const Json &root)
{
    d.root = root;
    d.parsed = true;
    if (!d.root.isObject()) {
        d.readDiagnostics.append(Diagnostic{Diagnostic::Severity::Error,
                                            QStringLiteral("INVALID_JSON_DESCRIPTION"), QString(), d.rootPos,
                                            QStringLiteral("The definition must be an object")});
    }
    d.rebuild();
}

} // namespace

QString toString(SourceKind kind)
{
    switch (kind) {
    case SourceKind::AslJson:
        return QStringLiteral("ASL JSON");
    case SourceKind::AslYaml:
        return QStringLiteral("ASL YAML");
    case SourceKind::CloudFormation:
        return QStringLiteral("CloudFormation/SAM template");
    case SourceKind::Terraform:
        return QStringLiteral("Terraform");
    }
    return {};
}

SourceKind SourceFile::kindFor(const QString &path, const QByteArray &text)
{
    const QString lower = path.toLower();
    if (lower.endsWith(QLatin1String(".tf"))) return SourceKind::Terraform;
    // A definition file named as one stays one, even when a Comment mentions a resource type.
    const bool aslName = lower.endsWith(QLatin1String(".asl.json")) ||
                         lower.endsWith(QLatin1String(".asl.yaml")) ||
                         lower.endsWith(QLatin1String(".asl.yml"));
    if (!aslName && CfnTemplate::looksLikeTemplate(text) && text.contains("Resources"))
        return SourceKind::CloudFormation;
    return kindOfDefinitionFile(path);
}

SourceFile SourceFile::load(const QString &path)
{
    QByteArray text;
    QString error;
    if (!readAll(path, &text, &error)) {
        SourceFile f;
        f.m_path = path;
        f.m_error = error;
        return f;
    }
    return read(path, text);
}

SourceFile SourceFile::read(const QString &path, const QByteArray &text)
{
    SourceFile f;
    f.m_path = path;
    f.m_text = text;
    f.m_kind = kindFor(path, text);
    const QDir dir = QFileInfo(path).absoluteDir();
    switch (f.m_kind) {
    case SourceKind::AslJson:
    case SourceKind::AslYaml:
        f.m_machines.append(SourceMachine{
            QFileInfo(path).fileName(), QStringLiteral("ASL"), toString(f.m_kind), {1, 1}, {}, {}});
        break;
    case SourceKind::CloudFormation: {
        const CfnTemplate t = CfnTemplate::parse(text);
        if (!t.ok()) {
            f.m_error = t.error();
            f.m_errorPos = t.errorPos();
            break;
        }
        for (const CfnTemplate::Machine &m : t.machines()) {
            f.m_machines.append(SourceMachine{
                m.logicalId, m.resourceType, m.summary, m.pos, m.readOnlyReason,
                m.localPath.isEmpty() ? QString() : QDir::cleanPath(dir.absoluteFilePath(m.localPath))});
        }
        break;
    }
    case SourceKind::Terraform: {
        const TerraformFile t = TerraformFile::parse(text);
        if (!t.ok()) {
            f.m_error = t.error();
            f.m_errorPos = t.errorPos();
            break;
        }
        for (const TerraformFile::Machine &m : t.machines()) {
            f.m_machines.append(SourceMachine{
                m.address, QStringLiteral("aws_sfn_state_machine"), m.summary, m.pos, m.readOnlyReason,
                m.localPath.isEmpty() ? QString() : QDir::cleanPath(dir.absoluteFilePath(m.localPath))});
        }
        break;
    }
    }
    return f;
}

Resolution resolveDefinition(const OpenedDefinition &opened, const QHash<QString, Json> &overrides)
{
    return resolvePlaceholders(opened.document.root, placeholderValues(opened.placeholders, overrides),
                               opened.syntax, opened.rawNames);
}

OpenedDefinition openDefinitionText(const QByteArray &text, SourceKind kind, const QString &path)
{
    OpenedDefinition o;
    o.path = path;
    o.textKind = kind;
    if (kind == SourceKind::AslYaml) {
        YamlOpenResult y = openYamlDefinition(text);
        o.document = y.document;
        o.warnings = y.limitations;
    } else {
        // Placeholders outside strings ("Seconds": ${Wait}) would make the text invalid JSON.
        const ProtectedText p = protectRawPlaceholders(text);
        o.rawNames = p.rawNames;
        o.document = asl::AslDocument::fromText(p.json);
        if (!o.rawNames.isEmpty()) {
            o.warnings.append(
                QStringLiteral("placeholders written without quotes (%1) are shown as strings and written "
                               "back without quotes")
                    .arg(QStringList(o.rawNames.values()).join(QStringLiteral(", "))));
        }
    }
    if (!o.document.parsed) {
        o.error = o.document.readDiagnostics.value(0).message;
        o.errorPos = o.document.readDiagnostics.value(0).pos;
        return o;
    }
    o.placeholders = findPlaceholders(o.document.root, o.syntax, o.rawNames);
    o.ok = true;
    return o;
}

SaveResult saveDefinitionText(const QByteArray &original, SourceKind kind, const Json &edited)
{
    if (kind == SourceKind::AslYaml) return saveYamlDefinition(original, edited);
    SaveResult s;
    const bool bom = original.startsWith("\xEF\xBB\xBF");
    const QByteArray body = bom ? original.mid(3) : original;
    const ProtectedText p = protectRawPlaceholders(body);
    const JsonReader::Result r = JsonReader::parse(p.json);
    if (!r.ok) {
        s.text = JsonWriter::write(edited, JsonWriter::Options{2, true, true});
        s.warnings.append(
            QStringLiteral("the file on disk did not read as JSON (%1): it was rewritten in full")
                .arg(r.error));
    } else {
        s.text = mergeJsonText(body, r.value, edited, p.rawNames);
    }
    if (bom) s.text.prepend("\xEF\xBB\xBF");
    s.ok = true;
    return s;
}

OpenedDefinition SourceFile::open(int index, const QByteArray *externalText) const
{
    OpenedDefinition o;
    if (!ok() || index < 0 || index >= m_machines.size()) {
        o.error = ok() ? QStringLiteral("no state machine %1 in %2").arg(index).arg(m_path) : m_error;
        o.errorPos = m_errorPos;
        return o;
    }
    if (m_kind == SourceKind::AslJson || m_kind == SourceKind::AslYaml) {
        o = openDefinitionText(m_text, m_kind, m_path);
        if (m_kind == SourceKind::AslJson) o.document.hasBom = m_text.startsWith("\xEF\xBB\xBF");
        return o;
    }
    const SourceMachine &sm = m_machines.at(index);
    if (!sm.externalPath.isEmpty()) {
        QByteArray text;
        if (externalText) {
            text = *externalText;
        } else if (!readAll(sm.externalPath, &text, &o.error)) {
            o.errorPos = sm.pos;
            return o;
        }
        o = openDefinitionText(text, kindOfDefinitionFile(sm.externalPath), sm.externalPath);
        o.readOnlyReason = sm.readOnlyReason;
        if (m_kind == SourceKind::CloudFormation)
            o.placeholders = CfnTemplate::parse(m_text).annotate(index, o.placeholders);
        else
            o.placeholders = TerraformFile::parse(m_text).annotate(index, o.placeholders);
        return o;
    }
    const EmbeddedDefinition d = m_kind == SourceKind::CloudFormation
                                     ? CfnTemplate::parse(m_text).definition(index)
                                     : TerraformFile::parse(m_text).definition(index);
    o.path = m_path;
    o.textKind = m_kind;
    if (!d.ok) {
        o.error = d.error;
        o.errorPos = d.errorPos;
        return o;
    }
    finishDocument(o.document, d.root);
    o.readOnlyReason = d.readOnlyReason;
    o.warnings = d.warnings;
    o.placeholders = d.placeholders;
    o.syntax = d.syntax;
    o.rawNames = d.rawNames;
    o.ok = true;
    return o;
}

SaveResult SourceFile::save(int index, const Json &edited, const QByteArray *externalText) const
{
    SaveResult s;
    if (!ok() || index < 0 || index >= m_machines.size()) {
        s.error = ok() ? QStringLiteral("no state machine %1 in %2").arg(index).arg(m_path) : m_error;
        return s;
    }
    const SourceMachine &sm = m_machines.at(index);
    if (m_kind == SourceKind::AslJson || m_kind == SourceKind::AslYaml) {
        s = saveDefinitionText(m_text, m_kind, edited);
        s.path = m_path;
        return s;
    }
    if (!sm.readOnlyReason.isEmpty()) {
        s.error = QStringLiteral("%1 cannot be saved: %2").arg(sm.id, sm.readOnlyReason);
        return s;
    }
    if (!sm.externalPath.isEmpty()) {
        QByteArray text;
        if (externalText)
            text = *externalText;
        else if (!readAll(sm.externalPath, &text, &s.error))
            return s;
        s = saveDefinitionText(text, kindOfDefinitionFile(sm.externalPath), edited);
        s.path = sm.externalPath;
        return s;
    }
    s = m_kind == SourceKind::CloudFormation ? CfnTemplate::parse(m_text).save(index, edited)
                                             : TerraformFile::parse(m_text).save(index, edited);
    s.path = m_path;
    return s;
}

} // namespace sw::formats
