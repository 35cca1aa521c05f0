#include "splice.h"

#include "linemerge.h"
#include "placeholders.h"
#include "json/jsonreader.h"
#include "json/jsonwriter.h"

namespace sw::formats {

qsizetype jsonValueEnd(const QByteArray &text, qsizetype start)
{
    qsizetype i = start;
    const qsizetype n = text.size();
    if (i >= n) return -1;
    int depth = 0;
    do {
        const char c = text.at(i);
        if (c == '"') {
            for (++i; i < n && text.at(i) != '"'; ++i) {
                if (text.at(i) == '\\') ++i;
            }
            if (i >= n) return -1;
            ++i;
        } else if (c == '{' || c == '[') {
            ++depth;
            ++i;
        } else if (c == '}' || c == ']') {
            if (--depth < 0) return -1;
            ++i;
        } else if (depth == 0) {
            // a scalar: up to a delimiter
            while (i < n && !QByteArray(",}] \t\r\n").contains(text.at(i)))
                ++i;
        } else {
            ++i;
        }
    } while (depth > 0 && i < n);
    return depth == 0 ? i : -1;
}

int detectJsonIndent(const QByteArray &text)
{
    const QList<QByteArray> lines = splitLines(text);
    if (lines.size() < 2) return 0;
    auto indentOf = [](const QByteArray &l) {
        int k = 0;
        while (k < l.size() && l.at(k) == ' ')
            ++k;
        return k;
    };
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        const QByteArray t = lines.at(i).trimmed();
        if (t.endsWith('{') || t.endsWith('[')) {
            const int d = indentOf(lines.at(i + 1)) - indentOf(lines.at(i));
            if (d > 0) return d;
        }
    }
    return 2;
}

QByteArray mergeJsonText(const QByteArray &originalText, const Json &original, const Json &edited,
                         const QSet<QString> &rawNames)
{
    const int indent = detectJsonIndent(originalText);
    const JsonWriter::Options opts{indent, true, false};
    const QByteArray editedText = unprotectRawPlaceholders(JsonWriter::write(edited, opts), rawNames);
    if (indent == 0) return editedText;
    const QByteArray baseText = unprotectRawPlaceholders(JsonWriter::write(original, opts), rawNames);
    bool endsWithNewline = false;
    const QList<QByteArray> o = splitLines(originalText, &endsWithNewline);
    const LineMergeResult m = mergeLines(o, splitLines(baseText), splitLines(editedText), LineSyntax::Json);
    const QByteArray merged = joinLines(m.lines, endsWithNewline);
    const JsonReader::Result check = JsonReader::parse(protectRawPlaceholders(merged).json);
    if (check.ok && sameDocument(check.value, edited)) return merged;
    return endsWithNewline ? editedText + '\n' : editedText;
}

Json mapPositions(const Json &v, const std::function<SourcePos(SourcePos)> &map)
{
    if (v.isArray()) {
        Json a = Json::array();
        for (qsizetype i = 0; i < v.size(); ++i)
            a.appendWithPos(mapPositions(v.at(i), map), map(v.itemPos(i)));
        return a;
    }
    if (v.isObject()) {
        Json o = Json::object();
        for (const JsonMember &m : v.members())
            o.appendMember(m.key, mapPositions(m.value, map), map(m.keyPos), map(m.valuePos));
        return o;
    }
    return v;
}

QByteArray replaceSpan(const QByteArray &doc, qsizetype start, qsizetype end, const QByteArray &replacement)
{
    QByteArray out = doc.left(start);
    out.append(replacement);
    out.append(doc.mid(end));
    return out;
}

QByteArray spliceRendered(const QByteArray &doc, qsizetype start, qsizetype end, const QByteArray &oldText,
                          const QByteArray &newText)
{
    const qsizetype lineStart = doc.lastIndexOf('\n', start - 1) + 1;
    qsizetype lineEnd = doc.indexOf('\n', end > start ? end - 1 : start);
    if (lineEnd < 0) lineEnd = doc.size();
    const QByteArray prefix = doc.mid(lineStart, start - lineStart);
    const QByteArray suffix = doc.mid(end, lineEnd - end);
    auto lines = [&](const QByteArray &text) {
        QList<QByteArray> l = splitLines(text);
        if (l.isEmpty()) l.append(QByteArray());
        l.first().prepend(prefix);
        l.last().append(suffix);
        return l;
    };
    const QList<QByteArray> original = splitLines(doc.mid(lineStart, lineEnd - lineStart));
    const LineMergeResult m = mergeLines(original, lines(oldText), lines(newText), LineSyntax::Json);
    return replaceSpan(doc, lineStart, lineEnd, m.lines.join('\n'));
}

QByteArray spliceJsonValue(const QByteArray &doc, qsizetype start, qsizetype end, const Json &oldValue,
                           const Json &newValue)
{
    const qsizetype lineStart = doc.lastIndexOf('\n', start - 1) + 1;
    int baseIndent = 0;
    while (lineStart + baseIndent < doc.size() && doc.at(lineStart + baseIndent) == ' ')
        ++baseIndent;
    int unit = detectJsonIndent(doc);
    if (unit == 0) unit = 2;
    auto render = [&](const Json &v) {
        QList<QByteArray> lines = splitLines(JsonWriter::write(v, JsonWriter::Options{unit, true, false}));
        QList<QByteArray> out{lines.value(0)};
        out.append(indented(lines.mid(1), baseIndent));
        return out.join('\n');
    };
    return spliceRendered(doc, start, end, render(oldValue), render(newValue));
}

