#include "exporters.h"

#include "painter.h"
#include "scene.h"

#include <QBuffer>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

namespace sw::render {

// One page the size of the diagram, one point per scene unit, drawn by the same DiagramPainter as
// the canvas and the PNG: vector paths and real text (selectable, searchable), so it prints and
// zooms without pixels. Text is drawn at every size (the canvas's level of detail is for screens).
QByteArray exportPdf(const ExportInput &in, QString *error)
{
    const QRectF bounds = in.geometry->bounds;
    if (bounds.isEmpty()) {
        *error = QStringLiteral("the diagram is empty");
        return {};
    }
    // PDF pages are limited to 14,400 points a side (200 inches); bigger diagrams are scaled down.
    constexpr qreal kMaxSide = 14400;
    const qreal fit = std::min<qreal>(1, kMaxSide / std::max(bounds.width(), bounds.height()));
    const QSizeF page(bounds.width() * fit, bounds.height() * fit);

    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter pdf(&buffer);
        pdf.setResolution(72); // one device unit per point
        pdf.setCreator(QStringLiteral("Stepwise"));
        const QString title = in.machine ? in.machine->comment : QString();
        pdf.setTitle(title.isEmpty() ? QStringLiteral("State machine") : title);
        pdf.setPageLayout(QPageLayout(QPageSize(page, QPageSize::Point, QString(), QPageSize::ExactMatch),
                                      QPageLayout::Portrait, QMarginsF()));
        QPainter p;
        if (!p.begin(&pdf)) {
            *error = QStringLiteral("cannot start a PDF");
            return {};
        }
        p.fillRect(QRectF(QPointF(0, 0), page), in.style.background);
        p.scale(fit, fit);
        p.translate(-bounds.topLeft());
        const DiagramScene scene(*in.geometry);
        // Painted as if at 100 % zoom or more so text is never dropped for being small.
        DiagramPainter::paint(p, scene, in.style, bounds, std::max<qreal>(1, fit));
        p.end();
    }
    return out;
}

} // namespace sw::render
