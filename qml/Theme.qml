import QtQuick

// The light and dark palettes of the application; Main.qml applies the chosen one to the window
// palette, which the controls and the diagram (through DiagramController's colours) follow.
QtObject {
    property bool dark: false

    readonly property color window: dark ? "#26272b" : "#f3f3f5"
    readonly property color base: dark ? "#1e1f22" : "#ffffff"
    readonly property color alternateBase: dark ? "#2a2b2f" : "#f6f7f9"
    readonly property color text: dark ? "#e6e6e6" : "#1f2328"
    readonly property color muted: dark ? "#9a9ca3" : "#6a6f78"
    readonly property color button: dark ? "#33353a" : "#ececef"
    readonly property color highlight: dark ? "#4c9aff" : "#1a73e8"
    readonly property color highlightedText: "#ffffff"
    readonly property color mid: dark ? "#45474d" : "#c4c7cc"
    readonly property color midlight: dark ? "#3a3c41" : "#dcdee2"
    readonly property color light: dark ? "#4a4c52" : "#ffffff"
    readonly property color shadow: dark ? "#0e0e10" : "#8a8d93"
    readonly property color error: dark ? "#ff7b72" : "#c62828"
    readonly property color warning: dark ? "#e3b341" : "#9a6700"
}
