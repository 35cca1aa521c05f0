import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stepwise

// The Catch rows: errors, the state to go to (a picker of the machine's states), ResultPath
// (JSONPath) or Output (JSONata), Assign; reorder; a warning on rows that can never match because
// an earlier row catches States.ALL.
ColumnLayout {
    id: table

    required property InspectorController inspector
    property color errorColor: "#c62828"
    property color warningColor: "#9a6700"

    spacing: 6

    Repeater {
        model: table.inspector.catchRows
        delegate: Frame {
            id: row
            required property int index
            required property string errors
            required property string next
            required property string resultPath
            required property string output
            required property string assign
            required property string warning
            Layout.fillWidth: true
            padding: 6

            ColumnLayout {
                anchors.left: parent.left
                anchors.right: parent.right
                spacing: 4
                RowLayout {
                    Layout.fillWidth: true
                    Label { text: "Catch " + (row.index + 1); font.bold: true; Layout.fillWidth: true }
                    ToolButton { text: "\u2191"; enabled: row.index > 0; onClicked: table.inspector.moveCatch(row.index, row.index - 1) }
                    ToolButton { text: "\u2193"; enabled: row.index < table.inspector.catchRows.count - 1; onClicked: table.inspector.moveCatch(row.index, row.index + 1) }
                    ToolButton { text: "\u2715"; onClicked: table.inspector.removeCatch(row.index) }
                }
                RowLayout {
                    Layout.fillWidth: true
                    InspectorCell {
                        objectName: "catch" + row.index + ".ErrorEquals"
                        Layout.fillWidth: true
                        value: row.errors
                        placeholderText: "ErrorEquals"
                        errorColor: table.errorColor
                        check: t => table.inspector.checkCatchField("ErrorEquals", t)
                        apply: t => table.inspector.setCatchField(row.index, "ErrorEquals", t)
                    }
                    InspectorErrorMenu {
                        current: row.errors
                        names: table.inspector.commonErrors
                        onPicked: names => table.inspector.setCatchField(row.index, "ErrorEquals", names)
                    }
                }
                RowLayout {
                    Layout.fillWidth: true
                    Label { text: "Next"; font.pixelSize: 11 }
                    ComboBox {
                        objectName: "catch" + row.index + ".Next"
                        Layout.fillWidth: true
                        model: table.inspector.siblings
                        currentIndex: table.inspector.siblings.indexOf(row.next)
                        displayText: row.next
                        onActivated: index => table.inspector.setCatchField(row.index, "Next", table.inspector.siblings[index])
                    }
                }
                Label { text: table.inspector.jsonata ? "Output" : "ResultPath"; font.pixelSize: 11; opacity: 0.8 }
                InspectorCell {
                    readonly property string key: table.inspector.jsonata ? "Output" : "ResultPath"
                    Layout.fillWidth: true
                    value: table.inspector.jsonata ? row.output : row.resultPath
                    placeholderText: table.inspector.jsonata ? "{% $states.errorOutput %}" : "$ (the error output replaces the input)"
                    errorColor: table.errorColor
                    check: t => table.inspector.checkCatchField(key, t)
                    apply: t => table.inspector.setCatchField(row.index, key, t)
                }
                Label { text: "Assign"; font.pixelSize: 11; opacity: 0.8 }
                InspectorCell {
                    Layout.fillWidth: true
                    value: row.assign
                    placeholderText: "{\"name\": \"value\"}"
                    errorColor: table.errorColor
                    check: t => table.inspector.checkCatchField("Assign", t)
                    apply: t => table.inspector.setCatchField(row.index, "Assign", t)
                }
                Label {
                    visible: row.warning.length > 0
                    Layout.fillWidth: true
                    text: "\u26a0 " + row.warning
                    color: table.warningColor
                    wrapMode: Text.Wrap
                    font.pixelSize: 11
                }
            }
        }
    }
    Button {
        text: "Add catcher"
        onClicked: table.inspector.addCatch()
    }
}
