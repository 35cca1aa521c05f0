import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs
import Stepwise

// The Cost panel (docs/cost.md): how often the workflow runs, where, as which type, with which
// input and mocks; Estimate runs the Monte Carlo simulation on a worker thread; the report shows
// the monthly bill, the per-state breakdown (also painted on the canvas as a heat map),
// Standard vs Express, a histogram of transitions per execution and the hints. Every figure
// comes from CostController.
Pane {
    id: panel

    required property CostController cost
    property color errorColor: "red"
    property color warningColor: "orange"

    padding: 6

    readonly property var frequencies: [["month", "a month"], ["week", "a week"], ["day", "a day"],
                                        ["schedule", "on a schedule"]]
    readonly property color muted: palette.placeholderText

    FileDialog {
        id: mocksDialog
        title: "Choose a mock file"
        nameFilters: ["Mock files (*.json)", "All files (*)"]
        onAccepted: panel.cost.mocksFile = selectedFile
    }
    FileDialog {
        id: exportDialog
        property string format: "markdown"
        title: "Export the cost report"
        fileMode: FileDialog.SaveFile
        defaultSuffix: format === "markdown" ? "md" : format
        nameFilters: format === "markdown" ? ["Markdown (*.md)"] : format === "csv" ? ["CSV (*.csv)"] : ["JSON (*.json)"]
        onAccepted: {
            const error = panel.cost.exportReport(selectedFile, format)
            exportStatus.text = error.length > 0 ? error : "Saved " + selectedFile.toString().replace(/^file:\/\//, "")
        }
    }
    function exportAs(format) {
        exportDialog.format = format
        exportDialog.open()
    }

    RowLayout {
        anchors.fill: parent
        spacing: 10

        // Settings
        ScrollView {
            id: settingsView
            Layout.preferredWidth: 280
            Layout.minimumWidth: 280
            Layout.fillHeight: true
            contentWidth: availableWidth
            clip: true

            ColumnLayout {
                width: settingsView.availableWidth - 8
                spacing: 4

                RowLayout {
                    Layout.fillWidth: true
                    Label {
                        text: "Cost"
                        font.bold: true
                        Layout.fillWidth: true
                    }
                    Button {
                        objectName: "costEstimate"
                        text: panel.cost.running ? "Cancel" : "Estimate"
                        highlighted: !panel.cost.running && (panel.cost.stale || !panel.cost.hasReport)
                        onClicked: panel.cost.running ? panel.cost.cancel() : panel.cost.run()
                    }
                }
                ProgressBar {
                    Layout.fillWidth: true
                    visible: panel.cost.running
                    value: panel.cost.progress
                }
                Label {
                    text: "Executions"
                    color: panel.muted
                }
                RowLayout {
                    Layout.fillWidth: true
                    TextField {
                        objectName: "costExecutions"
                        visible: panel.cost.frequency !== "schedule"
                        Layout.preferredWidth: 90
                        text: panel.cost.executions
                        validator: DoubleValidator { bottom: 0 }
                        selectByMouse: true
                        onEditingFinished: panel.cost.executions = Number(text)
                    }
                    TextField {
                        objectName: "costSchedule"
                        visible: panel.cost.frequency === "schedule"
                        Layout.fillWidth: true
                        text: panel.cost.schedule
                        placeholderText: "cron(0 3 ? * MON *) or rate(1 hour)"
                        selectByMouse: true
                        onEditingFinished: panel.cost.schedule = text
                    }
                    ComboBox {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 110
                        model: panel.frequencies.map(f => f[1])
                        currentIndex: panel.frequencies.findIndex(f => f[0] === panel.cost.frequency)
                        onActivated: index => panel.cost.frequency = panel.frequencies[index][0]
                    }
                }
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    font.pixelSize: 11
                    color: panel.cost.settingsError.length > 0 ? panel.errorColor : panel.muted
                    text: panel.cost.settingsError.length > 0 ? panel.cost.settingsError
                        : panel.cost.count(panel.cost.executionsPerMonth) + " a month"
                          + (panel.cost.frequency === "month" ? "" : " (" + panel.cost.executionsBasis + ")")
                }
                GridLayout {
                    Layout.fillWidth: true
                    columns: 2
                    columnSpacing: 6
                    rowSpacing: 4
                    Label { text: "Region"; color: panel.muted }
                    ComboBox {
                        objectName: "costRegion"
                        Layout.fillWidth: true
                        model: panel.cost.regions
                        textRole: "label"
                        valueRole: "code"
                        currentIndex: indexOfValue(panel.cost.region)
                        onActivated: panel.cost.region = currentValue
                        Component.onCompleted: currentIndex = indexOfValue(panel.cost.region)
                    }
                    Label { text: "Type"; color: panel.muted }
                    ComboBox {
                        Layout.fillWidth: true
                        model: ["STANDARD", "EXPRESS"]
                        currentIndex: panel.cost.workflowType === "EXPRESS" ? 1 : 0
                        onActivated: index => panel.cost.workflowType = model[index]
                    }
                    Label { text: "Runs"; color: panel.muted }
                    SpinBox {
                        Layout.fillWidth: true
                        from: 1
                        to: 100000
                        stepSize: 100
                        editable: true
                        value: panel.cost.runs
                        onValueModified: panel.cost.runs = value
                    }
                    Label { text: "Seed"; color: panel.muted }
                    SpinBox {
                        Layout.fillWidth: true
                        from: 0
                        to: 2147483647
                        editable: true
                        value: panel.cost.seed
                        onValueModified: panel.cost.seed = value
                    }
                    Label { text: "Mocks"; color: panel.muted }
                    RowLayout {
                        Layout.fillWidth: true
                        Label {
                            Layout.fillWidth: true
                            elide: Text.ElideMiddle
                            text: panel.cost.mocksFile.length > 0 ? panel.cost.mocksFile.replace(/^.*\//, "") : "none (tasks echo their input)"
                            color: panel.cost.mocksFile.length > 0 ? palette.text : panel.muted
                        }
                        ToolButton {
                            text: "\u2026"
                            onClicked: mocksDialog.open()
                        }
                        ToolButton {
                            text: "\u00d7"
                            visible: panel.cost.mocksFile.length > 0
                            onClicked: panel.cost.mocksFile = ""
                        }
                    }
                    Label {
                        text: "Test case"
                        color: panel.muted
                        visible: panel.cost.testCases.length > 0
                    }
                    ComboBox {
                        Layout.fillWidth: true
                        visible: panel.cost.testCases.length > 0
                        model: panel.cost.testCases
                        currentIndex: panel.cost.testCases.indexOf(panel.cost.testCase)
                        onActivated: index => panel.cost.testCase = panel.cost.testCases[index]
                    }
                }
                Label { text: "Input (JSON)"; color: panel.muted }
                ScrollView {
                    Layout.fillWidth: true
                    Layout.preferredHeight: 54
                    TextArea {
                        text: panel.cost.inputText
                        font.family: "monospace"
                        font.pixelSize: 11
                        wrapMode: TextEdit.WrapAnywhere
                        selectByMouse: true
                        onEditingFinished: panel.cost.inputText = text
                    }
                }
                CheckBox {
                    text: "Free tier (4,000 transitions a month)"
                    checked: panel.cost.freeTier
                    onToggled: panel.cost.freeTier = checked
                }
                CheckBox {
                    text: "Count the start of each execution"
                    checked: panel.cost.countStart
                    onToggled: panel.cost.countStart = checked
                }
                CheckBox {
                    text: "Heat map on the canvas"
                    checked: panel.cost.heatMap
                    onToggled: panel.cost.heatMap = checked
                }
                Label { text: "Export the report"; color: panel.muted }
                Flow {
                    Layout.fillWidth: true
                    spacing: 4
                    Button { text: "Markdown"; enabled: panel.cost.hasReport; onClicked: panel.exportAs("markdown") }
                    Button { text: "CSV"; enabled: panel.cost.hasReport; onClicked: panel.exportAs("csv") }
                    Button { text: "JSON"; enabled: panel.cost.hasReport; onClicked: panel.exportAs("json") }
                }
                Label {
                    id: exportStatus
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    font.pixelSize: 11
                    color: panel.muted
                    visible: text.length > 0
                }
            }
        }

        // The bill: headline, Standard vs Express, histogram, breakdown, hints. One vertical
        // scroll; the comparison and the histogram sit side by side when there is room.
        ScrollView {
            id: results
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentWidth: availableWidth
            clip: true

            ColumnLayout {
                width: results.availableWidth
                spacing: 6

                Label {
                    visible: panel.cost.error.length > 0
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    color: panel.errorColor
                    text: panel.cost.error
                }
                Label {
                    visible: !panel.cost.hasReport && panel.cost.error.length === 0
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    color: panel.muted
                    text: panel.cost.running ? "Simulating " + panel.cost.runs + " executions\u2026"
                        : "Estimate runs the definition " + panel.cost.runs + " times on the simulator's virtual clock with the mocks, then prices the runs for the region."
                }
                RowLayout {
                    visible: panel.cost.hasReport
                    Layout.fillWidth: true
                    spacing: 10
                    Label {
                        objectName: "costTotal"
                        text: panel.cost.hasReport ? panel.cost.money(panel.cost.summary.monthlyCostUSD) : ""
                        font.pixelSize: 26
                        font.bold: true
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 0
                        Label {
                            Layout.fillWidth: true
                            elide: Text.ElideRight
                            text: "a month as " + panel.cost.summary.type + " in " + panel.cost.summary.region
                                  + (panel.cost.stale ? "  \u2014 out of date: estimate again" : "")
                            color: panel.cost.stale ? panel.warningColor : palette.text
                        }
                        Label {
                            Layout.fillWidth: true
                            elide: Text.ElideRight
                            font.pixelSize: 11
                            color: panel.muted
                            text: panel.cost.hasReport
                                ? "without free tier " + panel.cost.money(panel.cost.summary.monthlyCostWithoutFreeTierUSD)
                                  + " \u00b7 " + panel.cost.money(panel.cost.summary.costPerExecutionUSD) + " per execution"
                                  + (panel.cost.summary.computeUSD > 0 ? " \u00b7 compute " + panel.cost.money(panel.cost.summary.computeUSD) : "")
                                : ""
                        }
                    }
                }
                Label {
                    objectName: "costFigures"
                    visible: panel.cost.hasReport
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    font.pixelSize: 12
                    text: panel.cost.hasReport
                        ? panel.cost.count(panel.cost.summary.executionsPerMonth) + " executions \u00d7 "
                          + panel.cost.count(panel.cost.summary.transitionsMean) + " transitions (p50 "
                          + panel.cost.count(panel.cost.summary.transitionsP50) + ", p95 "
                          + panel.cost.count(panel.cost.summary.transitionsP95) + ", max "
                          + panel.cost.count(panel.cost.summary.transitionsMax) + ") = "
                          + panel.cost.count(panel.cost.summary.monthlyTransitions) + " transitions a month, "
                          + panel.cost.count(panel.cost.summary.freeTierTransitions) + " of them free. Duration mean "
                          + panel.cost.summary.durationMean + ", p95 " + panel.cost.summary.durationP95 + ". "
                          + panel.cost.summary.runs + " runs: " + panel.cost.summary.statuses + "."
                        : ""
                }

                Flow {
                    visible: panel.cost.hasReport
                    Layout.fillWidth: true
                    spacing: 16

                    // Standard vs Express
                    ColumnLayout {
                        width: Math.min(320, results.availableWidth)
                        spacing: 3
                        GridLayout {
                            objectName: "costComparison"
                            Layout.fillWidth: true
                            columns: 3
                            columnSpacing: 10
                            rowSpacing: 1
                            Label { text: ""; Layout.fillWidth: true }
                            Label {
                                text: "Standard"
                                font.bold: true
                                Layout.alignment: Qt.AlignRight
                                color: panel.cost.workflowType === "STANDARD" ? palette.highlight : palette.text
                            }
                            Label {
                                text: "Express"
                                font.bold: true
                                Layout.alignment: Qt.AlignRight
                                color: panel.cost.workflowType === "EXPRESS" ? palette.highlight : palette.text
                            }
                            Repeater {
                                model: panel.cost.comparison.length * 3
                                Label {
                                    required property int index
                                    readonly property var entry: panel.cost.comparison[Math.floor(index / 3)]
                                    readonly property int column: index % 3
                                    Layout.alignment: column === 0 ? Qt.AlignLeft : Qt.AlignRight
                                    font.pixelSize: 11
                                    color: column === 0 ? panel.muted
                                         : entry.label === "Eligible" && entry.express === "no" && column === 2 ? panel.errorColor
                                         : palette.text
                                    text: column === 0 ? entry.label : column === 1 ? entry.standard : entry.express
                                }
                            }
                        }
                        Label {
                            Layout.fillWidth: true
                            wrapMode: Text.Wrap
                            font.pixelSize: 11
                            visible: text.length > 0
                            color: panel.cost.summary.expressEligible ? panel.muted : panel.errorColor
                            text: panel.cost.summary.expressReasons ? panel.cost.summary.expressReasons.join("\n") : ""
                        }
                        Label {
                            objectName: "costRecommendation"
                            Layout.fillWidth: true
                            wrapMode: Text.Wrap
                            textFormat: Text.StyledText
                            text: panel.cost.hasReport
                                ? "<b>Recommended: " + panel.cost.summary.recommendation + "</b>"
                                  + (panel.cost.summary.monthlySavingUSD > 0
                                     ? " (saves " + panel.cost.money(panel.cost.summary.monthlySavingUSD) + " a month)" : "")
                                : ""
                        }
                    }

                    // Transitions per execution
                    ColumnLayout {
                        width: Math.min(300, results.availableWidth)
                        spacing: 2
                        Label {
                            text: "Transitions per execution (" + panel.cost.summary.runs + " runs)"
                            font.bold: true
                        }
                        CostHistogram {
                            objectName: "costHistogram"
                            Layout.fillWidth: true
                            Layout.preferredHeight: 110
                            bins: panel.cost.histogram
                            maxCount: panel.cost.histogramMax
                            barColor: palette.highlight
                            textColor: panel.muted
                        }
                    }
                }

                // Breakdown by state
                Label {
                    visible: panel.cost.hasReport
                    text: "By state (also on the canvas)"
                    font.bold: true
                    topPadding: 4
                }
                ListView {
                    id: breakdown
                    objectName: "costBreakdown"
                    visible: panel.cost.hasReport
                    Layout.fillWidth: true
                    Layout.preferredHeight: Math.min(count, 14) * 20 + 22
                    clip: true
                    model: panel.cost.breakdown
                    boundsBehavior: Flickable.StopAtBounds
                    ScrollBar.vertical: ScrollBar {}
                    headerPositioning: ListView.OverlayHeader
                    readonly property var widths: [0, 70, 64, 56, 56, 90]
                    function col(i) {
                        return i === 0 ? Math.max(100, width - 350) : widths[i]
                    }
                    header: Rectangle {
                        z: 2
                        width: breakdown.width
                        height: 22
                        color: palette.window
                        Row {
                            anchors.verticalCenter: parent.verticalCenter
                            Repeater {
                                model: ["State", "Type", "tr/exec", "retries", "share", "$ / month"]
                                Label {
                                    required property string modelData
                                    required property int index
                                    width: breakdown.col(index)
                                    horizontalAlignment: index < 2 ? Text.AlignLeft : Text.AlignRight
                                    text: modelData
                                    font.bold: true
                                    font.pixelSize: 11
                                    elide: Text.ElideRight
                                }
                            }
                        }
                    }
                    delegate: Rectangle {
                        id: row
                        required property var modelData
                        required property int index
                        width: breakdown.width
                        height: 20
                        color: index % 2 ? palette.alternateBase : "transparent"
                        // The share of transitions, as a bar behind the row.
                        Rectangle {
                            anchors.left: parent.left
                            anchors.top: parent.top
                            anchors.bottom: parent.bottom
                            width: parent.width * row.modelData.share
                            color: palette.highlight
                            opacity: 0.13
                        }
                        Row {
                            anchors.verticalCenter: parent.verticalCenter
                            Label {
                                width: breakdown.col(0)
                                text: row.modelData.state
                                elide: Text.ElideRight
                            }
                            Label {
                                width: breakdown.col(1)
                                text: row.modelData.type
                                color: panel.muted
                                elide: Text.ElideRight
                            }
                            Label {
                                width: breakdown.col(2)
                                horizontalAlignment: Text.AlignRight
                                text: panel.cost.count(row.modelData.transitions)
                            }
                            Label {
                                width: breakdown.col(3)
                                horizontalAlignment: Text.AlignRight
                                text: row.modelData.retries > 0 ? panel.cost.count(row.modelData.retries) : ""
                            }
                            Label {
                                width: breakdown.col(4)
                                horizontalAlignment: Text.AlignRight
                                text: row.modelData.shareText
                            }
                            Label {
                                width: breakdown.col(5)
                                horizontalAlignment: Text.AlignRight
                                text: panel.cost.money(row.modelData.monthlyCostUSD)
                            }
                        }
                    }
                }

                Label {
                    text: "Hints"
                    font.bold: true
                    visible: panel.cost.hints.length > 0
                    topPadding: 4
                }
                Repeater {
                    model: panel.cost.hints
                    Label {
                        required property var modelData
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        font.pixelSize: 11
                        text: "\u2022 " + modelData.message
                    }
                }
                Repeater {
                    model: panel.cost.notes
                    Label {
                        required property string modelData
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        font.pixelSize: 11
                        color: panel.warningColor
                        text: "\u26a0 " + modelData
                    }
                }
                Label {
                    visible: panel.cost.hasReport
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    font.pixelSize: 10
                    color: panel.muted
                    text: "Prices " + (panel.cost.summary.priceTable || "") + ". Method and assumptions: docs/cost.md and the exported report."
                }
            }
        }
    }
}
