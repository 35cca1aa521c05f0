import QtQuick
import QtQuick.Controls
import Stepwise
import Stepwise.Ui

// The diagram with its interaction: zoom (Ctrl+wheel, pinch, the window's actions), pan (drag
// empty space, middle button, wheel, scrollbars), selection (click, Ctrl+click, Shift+drag rubber
// band), moving selected states by dragging them (one undoable MoveStates on release), hover
// tooltips and the minimap. Drawing is DiagramView's: cached tiles that render the same on the
// software and OpenGL scene graphs.
Item {
    id: canvas

    required property DiagramController controller
    property bool documentOpen: false
    property bool parsed: true
    property real zoom: 1
    property bool showMinimap: true
    // Run animation: tokens travelling along fired edges, in scene coordinates (RunController.tokens).
    property var tokens: []
    // Editing (issue 5, docs/editing.md): the EditController for connecting, retargeting and the
    // keyboard edits; null keeps the canvas a viewer.
    property var editor: null
    signal renameRequested()
    // The first fit after a document was loaded has happened.
    property bool fitted: false
    readonly property bool complete: view.complete
    readonly property real minZoom: 0.01
    readonly property real maxZoom: 4
    readonly property DiagramView view: view

    clip: true

    function clamp(v, lo, hi) {
        return Math.max(lo, Math.min(hi, v))
    }
    function sceneX(x) {
        return (x + flick.contentX - view.x) / zoom
    }
    function sceneY(y) {
        return (y + flick.contentY - view.y) / zoom
    }
    function scrollTo(cx, cy) {
        flick.contentX = clamp(cx, 0, Math.max(0, flick.contentWidth - flick.width))
        flick.contentY = clamp(cy, 0, Math.max(0, flick.contentHeight - flick.height))
    }
    // Zooms keeping the scene point under (px, py) in place.
    function setZoomAt(newZoom, px, py) {
        newZoom = clamp(newZoom, minZoom, maxZoom)
        const sx = sceneX(px), sy = sceneY(py)
        zoom = newZoom
        scrollTo(sx * zoom + view.x - px, sy * zoom + view.y - py)
    }
    function zoomBy(factor) {
        setZoomAt(zoom * factor, width / 2, height / 2)
    }
    function centerOn(sx, sy) {
        scrollTo(sx * zoom + view.x - flick.width / 2, sy * zoom + view.y - flick.height / 2)
    }
    function fit() {
        const b = controller.bounds
        if (b.width <= 0 || b.height <= 0 || flick.width <= 0)
            return
        zoom = clamp(Math.min((flick.width - 24) / b.width, (flick.height - 24) / b.height), minZoom, 1)
        centerOn(b.width / 2, b.height / 2)
    }
    // Scrolls a scene rectangle into view (centring it) unless it is already fully visible.
    function ensureVisible(r) {
        if (r.width <= 0)
            return
        const left = r.x * zoom + view.x - flick.contentX, top = r.y * zoom + view.y - flick.contentY
        if (left >= 0 && top >= 0 && left + r.width * zoom <= flick.width && top + r.height * zoom <= flick.height)
            return
        if (r.width * zoom > flick.width || r.height * zoom > flick.height)
            zoom = clamp(Math.min(flick.width / (r.width + 40), flick.height / (r.height + 40)), minZoom, zoom)
        centerOn(r.x + r.width / 2, r.y + r.height / 2)
    }

    Connections {
        target: canvas.controller
        function onSceneChanged() {
            if (!canvas.fitted && canvas.controller.ready) {
                canvas.fit()
                canvas.fitted = true
            }
        }
    }
    onWidthChanged: if (!fitted || flick.contentWidth <= flick.width) Qt.callLater(fit)

    Rectangle {
        anchors.fill: parent
        color: canvas.controller.backgroundColor
    }

    Flickable {
        id: flick
        anchors.fill: parent
        interactive: false // dragging is ours: pan, move states or rubber band
        contentWidth: Math.max(view.width, width)
        contentHeight: Math.max(view.height, height)
        ScrollBar.horizontal: ScrollBar { policy: flick.contentWidth > flick.width ? ScrollBar.AlwaysOn : ScrollBar.AsNeeded }
        ScrollBar.vertical: ScrollBar { policy: flick.contentHeight > flick.height ? ScrollBar.AlwaysOn : ScrollBar.AsNeeded }

        DiagramView {
            id: view
            objectName: "diagramView"
            controller: canvas.controller
            zoom: canvas.zoom
            x: Math.max(0, (flick.width - width) / 2)
            y: Math.max(0, (flick.height - height) / 2)
            width: implicitWidth
            height: implicitHeight
            viewport: Qt.rect(flick.contentX - x, flick.contentY - y, flick.width, flick.height)
        }

        // A fixed pool (RunTokens::maxTokens): delegates are made once, not every frame.
        Repeater {
            model: 48
            delegate: Rectangle {
                required property int index
                readonly property var at: index < canvas.tokens.length ? canvas.tokens[index] : undefined
                readonly property real size: Math.max(6, 11 * canvas.zoom)
                visible: at !== undefined
                x: visible ? at.x * canvas.zoom + view.x - size / 2 : 0
                y: visible ? at.y * canvas.zoom + view.y - size / 2 : 0
                width: size
                height: size
                radius: size / 2
                color: "#0972d3"
                border.color: "white"
                border.width: 1.5
            }
        }

        // Editing: the connection handle of the hovered (or single selected) state, and the line
        // being dragged from it or from the end of an edge being retargeted.
        Rectangle {
            id: handle
            objectName: "connectHandle"
            readonly property rect box: input.handleBox
            visible: canvas.editor !== null && box.width > 0 && input.mode !== 3
            width: 12
            height: 12
            radius: 6
            x: (box.x + box.width / 2) * canvas.zoom + view.x - 6
            y: (box.y + box.height) * canvas.zoom + view.y - 2 // just under the box, clear of its text
            color: canvas.controller.accentColor
            border.color: canvas.controller.backgroundColor
            border.width: 2
        }
        Rectangle {
            id: dragLine
            visible: input.mode === 5 || input.mode === 6
            readonly property real dx: input.dragTo.x - input.dragFrom.x
            readonly property real dy: input.dragTo.y - input.dragFrom.y
            x: input.dragFrom.x * canvas.zoom + view.x
            y: input.dragFrom.y * canvas.zoom + view.y - 1
            width: Math.sqrt(dx * dx + dy * dy) * canvas.zoom
            height: 2
            transformOrigin: Item.Left
            rotation: Math.atan2(dy, dx) * 180 / Math.PI
            color: input.shiftCatch ? "#c62828" : canvas.controller.accentColor
        }

        // Outlines of the states being dragged; they stay until the new layout has arrived.
        Repeater {
            model: input.ghosts
            delegate: Rectangle {
                required property rect modelData
                x: (modelData.x + input.offset.x) * canvas.zoom + view.x
                y: (modelData.y + input.offset.y) * canvas.zoom + view.y
                width: modelData.width * canvas.zoom
                height: modelData.height * canvas.zoom
                radius: 6 * canvas.zoom
                color: "transparent"
                border.color: canvas.controller.accentColor
                border.width: 2
            }
        }
    }

    Rectangle {
        id: rubberBand
        visible: input.mode === 2
        color: Qt.rgba(canvas.controller.accentColor.r, canvas.controller.accentColor.g, canvas.controller.accentColor.b, 0.12)
        border.color: canvas.controller.accentColor
    }

    MouseArea {
        id: input
        anchors.fill: flick
        anchors.rightMargin: 12
        anchors.bottomMargin: 12
        hoverEnabled: true
        acceptedButtons: Qt.LeftButton | Qt.MiddleButton
        cursorShape: mode === 1 ? Qt.ClosedHandCursor : mode === 3 ? Qt.SizeAllCursor
            : canvas.controller.hovered.length > 0 ? Qt.PointingHandCursor : Qt.ArrowCursor

        // 0 idle, 1 panning, 2 rubber band, 3 moving states, 4 pressed on a state (not moved yet),
        // 5 connecting from a handle, 6 retargeting an edge's end
        property int mode: 0
        readonly property string handleNode: canvas.controller.hovered.length > 0 ? canvas.controller.hovered
            : canvas.controller.selection.length === 1 ? canvas.controller.selection[0] : ""
        readonly property rect handleBox: canvas.editor !== null && handleNode.length > 0 && canvas.controller.bounds.width > 0
            ? canvas.controller.nodeRect(handleNode) : Qt.rect(0, 0, 0, 0)
        property string connectFrom
        property var retargeted: ({})
        property point dragFrom
        property point dragTo
        property bool shiftCatch: false
        property point pressAt
        property point pressContent
        property string pressNode
        property point offset: Qt.point(0, 0)
        property var ghosts: []

        onPressed: mouse => {
            canvas.forceActiveFocus()
            tip.hide()
            pressAt = Qt.point(mouse.x, mouse.y)
            pressContent = Qt.point(flick.contentX, flick.contentY)
            if (mouse.button === Qt.MiddleButton) {
                mode = 1
                return
            }
            const sx = canvas.sceneX(mouse.x), sy = canvas.sceneY(mouse.y)
            if (canvas.editor !== null && handle.visible
                    && Math.abs(mouse.x + flick.contentX - (handle.x + 6)) <= 8
                    && Math.abs(mouse.y + flick.contentY - (handle.y + 6)) <= 8) {
                connectFrom = handleNode
                dragFrom = Qt.point(handleBox.x + handleBox.width / 2, handleBox.y + handleBox.height)
                dragTo = Qt.point(sx, sy)
                shiftCatch = (mouse.modifiers & Qt.ShiftModifier) !== 0
                mode = 5
                return
            }
            if (canvas.editor !== null) {
                const e = canvas.editor.edgeAt(sx, sy)
                if (e.tipX !== undefined && Math.abs(e.tipX - sx) * canvas.zoom <= 10 && Math.abs(e.tipY - sy) * canvas.zoom <= 10) {
                    retargeted = e
                    const from = canvas.controller.nodeRect(e.scope + "/States/" + e.from)
                    dragFrom = from.width > 0 ? Qt.point(from.x + from.width / 2, from.y + from.height) : Qt.point(sx, sy)
                    dragTo = Qt.point(sx, sy)
                    shiftCatch = false
                    mode = 6
                    return
                }
            }
            pressNode = canvas.controller.nodeAt(sx, sy)
            if (pressNode.length > 0) {
                if (mouse.modifiers & Qt.ControlModifier) {
                    canvas.controller.select(pressNode, true)
                    mode = 0
                    return
                }
                if (!canvas.controller.isSelected(pressNode))
                    canvas.controller.select(pressNode, false)
                mode = 4
            } else if (mouse.modifiers & Qt.ShiftModifier) {
                mode = 2
                rubberBand.x = mouse.x
                rubberBand.y = mouse.y
                rubberBand.width = 0
                rubberBand.height = 0
            } else {
                mode = 1
            }
        }
        onPositionChanged: mouse => {
            const dx = mouse.x - pressAt.x, dy = mouse.y - pressAt.y
            if (!pressed) {
                const sx = canvas.sceneX(mouse.x), sy = canvas.sceneY(mouse.y)
                canvas.controller.hovered = canvas.controller.nodeAt(sx, sy)
                const text = canvas.controller.tooltipAt(sx, sy)
                if (text !== tip.text || !tip.visible) {
                    tip.hide()
                    tip.text = text
                    tip.x = mouse.x + 14
                    tip.y = mouse.y + 18
                    if (text.length > 0)
                        tip.open()
                }
                return
            }
            if (mode === 5 || mode === 6) {
                dragTo = Qt.point(canvas.sceneX(mouse.x), canvas.sceneY(mouse.y))
                if (mode === 5)
                    shiftCatch = (mouse.modifiers & Qt.ShiftModifier) !== 0
            } else if (mode === 1) {
                canvas.scrollTo(pressContent.x - dx, pressContent.y - dy)
            } else if (mode === 4 && Math.abs(dx) + Math.abs(dy) > 4) {
                const rects = canvas.controller.selectionRects()
                ghosts = rects.length > 200 ? [] : rects
                mode = 3
            } else if (mode === 3) {
                offset = Qt.point(dx / canvas.zoom, dy / canvas.zoom)
            } else if (mode === 2) {
                rubberBand.x = Math.min(mouse.x, pressAt.x)
                rubberBand.y = Math.min(mouse.y, pressAt.y)
                rubberBand.width = Math.abs(dx)
                rubberBand.height = Math.abs(dy)
            }
        }
        onReleased: mouse => {
            const dx = mouse.x - pressAt.x, dy = mouse.y - pressAt.y
            if (mode === 5 || mode === 6) {
                const target = canvas.controller.nodeAt(canvas.sceneX(mouse.x), canvas.sceneY(mouse.y))
                if (target.length > 0 && mode === 5 && target !== connectFrom)
                    canvas.editor.connectStates(connectFrom, target, (mouse.modifiers & Qt.ShiftModifier) !== 0)
                else if (target.length > 0 && mode === 6)
                    canvas.editor.retargetEdge(retargeted, target)
            } else if (mode === 1 && mouse.button === Qt.LeftButton && Math.abs(dx) + Math.abs(dy) <= 4) {
                canvas.controller.clearSelection()
            } else if (mode === 4) {
                canvas.controller.select(pressNode, false)
            } else if (mode === 3) {
                canvas.controller.moveSelection(dx / canvas.zoom, dy / canvas.zoom)
                if (!canvas.controller.busy)
                    ghosts = []
            } else if (mode === 2) {
                canvas.controller.selectInRect(Qt.rect(canvas.sceneX(rubberBand.x), canvas.sceneY(rubberBand.y),
                                                       rubberBand.width / canvas.zoom, rubberBand.height / canvas.zoom),
                                               (mouse.modifiers & Qt.ControlModifier) !== 0)
            }
            mode = 0
        }
        onExited: {
            canvas.controller.hovered = ""
            tip.hide()
        }
        onWheel: wheel => {
            if (wheel.modifiers & Qt.ControlModifier) {
                const steps = wheel.angleDelta.y !== 0 ? wheel.angleDelta.y : wheel.pixelDelta.y * 4
                canvas.setZoomAt(canvas.zoom * Math.pow(1.0015, steps), wheel.x, wheel.y)
                return
            }
            let dx = wheel.pixelDelta.x !== 0 ? wheel.pixelDelta.x : wheel.angleDelta.x / 2
            let dy = wheel.pixelDelta.y !== 0 ? wheel.pixelDelta.y : wheel.angleDelta.y / 2
            if (wheel.modifiers & Qt.ShiftModifier) {
                dx = dy
                dy = 0
            }
            canvas.scrollTo(flick.contentX - dx, flick.contentY - dy)
        }

        Connections {
            target: canvas.controller
            function onBusyChanged() {
                if (!canvas.controller.busy && input.mode !== 3)
                    input.ghosts = []
            }
        }
    }

    PinchHandler {
        id: pinch
        target: null
        property real last: 1
        onActiveChanged: last = 1
        onActiveScaleChanged: {
            canvas.setZoomAt(canvas.zoom * activeScale / last, centroid.position.x, centroid.position.y)
            last = activeScale
        }
    }

    Keys.onEscapePressed: canvas.controller.clearSelection()
    // Editing keys: Delete, F2 rename, arrows move the selection (Shift: further), Ctrl+A.
    Keys.onPressed: event => {
        if (canvas.editor === null)
            return
        const step = (event.modifiers & Qt.ShiftModifier) ? 50 : 10
        if (event.key === Qt.Key_Delete || event.key === Qt.Key_Backspace) {
            canvas.editor.deleteSelection()
        } else if (event.key === Qt.Key_F2) {
            canvas.renameRequested()
        } else if (event.key === Qt.Key_A && (event.modifiers & Qt.ControlModifier)) {
            canvas.controller.selectAll()
        } else if (canvas.controller.selection.length > 0
                   && [Qt.Key_Left, Qt.Key_Right, Qt.Key_Up, Qt.Key_Down].indexOf(event.key) >= 0) {
            canvas.controller.moveSelection(event.key === Qt.Key_Left ? -step : event.key === Qt.Key_Right ? step : 0,
                                            event.key === Qt.Key_Up ? -step : event.key === Qt.Key_Down ? step : 0)
        } else {
            return
        }
        event.accepted = true
    }

    ToolTip {
        id: tip
        delay: 400
        timeout: 8000
    }

    Minimap {
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.rightMargin: 18
        anchors.bottomMargin: 18
        visible: canvas.showMinimap && canvas.controller.ready
            && (view.width > flick.width || view.height > flick.height)
        controller: canvas.controller
        viewRect: Qt.rect(canvas.sceneX(0), canvas.sceneY(0), flick.width / canvas.zoom, flick.height / canvas.zoom)
        onNavigate: (sx, sy) => canvas.centerOn(sx, sy)
    }

    Label {
        anchors.centerIn: parent
        visible: !canvas.documentOpen || !canvas.parsed
        horizontalAlignment: Text.AlignHCenter
        color: canvas.controller.textColor
        opacity: 0.6
        text: !canvas.documentOpen ? "Open a state machine (Ctrl+O)\nor drop an .asl.json file here"
                                   : "The file is not valid JSON: see the message below"
    }
}
