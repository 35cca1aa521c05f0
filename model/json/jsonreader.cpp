#include "jsonreader.h"

#include <charconv>
#include <cmath>

namespace sw {

namespace {

class Parser
{
public:
    Parser(const QByteArray &text, JsonReader::Options opts)
        : m_p(text.constData()), m_begin(text.constData()), m_end(text.constData() + text.size()), m_opts(opts)
    {
    }

    JsonReader::Result run()
    {
        JsonReader::Result r;
        if (m_end - m_p >= 3 && uchar(m_p[0]) == 0xEF && uchar(m_p[1]) == 0xBB && uchar(m_p[2]) == 0xBF) {
            m_p += 3;
            m_lineStart = m_p;
            r.hasBom = true;
        }
        skipWs();
        r.rootPos = pos();
        if (m_p == m_end) {
            fail(QStringLiteral("the document is empty"));
        } else {
            r.value = parseValue(0);
            if (!m_failed) {
                skipWs();
                if (m_p != m_end)
                    fail(QStringLiteral("unexpected %1 after the end of the JSON value").arg(describeHere()));
            }
        }
        if (m_failed) {
            r.ok = false;
            r.value = Json();
            r.error = m_error;
            r.errorPos = m_errorPos;
        } else {
            r.ok = true;
        }
        r.endsWithNewline = m_end > m_begin && m_end[-1] == '\n';
        return r;
    }

private:
    SourcePos pos() const
    {
        return SourcePos{m_line, qint32(m_p - m_lineStart - m_contBytes + 1)};
    }

    void fail(const QString &msg)
    {
        if (m_failed)
            return;
        m_failed = true;
        m_error = msg;
        m_errorPos = pos();
    }

    QString describeHere() const
    {
        if (m_p >= m_end)
            return QStringLiteral("end of input");
        const uchar c = uchar(*m_p);
        if (c >= 0x20 && c < 0x7f)
            return QStringLiteral("character '%1'").arg(QChar(c));
        return QStringLiteral("byte 0x%1").arg(c, 2, 16, QLatin1Char('0'));
    }

    void skipWs()
    {
        while (m_p < m_end) {
            const char c = *m_p;
            if (c == ' ' || c == '\t' || c == '\r') {
                ++m_p;
            } else if (c == '\n') {
                ++m_p;
                ++m_line;
                m_lineStart = m_p;
                m_contBytes = 0;
            } else {
                break;
            }
        }
    }

    Json parseValue(int depth)
    {
        if (m_p >= m_end) {
            fail(QStringLiteral("unexpected end of input, expected a value"));
            return {};
        }
        switch (*m_p) {
        case '{':
            return parseObject(depth + 1);
        case '[':
            return parseArray(depth + 1);
        case '"':
            return parseString();
        case 't':
            return parseLiteral("true", Json(true));
        case 'f':
            return parseLiteral("false", Json(false));
        case 'n':
            return parseLiteral("null", Json(nullptr));
        default:
            if (*m_p == '-' || (*m_p >= '0' && *m_p <= '9'))
                return parseNumber();
            fail(QStringLiteral("unexpected %1, expected a value").arg(describeHere()));
            return {};
        }
    }

    Json parseLiteral(const char *word, Json v)
    {
        const size_t n = strlen(word);
        if (size_t(m_end - m_p) >= n && memcmp(m_p, word, n) == 0) {
            m_p += n;
            if (m_p < m_end && (isalnum(uchar(*m_p)) || *m_p == '_')) {
                fail(QStringLiteral("unexpected %1 after '%2'").arg(describeHere(), QLatin1String(word)));
                return {};
            }
            return v;
        }
        const char *e = m_p;
        while (e < m_end && e - m_p < 32 && (isalnum(uchar(*e)) || *e == '_'))
            ++e;
        fail(QStringLiteral("unrecognized token '%1', expected a value (object, array, string, number, true, false or null)")
                 .arg(QString::fromLatin1(m_p, e - m_p)));
        return {};
    }

    Json parseNumber()
    {
        const char *start = m_p;
        bool isInt = true;
        if (*m_p == '-')
            ++m_p;
        if (m_p >= m_end || !(*m_p >= '0' && *m_p <= '9')) {
            fail(QStringLiteral("invalid number: a digit must follow '-'"));
            return {};
        }
        if (*m_p == '0') {
            ++m_p;
            if (m_p < m_end && *m_p >= '0' && *m_p <= '9') {
                fail(QStringLiteral("invalid number: leading zeros are not allowed"));
                return {};
            }
        } else {
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
        }
        if (m_p < m_end && *m_p == '.') {
            isInt = false;
            ++m_p;
            if (m_p >= m_end || !(*m_p >= '0' && *m_p <= '9')) {
                fail(QStringLiteral("invalid number: a digit must follow the decimal point"));
                return {};
            }
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
        }
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
            isInt = false;
            ++m_p;
            if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            if (m_p >= m_end || !(*m_p >= '0' && *m_p <= '9')) {
                fail(QStringLiteral("invalid number: a digit must follow the exponent"));
                return {};
            }
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
        }
        const qsizetype len = m_p - start;
        if (isInt) {
            qint64 v = 0;
            const auto res = std::from_chars(start, m_p, v);
            if (res.ec == std::errc() && !(v == 0 && *start == '-'))
                return Json(v);
            // Out of the int64 range, or "-0": keep the spelling, store as a double.
        }
        double d = 0;
        const auto res = std::from_chars(start, m_p, d);
        if (res.ec == std::errc::result_out_of_range) {
            // from_chars leaves d unchanged on overflow/underflow: compute the limit ourselves.
            d = strtod(QByteArray(start, len).constData(), nullptr);
        }
        if (!m_opts.keepSpellings)
            return Json(d);
        return Json::numberWithSpelling(d, QString::fromLatin1(start, len));
    }

