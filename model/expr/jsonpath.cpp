#include "jsonpath.h"

#include <QRegularExpression>

namespace sw::expr {

struct JsonPath::Data
{
    Root root = Root::Input;
    QString variable;
    QList<PathSegment> segments;
    QString text;
};

namespace {

bool isVariableStart(QChar c)
{
    return c.isLetter() || c == u'_';
}

bool isVariableChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}

QString fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return message;
}

// Reads a quoted bracket name starting at text[pos] (the quote). Like the Jayway version AWS uses,
// a backslash only protects the next character from ending the name: both are kept verbatim.
bool readQuotedName(QStringView text, qsizetype &pos, QString *out, QString *error)
{
    const QChar quote = text[pos];
    qsizetype i = pos + 1;
    QString name;
    while (i < text.size()) {
        const QChar c = text[i];
        if (c == u'\\' && i + 1 < text.size()) {
            name += c;
            name += text[i + 1];
            i += 2;
            continue;
        }
        if (c == quote) {
            *out = name;
            pos = i + 1;
            return true;
        }
        name += c;
        ++i;
    }
    fail(error, QStringLiteral("Property has not been closed - missing closing %1").arg(quote));
    return false;
}

bool parseInteger(QStringView s, qint64 *out)
{
    s = s.trimmed();
    if (s.isEmpty())
        return false;
    qsizetype i = 0;
    if (s[0] == u'-')
        i = 1;
    if (i >= s.size())
        return false;
    for (qsizetype j = i; j < s.size(); ++j) {
        if (!s[j].isDigit())
            return false;
    }
    bool ok = false;
    *out = s.toLongLong(&ok);
    return ok;
}

// Finds the ")]" that closes a filter opened at text[pos] == '(' , skipping quoted strings, regex
// literals and nested brackets. Returns the index of ')' or -1.
qsizetype findFilterEnd(QStringView text, qsizetype pos)
{
    int depth = 0;
    QChar quote;
    for (qsizetype i = pos; i < text.size(); ++i) {
        const QChar c = text[i];
        if (!quote.isNull()) {
            if (c == u'\\')
                ++i;
            else if (c == quote)
                quote = QChar();
            continue;
        }
        if (c == u'\'' || c == u'"') {
            quote = c;
        } else if (c == u'(' || c == u'[' || c == u'{') {
            ++depth;
        } else if (c == u')' || c == u']' || c == u'}') {
            --depth;
            if (depth == 0 && c == u')')
                return i;
            if (depth < 0)
                return -1;
        }
    }
    return -1;
}

