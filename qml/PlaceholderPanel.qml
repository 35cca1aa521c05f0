import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stepwise

// The `${Placeholder}` values of the open definition (docs/formats.md): one editable value per
// placeholder, remembered for this file, and a preview of every string that uses one as it will
// be deployed. The simulation and the cost estimate run the definition with these values; the
// file itself is never changed.
Pane {
    id: panel

    required property PlaceholderValues values
    property color warningColor: "orange"

    padding: 6
    readonly property color muted: palette.placeholderText

    RowLayout {
        anchors.fill: parent
        spacing: 12

        ColumnLayout {
            Layout.fillWidth: true
            Layout.preferredWidth: 300
            Layout.minimumWidth: 260
            Layout.fillHeight: true
            spacing: 4

            Label {
                font.bold: true
                text: "Placeholder values" + (panel.values.count > 0 ? " (" + panel.values.count + ")" : "")
            }
            Label {
                visible: panel.values.count === 0
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                color: panel.muted
                text: "This definition has no ${Name} placeholders."
            }
            ListView {
                id: list
                objectName: "placeholderList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: panel.values.placeholders
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar {}
                spacing: 2
                delegate: RowLayout {
                    id: entry
                    required property var modelData
                    width: ListView.view.width
                    spacing: 6
                    Label {
                        Layout.preferredWidth: 130
                        text: "${" + entry.modelData.name + "}"
                        font.family: "monospace"
                        elide: Text.ElideRight
                        ToolTip.visible: nameHover.hovered
                        ToolTip.text: "Used in " + entry.modelData.usedIn
                        HoverHandler { id: nameHover }
                    }
                    TextField {
                        objectName: "placeholderValue_" + entry.modelData.name
                        Layout.fillWidth: true
                        text: entry.modelData.value
                        placeholderText: "no value"
                        selectByMouse: true
                        onEditingFinished: panel.values.setValue(entry.modelData.name, text)
                    }
                    ToolButton {
                        text: "\u00d7"
                        enabled: entry.modelData.hasValue
                        onClicked: panel.values.clearValue(entry.modelData.name)
                        ToolTip.visible: hovered
                        ToolTip.text: "Forget the value"
                    }
                }
            }
            Label {
                visible: panel.values.unresolved.length > 0
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                color: panel.warningColor
                text: "Without a value (left as written): " + panel.values.unresolved.join(", ")
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.preferredWidth: 300
            Layout.fillHeight: true
            spacing: 4
            visible: panel.values.count > 0

            Label {
                font.bold: true
                text: "Preview"
            }
            ListView {
                objectName: "placeholderPreview"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: panel.values.preview
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar {}
                delegate: ColumnLayout {
                    id: item
                    required property var modelData
                    width: ListView.view.width
                    spacing: 0
                    Label {
                        text: item.modelData.pointer
                        color: panel.muted
                        font.pixelSize: 11
                    }
                    Label {
                        Layout.fillWidth: true
                        leftPadding: 10
                        elide: Text.ElideRight
                        font.family: "monospace"
                        text: item.modelData.after
                        color: item.modelData.after === item.modelData.before ? panel.warningColor : palette.text
                    }
                }
            }
        }
    }
}
