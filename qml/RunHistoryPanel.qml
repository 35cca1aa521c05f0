import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stepwise

// Below the canvas while a run or replay is loaded: the timeline (Gantt chart and scrubber) and
// the event table.
Pane {
    id: dock

    required property RunController run
    property color errorColor: "red"
    property int initialTab: 0

    padding: 4

    ColumnLayout {
        anchors.fill: parent
        spacing: 2
        TabBar {
            id: tabs
            objectName: "runHistoryTabs"
            Layout.fillWidth: true
            currentIndex: dock.initialTab
            TabButton { text: "Timeline" }
            TabButton { text: "Events (" + dock.run.events.totalCount + ")" }
        }
        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: tabs.currentIndex
            Timeline {
                run: dock.run
            }
            EventTable {
                run: dock.run
                errorColor: dock.errorColor
            }
        }
    }
}
