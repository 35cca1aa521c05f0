#include "jsonatasyntax.h"

#include "jsonatalexer.h"

namespace sw::validate {

namespace {

using jsonata::endsName;
using jsonata::isBlank;
using jsonata::Tok;
using jsonata::Token;

// Recursion guard: a 10 MB string of "((((" must give an error, not a stack overflow.
constexpr int kMaxDepth = 250;

// What the parser needs to know about a parsed sub-expression.
enum class Node { Variable, Other };

// A Pratt parser over the tokens (binding powers of the reference implementation). Besides the
// syntax it tracks whether the context item is still the top-level input, for AWS's rule on bare
// field names there.
class Parser
{
public:
    explicit Parser(QStringView text) : m_s(text), m_lexer(text) {}

    JsonataCheck run()
    {
        if (!advance()) return m_result;
        if (m_tok.kind == Tok::End) return error(0, QStringLiteral("Empty expression"));
        Node n;
        if (!expression(0, n)) return m_result;
        if (m_tok.kind != Tok::End) {
            fail(m_tok.pos, QStringLiteral("Syntax error: expected the end of the expression, got %1")
                                .arg(m_tok.describe()));
            return m_result;
        }
        if (m_topLevelRef >= 0) {
            m_result.kind = JsonataCheck::Kind::TopLevelReference;
            m_result.offset = m_topLevelRef;
            m_result.message = m_topLevelName == QLatin1String("$$")
                                   ? QStringLiteral("Reference to '$$' is not supported.")
                                   : QStringLiteral("Reference to '%1' at the top level is not supported.")
                                         .arg(m_topLevelName);
        }
        return m_result;
    }

private:
    JsonataCheck error(qsizetype pos, const QString &message)
    {
        fail(pos, message);
        return m_result;
    }

    bool fail(qsizetype pos, const QString &message)
    {
        if (m_result.kind != JsonataCheck::Kind::SyntaxError) {
            m_result.kind = JsonataCheck::Kind::SyntaxError;
            m_result.offset = pos;
            m_result.message = message;
        }
        return false;
    }

    bool advance()
    {
        Token t;
        if (!m_lexer.next(m_tok, t)) return fail(m_lexer.errorPos(), m_lexer.error());
        m_tok = t;
        return true;
    }

    bool expect(QLatin1StringView op)
    {
        if (m_tok.is(op)) return advance();
        if (m_tok.kind == Tok::End)
            return fail(m_tok.pos, QStringLiteral("Expected \"%1\" before end of expression").arg(op));
        return fail(m_tok.pos, QStringLiteral("Expected \"%1\", got %2").arg(op, m_tok.describe()));
    }

    static int bindingPower(const Token &t)
    {
        if (t.kind != Tok::Op) return 0;
        static const struct
        {
            const char *op;
            int bp;
        } table[] = {
            {".", 75},  {"[", 80},  {"{", 70},  {"(", 80},  {"@", 80},  {"#", 80},  {"?", 20},  {"+", 50},
            {"-", 50},  {"*", 60},  {"/", 60},  {"%", 60},  {"=", 40},  {"<", 40},  {">", 40},  {"^", 40},
            {"**", 60}, {"..", 20}, {":=", 10}, {"!=", 40}, {"<=", 40}, {">=", 40}, {"~>", 40}, {"and", 30},
            {"or", 25}, {"in", 40}, {"&", 50},  {"?:", 40}, {"??", 40},
        };
        for (const auto &e : table) {
            if (t.text == QLatin1String(e.op)) return e.bp;
        }
        return 0; // terminators: ] ) } , ; : | and the stray ! ~
    }

    // Runs `body` with the context item no longer being the top-level input.
    template <typename F> bool inStep(F body)
    {
        const bool saved = m_rootContext;
        m_rootContext = false;
        const bool ok = body();
        m_rootContext = saved;
        return ok;
    }

