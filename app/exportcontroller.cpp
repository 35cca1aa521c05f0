#include "exportcontroller.h"

#include "diagramcontroller.h"
#include "documentcontroller.h"
#include "exporters.h"
#include "fontmetrics.h"
#include "layout.h"
#include "scene.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace sw::gui {

ExportController::ExportController(QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
    m_pool.setStackSize(8 * 1024 * 1024); // layout recurses into nested machines (docs/limits.md)
}

ExportController::~ExportController()
{
    m_pool.waitForDone(); // a running export posts its result to this object
}

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

struct ExportController::Job
{
    QString path;
    const render::Exporter *exporter = nullptr;
    asl::StateMachine machine;
    QHash<QString, QPointF> pins;
    render::DiagramStyle style;
    render::SceneHandle scene; // the canvas's, when current: its geometry is used as it is
};

QString ExportController::prepare(const QString &pathOrUrl, const QString &format, Job &job) const
{
    job.path = DocumentController::toLocalPath(pathOrUrl);
    if (!m_document || !m_document->hasDocument()) return QStringLiteral("No definition is open.");
    const edit::Document *doc = m_document->document();
    if (!doc->asl().parsed) return QStringLiteral("The definition is not valid JSON: nothing to export.");
    const QString name = format.isEmpty() ? QFileInfo(job.path).suffix() : format;
    job.exporter = render::findExporter(name);
    if (!job.exporter) return QStringLiteral("Unknown export format '%1'.").arg(name);
    job.machine = doc->machine();
    job.pins = doc->pins();
    job.style = m_diagram ? m_diagram->style() : render::DiagramStyle::light();
    // The canvas laid out exactly this (same machine, pins, style and metrics) unless a layout is
    // due or the states are stacked after a Cancel.
    if (m_diagram && m_diagram->scene() && !m_diagram->isBusy() && !m_diagram->isStacked())
        job.scene = m_diagram->scene();
    return {};
}

QString ExportController::run(const Job &job)
{
    layout::Geometry computed;
    const layout::Geometry *geometry = job.scene ? &job.scene->geometry() : nullptr;
    if (!geometry) {
        const render::FontTextMetrics metrics(job.style);
        layout::Options options;
        options.metrics = &metrics;
        options.pins = job.pins;
        computed = layout::layoutMachine(job.machine, options);
        geometry = &computed;
    }
    render::ExportInput in;
    in.machine = &job.machine;
    in.geometry = geometry;
    in.style = job.style;
    QString error;
    const QByteArray data = job.exporter->write(in, &error);
    if (!error.isEmpty()) return error;
    QSaveFile f(job.path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Unbuffered) || f.write(data) != data.size() || !f.commit())
        return QStringLiteral("%1: cannot write: %2").arg(job.path, f.errorString());
    return {};
}

QString ExportController::exportTo(const QString &pathOrUrl, const QString &format) const
{
    Job job;
    const QString error = prepare(pathOrUrl, format, job);
    return error.isEmpty() ? run(job) : error;
}

QString ExportController::startExport(const QString &pathOrUrl, const QString &format)
{
    if (m_busy) return QStringLiteral("An export is already running.");
    auto job = std::make_shared<Job>();
    const QString error = prepare(pathOrUrl, format, *job);
    if (!error.isEmpty()) return error;
    m_busy = true;
    emit busyChanged();
    m_pool.start([this, job] {
        const QString error = run(*job);
        QMetaObject::invokeMethod(
            this,
            [this, path = job->path, error] {
                m_busy = false;
                emit busyChanged();
                emit exportFinished(path, error);
            },
            Qt::QueuedConnection);
    });
    return {};
}

} // namespace sw::gui
