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
    // A run shown from the command line (stepwise FILE --run-to S [--input-file F] [--mocks F
    // --test-case T]): the canvas shows the simulation at S simulated seconds. runTo < 0: no run.
    property string runInputFile: ""
    property string runMocks: ""
    property string runTestCase: ""
    property real runTo: -1
    readonly property string theme: initialTheme.length > 0 ? initialTheme : settings.theme
    // Set when the file given on the command line cannot be opened (the screenshot mode reads it).
    property string loadError: ""
    // A panel to show from the command line (--panel cost|placeholders); "cost" also runs the
    // estimate once the file is open.
    property string initialPanel: ""
    // False while a panel asked for on the command line is still working (the screenshot waits).
    readonly property bool panelsReady: initialPanel !== "cost" || (costs.hasReport && !costs.running)
        || costs.error.length > 0
    // Offer the unsaved edits of a session that crashed: set by `stepwise` (not for --screenshot),
    // off for tests and benchmarks that load this window.
    property bool offerRecovery: false
    // True once the diagram is laid out, fitted and every visible tile painted.
    readonly property bool diagramReady: doc.hasDocument
        && (!doc.parsed || (diagram.ready && !diagram.busy && canvas.complete && canvas.fitted))
        && (runTo < 0 || runner.active || runner.error.length > 0)

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
    // ${Placeholder} values and the Cost panel (issues 7 and 8, docs/cost.md, docs/formats.md).
    PlaceholderValues {
        id: placeholderValues
        objectName: "placeholderValues"
        document: doc
    }
    CostController {
        id: costs
        objectName: "cost"
        document: doc
        placeholders: placeholderValues
        diagram: diagram
        heatMap: costPanelShown
    }
    readonly property bool costPanelShown: panelSettings.cost || initialPanel === "cost"
    ExportController {
        id: exporter
        objectName: "exporter"
        document: doc
        diagram: diagram
    }
    ExportDialog {
        id: exportDialog
        objectName: "exportDialog"
        anchors.centerIn: parent
        exporter: exporter
        cost: costs
        errorColor: themeColors.error
    }
    Settings {
        id: panelSettings
        objectName: "panelSettings"
        category: "panels"
        property bool cost: false
        property bool placeholders: false
    }
    Connections {
        target: doc
        enabled: window.initialPanel === "cost"
        // After every other handler of `loaded` (the controller resets itself on it).
        function onLoaded() {
            Qt.callLater(costs.run)
        }
    }
    // Editing (issue 5, docs/editing.md): edit actions, the inspector, the undo history.
    EditController {
        id: editor
        objectName: "editor"
        document: doc
        diagram: diagram
        onLastErrorChanged: if (lastError.length > 0) statusMessage.text = lastError
    }
    InspectorController {
        id: inspector
        objectName: "inspector"
        document: doc
        stateId: diagram.selection.length === 1 ? diagram.selection[0] : ""
    }
    UndoHistoryModel {
        id: undoHistory
        document: doc
    }
    // A state to select once the diagram is laid out (stepwise FILE --select STATE): a name or a pointer.
    property string initialSelection: ""
    Connections {
        target: diagram
        enabled: window.initialSelection.length > 0
        function onSceneChanged() {
            if (!diagram.ready)
                return
            const wanted = window.initialSelection
            const id = wanted.startsWith("/") ? wanted
                : editor.findStates(wanted).filter(p => p.endsWith("/States/" + wanted))[0]
            window.initialSelection = ""
            if (id !== undefined)
                diagram.select(id, false)
        }
    }
    // Edit shortcuts act on the canvas selection, never while a text field has the focus.
    readonly property bool typing: activeFocusItem !== null && activeFocusItem.hasOwnProperty("cursorPosition")
    readonly property bool canEditSelection: doc.parsed && diagram.selection.length > 0 && !typing
    function renameSelected() {
        if (diagram.selection.length === 1)
            renameDialog.openFor(diagram.selection[0])
    }
    Action { id: cutAction; text: "Cu&t"; shortcut: StandardKey.Cut; enabled: window.canEditSelection; onTriggered: editor.cutSelection() }
    Action { id: copyAction; text: "&Copy"; shortcut: StandardKey.Copy; enabled: window.canEditSelection; onTriggered: editor.copySelection() }
    Action { id: pasteAction; text: "&Paste"; shortcut: StandardKey.Paste; enabled: doc.parsed && !window.typing; onTriggered: editor.paste() }
    Action { id: duplicateAction; text: "&Duplicate"; shortcut: "Ctrl+D"; enabled: window.canEditSelection; onTriggered: editor.duplicateSelection() }
    Action { id: deleteAction; text: "De&lete"; enabled: window.canEditSelection; onTriggered: editor.deleteSelection() }
    Action { id: renameAction; text: "&Rename\u2026"; enabled: window.canEditSelection && diagram.selection.length === 1; onTriggered: window.renameSelected() }
    Action { id: findAction; text: "&Find State\u2026"; shortcut: StandardKey.Find; enabled: doc.parsed; onTriggered: findBar.show() }
    RunController {
        id: runner
        objectName: "run"
        document: doc
        diagram: diagram
        placeholders: placeholderValues
        persistent: window.runTo < 0
        selectedState: diagram.selection.length === 1 ? stateNameOf(diagram.selection[0]) : ""
    }
    function startCommandLineRun() {
        if (runInputFile.length > 0 && !runner.loadInputFile(runInputFile)) {
            loadError = runner.error
            return
        }
        runner.mocksPath = runMocks
        if (runTestCase.length > 0)
            runner.testCase = runTestCase
        if (!runner.runTo(runTo))
            loadError = runner.error
    }

    // Opens in the background (DocumentLoader); errors come back through loader.onFinished.
    function openFile(pathOrUrl) {
        loader.open(pathOrUrl)
    }
    function reveal(nodeId) {
        if (nodeId.length === 0)
            return
        diagram.select(nodeId, false)
        canvas.ensureVisible(diagram.nodeRect(nodeId))
    }

    Component.onCompleted: {
        if (initialFile.length > 0)
            loader.open(initialFile) // the command-line run starts once it is open (loader.onFinished)
        else if (offerRecovery)
            recoveryDialog.offer()
    }

    // Reliability (docs/reliability.md): background loading, autosave and recovery, files changed
    // on disk.
    DocumentLoader {
        id: loader
        document: doc
        property bool initial: window.initialFile.length > 0
        onFinished: (ok, error) => {
            if (!ok) {
                statusMessage.text = error
                if (initial)
                    window.loadError = error
            } else if (initial && window.runTo >= 0) {
                window.startCommandLineRun()
            }
            if (initial && window.offerRecovery)
                recoveryDialog.offer()
            initial = false
        }
    }
    RecoveryManager {
        id: recovery
        document: doc
        onErrorChanged: if (error.length > 0) statusMessage.text = error
    }
    FileWatcher {
        id: fileWatcher
        document: doc
        loader: loader
    }
    RecoveryDialog {
        id: recoveryDialog
        recovery: recovery
    }
    LoadProgress {
        loader: loader
    }
    FileChangedBar {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        z: 10
        watcher: fileWatcher
        modified: doc.modified
    }

    FolderDialog {
        id: framesDialog
        title: "Export the run as numbered PNG frames"
        onAccepted: runner.exportFrames(selectedFolder)
    }
    Connections {
        target: runner
        function onExportFinished(frames, error) {
            statusMessage.text = error.length > 0 ? error : "Exported " + frames + " frames"
        }
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
        onTriggered: {
            if (doc.filePath.length === 0)
                saveDialog.open()
            else if (!doc.save())
                statusMessage.text = doc.errorText
        }
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
        // Both usual redo keys, whatever the platform's StandardKey.Redo is.
        shortcut: "Ctrl+Shift+Z"
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
        sequence: "Ctrl+Y"
        enabled: doc.canRedo
        onActivated: doc.redo()
    }
    Shortcut {
        sequence: "Ctrl+="
        enabled: diagram.ready
        onActivated: canvas.zoomBy(1.25)
    }

    menuBar: MenuBar {
        Menu {
            title: "&File"
            Menu {
                id: newMenu
                title: "&New"
                Instantiator {
                    model: editor.templates
                    delegate: MenuItem {
                        required property var modelData
                        text: (modelData.group === "Examples" ? "Example: " : "") + modelData.label
                        onTriggered: window.confirmDiscard(() => editor.newFromTemplate(modelData.path))
                    }
                    onObjectAdded: (index, object) => newMenu.insertItem(index, object)
                    onObjectRemoved: (index, object) => newMenu.removeItem(object)
                }
            }
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
            Menu {
                title: "&Export"
                MenuItem {
                    action: Action {
                        text: "Diagram, &Definition or Cost Report\u2026"
                        shortcut: "Ctrl+E"
                        enabled: doc.hasDocument
                        onTriggered: exportDialog.open()
                    }
                }
                MenuItem {
                    text: "Animated &run (PNG frames)\u2026"
                    enabled: runner.active && diagram.ready
                    onTriggered: framesDialog.open()
                }
            }
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
            MenuSeparator {}
            MenuItem { action: cutAction }
            MenuItem { action: copyAction }
            MenuItem { action: pasteAction }
            MenuItem { action: duplicateAction }
            MenuItem { action: deleteAction }
            MenuItem { action: renameAction }
            MenuSeparator {}
            MenuItem { text: "Wrap in &Parallel"; enabled: window.canEditSelection; onTriggered: editor.wrapSelection("Parallel") }
            MenuItem { text: "Wrap in &Map"; enabled: window.canEditSelection; onTriggered: editor.wrapSelection("Map") }
            MenuItem {
                text: "Set as S&tart"
                enabled: window.canEditSelection && diagram.selection.length === 1
                onTriggered: editor.setStartAt(diagram.selection[0])
            }
            MenuItem {
                text: "Toggle &End"
                enabled: window.canEditSelection && diagram.selection.length === 1 && inspector.canEnd
                onTriggered: editor.toggleEnd(diagram.selection[0])
            }
            MenuSeparator {}
            MenuItem { action: findAction }
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
                text: "&Cost Panel"
                checkable: true
                checked: panelSettings.cost
                onTriggered: panelSettings.cost = checked
            }
            MenuItem {
                text: "&Placeholder Values"
                checkable: true
                checked: panelSettings.placeholders
                onTriggered: panelSettings.placeholders = checked
            }
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
            // A template with several state machines: which one is open.
            ToolSeparator { visible: doc.machines.length > 1 }
            ComboBox {
                objectName: "machineChooser"
                visible: doc.machines.length > 1
                Layout.preferredWidth: 260
                model: doc.machines
                currentIndex: doc.machineIndex
                ToolTip.visible: hovered
                ToolTip.text: "State machines in this " + doc.sourceKind
                onActivated: index => {
                    if (index !== doc.machineIndex && !doc.openMachine(index)) currentIndex = doc.machineIndex
                }
            }
            Label {
                visible: doc.sourceKind.length > 0
                text: doc.readOnlyReason.length > 0 ? doc.sourceKind + " · read-only" : doc.sourceKind
                color: doc.readOnlyReason.length > 0 ? "#b3261e" : window.palette.placeholderText
                leftPadding: 8
                ToolTip.visible: sourceHover.hovered && (doc.readOnlyReason.length > 0 || doc.sourceWarnings.length > 0)
                ToolTip.text: doc.readOnlyReason.length > 0 ? doc.readOnlyReason : doc.sourceWarnings.join("\n")
                HoverHandler { id: sourceHover }
            }
            Item { Layout.fillWidth: true }
            // A layout taking longer than 200 ms shows its progress and can be cancelled: the states
            // are then stacked at once, without routes, until Lay Out (or Auto-layout).
            Label {
                objectName: "layoutBusyLabel"
                visible: diagram.busy
                text: "Laying out\u2026" + (diagram.layoutSlow ? " " + Math.round(diagram.layoutProgress * 100) + " %" : "")
                color: window.palette.placeholderText
                rightPadding: 8
            }
            ToolButton {
                objectName: "cancelLayoutButton"
                visible: diagram.busy && diagram.layoutSlow
                text: "Cancel"
                onClicked: diagram.cancelLayout()
            }
            Label {
                visible: diagram.stacked && !diagram.busy
                text: "Layout cancelled: states stacked"
                color: window.palette.placeholderText
            }
            ToolButton {
                objectName: "layOutButton"
                visible: diagram.stacked && !diagram.busy
                text: "Lay Out"
                onClicked: diagram.layOut()
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

        SplitView {
            SplitView.preferredWidth: 250
            SplitView.minimumWidth: 150
            orientation: Qt.Vertical
            OutlinePanel {
                SplitView.fillHeight: true
                model: outline
                controller: diagram
                onActivated: nodeId => window.reveal(nodeId)
            }
            PalettePanel {
                SplitView.preferredHeight: 300
                editor: editor
            }
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
                tokens: runner.tokens
                editor: editor
                onRenameRequested: window.renameSelected()
            }
            RunHistoryPanel {
                visible: runner.active
                initialTab: window.initialPanel === "events" ? 1 : 0
                SplitView.preferredHeight: 220
                SplitView.minimumHeight: 100
                run: runner
                errorColor: themeColors.error
            }
            CostPanel {
                objectName: "costPanel"
                visible: window.costPanelShown
                SplitView.preferredHeight: 400
                SplitView.minimumHeight: 160
                cost: costs
                errorColor: themeColors.error
                warningColor: themeColors.warning
            }
            PlaceholderPanel {
                objectName: "placeholderPanel"
                visible: panelSettings.placeholders || window.initialPanel === "placeholders"
                SplitView.preferredHeight: 180
                SplitView.minimumHeight: 80
                values: placeholderValues
                warningColor: themeColors.warning
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

        Pane {
            SplitView.preferredWidth: 380
            SplitView.minimumWidth: 260
            padding: 0
            ColumnLayout {
                anchors.fill: parent
                spacing: 0
                TabBar {
                    id: sideTabs
                    objectName: "sideTabs"
                    Layout.fillWidth: true
                    TabButton { text: "Inspector" }
                    TabButton { text: "Code" }
                    TabButton { text: "History" }
                    TabButton { text: "Run" }
                }
                // One column for the side panels keeps the canvas wide; a run brings its tab forward.
                readonly property bool runActive: runner.active
                onRunActiveChanged: if (runActive) sideTabs.currentIndex = 3
                StackLayout {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    currentIndex: sideTabs.currentIndex
                    Inspector {
                        objectName: "inspectorPanel"
                        inspector: inspector
                        editor: editor
                        errorColor: themeColors.error
                        warningColor: themeColors.warning
                    }
                    CodeView {
                        objectName: "codeView"
                        editor: editor
                        errorColor: themeColors.error
                    }
                    UndoHistory {
                        model: undoHistory
                    }
                    RunPanel {
                        SplitView.preferredWidth: 340
                        SplitView.minimumWidth: 240
                        run: runner
                        selectedState: runner.selectedState
                        errorColor: themeColors.error
                    }
                }
            }
        }

    }

    // F2: rename the selected state (every reference follows).
    Dialog {
        id: renameDialog
        objectName: "renameDialog"
        property string pointer: ""
        title: "Rename state"
        anchors.centerIn: parent
        modal: true
        standardButtons: Dialog.Ok | Dialog.Cancel
        function openFor(p) {
            pointer = p
            nameField.text = inspector.stateName
            nameField.error = ""
            open()
            nameField.selectAll()
            nameField.forceActiveFocus()
        }
        onAccepted: if (nameField.error.length === 0) editor.renameState(pointer, nameField.text)
        ColumnLayout {
            TextField {
                id: nameField
                objectName: "renameField"
                property string error: ""
                Layout.preferredWidth: 320
                onTextEdited: error = editor.checkName(renameDialog.pointer, text)
                onAccepted: if (error.length === 0) renameDialog.accept()
            }
            Label {
                visible: nameField.error.length > 0
                text: nameField.error
                color: themeColors.error
            }
        }
    }
    // Ctrl+F: find a state by name; Enter goes to the next match.
    Pane {
        id: findBar
        objectName: "findBar"
        visible: false
        z: 20
        anchors.top: parent.top
        anchors.horizontalCenter: parent.horizontalCenter
        padding: 6
        property var matches: []
        property int current: -1
        function show() {
            visible = true
            findField.selectAll()
            findField.forceActiveFocus()
        }
        function next() {
            if (matches.length === 0)
                return
            current = (current + 1) % matches.length
            window.reveal(matches[current])
        }
        RowLayout {
            TextField {
                id: findField
                objectName: "findField"
                Layout.preferredWidth: 260
                placeholderText: "Find a state"
                onTextChanged: {
                    findBar.matches = editor.findStates(text)
                    findBar.current = -1
                    findBar.next()
                }
                onAccepted: findBar.next()
                Keys.onEscapePressed: { findBar.visible = false; canvas.forceActiveFocus() }
            }
            Label { text: findBar.matches.length === 0 ? "no match" : (findBar.current + 1) + " of " + findBar.matches.length }
            ToolButton { text: "\u2715"; onClicked: { findBar.visible = false; canvas.forceActiveFocus() } }
        }
    }
    // Unsaved edits: closing the window or replacing the document asks first.
    property var afterDiscard: null
    property bool closeConfirmed: false
    function confirmDiscard(then) {
        if (!doc.modified) {
            then()
            return
        }
        afterDiscard = then
        unsavedDialog.open()
    }
    onClosing: close => {
        if (doc.modified && !closeConfirmed) {
            close.accepted = false
            confirmDiscard(() => { window.closeConfirmed = true; window.close() })
        }
    }
    Dialog {
        id: unsavedDialog
        objectName: "unsavedDialog"
        title: "Unsaved changes"
        width: 460
        anchors.centerIn: parent
        modal: true
        standardButtons: Dialog.Save | Dialog.Discard | Dialog.Cancel
        Label {
            width: parent.width
            wrapMode: Text.Wrap
            text: (doc.fileName.length > 0 ? doc.fileName : "The new state machine") + " has changes that are not saved."
        }
        onAccepted: {
            if (doc.filePath.length === 0) {
                saveDialog.open()
                return
            }
            if (doc.save() && window.afterDiscard)
                window.afterDiscard()
            else
                statusMessage.text = doc.errorText
        }
        onDiscarded: {
            close()
            recovery.discardCurrent() // "Don't Save": nothing to offer back at the next start
            if (window.afterDiscard)
                window.afterDiscard()
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
