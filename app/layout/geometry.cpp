#include "geometry.h"

namespace sw::layout {

QString toString(NodeKind k)
{
    switch (k) {
    case NodeKind::State:
        return QStringLiteral("state");
    case NodeKind::Start:
        return QStringLiteral("start");
    case NodeKind::End:
        return QStringLiteral("end");
    case NodeKind::Missing:
        return QStringLiteral("missing");
    }
    return {};
}

QString toString(ClusterKind k)
{
    switch (k) {
    case ClusterKind::Parallel:
        return QStringLiteral("parallel");
    case ClusterKind::Branch:
        return QStringLiteral("branch");
    case ClusterKind::Map:
        return QStringLiteral("map");
    }
    return {};
}

QString toString(EdgeKind k)
{
    switch (k) {
    case EdgeKind::Start:
        return QStringLiteral("start");
    case EdgeKind::Next:
        return QStringLiteral("next");
    case EdgeKind::ChoiceRule:
        return QStringLiteral("choice");
    case EdgeKind::Default:
        return QStringLiteral("default");
    case EdgeKind::Catch:
        return QStringLiteral("catch");
    case EdgeKind::End:
        return QStringLiteral("end");
    }
    return {};
}

QList<QPointF> sampleRoute(const EdgeGeometry &e, int steps)
{
    QList<QPointF> out;
    const QList<QPointF> &p = e.points;
    if (p.isEmpty()) return out;
    out.append(p.first());
    for (qsizetype i = 0; i + 3 < p.size(); i += 3) {
        const QPointF a = p.at(i), b = p.at(i + 1), c = p.at(i + 2), d = p.at(i + 3);
        for (int s = 1; s <= steps; ++s) {
            const qreal t = qreal(s) / steps;
            const qreal u = 1 - t;
            out.append(u * u * u * a + 3 * u * u * t * b + 3 * u * t * t * c + t * t * t * d);
        }
    }
    if (e.arrowHead) out.append(e.arrowTip);
    return out;
}

} // namespace sw::layout