    bool expression(int rbp, Node &out)
    {
        if (++m_depth > kMaxDepth)
            return fail(m_tok.pos, QStringLiteral("The expression is nested too deeply"));
        const Token t = m_tok;
        if (t.kind == Tok::End) return fail(t.pos, QStringLiteral("Unexpected end of expression"));
        if (!advance()) return false;
        Node left;
        if (!nud(t, left)) return false;
        while (rbp < bindingPower(m_tok)) {
            const Token op = m_tok;
            if (!advance()) return false;
            if (!led(op, left)) return false;
        }
        --m_depth;
        out = left;
        return true;
    }

    bool expression(int rbp)
    {
        Node ignored;
        return expression(rbp, ignored);
    }

    // "{ key: value, ... }" after the opening brace, used by constructors and group-by.
    bool objectBody()
    {
        if (m_tok.is(QLatin1StringView("}"))) return advance();
        for (;;) {
            if (!expression(0) || !expect(QLatin1StringView(":")) || !expression(0)) return false;
            if (!m_tok.is(QLatin1StringView(","))) break;
            if (!advance()) return false;
        }
        return expect(QLatin1StringView("}"));
    }

    bool lambda()
    {
        if (!expect(QLatin1StringView("("))) return false;
        if (!m_tok.is(QLatin1StringView(")"))) {
            for (;;) {
                if (m_tok.kind != Tok::Variable)
                    return fail(
                        m_tok.pos,
                        QStringLiteral(
                            "Parameter %1 of function definition must be a variable name (start with $)")
                            .arg(m_tok.describe()));
                if (!advance()) return false;
                if (!m_tok.is(QLatin1StringView(","))) break;
                if (!advance()) return false;
            }
        }
        if (!expect(QLatin1StringView(")"))) return false;
        if (m_tok.is(QLatin1StringView("<"))) {
            // A type signature such as <n-n:n> or <a<s>:a>: read it as raw text with nested <>.
            int depth = 0;
            qsizetype i = m_tok.pos;
            for (; i < m_s.size(); ++i) {
                if (m_s[i] == u'<')
                    ++depth;
                else if (m_s[i] == u'>' && --depth == 0)
                    break;
            }
            if (i >= m_s.size())
                return fail(m_tok.pos, QStringLiteral("The function signature is not terminated by \">\""));
            m_lexer.resumeAt(i + 1);
            m_tok = Token{Tok::Op, QStringLiteral(">"), i};
            if (!advance()) return false;
        }
        if (!expect(QLatin1StringView("{"))) return false;
        // AWS evaluates a lambda body in the context of the expression that defines it, so the
        // top-level rule applies inside it too.
        return expression(0) && expect(QLatin1StringView("}"));
    }

    bool nud(const Token &t, Node &out)
    {
        out = Node::Other;
        switch (t.kind) {
        case Tok::Variable:
            out = Node::Variable;
            if (t.text == QLatin1String("$$") && m_topLevelRef < 0) {
                m_topLevelRef = t.pos;
                m_topLevelName = t.text;
            } else if (t.text == QLatin1String("$states") && m_result.errorOutputAt < 0 &&
                       m_tok.is(QLatin1StringView("."))) {
                // Peek at the step after "$states." without consuming it.
                qsizetype i = m_tok.pos + 1;
                while (i < m_s.size() && isBlank(m_s[i]))
                    ++i;
                if (m_s.mid(i).startsWith(u"errorOutput") && (i + 11 >= m_s.size() || endsName(m_s[i + 11])))
                    m_result.errorOutputAt = t.pos;
            }
            return true;
        case Tok::String:
        case Tok::Number:
        case Tok::Value:
        case Tok::Regex:
            return true;
        case Tok::Name:
            if ((t.text == QLatin1String("function") || t.text == QString(QChar(0x03BB))) &&
                m_tok.is(QLatin1StringView("(")))
                return lambda();
            if (m_rootContext && m_topLevelRef < 0) {
                m_topLevelRef = t.pos;
                m_topLevelName = t.text;
            }
            return true;
        case Tok::End:
            return fail(t.pos, QStringLiteral("Unexpected end of expression"));
        case Tok::Op:
            break;
        }
        const QString &op = t.text;
        if (op == QLatin1String("-")) return expression(70);
        if (op == QLatin1String("*") || op == QLatin1String("**") || op == QLatin1String("%"))
            return true; // wildcard, descendants, parent
        if (op == QLatin1String("(")) {
            while (!m_tok.is(QLatin1StringView(")"))) {
                if (!expression(0)) return false;
                if (!m_tok.is(QLatin1StringView(";"))) break;
                if (!advance()) return false;
            }
            return expect(QLatin1StringView(")"));
        }
        if (op == QLatin1String("[")) {
            if (m_tok.is(QLatin1StringView("]"))) return advance();
            for (;;) {
                if (!expression(0)) return false;
                if (!m_tok.is(QLatin1StringView(","))) break;
                if (!advance()) return false;
            }
            return expect(QLatin1StringView("]"));
        }
        if (op == QLatin1String("{")) return objectBody();
        if (op == QLatin1String("|")) {
            return inStep([this] {
                if (!expression(0) || !expect(QLatin1StringView("|")) || !expression(0)) return false;
                if (m_tok.is(QLatin1StringView(","))) {
                    if (!advance() || !expression(0)) return false;
                }
                return expect(QLatin1StringView("|"));
            });
        }
        return fail(t.pos,
                    QStringLiteral("Syntax error: %1 cannot start an expression here").arg(t.describe()));
    }

