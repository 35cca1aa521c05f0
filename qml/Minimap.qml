import QtQuick
import Stepwise

// The whole diagram in a corner, with the main view's visible area outlined; clicking or dragging
// centres the main view on that point.
Rectangle {
    id: minimap

    required property DiagramController controller
    required property rect viewRect // the main view's visible part, in scene units
    signal navigate(real sceneX, real sceneY)

    readonly property rect bounds: controller.bounds
    readonly property real mapZoom: bounds.width > 0
        ? Math.min((width - 8) / bounds.width, (height - 8) / bounds.height) : 1

    width: 220
    height: 150
    radius: 4
    clip: true
    color: controller.backgroundColor
    border.color: Qt.rgba(controller.textColor.r, controller.textColor.g, controller.textColor.b, 0.35)

    DiagramView {
        id: map
        controller: minimap.controller
        decorated: false
        zoom: minimap.mapZoom
        x: (minimap.width - width) / 2
        y: (minimap.height - height) / 2
        width: implicitWidth
        height: implicitHeight
    }

    // The visible area, never smaller than 8 pixels so it stays findable on huge diagrams.
    Rectangle {
        readonly property real cx: map.x + (minimap.viewRect.x + minimap.viewRect.width / 2) * minimap.mapZoom
        readonly property real cy: map.y + (minimap.viewRect.y + minimap.viewRect.height / 2) * minimap.mapZoom
        width: Math.max(8, Math.min(map.width, minimap.viewRect.width * minimap.mapZoom))
        height: Math.max(8, Math.min(map.height, minimap.viewRect.height * minimap.mapZoom))
        x: cx - width / 2
        y: cy - height / 2
        color: Qt.rgba(minimap.controller.accentColor.r, minimap.controller.accentColor.g, minimap.controller.accentColor.b, 0.12)
        border.color: minimap.controller.accentColor
        border.width: 1.5
    }

    MouseArea {
        anchors.fill: parent
        function go(mouse) {
            minimap.navigate((mouse.x - map.x) / minimap.mapZoom, (mouse.y - map.y) / minimap.mapZoom)
        }
        onPressed: mouse => go(mouse)
        onPositionChanged: mouse => go(mouse)
    }
}
