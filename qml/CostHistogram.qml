import QtQuick
import QtQuick.Controls

// Bars of CostController.histogram: how many simulated executions took each number of
// transitions. The tallest bar fills the height (a bar with any runs is at least 2 px high);
// labels under every bar when there is room, else under the first, the last and the tallest;
// hovering a bar shows its range and count.
Item {
    id: chart

    property var bins: []
    property int maxCount: 0
    property color barColor: "steelblue"
    property color textColor: "gray"

    readonly property real labelHeight: 14
    readonly property real barWidth: bins.length > 0 ? width / bins.length : 0
    readonly property int tallest: {
        let best = 0
        for (let i = 1; i < bins.length; ++i)
            if (bins[i].count > bins[best].count)
                best = i
        return best
    }

    Repeater {
        model: chart.bins
        Item {
            id: bar
            required property var modelData
            required property int index
            x: index * chart.barWidth
            width: chart.barWidth
            height: chart.height

            Rectangle {
                objectName: "histogramBar"
                anchors.bottom: parent.bottom
                anchors.bottomMargin: chart.labelHeight
                x: chart.barWidth > 4 ? 1 : 0
                width: Math.max(1, chart.barWidth - (chart.barWidth > 4 ? 2 : 0))
                height: chart.maxCount > 0 ? Math.max(bar.modelData.count > 0 ? 2 : 0,
                                                      (chart.height - chart.labelHeight - 12) * bar.modelData.count / chart.maxCount) : 0
                color: hover.hovered ? Qt.lighter(chart.barColor, 1.3) : chart.barColor
                opacity: 0.85
            }
            Label {
                visible: bar.index === chart.tallest && bar.modelData.count > 0
                anchors.horizontalCenter: parent.horizontalCenter
                y: chart.height - chart.labelHeight - 12
                   - (chart.height - chart.labelHeight - 12) * bar.modelData.count / Math.max(1, chart.maxCount) - 2
                text: bar.modelData.count
                font.pixelSize: 9
                color: chart.textColor
            }
            Label {
                visible: chart.barWidth >= 26 || bar.index === 0 || bar.index === chart.bins.length - 1
                         || bar.index === chart.tallest
                anchors.horizontalCenter: parent.horizontalCenter
                anchors.bottom: parent.bottom
                text: bar.modelData.label
                font.pixelSize: 9
                color: chart.textColor
            }
            HoverHandler {
                id: hover
            }
            ToolTip.visible: hover.hovered
            ToolTip.text: bar.modelData.label + " transitions: " + bar.modelData.count + " runs"
        }
    }
    Rectangle {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.bottomMargin: chart.labelHeight
        height: 1
        color: chart.textColor
        opacity: 0.5
    }
}
