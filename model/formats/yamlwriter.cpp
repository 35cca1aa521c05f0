#include "yaml.h"

#include "textindex.h"
#include "json/jsonwriter.h"

#include <QRegularExpression>
#include <QSet>

namespace sw::formats {

namespace {

bool needsEscape(char32_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xFEFF || c == 0x2028 || c == 0x2029 ||
           (c >= 0xD800 && c <= 0xDFFF) || c == 0xFFFE || c == 0xFFFF;
}

bool looksNonString(QStringView s)
{
    static const QSet<QString> words = {
        QStringLiteral("null"), QStringLiteral("~"),  QStringLiteral("true"), QStringLiteral("false"),
        QStringLiteral("yes"),  QStringLiteral("no"), QStringLiteral("on"),   QStringLiteral("off"),
        QStringLiteral("y"),    QStringLiteral("n"),  QStringLiteral("="),    QStringLiteral("<<"),
    };
    if (words.contains(s.toString().toLower())) return true;
    // Anything number-like in YAML 1.1 or 1.2 (1_000, 0b11, 1:30, .5, +1, 0x1F, 1e3, .inf).
    static const QRegularExpression numberish(
        QStringLiteral("^[-+]?(\\.?[0-9][0-9a-fA-FxXoObB_:.eE+-]*|\\.(inf|Inf|INF|nan|NaN|NAN))$"));
    return numberish.match(s).hasMatch();
}

QByteArray spaces(int n)
{
    return QByteArray(n, ' ');
}

QByteArray singleQuoted(const QString &s)
{
    QByteArray out("'");
    out.append(QString(s).replace(QLatin1Char('\''), QLatin1String("''")).toUtf8());
    out.append('\'');
    return out;
}

QByteArray doubleQuoted(const QString &s)
{
    QByteArray out("\"");
    const QList<uint> ucs = s.toUcs4();
    for (const uint c : ucs) {
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\t':
            out.append("\\t");
            break;
        case '\r':
            out.append("\\r");
            break;
        case 0:
            out.append("\\0");
            break;
        default:
            if (needsEscape(c)) {
                out.append(c <= 0xFF ? QStringLiteral("\\x%1").arg(c, 2, 16, QLatin1Char('0')).toLatin1()
                                     : QStringLiteral("\\u%1").arg(c, 4, 16, QLatin1Char('0')).toLatin1());
            } else {
                out.append(QString::fromUcs4(reinterpret_cast<const char32_t *>(&c), 1).toUtf8());
            }
        }
    }
    out.append('"');
    return out;
}

// A multi-line string that a literal block scalar (|) carries exactly.
bool literalBlockFits(const QString &s)
{
    if (!s.contains(QLatin1Char('\n'))) return false;
    for (const QChar ch : s) {
        const char16_t c = ch.unicode();
        if (c != '\n' && c != '\t' && needsEscape(c)) return false;
    }
    if (s.startsWith(QLatin1Char('\n')) || s.trimmed().isEmpty())
        return false; // the first line sets the indentation: keep it simple
    for (const QString &line : s.split(QLatin1Char('\n'))) {
        // Whitespace-only lines would be taken for indentation.
        if (!line.isEmpty() && line.trimmed().isEmpty()) return false;
    }
    return true;
}

const QSet<QString> &shortFormFunctions()
{
    static const QSet<QString> fns = {
        QStringLiteral("Base64"), QStringLiteral("Cidr"),      QStringLiteral("FindInMap"),
        QStringLiteral("GetAtt"), QStringLiteral("GetAZs"),    QStringLiteral("ImportValue"),
        QStringLiteral("Join"),   QStringLiteral("Select"),    QStringLiteral("Split"),
        QStringLiteral("Sub"),    QStringLiteral("Transform"), QStringLiteral("And"),
        QStringLiteral("Equals"), QStringLiteral("If"),        QStringLiteral("Not"),
        QStringLiteral("Or"),
    };
    return fns;
}

class Writer
{
public:
    explicit Writer(const YamlWriteOptions &o) : m_o(o) {}
    void top(const Json &v);
    QByteArray result() const { return m_out; }

private:
    void push(const QByteArray &line)
    {
        m_out.append(line);
        m_out.append('\n');
    }
    QByteArray inlineText(const Json &v) const;
    QString shortFormTag(const Json &v) const;
    void valueAfter(QByteArray line, const Json &v, int keyIndent);
    void mapping(const Json &obj, int indent, const QByteArray &firstLead);
    void sequence(const Json &arr, int indent, const QByteArray &firstLead);
    void literal(QByteArray line, const QString &s, int contentIndent);

