#include "diagramsource.h"

#include "cli.h"

#include "edit/layoutsidecar.h"
#include "fontmetrics.h"
#include "layout.h"

namespace sw::cli {

int loadDiagram(const QString &path, bool usePins, const render::DiagramStyle &style, Diagram *out,
                QString *error)
{
    QByteArray data;
    if (!readFile(path, data, *error)) return Usage;
    out->doc = asl::AslDocument::fromText(data);
    if (!out->doc.parsed) {
        const Diagnostic d = out->doc.readDiagnostics.value(0);
        *error = QStringLiteral("%1:%2:%3: %4").arg(path).arg(d.pos.line).arg(d.pos.column).arg(d.message);
        return Failure;
    }
    layout::Options options;
    const render::FontTextMetrics metrics(style);
    options.metrics = &metrics;
    if (usePins) {
        const QString e = edit::readSidecar(path, &options.pins);
        if (!e.isEmpty()) err() << "stepwise: ignoring pins: " << e << '\n';
    }
    out->geometry = layout::layoutMachine(out->doc.machine, options);
    if (!out->geometry.error.isEmpty()) err() << "stepwise: graphviz: " << out->geometry.error << '\n';
    return Ok;
}

} // namespace sw::cli