bool parseBracket(QStringView text, qsizetype &pos, QList<PathSegment> *segments, QString *error)
{
    // text[pos] == '['
    qsizetype i = pos + 1;
    auto skipSpaces = [&] {
        while (i < text.size() && text[i] == u' ')
            ++i;
    };
    skipSpaces();
    if (i >= text.size()) {
        fail(error, QStringLiteral("Path must not end with a '['"));
        return false;
    }
    const QChar c = text[i];
    PathSegment seg;
    if (c == u'*') {
        ++i;
        skipSpaces();
        if (i >= text.size() || text[i] != u']') {
            fail(error, QStringLiteral("Expected ']' after '[*' at position %1").arg(i));
            return false;
        }
        seg.kind = PathSegment::Kind::Wildcard;
        segments->append(seg);
        pos = i + 1;
        return true;
    }
    if (c == u'?') {
        ++i;
        skipSpaces();
        if (i >= text.size() || text[i] != u'(') {
            fail(error, QStringLiteral("Expected '(' after '[?' at position %1").arg(i));
            return false;
        }
        const qsizetype close = findFilterEnd(text, i);
        if (close < 0) {
            fail(error, QStringLiteral("Filter expression is not closed: expected ')]'"));
            return false;
        }
        qsizetype j = close + 1;
        while (j < text.size() && text[j] == u' ')
            ++j;
        if (j >= text.size() || text[j] != u']') {
            fail(error, QStringLiteral("Expected ']' after the filter expression at position %1").arg(j));
            return false;
        }
        auto filter = parseFilterExpression(text.mid(i + 1, close - i - 1), error);
        if (!filter)
            return false;
        seg.kind = PathSegment::Kind::Filter;
        seg.filter = filter;
        segments->append(seg);
        pos = j + 1;
        return true;
    }
    if (c == u'\'' || c == u'"') {
        QStringList names;
        while (true) {
            skipSpaces();
            if (i >= text.size() || (text[i] != u'\'' && text[i] != u'"')) {
                fail(error, QStringLiteral("Expected a quoted property name at position %1").arg(i));
                return false;
            }
            QString name;
            if (!readQuotedName(text, i, &name, error))
                return false;
            names.append(name);
            skipSpaces();
            if (i < text.size() && text[i] == u',') {
                ++i;
                continue;
            }
            if (i < text.size() && text[i] == u']')
                break;
            fail(error, QStringLiteral("Property must be separated by comma or Property must be terminated close square bracket at index %1").arg(i));
            return false;
        }
        if (names.size() == 1) {
            seg.kind = PathSegment::Kind::Name;
            seg.name = names.front();
        } else {
            seg.kind = PathSegment::Kind::Names;
            seg.names = names;
        }
        segments->append(seg);
        pos = i + 1;
        return true;
    }
    if (c == u'(') {
        // The script form [(@.length-n)] (the n-th item from the end), which some ASL tools accept.
        static const QRegularExpression lengthMinus(QStringLiteral("^\\(\\s*@\\.length\\s*-\\s*(\\d+)\\s*\\)\\s*\\]"));
        const auto m = lengthMinus.match(text.mid(i));
        if (!m.hasMatch() || m.capturedView(1).toLongLong() < 1) {
            fail(error, QStringLiteral("Script expressions are not supported (only [(@.length-n)]) at position %1").arg(i));
            return false;
        }
        seg.kind = PathSegment::Kind::Index;
        seg.index = -m.capturedView(1).toLongLong();
        segments->append(seg);
        pos = i + m.capturedLength(0);
        return true;
    }
    if (c.isDigit() || c == u'-' || c == u':') {
        const qsizetype close = text.indexOf(u']', i);
        if (close < 0) {
            fail(error, QStringLiteral("Array index is not closed: expected ']'"));
            return false;
        }
        const QStringView body = text.mid(i, close - i).trimmed();
        if (body.contains(u':')) {
            const auto parts = body.split(u':');
            if (parts.size() > 3) {
                fail(error, QStringLiteral("Failed to parse SliceOperation: %1").arg(body));
                return false;
            }
            seg.kind = PathSegment::Kind::Slice;
            for (int k = 0; k < 2 && k < parts.size(); ++k) {
                if (parts[k].trimmed().isEmpty())
                    continue;
                qint64 v = 0;
                if (!parseInteger(parts[k], &v)) {
                    fail(error, QStringLiteral("Failed to parse SliceOperation: %1").arg(body));
                    return false;
                }
                (k == 0 ? seg.sliceStart : seg.sliceEnd) = v;
            }
            if (parts.size() == 3 && !parts[2].trimmed().isEmpty()) {
                qint64 ignored = 0;
                if (!parseInteger(parts[2], &ignored)) {
                    fail(error, QStringLiteral("Failed to parse SliceOperation: %1").arg(body));
                    return false;
                }
            }
        } else {
            const auto parts = body.split(u',');
            QList<qint64> values;
            for (const auto &p : parts) {
                qint64 v = 0;
                if (!parseInteger(p, &v)) {
                    fail(error, QStringLiteral("Failed to parse ArrayIndexOperation: %1").arg(body));
                    return false;
                }
                values.append(v);
            }
            if (values.size() == 1) {
                seg.kind = PathSegment::Kind::Index;
                seg.index = values.front();
            } else {
                seg.kind = PathSegment::Kind::Indexes;
                seg.indexes = values;
            }
        }
        segments->append(seg);
        pos = close + 1;
        return true;
    }
    fail(error, QStringLiteral("Could not parse token starting at position %1").arg(pos));
    return false;
}

bool parseDotName(QStringView text, qsizetype &pos, QList<PathSegment> *segments, QString *error)
{
    qsizetype i = pos;
    while (i < text.size() && text[i] != u'.' && text[i] != u'[') {
        if (text[i] == u' ') {
            fail(error, QStringLiteral("Use bracket notion ['my prop'] if your property contains blank characters. position: %1").arg(i));
            return false;
        }
        if (text[i] == u'(') {
            fail(error, QStringLiteral("JSONPath functions are not supported: '%1'").arg(text.mid(pos).toString()));
            return false;
        }
        ++i;
    }
    if (i == pos) {
        fail(error, QStringLiteral("Path must not end with a '.' or '..'"));
        return false;
    }
    PathSegment seg;
    seg.kind = PathSegment::Kind::Name;
    seg.name = text.mid(pos, i - pos).toString();
    segments->append(seg);
    pos = i;
    return true;
}

QString quoteName(const QString &name)
{
    return QLatin1Char('\'') + name + QLatin1Char('\'');
}

QString renderSegment(const PathSegment &s)
{
    switch (s.kind) {
    case PathSegment::Kind::Name:
        return QLatin1Char('[') + quoteName(s.name) + QLatin1Char(']');
    case PathSegment::Kind::Names: {
        QStringList quoted;
        for (const auto &n : s.names)
            quoted.append(quoteName(n));
        return QLatin1Char('[') + quoted.join(QLatin1Char(',')) + QLatin1Char(']');
    }
    case PathSegment::Kind::Index:
        return QStringLiteral("[%1]").arg(s.index);
    case PathSegment::Kind::Indexes: {
        QStringList parts;
        for (qint64 i : s.indexes)
            parts.append(QString::number(i));
        return QLatin1Char('[') + parts.join(QLatin1Char(',')) + QLatin1Char(']');
    }
    case PathSegment::Kind::Wildcard:
        return QStringLiteral("[*]");
    case PathSegment::Kind::Slice:
        return QStringLiteral("[%1:%2]")
            .arg(s.sliceStart ? QString::number(*s.sliceStart) : QString(),
                 s.sliceEnd ? QString::number(*s.sliceEnd) : QString());
    case PathSegment::Kind::Filter:
        return QStringLiteral("[?]");
    case PathSegment::Kind::Descendant:
        return QStringLiteral("..");
    }
    return {};
}

} // namespace

