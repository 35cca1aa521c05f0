#include "ganttview.h"

#include "runcontroller.h"
#include "runstyle.h"

#include <QPainter>

#include <cmath>

namespace sw::gui {

GanttView::GanttView(QQuickItem *parent) : QQuickPaintedItem(parent)
{
    setAcceptedMouseButtons(Qt::LeftButton);
    m_deferred.setSingleShot(true);
    m_deferred.setInterval(100);
    connect(&m_deferred, &QTimer::timeout, this, [this] {
        m_sinceUpdate.restart();
        update();
    });
    m_sinceUpdate.start();
    connect(this, &GanttView::colorsChanged, this, [this] { update(); });
}

void GanttView::setController(RunController *controller)
{
    if (controller == m_controller) return;
    if (m_controller) disconnect(m_controller, nullptr, this, nullptr);
    m_controller = controller;
    if (m_controller) {
        connect(m_controller, &RunController::timelineChanged, this, &GanttView::rebuildRows);
        connect(m_controller, &RunController::progressed, this, &GanttView::scheduleUpdate);
    }
    rebuildRows();
    emit controllerChanged();
}

void GanttView::setScroll(qreal scroll)
{
    scroll = std::clamp(scroll, 0.0, std::max(0.0, contentHeight() - height()));
    if (scroll == m_scroll) return;
    m_scroll = scroll;
    update();
    emit scrollChanged();
}

void GanttView::rebuildRows()
{
    QStringList rows;
    QHash<QString, int> rowOf;
    if (m_controller && m_controller->isActive()) {
        for (const sim::StateVisit &v : m_controller->timeline().visits()) {
            if (!rowOf.contains(v.stateName)) {
                rowOf.insert(v.stateName, int(rows.size()));
                rows.append(v.stateName);
            }
        }
    }
    const bool changed = rows != m_rows;
    m_rows = rows;
    m_rowOf = rowOf;
    if (changed) emit contentHeightChanged();
    scheduleUpdate();
}

void GanttView::scheduleUpdate()
{
    if (m_sinceUpdate.elapsed() >= 100) {
        m_deferred.stop();
        m_sinceUpdate.restart();
        update();
    } else if (!m_deferred.isActive()) {
        m_deferred.start(int(100 - m_sinceUpdate.elapsed()));
    }
}

double GanttView::span() const
{
    if (!m_controller) return 1;
    return std::max({1.0, m_controller->endTime(), m_controller->time()}) * 1.02;
}

qreal GanttView::xForTime(double t) const
{
    const qreal plot = std::max<qreal>(10, width() - kLabels - 8);
    return kLabels + plot * t / span();
}

double GanttView::timeForX(qreal x) const
{
    const qreal plot = std::max<qreal>(10, width() - kLabels - 8);
    return std::max(0.0, double(x - kLabels) / plot * span());
}

void GanttView::paint(QPainter *p)
{
    p->setRenderHint(QPainter::Antialiasing, false);
    if (!m_controller || !m_controller->isActive()) {
        p->setPen(m_textColor);
        p->drawText(QRectF(0, 0, width(), height()), Qt::AlignCenter,
                    QStringLiteral("Start a run or open an execution history to see its timeline."));
        return;
    }
    const double now = m_controller->time();
    const double total = span();
    QFont f = p->font();
    f.setPixelSize(11);
    p->setFont(f);
    // Time axis: about one tick per 90 pixels, at a round number of seconds.
    const double rough = total * 90 / std::max<qreal>(10, width() - kLabels - 8);
    double step = 1;
    for (const double s : {0.001, 0.01, 0.1, 0.5, 1.0, 5.0, 10.0, 30.0, 60.0, 300.0, 600.0, 1800.0, 3600.0,
                           21600.0, 86400.0}) {
        step = s;
        if (s >= rough) break;
    }
    p->setPen(m_gridColor);
    for (double t = 0; t <= total; t += step) {
        const qreal x = xForTime(t);
        p->drawLine(QPointF(x, kAxis - 4), QPointF(x, height()));
        if (x + 44 > width()) continue; // no room for its label
        p->save();
        p->setPen(m_textColor);
        p->drawText(QRectF(x + 2, 0, 90, kAxis - 4), Qt::AlignLeft | Qt::AlignVCenter,
                    t == 0     ? QStringLiteral("0")
                    : step < 1 ? QStringLiteral("%1 s").arg(t, 0, 'g', 3)
                               : runstyle::duration(t));
        p->restore();
    }
    p->setClipRect(QRectF(0, kAxis, width(), height() - kAxis));
    const int first = int(m_scroll / kRow);
    const int last = std::min<int>(int(m_rows.size()) - 1, int((m_scroll + height()) / kRow) + 1);
    for (int r = first; r <= last; ++r) {
        const qreal y = kAxis + r * kRow - m_scroll;
        p->setPen(m_textColor);
        p->drawText(QRectF(4, y, kLabels - 8, kRow), Qt::AlignLeft | Qt::AlignVCenter,
                    p->fontMetrics().elidedText(m_rows.at(r), Qt::ElideMiddle, int(kLabels - 8)));
        p->setPen(m_gridColor);
        p->drawLine(QPointF(0, y + kRow), QPointF(width(), y + kRow));
    }
    for (const sim::StateVisit &v : m_controller->timeline().visits()) {
        if (v.start > now) continue;
        const int r = m_rowOf.value(v.stateName, -1);
        if (r < first || r > last) continue;
        const bool ended = v.end >= 0 && v.end <= now;
        const double end = ended ? v.end : now;
        const qreal x0 = xForTime(v.start);
        const qreal x1 = std::max(x0 + 2, xForTime(end));
        const qreal y = kAxis + r * kRow - m_scroll + 3;
        // A visit still open shows what its state is doing now (running, waiting, retrying).
        const sim::RunStatus open =
            m_controller->snapshot().status.value(v.stateName, sim::RunStatus::Running);
        p->fillRect(QRectF(x0, y, x1 - x0, kRow - 6), runstyle::color(ended ? v.status : open));
    }
    p->setClipping(false);
    const qreal cx = xForTime(now);
    p->setPen(QPen(m_cursorColor, 2));
    p->drawLine(QPointF(cx, 0), QPointF(cx, height()));
}

void GanttView::mousePressEvent(QMouseEvent *event)
{
    if (!m_controller || event->position().x() < kLabels) {
        event->ignore();
        return;
    }
    m_controller->scrubTo(timeForX(event->position().x()));
    update();
    event->accept();
}

void GanttView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_controller) return;
    m_controller->scrubTo(timeForX(std::max<qreal>(kLabels, event->position().x())));
    update();
}

} // namespace sw::gui
