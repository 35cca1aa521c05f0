import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stepwise

// States over simulated time (a Gantt chart like the console's) with a scrubber: dragging it, or
// pressing in the chart, shows the diagram as it was at that moment.
ColumnLayout {
    id: timeline

    required property RunController run
    property color textColor: palette.text
    property color gridColor: palette.midlight
    property color cursorColor: palette.highlight

    spacing: 2

    RowLayout {
        Layout.fillWidth: true
        Label { text: "t = " + timeline.run.time.toFixed(1) + " s" }
        Slider {
            id: scrubber
            objectName: "scrubber"
            Layout.fillWidth: true
            Layout.preferredWidth: 100
            from: 0
            to: Math.max(1, timeline.run.endTime)
            value: timeline.run.time
            enabled: timeline.run.active
            onMoved: timeline.run.scrubTo(value)
        }
        Label {
            text: timeline.run.endTime.toFixed(1) + " s"
            rightPadding: 6
        }
    }
    Item {
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        GanttView {
            id: gantt
            objectName: "gantt"
            anchors.fill: parent
            anchors.rightMargin: bar.width
            controller: timeline.run
            textColor: timeline.textColor
            gridColor: timeline.gridColor
            cursorColor: timeline.cursorColor
        }
        ScrollBar {
            id: bar
            anchors.right: parent.right
            anchors.top: parent.top
            anchors.bottom: parent.bottom
            orientation: Qt.Vertical
            policy: gantt.contentHeight > gantt.height ? ScrollBar.AlwaysOn : ScrollBar.AsNeeded
            size: gantt.contentHeight > 0 ? Math.min(1, gantt.height / gantt.contentHeight) : 1
            position: gantt.contentHeight > 0 ? gantt.scroll / gantt.contentHeight : 0
            onPositionChanged: if (pressed) gantt.scroll = position * gantt.contentHeight
        }
        WheelHandler {
            target: null
            onWheel: event => gantt.scroll = gantt.scroll - event.angleDelta.y / 2
        }
    }
}
