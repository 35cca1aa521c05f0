import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stepwise

// The execution history up to the run's cursor, with AWS's event types, filterable by type, state
// or error. Clicking an event moves the cursor there.
ColumnLayout {
    id: table

    required property RunController run
    property color errorColor: "red"

    spacing: 2

    TextField {
        Layout.fillWidth: true
        placeholderText: "Filter by type, state or error (e.g. Failed, RunBacktest)"
        text: table.run.events.filter
        onTextChanged: table.run.events.filter = text
    }
    // Follows the newest event while the run plays, a few times a second: positioning on every
    // frame would lay the list out again each time.
    Timer {
        interval: 250
        repeat: true
        running: table.visible && table.run.phase === "playing"
        onTriggered: list.positionViewAtEnd()
    }
    ListView {
        id: list
        objectName: "eventList"
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        model: table.run.events
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}
        header: RowLayout {
            width: list.width
            spacing: 8
            Label { text: "ID"; Layout.preferredWidth: 44; font.bold: true }
            Label { text: "Time"; Layout.preferredWidth: 70; font.bold: true }
            Label { text: "Type"; Layout.preferredWidth: 190; font.bold: true }
            Label { text: "State"; Layout.preferredWidth: 160; font.bold: true }
            Label { text: "Details"; Layout.fillWidth: true; font.bold: true }
        }
        delegate: ItemDelegate {
            id: row
            required property int eventId
            required property double time
            required property string type
            required property string stateName
            required property string detail
            required property bool failure
            required property int eventIndex
            width: ListView.view.width
            padding: 1
            onClicked: table.run.scrubTo(row.time)
            contentItem: RowLayout {
                spacing: 8
                Label { text: row.eventId; Layout.preferredWidth: 44 }
                Label { text: row.time.toFixed(row.time < 100 ? 2 : 0) + " s"; Layout.preferredWidth: 70 }
                Label {
                    text: row.type
                    Layout.preferredWidth: 190
                    elide: Text.ElideRight
                    color: row.failure ? table.errorColor : palette.text
                }
                Label { text: row.stateName; Layout.preferredWidth: 160; elide: Text.ElideRight }
                Label {
                    text: row.detail
                    Layout.fillWidth: true
                    elide: Text.ElideRight
                    font.family: "monospace"
                    color: row.failure ? table.errorColor : palette.placeholderText
                }
            }
        }
    }
}
