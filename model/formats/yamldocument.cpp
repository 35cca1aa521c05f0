#include "yamldocument.h"

#include "linemerge.h"
#include "textindex.h"

namespace sw::formats {

namespace {

bool hasComments(const QByteArray &text)
{
    for (const QByteArray &line : splitLines(text)) {
        bool comment = false;
        normalizeYamlLine(line, &comment);
        if (comment) return true;
    }
    return false;
}

} // namespace

YamlOpenResult openYamlDefinition(const QByteArray &utf8)
{
    YamlOpenResult out;
    asl::AslDocument &d = out.document;
    d.hasBom = utf8.startsWith("\xEF\xBB\xBF");
    d.endsWithNewline = utf8.endsWith('\n');
    const YamlReadResult r = readYaml(utf8);
    if (!r.ok) {
        d.readDiagnostics.append(Diagnostic{Diagnostic::Severity::Error,
                                            QStringLiteral("INVALID_YAML_DESCRIPTION"), QString(), r.errorPos,
                                            QStringLiteral("Malformed YAML: %1").arg(r.error)});
        return out;
    }
    d.root = r.value;
    d.rootPos = r.rootPos;
    d.parsed = true;
    if (!d.root.isObject()) {
        d.readDiagnostics.append(Diagnostic{Diagnostic::Severity::Error,
                                            QStringLiteral("INVALID_YAML_DESCRIPTION"), QString(), r.rootPos,
                                            QStringLiteral("The definition must be a mapping, not %1")
                                                .arg(QLatin1String(d.root.typeName()))});
    }
    d.rebuild();
    out.limitations = r.warnings;
    if (hasComments(utf8)) {
        out.limitations.append(
            QStringLiteral("comments are kept on lines an edit does not change; a comment on a line "
                           "an edit rewrites is removed with it"));
    }
    out.limitations.append(
        QStringLiteral("lines an edit rewrites take Stepwise's YAML style (block style, quotes only "
                       "where needed)"));
    return out;
}

SaveResult mergeYamlText(const QByteArray &original, const Json &reference, const Json &edited,
                         const YamlReadOptions &options)
{
    SaveResult s;
    if (sameDocument(reference, edited)) {
        s.ok = true;
        s.text = original;
        return s;
    }
    const YamlWriteOptions style = detectYamlStyle(original);
    const QByteArray editedText = writeYaml(edited, style);
    bool endsWithNewline = true;
    const QList<QByteArray> o = splitLines(original, &endsWithNewline);
    const LineMergeResult m = mergeLines(o, splitLines(writeYaml(reference, style)), splitLines(editedText),
                                         LineSyntax::Yaml, style);
    const QByteArray merged = joinLines(m.lines, endsWithNewline);
    const YamlReadResult check = readYaml(merged, options);
    if (check.ok && sameDocument(check.value, edited)) {
        s.text = merged;
        for (const int line : m.lostCommentLines)
            s.warnings.append(
                QStringLiteral("the comment on line %1 was removed with the lines it annotated").arg(line));
    } else {
        s.text = editedText;
        s.warnings.append(
            hasComments(original)
                ? QStringLiteral(
                      "the file was rewritten in full: its comments and formatting could not be kept")
                : QStringLiteral("the file was rewritten in full in Stepwise's YAML style"));
    }
    s.ok = true;
    return s;
}

SaveResult saveYamlDefinition(const QByteArray &original, const Json &edited)
{
    const YamlReadResult r = readYaml(original);
    if (!r.ok) {
        SaveResult s;
        s.ok = true;
        s.text = writeYaml(edited);
        s.warnings.append(
            QStringLiteral("the file on disk did not read as YAML (%1): it was rewritten in full")
                .arg(r.error));
        return s;
    }
    SaveResult s = mergeYamlText(original, r.value, edited);
    if (s.ok && original.startsWith("\xEF\xBB\xBF") && !s.text.startsWith("\xEF\xBB\xBF"))
        s.text.prepend("\xEF\xBB\xBF");
    return s;
}

} // namespace sw::formats
