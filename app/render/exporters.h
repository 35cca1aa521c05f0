#pragma once

#include "asl/statemachine.h"
#include "geometry.h"
#include "style.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace sw::render {

struct ExportInput
{
    const asl::StateMachine *machine = nullptr;
    const layout::Geometry *geometry = nullptr;
    DiagramStyle style;
    qreal scale = 2; // raster formats: device pixels per scene unit
};

// One diagram output format. Adding a format is adding a row to exporters(); `stepwise export`
// and the GUI list whatever is registered. Exporters measure and draw text, so they need a
// QGuiApplication (the offscreen platform is enough).
struct Exporter
{
    QString name;      // --format value, e.g. "svg"
    QString extension; // file suffix without the dot
    QString description;
    bool binary = false; // binary formats need -o (never written to a terminal)
    QByteArray (*write)(const ExportInput &input, QString *error) = nullptr;
};

const QList<Exporter> &exporters();
const Exporter *findExporter(const QString &name);

// The formats themselves (also usable directly).
QByteArray exportSvg(const ExportInput &input, QString *error);
QByteArray exportPng(const ExportInput &input, QString *error);
// One vector page the size of the diagram (QPdfWriter, one point per scene unit), text as text.
QByteArray exportPdf(const ExportInput &input, QString *error);
// The whole machine as one Graphviz graph: Parallel and Map states become clusters (a Parallel
// holds one sub-cluster per branch), nodes keep the sizes of the layout, edges keep their kind
// (Catch dashed) and label. `dot` accepts it as is.
QByteArray exportDot(const ExportInput &input, QString *error);

} // namespace sw::render
