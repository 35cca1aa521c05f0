#include "cfnstrings.h"
#include "cfntemplate.h"
#include "splice.h"
#include "json/jsonreader.h"
#include "json/jsonwriter.h"

#include <QRegularExpression>

namespace sw::formats {

namespace {

bool usesShortForms(const QByteArray &text)
{
    static const QRegularExpression re(
        QStringLiteral("(^|[\\s:\\-\\[,])!(Ref|Sub|GetAtt|Join|If|Select|Split|Base64|FindInMap|ImportValue|"
                       "GetAZs|Equals|And|Or|Not|Cidr)\\b"));
    return re.match(QString::fromUtf8(text)).hasMatch();
}

// The DefinitionString value with its JSON text replaced, keeping Fn::Sub and its variables.
Json withText(const Json &value, const QString &text)
{
    if (value.isString()) return Json(text);
    Json sub = value.value(u"Fn::Sub");
    if (sub.isArray())
        sub.replaceItem(0, Json(text));
    else
        sub = Json(text);
    Json out = value;
    out.insert(QStringLiteral("Fn::Sub"), sub);
    return out;
}

Json withoutProperty(const Json &tree, const QString &logicalId, const QString &property)
{
    Json t = tree;
    Json *resources = t.mutableValue(u"Resources");
    Json *resource = resources ? resources->mutableValue(logicalId) : nullptr;
    Json *props = resource ? resource->mutableValue(u"Properties") : nullptr;
    if (props) props->remove(property);
    return t;
}

} // namespace

bool CfnTemplate::verify(int index, const QByteArray &text, const Json &edited, QString *why) const
{
    const CfnTemplate t = parse(text);
    if (!t.ok()) {
        *why = QStringLiteral("the result does not read back (%1 at line %2)")
                   .arg(t.error())
                   .arg(t.errorPos().line);
        return false;
    }
    if (t.machines().size() != m_machines.size() ||
        t.machines().at(index).logicalId != m_machines.at(index).logicalId) {
        *why = QStringLiteral("the result declares different state machines");
        return false;
    }
    const Definition d = t.definition(index);
    if (!d.ok || !sameDocument(d.root, edited)) {
        *why = d.ok ? QStringLiteral("the definition reads back differently") : d.error;
        return false;
    }
    const Machine &m = m_machines.at(index);
    if (!sameDocument(withoutProperty(m_tree, m.logicalId, m.property),
                      withoutProperty(t.tree(), m.logicalId, m.property))) {
        *why = QStringLiteral("the rest of the template would change");
        return false;
    }
    return true;
}

CfnTemplate::Saved CfnTemplate::save(int index, const Json &edited) const
{
    Saved s;
    const Definition current = definition(index);
    if (!current.ok) {
        s.error = current.error;
        return s;
    }
    if (!current.readOnlyReason.isEmpty()) {
        s.error = QStringLiteral("%1 cannot be saved: %2")
                      .arg(m_machines.at(index).logicalId, current.readOnlyReason);
        return s;
    }
    if (sameDocument(current.root, edited)) {
        s.ok = true;
        s.text = m_text;
        return s;
    }
    const Machine &m = m_machines.at(index);
    const JsonMember *member = properties(index).member(m.property);
    const TextIndex index_(m_text);
    YamlWriteOptions style = detectYamlStyle(m_text);
    style.cloudFormationShortForms = usesShortForms(m_text);
    QList<int> lost;
    QString error;
    QByteArray out;
    QString why;

    // Tries a line-merged rewrite of the property first, then a plain rewrite of its lines.
    auto rewriteYamlMember = [&](const Json &newValue) {
        out = spliceYamlMember(m_text, member->keyPos, m.property, member->value, newValue, style, &lost,
                               &error);
        if (!out.isEmpty() && verify(index, out, edited, &why)) return;
        lost.clear();
        const QByteArray plain = spliceYamlMember(m_text, member->keyPos, m.property, member->value, newValue,
                                                  style, nullptr, &error, false);
        if (!plain.isEmpty()) {
            out = plain;
            s.warnings.append(
                QStringLiteral("%1 of %2 was rewritten in full: comments inside it were not kept")
                    .arg(m.property, m.logicalId));
        }
    };

    if (m.form == Form::Inline) {
        const LiftedIntrinsics lifted = liftIntrinsics(member->value);
        const Json lowered = lowerIntrinsics(edited, lifted.view, lifted);
        if (m_syntax == Syntax::Yaml) {
            rewriteYamlMember(lowered);
        } else {
            const qsizetype start = index_.offset(member->valuePos);
            out = spliceJsonValue(m_text, start, jsonValueEnd(m_text, start), member->value, lowered);
        }
    } else {
        const DefinitionText src = definitionText(*this, index);
        const ProtectedText protectedText = protectRawPlaceholders(src.text.toUtf8());
        const Json original = JsonReader::parse(protectedText.json).value;
        const QString newText =
            QString::fromUtf8(mergeJsonText(src.text.toUtf8(), original, edited, protectedText.rawNames));
        if (m.form == Form::Join) {
            Json join = Json::object();
            join.insert(
                QStringLiteral("Fn::Join"),
                Json::array({Json(src.delimiter), joinPartsFor(newText, src.delimiter, src.joinParts)}));
            if (m_syntax == Syntax::Yaml) {
                rewriteYamlMember(join);
            } else {
                const qsizetype start = index_.offset(member->valuePos);
                out = spliceJsonValue(m_text, start, jsonValueEnd(m_text, start), member->value, join);
            }
        } else if (m_syntax == Syntax::Json) {
            const qsizetype start = index_.offset(src.scalarPos);
            QByteArray quoted;
            JsonWriter::appendQuoted(quoted, newText);
            out = replaceSpan(m_text, start, jsonValueEnd(m_text, start), quoted);
        } else if ((src.block.kind == YamlScalarSpan::Kind::Literal ||
                    src.block.kind == YamlScalarSpan::Kind::Folded) &&
                   src.block.firstContentLine > 0) {
            // The JSON sits in a block scalar: replace its content lines; unchanged JSON lines come
            // back byte for byte because mergeJsonText kept them.
            const QList<QByteArray> lines = indented(splitLines(newText.toUtf8()), src.block.contentIndent);
            out = replaceSpan(m_text, index_.lineStart(src.block.firstContentLine),
                              index_.lineEnd(src.block.lastContentLine), lines.join('\n'));
            if (src.block.kind == YamlScalarSpan::Kind::Folded)
                out[src.block.start] = '|'; // lines are literal now; JSON reads the same either way
        } else {
            rewriteYamlMember(withText(member->value, newText));
        }
    }
    if (out.isEmpty()) {
        s.error = QStringLiteral("cannot save %1: %2")
                      .arg(m.logicalId,
                           error.isEmpty() ? QStringLiteral("the definition could not be located") : error);
        return s;
    }
    if (!verify(index, out, edited, &why)) {
        s.error = QStringLiteral("cannot save %1: %2").arg(m.logicalId, why);
        return s;
    }
    for (const int line : lost)
        s.warnings.append(
            QStringLiteral("the comment on line %1 was removed with the lines it annotated").arg(line));
    s.text = out;
    s.ok = true;
    return s;
}

} // namespace sw::formats
