#include "cli/cli.h"
#include "gui.h"

#include <QCoreApplication>
#include <QGuiApplication>

#include <cstring>

int main(int argc, char *argv[])
{
    // A subcommand (or --help/--version) runs headless: no display is needed.
    if (argc > 1 && (argv[1][0] == '-' || sw::cli::findCommand(QString::fromLocal8Bit(argv[1])))) {
        const bool guiOption =
            std::strcmp(argv[1], "--screenshot") == 0 || std::strcmp(argv[1], "--size") == 0;
        if (!guiOption) {
            // Commands that draw or measure text need Qt Gui's fonts, never a window: the offscreen
            // platform gives them fonts without a display.
            const bool draws = std::strcmp(argv[1], "layout") == 0 || std::strcmp(argv[1], "export") == 0;
            if (draws) {
                qputenv("QT_QPA_PLATFORM", "offscreen");
                QGuiApplication app(argc, argv);
                return sw::cli::run(app.arguments());
            }
            QCoreApplication app(argc, argv);
            return sw::cli::run(app.arguments());
        }
    }
    return sw::gui::run(argc, argv);
}
