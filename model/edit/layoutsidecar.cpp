#include "layoutsidecar.h"

#include "json/json.h"
#include "json/jsonreader.h"
#include "json/jsonwriter.h"

#include <QFile>
#include <QSaveFile>

#include <algorithm>
#include <cmath>

namespace sw::edit {

QString sidecarPath(const QString &definitionPath)
{
    return definitionPath + QStringLiteral(".layout.json");
}

QString readSidecar(const QString &definitionPath, Pins *pins)
{
    pins->clear();
    QFile f(sidecarPath(definitionPath));
    if (!f.exists()) return {};
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("%1: cannot open: %2").arg(f.fileName(), f.errorString());
    const JsonReader::Result r = JsonReader::parse(f.readAll());
    if (!r.ok)
        return QStringLiteral("%1:%2:%3: %4")
            .arg(f.fileName())
            .arg(r.errorPos.line)
            .arg(r.errorPos.column)
            .arg(r.error);
    const Json *map = r.value.find(u"pins");
    if (!r.value.isObject() || !map || !map->isObject())
        return QStringLiteral("%1: no \"pins\" object").arg(f.fileName());
    for (const JsonMember &m : map->members()) {
        const Json &v = m.value;
        if (v.isArray() && v.size() == 2 && v.at(0).isNumber() && v.at(1).isNumber())
            pins->insert(m.key, QPointF(v.at(0).toDouble(), v.at(1).toDouble()));
        else
            return QStringLiteral("%1: pin %2 is not [x, y]").arg(f.fileName(), m.key);
    }
    return {};
}

QString writeSidecar(const QString &definitionPath, const Pins &pins)
{
    const QString path = sidecarPath(definitionPath);
    if (pins.isEmpty()) {
        if (QFile::exists(path) && !QFile::remove(path)) return QStringLiteral("%1: cannot remove").arg(path);
        return {};
    }
    QStringList keys = pins.keys();
    std::sort(keys.begin(), keys.end());
    Json map = Json::object();
    auto rounded = [](qreal v) { return Json(std::round(v * 100) / 100); };
    for (const QString &k : keys)
        map.insert(k, Json::array({rounded(pins.value(k).x()), rounded(pins.value(k).y())}));
    Json root{{QStringLiteral("stepwise"), QStringLiteral("layout")}, {QStringLiteral("version"), 1}};
    root.insert(QStringLiteral("pins"), map);
    QSaveFile f(path);
    const QByteArray data = JsonWriter::pretty(root) + '\n';
    if (!f.open(QIODevice::WriteOnly | QIODevice::Unbuffered) || f.write(data) != data.size() || !f.commit())
        return QStringLiteral("%1: cannot write: %2").arg(path, f.errorString());
    return {};
}

} // namespace sw::edit
