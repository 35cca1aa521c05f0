#include "terraform.h"

#include "linemerge.h"
#include "splice.h"
#include "yaml.h"
#include "json/jsonreader.h"

namespace sw::formats {

namespace {

const QString kResourceType = QStringLiteral("aws_sfn_state_machine");

QString sourceOf(const QByteArray &text, const HclNode &n)
{
    return QString::fromUtf8(text.mid(n.start, n.end - n.start));
}

// A file() / templatefile() path: a literal, or one that starts with ${path.module}.
QString literalPath(const HclNode &n, QString *why)
{
    if (n.kind != HclNode::Kind::String || n.templateDirectives || n.templateEscapes) {
        *why = QStringLiteral("the file path is computed by Terraform");
        return {};
    }
    QString p = n.literal.toString();
    for (const QString &prefix : {QStringLiteral("${path.module}/"), QStringLiteral("${path.root}/"),
                                  QStringLiteral("${path.cwd}/")}) {
        if (p.startsWith(prefix)) p = p.mid(prefix.size());
    }
    if (p.contains(QLatin1String("${"))) {
        *why = QStringLiteral("the file path %1 uses Terraform expressions").arg(n.literal.toString());
        return {};
    }
    return p;
}

} // namespace

TerraformFile TerraformFile::parse(const QByteArray &text)
{
    TerraformFile t;
    t.m_text = text;
    t.m_file = HclFile::parse(text);
    if (!t.m_file.ok) {
        t.m_error = t.m_file.error;
        t.m_errorPos = t.m_file.errorPos;
        return t;
    }
    for (qsizetype b = 0; b < t.m_file.blocks.size(); ++b) {
        const HclBlock &block = t.m_file.blocks.at(b);
        if (block.type != QLatin1String("resource") || block.labels.size() != 2 ||
            block.labels.at(0) != kResourceType)
            continue;
        Machine m;
        m.name = block.labels.at(1);
        m.address = kResourceType + QLatin1Char('.') + m.name;
        m.pos = block.pos;
        const HclAttribute *def = block.attribute(QStringLiteral("definition"));
        if (!def) {
            m.summary = QStringLiteral("no definition");
            m.readOnlyReason = QStringLiteral("the resource has no definition attribute");
        } else {
            const HclNode &v = def->value;
            if (v.kind == HclNode::Kind::Call && v.name == QLatin1String("jsonencode") &&
                v.children.size() == 1) {
                m.form = Form::JsonEncode;
                m.summary = QStringLiteral("jsonencode({...})");
            } else if (v.kind == HclNode::Kind::Heredoc) {
                m.form = Form::Heredoc;
                m.summary = QStringLiteral("heredoc JSON");
            } else if (v.kind == HclNode::Kind::String) {
                m.form = Form::String;
                m.summary = QStringLiteral("JSON string");
            } else if (v.kind == HclNode::Kind::Call &&
                       (v.name == QLatin1String("file") || v.name == QLatin1String("templatefile")) &&
                       !v.children.isEmpty()) {
                m.form = v.name == QLatin1String("file") ? Form::File : Form::TemplateFile;
                m.localPath = literalPath(v.children.first(), &m.readOnlyReason);
                m.summary = QStringLiteral("%1(\"%2\")").arg(v.name, m.localPath);
                if (m.form == Form::TemplateFile && v.children.size() == 2) {
                    const HclJson vars = hclToJson(v.children.at(1), t.m_file.index);
                    m.variables = vars.value;
                }
                if (!m.readOnlyReason.isEmpty()) m.form = Form::Unsupported;
            } else {
                m.summary = sourceOf(text, v).simplified().left(60);
                m.readOnlyReason =
                    QStringLiteral("the definition is computed by Terraform (%1)").arg(m.summary);
            }
        }
        t.m_machines.append(m);
        t.m_blockIndex.append(int(b));
    }
    if (t.m_machines.isEmpty()) {
        t.m_error = QStringLiteral("the file declares no %1 resource").arg(kResourceType);
        t.m_errorPos = {1, 1};
        return t;
    }
    t.m_ok = true;
    return t;
}

const HclAttribute *TerraformFile::definitionAttribute(int index) const
{
    return m_file.blocks.at(m_blockIndex.at(index)).attribute(QStringLiteral("definition"));
}

Json TerraformFile::knownValue(const QString &reference) const
{
    const QStringList parts = reference.split(QLatin1Char('.'));
    if (parts.size() != 2) return {};
    for (const HclBlock &b : m_file.blocks) {
        if (parts.at(0) == QLatin1String("var") && b.type == QLatin1String("variable") &&
            b.labels.value(0) == parts.at(1)) {
            const HclAttribute *d = b.attribute(QStringLiteral("default"));
            return d ? hclToJson(d->value, m_file.index).value : Json();
        }
        if (parts.at(0) == QLatin1String("local") && b.type == QLatin1String("locals")) {
            if (const HclAttribute *a = b.attribute(parts.at(1))) {
                const HclJson v = hclToJson(a->value, m_file.index);
                return v.expressions.isEmpty() ? v.value : Json();
            }
        }
    }
    return {};
}

QList<Placeholder> TerraformFile::annotate(int index, QList<Placeholder> found) const
{
    const Machine &m = m_machines.at(index);
    for (Placeholder &p : found) {
        if (m.form == Form::TemplateFile && m.variables.isObject() && m.variables.contains(p.name)) {
            const Json v = m.variables.value(p.name);
            const bool reference = v.isString() && v.toString().startsWith(QLatin1String("${"));
            p.source =
                reference ? QStringLiteral("templatefile() variable (%1)").arg(v.toString().mid(2).chopped(1))
                          : QStringLiteral("templatefile() variable");
            if (!reference) p.value = v;
            continue;
        }
        p.value = knownValue(p.name);
        if (p.name.startsWith(QLatin1String("var.")))
            p.source = QStringLiteral("Terraform variable");
        else if (p.name.startsWith(QLatin1String("local.")))
            p.source = QStringLiteral("Terraform local value");
        else
            p.source = QStringLiteral("Terraform reference");
    }
    return found;
}

TerraformFile::Definition TerraformFile::definition(int index) const
{
    Definition d;
    if (index < 0 || index >= m_machines.size()) {
        d.error = QStringLiteral("no state machine %1 in the file").arg(index);
        return d;
    }
    const Machine &m = m_machines.at(index);
    const HclAttribute *attr = definitionAttribute(index);
    switch (m.form) {
    case Form::Unsupported:
        d.error = m.readOnlyReason;
        d.errorPos = attr ? attr->pos : m.pos;
        return d;
    case Form::File:
    case Form::TemplateFile:
        d.error = QStringLiteral("the definition of %1 is the local file %2").arg(m.address, m.localPath);
        d.errorPos = attr->pos;
        return d;
    case Form::JsonEncode: {
        const HclJson v = hclToJson(attr->value.children.first(), m_file.index);
        if (!v.error.isEmpty()) {
            d.error = v.error;
            d.errorPos = m_file.index.position(attr->value.start);
            return d;
        }
        if (!v.value.isObject()) {
            d.error = QStringLiteral("the definition is computed by Terraform: %1").arg(v.dynamicPart);
            d.errorPos = m_file.index.position(attr->value.start);
            return d;
        }
        d.root = v.value;
        if (!v.dynamicPart.isEmpty())
            d.readOnlyReason =
                QStringLiteral("the definition uses %1, which Stepwise cannot evaluate").arg(v.dynamicPart);
        if (!v.expressions.isEmpty()) {
            d.warnings.append(
                QStringLiteral("Terraform references are shown as ${...} placeholders and written back as "
                               "references where the text is unchanged"));
        }
        break;
    }
    case Form::Heredoc:
    case Form::String: {
        const HclNode &node = attr->value;
        if (node.templateDirectives || node.templateEscapes)
            d.readOnlyReason = QStringLiteral("the definition text uses %{ } directives or $${ escapes");
        const ProtectedText p = protectRawPlaceholders(node.literal.toString().toUtf8());
        const JsonReader::Result r = JsonReader::parse(p.json);
        const SourcePos at = m_file.index.position(node.start);
        // Heredoc lines map to file lines; <<- heredocs lost their common indentation.
        int strip = 0;
        if (m.form == Form::Heredoc && m_text.at(node.start + 2) == '-') {
            strip = INT_MAX;
            const int last = m_file.index.position(node.end).line;
            for (int l = at.line + 1; l < last; ++l) {
                if (!m_file.index.line(l).trimmed().isEmpty())
                    strip = std::min(strip, m_file.index.indentOf(l));
            }
            if (strip == INT_MAX) strip = 0;
        }
        const auto map = [&](SourcePos s) -> SourcePos {
            if (m.form != Form::Heredoc || !s.isValid()) return at;
            return {at.line + s.line, s.column + strip};
        };
        if (!r.ok) {
            d.error = QStringLiteral("the definition is not JSON: %1").arg(r.error);
            d.errorPos = map(r.errorPos);
            return d;
        }
        d.root = mapPositions(r.value, map);
        d.rawNames = p.rawNames;
        break;
    }
    }
    d.syntax = PlaceholderSyntax::Plain;
    d.placeholders = annotate(index, findPlaceholders(d.root, d.syntax, d.rawNames));
    d.ok = true;
    return d;
}

TerraformFile::Saved TerraformFile::save(int index, const Json &edited) const
{
    Saved s;
    const Definition current = definition(index);
    if (!current.ok) {
        s.error = current.error;
        return s;
    }
    const Machine &m = m_machines.at(index);
    if (!current.readOnlyReason.isEmpty()) {
        s.error = QStringLiteral("%1 cannot be saved: %2").arg(m.address, current.readOnlyReason);
        return s;
    }
    if (sameDocument(current.root, edited)) {
        s.ok = true;
        s.text = m_text;
        return s;
    }
    const HclNode &node = definitionAttribute(index)->value;
    QByteArray out;
    if (m.form == Form::JsonEncode) {
        const HclNode &arg = node.children.first();
        const HclJson original = hclToJson(arg, m_file.index);
        const int indent = m_file.index.indentOf(m_file.index.position(arg.start).line);
        out =
            spliceRendered(m_text, arg.start, arg.end, writeHcl(original.value, indent, original.expressions),
                           writeHcl(edited, indent, original.expressions));
    } else {
        const QString originalText = node.literal.toString();
        const ProtectedText p = protectRawPlaceholders(originalText.toUtf8());
        const QByteArray newText =
            mergeJsonText(originalText.toUtf8(), JsonReader::parse(p.json).value, edited, p.rawNames);
        if (m.form == Form::String) {
            out = replaceSpan(m_text, node.start, node.end, hclString(QString::fromUtf8(newText), true));
        } else {
            // Heredoc: replace the content lines; <<- heredocs keep the indentation they had.
            const SourcePos at = m_file.index.position(node.start);
            const int first = at.line + 1;
            const int terminator = m_file.index.position(node.end).line;
            int indent = 0;
            if (m_text.at(node.start + 2) == '-' && first < terminator) indent = m_file.index.indentOf(first);
            QList<QByteArray> lines = indented(splitLines(newText), indent);
            const qsizetype start = m_file.index.lineStart(first);
            const qsizetype end = first < terminator ? m_file.index.lineEnd(terminator - 1) + 1 : start;
            out = replaceSpan(m_text, start, end, joinLines(lines, true));
        }
    }
    const TerraformFile check = parse(out);
    const Definition back =
        check.ok() && check.machines().size() == m_machines.size() ? check.definition(index) : Definition{};
    if (!back.ok || !sameDocument(back.root, edited)) {
        s.error = QStringLiteral("cannot save %1: the result does not read back as the edited definition")
                      .arg(m.address);
        return s;
    }
    s.ok = true;
    s.text = out;
    return s;
}

} // namespace sw::formats
