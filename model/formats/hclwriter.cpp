#include "hcl.h"

#include "json/jsonwriter.h"

#include <QSet>

namespace sw::formats {

namespace {

class Converter
{
public:
    Converter(const TextIndex &index, HclJson *out) : m_index(index), m_out(out) {}

    Json convert(const HclNode &node, const QString &pointer)
    {
        switch (node.kind) {
        case HclNode::Kind::Null:
        case HclNode::Kind::Bool:
        case HclNode::Kind::Number:
            return node.literal;
        case HclNode::Kind::String:
        case HclNode::Kind::Heredoc:
            if (node.templateDirectives) dynamic(pointer, QStringLiteral("a %{ } template directive"));
            if (node.templateEscapes) dynamic(pointer, QStringLiteral("a $${ or %%{ escape"));
            return node.literal;
        case HclNode::Kind::Object: {
            Json o = Json::object();
            for (qsizetype i = 0; i + 1 < node.children.size(); i += 2) {
                const HclNode &k = node.children.at(i);
                QString key;
                if (k.kind == HclNode::Kind::Reference && !k.name.contains(QLatin1Char('.')) &&
                    !k.name.contains(QLatin1Char('[')))
                    key = k.name;
                else if (k.kind == HclNode::Kind::String &&
                         !k.literal.toString().contains(QLatin1String("${")) && !k.templateEscapes)
                    key = k.literal.toString();
                else if (k.kind == HclNode::Kind::Bool || k.kind == HclNode::Kind::Null ||
                         k.kind == HclNode::Kind::Number)
                    key = source(k);
                else {
                    if (m_out->error.isEmpty())
                        m_out->error = QStringLiteral("the object key %1 at %2 is computed")
                                           .arg(source(k), pointer.isEmpty() ? QStringLiteral("/") : pointer);
                    key = source(k);
                }
                const HclNode &v = node.children.at(i + 1);
                o.appendMember(key, convert(v, jsonpointer::append(pointer, key)), m_index.position(k.start),
                               m_index.position(v.start));
            }
            return o;
        }
        case HclNode::Kind::Tuple: {
            Json a = Json::array();
            for (qsizetype i = 0; i < node.children.size(); ++i)
                a.appendWithPos(convert(node.children.at(i), jsonpointer::append(pointer, i)),
                                m_index.position(node.children.at(i).start));
            return a;
        }
        case HclNode::Kind::Reference:
            m_out->expressions.insert(pointer, node.name);
            return Json(QStringLiteral("${%1}").arg(node.name));
        case HclNode::Kind::Call:
        case HclNode::Kind::Other: {
            const QString text = source(node);
            m_out->expressions.insert(pointer, text);
            dynamic(pointer, QStringLiteral("the expression %1").arg(text.simplified()));
            return Json(QStringLiteral("${%1}").arg(text));
        }
        }
        return {};
    }

private:
    QString source(const HclNode &n) const
    {
        return QString::fromUtf8(m_index.text().mid(n.start, n.end - n.start));
    }
    void dynamic(const QString &pointer, const QString &what)
    {
        if (m_out->dynamicPart.isEmpty())
            m_out->dynamicPart =
                QStringLiteral("%1 at %2").arg(what, pointer.isEmpty() ? QStringLiteral("/") : pointer);
    }
    const TextIndex &m_index;
    HclJson *m_out;
};

// var.x, local.y, aws_lambda_function.f.arn: dotted identifiers, at least two parts.
bool isReference(const QString &s)
{
    const QStringList parts = s.split(QLatin1Char('.'));
    if (parts.size() < 2) return false;
    for (const QString &p : parts) {
        if (!isHclIdentifier(p)) return false;
    }
    return true;
}

class Writer
{
public:
    explicit Writer(const QHash<QString, QString> &expressions) : m_expr(expressions) {}

