#include "jsonwriter.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace sw {

namespace {

class Writer
{
public:
    explicit Writer(JsonWriter::Options o) : m_o(o) {}

    void value(const Json &v, int depth)
    {
        switch (v.type()) {
        case Json::Type::Undefined:
        case Json::Type::Null:
            m_out.append("null");
            return;
        case Json::Type::Bool:
            m_out.append(v.toBool() ? "true" : "false");
            return;
        case Json::Type::Number: {
            if (m_o.keepSpellings) {
                const QString sp = v.spelling();
                if (!sp.isEmpty()) {
                    m_out.append(sp.toLatin1());
                    return;
                }
            }
            if (v.isIntegerStorage())
                m_out.append(QByteArray::number(v.toInteger()));
            else
                m_out.append(JsonWriter::formatDouble(v.toDouble()));
            return;
        }
        case Json::Type::String: {
            if (m_o.keepSpellings) {
                const QString sp = v.spelling();
                if (!sp.isEmpty()) {
                    m_out.append(sp.toUtf8());
                    return;
                }
            }
            JsonWriter::appendQuoted(m_out, v.stringRef());
            return;
        }
        case Json::Type::Array: {
            const auto &items = v.items();
            if (items.isEmpty()) {
                m_out.append("[]");
                return;
            }
            m_out.append('[');
            for (qsizetype i = 0; i < items.size(); ++i) {
                if (i)
                    m_out.append(',');
                newline(depth + 1);
                value(items.at(i), depth + 1);
            }
            newline(depth);
            m_out.append(']');
            return;
        }
        case Json::Type::Object: {
            const auto &ms = v.members();
            bool first = true;
            m_out.append('{');
            for (const auto &m : ms) {
                if (m.value.isUndefined())
                    continue;
                if (!first)
                    m_out.append(',');
                first = false;
                newline(depth + 1);
                JsonWriter::appendQuoted(m_out, m.key);
                m_out.append(m_o.indent > 0 ? ": " : ":");
                value(m.value, depth + 1);
            }
            if (!first)
                newline(depth);
            m_out.append('}');
            return;
        }
        }
    }

    void newline(int depth)
    {
        if (m_o.indent <= 0)
            return;
        m_out.append('\n');
        m_out.append(QByteArray(depth * m_o.indent, ' '));
    }

    QByteArray m_out;
    JsonWriter::Options m_o;
};

} // namespace

void JsonWriter::appendQuoted(QByteArray &out, QStringView s)
{
    out.append('"');
    const QChar *p = s.data();
    const QChar *end = p + s.size();
    const QChar *run = p;
    auto flush = [&](const QChar *upTo) {
        if (upTo > run)
            out.append(QStringView(run, upTo - run).toUtf8());
    };
    static const char hex[] = "0123456789abcdef";
    for (; p < end; ++p) {
        const char16_t c = p->unicode();
        const char *esc = nullptr;
        switch (c) {
        case '"':
            esc = "\\\"";
            break;
        case '\\':
            esc = "\\\\";
            break;
        case '\b':
            esc = "\\b";
            break;
        case '\f':
            esc = "\\f";
            break;
        case '\n':
            esc = "\\n";
            break;
        case '\r':
            esc = "\\r";
            break;
        case '\t':
            esc = "\\t";
            break;
        default:
            break;
        }
        bool uEscape = c < 0x20;
        if (!esc && !uEscape && QChar::isSurrogate(c)) {
            // Lone surrogates cannot be written as UTF-8: escape them like JSON.stringify does.
            const bool paired = QChar::isHighSurrogate(c) && p + 1 < end && QChar::isLowSurrogate(p[1].unicode());
            if (paired) {
                ++p;
                continue;
            }
            uEscape = true;
        }
        if (!esc && !uEscape)
            continue;
        flush(p);
        if (esc) {
            out.append(esc);
        } else {
            char buf[7] = {'\\', 'u', hex[(c >> 12) & 15], hex[(c >> 8) & 15], hex[(c >> 4) & 15], hex[c & 15], 0};
            out.append(buf, 6);
        }
        run = p + 1;
    }
    flush(end);
    out.append('"');
}

QByteArray JsonWriter::formatDouble(double d)
{
    if (!std::isfinite(d))
        return "null";
    if (d == 0)
        return "0";
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    *res.ptr = 0;
    // buf: [-]d[.ddd]e[+-]xx
    QByteArray s(buf);
    const bool neg = s.startsWith('-');
    if (neg)
        s.remove(0, 1);
    const qsizetype ePos = s.indexOf('e');
    QByteArray mant = s.left(ePos);
    const int exp = s.mid(ePos + 1).toInt();
    mant.replace(".", "");
    const int k = int(mant.size()); // number of significant digits
    const int n = exp + 1;          // decimal point position (JS spec's n)
    QByteArray out;
    if (k <= n && n <= 21) {
        out = mant + QByteArray(n - k, '0');
    } else if (0 < n && n <= 21) {
        out = mant.left(n) + '.' + mant.mid(n);
    } else if (-6 < n && n <= 0) {
        out = "0." + QByteArray(-n, '0') + mant;
    } else {
        out = mant.left(1);
        if (k > 1)
            out += '.' + mant.mid(1);
        out += 'e';
        out += (n - 1 >= 0) ? "+" : "-";
        out += QByteArray::number(std::abs(n - 1));
    }
    return neg ? '-' + out : out;
}

QByteArray JsonWriter::write(const Json &v, Options options)
{
    Writer w(options);
    w.value(v, 0);
    if (options.finalNewline)
        w.m_out.append('\n');
    return w.m_out;
}

} // namespace sw