    YamlWriteOptions m_o;
    QByteArray m_out;
};

// The one-line text of a scalar or empty collection; null for what needs lines of its own.
QByteArray Writer::inlineText(const Json &v) const
{
    switch (v.type()) {
    case Json::Type::Undefined:
    case Json::Type::Null:
        return "null";
    case Json::Type::Bool:
        return v.toBool() ? "true" : "false";
    case Json::Type::Number:
        if (!v.spelling().isEmpty()) return v.spelling().toLatin1();
        return v.isIntegerStorage() ? QByteArray::number(v.toInteger())
                                    : JsonWriter::formatDouble(v.toDouble());
    case Json::Type::String:
        return literalBlockFits(v.toString()) ? QByteArray() : yamlScalar(v.toString());
    case Json::Type::Array:
        return v.isEmpty() ? QByteArray("[]") : QByteArray();
    case Json::Type::Object:
        return v.isEmpty() ? QByteArray("{}") : QByteArray();
    }
    return {};
}

// "!Ref", "!GetAtt", ... when `v` is an intrinsic function written in short form.
QString Writer::shortFormTag(const Json &v) const
{
    if (!m_o.cloudFormationShortForms || !v.isObject() || v.size() != 1) return {};
    const JsonMember &m = v.members().first();
    if (m.key == QLatin1String("Ref") || m.key == QLatin1String("Condition"))
        return m.value.isString() ? QLatin1Char('!') + m.key : QString();
    if (m.key.startsWith(QLatin1String("Fn::")) && shortFormFunctions().contains(m.key.mid(4)))
        return QLatin1Char('!') + m.key.mid(4);
    return {};
}

void Writer::literal(QByteArray line, const QString &s, int contentIndent)
{
    line.append(" |");
    if (s.startsWith(QLatin1Char(' '))) line.append(QByteArray::number(m_o.indent));
    QString body = s;
    if (!s.endsWith(QLatin1Char('\n'))) {
        line.append('-');
    } else if (s.endsWith(QLatin1String("\n\n"))) {
        line.append('+');
        body.chop(1);
    } else {
        body.chop(1);
    }
    push(line);
    for (const QString &l : body.split(QLatin1Char('\n')))
        push(l.isEmpty() ? QByteArray() : spaces(contentIndent) + l.toUtf8());
}

// Writes `v` as the value that follows `line` ("key:" or "- " or a tag), whose key sits at keyIndent.
void Writer::valueAfter(QByteArray line, const Json &v, int keyIndent)
{
    const QString tag = shortFormTag(v);
    if (!tag.isEmpty()) {
        const JsonMember &m = v.members().first();
        line.append(' ');
        line.append(tag.toUtf8());
        if (tag == QLatin1String("!GetAtt") && m.value.isArray() && m.value.size() == 2 &&
            m.value.at(0).isString() && m.value.at(1).isString() &&
            !m.value.at(0).toString().contains(QLatin1Char('.'))) {
            const QString joined = m.value.at(0).toString() + QLatin1Char('.') + m.value.at(1).toString();
            if (isPlainSafe(joined)) {
                push(line + ' ' + joined.toUtf8());
                return;
            }
        }
        if (m.value.isArray() && !m.value.isEmpty()) {
            push(line);
            sequence(m.value, keyIndent + m_o.indent, QByteArray());
            return;
        }
        if (m.value.isObject() && !m.value.isEmpty()) {
            push(line);
            mapping(m.value, keyIndent + m_o.indent, QByteArray());
            return;
        }
        valueAfter(line, m.value, keyIndent);
        return;
    }
    const QByteArray text = inlineText(v);
    if (!text.isNull()) {
        push(line + ' ' + text);
        return;
    }
    if (v.isString()) {
        literal(line, v.toString(), keyIndent + m_o.indent);
    } else if (v.isObject()) {
        push(line);
        mapping(v, keyIndent + m_o.indent, QByteArray());
    } else {
        push(line);
        sequence(v, keyIndent + (m_o.indentSequences ? m_o.indent : 0), QByteArray());
    }
}

void Writer::mapping(const Json &obj, int indent, const QByteArray &firstLead)
{
    bool first = true;
    for (const JsonMember &m : obj.members()) {
        if (m.value.isUndefined()) continue;
        QByteArray line = first && !firstLead.isNull() ? firstLead : spaces(indent);
        first = false;
        line.append(yamlScalar(m.key));
        line.append(':');
        valueAfter(line, m.value, indent);
    }
    if (first && !firstLead.isNull()) push(firstLead + "{}");
}

void Writer::sequence(const Json &arr, int indent, const QByteArray &firstLead)
{
    bool first = true;
    for (const Json &item : arr.items()) {
        QByteArray lead = first && !firstLead.isNull() ? firstLead : spaces(indent);
        first = false;
        lead.append("- ");
        const bool compound = shortFormTag(item).isEmpty() && inlineText(item).isNull() && !item.isString();
        if (compound && item.isObject()) {
            mapping(item, indent + 2, lead);
        } else if (compound) {
            sequence(item, indent + 2, lead);
        } else {
            lead.chop(1); // valueAfter adds the space
            valueAfter(lead, item.isUndefined() ? Json(nullptr) : item, indent);
        }
    }
}

void Writer::top(const Json &v)
{
    if (v.isObject() && !v.isEmpty() && shortFormTag(v).isEmpty()) {
        mapping(v, 0, QByteArray());
    } else if (v.isArray() && !v.isEmpty()) {
        sequence(v, 0, QByteArray());
    } else {
        // A lone scalar: valueAfter's leading space is dropped.
        Writer w(m_o);
        w.valueAfter(QByteArray(), v, 0);
        m_out = w.m_out.mid(1);
    }
}

} // namespace

