#include "placeholders.h"

#include "json/jsonreader.h"
#include "json/jsonwriter.h"

namespace sw::formats {

namespace {

struct Occurrence
{
    qsizetype start = 0;
    qsizetype length = 0; // of the whole ${...}
    QString name;
    bool literal = false; // ${!Name} under Fn::Sub
};

QList<Occurrence> scan(const QString &s, PlaceholderSyntax syntax)
{
    QList<Occurrence> out;
    qsizetype i = 0;
    while ((i = s.indexOf(QLatin1String("${"), i)) >= 0) {
        const qsizetype close = s.indexOf(QLatin1Char('}'), i + 2);
        if (close < 0) break;
        Occurrence o;
        o.start = i;
        o.length = close - i + 1;
        o.name = s.mid(i + 2, close - i - 2).trimmed();
        if (syntax == PlaceholderSyntax::FnSub && o.name.startsWith(QLatin1Char('!'))) {
            o.literal = true;
            o.name = o.name.mid(1);
        }
        if (!o.name.isEmpty() && !o.name.contains(QLatin1Char('{'))) out.append(o);
        i = close + 1;
    }
    return out;
}

void collect(const Json &v, const QString &pointer, PlaceholderSyntax syntax, const QSet<QString> &raw,
             QList<Placeholder> *out, QHash<QString, qsizetype> *index)
{
    auto note = [&](const QString &s) {
        for (const Occurrence &o : scan(s, syntax)) {
            if (o.literal) continue;
            qsizetype at = index->value(o.name, -1);
            if (at < 0) {
                at = out->size();
                index->insert(o.name, at);
                Placeholder p;
                p.name = o.name;
                p.raw = raw.contains(o.name);
                out->append(p);
            }
            if (!(*out)[at].pointers.contains(pointer)) (*out)[at].pointers.append(pointer);
        }
    };
    if (v.isString()) {
        note(v.toString());
    } else if (v.isArray()) {
        for (qsizetype i = 0; i < v.size(); ++i)
            collect(v.at(i), jsonpointer::append(pointer, i), syntax, raw, out, index);
    } else if (v.isObject()) {
        for (const JsonMember &m : v.members()) {
            note(m.key);
            collect(m.value, jsonpointer::append(pointer, m.key), syntax, raw, out, index);
        }
    }
}

QString asText(const Json &v)
{
    return v.isString() ? v.toString() : JsonWriter::compactString(v);
}

QString substitute(const QString &s, const QHash<QString, Json> &values, PlaceholderSyntax syntax,
                   Resolution *r)
{
    const QList<Occurrence> occ = scan(s, syntax);
    if (occ.isEmpty()) return s;
    QString out;
    qsizetype last = 0;
    for (const Occurrence &o : occ) {
        out += s.mid(last, o.start - last);
        last = o.start + o.length;
        if (o.literal) {
            out += QLatin1String("${") + o.name + QLatin1Char('}');
            continue;
        }
        const auto it = values.constFind(o.name);
        if (it == values.constEnd() || it->isUndefined()) {
            if (!r->unresolved.contains(o.name)) r->unresolved.append(o.name);
            out += s.mid(o.start, o.length);
            continue;
        }
        out += asText(*it);
    }
    out += s.mid(last);
    return out;
}

Json resolve(const Json &v, const QHash<QString, Json> &values, PlaceholderSyntax syntax,
             const QSet<QString> &raw, Resolution *r)
{
    if (v.isString()) {
        const QString s = v.toString();
        const QList<Occurrence> occ = scan(s, syntax);
        if (occ.size() == 1 && occ.first().start == 0 && occ.first().length == s.size() &&
            raw.contains(occ.first().name)) {
            const auto it = values.constFind(occ.first().name);
            if (it == values.constEnd() || it->isUndefined()) {
                if (!r->unresolved.contains(occ.first().name)) r->unresolved.append(occ.first().name);
                return v;
            }
            if (!it->isString()) return *it;
            const JsonReader::Result parsed = JsonReader::parse(it->toString().toUtf8());
            if (!parsed.ok) {
                r->errors.append(QStringLiteral("${%1} stands for a JSON value, but '%2' is not JSON: %3")
                                     .arg(occ.first().name, it->toString(), parsed.error));
                return v;
            }
            return parsed.value;
        }
        return occ.isEmpty() ? v : Json(substitute(s, values, syntax, r));
    }
    if (v.isArray()) {
        Json out = Json::array();
        for (qsizetype i = 0; i < v.size(); ++i)
            out.appendWithPos(resolve(v.at(i), values, syntax, raw, r), v.itemPos(i));
        return out;
    }
    if (v.isObject()) {
        Json out = Json::object();
        for (const JsonMember &m : v.members())
            out.appendMember(substitute(m.key, values, syntax, r), resolve(m.value, values, syntax, raw, r),
                             m.keyPos, m.valuePos);
        return out;
    }
    return v;
}

} // namespace

QList<Placeholder> findPlaceholders(const Json &definition, PlaceholderSyntax syntax,
                                    const QSet<QString> &rawNames)
{
    QList<Placeholder> out;
    QHash<QString, qsizetype> index;
    collect(definition, QString(), syntax, rawNames, &out, &index);
    return out;
}

Resolution resolvePlaceholders(const Json &definition, const QHash<QString, Json> &values,
                               PlaceholderSyntax syntax, const QSet<QString> &rawNames)
{
    Resolution r;
    r.definition = resolve(definition, values, syntax, rawNames, &r);
    return r;
}

QHash<QString, Json> placeholderValues(const QList<Placeholder> &placeholders,
                                       const QHash<QString, Json> &overrides)
{
    QHash<QString, Json> values;
    for (const Placeholder &p : placeholders) {
        if (p.value.isDefined()) values.insert(p.name, p.value);
    }
    for (auto it = overrides.cbegin(); it != overrides.cend(); ++it)
        values.insert(it.key(), *it);
    return values;
}

ProtectedText protectRawPlaceholders(const QByteArray &text)
{
    ProtectedText p;
    p.json.reserve(text.size() + 16);
    bool inString = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        if (inString) {
            p.json.append(c);
            if (c == '\\' && i + 1 < text.size())
                p.json.append(text.at(++i));
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
            p.json.append(c);
            continue;
        }
        if (c == '$' && i + 1 < text.size() && text.at(i + 1) == '{') {
            const qsizetype close = text.indexOf('}', i + 2);
            const qsizetype nl = text.indexOf('\n', i + 2);
            if (close > 0 && (nl < 0 || close < nl)) {
                const QByteArray token = text.mid(i, close - i + 1);
                p.rawNames.insert(QString::fromUtf8(token.mid(2, token.size() - 3)).trimmed());
                p.json.append('"');
                p.json.append(token);
                p.json.append('"');
                i = close;
                continue;
            }
        }
        p.json.append(c);
    }
    return p;
}

QByteArray unprotectRawPlaceholders(const QByteArray &json, const QSet<QString> &rawNames)
{
    QByteArray out = json;
    for (const QString &name : rawNames) {
        const QByteArray token = "\"${" + name.toUtf8() + "}\"";
        qsizetype i = 0;
        while ((i = out.indexOf(token, i)) >= 0) {
            // A quoted token inside a longer string would be escaped (\"): leave that alone.
            if (i > 0 && out.at(i - 1) == '\\') {
                i += token.size();
                continue;
            }
            out.replace(i, token.size(), token.mid(1, token.size() - 2));
            i += token.size() - 2;
        }
    }
    return out;
}

} // namespace sw::formats
