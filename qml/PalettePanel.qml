import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stepwise

// The states the designer adds: the eight types and common service integrations. A click adds
// the state after the selected one (taking over its transition), else at the end of the machine.
Pane {
    id: panel

    required property EditController editor

    padding: 0

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        Label {
            Layout.fillWidth: true
            padding: 6
            leftPadding: 10
            text: "Add state"
            font.bold: true
        }
        ListView {
            id: list
            objectName: "palette"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: panel.editor.paletteItems
            ScrollBar.vertical: ScrollBar {}
            delegate: Column {
                id: entry
                required property var modelData
                required property int index
                readonly property bool firstOfGroup: index === 0 || panel.editor.paletteItems[index - 1].group !== modelData.group
                width: list.width
                Label {
                    visible: entry.firstOfGroup
                    padding: 4
                    leftPadding: 10
                    text: entry.modelData.group
                    font.pixelSize: 11
                    opacity: 0.7
                }
                ItemDelegate {
                    objectName: "palette." + entry.modelData.id
                    width: list.width
                    leftPadding: 10
                    contentItem: RowLayout {
                        spacing: 6
                        Image {
                            Layout.preferredWidth: 16
                            Layout.preferredHeight: 16
                            sourceSize: Qt.size(32, 32)
                            source: "image://stateicon/" + entry.modelData.type
                        }
                        Label {
                            Layout.fillWidth: true
                            text: entry.modelData.label
                            elide: Text.ElideRight
                        }
                    }
                    // Rows on the panel's colour, like the outline's.
                    background: Rectangle {
                        color: parent.down ? panel.palette.midlight : parent.hovered ? panel.palette.alternateBase : "transparent"
                    }
                    ToolTip.text: entry.modelData.description + (entry.modelData.resource.length > 0 ? "\n" + entry.modelData.resource : "")
                    ToolTip.visible: hovered
                    ToolTip.delay: 600
                    onClicked: panel.editor.addFromPalette(entry.modelData.id)
                }
            }
        }
    }
}