YamlRegion yamlMemberRegion(const TextIndex &index, SourcePos keyPos)
{
    YamlRegion r;
    const QByteArray keyLine = index.line(keyPos.line);
    const QByteArray before = keyLine.left(index.offset(keyPos) - index.lineStart(keyPos.line));
    if (!before.trimmed().isEmpty()) {
        r.error =
            QStringLiteral("line %1 is written in flow style ({...}), which Stepwise cannot rewrite in place")
                .arg(keyPos.line);
        return r;
    }
    r.keyIndent = int(before.size());
    r.firstLine = keyPos.line;
    r.lastLine = keyPos.line;
    for (int l = keyPos.line + 1; l <= index.lineCount(); ++l) {
        const QByteArray t = index.line(l).trimmed();
        if (t.isEmpty() || t.startsWith('#')) continue;
        if (index.indentOf(l) <= r.keyIndent) break;
        r.lastLine = l;
    }
    return r;
}

YamlScalarSpan locateYamlScalar(const TextIndex &index, SourcePos pos)
{
    YamlScalarSpan span;
    const QByteArray &text = index.text();
    qsizetype i = index.offset(pos);
    if (i < 0) return span;
    if (text.at(i) == '!') { // a tag: skip it and the blanks after it
        while (i < text.size() && text.at(i) != ' ' && text.at(i) != '\n')
            ++i;
        while (i < text.size() && text.at(i) == ' ')
            ++i;
    }
    if (i >= text.size()) return span;
    span.start = i;
    const char c = text.at(i);
    const SourcePos at = index.position(i);
    if (c == '|' || c == '>') {
        const QByteArray header = text.mid(i, index.lineEnd(at.line) - i).trimmed();
        for (const char h : header) {
            if (h >= '1' && h <= '9')
                return span; // an explicit indentation indicator: leave it to the generic rewrite
            if (h == ' ' || h == '#') break;
        }
        span.kind = c == '|' ? YamlScalarSpan::Kind::Literal : YamlScalarSpan::Kind::Folded;
        span.headerLine = at.line;
        const int parentIndent = index.indentOf(at.line);
        for (int l = at.line + 1; l <= index.lineCount(); ++l) {
            if (index.line(l).trimmed().isEmpty()) continue;
            const int indent = index.indentOf(l);
            if (span.contentIndent == 0) {
                if (indent <= parentIndent) break;
                span.contentIndent = indent;
                span.firstContentLine = l;
            } else if (indent < span.contentIndent) {
                break;
            }
            span.lastContentLine = l;
        }
        span.end = span.lastContentLine > 0 ? index.lineEnd(span.lastContentLine) : index.lineEnd(at.line);
        return span;
    }
    if (c == '"' || c == '\'') {
        qsizetype j = i + 1;
        for (; j < text.size(); ++j) {
            if (c == '"' && text.at(j) == '\\') {
                ++j;
            } else if (text.at(j) == c) {
                if (c == '\'' && j + 1 < text.size() && text.at(j + 1) == '\'') {
                    ++j;
                    continue;
                }
                break;
            }
        }
        if (j >= text.size()) return span;
        span.kind = YamlScalarSpan::Kind::Quoted;
        span.end = j + 1;
        return span;
    }
    span.kind = YamlScalarSpan::Kind::Plain;
    qsizetype j = index.lineEnd(at.line);
    const qsizetype comment = text.indexOf(" #", i);
    if (comment >= 0 && comment < j) j = comment;
    while (j > i && text.at(j - 1) == ' ')
        --j;
    span.end = j;
    return span;
}

QByteArray spliceYamlMember(const QByteArray &doc, SourcePos keyPos, const QString &key, const Json &oldValue,
                            const Json &newValue, const YamlWriteOptions &style, QList<int> *lostComments,
                            QString *error, bool merge)
{
    const TextIndex index(doc);
    const YamlRegion region = yamlMemberRegion(index, keyPos);
    if (!region.error.isEmpty()) {
        *error = region.error;
        return {};
    }
    auto render = [&](const Json &v) {
        Json member = Json::object();
        member.insert(key, v);
        return indented(splitLines(writeYaml(member, style)), region.keyIndent);
    };
    const qsizetype start = index.lineStart(region.firstLine);
    const qsizetype end = index.lineEnd(region.lastLine);
    QList<QByteArray> lines;
    if (merge) {
        const QList<QByteArray> original = splitLines(doc.mid(start, end - start));
        const LineMergeResult m =
            mergeLines(original, render(oldValue), render(newValue), LineSyntax::Yaml, style);
        if (lostComments) {
            for (const int l : m.lostCommentLines)
                lostComments->append(l + region.firstLine - 1);
        }
        lines = m.lines;
    } else {
        lines = render(newValue);
    }
    return replaceSpan(doc, start, end, lines.join('\n'));
}

} // namespace sw::formats
