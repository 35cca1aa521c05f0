import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stepwise

// Offers back the unsaved edits of a session that ended without saving (a crash, a kill, a power
// cut): one recovery at a time, newest first. Restore opens the document with the recovered edits
// applied as one undoable step; Discard deletes them. A recovery not answered stays on disk and is
// offered again at the next start.
Dialog {
    id: dialog
    objectName: "recoveryDialog"

    required property RecoveryManager recovery
    // The recovery on show (a map of RecoveryManager.orphans).
    readonly property var entry: recovery.orphans.length > 0 ? recovery.orphans[0] : null
    property string failure: ""

    title: "Recover unsaved edits"
    modal: true
    closePolicy: Popup.NoAutoClose
    anchors.centerIn: parent
    width: Math.min(560, parent ? parent.width - 40 : 560)

    function offer() {
        if (entry)
            open()
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 10
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: dialog.entry === null ? ""
                : "Stepwise did not close normally. Unsaved edits of <b>" + dialog.entry.name
                  + "</b> were kept" + (dialog.entry.savedAt ? " (autosaved " + dialog.entry.savedAt.toLocaleString(Qt.locale(), Locale.ShortFormat) + ")" : "") + "."
        }
        Label {
            Layout.fillWidth: true
            visible: dialog.entry !== null && dialog.entry.path.length > 0
            wrapMode: Text.WrapAnywhere
            opacity: 0.7
            text: dialog.entry === null ? "" : dialog.entry.path
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            visible: text.length > 0
            text: dialog.entry === null ? ""
                : dialog.entry.error.length > 0 ? "This recovery file cannot be read: " + dialog.entry.error
                : dialog.entry.missing ? "The file is no longer on disk: restoring brings the edits back as a document you can save again."
                : dialog.entry.changedOnDisk ? "The file has changed on disk since: restoring puts the recovered version over it (Undo returns to the file on disk)."
                : "Restoring reopens the file with the edits applied; Undo returns to the file on disk."
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            visible: dialog.failure.length > 0
            color: "#c62828"
            text: dialog.failure
        }
        Label {
            Layout.fillWidth: true
            visible: dialog.recovery.orphans.length > 1
            opacity: 0.7
            text: (dialog.recovery.orphans.length - 1) + " more recovered document(s) follow."
        }
    }

    footer: DialogButtonBox {
        Button {
            objectName: "recoveryRestoreButton"
            text: "Restore"
            enabled: dialog.entry !== null && dialog.entry.error.length === 0
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: {
                const error = dialog.recovery.restore(dialog.entry.file)
                dialog.failure = error
                // One document at a time: the others wait for the next start.
                if (error.length === 0)
                    dialog.close()
            }
        }
        Button {
            objectName: "recoveryDiscardButton"
            text: "Discard"
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: {
                dialog.failure = ""
                dialog.recovery.discard(dialog.entry.file)
                if (dialog.entry === null)
                    dialog.close()
            }
        }
    }
}
