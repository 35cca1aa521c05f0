#include "intrinsics.h"

namespace sw::expr {

namespace {

using F = IntrinsicFunction;

const QList<IntrinsicInfo> &table()
{
    static const QList<IntrinsicInfo> t = {
        {F::Format, "States.Format", 1, -1},
        {F::StringToJson, "States.StringToJson", 1, 1},
        {F::JsonToString, "States.JsonToString", 1, 1},
        {F::Array, "States.Array", 0, -1},
        {F::ArrayPartition, "States.ArrayPartition", 2, 2},
        {F::ArrayContains, "States.ArrayContains", 2, 2},
        {F::ArrayRange, "States.ArrayRange", 3, 3},
        {F::ArrayGetItem, "States.ArrayGetItem", 2, 2},
        {F::ArrayLength, "States.ArrayLength", 1, 1},
        {F::ArrayUnique, "States.ArrayUnique", 1, 1},
        {F::Base64Encode, "States.Base64Encode", 1, 1},
        {F::Base64Decode, "States.Base64Decode", 1, 1},
        {F::Hash, "States.Hash", 2, 2},
        {F::JsonMerge, "States.JsonMerge", 3, 3},
        {F::MathRandom, "States.MathRandom", 2, 3},
        {F::MathAdd, "States.MathAdd", 2, 2},
        {F::StringSplit, "States.StringSplit", 2, 2},
        {F::UUID, "States.UUID", 0, 0},
    };
    return t;
}

class IntrinsicParser
{
public:
    IntrinsicParser(QStringView text, QString *error) : m_text(text), m_error(error) {}

    std::optional<IntrinsicCall> parseTop()
    {
        // No leading blanks: " States.Array(...)" is not an intrinsic call (statelint and AWS agree).
        auto call = parseCall(1);
        if (!call)
            return std::nullopt;
        skipSpaces();
        if (m_pos != m_text.size()) {
            fail(QStringLiteral("Unexpected '%1' after the intrinsic function call").arg(m_text.mid(m_pos).toString()));
            return std::nullopt;
        }
        return call;
    }

private:
    void fail(const QString &message)
    {
        if (m_error && m_error->isEmpty())
            *m_error = message;
    }

    void skipSpaces()
    {
        while (m_pos < m_text.size() && m_text[m_pos].isSpace())
            ++m_pos;
    }

    std::optional<IntrinsicCall> parseCall(int depth)
    {
        const qsizetype start = m_pos;
        if (depth > MaxIntrinsicNesting) {
            fail(QStringLiteral("Intrinsic functions can be nested at most %1 deep").arg(MaxIntrinsicNesting));
            return std::nullopt;
        }
        qsizetype i = m_pos;
        while (i < m_text.size() && (m_text[i].isLetterOrNumber() || m_text[i] == u'.' || m_text[i] == u'_'))
            ++i;
        const QStringView name = m_text.mid(m_pos, i - m_pos);
        if (!name.startsWith(u"States.")) {
            fail(QStringLiteral("'%1' is not an intrinsic function call").arg(m_text.toString()));
            return std::nullopt;
        }
        const IntrinsicInfo *info = intrinsicInfo(name);
        if (!info) {
            fail(QStringLiteral("Unknown intrinsic function '%1'").arg(name.toString()));
            return std::nullopt;
        }
        m_pos = i;
        if (m_pos >= m_text.size() || m_text[m_pos] != u'(') {
            fail(QStringLiteral("Expected '(' after %1").arg(name.toString()));
            return std::nullopt;
        }
        ++m_pos;
        IntrinsicCall call;
        call.function = info->function;
        call.name = name.toString();
        skipSpaces();
        if (m_pos < m_text.size() && m_text[m_pos] == u')') {
            ++m_pos;
        } else {
            while (true) {
                IntrinsicArg arg;
                if (!parseArg(&arg, depth))
                    return std::nullopt;
                call.args.append(arg);
                skipSpaces();
                if (m_pos < m_text.size() && m_text[m_pos] == u',') {
                    ++m_pos;
                    continue;
                }
                if (m_pos < m_text.size() && m_text[m_pos] == u')') {
                    ++m_pos;
                    break;
                }
                fail(QStringLiteral("Expected ',' or ')' in the arguments of %1").arg(call.name));
                return std::nullopt;
            }
        }
        const int n = int(call.args.size());
        if (n < info->minArgs || (info->maxArgs >= 0 && n > info->maxArgs)) {
            QString expected;
            if (info->maxArgs < 0)
                expected = QStringLiteral("at least %1").arg(info->minArgs);
            else if (info->minArgs == info->maxArgs)
                expected = QString::number(info->minArgs);
            else
                expected = QStringLiteral("%1 to %2").arg(info->minArgs).arg(info->maxArgs);
            fail(QStringLiteral("%1 takes %2 argument(s), got %3").arg(call.name, expected).arg(n));
            return std::nullopt;
        }
        call.text = m_text.mid(start, m_pos - start).toString();
        return call;
    }

    bool parseArg(IntrinsicArg *arg, int depth)
    {
        skipSpaces();
        if (m_pos >= m_text.size()) {
            fail(QStringLiteral("Unexpected end of the intrinsic function call"));
            return false;
        }
        const qsizetype start = m_pos;
        const QChar c = m_text[m_pos];
        bool ok = false;
        if (c == u'\'')
            ok = parseString(arg);
        else if (c == u'$')
            ok = parsePath(arg);
        else if (m_text.mid(m_pos).startsWith(u"States."))
            ok = parseNested(arg, depth);
        else if (c.isDigit() || c == u'-')
            ok = parseNumber(arg);
        else
            ok = parseKeyword(arg);
        if (ok)
            arg->text = m_text.mid(start, m_pos - start).toString().trimmed();
        return ok;
    }

