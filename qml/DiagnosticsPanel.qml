import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stepwise

// The validator's findings for the open file; clicking one selects the state it is about.
Pane {
    id: panel

    required property DiagnosticsModel model
    required property color errorColor
    required property color warningColor
    signal activated(string nodeId)

    padding: 0

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        Label {
            Layout.fillWidth: true
            padding: 6
            leftPadding: 10
            font.bold: true
            text: "Diagnostics" + (panel.model.errorCount + panel.model.warningCount > 0
                                   ? " (" + panel.model.errorCount + " errors, " + panel.model.warningCount + " warnings)" : "")
        }

        ListView {
            id: list
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: panel.model
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {}

            delegate: ItemDelegate {
                id: entry
                required property string severity
                required property string code
                required property string message
                required property int line
                required property int column
                required property string nodeId
                required property string stateName
                width: ListView.view.width
                padding: 3
                leftPadding: 10
                contentItem: RowLayout {
                    spacing: 8
                    Rectangle {
                        Layout.preferredWidth: 8
                        Layout.preferredHeight: 8
                        radius: 4
                        color: entry.severity === "error" ? panel.errorColor : panel.warningColor
                    }
                    Label {
                        text: entry.line + ":" + entry.column
                        color: entry.palette.placeholderText
                        Layout.preferredWidth: 52
                    }
                    Label {
                        text: entry.code
                        font.bold: true
                    }
                    Label {
                        Layout.fillWidth: true
                        text: entry.message + (entry.stateName.length > 0 ? "  \u2014 " + entry.stateName : "")
                        elide: Text.ElideRight
                    }
                }
                onClicked: panel.activated(entry.nodeId)
            }

            Label {
                anchors.centerIn: parent
                visible: list.count === 0
                text: "No problems found"
                color: panel.palette.placeholderText
            }
        }
    }
}
