#pragma once

#include "runcontroller.h"

#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QQmlEngine>
#include <QQuickPaintedItem>
#include <QStringList>
#include <QTimer>

namespace sw::gui {

// The run's timeline as a Gantt chart, like the console's: one row per state (in order of first
// entry), one bar per visit over simulated time, coloured by how the visit ended, and the cursor.
// Pressing or dragging in the chart scrubs the run (RunController::scrubTo), so the canvas shows
// the diagram as it was at that moment. Repaints at most ten times a second while a run plays.
class GanttView : public QQuickPaintedItem
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(
        sw::gui::RunController *controller READ controller WRITE setController NOTIFY controllerChanged)
    Q_PROPERTY(qreal scroll READ scroll WRITE setScroll NOTIFY scrollChanged)
    Q_PROPERTY(qreal contentHeight READ contentHeight NOTIFY contentHeightChanged)
    Q_PROPERTY(QColor textColor MEMBER m_textColor NOTIFY colorsChanged)
    Q_PROPERTY(QColor gridColor MEMBER m_gridColor NOTIFY colorsChanged)
    Q_PROPERTY(QColor cursorColor MEMBER m_cursorColor NOTIFY colorsChanged)
public:
    explicit GanttView(QQuickItem *parent = nullptr);

    RunController *controller() const { return m_controller; }
    void setController(RunController *controller);
    qreal scroll() const { return m_scroll; }
    void setScroll(qreal scroll);
    qreal contentHeight() const { return kAxis + m_rows.size() * kRow; }

    void paint(QPainter *painter) override;
    // Scene x of simulated time t, and back (for tests and the QML scrubber).
    Q_INVOKABLE qreal xForTime(double t) const;
    Q_INVOKABLE double timeForX(qreal x) const;

signals:
    void controllerChanged();
    void scrollChanged();
    void contentHeightChanged();
    void colorsChanged();

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    void rebuildRows();
    void scheduleUpdate();
    double span() const;

    static constexpr qreal kRow = 18;
    static constexpr qreal kAxis = 20;
    static constexpr qreal kLabels = 170;

    QPointer<RunController> m_controller;
    QStringList m_rows;
    QHash<QString, int> m_rowOf;
    qreal m_scroll = 0;
    QColor m_textColor = Qt::black;
    QColor m_gridColor = QColor(0, 0, 0, 40);
    QColor m_cursorColor = QColor(0x09, 0x72, 0xd3);
    QElapsedTimer m_sinceUpdate;
    QTimer m_deferred;
};

} // namespace sw::gui
