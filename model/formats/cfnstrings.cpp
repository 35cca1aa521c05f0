#include "cfnstrings.h"

#include "json/jsonwriter.h"

namespace sw::formats {

namespace {

// A Fn::Join part as text, or empty with `ok` false.
QString partText(const Json &p, DefinitionText *d, bool *ok)
{
    *ok = true;
    if (p.isString()) return p.toString();
    if (p.isObject() && p.size() == 1) {
        const JsonMember &m = p.members().first();
        QString name;
        QString source;
        if (m.key == QLatin1String("Ref") && m.value.isString()) {
            name = m.value.toString();
            source = QStringLiteral("!Ref %1").arg(name);
        } else if (m.key == QLatin1String("Fn::GetAtt") && m.value.isArray() && m.value.size() == 2) {
            name = m.value.at(0).toString() + QLatin1Char('.') + m.value.at(1).toString();
            source = QStringLiteral("!GetAtt %1").arg(name);
        } else if (m.key == QLatin1String("Fn::GetAtt") && m.value.isString()) {
            name = m.value.toString();
            source = QStringLiteral("!GetAtt %1").arg(name);
        } else if (m.key == QLatin1String("Fn::Join") && m.value.isArray() && m.value.size() == 2 &&
                   m.value.at(0).isString() && m.value.at(1).isArray()) {
            // A nested join (typically "" around an intrinsic on one line of a "\n" join).
            QStringList inner;
            for (const Json &q : m.value.at(1).items()) {
                inner.append(partText(q, d, ok));
                if (!*ok) return {};
            }
            return inner.join(m.value.at(0).toString());
        } else if (m.key == QLatin1String("Fn::Sub") && m.value.isString()) {
            // Only an unparameterised Fn::Sub reads back as text; its placeholders stay visible.
            d->readOnlyReason =
                QStringLiteral("a Fn::Join part uses Fn::Sub, which Stepwise cannot split back");
            return m.value.toString();
        }
        if (!name.isEmpty()) {
            const QString text = QStringLiteral("${%1}").arg(name);
            d->sources.insert(name, source);
            d->joinParts.insert(text, p);
            return text;
        }
    }
    *ok = false;
    return {};
}

} // namespace

DefinitionText definitionText(const CfnTemplate &t, int index)
{
    DefinitionText d;
    const CfnTemplate::Machine &m = t.machines().at(index);
    const JsonMember *member = t.properties(index).member(m.property);
    const Json &v = member->value;
    d.scalarPos = member->valuePos;
    if (m.form == CfnTemplate::Form::String) {
        d.text = v.toString();
    } else if (m.form == CfnTemplate::Form::Sub) {
        const JsonMember &sub = v.members().first();
        if (sub.value.isString()) {
            d.text = sub.value.toString();
            d.scalarPos = sub.valuePos;
        } else if (sub.value.isArray() && sub.value.size() == 2 && sub.value.at(0).isString() &&
                   sub.value.at(1).isObject()) {
            d.text = sub.value.at(0).toString();
            d.scalarPos = sub.value.itemPos(0);
            for (const JsonMember &var : sub.value.at(1).members()) {
                if (var.value.isObject()) {
                    d.sources.insert(
                        var.key, QStringLiteral("Fn::Sub variable (%1, resolved by CloudFormation)")
                                     .arg(var.value.isEmpty() ? QString() : var.value.members().first().key));
                } else {
                    d.sources.insert(var.key, QStringLiteral("Fn::Sub variable"));
                    d.values.insert(var.key, var.value);
                }
            }
        } else {
            d.error = QStringLiteral("Fn::Sub needs a string or [string, {variables}]");
            return d;
        }
    } else if (m.form == CfnTemplate::Form::Join) {
        const Json &args = v.members().first().value;
        if (!args.isArray() || args.size() != 2 || !args.at(0).isString() || !args.at(1).isArray()) {
            d.error = QStringLiteral("Fn::Join needs [delimiter, [parts...]]");
            return d;
        }
        d.delimiter = args.at(0).toString();
        QStringList parts;
        for (const Json &p : args.at(1).items()) {
            bool ok = false;
            const QString text = partText(p, &d, &ok);
            if (!ok) {
                d.error = QStringLiteral("a Fn::Join part is %1, which Stepwise cannot evaluate")
                              .arg(QString::fromUtf8(JsonWriter::compact(p)).left(60));
                return d;
            }
            parts.append(text);
        }
        d.text = parts.join(d.delimiter);
    }
    if (t.syntax() == CfnTemplate::Syntax::Yaml && m.form != CfnTemplate::Form::Join)
        d.block = locateYamlScalar(TextIndex(t.text()), d.scalarPos);
    return d;
}

Json joinPartsFor(const QString &text, const QString &delimiter, const QHash<QString, Json> &parts)
{
    QStringList pieces;
    if (delimiter.isEmpty()) {
        qsizetype start = 0;
        while (start < text.size()) {
            qsizetype nl = text.indexOf(QLatin1Char('\n'), start);
            nl = nl < 0 ? text.size() : nl + 1;
            pieces.append(text.mid(start, nl - start));
            start = nl;
        }
    } else {
        pieces = text.split(delimiter);
    }
    Json out = Json::array();
    for (const QString &piece : pieces) {
        // Split the piece at the placeholders that stood for intrinsic parts.
        QList<Json> segments;
        qsizetype last = 0;
        qsizetype i = 0;
        while ((i = piece.indexOf(QLatin1String("${"), i)) >= 0) {
            const qsizetype close = piece.indexOf(QLatin1Char('}'), i);
            if (close < 0) break;
            const QString token = piece.mid(i, close - i + 1);
            if (parts.contains(token)) {
                if (i > last) segments.append(Json(piece.mid(last, i - last)));
                segments.append(parts.value(token));
                last = close + 1;
            }
            i = close + 1;
        }
        if (last < piece.size() || segments.isEmpty()) segments.append(Json(piece.mid(last)));
        if (delimiter.isEmpty() || segments.size() == 1) {
            for (const Json &s : segments)
                out.append(s);
        } else {
            Json inner = Json::object();
            inner.insert(QStringLiteral("Fn::Join"), Json::array({Json(QString()), Json::array(segments)}));
            out.append(inner);
        }
    }
    return out;
}

} // namespace sw::formats