    bool led(const Token &t, Node &left)
    {
        const QString &op = t.text;
        const int bp = bindingPower(t);
        const Node lhs = left;
        left = Node::Other;
        if (op == QLatin1String(".")) {
            return inStep([this] { return expression(75); });
        }
        if (op == QLatin1String("[")) {
            return inStep([this] {
                if (m_tok.is(QLatin1StringView("]"))) return advance();
                return expression(0) && expect(QLatin1StringView("]"));
            });
        }
        if (op == QLatin1String("{")) return inStep([this] { return objectBody(); });
        if (op == QLatin1String("(")) {
            if (m_tok.is(QLatin1StringView(")"))) return advance();
            for (;;) {
                if (m_tok.is(QLatin1StringView("?"))) { // partial application placeholder
                    if (!advance()) return false;
                } else if (!expression(0)) {
                    return false;
                }
                if (!m_tok.is(QLatin1StringView(","))) break;
                if (!advance()) return false;
            }
            return expect(QLatin1StringView(")"));
        }
        if (op == QLatin1String("^")) {
            if (!expect(QLatin1StringView("("))) return false;
            return inStep([this] {
                for (;;) {
                    if (m_tok.is(QLatin1StringView("<")) || m_tok.is(QLatin1StringView(">"))) {
                        if (!advance()) return false;
                    }
                    if (!expression(0)) return false;
                    if (!m_tok.is(QLatin1StringView(","))) break;
                    if (!advance()) return false;
                }
                return expect(QLatin1StringView(")"));
            });
        }
        if (op == QLatin1String("?")) {
            if (!expression(0)) return false;
            if (m_tok.is(QLatin1StringView(":"))) {
                if (!advance()) return false;
                return expression(0);
            }
            return true;
        }
        if (op == QLatin1String(":=")) {
            if (lhs != Node::Variable)
                return fail(t.pos,
                            QStringLiteral("The left side of := must be a variable name (start with $)"));
            return expression(bp - 1); // right associative
        }
        if (op == QLatin1String("@") || op == QLatin1String("#")) {
            Node rhs;
            const qsizetype at = m_tok.pos;
            if (!expression(80, rhs)) return false;
            if (rhs != Node::Variable)
                return fail(
                    at,
                    QStringLiteral("The right side of %1 must be a variable name (start with $)").arg(op));
            return true;
        }
        if (op == QLatin1String("**"))
            return fail(t.pos, QStringLiteral("Syntax error: \"**\" cannot follow an expression"));
        // Plain binary operators.
        return expression(bp);
    }

    QStringView m_s;
    jsonata::Lexer m_lexer;
    Token m_tok;
    int m_depth = 0;
    bool m_rootContext = true;
    qsizetype m_topLevelRef = -1;
    QString m_topLevelName;
    JsonataCheck m_result;
};

} // namespace

JsonataCheck checkJsonata(QStringView expression)
{
    return Parser(expression).run();
}

} // namespace sw::validate
