#include "cli/cli.h"
#include "gui.h"

#include <QCoreApplication>

#include <cstring>

int main(int argc, char *argv[])
{
    // A subcommand (or --help/--version) runs headless: no display is needed.
    if (argc > 1 && (argv[1][0] == '-' || sw::cli::findCommand(QString::fromLocal8Bit(argv[1])))) {
        const bool guiOption = std::strcmp(argv[1], "--screenshot") == 0 || std::strcmp(argv[1], "--size") == 0;
        if (!guiOption) {
            QCoreApplication app(argc, argv);
            return sw::cli::run(app.arguments());
        }
    }
    return sw::gui::run(argc, argv);
}
