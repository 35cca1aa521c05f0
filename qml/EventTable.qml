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
    // One plain Text per row (the model lays the columns out in a monospace line): a run appends
    // thousands of events and the list creates rows as they scroll in, so a row must be cheap to
    // create. Hidden (another tab in front), the list has no model and costs nothing. Clicking a
    // row moves the run's cursor to that event's time.
    ListView {
        id: list
        objectName: "eventList"
        readonly property int rowHeight: 18
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        model: table.visible ? table.run.events : null
        reuseItems: true
        cacheBuffer: 0 // rows are cheap to make as they scroll in; a run's first frame makes only the visible ones
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}
        header: Text {
            width: list.width
            height: list.rowHeight + 2
            leftPadding: 4
            verticalAlignment: Text.AlignVCenter
            textFormat: Text.PlainText
            elide: Text.ElideRight
            font.family: "monospace"
            font.bold: true
            text: table.run.events.header
            color: table.palette.text
        }
        // Not elided (that lays a row out twice): the list clips what does not fit.
        delegate: Text {
            required property string line
            required property bool failure
            width: ListView.view.width
            height: list.rowHeight
            leftPadding: 4
            verticalAlignment: Text.AlignVCenter
            textFormat: Text.PlainText
            font.family: "monospace"
            text: line
            color: failure ? table.errorColor : table.palette.text
        }
        // The row under the pointer.
        Rectangle {
            readonly property int row: hover.hovered
                ? list.indexAt(hover.point.position.x + list.contentX, hover.point.position.y + list.contentY) : -1
            parent: list.contentItem
            visible: row >= 0
            y: row * list.rowHeight
            width: list.width
            height: list.rowHeight
            color: table.palette.highlight
            opacity: 0.15
        }
        HoverHandler { id: hover }
        TapHandler {
            onTapped: eventPoint => {
                const row = list.indexAt(eventPoint.position.x + list.contentX, eventPoint.position.y + list.contentY)
                const t = table.run.events.timeAt(row)
                if (t >= 0) table.run.scrubTo(t)
            }
        }
    }
}
