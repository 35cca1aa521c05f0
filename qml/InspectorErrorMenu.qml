import QtQuick
import QtQuick.Controls

// A button that adds a common error name (States.ALL, States.TaskFailed, Lambda.ServiceException...)
// to an ErrorEquals list; States.ALL replaces the list, as it must stand alone.
ToolButton {
    id: button

    property string current
    property var names: []
    signal picked(string names)

    text: "+"
    ToolTip.text: "Add a common error"
    ToolTip.visible: hovered
    onClicked: menu.open()

    Menu {
        id: menu
        Repeater {
            model: button.names
            delegate: MenuItem {
                required property string modelData
                text: modelData
                onTriggered: {
                    let list = button.current.split(",").map(s => s.trim()).filter(s => s.length > 0 && s !== "States.ALL")
                    if (modelData === "States.ALL")
                        list = ["States.ALL"]
                    else if (list.indexOf(modelData) < 0)
                        list.push(modelData)
                    button.picked(list.join(", "))
                }
            }
        }
    }
}
