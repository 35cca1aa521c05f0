// Parser for JSONPath filter expressions ([?( ... )]), following the Jayway syntax that AWS
// evaluates: comparisons (== != < <= > >= =~ in nin subsetof anyof noneof size empty contains),
// existence tests, ! && || and parentheses; operands are @/$ paths, quoted strings, numbers,
// true/false/null, JSON array/object literals (single quotes allowed) and /regex/flags.
#include "jsonpath.h"

namespace sw::expr {

namespace {

class FilterParser
{
public:
    FilterParser(QStringView text, QString *error) : m_text(text), m_error(error) {}

    std::shared_ptr<const FilterExpr> parseAll()
    {
        auto e = parseOr();
        if (!e)
            return nullptr;
        skipSpaces();
        if (m_pos != m_text.size())
            return failed(QStringLiteral("Unexpected '%1' in filter expression '%2'").arg(m_text.mid(m_pos).toString(), m_text.toString()));
        return e;
    }

private:
    std::shared_ptr<const FilterExpr> failed(const QString &message)
    {
        if (m_error && m_error->isEmpty())
            *m_error = message;
        return nullptr;
    }

    bool error(const QString &message)
    {
        failed(message);
        return false;
    }

    void skipSpaces()
    {
        while (m_pos < m_text.size() && m_text[m_pos].isSpace())
            ++m_pos;
    }

    bool consume(QStringView token)
    {
        skipSpaces();
        if (m_text.mid(m_pos).startsWith(token)) {
            m_pos += token.size();
            return true;
        }
        return false;
    }

    std::shared_ptr<const FilterExpr> parseOr()
    {
        auto left = parseAnd();
        while (left && consume(u"||")) {
            auto right = parseAnd();
            if (!right)
                return nullptr;
            auto e = std::make_shared<FilterExpr>();
            e->kind = FilterExpr::Kind::Or;
            e->lhs = left;
            e->rhs = right;
            left = e;
        }
        return left;
    }

    std::shared_ptr<const FilterExpr> parseAnd()
    {
        auto left = parseUnary();
        while (left && consume(u"&&")) {
            auto right = parseUnary();
            if (!right)
                return nullptr;
            auto e = std::make_shared<FilterExpr>();
            e->kind = FilterExpr::Kind::And;
            e->lhs = left;
            e->rhs = right;
            left = e;
        }
        return left;
    }

    std::shared_ptr<const FilterExpr> parseUnary()
    {
        skipSpaces();
        if (m_pos < m_text.size() && m_text[m_pos] == u'!' && !m_text.mid(m_pos).startsWith(u"!=")) {
            ++m_pos;
            auto inner = parseUnary();
            if (!inner)
                return nullptr;
            auto e = std::make_shared<FilterExpr>();
            e->kind = FilterExpr::Kind::Not;
            e->lhs = inner;
            return e;
        }
        if (m_pos < m_text.size() && m_text[m_pos] == u'(') {
            ++m_pos;
            auto inner = parseOr();
            if (!inner)
                return nullptr;
            if (!consume(u")"))
                return failed(QStringLiteral("Expected ')' in filter expression '%1'").arg(m_text.toString()));
            return inner;
        }
        return parseComparison();
    }

    std::shared_ptr<const FilterExpr> parseComparison()
    {
        FilterOperand left;
        if (!parseOperand(&left))
            return nullptr;
        skipSpaces();
        static const QStringList symbolic = {QStringLiteral("=="), QStringLiteral("!="), QStringLiteral("<="),
                                             QStringLiteral(">="), QStringLiteral("=~"), QStringLiteral("<"),
                                             QStringLiteral(">")};
        static const QStringList words = {QStringLiteral("subsetof"), QStringLiteral("contains"), QStringLiteral("noneof"),
                                          QStringLiteral("anyof"), QStringLiteral("empty"), QStringLiteral("size"),
                                          QStringLiteral("nin"), QStringLiteral("in")};
        QString op;
        for (const auto &s : symbolic) {
            if (m_text.mid(m_pos).startsWith(s)) {
                op = s;
                break;
            }
        }
        if (op.isEmpty()) {
            for (const auto &w : words) {
                const QStringView rest = m_text.mid(m_pos);
                if (rest.startsWith(w) && (rest.size() == w.size() || !rest[w.size()].isLetterOrNumber())) {
                    op = w;
                    break;
                }
            }
        }
        auto e = std::make_shared<FilterExpr>();
        if (op.isEmpty()) {
            if (left.kind != FilterOperand::Kind::Path)
                return failed(QStringLiteral("Expected a comparison operator in filter expression '%1'").arg(m_text.toString()));
            e->kind = FilterExpr::Kind::Exists;
            e->left = left;
            return e;
        }
        m_pos += op.size();
        FilterOperand right;
        if (!parseOperand(&right))
            return nullptr;
        if (op == u"=~" && right.kind != FilterOperand::Kind::Regex && left.kind != FilterOperand::Kind::Regex)
            return failed(QStringLiteral("The =~ operator needs a /regular expression/ operand"));
        e->kind = FilterExpr::Kind::Compare;
        e->op = op;
        e->left = left;
        e->right = right;
        return e;
    }

