#include "cli.h"
#include "commands.h"
#include "diagramsource.h"

#include "exporters.h"

#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>
#include <cstdio>

namespace sw::cli {

QString exportHelp()
{
    qsizetype width = 0;
    for (const render::Exporter &e : render::exporters())
        width = std::max(width, e.name.size());
    QString formats;
    for (const render::Exporter &e : render::exporters())
        formats += QStringLiteral("  %1  %2\n").arg(e.name.leftJustified(width), e.description);
    return QStringLiteral("Usage: stepwise export FILE [--format FORMAT] [-o OUT] [--scale S] [--dark]\n"
                          "                       [--no-pins]\n"
                          "\n"
                          "Draws a definition as the designer does and writes it in FORMAT (by default\n"
                          "the suffix of OUT, else svg). Text formats go to standard output without -o.\n"
                          "\n"
                          "Formats:\n") +
           formats +
           QStringLiteral("\n"
                          "Options:\n"
                          "  -o, --output OUT  write to OUT (atomically)\n"
                          "  --scale S         pixels per diagram unit for raster formats (default 2)\n"
                          "  --dark            dark colours\n"
                          "  --no-pins         ignore positions pinned in FILE.layout.json\n"
                          "\n"
                          "Exit codes: 0 written, 1 the definition is not JSON or the export failed,\n"
                          "2 usage error or unreadable file.\n");
}

int runExport(const QStringList &args)
{
    QString file, output, format;
    double scale = 2;
    bool dark = false;
    bool pins = true;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        auto value = [&](QString *into) {
            if (i + 1 >= args.size()) return false;
            *into = args.at(++i);
            return true;
        };
        if (a == QLatin1String("--format") || a == QLatin1String("-f")) {
            if (!value(&format)) {
                err() << "stepwise export: " << a << " needs a value\n";
                return Usage;
            }
        } else if (a.startsWith(QLatin1String("--format="))) {
            format = a.section(QLatin1Char('='), 1);
        } else if (a == QLatin1String("-o") || a == QLatin1String("--output")) {
            if (!value(&output)) {
                err() << "stepwise export: " << a << " needs a value\n";
                return Usage;
            }
        } else if (a == QLatin1String("--scale")) {
            QString v;
            bool ok = value(&v);
            scale = v.toDouble(&ok);
            if (!ok || scale <= 0 || scale > 16) {
                err() << "stepwise export: --scale must be a number in (0, 16]\n";
                return Usage;
            }
        } else if (a == QLatin1String("--dark")) {
            dark = true;
        } else if (a == QLatin1String("--no-pins")) {
            pins = false;
        } else if (a.startsWith(QLatin1Char('-')) || !file.isEmpty()) {
            err() << "stepwise export: unexpected argument " << a << " (see stepwise export --help)\n";
            return Usage;
        } else {
            file = a;
        }
    }
    if (file.isEmpty()) {
        err() << "stepwise export: no FILE given (see stepwise export --help)\n";
        return Usage;
    }
    if (format.isEmpty())
        format = output.isEmpty() ? QStringLiteral("svg") : QFileInfo(output).suffix().toLower();
    const render::Exporter *exporter = render::findExporter(format);
    if (!exporter) {
        err() << "stepwise export: unknown format '" << format << "' (see stepwise export --help)\n";
        return Usage;
    }
    if (exporter->binary && output.isEmpty()) {
        err() << "stepwise export: " << exporter->name << " is binary: give -o OUT\n";
        return Usage;
    }

    Diagram d;
    QString error;
    const render::DiagramStyle style =
        dark ? render::DiagramStyle::darkStyle() : render::DiagramStyle::light();
    if (const int rc = loadDiagram(file, pins, style, &d, &error); rc != Ok) {
        err() << "stepwise export: " << error << '\n';
        return rc;
    }
    render::ExportInput in;
    in.machine = &d.doc.machine;
    in.geometry = &d.geometry;
    in.style = style;
    in.scale = scale;
    const QByteArray data = exporter->write(in, &error);
    if (!error.isEmpty()) {
        err() << "stepwise export: " << error << '\n';
        return Failure;
    }
    if (output.isEmpty()) {
        out().flush();
        std::fwrite(data.constData(), 1, size_t(data.size()), stdout);
        std::fflush(stdout);
        return Ok;
    }
    // Unbuffered: QSaveFile::commit() misses a write error of its own flush (a full disk).
    QSaveFile f(output);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Unbuffered) || f.write(data) != data.size() ||
        !f.commit()) {
        err() << "stepwise export: " << output << ": cannot write: " << f.errorString() << '\n';
        return Failure;
    }
    return Ok;
}

} // namespace sw::cli
