#include "jsonatalexer.h"

#include <array>

namespace sw::validate::jsonata {

namespace {

bool isOperatorChar(QChar c)
{
    switch (c.unicode()) {
    case '.':
    case '[':
    case ']':
    case '{':
    case '}':
    case '(':
    case ')':
    case ',':
    case '@':
    case '#':
    case ';':
    case ':':
    case '?':
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
    case '|':
    case '=':
    case '<':
    case '>':
    case '^':
    case '&':
    case '!':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isHex(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

const std::array<QLatin1StringView, 9> kTwoCharOps = {
    QLatin1StringView(".."), QLatin1StringView(":="), QLatin1StringView("!="),
    QLatin1StringView(">="), QLatin1StringView("<="), QLatin1StringView("**"),
    QLatin1StringView("~>"), QLatin1StringView("?:"), QLatin1StringView("??"),
};

} // namespace

bool isBlank(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' || c == u'\v';
}

bool endsName(QChar c)
{
    return c.isSpace() || isOperatorChar(c) || c == u'"' || c == u'\'' || c == u'`';
}

bool Lexer::fail(qsizetype pos, const QString &message)
{
    m_errorPos = pos;
    m_error = message;
    return false;
}

// Skips blanks and /* comments */; false on an unterminated comment.
bool Lexer::skipBlanks()
{
    for (;;) {
        while (m_pos < m_s.size() && isBlank(m_s[m_pos]))
            ++m_pos;
        if (at(m_pos) == u'/' && at(m_pos + 1) == u'*') {
            const qsizetype end = m_s.indexOf(u"*/", m_pos + 2);
            if (end < 0) return fail(m_pos, QStringLiteral("Comment has no closing tag"));
            m_pos = end + 2;
            continue;
        }
        return true;
    }
}

bool Lexer::lexString(Token &t, QChar quote)
{
    QString value;
    qsizetype i = m_pos + 1;
    while (i < m_s.size()) {
        const QChar c = m_s[i];
        if (c == quote) {
            t.kind = Tok::String;
            t.text = value;
            m_pos = i + 1;
            return true;
        }
        if (c == u'\\') {
            const QChar e = at(i + 1);
            switch (e.unicode()) {
            case '"':
            case '\\':
            case '/':
            case 'b':
            case 'f':
            case 'n':
            case 'r':
            case 't':
                value.append(e);
                i += 2;
                continue;
            case 'u':
                for (int k = 2; k < 6; ++k) {
                    if (!isHex(at(i + k)))
                        return fail(
                            i, QStringLiteral("The escape sequence \\u must be followed by 4 hex digits"));
                }
                value.append(m_s.mid(i, 6));
                i += 6;
                continue;
            default:
                return fail(i, QStringLiteral("Unsupported escape sequence: \\%1").arg(e));
            }
        }
        value.append(c);
        ++i;
    }
    return fail(m_pos, QStringLiteral("String literal must be terminated by a matching quote"));
}

bool Lexer::lexRegex(Token &t)
{
    int depth = 0;
    for (qsizetype i = m_pos + 1; i < m_s.size(); ++i) {
        const QChar c = m_s[i];
        const bool escaped = at(i - 1) == u'\\';
        if (c == u'/' && depth == 0) {
            int backslashes = 0;
            while (i - 1 - backslashes > m_pos && m_s[i - 1 - backslashes] == u'\\')
                ++backslashes;
            if (backslashes % 2 == 0) {
                if (i == m_pos + 1)
                    return fail(m_pos, QStringLiteral("Empty regular expressions are not allowed"));
                t.kind = Tok::Regex;
                t.text = m_s.mid(m_pos, i + 1 - m_pos).toString();
                m_pos = i + 1;
                while (at(m_pos) == u'i' || at(m_pos) == u'm')
                    ++m_pos;
                return true;
            }
        }
        if ((c == u'(' || c == u'[' || c == u'{') && !escaped) ++depth;
        if ((c == u')' || c == u']' || c == u'}') && !escaped) --depth;
    }
    return fail(m_pos, QStringLiteral("No terminating / in regular expression"));
}

void Lexer::lexNumber(Token &t)
{
    qsizetype i = m_pos;
    if (m_s[i] == u'0') {
        ++i;
    } else {
        while (isDigit(at(i)))
            ++i;
    }
    if (at(i) == u'.' && isDigit(at(i + 1))) {
        i += 1;
        while (isDigit(at(i)))
            ++i;
    }
    if (at(i) == u'e' || at(i) == u'E') {
        qsizetype j = i + 1;
        if (at(j) == u'+' || at(j) == u'-') ++j;
        if (isDigit(at(j))) {
            while (isDigit(at(j)))
                ++j;
            i = j;
        }
    }
    t.kind = Tok::Number;
    t.text = m_s.mid(m_pos, i - m_pos).toString();
    m_pos = i;
}

bool Lexer::next(const Token &previous, Token &out)
{
    const bool operandExpected = !previous.endsOperand();
    Token t;
    if (!skipBlanks()) return false;
    t.pos = m_pos;
    if (m_pos >= m_s.size()) {
        t.kind = Tok::End;
        out = t;
        return true;
    }
    const QChar c = m_s[m_pos];
    if (c == u'/' && operandExpected) {
        if (!lexRegex(t)) return false;
    } else if (c == u'"' || c == u'\'') {
        if (!lexString(t, c)) return false;
    } else if (isDigit(c)) {
        lexNumber(t);
    } else if (c == u'`') {
        const qsizetype end = m_s.indexOf(u'`', m_pos + 1);
        if (end < 0)
            return fail(m_pos,
                        QStringLiteral("Quoted property name must be terminated with a backquote (`)"));
        t.kind = Tok::Name;
        t.text = m_s.mid(m_pos + 1, end - m_pos - 1).toString();
        m_pos = end + 1;
    } else if (isOperatorChar(c)) {
        t.kind = Tok::Op;
        const QStringView two = m_s.mid(m_pos, 2);
        bool matched = false;
        for (QLatin1StringView op : kTwoCharOps) {
            if (two == op) {
                t.text = op;
                matched = true;
                break;
            }
        }
        if (!matched) t.text = c;
        m_pos += t.text.size();
    } else if (c == u'$') {
        qsizetype i = m_pos + 1;
        while (i < m_s.size() && !endsName(m_s[i]))
            ++i;
        t.kind = Tok::Variable;
        t.text = m_s.mid(m_pos, i - m_pos).toString();
        m_pos = i;
    } else {
        qsizetype i = m_pos;
        while (i < m_s.size() && !endsName(m_s[i]))
            ++i;
        t.text = m_s.mid(m_pos, i - m_pos).toString();
        m_pos = i;
        if (t.text == QLatin1String("true") || t.text == QLatin1String("false") ||
            t.text == QLatin1String("null"))
            t.kind = Tok::Value;
        else if (!operandExpected && (t.text == QLatin1String("and") || t.text == QLatin1String("or") ||
                                      t.text == QLatin1String("in")))
            t.kind = Tok::Op;
        else
            t.kind = Tok::Name;
    }
    out = t;
    return true;
}

} // namespace sw::validate::jsonata
