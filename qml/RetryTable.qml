import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stepwise

// The Retry rows of a Task, Parallel or Map: errors (common ones from a menu, or typed), the
// backoff fields, add / remove / reorder, and under each row the schedule it gives (from the
// States Language formula, MaxDelaySeconds and jitter included).
ColumnLayout {
    id: table

    required property InspectorController inspector
    property color errorColor: "#c62828"
    property color warningColor: "#9a6700"

    spacing: 6

    Repeater {
        model: table.inspector.retryRows
        delegate: Frame {
            id: row
            required property int index
            required property string errors
            required property string interval
            required property string maxAttempts
            required property string backoff
            required property string maxDelay
            required property string jitter
            required property string preview
            required property string warning
            Layout.fillWidth: true
            padding: 6

            ColumnLayout {
                anchors.left: parent.left
                anchors.right: parent.right
                spacing: 4
                RowLayout {
                    Layout.fillWidth: true
                    Label { text: "Retry " + (row.index + 1); font.bold: true; Layout.fillWidth: true }
                    ToolButton { text: "\u2191"; enabled: row.index > 0; onClicked: table.inspector.moveRetry(row.index, row.index - 1); ToolTip.text: "Move up"; ToolTip.visible: hovered }
                    ToolButton { text: "\u2193"; enabled: row.index < table.inspector.retryRows.count - 1; onClicked: table.inspector.moveRetry(row.index, row.index + 1); ToolTip.text: "Move down"; ToolTip.visible: hovered }
                    ToolButton { objectName: "retry" + row.index + ".remove"; text: "\u2715"; onClicked: table.inspector.removeRetry(row.index); ToolTip.text: "Remove"; ToolTip.visible: hovered }
                }
                RowLayout {
                    Layout.fillWidth: true
                    InspectorCell {
                        id: errorsCell
                        objectName: "retry" + row.index + ".ErrorEquals"
                        Layout.fillWidth: true
                        value: row.errors
                        placeholderText: "ErrorEquals"
                        errorColor: table.errorColor
                        check: t => table.inspector.checkRetryField("ErrorEquals", t)
                        apply: t => table.inspector.setRetryField(row.index, "ErrorEquals", t)
                    }
                    InspectorErrorMenu {
                        current: row.errors
                        names: table.inspector.commonErrors
                        onPicked: names => table.inspector.setRetryField(row.index, "ErrorEquals", names)
                    }
                }
                GridLayout {
                    Layout.fillWidth: true
                    columns: 3
                    columnSpacing: 6
                    rowSpacing: 2
                    Repeater {
                        model: [["IntervalSeconds", row.interval, "1"], ["MaxAttempts", row.maxAttempts, "3"],
                                ["BackoffRate", row.backoff, "2.0"], ["MaxDelaySeconds", row.maxDelay, "none"]]
                        delegate: ColumnLayout {
                            required property var modelData
                            Layout.fillWidth: true
                            spacing: 0
                            Label { text: modelData[0]; font.pixelSize: 11; opacity: 0.8 }
                            InspectorCell {
                                objectName: "retry" + row.index + "." + modelData[0]
                                Layout.fillWidth: true
                                Layout.minimumWidth: 60
                                value: modelData[1]
                                placeholderText: modelData[2]
                                errorColor: table.errorColor
                                check: t => table.inspector.checkRetryField(modelData[0], t)
                                apply: t => table.inspector.setRetryField(row.index, modelData[0], t)
                            }
                        }
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 0
                        Label { text: "JitterStrategy"; font.pixelSize: 11; opacity: 0.8 }
                        ComboBox {
                            objectName: "retry" + row.index + ".JitterStrategy"
                            Layout.fillWidth: true
                            model: ["(none)", "FULL", "NONE"]
                            currentIndex: row.jitter === "FULL" ? 1 : row.jitter === "NONE" ? 2 : 0
                            onActivated: index => table.inspector.setRetryField(row.index, "JitterStrategy", index === 0 ? "" : currentText)
                        }
                    }
                }
                Label {
                    objectName: "retry" + row.index + ".preview"
                    Layout.fillWidth: true
                    text: row.preview
                    wrapMode: Text.Wrap
                    font.pixelSize: 11
                    opacity: 0.85
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
        objectName: "addRetry"
        text: "Add retrier"
        onClicked: table.inspector.addRetry()
    }
}
