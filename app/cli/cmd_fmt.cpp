#include "cli.h"
#include "commands.h"

#include "asl/asldocument.h"

#include <QSaveFile>

namespace sw::cli {

QString fmtHelp()
{
    return QStringLiteral(
        "Usage: stepwise fmt FILE [-o OUT] [--check]\n"
        "\n"
        "Loads a definition and writes it back through the model: 2-space indented\n"
        "JSON with the authored order of states and keys, unknown fields,\n"
        "${Placeholder} strings and number spellings kept. A 2-space-indented file\n"
        "comes back byte for byte.\n"
        "\n"
        "Options:\n"
        "  -o OUT     write to OUT instead of rewriting FILE in place\n"
        "  --check    write nothing; exit 1 when FILE would change\n"
        "\n"
        "Exit codes: 0 done (or already formatted), 1 would change (--check) or the\n"
        "file is not JSON, 2 usage error or unreadable file.\n");
}

int runFmt(const QStringList &args)
{
    QString file, outPath;
    bool check = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--check")) {
            check = true;
        } else if (a == QLatin1String("-o") || a == QLatin1String("--output")) {
            if (i + 1 >= args.size()) {
                err() << "stepwise fmt: -o needs a file name\n";
                return Usage;
            }
            outPath = args.at(++i);
        } else if (a.startsWith(QLatin1Char('-')) && a.size() > 1) {
            err() << "stepwise fmt: unknown option " << a << " (see stepwise fmt --help)\n";
            return Usage;
        } else if (file.isEmpty()) {
            file = a;
        } else {
            err() << "stepwise fmt: only one FILE can be formatted at a time\n";
            return Usage;
        }
    }
    if (file.isEmpty()) {
        err() << "stepwise fmt: no FILE given (see stepwise fmt --help)\n";
        return Usage;
    }
    QByteArray data;
    QString error;
    if (!readFile(file, data, error)) {
        err() << "stepwise fmt: " << error << '\n';
        return Usage;
    }
    const asl::AslDocument doc = asl::AslDocument::fromText(data);
    if (!doc.parsed) {
        for (const Diagnostic &d : doc.readDiagnostics)
            err() << file << ':' << d.pos.line << ':' << d.pos.column << ": error " << d.code << ": " << d.message << '\n';
        return Failure;
    }
    const QByteArray text = doc.toText();
    if (check) {
        if (text != data) {
            out() << file << ": would be reformatted\n";
            return Failure;
        }
        return Ok;
    }
    const QString target = outPath.isEmpty() ? file : outPath;
    if (outPath.isEmpty() && text == data)
        return Ok;
    // Unbuffered: QSaveFile::commit() misses a write error of its own flush (a full disk).
    QSaveFile f(target);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Unbuffered) || f.write(text) != text.size() ||
        !f.commit()) {
        err() << "stepwise fmt: " << target << ": cannot write: " << f.errorString() << '\n';
        return Usage;
    }
    return Ok;
}

} // namespace sw::cli
