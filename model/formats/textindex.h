#pragma once

#include "json/json.h"

#include <QByteArray>
#include <QList>

namespace sw::formats {

// Line starts of a UTF-8 text, to turn the byte offsets parsers report into the line:column
// positions the rest of Stepwise uses (1-based, columns in code points) and back. Keeps a shared
// copy of the text; never reads files.
class TextIndex
{
public:
    TextIndex() = default;
    explicit TextIndex(const QByteArray &text);

    const QByteArray &text() const { return m_text; }
    int lineCount() const { return int(m_starts.size()); }
    SourcePos position(qsizetype offset) const;
    qsizetype offset(SourcePos pos) const; // -1 when the position is outside the text
    qsizetype lineStart(int line) const;   // 1-based; the text size past the last line
    // Offset of the line's '\n' (or the end of the text).
    qsizetype lineEnd(int line) const;
    QByteArray line(int line) const { return m_text.mid(lineStart(line), lineEnd(line) - lineStart(line)); }
    // Leading spaces of a line.
    int indentOf(int line) const;

private:
    QByteArray m_text;
    QList<qsizetype> m_starts;
};

// Lines without their '\n' (a final '\n' does not start an empty line) and back.
QList<QByteArray> splitLines(const QByteArray &text, bool *endsWithNewline = nullptr);
QByteArray joinLines(const QList<QByteArray> &lines, bool endsWithNewline);
// Every line prefixed with `indent` spaces (empty lines stay empty).
QList<QByteArray> indented(const QList<QByteArray> &lines, int indent);

} // namespace sw::formats
