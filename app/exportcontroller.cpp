#include "exportcontroller.h"

#include "diagramcontroller.h"
#include "documentcontroller.h"
#include "exporters.h"
#include "fontmetrics.h"
#include "layout.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace sw::gui {

ExportController::ExportController(QObject *parent) : QObject(parent) {}

QVariantList ExportController::formats() const
{
    QVariantList out;
    for (const render::Exporter &e : render::exporters())
        out.append(QVariantMap{{QStringLiteral("name"), e.name},
                               {QStringLiteral("extension"), e.extension},
                               {QStringLiteral("description"), e.description},
                               {QStringLiteral("binary"), e.binary}});
    return out;
}

QString ExportController::suggestedPath(const QString &format) const
{
    const render::Exporter *e = render::findExporter(format);
    if (!m_document || m_document->filePath().isEmpty() || !e) return {};
    const QFileInfo fi(m_document->filePath());
    QString base = fi.fileName();
    for (const char *suffix : {".asl.json", ".asl.yaml", ".asl.yml", ".json"}) {
        if (base.endsWith(QLatin1String(suffix), Qt::CaseInsensitive)) {
            base.chop(qsizetype(qstrlen(suffix)));
            break;
        }
    }
    // A JSON or YAML export beside the definition must not take its name.
    const QString name = e->name == QLatin1String("json") || e->name == QLatin1String("yaml")
                             ? base + QStringLiteral(".export.") + e->extension
                             : base + QLatin1Char('.') + e->extension;
    return fi.dir().filePath(name);
}

QString ExportController::exportTo(const QString &pathOrUrl, const QString &format) const
{
    const QString path = DocumentController::toLocalPath(pathOrUrl);
    if (!m_document || !m_document->hasDocument()) return QStringLiteral("No definition is open.");
    const edit::Document *doc = m_document->document();
    if (!doc->asl().parsed) return QStringLiteral("The definition is not valid JSON: nothing to export.");
    const QString name = format.isEmpty() ? QFileInfo(path).suffix() : format;
    const render::Exporter *exporter = render::findExporter(name);
    if (!exporter) return QStringLiteral("Unknown export format '%1'.").arg(name);

    const render::DiagramStyle style = m_diagram ? m_diagram->style() : render::DiagramStyle::light();
    const render::FontTextMetrics metrics(style);
    layout::Options options;
    options.metrics = &metrics;
    options.pins = doc->pins();
    const layout::Geometry geometry = layout::layoutMachine(doc->machine(), options);
    render::ExportInput in;
    in.machine = &doc->machine();
    in.geometry = &geometry;
    in.style = style;
    QString error;
    const QByteArray data = exporter->write(in, &error);
    if (!error.isEmpty()) return error;
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Unbuffered) || f.write(data) != data.size() || !f.commit())
        return QStringLiteral("%1: cannot write: %2").arg(path, f.errorString());
    return {};
}

} // namespace sw::gui
