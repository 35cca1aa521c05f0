#include "cfntemplate.h"

#include "json/jsonwriter.h"

#include <QSet>

namespace sw::formats {

namespace {

bool isIntrinsic(const Json &v)
{
    if (!v.isObject() || v.size() != 1) return false;
    const QString &k = v.members().first().key;
    return k == QLatin1String("Ref") || k.startsWith(QLatin1String("Fn::"));
}

// "${A.B}" for Ref/GetAtt; empty when the intrinsic has no placeholder form.
QString referenceText(const Json &v, QString *describe)
{
    const JsonMember &m = v.members().first();
    if (m.key == QLatin1String("Ref") && m.value.isString()) {
        *describe = QStringLiteral("!Ref %1").arg(m.value.toString());
        return QStringLiteral("${%1}").arg(m.value.toString());
    }
    if (m.key == QLatin1String("Fn::GetAtt")) {
        QString target;
        if (m.value.isString())
            target = m.value.toString();
        else if (m.value.isArray() && m.value.size() == 2 && m.value.at(0).isString() &&
                 m.value.at(1).isString())
            target = m.value.at(0).toString() + QLatin1Char('.') + m.value.at(1).toString();
        if (!target.isEmpty()) {
            *describe = QStringLiteral("!GetAtt %1").arg(target);
            return QStringLiteral("${%1}").arg(target);
        }
    }
    return {};
}

class Lifter
{
public:
    explicit Lifter(LiftedIntrinsics *out) : m_out(out) {}

    Json lift(const Json &v, const QString &pointer)
    {
        if (isIntrinsic(v)) {
            const QString text = textOf(v, pointer);
            m_out->byPointer.insert(pointer, v);
            m_out->textAt.insert(pointer, text);
            return Json(text);
        }
        if (v.isArray()) {
            Json a = Json::array();
            for (qsizetype i = 0; i < v.size(); ++i)
                a.appendWithPos(lift(v.at(i), jsonpointer::append(pointer, i)), v.itemPos(i));
            return a;
        }
        if (v.isObject()) {
            Json o = Json::object();
            for (const JsonMember &m : v.members())
                o.appendMember(m.key, lift(m.value, jsonpointer::append(pointer, m.key)), m.keyPos,
                               m.valuePos);
            return o;
        }
        return v;
    }

private:
    void unsupported(const QString &what, const QString &pointer)
    {
        if (m_out->unsupported.isEmpty())
            m_out->unsupported =
                QStringLiteral("%1 at %2").arg(what, pointer.isEmpty() ? QStringLiteral("/") : pointer);
    }

    QString textOf(const Json &v, const QString &pointer)
    {
        const JsonMember &m = v.members().first();
        QString describe;
        const QString ref = referenceText(v, &describe);
        if (!ref.isEmpty()) {
            m_out->sources.insert(ref.mid(2, ref.size() - 3), describe);
            return ref;
        }
        if (m.key == QLatin1String("Fn::Sub")) {
            if (m.value.isString()) return m.value.toString();
            if (m.value.isArray() && m.value.size() == 2 && m.value.at(0).isString() &&
                m.value.at(1).isObject()) {
                for (const JsonMember &var : m.value.at(1).members()) {
                    QString d;
                    if (isIntrinsic(var.value)) {
                        const QString r = referenceText(var.value, &d);
                        m_out->sources.insert(var.key,
                                              QStringLiteral("Fn::Sub variable (%1)")
                                                  .arg(r.isEmpty() ? var.value.members().first().key : d));
                    } else {
                        m_out->sources.insert(var.key, QStringLiteral("Fn::Sub variable"));
                        m_out->values.insert(var.key, var.value);
                    }
                }
                return m.value.at(0).toString();
            }
        }
        if (m.key == QLatin1String("Fn::Join") && m.value.isArray() && m.value.size() == 2 &&
            m.value.at(0).isString() && m.value.at(1).isArray()) {
            QStringList parts;
            for (const Json &p : m.value.at(1).items()) {
                if (p.isString()) {
                    parts.append(p.toString());
                } else if (isIntrinsic(p)) {
                    parts.append(textOf(p, pointer));
                } else {
                    unsupported(QStringLiteral("a Fn::Join part that is not text"), pointer);
                    parts.append(JsonWriter::compactString(p));
                }
            }
            return parts.join(m.value.at(0).toString());
        }
        unsupported(m.key, pointer);
        return QStringLiteral("${%1}").arg(m.key);
    }

    LiftedIntrinsics *m_out;
};

void collectPlainStrings(const Json &v, const QString &pointer, const LiftedIntrinsics &l, QSet<QString> *out)
{
    if (v.isString() && !l.textAt.contains(pointer))
        out->insert(v.toString());
    else if (v.isArray())
        for (qsizetype i = 0; i < v.size(); ++i)
            collectPlainStrings(v.at(i), jsonpointer::append(pointer, i), l, out);
    else if (v.isObject())
        for (const JsonMember &m : v.members())
            collectPlainStrings(m.value, jsonpointer::append(pointer, m.key), l, out);
}

Json lower(const Json &v, const QString &pointer, const LiftedIntrinsics &l,
           const QHash<QString, QString> &uniqueText, const QSet<QString> &plain)
{
    if (v.isString()) {
        const QString s = v.toString();
        if (const auto it = l.textAt.constFind(pointer); it != l.textAt.constEnd() && *it == s)
            return l.byPointer.value(pointer);
        // A lifted value that moved (its state was renamed): restore it when the text is unambiguous.
        if (const auto it = uniqueText.constFind(s); it != uniqueText.constEnd() && !plain.contains(s))
            return l.byPointer.value(*it);
        return v;
    }
    if (v.isArray()) {
        Json a = Json::array();
        for (qsizetype i = 0; i < v.size(); ++i)
            a.appendWithPos(lower(v.at(i), jsonpointer::append(pointer, i), l, uniqueText, plain),
                            v.itemPos(i));
        return a;
    }
    if (v.isObject()) {
        Json o = Json::object();
        for (const JsonMember &m : v.members())
            o.appendMember(m.key, lower(m.value, jsonpointer::append(pointer, m.key), l, uniqueText, plain),
                           m.keyPos, m.valuePos);
        return o;
    }
    return v;
}

} // namespace

LiftedIntrinsics liftIntrinsics(const Json &definition)
{
    LiftedIntrinsics l;
    Lifter lifter(&l);
    l.view = lifter.lift(definition, QString());
    return l;
}

Json lowerIntrinsics(const Json &edited, const Json &originalView, const LiftedIntrinsics &lifted)
{
    if (lifted.byPointer.isEmpty()) return edited;
    QHash<QString, QString> uniqueText; // text -> pointer, for texts that one intrinsic gave
    QSet<QString> ambiguous;
    for (auto it = lifted.textAt.cbegin(); it != lifted.textAt.cend(); ++it) {
        if (uniqueText.contains(*it) &&
            lifted.byPointer.value(uniqueText.value(*it)) != lifted.byPointer.value(it.key()))
            ambiguous.insert(*it);
        uniqueText.insert(*it, it.key());
    }
    for (const QString &a : ambiguous)
        uniqueText.remove(a);
    QSet<QString> plain;
    collectPlainStrings(originalView, QString(), lifted, &plain);
    return lower(edited, QString(), lifted, uniqueText, plain);
}

} // namespace sw::formats
