#include "geometryjson.h"

#include <cmath>

namespace sw::layout {

namespace {

Json num(qreal v)
{
    return Json(std::round(v * 100) / 100);
}

Json point(QPointF p)
{
    return Json::array({num(p.x()), num(p.y())});
}

void putRect(Json &o, const QRectF &r)
{
    o.insert(QStringLiteral("x"), num(r.x()));
    o.insert(QStringLiteral("y"), num(r.y()));
    o.insert(QStringLiteral("w"), num(r.width()));
    o.insert(QStringLiteral("h"), num(r.height()));
}

Json rectJson(const QRectF &r)
{
    Json o = Json::object();
    putRect(o, r);
    return o;
}

Json strings(const QStringList &list)
{
    QList<Json> items;
    for (const QString &s : list)
        items.append(Json(s));
    return Json::array(items);
}

} // namespace

Json toJson(const Geometry &g)
{
    QList<Json> nodes;
    for (const NodeGeometry &n : g.nodes) {
        Json o{{QStringLiteral("id"), n.id},
               {QStringLiteral("name"), n.name},
               {QStringLiteral("kind"), toString(n.kind)}};
        if (n.kind == NodeKind::State) o.insert(QStringLiteral("type"), asl::toString(n.type));
        o.insert(QStringLiteral("scope"), n.scope);
        putRect(o, n.rect);
        if (n.kind == NodeKind::State) {
            o.insert(QStringLiteral("detail"), n.detail);
            if (!n.badge.isEmpty()) o.insert(QStringLiteral("badge"), n.badge);
            if (n.pinned) o.insert(QStringLiteral("pinned"), true);
        }
        nodes.append(o);
    }
    QList<Json> clusters;
    for (const ClusterGeometry &c : g.clusters) {
        Json o{{QStringLiteral("id"), c.id},
               {QStringLiteral("owner"), c.owner},
               {QStringLiteral("kind"), toString(c.kind)},
               {QStringLiteral("label"), c.label}};
        putRect(o, c.rect);
        o.insert(QStringLiteral("members"), strings(c.members));
        clusters.append(o);
    }
    QList<Json> edges;
    for (const EdgeGeometry &e : g.edges) {
        Json o{{QStringLiteral("from"), e.from},
               {QStringLiteral("to"), e.to},
               {QStringLiteral("kind"), toString(e.kind)}};
        if (e.id) o.insert(QStringLiteral("index"), e.id->index);
        o.insert(QStringLiteral("scope"), e.scope);
        if (!e.label.isEmpty()) {
            o.insert(QStringLiteral("label"), e.label);
            o.insert(QStringLiteral("labelBox"), rectJson(e.labelRect));
        }
        QList<Json> pts;
        for (const QPointF &p : e.points)
            pts.append(point(p));
        o.insert(QStringLiteral("points"), Json::array(pts));
        if (e.arrowHead) o.insert(QStringLiteral("arrow"), point(e.arrowTip));
        edges.append(o);
    }
    Json root{{QStringLiteral("width"), num(g.bounds.width())},
              {QStringLiteral("height"), num(g.bounds.height())}};
    root.insert(QStringLiteral("nodes"), Json::array(nodes));
    root.insert(QStringLiteral("clusters"), Json::array(clusters));
    root.insert(QStringLiteral("edges"), Json::array(edges));
    if (!g.error.isEmpty()) root.insert(QStringLiteral("error"), g.error);
    return root;
}

} // namespace sw::layout
