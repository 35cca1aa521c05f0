#include "cli/cli.h"
#include "gui.h"

#include <QCoreApplication>
#include <QDir>
#include <QGuiApplication>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace {

// Qt Gui wants a private runtime directory; where none is set (root shells, containers, CI) it
// falls back to /tmp/runtime-USER and warns on stderr, which would mix into command output. Give it
// that same directory (made private) without the warning.
void ensureRuntimeDir()
{
    if (!qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) return;
    const QByteArray dir = QDir::tempPath().toLocal8Bit() + "/runtime-" + QByteArray::number(getuid());
    if (mkdir(dir.constData(), 0700) != 0 && errno != EEXIST) return;
    struct stat st {};
    if (stat(dir.constData(), &st) != 0 || st.st_uid != getuid()) return; // not ours: let Qt decide
    chmod(dir.constData(), 0700);
    qputenv("XDG_RUNTIME_DIR", dir);
}

} // namespace

int main(int argc, char *argv[])
{
    ensureRuntimeDir();
    // A subcommand (or --help/--version) runs headless: no display is needed.
    if (argc > 1 && (argv[1][0] == '-' || sw::cli::findCommand(QString::fromLocal8Bit(argv[1])))) {
        // Only --help, -h and --version are top-level CLI options; any other option (--screenshot,
        // --size, --run-to, ...) belongs to the designer, in any order with FILE.
        const bool guiOption = argv[1][0] == '-' && std::strcmp(argv[1], "--help") != 0 &&
                               std::strcmp(argv[1], "-h") != 0 && std::strcmp(argv[1], "--version") != 0;
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
