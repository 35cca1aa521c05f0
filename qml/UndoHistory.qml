import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stepwise

// Every edit since the file was opened; clicking a row undoes or redoes to it. The row that
// matches the file on disk is marked "saved".
Pane {
    id: panel

    required property UndoHistoryModel model

    padding: 0

    ListView {
        id: list
        objectName: "undoHistory"
        anchors.fill: parent
        clip: true
        model: panel.model
        currentIndex: panel.model.currentIndex
        ScrollBar.vertical: ScrollBar {}
        delegate: ItemDelegate {
            id: entry
            required property int index
            required property string label
            required property bool current
            required property bool clean
            width: list.width
            highlighted: current
            contentItem: RowLayout {
                Label {
                    Layout.fillWidth: true
                    text: entry.label
                    elide: Text.ElideRight
                    font.bold: entry.current
                    opacity: entry.index > panel.model.currentIndex ? 0.5 : 1
                    color: entry.highlighted ? panel.palette.highlightedText : panel.palette.text
                }
                Label {
                    visible: entry.clean
                    text: "saved"
                    font.pixelSize: 11
                    color: entry.highlighted ? panel.palette.highlightedText : panel.palette.placeholderText
                }
            }
            onClicked: panel.model.setIndex(index)
        }
    }
}