std::optional<JsonPath> JsonPath::parse(QStringView text, QString *error, bool allowCurrent)
{
    text = text.trimmed();
    auto data = std::make_shared<Data>();
    data->text = text.toString();
    if (text.isEmpty()) {
        fail(error, QStringLiteral("The path is empty"));
        return std::nullopt;
    }
    qsizetype pos = 0;
    if (text.startsWith(u"$$")) {
        data->root = Root::Context;
        pos = 2;
    } else if (text[0] == u'$') {
        pos = 1;
        if (pos < text.size() && isVariableStart(text[pos])) {
            qsizetype end = pos;
            while (end < text.size() && isVariableChar(text[end]))
                ++end;
            data->root = Root::Variable;
            data->variable = text.mid(pos, end - pos).toString();
            pos = end;
        }
    } else if (text[0] == u'@' && allowCurrent) {
        data->root = Root::Current;
        pos = 1;
    } else {
        fail(error, QStringLiteral("A path must begin with '$'"));
        return std::nullopt;
    }

    while (pos < text.size()) {
        const QChar c = text[pos];
        if (c == u'.') {
            if (pos + 1 < text.size() && text[pos + 1] == u'.') {
                pos += 2;
                PathSegment desc;
                desc.kind = PathSegment::Kind::Descendant;
                data->segments.append(desc);
                if (pos >= text.size()) {
                    fail(error, QStringLiteral("Path must not end with a '.' or '..'"));
                    return std::nullopt;
                }
                if (text[pos] == u'[') {
                    if (!parseBracket(text, pos, &data->segments, error))
                        return std::nullopt;
                } else if (text[pos] == u'*') {
                    PathSegment w;
                    w.kind = PathSegment::Kind::Wildcard;
                    data->segments.append(w);
                    ++pos;
                } else if (!parseDotName(text, pos, &data->segments, error)) {
                    return std::nullopt;
                }
                continue;
            }
            ++pos;
            // Jayway accepts a bracket right after a dot: $.['a'], $.[0].
            if (pos < text.size() && text[pos] == u'[') {
                if (!parseBracket(text, pos, &data->segments, error))
                    return std::nullopt;
                continue;
            }
            if (pos < text.size() && text[pos] == u'*') {
                PathSegment w;
                w.kind = PathSegment::Kind::Wildcard;
                data->segments.append(w);
                ++pos;
                continue;
            }
            if (!parseDotName(text, pos, &data->segments, error))
                return std::nullopt;
        } else if (c == u'[') {
            if (!parseBracket(text, pos, &data->segments, error))
                return std::nullopt;
        } else {
            fail(error, QStringLiteral("Illegal character '%1' at position %2 in path '%3'").arg(c).arg(pos).arg(text));
            return std::nullopt;
        }
    }
    JsonPath p;
    p.d = std::move(data);
    return p;
}

JsonPath::Root JsonPath::root() const
{
    return d->root;
}

const QString &JsonPath::variableName() const
{
    return d->variable;
}

const QList<PathSegment> &JsonPath::segments() const
{
    return d->segments;
}

const QString &JsonPath::text() const
{
    return d->text;
}

bool JsonPath::isDefinite() const
{
    const auto &segs = d->segments;
    for (qsizetype i = 0; i < segs.size(); ++i) {
        const auto k = segs[i].kind;
        if (k == PathSegment::Kind::Name || k == PathSegment::Kind::Index)
            continue;
        // Jayway merges a multi-name leaf into one object: still one value.
        if (k == PathSegment::Kind::Names && i + 1 == segs.size())
            continue;
        return false;
    }
    return true;
}

bool JsonPath::isReferencePath() const
{
    if (d->root == Root::Current)
        return false;
    for (const auto &s : d->segments) {
        if (s.kind != PathSegment::Kind::Name && s.kind != PathSegment::Kind::Index)
            return false;
    }
    return true;
}

QString JsonPath::normalized() const
{
    return normalizedPrefix(d->segments.size());
}

QString JsonPath::normalizedPrefix(qsizetype count) const
{
    QString out = d->root == Root::Current ? QStringLiteral("@") : QStringLiteral("$");
    for (qsizetype i = 0; i < count && i < d->segments.size(); ++i)
        out += renderSegment(d->segments[i]);
    return out;
}

} // namespace sw::expr
