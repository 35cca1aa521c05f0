import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs
import Stepwise

// The run panel: execution input, mocks, seed and speed; Start / Pause / Step / Step over / Run to
// the selected state / Stop; breakpoints; the data flow of the selected state; pending callbacks;
// replay of an AWS execution history. Everything it shows comes from RunController.
Pane {
    id: panel

    required property RunController run
    // The state selected on the canvas (a state name, "" when none or several).
    property string selectedState: ""
    property color errorColor: "red"

    padding: 6

    readonly property var speeds: [["1x", 1], ["10x", 10], ["60x", 60], ["3600x", 3600], ["Max", 0]]

    FileDialog {
        id: mocksDialog
        title: "Choose a mock file"
        nameFilters: ["Mock files (*.json)", "All files (*)"]
        onAccepted: panel.run.mocksPath = selectedFile
    }
    FileDialog {
        id: skeletonDialog
        title: "Create a mock skeleton"
        fileMode: FileDialog.SaveFile
        nameFilters: ["MockConfigFile (*.mocks-config.json *.json)"]
        onAccepted: panel.run.createMockSkeleton(selectedFile)
    }
    FileDialog {
        id: historyDialog
        title: "Open an execution history"
        nameFilters: ["Execution history (*.json)", "All files (*)"]
        onAccepted: panel.run.openHistory(selectedFile)
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 4

        Label {
            text: "Run"
            font.bold: true
        }
        Flow {
            Layout.fillWidth: true
            spacing: 2
            Button {
                objectName: "runStart"
                text: "Start"
                onClicked: panel.run.start()
            }
            Button {
                text: panel.run.phase === "playing" ? "Pause" : "Play"
                enabled: panel.run.phase !== "finished"
                onClicked: panel.run.phase === "playing" ? panel.run.pause() : panel.run.play()
            }
            Button {
                text: "Step"
                ToolTip.visible: hovered
                ToolTip.text: "Apply the next history event"
                onClicked: panel.run.stepEvent()
            }
            Button {
                text: "Step over"
                ToolTip.visible: hovered
                ToolTip.text: "Play until the state of the next event has left"
                onClicked: panel.run.stepOverState()
            }
            Button {
                text: "Run to selected"
                enabled: panel.selectedState.length > 0
                onClicked: panel.run.runToState(panel.selectedState)
            }
            Button {
                text: "Stop"
                enabled: panel.run.active
                onClicked: panel.run.stop()
            }
        }
        RowLayout {
            Layout.fillWidth: true
            Label { text: "Speed" }
            ComboBox {
                id: speedBox
                model: panel.speeds.map(s => s[0])
                currentIndex: {
                    for (let i = 0; i < panel.speeds.length; ++i)
                        if (panel.speeds[i][1] === panel.run.speed)
                            return i
                    return 1
                }
                onActivated: index => panel.run.speed = panel.speeds[index][1]
            }
            Label { text: "Seed" }
            SpinBox {
                from: 0
                to: 1000000
                editable: true
                value: panel.run.seed
                onValueModified: panel.run.seed = value
            }
        }
        Label {
            Layout.fillWidth: true
            text: panel.run.active ? panel.run.summary + (panel.run.replay ? " \u00b7 replay" : "") : "Not running"
            elide: Text.ElideRight
        }
        RowLayout {
            Layout.fillWidth: true
            Button {
                text: panel.run.hasBreakpoint(panel.selectedState) && panel.run.breakpoints.length >= 0
                      ? "Remove breakpoint" : "Breakpoint on selected"
                enabled: panel.selectedState.length > 0
                onClicked: panel.run.toggleBreakpoint(panel.selectedState)
            }
            Label {
                Layout.fillWidth: true
                elide: Text.ElideRight
                text: panel.run.breakpoints.length > 0 ? "\u25cf " + panel.run.breakpoints.join(", ") : "No breakpoints"
            }
        }
        // Open one iteration of a Map: its processor's states show that iteration on the canvas.
        RowLayout {
            id: iterationRow
            readonly property string map: panel.run.active ? panel.run.mapOf(panel.selectedState) : ""
            // Re-read on every step of the run (the number of items is known once the Map started).
            readonly property int total: panel.run.cursorEvents >= 0 ? panel.run.iterationCount(map) : 0
            Layout.fillWidth: true
            visible: map.length > 0
            Label { text: "Iteration of " + iterationRow.map }
            SpinBox {
                from: -1
                to: Math.max(0, iterationRow.total - 1)
                editable: true
                value: panel.run.focusMap === iterationRow.map ? panel.run.focusIteration : -1
                textFromValue: (v, locale) => v < 0 ? "latest" : "#" + v
                valueFromText: (text, locale) => text.startsWith("#") ? parseInt(text.substring(1)) : -1
                onValueModified: panel.run.openIteration(iterationRow.map, value)
            }
        }
        Label {
            Layout.fillWidth: true
            visible: panel.run.error.length > 0
            text: panel.run.error
            color: panel.errorColor
            wrapMode: Text.Wrap
        }

        TabBar {
            id: tabs
            objectName: "runTabs"
            Layout.fillWidth: true
            TabButton { text: "Input" }
            TabButton { text: "Mocks" }
            TabButton { text: "Data flow" }
            TabButton { text: "Callbacks" + (panel.run.pendingCallbacks.length > 0 ? " (" + panel.run.pendingCallbacks.length + ")" : "") }
            TabButton { text: "Replay" }
        }
        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: tabs.currentIndex

            ColumnLayout {
                ScrollView {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    TextArea {
                        objectName: "runInput"
                        font.family: "monospace"
                        text: panel.run.inputText
                        placeholderText: "{ } execution input (JSON)"
                        onTextChanged: if (text !== panel.run.inputText) panel.run.inputText = text
                    }
                }
                Label {
                    Layout.fillWidth: true
                    text: panel.run.inputError.length > 0 ? "Not JSON: " + panel.run.inputError : "Valid JSON"
                    color: panel.run.inputError.length > 0 ? panel.errorColor : palette.placeholderText
                    wrapMode: Text.Wrap
                }
            }

            ColumnLayout {
                Label {
                    Layout.fillWidth: true
                    text: panel.run.mocksPath.length > 0 ? panel.run.mocksPath : "No mocks: every task returns its input"
                    elide: Text.ElideMiddle
                }
                RowLayout {
                    Button {
                        text: "Choose\u2026"
                        onClicked: mocksDialog.open()
                    }
                    Button {
                        text: "None"
                        enabled: panel.run.mocksPath.length > 0
                        onClicked: panel.run.mocksPath = ""
                    }
                    Button {
                        text: "Create mock skeleton\u2026"
                        onClicked: skeletonDialog.open()
                    }
                }
                Label {
                    visible: panel.run.suggestedMocks.length > 0
                    text: "Mocks for this machine:"
                }
                Repeater {
                    model: panel.run.suggestedMocks
                    delegate: ItemDelegate {
                        required property string modelData
                        Layout.fillWidth: true
                        text: modelData.split("/").pop()
                        highlighted: modelData === panel.run.mocksPath
                        onClicked: panel.run.mocksPath = modelData
                    }
                }
                RowLayout {
                    visible: panel.run.testCases.length > 0
                    Label { text: "Test case" }
                    ComboBox {
                        Layout.fillWidth: true
                        model: panel.run.testCases
                        currentIndex: panel.run.testCases.indexOf(panel.run.testCase)
                        onActivated: index => panel.run.testCase = panel.run.testCases[index]
                    }
                }
                Item { Layout.fillHeight: true }
            }

            DataFlowPanel {
                run: panel.run
                errorColor: panel.errorColor
            }

            CallbackPanel {
                run: panel.run
            }

            ColumnLayout {
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    text: "Replay an execution history exported from AWS (aws stepfunctions get-execution-history) "
                          + "on this definition, and compare it with a simulation of the same input."
                }
                RowLayout {
                    Button {
                        text: "Open history\u2026"
                        onClicked: historyDialog.open()
                    }
                    Button {
                        text: "Compare with simulation"
                        enabled: panel.run.replay
                        onClicked: panel.run.compareWithSimulation()
                    }
                }
                Label {
                    Layout.fillWidth: true
                    visible: panel.run.replay
                    wrapMode: Text.Wrap
                    text: panel.run.divergingStates.length > 0
                          ? "Diverging states (\u2260 on the canvas): " + panel.run.divergingStates.join(", ")
                          : "No divergence found (compare to check)."
                }
                Item { Layout.fillHeight: true }
            }
        }
    }
}
