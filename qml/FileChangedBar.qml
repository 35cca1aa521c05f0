import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stepwise

// A bar above the canvas when the open file was changed or removed on disk by something else
// (FileWatcher): Reload takes the disk version, Keep Mine keeps the editor's (the next save
// overwrites the file).
ToolBar {
    id: bar
    objectName: "fileChangedBar"

    required property FileWatcher watcher
    required property bool modified

    visible: watcher.changedOnDisk || watcher.deletedOnDisk

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 8
        Label {
            Layout.fillWidth: true
            elide: Text.ElideRight
            text: bar.watcher.deletedOnDisk
                ? "The file was deleted or moved on disk. Save writes it again."
                : "The file changed on disk." + (bar.modified ? " Reloading discards your unsaved edits." : "")
        }
        Button {
            objectName: "fileReloadButton"
            text: "Reload"
            visible: bar.watcher.changedOnDisk
            onClicked: bar.watcher.reload()
        }
        Button {
            objectName: "fileKeepButton"
            text: "Keep Mine"
            onClicked: bar.watcher.keepMine()
        }
    }
}
