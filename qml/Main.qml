import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stepwise

ApplicationWindow {
    id: window
    required property string initialFile
    width: 1200
    height: 800
    visible: true
    title: (doc.filePath.length > 0 ? doc.filePath + " - " : "") + "Stepwise"

    DocumentController {
        id: doc
    }

    Component.onCompleted: if (initialFile.length > 0) doc.open(initialFile)

    ColumnLayout {
        anchors.fill: parent
        Label {
            Layout.margins: 8
            text: doc.errorText.length > 0 ? doc.errorText : (doc.stateNames.length + " states")
        }
        ListView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            model: doc.stateNames
            delegate: ItemDelegate {
                required property string modelData
                width: ListView.view.width
                text: modelData
            }
        }
    }
}
