import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stepwise

// Pending .waitForTaskToken tasks at the cursor: answer each with Send success (JSON output),
// Send failure (error, cause) or Heartbeat, as a worker would call SendTask* on AWS.
ColumnLayout {
    id: panel

    required property RunController run

    Label {
        Layout.fillWidth: true
        wrapMode: Text.Wrap
        visible: panel.run.pendingCallbacks.length === 0
        text: "No task is waiting for a callback. Tasks whose mock says \"Callback\": \"Pending\" wait here."
    }
    ListView {
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        model: panel.run.pendingCallbacks
        spacing: 8
        delegate: ColumnLayout {
            id: entry
            required property var modelData
            width: ListView.view.width
            Label {
                text: entry.modelData.state + " \u00b7 waiting since " + entry.modelData.since.toFixed(1) + " s"
                font.bold: true
            }
            TextField {
                id: output
                Layout.fillWidth: true
                font.family: "monospace"
                text: "{}"
                placeholderText: "output (JSON)"
            }
            RowLayout {
                Button {
                    text: "Send success"
                    onClicked: panel.run.sendSuccess(entry.modelData.token, output.text)
                }
                Button {
                    text: "Heartbeat"
                    onClicked: panel.run.sendHeartbeat(entry.modelData.token)
                }
            }
            RowLayout {
                TextField {
                    id: errorName
                    Layout.fillWidth: true
                    placeholderText: "error"
                    text: "States.TaskFailed"
                }
                TextField {
                    id: cause
                    Layout.fillWidth: true
                    placeholderText: "cause"
                }
                Button {
                    text: "Send failure"
                    onClicked: panel.run.sendFailure(entry.modelData.token, errorName.text, cause.text)
                }
            }
        }
    }
}
