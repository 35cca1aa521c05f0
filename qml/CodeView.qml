import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stepwise

// The definition as text, in sync with the canvas both ways: edits elsewhere replace the text
// (unless you are typing in it); your typing applies as one undoable "Edit code" step per visit
// to the view, each time the text parses (after a short pause). Parse errors show with their line
// and column, and the cursor can jump there.
Pane {
    id: view

    required property EditController editor
    property color errorColor: "#c62828"
    property int session: 1
    // True while the view's own text is being applied: the change that comes back is not replaced
    // (it may be formatted differently from what is being typed).
    property bool applying: false
    function applyNow() {
        applying = true
        editor.applyCode(area.text, session)
        applying = false
    }

    padding: 0

    function refresh() {
        if (!visible || area.text === editor.codeText) return
        applying = true
        area.text = editor.codeText
        applying = false
    }
    onVisibleChanged: refresh()
    Component.onCompleted: refresh()

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        ScrollView {
            id: scroll
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            TextArea {
                id: area
                objectName: "codeText"
                // Filled only while the view is shown: laying out a large definition's text costs
                // hundreds of milliseconds on the UI thread, for every change, when nobody looks.
                font.family: "monospace"
                font.pixelSize: 12
                selectByMouse: true
                wrapMode: TextEdit.NoWrap
                onActiveFocusChanged: {
                    if (activeFocus) {
                        view.session += 1 // a new visit, a new undo step
                    } else {
                        if (apply.running) {
                            apply.stop()
                            view.applyNow()
                        }
                        if (view.editor.codeError.length === 0)
                            text = view.editor.codeText
                    }
                }
                onTextChanged: if (activeFocus && !view.applying) apply.restart()
                Connections {
                    target: view.editor
                    function onCodeTextChanged() {
                        if (!view.visible || view.applying || area.text === view.editor.codeText)
                            return
                        const pos = area.cursorPosition
                        view.applying = true
                        area.text = view.editor.codeText
                        view.applying = false
                        area.cursorPosition = Math.min(pos, area.length)
                    }
                }
            }
        }
        Timer {
            id: apply
            interval: 400
            onTriggered: view.applyNow()
        }
        RowLayout {
            Layout.fillWidth: true
            Layout.margins: 4
            visible: view.editor.codeError.length > 0
            Label {
                objectName: "codeError"
                Layout.fillWidth: true
                color: view.errorColor
                elide: Text.ElideRight
                text: "Line " + view.editor.codeErrorLine + ", column " + view.editor.codeErrorColumn + ": " + view.editor.codeError
            }
            Button {
                text: "Go to"
                onClicked: {
                    const lines = area.text.split("\n")
                    let pos = 0
                    for (let i = 0; i < view.editor.codeErrorLine - 1 && i < lines.length; ++i)
                        pos += lines[i].length + 1
                    area.forceActiveFocus()
                    area.cursorPosition = Math.min(area.length, pos + Math.max(0, view.editor.codeErrorColumn - 1))
                }
            }
        }
    }
}
