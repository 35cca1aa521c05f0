import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stepwise

// One field of the selected state: a line editor (text, numbers, paths), a multi-line JSON
// editor (payload templates, Result, Output, Assign...) or a choice (enums). Errors show under
// the field as they are typed; the edit applies when editing finishes.
ColumnLayout {
    id: field

    required property InspectorController inspector
    required property string key
    required property string kind
    required property var options
    required property string hint
    required property string value
    required property bool present
    property color errorColor: "#c62828"
    property string error: kind === "json" ? jsonEditor.error : kind === "enum" ? "" : line.error

    spacing: 2

    Label {
        text: field.key
        font.pixelSize: 12
        opacity: field.present ? 1 : 0.6
    }
    InspectorCell {
        id: line
        objectName: "field." + field.key
        visible: field.kind !== "json" && field.kind !== "enum"
        Layout.fillWidth: true
        value: field.value
        placeholderText: field.hint
        errorColor: field.errorColor
        check: t => field.inspector.checkField(field.key, t)
        apply: t => field.inspector.setField(field.key, t)
    }
    ComboBox {
        id: choice
        objectName: "field." + field.key
        visible: field.kind === "enum"
        Layout.fillWidth: true
        model: field.kind === "enum" ? field.options.map(o => o.length > 0 ? o : "(inherit)") : []
        currentIndex: Math.max(0, field.options.indexOf(field.value))
        onActivated: index => field.inspector.setField(field.key, field.options[index])
    }
    ScrollView {
        visible: field.kind === "json"
        Layout.fillWidth: true
        Layout.preferredHeight: Math.min(220, Math.max(60, jsonEditor.implicitHeight + 8))
        TextArea {
            id: jsonEditor
            objectName: "field." + field.key + ".json"
            property string error: ""
            text: field.value
            placeholderText: field.hint
            font.family: "monospace"
            font.pixelSize: 12
            selectByMouse: true
            wrapMode: TextEdit.NoWrap
            background: Rectangle {
                color: field.palette.base
                border.color: jsonEditor.error.length > 0 ? field.errorColor : field.palette.mid
                border.width: jsonEditor.error.length > 0 ? 2 : 1
                radius: 2
            }
            Connections {
                target: field
                function onValueChanged() {
                    if (!jsonEditor.activeFocus) {
                        jsonEditor.text = field.value
                        jsonEditor.error = ""
                    }
                }
            }
            onTextChanged: if (activeFocus) error = field.inspector.checkField(field.key, text)
            onEditingFinished: {
                if (error.length === 0 && text !== field.value)
                    field.inspector.setField(field.key, text)
            }
        }
    }
    Label {
        visible: field.error.length > 0
        Layout.fillWidth: true
        text: field.error
        color: field.errorColor
        wrapMode: Text.Wrap
        font.pixelSize: 11
    }
}
