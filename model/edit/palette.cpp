#include "palette.h"

#include "aslorder.h"

#include "json/jsonreader.h"

#include <QFile>

namespace sw::edit {

Palette Palette::fromJson(const QByteArray &text, QString *error)
{
    Palette p;
    const JsonReader::Result r = JsonReader::parse(text);
    if (!r.ok) {
        *error = QStringLiteral("%1:%2: %3").arg(r.errorPos.line).arg(r.errorPos.column).arg(r.error);
        return p;
    }
    if (r.value.value(u"stepwise").toString() != QLatin1String("palette") ||
        !r.value.value(u"items").isArray()) {
        *error = QStringLiteral("not a Stepwise palette (no \"stepwise\": \"palette\" with \"items\")");
        return p;
    }
    for (const Json &item : r.value.value(u"items").items()) {
        PaletteItem i;
        i.id = item.value(u"id").toString();
        i.group = item.value(u"group").toString();
        i.label = item.value(u"label").toString();
        i.name = item.value(u"name").toString();
        i.description = item.value(u"description").toString();
        i.state = item.value(u"state");
        i.type = i.state.value(u"Type").toString();
        i.resource = i.state.value(u"Resource").toString();
        i.jsonPath = item.value(u"jsonpath");
        i.jsonata = item.value(u"jsonata");
        if (i.id.isEmpty() || i.type.isEmpty() || !i.state.isObject()) {
            *error = QStringLiteral("palette item %1 needs an id and a state with a Type")
                         .arg(p.m_items.size() + 1);
            return Palette();
        }
        p.m_items.append(i);
    }
    return p;
}

const Palette &Palette::builtIn()
{
    static const Palette palette = [] {
        QFile f(QStringLiteral(":/stepwise/palette.json"));
        QString error;
        Palette p;
        if (f.open(QIODevice::ReadOnly)) p = fromJson(f.readAll(), &error);
        if (p.m_items.isEmpty())
            qWarning("stepwise: the built-in palette cannot be read: %s", qPrintable(error));
        return p;
    }();
    return palette;
}

const PaletteItem *Palette::find(const QString &id) const
{
    for (const PaletteItem &i : m_items) {
        if (i.id == id) return &i;
    }
    return nullptr;
}

Json Palette::state(const PaletteItem &item, bool jsonata) const
{
    Json s = item.state;
    for (const JsonMember &m : (jsonata ? item.jsonata : item.jsonPath).members())
        setMember(s, m.key, m.value, ObjectKind::State);
    return s;
}

} // namespace sw::edit