    // Reads a path operand: up to a space, ')' or an operator character outside brackets and quotes.
    bool parsePathOperand(FilterOperand *out)
    {
        const qsizetype start = m_pos;
        int depth = 0;
        QChar quote;
        while (m_pos < m_text.size()) {
            const QChar c = m_text[m_pos];
            if (!quote.isNull()) {
                if (c == u'\\')
                    ++m_pos;
                else if (c == quote)
                    quote = QChar();
                ++m_pos;
                continue;
            }
            if (c == u'\'' || c == u'"') {
                quote = c;
            } else if (c == u'[') {
                ++depth;
            } else if (c == u']') {
                --depth;
            } else if (depth == 0 && (c.isSpace() || c == u')' || c == u'=' || c == u'!' || c == u'<' || c == u'>'
                                      || c == u'&' || c == u'|')) {
                break;
            }
            ++m_pos;
        }
        QString error;
        auto path = JsonPath::parse(m_text.mid(start, m_pos - start), &error, true);
        if (!path) {
            failed(error);
            return false;
        }
        out->kind = FilterOperand::Kind::Path;
        out->path = path;
        return true;
    }

    bool parseQuoted(QString *out)
    {
        const QChar quote = m_text[m_pos];
        ++m_pos;
        QString s;
        while (m_pos < m_text.size()) {
            const QChar c = m_text[m_pos];
            if (c == u'\\' && m_pos + 1 < m_text.size()) {
                const QChar n = m_text[m_pos + 1];
                switch (n.unicode()) {
                case 'n': s += u'\n'; break;
                case 't': s += u'\t'; break;
                case 'r': s += u'\r'; break;
                case 'b': s += u'\b'; break;
                case 'f': s += u'\f'; break;
                case 'u':
                    if (m_pos + 5 < m_text.size()) {
                        bool ok = false;
                        const ushort code = m_text.mid(m_pos + 2, 4).toUShort(&ok, 16);
                        if (ok) {
                            s += QChar(code);
                            m_pos += 6;
                            continue;
                        }
                    }
                    s += n;
                    break;
                default: s += n; break;
                }
                m_pos += 2;
                continue;
            }
            if (c == quote) {
                ++m_pos;
                *out = s;
                return true;
            }
            s += c;
            ++m_pos;
        }
        failed(QStringLiteral("String literal is not closed in filter expression '%1'").arg(m_text.toString()));
        return false;
    }

    bool parseNumber(Json *out)
    {
        const qsizetype start = m_pos;
        if (m_pos < m_text.size() && (m_text[m_pos] == u'-' || m_text[m_pos] == u'+'))
            ++m_pos;
        bool isInt = true;
        while (m_pos < m_text.size()) {
            const QChar c = m_text[m_pos];
            if (c.isDigit()) {
                ++m_pos;
            } else if (c == u'.' || c == u'e' || c == u'E') {
                isInt = false;
                ++m_pos;
                if (c != u'.' && m_pos < m_text.size() && (m_text[m_pos] == u'-' || m_text[m_pos] == u'+'))
                    ++m_pos;
            } else {
                break;
            }
        }
        const QStringView s = m_text.mid(start, m_pos - start);
        bool ok = false;
        if (isInt) {
            const qint64 v = s.toLongLong(&ok);
            if (ok) {
                *out = Json(v);
                return true;
            }
        }
        const double d = s.toDouble(&ok);
        if (!ok) {
            failed(QStringLiteral("Invalid number '%1' in filter expression").arg(s.toString()));
            return false;
        }
        *out = Json(d);
        return true;
    }

