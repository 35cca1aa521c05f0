import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs
import Stepwise

// File > Export: the diagram and the definition in every format `stepwise export` knows (the
// registry of ExportController), and the cost report of the Cost panel (Markdown, CSV, JSON).
// Choose a format, a file (suggested beside the definition), Export.
Dialog {
    id: dialog

    required property ExportController exporter
    required property CostController cost
    property color errorColor: "red"

    title: "Export"
    modal: true
    standardButtons: Dialog.Cancel
    width: 520

    // [kind, name, label, suffix]: the exporters, then the cost report formats.
    readonly property var choices: {
        const list = []
        for (const f of exporter.formats)
            list.push(["diagram", f.name, f.name.toUpperCase() + " \u2014 " + f.description, f.extension])
        list.push(["cost", "markdown", "Cost report \u2014 Markdown", "md"])
        list.push(["cost", "csv", "Cost report \u2014 CSV", "csv"])
        list.push(["cost", "json", "Cost report \u2014 JSON", "json"])
        return list
    }
    readonly property var choice: choices[formatBox.currentIndex] || choices[0]

    function suggest() {
        if (choice[0] === "diagram") {
            pathField.text = exporter.suggestedPath(choice[1])
        } else {
            const svg = exporter.suggestedPath("svg")
            pathField.text = svg.length > 0 ? svg.replace(/\.svg$/, ".cost." + choice[3]) : ""
        }
    }
    onOpened: {
        status.text = ""
        suggest()
    }

    FileDialog {
        id: fileDialog
        title: "Export to"
        fileMode: FileDialog.SaveFile
        defaultSuffix: dialog.choice[3]
        nameFilters: [dialog.choice[2] + " (*." + dialog.choice[3] + ")", "All files (*)"]
        onAccepted: pathField.text = selectedFile.toString().replace(/^file:\/\//, "")
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        Label { text: "Format" }
        ComboBox {
            id: formatBox
            objectName: "exportFormat"
            Layout.fillWidth: true
            model: dialog.choices.map(c => c[2])
            onActivated: dialog.suggest()
        }
        Label {
            visible: dialog.choice[0] === "cost" && !dialog.cost.hasReport
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: dialog.errorColor
            text: "No cost report yet: open View > Cost Panel and run Estimate first."
        }
        Label { text: "File" }
        RowLayout {
            Layout.fillWidth: true
            TextField {
                id: pathField
                objectName: "exportPath"
                Layout.fillWidth: true
                selectByMouse: true
            }
            Button {
                text: "Browse\u2026"
                onClicked: fileDialog.open()
            }
        }
        Label {
            id: status
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            visible: text.length > 0
        }
        Button {
            objectName: "exportButton"
            Layout.alignment: Qt.AlignRight
            text: "Export"
            highlighted: true
            enabled: pathField.text.length > 0 && !dialog.exporter.busy
                     && (dialog.choice[0] === "diagram" || dialog.cost.hasReport)
            onClicked: {
                // The diagram and the definition are written on a worker (a big machine takes a
                // while); the cost report is ready and written at once.
                const diagram = dialog.choice[0] === "diagram"
                const error = diagram
                    ? dialog.exporter.startExport(pathField.text, dialog.choice[1])
                    : dialog.cost.exportReport(pathField.text, dialog.choice[1])
                status.color = error.length > 0 ? dialog.errorColor : palette.text
                status.text = error.length > 0 ? error : diagram ? "Exporting\u2026" : "Saved " + pathField.text
            }
        }
        Connections {
            target: dialog.exporter
            function onExportFinished(path, error) {
                status.color = error.length > 0 ? dialog.errorColor : palette.text
                status.text = error.length > 0 ? error : "Saved " + path
            }
        }
    }
}
