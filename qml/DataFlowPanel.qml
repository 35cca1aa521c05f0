import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stepwise

// The data flow of the state selected on the canvas: per attempt and per Map iteration, its input,
// each processing stage, the variables it assigned, its output, error and cause.
ColumnLayout {
    id: panel

    required property RunController run
    property color errorColor: "red"
    // The attempt the user picked (-1: the latest, the one at the cursor).
    property int chosen: -1
    readonly property int shown: chosen >= 0 && chosen < run.attempts.length ? chosen : run.attempts.length - 1

    Connections {
        target: panel.run
        function onSelectedStateChanged() { panel.chosen = -1 }
    }

    Label {
        Layout.fillWidth: true
        wrapMode: Text.Wrap
        text: panel.run.selectedState.length === 0 ? "Select a state on the canvas to see its data flow."
              : panel.run.attempts.length === 0 ? panel.run.selectedState + " has not run yet."
              : panel.run.selectedState + ": " + panel.run.attempts.length + " attempt(s)"
    }
    ComboBox {
        id: attemptBox
        Layout.fillWidth: true
        visible: panel.run.attempts.length > 1
        model: panel.run.attempts.map(a => a.title + " \u00b7 " + a.status)
        currentIndex: panel.shown
        onActivated: index => panel.chosen = index
    }
    ScrollView {
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        ColumnLayout {
            width: panel.width - 12
            readonly property var attempt: panel.shown >= 0 ? panel.run.attempts[panel.shown] : null
            Label {
                visible: parent.attempt !== null
                text: parent.attempt ? parent.attempt.title + " \u00b7 " + parent.attempt.status : ""
                font.bold: true
            }
            Label {
                Layout.fillWidth: true
                visible: parent.attempt !== null && parent.attempt.error.length > 0
                text: parent.attempt ? "Error: " + parent.attempt.error + (parent.attempt.cause.length > 0 ? "\nCause: " + parent.attempt.cause : "") : ""
                color: panel.errorColor
                wrapMode: Text.Wrap
            }
            Repeater {
                model: parent.attempt ? parent.attempt.stages : []
                delegate: ColumnLayout {
                    required property var modelData
                    Layout.fillWidth: true
                    Label {
                        text: modelData.name
                        font.bold: true
                        color: palette.placeholderText
                    }
                    TextArea {
                        Layout.fillWidth: true
                        readOnly: true
                        selectByMouse: true
                        wrapMode: TextEdit.Wrap
                        font.family: "monospace"
                        text: modelData.json
                    }
                }
            }
        }
    }
}
