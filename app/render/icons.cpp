#include "icons.h"

#include <QPainter>

#include <initializer_list>

namespace sw::render {

namespace {

// Icons are designed in a unit square and mapped onto the requested box.
class Unit
{
public:
    explicit Unit(const QRectF &box) : m_box(box) {}
    QPointF at(qreal x, qreal y) const
    {
        return {m_box.left() + x * m_box.width(), m_box.top() + y * m_box.height()};
    }
    qreal len(qreal v) const { return v * m_box.width(); }
    void polyline(QPainterPath &p, std::initializer_list<QPointF> pts, bool close = false) const
    {
        bool first = true;
        for (const QPointF &u : pts) {
            if (first)
                p.moveTo(at(u.x(), u.y()));
            else
                p.lineTo(at(u.x(), u.y()));
            first = false;
        }
        if (close) p.closeSubpath();
    }
    void circle(QPainterPath &p, qreal cx, qreal cy, qreal r) const
    {
        p.addEllipse(at(cx, cy), len(r), len(r));
    }
    void roundRect(QPainterPath &p, qreal x0, qreal y0, qreal x1, qreal y1, qreal r) const
    {
        p.addRoundedRect(QRectF(at(x0, y0), at(x1, y1)), len(r), len(r));
    }

private:
    QRectF m_box;
};

} // namespace

IconShape stateIcon(asl::StateType type, const QRectF &box)
{
    IconShape s;
    const Unit u(box);
    s.strokeWidth = std::max(1.0, box.width() / 9);
    switch (type) {
    case asl::StateType::Task:
        u.polyline(s.fill,
                   {{0.64, 0.02}, {0.18, 0.57}, {0.47, 0.57}, {0.36, 0.98}, {0.82, 0.41}, {0.53, 0.41}},
                   true);
        break;
    case asl::StateType::Pass:
        u.polyline(s.stroke, {{0.10, 0.5}, {0.86, 0.5}});
        u.polyline(s.stroke, {{0.58, 0.22}, {0.86, 0.5}, {0.58, 0.78}});
        break;
    case asl::StateType::Choice:
        u.polyline(s.stroke, {{0.5, 0.06}, {0.94, 0.5}, {0.5, 0.94}, {0.06, 0.5}}, true);
        u.circle(s.fill, 0.5, 0.5, 0.12);
        break;
    case asl::StateType::Wait:
        u.circle(s.stroke, 0.5, 0.5, 0.42);
        u.polyline(s.stroke, {{0.5, 0.22}, {0.5, 0.5}, {0.70, 0.62}});
        break;
    case asl::StateType::Succeed:
        u.circle(s.stroke, 0.5, 0.5, 0.42);
        u.polyline(s.stroke, {{0.28, 0.52}, {0.44, 0.68}, {0.73, 0.36}});
        break;
    case asl::StateType::Fail:
        u.circle(s.stroke, 0.5, 0.5, 0.42);
        u.polyline(s.stroke, {{0.35, 0.35}, {0.65, 0.65}});
        u.polyline(s.stroke, {{0.65, 0.35}, {0.35, 0.65}});
        break;
    case asl::StateType::Parallel:
        u.polyline(s.stroke, {{0.10, 0.12}, {0.90, 0.12}});
        u.polyline(s.stroke, {{0.10, 0.88}, {0.90, 0.88}});
        u.polyline(s.stroke, {{0.26, 0.12}, {0.26, 0.88}});
        u.polyline(s.stroke, {{0.5, 0.12}, {0.5, 0.88}});
        u.polyline(s.stroke, {{0.74, 0.12}, {0.74, 0.88}});
        break;
    case asl::StateType::Map:
        u.roundRect(s.stroke, 0.32, 0.06, 0.94, 0.68, 0.1);
        u.roundRect(s.fill, 0.06, 0.32, 0.68, 0.94, 0.1);
        break;
    case asl::StateType::Unknown:
        u.circle(s.stroke, 0.5, 0.5, 0.42);
        u.circle(s.fill, 0.5, 0.5, 0.12);
        break;
    }
    return s;
}

void paintStateIcon(QPainter &p, asl::StateType type, const QRectF &box, const QColor &color)
{
    const IconShape s = stateIcon(type, box);
    p.save();
    if (!s.fill.isEmpty()) p.fillPath(s.fill, color);
    if (!s.stroke.isEmpty()) {
        QPen pen(color, s.strokeWidth, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        p.drawPath(s.stroke);
    }
    p.restore();
}

} // namespace sw::render