    // A JSON-like literal; Jayway's parser accepts single-quoted strings too.
    bool parseLiteral(Json *out)
    {
        skipSpaces();
        if (m_pos >= m_text.size())
            return error(QStringLiteral("Unexpected end of filter expression"));
        const QChar c = m_text[m_pos];
        if (c == u'\'' || c == u'"') {
            QString s;
            if (!parseQuoted(&s))
                return false;
            *out = Json(s);
            return true;
        }
        if (c == u'[') {
            ++m_pos;
            Json arr = Json::array();
            skipSpaces();
            if (m_pos < m_text.size() && m_text[m_pos] == u']') {
                ++m_pos;
                *out = arr;
                return true;
            }
            while (true) {
                Json item;
                if (!parseLiteral(&item))
                    return false;
                arr.append(item);
                if (consume(u","))
                    continue;
                if (consume(u"]"))
                    break;
                return error(QStringLiteral("Expected ',' or ']' in array literal"));
            }
            *out = arr;
            return true;
        }
        if (c == u'{') {
            ++m_pos;
            Json obj = Json::object();
            if (consume(u"}")) {
                *out = obj;
                return true;
            }
            while (true) {
                skipSpaces();
                QString key;
                if (m_pos >= m_text.size() || (m_text[m_pos] != u'\'' && m_text[m_pos] != u'"') || !parseQuoted(&key))
                    return error(QStringLiteral("Expected a quoted key in object literal"));
                if (!consume(u":"))
                    return error(QStringLiteral("Expected ':' in object literal"));
                Json value;
                if (!parseLiteral(&value))
                    return false;
                obj.insert(key, value);
                if (consume(u","))
                    continue;
                if (consume(u"}"))
                    break;
                return error(QStringLiteral("Expected ',' or '}' in object literal"));
            }
            *out = obj;
            return true;
        }
        if (c.isDigit() || c == u'-' || c == u'+')
            return parseNumber(out);
        const QStringView rest = m_text.mid(m_pos);
        auto keyword = [&](QStringView word, const Json &value) {
            if (rest.startsWith(word) && (rest.size() == word.size() || !rest[word.size()].isLetterOrNumber())) {
                m_pos += word.size();
                *out = value;
                return true;
            }
            return false;
        };
        if (keyword(u"true", Json(true)) || keyword(u"false", Json(false)) || keyword(u"null", Json(nullptr)))
            return true;
        // A bare word (`@.status == FAILED`): published AWS samples compare with unquoted values, so
        // it is read as the string it spells.
        qsizetype end = m_pos;
        while (end < m_text.size() && (m_text[end].isLetterOrNumber() || m_text[end] == u'_' || m_text[end] == u'-' || m_text[end] == u'.'))
            ++end;
        if (end > m_pos && m_text[m_pos].isLetter()) {
            *out = Json(m_text.mid(m_pos, end - m_pos).toString());
            m_pos = end;
            return true;
        }
        failed(QStringLiteral("Unexpected '%1' in filter expression").arg(rest.toString()));
        return false;
    }

    bool parseOperand(FilterOperand *out)
    {
        skipSpaces();
        if (m_pos >= m_text.size()) {
            failed(QStringLiteral("Unexpected end of filter expression '%1'").arg(m_text.toString()));
            return false;
        }
        const QChar c = m_text[m_pos];
        if (c == u'@' || c == u'$')
            return parsePathOperand(out);
        if (c == u'/') {
            ++m_pos;
            QString pattern;
            while (m_pos < m_text.size() && m_text[m_pos] != u'/') {
                if (m_text[m_pos] == u'\\' && m_pos + 1 < m_text.size()) {
                    pattern += m_text[m_pos];
                    ++m_pos;
                }
                pattern += m_text[m_pos];
                ++m_pos;
            }
            if (m_pos >= m_text.size()) {
                failed(QStringLiteral("Regular expression is not closed in filter expression"));
                return false;
            }
            ++m_pos;
            QString flags;
            while (m_pos < m_text.size() && m_text[m_pos].isLetter())
                flags += m_text[m_pos++];
            out->kind = FilterOperand::Kind::Regex;
            out->regex = pattern;
            out->regexFlags = flags;
            return true;
        }
        Json literal;
        if (!parseLiteral(&literal))
            return false;
        out->kind = FilterOperand::Kind::Literal;
        out->literal = literal;
        return true;
    }

    QStringView m_text;
    QString *m_error;
    qsizetype m_pos = 0;
};

} // namespace

std::shared_ptr<const FilterExpr> parseFilterExpression(QStringView text, QString *error)
{
    QString local;
    QString *err = error ? error : &local;
    err->clear();
    FilterParser parser(text, err);
    auto e = parser.parseAll();
    if (!e && err->isEmpty())
        *err = QStringLiteral("Invalid filter expression '%1'").arg(text.toString());
    return e;
}

} // namespace sw::expr
