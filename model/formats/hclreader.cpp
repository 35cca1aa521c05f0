#include "hcl.h"

#include "json/jsonreader.h"

namespace sw::formats {

namespace {

struct Token
{
    enum class Type { Ident, Number, String, Heredoc, Punct, Newline, End };
    Type type = Type::End;
    qsizetype start = 0;
    qsizetype end = 0;
    char punct = 0;
};

bool identStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || uchar(c) >= 0x80;
}
bool identChar(char c)
{
    return identStart(c) || (c >= '0' && c <= '9') || c == '-';
}

class Lexer
{
public:
    explicit Lexer(const QByteArray &t) : m_t(t) {}
    bool run(QList<Token> *out);
    QString error;
    qsizetype errorAt = 0;

private:
    bool fail(qsizetype at, const QString &message)
    {
        error = message;
        errorAt = at;
        return false;
    }
    // Skips a ${...} or %{...} sequence starting at the '{'; returns the offset after '}' or -1.
    qsizetype skipTemplate(qsizetype i);
    qsizetype skipString(qsizetype i);
    const QByteArray &m_t;
};

qsizetype Lexer::skipString(qsizetype i)
{
    for (++i; i < m_t.size(); ++i) {
        const char c = m_t.at(i);
        if (c == '\\') {
            ++i;
        } else if (c == '"') {
            return i + 1;
        } else if (c == '\n') {
            return -1;
        } else if ((c == '$' || c == '%') && i + 1 < m_t.size() && m_t.at(i + 1) == '{') {
            if (i + 2 < m_t.size() && i > 0 && m_t.at(i - 1) == c)
                continue; // $${ escape: the doubled sign was seen, nothing to skip
            const qsizetype e = skipTemplate(i + 1);
            if (e < 0) return -1;
            i = e - 1;
        }
    }
    return -1;
}

qsizetype Lexer::skipTemplate(qsizetype i)
{
    int depth = 0;
    for (; i < m_t.size(); ++i) {
        const char c = m_t.at(i);
        if (c == '"') {
            const qsizetype e = skipString(i);
            if (e < 0) return -1;
            i = e - 1;
        } else if (c == '{') {
            ++depth;
        } else if (c == '}') {
            if (--depth == 0) return i + 1;
        }
    }
    return -1;
}

bool Lexer::run(QList<Token> *out)
{
    const qsizetype n = m_t.size();
    qsizetype i = 0;
    while (i < n) {
        const char c = m_t.at(i);
        Token tok;
        tok.start = i;
        if (c == ' ' || c == '\t' || c == '\r') {
            ++i;
            continue;
        }
        if (c == '#' || (c == '/' && i + 1 < n && m_t.at(i + 1) == '/')) {
            while (i < n && m_t.at(i) != '\n')
                ++i;
            continue;
        }
        if (c == '/' && i + 1 < n && m_t.at(i + 1) == '*') {
            const qsizetype e = m_t.indexOf("*/", i + 2);
            if (e < 0) return fail(i, QStringLiteral("unterminated /* comment"));
            for (qsizetype k = i; k < e; ++k) {
                if (m_t.at(k) == '\n') out->append(Token{Token::Type::Newline, k, k + 1, 0});
            }
            i = e + 2;
            continue;
        }
        if (c == '\n') {
            tok.type = Token::Type::Newline;
            tok.end = ++i;
        } else if (identStart(c)) {
            while (i < n && identChar(m_t.at(i)))
                ++i;
            tok.type = Token::Type::Ident;
            tok.end = i;
        } else if (c >= '0' && c <= '9') {
            while (i < n && ((m_t.at(i) >= '0' && m_t.at(i) <= '9') || m_t.at(i) == '.' ||
                             ((m_t.at(i) == 'e' || m_t.at(i) == 'E') && i + 1 < n) ||
                             ((m_t.at(i) == '+' || m_t.at(i) == '-') &&
                              (m_t.at(i - 1) == 'e' || m_t.at(i - 1) == 'E'))))
                ++i;
            tok.type = Token::Type::Number;
            tok.end = i;
        } else if (c == '"') {
            const qsizetype e = skipString(i);
            if (e < 0) return fail(i, QStringLiteral("unterminated string"));
            tok.type = Token::Type::String;
            tok.end = i = e;
        } else if (c == '<' && m_t.mid(i, 2) == "<<" && i + 2 < n &&
                   (m_t.at(i + 2) == '-' || identStart(m_t.at(i + 2)))) {
            qsizetype k = i + 2 + (m_t.at(i + 2) == '-' ? 1 : 0);
            const qsizetype markerStart = k;
            while (k < n && identChar(m_t.at(k)))
                ++k;
            const QByteArray marker = m_t.mid(markerStart, k - markerStart);
            qsizetype line = m_t.indexOf('\n', k);
            if (marker.isEmpty() || line < 0) return fail(i, QStringLiteral("malformed heredoc"));
            bool closed = false;
            while (line >= 0 && line + 1 <= n) {
                const qsizetype next = m_t.indexOf('\n', line + 1);
                const qsizetype lineEnd = next < 0 ? n : next;
                if (m_t.mid(line + 1, lineEnd - line - 1).trimmed() == marker) {
                    tok.end = i = lineEnd;
                    closed = true;
                    break;
                }
                line = next;
            }
            if (!closed)
                return fail(tok.start,
                            QStringLiteral("heredoc <<%1 is not closed").arg(QString::fromUtf8(marker)));
            tok.type = Token::Type::Heredoc;
        } else {
            tok.type = Token::Type::Punct;
            tok.punct = c;
            tok.end = ++i;
        }
        out->append(tok);
    }
    out->append(Token{Token::Type::End, n, n, 0});
    return true;
}

// Decodes a quoted string or heredoc token; ${...} sequences are kept as written.
HclNode decodeText(const QByteArray &t, const Token &tok)
{
    HclNode node;
    node.start = tok.start;
    node.end = tok.end;
    QByteArray out;
    qsizetype i = tok.start + 1;
    qsizetype stop = tok.end - 1;
    const bool heredoc = tok.type == Token::Type::Heredoc;
    QList<QByteArray> lines;
    if (heredoc) {
        node.kind = HclNode::Kind::Heredoc;
        const bool strip = t.at(tok.start + 2) == '-';
        const qsizetype first = t.indexOf('\n', tok.start) + 1;
        const qsizetype last = t.lastIndexOf('\n', tok.end - 1); // the terminator line starts after it
        lines = t.mid(first, last - first + 1).split('\n');
        lines.removeLast();
        if (strip) {
            int common = INT_MAX;
            for (const QByteArray &l : lines) {
                if (l.trimmed().isEmpty()) continue;
                int k = 0;
                while (k < l.size() && (l.at(k) == ' ' || l.at(k) == '\t'))
                    ++k;
                common = std::min(common, k);
            }
            for (QByteArray &l : lines)
                l = l.mid(std::min<qsizetype>(common == INT_MAX ? 0 : common, l.size()));
        }
        QByteArray body;
        for (const QByteArray &l : lines)
            body += l + '\n';
        // Heredocs have no backslash escapes: only template sequences matter.
        for (qsizetype k = 0; k < body.size(); ++k) {
            const char c = body.at(k);
            if ((c == '$' || c == '%') && k + 2 < body.size() && body.at(k + 1) == c &&
                body.at(k + 2) == '{') {
                node.templateEscapes = true;
                out.append(c);
                ++k;
                continue;
            }
            if (c == '%' && k + 1 < body.size() && body.at(k + 1) == '{') node.templateDirectives = true;
            out.append(c);
        }
        node.literal = Json(QString::fromUtf8(out));
        return node;
    }
    node.kind = HclNode::Kind::String;
    for (; i < stop; ++i) {
        const char c = t.at(i);
        if (c == '\\' && i + 1 < stop) {
            const char e = t.at(++i);
            switch (e) {
            case 'n':
                out.append('\n');
                break;
            case 'r':
                out.append('\r');
                break;
            case 't':
                out.append('\t');
                break;
            case '"':
                out.append('"');
                break;
            case '\\':
                out.append('\\');
                break;
            case 'u':
            case 'U': {
                const int len = e == 'u' ? 4 : 8;
                const char32_t cp = char32_t(t.mid(i + 1, len).toUInt(nullptr, 16));
                out.append(QString::fromUcs4(&cp, 1).toUtf8());
                i += len;
                break;
            }
            default:
                out.append('\\');
                out.append(e);
            }
            continue;
        }
        if ((c == '$' || c == '%') && i + 2 < stop && t.at(i + 1) == c && t.at(i + 2) == '{') {
            node.templateEscapes = true;
            out.append(c);
            ++i;
            continue;
        }
        if (c == '%' && i + 1 < stop && t.at(i + 1) == '{') node.templateDirectives = true;
        if (c == '$' && i + 1 < stop && t.at(i + 1) == '{') {
            // ${ expr }: keep the expression as written, minus the ~ strip markers.
            int depth = 0;
            qsizetype k = i + 1;
            for (; k < stop; ++k) {
                if (t.at(k) == '{')
                    ++depth;
                else if (t.at(k) == '}' && --depth == 0)
                    break;
            }
            QByteArray expr = t.mid(i + 2, k - i - 2).trimmed();
            if (expr.startsWith('~')) expr = expr.mid(1).trimmed();
            if (expr.endsWith('~')) expr = expr.chopped(1).trimmed();
            out.append("${" + expr + "}");
            i = k;
            continue;
        }
        out.append(c);
    }
    node.literal = Json(QString::fromUtf8(out));
    return node;
}

class Parser
{
public:
    Parser(const QByteArray &t, const QList<Token> &toks) : m_t(t), m_toks(toks) {}
    bool body(QList<HclAttribute> *attrs, QList<HclBlock> *blocks, bool top);
    QString error;
    qsizetype errorAt = 0;
    const TextIndex *index = nullptr;

private:
    const Token &peek() const { return m_toks.at(m_i); }
    bool isPunct(char c) const { return peek().type == Token::Type::Punct && peek().punct == c; }
    QByteArray text(const Token &tok) const { return m_t.mid(tok.start, tok.end - tok.start); }
    void skipNewlines()
    {
        while (peek().type == Token::Type::Newline)
            ++m_i;
    }
    bool fail(const QString &message)
    {
        if (error.isEmpty()) {
            error = message;
            errorAt = peek().start;
        }
        return false;
    }
    bool expression(HclNode *out, bool inBrackets);
    bool primary(HclNode *out);
    bool collection(HclNode *out, char close);

