import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stepwise

// The states as a tree (Parallel branches and Map processors nested). Clicking a row selects the
// state on the canvas and scrolls to it; selecting a single state on the canvas reveals its row.
Pane {
    id: panel

    required property OutlineModel model
    required property DiagramController controller
    signal activated(string nodeId)

    padding: 0

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        Label {
            Layout.fillWidth: true
            padding: 6
            leftPadding: 10
            text: "States"
            font.bold: true
        }

        TreeView {
            id: tree
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: panel.model
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {}

            delegate: TreeViewDelegate {
                id: row
                implicitWidth: tree.width
                highlighted: panel.controller.selection.indexOf(row.model.nodeId) >= 0
                contentItem: RowLayout {
                    spacing: 6
                    Image {
                        visible: row.model.kind === "state"
                        Layout.preferredWidth: 16
                        Layout.preferredHeight: 16
                        sourceSize: Qt.size(32, 32)
                        source: visible ? "image://stateicon/" + row.model.stateType : ""
                    }
                    Label {
                        Layout.fillWidth: true
                        text: row.model.name
                        elide: Text.ElideRight
                        font.italic: row.model.kind === "branch"
                        color: row.highlighted ? row.palette.highlightedText : row.palette.text
                    }
                }
                ToolTip.visible: hovered && row.model.kind === "state"
                ToolTip.delay: 600
                ToolTip.text: row.model.detail
                onClicked: {
                    if (row.model.kind === "state")
                        panel.activated(row.model.nodeId)
                }
            }
        }
    }

    Connections {
        target: panel.model
        function onModelReset() {
            Qt.callLater(tree.expandRecursively)
        }
    }
    Connections {
        target: panel.controller
        function onSelectionChanged() {
            if (panel.controller.selection.length !== 1)
                return
            const index = panel.model.indexOf(panel.controller.selection[0])
            tree.expandToIndex(index)
            Qt.callLater(() => {
                const cell = tree.cellAtIndex(index)
                if (cell.y >= 0)
                    tree.positionViewAtRow(cell.y, TableView.Contain)
            })
        }
    }
}
