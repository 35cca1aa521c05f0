#include "exporters.h"

#include "formats/exports.h"
#include "painter.h"
#include "scene.h"

#include <QBuffer>
#include <QImage>
#include <QPainter>

#include <cmath>

namespace sw::render {

namespace {
// The text formats of model/formats (Mermaid, YAML, JSON, CloudFormation, SAM, Terraform), in the
// order formats::textExports() lists them; they write the definition, not the drawing.
template <int I> QByteArray textExport(const ExportInput &in, QString *)
{
    return formats::textExports().at(I).write(
        formats::ExportSource{&in.machine->json, in.machine, QString()});
}
template <int I> Exporter textExporter()
{
    const formats::TextExport &e = formats::textExports().at(I);
    return {e.name, e.extension, e.description, false, &textExport<I>};
}
} // namespace

const QList<Exporter> &exporters()
{
    static const QList<Exporter> all = {
        {QStringLiteral("svg"), QStringLiteral("svg"), QStringLiteral("SVG drawing, state names as text"),
         false, &exportSvg},
        {QStringLiteral("png"), QStringLiteral("png"), QStringLiteral("PNG image (2x scale by default)"),
         true, &exportPng},
        {QStringLiteral("pdf"), QStringLiteral("pdf"), QStringLiteral("PDF page, vector, text selectable"), true,
         &exportPdf},
        {QStringLiteral("dot"), QStringLiteral("dot"),
         QStringLiteral("Graphviz DOT, clusters for Parallel and Map"), false, &exportDot},
        textExporter<0>(),
        textExporter<1>(),
        textExporter<2>(),
        textExporter<3>(),
        textExporter<4>(),
        textExporter<5>(),
    };
    return all;
}

const Exporter *findExporter(const QString &name)
{
    for (const Exporter &e : exporters()) {
        if (e.name.compare(name, Qt::CaseInsensitive) == 0) return &e;
    }
    return nullptr;
}

QByteArray exportPng(const ExportInput &in, QString *error)
{
    const QRectF bounds = in.geometry->bounds;
    const QSize size(int(std::ceil(bounds.width() * in.scale)), int(std::ceil(bounds.height() * in.scale)));
    if (size.isEmpty() || qint64(size.width()) * size.height() > 400'000'000LL) {
        *error =
            QStringLiteral("the diagram is too large for a PNG at scale %1 (%2 x %3 pixels); lower --scale")
                .arg(in.scale)
                .arg(size.width())
                .arg(size.height());
        return {};
    }
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(in.style.background);
    {
        const DiagramScene scene(*in.geometry);
        QPainter p(&image);
        p.scale(in.scale, in.scale);
        DiagramPainter::paint(p, scene, in.style, bounds, in.scale);
    }
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG")) {
        *error = QStringLiteral("cannot encode PNG");
        return {};
    }
    return out;
}

} // namespace sw::render