    bool parseNested(IntrinsicArg *arg, int depth)
    {
        auto call = parseCall(depth + 1);
        if (!call)
            return false;
        arg->kind = IntrinsicArg::Kind::Call;
        arg->call = std::make_shared<const IntrinsicCall>(std::move(*call));
        return true;
    }

    bool parseString(IntrinsicArg *arg)
    {
        ++m_pos; // opening quote
        QString value;
        QString piece;
        QStringList pieces;
        while (m_pos < m_text.size()) {
            const QChar c = m_text[m_pos];
            if (c == u'\\') {
                if (m_pos + 1 >= m_text.size()) {
                    fail(QStringLiteral("Unterminated escape sequence in string literal"));
                    return false;
                }
                const QChar n = m_text[m_pos + 1];
                if (n != u'\'' && n != u'{' && n != u'}' && n != u'\\') {
                    fail(QStringLiteral("Invalid escape sequence '\\%1' in string literal: only \\' \\{ \\} and \\\\ are allowed").arg(n));
                    return false;
                }
                value += n;
                piece += n;
                m_pos += 2;
                continue;
            }
            if (c == u'\'') {
                ++m_pos;
                pieces.append(piece);
                arg->kind = IntrinsicArg::Kind::Literal;
                arg->literal = Json(value);
                arg->formatPieces = pieces;
                return true;
            }
            if (c == u'{' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == u'}') {
                pieces.append(piece);
                piece.clear();
                value += QStringLiteral("{}");
                m_pos += 2;
                continue;
            }
            value += c;
            piece += c;
            ++m_pos;
        }
        fail(QStringLiteral("Unterminated string literal in intrinsic function call"));
        return false;
    }

    bool parsePath(IntrinsicArg *arg)
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
            } else if (c == u'[' || c == u'(') {
                ++depth;
            } else if (c == u']' || (c == u')' && depth > 0)) {
                --depth;
            } else if (depth == 0 && (c == u',' || c == u')')) {
                break;
            }
            ++m_pos;
        }
        QString error;
        auto path = JsonPath::parse(m_text.mid(start, m_pos - start), &error);
        if (!path) {
            fail(QStringLiteral("Invalid JSONPath argument '%1': %2").arg(m_text.mid(start, m_pos - start).trimmed().toString(), error));
            return false;
        }
        arg->kind = IntrinsicArg::Kind::Path;
        arg->path = path;
        return true;
    }

    bool parseNumber(IntrinsicArg *arg)
    {
        const qsizetype start = m_pos;
        if (m_text[m_pos] == u'-')
            ++m_pos;
        bool isInt = true;
        qsizetype digits = 0;
        while (m_pos < m_text.size() && m_text[m_pos].isDigit()) {
            ++m_pos;
            ++digits;
        }
        if (m_pos < m_text.size() && m_text[m_pos] == u'.') {
            isInt = false;
            ++m_pos;
            while (m_pos < m_text.size() && m_text[m_pos].isDigit())
                ++m_pos;
        }
        if (m_pos < m_text.size() && (m_text[m_pos] == u'e' || m_text[m_pos] == u'E')) {
            isInt = false;
            ++m_pos;
            if (m_pos < m_text.size() && (m_text[m_pos] == u'+' || m_text[m_pos] == u'-'))
                ++m_pos;
            while (m_pos < m_text.size() && m_text[m_pos].isDigit())
                ++m_pos;
        }
        const QStringView s = m_text.mid(start, m_pos - start);
        bool ok = false;
        if (digits > 0 && isInt) {
            const qint64 v = s.toLongLong(&ok);
            if (ok) {
                arg->kind = IntrinsicArg::Kind::Literal;
                arg->literal = Json::integerWithSpelling(v, s.toString());
                return true;
            }
        }
        const double d = s.toDouble(&ok);
        if (!ok || digits == 0) {
            fail(QStringLiteral("Invalid number '%1' in intrinsic function call").arg(s.toString()));
            return false;
        }
        arg->kind = IntrinsicArg::Kind::Literal;
        arg->literal = Json::numberWithSpelling(d, s.toString());
        return true;
    }

    bool parseKeyword(IntrinsicArg *arg)
    {
        const QStringView rest = m_text.mid(m_pos);
        auto keyword = [&](QStringView word, const Json &value) {
            if (rest.startsWith(word) && (rest.size() == word.size() || !rest[word.size()].isLetterOrNumber())) {
                m_pos += word.size();
                arg->kind = IntrinsicArg::Kind::Literal;
                arg->literal = value;
                return true;
            }
            return false;
        };
        if (keyword(u"true", Json(true)) || keyword(u"false", Json(false)) || keyword(u"null", Json(nullptr)))
            return true;
        fail(QStringLiteral("Unexpected '%1' in intrinsic function arguments").arg(rest.toString()));
        return false;
    }

    QStringView m_text;
    QString *m_error;
    qsizetype m_pos = 0;
};

} // namespace

const IntrinsicInfo *intrinsicInfo(QStringView name)
{
    for (const auto &info : table()) {
        if (name == QLatin1StringView(info.name))
            return &info;
    }
    return nullptr;
}

const IntrinsicInfo &intrinsicInfo(IntrinsicFunction f)
{
    return table()[int(f)];
}

const QList<IntrinsicInfo> &allIntrinsics()
{
    return table();
}

std::optional<IntrinsicCall> parseIntrinsic(QStringView text, QString *error)
{
    QString local;
    QString *err = error ? error : &local;
    err->clear();
    IntrinsicParser parser(text, err);
    auto call = parser.parseTop();
    if (!call && err->isEmpty())
        *err = QStringLiteral("Invalid intrinsic function call '%1'").arg(text.toString());
    return call;
}

} // namespace sw::expr