    // The text of `v`; lines after the first are indented for nesting level `indent`.
    QByteArray render(const Json &v, const QString &pointer, int indent) const
    {
        switch (v.type()) {
        case Json::Type::String: {
            const auto it = m_expr.constFind(pointer);
            if (it != m_expr.constEnd() && v.toString() == QStringLiteral("${%1}").arg(*it))
                return it->toUtf8();
            // "${var.x}" alone is the reference itself: write it the way `terraform fmt` wants it.
            const QString s = v.toString();
            if (s.startsWith(QLatin1String("${")) && s.endsWith(QLatin1Char('}')) &&
                isReference(s.mid(2, s.size() - 3)))
                return s.mid(2, s.size() - 3).toUtf8();
            return hclString(s, true);
        }
        case Json::Type::Array: {
            if (v.isEmpty()) return "[]";
            bool flat = true;
            for (const Json &item : v.items())
                flat = flat && !item.isArray() && !item.isObject();
            if (flat) {
                QByteArray line("[");
                for (qsizetype i = 0; i < v.size(); ++i) {
                    if (i) line.append(", ");
                    line.append(render(v.at(i), jsonpointer::append(pointer, i), indent));
                }
                if (line.size() <= 100 && !line.contains('\n')) return line + ']';
            }
            QByteArray out("[\n");
            for (qsizetype i = 0; i < v.size(); ++i)
                out += QByteArray(indent + 2, ' ') +
                       render(v.at(i), jsonpointer::append(pointer, i), indent + 2) + ",\n";
            return out + QByteArray(indent, ' ') + ']';
        }
        case Json::Type::Object: {
            if (v.isEmpty()) return "{}";
            struct Line
            {
                QByteArray key;
                QByteArray value;
            };
            QList<Line> lines;
            for (const JsonMember &m : v.members()) {
                if (m.value.isUndefined()) continue;
                lines.append({isHclIdentifier(m.key) ? m.key.toUtf8() : hclString(m.key, false),
                              render(m.value, jsonpointer::append(pointer, m.key), indent + 2)});
            }
            // `terraform fmt` aligns the '=' of consecutive one-line members.
            QByteArray out("{\n");
            for (qsizetype i = 0; i < lines.size();) {
                qsizetype j = i;
                int width = 0;
                while (j < lines.size() && !lines.at(j).value.contains('\n')) {
                    width = std::max(width, int(lines.at(j).key.size()));
                    ++j;
                }
                if (j == i) {
                    out += QByteArray(indent + 2, ' ') + lines.at(i).key + " = " + lines.at(i).value + '\n';
                    ++i;
                    continue;
                }
                for (; i < j; ++i) {
                    out += QByteArray(indent + 2, ' ') + lines.at(i).key +
                           QByteArray(width - lines.at(i).key.size(), ' ') + " = " + lines.at(i).value + '\n';
                }
            }
            return out + QByteArray(indent, ' ') + '}';
        }
        case Json::Type::Number:
            if (!v.spelling().isEmpty()) return v.spelling().toLatin1();
            return v.isIntegerStorage() ? QByteArray::number(v.toInteger())
                                        : JsonWriter::formatDouble(v.toDouble());
        default:
            return JsonWriter::compact(v.isUndefined() ? Json(nullptr) : v);
        }
    }

private:
    const QHash<QString, QString> &m_expr;
};

} // namespace

HclJson hclToJson(const HclNode &node, const TextIndex &index)
{
    HclJson out;
    Converter c(index, &out);
    out.value = c.convert(node, QString());
    return out;
}

QByteArray writeHcl(const Json &value, int indent, const QHash<QString, QString> &expressions)
{
    return Writer(expressions).render(value, QString(), indent);
}

QByteArray hclString(const QString &s, bool templates)
{
    QByteArray out("\"");
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar ch = s.at(i);
        const char16_t c = ch.unicode();
        const bool opensSequence = i + 1 < s.size() && s.at(i + 1) == QLatin1Char('{');
        if (c == '"')
            out.append("\\\"");
        else if (c == '\\')
            out.append("\\\\");
        else if (c == '\n')
            out.append("\\n");
        else if (c == '\r')
            out.append("\\r");
        else if (c == '\t')
            out.append("\\t");
        else if (c < 0x20)
            out.append(QStringLiteral("\\u%1").arg(int(c), 4, 16, QLatin1Char('0')).toLatin1());
        else if (c == '%' && opensSequence)
            out.append("%%");
        else if (c == '$' && opensSequence && !templates)
            out.append("$$");
        else
            out.append(QString(ch).toUtf8());
        if (ch.isHighSurrogate() && i + 1 < s.size()) {
            out.chop(QString(ch).toUtf8().size());
            out.append(QString(s.mid(i, 2)).toUtf8());
            ++i;
        }
    }
    out.append('"');
    return out;
}

bool isHclIdentifier(QStringView s)
{
    static const QSet<QString> reserved = {
        QStringLiteral("true"), QStringLiteral("false"), QStringLiteral("null"),   QStringLiteral("for"),
        QStringLiteral("in"),   QStringLiteral("if"),    QStringLiteral("endfor"), QStringLiteral("endif")};
    if (s.isEmpty() || reserved.contains(s.toString())) return false;
    const QChar c0 = s.front();
    if (!(c0.isLetter() && c0.unicode() < 0x80) && c0 != QLatin1Char('_')) return false;
    for (const QChar c : s) {
        if (!((c.isLetterOrNumber() && c.unicode() < 0x80) || c == QLatin1Char('_') || c == QLatin1Char('-')))
            return false;
    }
    return true;
}

} // namespace sw::formats