bool isPlainSafe(QStringView s)
{
    if (s.isEmpty() || s.front().isSpace() || s.back().isSpace()) return false;
    static const QString indicators = QStringLiteral("-?:,[]{}#&*!|>'\"%@`");
    const QChar c0 = s.front();
    if (indicators.contains(c0)) {
        const bool mayStart = (c0 == QLatin1Char('-') || c0 == QLatin1Char('?') || c0 == QLatin1Char(':')) &&
                              s.size() > 1 && !s.at(1).isSpace();
        if (!mayStart) return false;
    }
    if (s.startsWith(QLatin1String("---")) || s.startsWith(QLatin1String("..."))) return false;
    for (const QChar ch : s) {
        if (ch == QLatin1Char('\t') || needsEscape(ch.unicode())) return false;
    }
    if (s.contains(QLatin1String(": ")) || s.contains(QLatin1String(" #")) || s.endsWith(QLatin1Char(':')))
        return false;
    return !looksNonString(s);
}

QByteArray yamlScalar(const QString &s)
{
    if (isPlainSafe(s)) return s.toUtf8();
    for (const QChar ch : s) {
        if (needsEscape(ch.unicode()) || ch == QLatin1Char('\t')) return doubleQuoted(s);
    }
    return singleQuoted(s);
}

QByteArray writeYaml(const Json &value, const YamlWriteOptions &options)
{
    Writer w(options);
    w.top(value);
    return w.result();
}

YamlWriteOptions detectYamlStyle(const QByteArray &utf8)
{
    YamlWriteOptions o;
    bool indentKnown = false;
    bool sequenceKnown = false;
    const QList<QByteArray> lines = splitLines(utf8);
    auto content = [](const QByteArray &l) {
        const QByteArray t = l.trimmed();
        return !t.isEmpty() && !t.startsWith('#');
    };
    auto indentOf = [](const QByteArray &l) {
        int n = 0;
        while (n < l.size() && l.at(n) == ' ')
            ++n;
        return n;
    };
    for (qsizetype i = 0; i + 1 < lines.size() && !(indentKnown && sequenceKnown); ++i) {
        const QByteArray t = lines.at(i).trimmed();
        if (!content(lines.at(i)) || !t.endsWith(':') || t.startsWith("- ")) continue;
        qsizetype j = i + 1;
        while (j < lines.size() && !content(lines.at(j)))
            ++j;
        if (j >= lines.size()) break;
        const int keyIndent = indentOf(lines.at(i));
        const int childIndent = indentOf(lines.at(j));
        if (lines.at(j).mid(childIndent).startsWith("- ") || lines.at(j).mid(childIndent) == "-") {
            if (!sequenceKnown) {
                o.indentSequences = childIndent > keyIndent;
                sequenceKnown = true;
            }
            if (!indentKnown && childIndent > keyIndent) {
                o.indent = childIndent - keyIndent;
                indentKnown = true;
            }
        } else if (!indentKnown && childIndent > keyIndent) {
            o.indent = childIndent - keyIndent;
            indentKnown = true;
        }
    }
    return o;
}

} // namespace sw::formats
