import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Stepwise

// The rules of a Choice state as condition trees: each rule is a comparison (Variable, operator,
// operand), an And / Or of conditions or a Not of one, nested as deep as the rule is; JSONata
// states have a Condition expression instead. Every rule has a Next picker; the state's Default
// has one too. Operands are checked against the operator's type as they are typed.
ColumnLayout {
    id: editor

    required property InspectorController inspector
    property color errorColor: "#c62828"
    readonly property var logicKinds: ["Comparison", "And", "Or", "Not"]

    spacing: 4

    Repeater {
        model: editor.inspector.choiceRows
        delegate: Item {
            id: node
            required property int index
            required property string key
            required property int rule
            required property int depth
            required property bool isRule
            required property string kind
            required property string next
            required property string variable
            required property string op
            required property string operand
            required property string condition
            required property int count
            readonly property bool inList: !isRule && /\/(And|Or)\/\d+$/.test(key)
            property string error: ""

            Layout.fillWidth: true
            implicitHeight: column.implicitHeight + (isRule ? 10 : 2)

            Rectangle {
                visible: node.isRule
                anchors.fill: parent
                anchors.topMargin: 6
                color: "transparent"
                border.color: editor.palette.mid
                radius: 4
            }
            Rectangle {
                visible: !node.isRule
                x: node.depth * 14 - 8
                y: 0
                width: 2
                height: parent.height
                color: editor.palette.mid
            }

            ColumnLayout {
                id: column
                x: node.depth * 14 + 6
                y: node.isRule ? 10 : 0
                width: parent.width - x - 6
                spacing: 3

                RowLayout {
                    visible: node.isRule
                    Layout.fillWidth: true
                    Label { text: "Rule " + (node.rule + 1); font.bold: true }
                    Label { text: "\u2192"; opacity: 0.7 }
                    ComboBox {
                        objectName: "rule" + node.rule + ".Next"
                        Layout.fillWidth: true
                        model: editor.inspector.siblings
                        currentIndex: editor.inspector.siblings.indexOf(node.next)
                        displayText: node.next
                        onActivated: index => editor.inspector.setRuleNext(node.rule, editor.inspector.siblings[index])
                    }
                    ToolButton { text: "\u2191"; enabled: node.rule > 0; onClicked: editor.inspector.moveRule(node.rule, node.rule - 1) }
                    ToolButton { text: "\u2715"; onClicked: editor.inspector.removeRule(node.rule) }
                }
                RowLayout {
                    Layout.fillWidth: true
                    visible: node.kind !== "Condition"
                    ComboBox {
                        objectName: "cond" + node.key + ".logic"
                        implicitWidth: 120
                        model: editor.logicKinds
                        currentIndex: editor.logicKinds.indexOf(node.kind)
                        onActivated: index => editor.inspector.setLogic(node.key, editor.logicKinds[index])
                    }
                    Label {
                        visible: node.kind === "And" || node.kind === "Or"
                        text: node.kind === "And" ? "all of " + node.count : "any of " + node.count
                        opacity: 0.7
                    }
                    Label { visible: node.kind === "Not"; text: "the condition below is false"; opacity: 0.7 }
                    Item { Layout.fillWidth: true }
                    ToolButton {
                        visible: node.kind === "And" || node.kind === "Or"
                        text: "+ condition"
                        onClicked: editor.inspector.addOperand(node.key)
                    }
                    ToolButton {
                        visible: node.inList
                        text: "\u2715"
                        onClicked: editor.inspector.removeOperand(node.key)
                    }
                }
                InspectorCell {
                    id: variableCell
                    visible: node.kind === "Comparison"
                    objectName: "cond" + node.key + ".Variable"
                    Layout.fillWidth: true
                    value: node.variable
                    placeholderText: "$.field"
                    errorColor: editor.errorColor
                    check: t => editor.inspector.checkComparison(t, opBox.currentText, operandCell.text)
                    apply: t => editor.inspector.setComparison(node.key, t, opBox.currentText, operandCell.text)
                }
                RowLayout {
                    visible: node.kind === "Comparison"
                    Layout.fillWidth: true
                    ComboBox {
                        id: opBox
                        objectName: "cond" + node.key + ".op"
                        Layout.fillWidth: true
                        model: editor.inspector.operators
                        currentIndex: editor.inspector.operators.indexOf(node.op)
                        onActivated: index => {
                            const op = editor.inspector.operators[index]
                            // A new operator keeps the operand when it fits, else a typical one.
                            let operand = operandCell.text
                            if (editor.inspector.checkComparison(variableCell.text, op, operand).length > 0)
                                operand = op.endsWith("Path") ? "$.other" : op.startsWith("Numeric") ? "0"
                                    : (op.startsWith("String") || op.startsWith("Timestamp")) ? "" : "true"
                            if (!editor.inspector.setComparison(node.key, variableCell.text, op, operand))
                                currentIndex = editor.inspector.operators.indexOf(node.op)
                        }
                    }
                    InspectorCell {
                        id: operandCell
                        objectName: "cond" + node.key + ".operand"
                        Layout.preferredWidth: 130
                        value: node.operand
                        errorColor: editor.errorColor
                        check: t => editor.inspector.checkComparison(variableCell.text, opBox.currentText, t)
                        apply: t => editor.inspector.setComparison(node.key, variableCell.text, opBox.currentText, t)
                    }
                }
                InspectorCell {
                    visible: node.kind === "Condition"
                    objectName: "cond" + node.key + ".Condition"
                    Layout.fillWidth: true
                    value: node.condition
                    placeholderText: "{% $states.input.value = true %}"
                    errorColor: editor.errorColor
                    check: t => editor.inspector.checkCondition(t)
                    apply: t => editor.inspector.setCondition(node.key, t)
                }
            }
        }
    }
    RowLayout {
        Layout.fillWidth: true
        Layout.topMargin: 6
        Label { text: "Default"; font.bold: true }
        ComboBox {
            objectName: "choice.Default"
            Layout.fillWidth: true
            model: ["(none: States.NoChoiceMatched)"].concat(editor.inspector.siblings)
            currentIndex: editor.inspector.defaultState.length > 0 ? editor.inspector.siblings.indexOf(editor.inspector.defaultState) + 1 : 0
            onActivated: index => editor.inspector.setDefault(index === 0 ? "" : editor.inspector.siblings[index - 1])
        }
    }
    Button {
        objectName: "addRule"
        text: "Add rule"
        onClicked: editor.inspector.addRule()
    }
}
