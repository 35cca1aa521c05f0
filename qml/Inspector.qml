import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stepwise

// The inspector of the selected state (the machine's own fields when no single state is
// selected): name (rename rewrites every reference), StartAt and Next/End, then the fields grouped
// as in the console — Configuration (with the Choice editor), Input, Output, Error handling (Retry
// and Catch tables), Variables.
Pane {
    id: panel

    required property InspectorController inspector
    required property EditController editor
    property color errorColor: "#c62828"
    property color warningColor: "#9a6700"
    readonly property var groups: ["Configuration", "Input", "Output", "Error handling", "Variables"]
    // Fields the state does not have are offered by each group's "Add field" menu; a field added
    // from it shows (empty) until the selection changes.
    property var revealed: ({})
    Connections {
        target: panel.inspector
        function onStateIdChanged() { panel.revealed = ({}) }
    }

    padding: 0

    ScrollView {
        id: scroll
        anchors.fill: parent
        contentWidth: availableWidth
        clip: true

        ColumnLayout {
            width: scroll.availableWidth
            spacing: 8

            ColumnLayout {
                Layout.fillWidth: true
                Layout.margins: 10
                spacing: 6

                RowLayout {
                    Layout.fillWidth: true
                    Image {
                        visible: panel.inspector.hasState
                        Layout.preferredWidth: 20
                        Layout.preferredHeight: 20
                        sourceSize: Qt.size(40, 40)
                        source: visible ? "image://stateicon/" + panel.inspector.stateType : ""
                    }
                    Label {
                        Layout.fillWidth: true
                        text: panel.inspector.hasState ? panel.inspector.stateType + " state"
                                                       : "State machine"
                        font.bold: true
                        font.pixelSize: 15
                    }
                    Label {
                        visible: panel.inspector.hasState
                        text: panel.inspector.jsonata ? "JSONata" : "JSONPath"
                        opacity: 0.7
                    }
                }
                InspectorCell {
                    objectName: "inspector.name"
                    visible: panel.inspector.hasState
                    Layout.fillWidth: true
                    value: panel.inspector.stateName
                    placeholderText: "Name"
                    errorColor: panel.errorColor
                    check: t => panel.editor.checkName(panel.inspector.stateId, t)
                    apply: t => panel.editor.renameState(panel.inspector.stateId, t)
                }
                RowLayout {
                    visible: panel.inspector.hasState
                    Layout.fillWidth: true
                    CheckBox {
                        text: "Start state"
                        checked: panel.inspector.isStart
                        enabled: !panel.inspector.isStart
                        onToggled: panel.editor.setStartAt(panel.inspector.stateId)
                    }
                    Label { visible: panel.inspector.canEnd; text: "Next"; Layout.leftMargin: 8 }
                    ComboBox {
                        objectName: "inspector.next"
                        visible: panel.inspector.canEnd
                        Layout.fillWidth: true
                        readonly property var targets: panel.inspector.siblings.filter(n => n !== panel.inspector.stateName)
                        model: ["(End)"].concat(targets)
                        currentIndex: panel.inspector.next.length > 0 ? targets.indexOf(panel.inspector.next) + 1 : 0
                        onActivated: index => panel.inspector.setNext(index === 0 ? "" : targets[index - 1])
                    }
                }
                Label {
                    visible: !panel.inspector.hasState
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    opacity: 0.7
                    text: "Select one state on the canvas to edit it. The fields below belong to the whole state machine."
                }
                Label {
                    readonly property string message: panel.inspector.lastError.length > 0 ? panel.inspector.lastError
                                                                                           : panel.editor.lastError
                    visible: message.length > 0
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    color: panel.errorColor
                    text: message
                }
            }

            Repeater {
                model: panel.groups
                delegate: ColumnLayout {
                    id: section
                    required property string modelData
                    readonly property bool errors: modelData === "Error handling"
                    readonly property bool choice: modelData === "Configuration" && panel.inspector.stateType === "Choice"
                    property bool hasFields: false
                    Layout.fillWidth: true
                    Layout.leftMargin: 10
                    Layout.rightMargin: 10
                    spacing: 6
                    visible: hasFields || (errors && panel.inspector.canRetry) || choice

                    Rectangle { Layout.fillWidth: true; height: 1; color: panel.palette.mid }
                    RowLayout {
                        Layout.fillWidth: true
                        Label { Layout.fillWidth: true; text: section.modelData; font.bold: true; font.pixelSize: 13 }
                        ToolButton {
                            id: addField
                            objectName: "addField." + section.modelData
                            property var absent: []
                            visible: section.hasFields
                            text: "+ field"
                            font.pixelSize: 11
                            onClicked: {
                                const keys = []
                                for (let i = 0; i < fieldRepeater.count; ++i) {
                                    const f = fieldRepeater.itemAt(i)
                                    if (f && f.group === section.modelData && !f.present && panel.revealed[f.key] !== true)
                                        keys.push(f.key)
                                }
                                absent = keys
                                if (keys.length > 0)
                                    fieldMenu.open()
                            }
                            Menu {
                                id: fieldMenu
                                Repeater {
                                    model: addField.absent
                                    delegate: MenuItem {
                                        required property string modelData
                                        text: modelData
                                        onTriggered: {
                                            const r = Object.assign({}, panel.revealed)
                                            r[modelData] = true
                                            panel.revealed = r
                                        }
                                    }
                                }
                            }
                        }
                    }

                    ChoiceEditor {
                        visible: section.choice
                        Layout.fillWidth: true
                        inspector: panel.inspector
                        errorColor: panel.errorColor
                    }
                    Repeater {
                        id: fieldRepeater
                        model: panel.inspector.fields
                        delegate: InspectorField {
                            required property string group
                            visible: group === section.modelData && (present || panel.revealed[key] === true)
                            Layout.fillWidth: true
                            inspector: panel.inspector
                            errorColor: panel.errorColor
                        }
                        function recount() {
                            let n = 0
                            for (let i = 0; i < count; ++i)
                                if (itemAt(i) && itemAt(i).group === section.modelData)
                                    ++n
                            section.hasFields = n > 0
                        }
                        onItemAdded: Qt.callLater(recount)
                        onItemRemoved: Qt.callLater(recount)
                    }
                    Label {
                        visible: section.errors && panel.inspector.canRetry
                        text: "Retry"
                        font.pixelSize: 12
                        opacity: 0.8
                    }
                    RetryTable {
                        visible: section.errors && panel.inspector.canRetry
                        Layout.fillWidth: true
                        inspector: panel.inspector
                        errorColor: panel.errorColor
                        warningColor: panel.warningColor
                    }
                    Label {
                        visible: section.errors && panel.inspector.canRetry
                        text: "Catch"
                        font.pixelSize: 12
                        opacity: 0.8
                    }
                    CatchTable {
                        visible: section.errors && panel.inspector.canRetry
                        Layout.fillWidth: true
                        inspector: panel.inspector
                        errorColor: panel.errorColor
                        warningColor: panel.warningColor
                    }
                }
            }
            Item { Layout.preferredHeight: 10 }
        }
    }
}
