#include "textindex.h"

#include <algorithm>

namespace sw::formats {

TextIndex::TextIndex(const QByteArray &text) : m_text(text)
{
    m_starts.append(0);
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == '\n' && i + 1 < text.size()) m_starts.append(i + 1);
    }
}

SourcePos TextIndex::position(qsizetype offset) const
{
    if (m_starts.isEmpty() || offset < 0) return {};
    offset = std::min(offset, m_text.size());
    const auto it = std::upper_bound(m_starts.begin(), m_starts.end(), offset);
    const int line = int(it - m_starts.begin());
    qint32 column = 1;
    for (qsizetype i = m_starts.at(line - 1); i < offset; ++i) {
        // Count code points: continuation bytes (10xxxxxx) do not start one.
        if ((uchar(m_text.at(i)) & 0xC0) != 0x80) ++column;
    }
    return {line, column};
}

qsizetype TextIndex::offset(SourcePos pos) const
{
    if (pos.line < 1 || pos.line > lineCount() || pos.column < 1) return -1;
    qsizetype i = lineStart(pos.line);
    const qsizetype end = lineEnd(pos.line);
    for (qint32 c = 1; c < pos.column; ++c) {
        if (i >= end) return -1;
        ++i;
        while (i < end && (uchar(m_text.at(i)) & 0xC0) == 0x80)
            ++i;
    }
    return i;
}

qsizetype TextIndex::lineStart(int line) const
{
    if (line < 1) return 0;
    return line <= lineCount() ? m_starts.at(line - 1) : m_text.size();
}

qsizetype TextIndex::lineEnd(int line) const
{
    const qsizetype start = lineStart(line);
    const qsizetype nl = m_text.indexOf('\n', start);
    return nl < 0 ? m_text.size() : nl;
}

int TextIndex::indentOf(int line) const
{
    int n = 0;
    for (qsizetype i = lineStart(line); i < m_text.size() && m_text.at(i) == ' '; ++i)
        ++n;
    return n;
}

QList<QByteArray> splitLines(const QByteArray &text, bool *endsWithNewline)
{
    QList<QByteArray> lines = text.split('\n');
    const bool ends = text.endsWith('\n');
    if (ends || text.isEmpty()) lines.removeLast();
    if (endsWithNewline) *endsWithNewline = ends;
    return lines;
}

QByteArray joinLines(const QList<QByteArray> &lines, bool endsWithNewline)
{
    QByteArray out = lines.join('\n');
    if (endsWithNewline && !lines.isEmpty()) out.append('\n');
    return out;
}

QList<QByteArray> indented(const QList<QByteArray> &lines, int indent)
{
    const QByteArray prefix(indent, ' ');
    QList<QByteArray> out;
    out.reserve(lines.size());
    for (const QByteArray &l : lines)
        out.append(l.isEmpty() ? l : prefix + l);
    return out;
}

} // namespace sw::formats
