import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stepwise

// Shown over the window while a file takes longer than 200 ms to open (DocumentLoader): what is
// being opened, how far reading got, and Cancel, which leaves the open document as it was.
Popup {
    id: popup
    objectName: "loadProgress"

    required property DocumentLoader loader

    visible: loader.showProgress
    modal: false
    closePolicy: Popup.NoAutoClose
    anchors.centerIn: parent
    width: 380

    ColumnLayout {
        anchors.fill: parent
        spacing: 8
        Label {
            Layout.fillWidth: true
            elide: Text.ElideMiddle
            text: "Opening " + popup.loader.fileName + "\u2026 " + popup.loader.phase.toLowerCase()
        }
        ProgressBar {
            Layout.fillWidth: true
            indeterminate: popup.loader.progress < 0
            value: Math.max(0, popup.loader.progress)
        }
        Button {
            objectName: "loadCancelButton"
            Layout.alignment: Qt.AlignRight
            text: "Cancel"
            onClicked: popup.loader.cancel()
        }
    }
}