    // Reads a string token; returns false on error. Sets hasEscape when the token used escapes.
    bool readString(QString &out, bool &hasEscape, const char *&tokenStart)
    {
        tokenStart = m_p;
        ++m_p; // opening quote
        const char *runStart = m_p;
        QByteArray buf; // used only when escapes occur
        hasEscape = false;
        while (true) {
            if (m_p >= m_end) {
                fail(QStringLiteral("unterminated string"));
                return false;
            }
            const uchar c = uchar(*m_p);
            if (c == '"') {
                if (hasEscape) {
                    buf.append(runStart, m_p - runStart);
                    out = QString::fromUtf8(buf);
                } else {
                    out = QString::fromUtf8(runStart, m_p - runStart);
                }
                ++m_p;
                return true;
            }
            if (c == '\\') {
                if (!hasEscape) {
                    hasEscape = true;
                    buf.reserve(m_p - runStart + 16);
                }
                buf.append(runStart, m_p - runStart);
                ++m_p;
                if (m_p >= m_end) {
                    fail(QStringLiteral("unterminated string"));
                    return false;
                }
                const char e = *m_p++;
                switch (e) {
                case '"':
                    buf.append('"');
                    break;
                case '\\':
                    buf.append('\\');
                    break;
                case '/':
                    buf.append('/');
                    break;
                case 'b':
                    buf.append('\b');
                    break;
                case 'f':
                    buf.append('\f');
                    break;
                case 'n':
                    buf.append('\n');
                    break;
                case 'r':
                    buf.append('\r');
                    break;
                case 't':
                    buf.append('\t');
                    break;
                case 'u': {
                    uint cp = 0;
                    if (!readHex4(cp))
                        return false;
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        // A high surrogate: pair it when a low surrogate follows.
                        if (m_end - m_p >= 6 && m_p[0] == '\\' && m_p[1] == 'u') {
                            const char *save = m_p;
                            m_p += 2;
                            uint lo = 0;
                            if (!readHex4(lo))
                                return false;
                            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                            } else {
                                m_p = save;
                                cp = 0xFFFD;
                            }
                        } else {
                            cp = 0xFFFD;
                        }
                    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                        cp = 0xFFFD;
                    }
                    appendUtf8(buf, cp);
                    break;
                }
                default:
                    m_p -= 2;
                    fail(QStringLiteral("invalid escape sequence '\\%1' in string").arg(QChar(uchar(e))));
                    return false;
                }
                runStart = m_p;
                continue;
            }
            if (c < 0x20) {
                fail(c == '\n' ? QStringLiteral("unterminated string (line break inside a string)")
                               : QStringLiteral("control character 0x%1 must be escaped in a string")
                                     .arg(c, 2, 16, QLatin1Char('0')));
                return false;
            }
            if (c < 0x80) {
                ++m_p;
                continue;
            }
            // Validate a UTF-8 sequence.
            int n = 0;
            uint cp = 0;
            if ((c & 0xE0) == 0xC0) {
                n = 1;
                cp = c & 0x1F;
            } else if ((c & 0xF0) == 0xE0) {
                n = 2;
                cp = c & 0x0F;
            } else if ((c & 0xF8) == 0xF0) {
                n = 3;
                cp = c & 0x07;
            } else {
                fail(QStringLiteral("invalid UTF-8 byte 0x%1").arg(c, 2, 16, QLatin1Char('0')));
                return false;
            }
            if (m_end - m_p <= n) {
                fail(QStringLiteral("truncated UTF-8 sequence"));
                return false;
            }
            for (int k = 1; k <= n; ++k) {
                const uchar cc = uchar(m_p[k]);
                if ((cc & 0xC0) != 0x80) {
                    fail(QStringLiteral("invalid UTF-8 sequence"));
                    return false;
                }
                cp = (cp << 6) | (cc & 0x3F);
            }
            const bool overlong = (n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000);
            if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                fail(QStringLiteral("invalid UTF-8 sequence"));
                return false;
            }
            m_p += n + 1;
            m_contBytes += n;
        }
    }

    bool readHex4(uint &cp)
    {
        if (m_end - m_p < 4) {
            fail(QStringLiteral("truncated \\u escape in string"));
            return false;
        }
        cp = 0;
        for (int k = 0; k < 4; ++k) {
            const char h = *m_p;
            int v;
            if (h >= '0' && h <= '9')
                v = h - '0';
            else if (h >= 'a' && h <= 'f')
                v = h - 'a' + 10;
            else if (h >= 'A' && h <= 'F')
                v = h - 'A' + 10;
            else {
                fail(QStringLiteral("invalid \\u escape in string"));
                return false;
            }
            cp = cp * 16 + uint(v);
            ++m_p;
        }
        return true;
    }

    static void appendUtf8(QByteArray &b, uint cp)
    {
        if (cp < 0x80) {
            b.append(char(cp));
        } else if (cp < 0x800) {
            b.append(char(0xC0 | (cp >> 6)));
            b.append(char(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            b.append(char(0xE0 | (cp >> 12)));
            b.append(char(0x80 | ((cp >> 6) & 0x3F)));
            b.append(char(0x80 | (cp & 0x3F)));
        } else {
            b.append(char(0xF0 | (cp >> 18)));
            b.append(char(0x80 | ((cp >> 12) & 0x3F)));
            b.append(char(0x80 | ((cp >> 6) & 0x3F)));
            b.append(char(0x80 | (cp & 0x3F)));
        }
    }

    Json parseString()
    {
        QString s;
        bool hasEscape = false;
        const char *tokenStart = nullptr;
        if (!readString(s, hasEscape, tokenStart))
            return {};
        if (hasEscape && m_opts.keepSpellings)
            return Json::stringWithSpelling(s, QString::fromUtf8(tokenStart, m_p - tokenStart));
        return Json(s);
    }

    Json parseArray(int depth)
    {
        if (depth > m_opts.maxDepth) {
            fail(QStringLiteral("nesting deeper than %1 levels").arg(m_opts.maxDepth));
            return {};
        }
        ++m_p; // [
        Json arr = Json::array();
        skipWs();
        if (m_p < m_end && *m_p == ']') {
            ++m_p;
            return arr;
        }
        while (true) {
            skipWs();
            const SourcePos vp = pos();
            Json v = parseValue(depth);
            if (m_failed)
                return {};
            arr.appendWithPos(v, vp);
            skipWs();
            if (m_p >= m_end) {
                fail(QStringLiteral("unexpected end of input, expected ',' or ']'"));
                return {};
            }
            if (*m_p == ',') {
                ++m_p;
                skipWs();
                if (m_p < m_end && *m_p == ']') {
                    fail(QStringLiteral("trailing comma before ']'"));
                    return {};
                }
                continue;
            }
            if (*m_p == ']') {
                ++m_p;
                return arr;
            }
            fail(QStringLiteral("unexpected %1, expected ',' or ']'").arg(describeHere()));
            return {};
        }
    }

    Json parseObject(int depth)
    {
        if (depth > m_opts.maxDepth) {
            fail(QStringLiteral("nesting deeper than %1 levels").arg(m_opts.maxDepth));
            return {};
        }
        ++m_p; // {
        Json obj = Json::object();
        skipWs();
        if (m_p < m_end && *m_p == '}') {
            ++m_p;
            return obj;
        }
        while (true) {
            skipWs();
            if (m_p >= m_end) {
                fail(QStringLiteral("unexpected end of input, expected a member name"));
                return {};
            }
            if (*m_p != '"') {
                fail(*m_p == '}' ? QStringLiteral("trailing comma before '}'")
                                 : QStringLiteral("unexpected %1, expected a member name in double quotes")
                                       .arg(describeHere()));
                return {};
            }
            const SourcePos kp = pos();
            QString key;
            bool hasEscape = false;
            const char *tokenStart = nullptr;
            if (!readString(key, hasEscape, tokenStart))
                return {};
            skipWs();
            if (m_p >= m_end || *m_p != ':') {
                fail(m_p >= m_end ? QStringLiteral("unexpected end of input, expected ':'")
                                  : QStringLiteral("unexpected %1, expected ':'").arg(describeHere()));
                return {};
            }
            ++m_p;
            skipWs();
            const SourcePos vp = pos();
            Json v = parseValue(depth);
            if (m_failed)
                return {};
            obj.appendMember(key, v, kp, vp);
            skipWs();
            if (m_p >= m_end) {
                fail(QStringLiteral("unexpected end of input, expected ',' or '}'"));
                return {};
            }
            if (*m_p == ',') {
                ++m_p;
                continue;
            }
            if (*m_p == '}') {
                ++m_p;
                return obj;
            }
            fail(QStringLiteral("unexpected %1, expected ',' or '}'").arg(describeHere()));
            return {};
        }
    }

    const char *m_p;
    const char *m_begin;
    const char *m_end;
    const char *m_lineStart = m_begin;
    qint32 m_line = 1;
    qint64 m_contBytes = 0;
    JsonReader::Options m_opts;
    bool m_failed = false;
    QString m_error;
    SourcePos m_errorPos;
};

} // namespace

JsonReader::Result JsonReader::parse(const QByteArray &utf8, Options options)
{
    Parser p(utf8, options);
    return p.run();
}

Json JsonReader::parseOrUndefined(const QByteArray &utf8)
{
    return parse(utf8).value;
}

} // namespace sw
