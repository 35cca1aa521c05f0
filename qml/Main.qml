import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs
import Qt.labs.settings
import Stepwise
import Stepwise.Ui

ApplicationWindow {
    id: window

    required property string initialFile
    // "light", "dark" or "system" from the command line; empty: the saved choice (View > Theme).
    property string initialTheme: ""
    readonly property string theme: initialTheme.length > 0 ? initialTheme : settings.theme
    // Set when the file given on the command line cannot be opened (the screenshot mode reads it).
    property string loadError: ""
    // True once the diagram is laid out, fitted and every visible tile painted.
    readonly property bool diagramReady: doc.hasDocument
        && (!doc.parsed || (diagram.ready && !diagram.busy && canvas.complete && canvas.fitted))

    width: 1400
    height: 900
    visible: true
    title: (doc.modified ? "\u2022 " : "") + (doc.hasDocument ? doc.fileName : "Stepwise")
        + (doc.hasDocument ? " \u2014 Stepwise" : "")

    Theme {
        id: themeColors
        dark: window.theme === "dark" || (window.theme === "system" && systemPalette.window.hslLightness < 0.5)
    }
    SystemPalette {
        id: systemPalette
    }
    palette.window: themeColors.window
    palette.windowText: themeColors.text
    palette.base: themeColors.base
    palette.alternateBase: themeColors.alternateBase
    palette.text: themeColors.text
    palette.button: themeColors.button
    palette.buttonText: themeColors.text
    palette.highlight: themeColors.highlight
    palette.highlightedText: themeColors.highlightedText
    palette.mid: themeColors.mid
    palette.midlight: themeColors.midlight
    palette.dark: themeColors.shadow
    palette.light: themeColors.light
    palette.shadow: themeColors.shadow
    palette.placeholderText: themeColors.muted
    palette.toolTipBase: themeColors.window
    palette.toolTipText: themeColors.text
    palette.link: themeColors.highlight

    Settings {
        id: settings
        category: "window"
        property string theme: "system"
        property alias minimap: canvas.showMinimap
    }
    function chooseTheme(name) {
        settings.theme = name
        initialTheme = ""
    }

    DocumentController {
        id: doc
        onLoaded: canvas.fitted = false
    }
    DiagramController {
        id: diagram
        document: doc
        backgroundColor: window.palette.base
        textColor: window.palette.text
        accentColor: window.palette.highlight
    }
    OutlineModel {
        id: outline
        document: doc
    }
    DiagnosticsModel {
        id: diagnostics
        document: doc
    }

    function openFile(pathOrUrl) {
        if (!doc.open(pathOrUrl))
            statusMessage.text = doc.errorText
    }
    function reveal(nodeId) {
        if (nodeId.length === 0)
            return
        diagram.select(nodeId, false)
        canvas.ensureVisible(diagram.nodeRect(nodeId))
    }

    Component.onCompleted: {
        if (initialFile.length > 0 && !doc.open(initialFile))
            loadError = doc.errorText
    }

    FileDialog {
        id: openDialog
        objectName: "openDialog"
        title: "Open state machine"
        nameFilters: ["State machines (*.asl.json *.json)", "All files (*)"]
        onAccepted: window.openFile(selectedFile)
    }
    FileDialog {
        id: saveDialog
        title: "Save state machine as"
        fileMode: FileDialog.SaveFile
        nameFilters: ["State machines (*.asl.json *.json)"]
        onAccepted: if (!doc.saveAs(selectedFile)) statusMessage.text = doc.errorText
    }

    Action {
        id: openAction
        text: "&Open\u2026"
        shortcut: StandardKey.Open
        onTriggered: openDialog.open()
    }
    Action {
        id: saveAction
        text: "&Save"
        shortcut: StandardKey.Save
        enabled: doc.hasDocument
        onTriggered: if (!doc.save()) statusMessage.text = doc.errorText
    }
    Action {
        id: saveAsAction
        text: "Save &As\u2026"
        shortcut: StandardKey.SaveAs
        enabled: doc.hasDocument
        onTriggered: saveDialog.open()
    }
    Action {
        id: undoAction
        text: doc.undoText.length > 0 ? "&Undo " + doc.undoText : "&Undo"
        shortcut: StandardKey.Undo
        enabled: doc.canUndo
        onTriggered: doc.undo()
    }
    Action {
        id: redoAction
        text: doc.redoText.length > 0 ? "&Redo " + doc.redoText : "&Redo"
        shortcut: StandardKey.Redo
        enabled: doc.canRedo
        onTriggered: doc.redo()
    }
    Action {
        id: zoomInAction
        text: "Zoom &In"
        shortcut: StandardKey.ZoomIn
        enabled: diagram.ready
        onTriggered: canvas.zoomBy(1.25)
    }
    Action {
        id: zoomOutAction
        text: "Zoom &Out"
        shortcut: StandardKey.ZoomOut
        enabled: diagram.ready
        onTriggered: canvas.zoomBy(0.8)
    }
    Action {
        id: fitAction
        text: "&Fit to Window"
        shortcut: "Ctrl+0"
        enabled: diagram.ready
        onTriggered: canvas.fit()
    }
    Action {
        id: actualSizeAction
        text: "&Actual Size"
        shortcut: "Ctrl+1"
        enabled: diagram.ready
        onTriggered: canvas.setZoomAt(1, canvas.width / 2, canvas.height / 2)
    }
    Action {
        id: autoLayoutAction
        text: "Auto-&layout"
        shortcut: "Ctrl+L"
        enabled: diagram.ready
        onTriggered: diagram.autoLayout()
    }
    Shortcut {
        sequence: "Ctrl+="
        enabled: diagram.ready
        onActivated: canvas.zoomBy(1.25)
    }

    menuBar: MenuBar {
        Menu {
            title: "&File"
            MenuItem { action: openAction }
            Menu {
                id: recentMenu
                title: "Open &Recent"
                enabled: doc.recentFiles.length > 0
                Instantiator {
                    model: doc.recentFiles
                    delegate: MenuItem {
                        required property string modelData
                        required property int index
                        text: (index < 9 ? "&" + (index + 1) + "  " : "") + modelData
                        onTriggered: window.openFile(modelData)
                    }
                    onObjectAdded: (index, object) => recentMenu.insertItem(index, object)
                    onObjectRemoved: (index, object) => recentMenu.removeItem(object)
                }
                MenuSeparator {}
                MenuItem {
                    text: "Clear List"
                    onTriggered: doc.clearRecentFiles()
                }
            }
            MenuSeparator {}
            MenuItem { action: saveAction }
            MenuItem { action: saveAsAction }
            MenuSeparator {}
            MenuItem {
                text: "&Quit"
                onTriggered: Qt.quit()
            }
        }
        Menu {
            title: "&Edit"
            MenuItem { action: undoAction }
            MenuItem { action: redoAction }
            MenuSeparator {}
            MenuItem {
                text: "Select &All"
                enabled: diagram.ready
                onTriggered: diagram.selectAll()
            }
        }
        Menu {
            title: "&View"
            MenuItem { action: zoomInAction }
            MenuItem { action: zoomOutAction }
            MenuItem { action: fitAction }
            MenuItem { action: actualSizeAction }
            MenuSeparator {}
            MenuItem { action: autoLayoutAction }
            MenuItem {
                text: "&Minimap"
                checkable: true
                checked: canvas.showMinimap
                onTriggered: canvas.showMinimap = checked
            }
            Menu {
                title: "&Theme"
                Repeater {
                    model: [["system", "Follow &System"], ["light", "&Light"], ["dark", "&Dark"]]
                    delegate: MenuItem {
                        required property var modelData
                        text: modelData[1]
                        checkable: true
                        checked: window.theme === modelData[0]
                        onTriggered: window.chooseTheme(modelData[0])
                    }
                }
            }
        }
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            spacing: 2
            ToolButton { action: openAction; text: "Open" }
            ToolButton { action: saveAction; text: "Save" }
            ToolSeparator {}
            ToolButton { action: undoAction; text: "Undo" }
            ToolButton { action: redoAction; text: "Redo" }
            ToolSeparator {}
            ToolButton { action: zoomOutAction; text: "\u2212" }
            Label {
                Layout.preferredWidth: 48
                horizontalAlignment: Text.AlignHCenter
                text: Math.round(canvas.zoom * 100) + "%"
            }
            ToolButton { action: zoomInAction; text: "+" }
            ToolButton { action: fitAction; text: "Fit" }
            ToolSeparator {}
            ToolButton { action: autoLayoutAction; text: "Auto-layout" }
            Item { Layout.fillWidth: true }
            Label {
                visible: diagram.busy
                text: "Laying out\u2026"
                color: window.palette.placeholderText
                rightPadding: 8
            }
        }
    }

    footer: ToolBar {
        implicitHeight: 26
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 8
            anchors.rightMargin: 8
            Label {
                text: !doc.hasDocument ? "No file open"
                    : !doc.parsed ? "Not valid JSON"
                    : diagram.stateCount + " states \u00b7 laid out in " + Math.round(diagram.layoutMs) + " ms"
                      + (diagram.hasPins ? " \u00b7 pinned positions" : "")
                color: window.palette.placeholderText
            }
            Label {
                id: statusMessage
                Layout.fillWidth: true
                elide: Text.ElideRight
                text: doc.errorText.length > 0 ? doc.errorText : diagram.layoutError
                color: themeColors.error
            }
            Label {
                text: diagnostics.errorCount + " errors, " + diagnostics.warningCount + " warnings"
                visible: doc.hasDocument
                color: diagnostics.errorCount > 0 ? themeColors.error : window.palette.placeholderText
            }
        }
    }

    SplitView {
        anchors.fill: parent
        orientation: Qt.Horizontal

        OutlinePanel {
            SplitView.preferredWidth: 250
            SplitView.minimumWidth: 150
            model: outline
            controller: diagram
            onActivated: nodeId => window.reveal(nodeId)
        }

        SplitView {
            SplitView.fillWidth: true
            orientation: Qt.Vertical

            DiagramCanvas {
                id: canvas
                objectName: "canvas"
                SplitView.fillHeight: true
                SplitView.minimumHeight: 200
                controller: diagram
                documentOpen: doc.hasDocument
                parsed: doc.parsed
            }
            DiagnosticsPanel {
                SplitView.preferredHeight: 110
                SplitView.minimumHeight: 60
                model: diagnostics
                errorColor: themeColors.error
                warningColor: themeColors.warning
                onActivated: nodeId => window.reveal(nodeId)
            }
        }
    }

    DropArea {
        anchors.fill: parent
        keys: ["text/uri-list"]
        onDropped: drop => {
            if (drop.hasUrls && drop.urls.length > 0) {
                window.openFile(drop.urls[0].toString())
                drop.accept()
            }
        }
    }
}
