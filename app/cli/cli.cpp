#include "cli.h"

#include "commands.h"

#include "validate/sizelimits.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

namespace sw::cli {

const QList<Command> &commands()
{
    static const QList<Command> all = {
        {"validate", "check definitions for errors and warnings", &runValidate, &validateHelp},
        {"fmt", "write a definition back through the model (2-space JSON)", &runFmt, &fmtHelp},
        {"layout", "print the diagram geometry (nodes, clusters, routed edges)", &runLayout, &layoutHelp},
        {"export", "write the diagram as SVG, PNG or Graphviz DOT", &runExport, &exportHelp},
        {"simulate", "run a state machine on a virtual clock with mocked tasks", &runSimulate, &simulateHelp},
        {"cost", "estimate the monthly AWS bill from simulated runs", &runCost, &costHelp},
    };
    return all;
}

const Command *findCommand(const QString &name)
{
    for (const Command &c : commands()) {
        if (name == QLatin1String(c.name))
            return &c;
    }
    return nullptr;
}

QString versionText()
{
    return QStringLiteral("stepwise %1").arg(QStringLiteral(STEPWISE_VERSION));
}

QString programHelp()
{
    QString s = QStringLiteral(
        "Usage: stepwise [FILE]                open the designer (on FILE)\n"
        "       stepwise COMMAND [OPTIONS...]  run a headless command\n"
        "\n"
        "Stepwise designs, simulates and costs AWS Step Functions state machines\n"
        "(Amazon States Language).\n"
        "\n"
        "Commands:\n");
    for (const Command &c : commands())
        s += QStringLiteral("  %1 %2\n").arg(QString::fromLatin1(c.name).leftJustified(10), QLatin1String(c.summary));
    s += QStringLiteral(
        "\n"
        "Options:\n"
        "  -h, --help     show this help (or `stepwise COMMAND --help`)\n"
        "  --version      show the version\n"
        "\n"
        "Designer options (stepwise FILE ...):\n"
        "  --screenshot OUT.png   render the window offscreen to OUT.png and exit\n"
        "  --size WxH             window size (default 1400x900)\n"
        "  --theme light|dark|system\n"
        "  --select STATE         select STATE (the inspector shows it)\n"
        "  --run-to SECONDS       simulate FILE and show the run at SECONDS simulated\n"
        "                         seconds, with --input-file F, --mocks F, --test-case T\n"
        "  --panel cost|placeholders|events  show that panel (cost: estimate FILE with\n"
        "                         the mocks found beside it, as the Cost panel does;\n"
        "                         events: the run's event table, with --run-to)\n"
        "\n"
        "Exit codes: 0 success, 1 the check failed (invalid definition, failed\n"
        "execution, file would change), 2 usage error or unreadable file.\n");
    return s;
}

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

bool readFile(const QString &path, QByteArray &data, QString &error)
{
    QFileInfo fi(path);
    if (!fi.exists()) {
        error = QStringLiteral("%1: no such file").arg(path);
        return false;
    }
    if (fi.isDir()) {
        error = QStringLiteral("%1: is a directory").arg(path);
        return false;
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("%1: cannot read: %2").arg(path, f.errorString());
        return false;
    }
    // Refused before reading (docs/limits.md); the capped read also stops devices and pipes.
    if (f.size() > validate::MaxFileSize) {
        error = validate::fileTooLargeMessage(path, f.size());
        return false;
    }
    data = f.read(validate::MaxFileSize + 1);
    if (data.size() > validate::MaxFileSize) {
        error = validate::fileTooLargeMessage(path, -1);
        return false;
    }
    return true;
}

int run(const QStringList &arguments)
{
    const QStringList args = arguments.mid(1);
    if (args.isEmpty() || args.first() == QLatin1String("-h") || args.first() == QLatin1String("--help")) {
        out() << programHelp();
        out().flush();
        return Ok;
    }
    if (args.first() == QLatin1String("--version")) {
        out() << versionText() << '\n';
        out().flush();
        return Ok;
    }
    const Command *c = findCommand(args.first());
    if (!c) {
        err() << "stepwise: unknown command '" << args.first() << "' (see stepwise --help)\n";
        err().flush();
        return Usage;
    }
    const QStringList rest = args.mid(1);
    if (rest.contains(QLatin1String("--help")) || rest.contains(QLatin1String("-h"))) {
        out() << c->help();
        out().flush();
        return Ok;
    }
    const int rc = c->run(rest);
    out().flush();
    err().flush();
    return rc;
}

} // namespace sw::cli