    const QByteArray &m_t;
    const QList<Token> &m_toks;
    qsizetype m_i = 0;
};

bool Parser::body(QList<HclAttribute> *attrs, QList<HclBlock> *blocks, bool top)
{
    for (;;) {
        skipNewlines();
        if (peek().type == Token::Type::End)
            return top ? true : fail(QStringLiteral("a block is not closed"));
        if (isPunct('}')) return top ? fail(QStringLiteral("unexpected '}'")) : true;
        if (peek().type != Token::Type::Ident)
            return fail(QStringLiteral("expected an attribute or a block"));
        const Token nameTok = peek();
        ++m_i;
        if (isPunct('=')) {
            ++m_i;
            HclAttribute a;
            a.name = QString::fromUtf8(text(nameTok));
            a.pos = index->position(nameTok.start);
            if (!expression(&a.value, false)) return false;
            attrs->append(a);
            continue;
        }
        HclBlock b;
        b.type = QString::fromUtf8(text(nameTok));
        b.start = nameTok.start;
        b.pos = index->position(nameTok.start);
        while (peek().type == Token::Type::String || peek().type == Token::Type::Ident) {
            b.labels.append(peek().type == Token::Type::String ? decodeText(m_t, peek()).literal.toString()
                                                               : QString::fromUtf8(text(peek())));
            ++m_i;
        }
        if (!isPunct('{')) return fail(QStringLiteral("expected '{' to open block %1").arg(b.type));
        ++m_i;
        if (!body(&b.attributes, &b.blocks, false)) return false;
        b.end = peek().end;
        ++m_i; // '}'
        blocks->append(b);
    }
}

bool Parser::collection(HclNode *out, char close)
{
    out->kind = close == '}' ? HclNode::Kind::Object : HclNode::Kind::Tuple;
    out->start = peek().start;
    ++m_i;
    for (;;) {
        skipNewlines();
        if (isPunct(close)) {
            out->end = peek().end;
            ++m_i;
            return true;
        }
        if (peek().type == Token::Type::End)
            return fail(
                QStringLiteral("'%1' is not closed").arg(close == '}' ? QLatin1Char('{') : QLatin1Char('[')));
        if (close == ']' && peek().type == Token::Type::Ident && text(peek()) == "for")
            return fail(QStringLiteral("for expressions are not supported"));
        HclNode item;
        if (close == '}') {
            if (peek().type == Token::Type::Ident && text(peek()) == "for")
                return fail(QStringLiteral("for expressions are not supported"));
            HclNode key;
            if (!primary(&key)) return false;
            if (!isPunct('=') && !isPunct(':'))
                return fail(QStringLiteral("expected '=' after an object key"));
            ++m_i;
            out->children.append(key);
        }
        if (!expression(&item, true)) return false;
        out->children.append(item);
        if (isPunct(',')) ++m_i;
    }
}

bool Parser::primary(HclNode *out)
{
    const Token tok = peek();
    out->start = tok.start;
    switch (tok.type) {
    case Token::Type::String:
    case Token::Type::Heredoc:
        *out = decodeText(m_t, tok);
        ++m_i;
        return true;
    case Token::Type::Number: {
        ++m_i;
        out->kind = HclNode::Kind::Number;
        out->end = tok.end;
        const JsonReader::Result r = JsonReader::parse(text(tok));
        out->literal = r.ok ? r.value : Json(text(tok).toDouble());
        return true;
    }
    case Token::Type::Punct:
        if (tok.punct == '{' || tok.punct == '[') return collection(out, tok.punct == '{' ? '}' : ']');
        if (tok.punct == '(') {
            ++m_i;
            skipNewlines();
            HclNode inner;
            if (!expression(&inner, true)) return false;
            skipNewlines();
            if (!isPunct(')')) return fail(QStringLiteral("expected ')'"));
            out->kind = HclNode::Kind::Other;
            out->end = peek().end;
            ++m_i;
            return true;
        }
        if (tok.punct == '-' || tok.punct == '!') {
            ++m_i;
            HclNode inner;
            if (!primary(&inner)) return false;
            if (tok.punct == '-' && inner.kind == HclNode::Kind::Number) {
                *out = inner;
                out->start = tok.start;
                const JsonReader::Result r = JsonReader::parse(m_t.mid(tok.start, inner.end - tok.start));
                out->literal = r.ok ? r.value : Json(-inner.literal.toDouble());
                return true;
            }
            out->kind = HclNode::Kind::Other;
            out->end = inner.end;
            return true;
        }
        return fail(QStringLiteral("unexpected '%1'").arg(QLatin1Char(tok.punct)));
    case Token::Type::Ident: {
        const QByteArray word = text(tok);
        ++m_i;
        out->end = tok.end;
        if (word == "true" || word == "false" || word == "null") {
            out->kind = word == "null" ? HclNode::Kind::Null : HclNode::Kind::Bool;
            out->literal = word == "null" ? Json(nullptr) : Json(word == "true");
            return true;
        }
        if (isPunct('(')) {
            out->kind = HclNode::Kind::Call;
            out->name = QString::fromUtf8(word);
            ++m_i;
            for (;;) {
                skipNewlines();
                if (isPunct(')')) break;
                HclNode arg;
                if (!expression(&arg, true)) return false;
                out->children.append(arg);
                skipNewlines();
                if (isPunct(','))
                    ++m_i;
                else if (!isPunct(')'))
                    return fail(
                        QStringLiteral("expected ',' or ')' in the arguments of %1()").arg(out->name));
            }
            out->end = peek().end;
            ++m_i;
            return true;
        }
        // A traversal: name(.attr | [index] | .*)*
        out->kind = HclNode::Kind::Reference;
        for (;;) {
            if (isPunct('.') && (m_toks.at(m_i + 1).type == Token::Type::Ident ||
                                 m_toks.at(m_i + 1).type == Token::Type::Number)) {
                m_i += 2;
            } else if (isPunct('[')) {
                HclNode idx;
                if (!collection(&idx, ']')) return false;
                if (idx.children.size() != 1) out->kind = HclNode::Kind::Other;
                continue;
            } else if (isPunct('.') && m_toks.at(m_i + 1).type == Token::Type::Punct &&
                       m_toks.at(m_i + 1).punct == '*') {
                m_i += 2;
                out->kind = HclNode::Kind::Other;
            } else {
                break;
            }
            out->end = m_toks.at(m_i - 1).end;
        }
        out->end = m_toks.at(m_i - 1).end;
        out->name = QString::fromUtf8(m_t.mid(out->start, out->end - out->start));
        return true;
    }
    default:
        return fail(QStringLiteral("expected an expression"));
    }
}

// An expression: a primary, or (with operators after it) an "other" node up to the end of the
// attribute (a newline outside brackets) or the next ',' / closing bracket.
bool Parser::expression(HclNode *out, bool inBrackets)
{
    skipNewlines();
    const qsizetype begin = m_i;
    bool extended = false;
    if (!primary(out)) {
        // Valid HCL this reader does not model (a splat, a for expression...): keep its text.
        m_i = begin;
        error.clear();
        *out = HclNode{};
        out->start = peek().start;
        out->end = peek().end;
        extended = true;
    }
    int depth = 0;
    for (;;) {
        const Token &tok = peek();
        if (tok.type == Token::Type::End) break;
        if (depth == 0) {
            if (tok.type == Token::Type::Newline && !inBrackets) break;
            if (tok.type == Token::Type::Punct &&
                (tok.punct == ',' || tok.punct == '}' || tok.punct == ']' || tok.punct == ')'))
                break;
            if (tok.type == Token::Type::Newline && inBrackets) {
                // In brackets a newline separates items unless an operator continues the line.
                const Token &next = m_toks.at(m_i + 1);
                if (!(next.type == Token::Type::Punct && QByteArray("?:+-*/%&|=<>").contains(next.punct)))
                    break;
            }
        }
        if (tok.type == Token::Type::Punct) {
            if (tok.punct == '(' || tok.punct == '[' || tok.punct == '{')
                ++depth;
            else if (tok.punct == ')' || tok.punct == ']' || tok.punct == '}')
                --depth;
        }
        extended = true;
        out->end = tok.end;
        ++m_i;
    }
    if (m_i == begin) return fail(QStringLiteral("expected an expression"));
    if (extended) {
        out->kind = HclNode::Kind::Other;
        out->children.clear();
    }
    return true;
}

} // namespace

const HclAttribute *HclBlock::attribute(const QString &n) const
{
    for (const HclAttribute &a : attributes) {
        if (a.name == n) return &a;
    }
    return nullptr;
}

HclFile HclFile::parse(const QByteArray &text)
{
    HclFile f;
    f.index = TextIndex(text);
    QList<Token> toks;
    Lexer lexer(text);
    if (!lexer.run(&toks)) {
        f.error = lexer.error;
        f.errorPos = f.index.position(lexer.errorAt);
        return f;
    }
    Parser p(text, toks);
    p.index = &f.index;
    QList<HclAttribute> topAttributes;
    if (!p.body(&topAttributes, &f.blocks, true)) {
        f.error = p.error;
        f.errorPos = f.index.position(p.errorAt);
        return f;
    }
    f.ok = true;
    return f;
}

} // namespace sw::formats
