#include "cli.h"
#include "commands.h"
#include "diagramsource.h"

#include "geometryjson.h"
#include "json/jsonwriter.h"

namespace sw::cli {

QString layoutHelp()
{
    return QStringLiteral("Usage: stepwise layout FILE [--json] [--no-pins]\n"
                          "\n"
                          "Lays out a definition as the designer draws it (Graphviz dot, one graph\n"
                          "per machine: the top level, each Parallel branch, each Map processor) and\n"
                          "prints the geometry in scene units (1 unit = 1 pixel at 100% zoom, y down).\n"
                          "\n"
                          "Options:\n"
                          "  --json      print {width, height, nodes: [{id, name, kind, type, x, y, w,\n"
                          "              h, ...}], clusters: [{id, kind, label, x, y, w, h, members}],\n"
                          "              edges: [{from, to, kind, label, points, arrow, ...}]};\n"
                          "              edge points are Graphviz's bezier control points (p0, then\n"
                          "              three per cubic segment)\n"
                          "  --no-pins   ignore positions pinned in FILE.layout.json\n"
                          "\n"
                          "Exit codes: 0 laid out, 1 the definition is not JSON, 2 usage error or\n"
                          "unreadable file.\n");
}

int runLayout(const QStringList &args)
{
    QString file;
    bool json = false;
    bool pins = true;
    for (const QString &a : args) {
        if (a == QLatin1String("--json")) {
            json = true;
        } else if (a == QLatin1String("--no-pins")) {
            pins = false;
        } else if (a.startsWith(QLatin1String("--")) || !file.isEmpty()) {
            err() << "stepwise layout: unexpected argument " << a << " (see stepwise layout --help)\n";
            return Usage;
        } else {
            file = a;
        }
    }
    if (file.isEmpty()) {
        err() << "stepwise layout: no FILE given (see stepwise layout --help)\n";
        return Usage;
    }
    Diagram d;
    QString error;
    if (const int rc = loadDiagram(file, pins, render::DiagramStyle::light(), &d, &error); rc != Ok) {
        err() << "stepwise layout: " << error << '\n';
        return rc;
    }
    const layout::Geometry &g = d.geometry;
    if (json) {
        out() << QString::fromUtf8(JsonWriter::pretty(layout::toJson(g))) << '\n';
        return Ok;
    }
    out() << file << ": " << g.nodes.size() << " nodes, " << g.clusters.size() << " clusters, "
          << g.edges.size() << " edges, " << g.bounds.width() << " x " << g.bounds.height() << ", "
          << qRound(g.elapsedMs) << " ms\n";
    for (const layout::NodeGeometry &n : g.nodes) {
        if (n.kind != layout::NodeKind::State) continue;
        out() << "  " << n.id << "  " << n.rect.x() << ',' << n.rect.y() << ' ' << n.rect.width() << 'x'
              << n.rect.height() << (n.pinned ? "  pinned" : "") << '\n';
    }
    return Ok;
}

} // namespace sw::cli
