#pragma once

#include <QLatin1StringView>
#include <QString>
#include <QStringView>

// The tokenizer of the JSONata syntax checker (jsonatasyntax.cpp); internal to the validator.
namespace sw::validate::jsonata {

enum class Tok { End, Name, Variable, String, Number, Value, Regex, Op };

struct Token
{
    Tok kind = Tok::Op; // the state before the first token behaves like an operator
    QString text;
    qsizetype pos = 0;

    bool is(QLatin1StringView op) const { return kind == Tok::Op && text == op; }
    // Whether the next token follows a complete operand (so "/" divides and "and" is an operator).
    bool endsOperand() const
    {
        switch (kind) {
        case Tok::Name:
        case Tok::Variable:
        case Tok::String:
        case Tok::Number:
        case Tok::Value:
        case Tok::Regex:
            return true;
        case Tok::Op:
            return text == QLatin1String(")") || text == QLatin1String("]") || text == QLatin1String("}");
        case Tok::End:
            break;
        }
        return false;
    }
    QString describe() const
    {
        return kind == Tok::End ? QStringLiteral("end of expression") : QStringLiteral("\"%1\"").arg(text);
    }
};

// JSONata's blanks (space, tab, CR, LF, VT).
bool isBlank(QChar c);
// Whether `c` ends a field name (blanks, operator characters, quotes).
bool endsName(QChar c);

// Splits a JSONata expression into tokens on demand. Whether a "/" starts a regex and whether
// "and", "or" and "in" are operators depends on the token before, as in the reference
// implementation, so the parser hands the previous token to next(). Lexical errors (unterminated
// strings, comments, regexes, backtick names; bad escapes) are returned, never thrown.
class Lexer
{
public:
    explicit Lexer(QStringView text) : m_s(text) {}

    // The token after `previous` into `out`; false on a lexical error (see error()).
    bool next(const Token &previous, Token &out);
    // Continues reading at `pos` (after text the parser consumed itself, e.g. a signature).
    void resumeAt(qsizetype pos) { m_pos = pos; }

    const QString &error() const { return m_error; }
    qsizetype errorPos() const { return m_errorPos; }

private:
    bool fail(qsizetype pos, const QString &message);
    QChar at(qsizetype i) const { return i < m_s.size() ? m_s[i] : QChar(); }
    bool skipBlanks();
    bool lexString(Token &t, QChar quote);
    bool lexRegex(Token &t);
    void lexNumber(Token &t);

    QStringView m_s;
    qsizetype m_pos = 0;
    QString m_error;
    qsizetype m_errorPos = 0;
};

} // namespace sw::validate::jsonata
