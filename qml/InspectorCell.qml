import QtQuick
import QtQuick.Controls

// A one-line editor that validates as you type and applies when editing finishes (Enter or
// leaving the field), so one typing gesture is one undo step. `check(text)` returns an error
// ("" when fine); `apply(text)` makes the edit. The shown text follows `value` (undo, redo, other
// views) unless the user is typing in it.
TextField {
    id: cell

    property string value
    property var check: function(t) { return "" }
    property var apply: function(t) {}
    property string error: ""
    property color errorColor: "#c62828"

    text: value
    selectByMouse: true
    // Long values show their beginning (a path's root), not their end.
    onValueChanged: if (!activeFocus) { text = value; error = ""; cursorPosition = 0 }
    Component.onCompleted: cursorPosition = 0
    onActiveFocusChanged: if (!activeFocus && error.length > 0) { text = value; error = "" }
    onTextEdited: error = check(text)
    onEditingFinished: {
        if (error.length === 0 && text !== value)
            apply(text)
    }
    Keys.onEscapePressed: { text = value; error = ""; focus = false }

    ToolTip.visible: error.length > 0 && activeFocus
    ToolTip.text: error

    Rectangle {
        anchors.fill: parent
        visible: cell.error.length > 0
        color: "transparent"
        border.color: cell.errorColor
        border.width: 2
        radius: 2
    }
}
