#include "frameexport.h"

#include "painter.h"
#include "runstyle.h"
#include "runtokens.h"

#include <QDir>
#include <QPainter>
#include <QPointer>
#include <QThreadPool>

namespace sw::gui::frameexport {

QList<int> frameCursors(const sim::RunTimeline &timeline, int maxFrames)
{
    QList<int> moments{0};
    const QList<sim::HistoryEvent> &events = timeline.events();
    for (int i = 0; i < events.size(); ++i) {
        if (i + 1 == events.size() || events.at(i + 1).time != events.at(i).time) moments.append(i + 1);
    }
    maxFrames = std::max(2, maxFrames);
    if (moments.size() <= maxFrames) return moments;
    QList<int> thinned;
    for (int k = 0; k < maxFrames; ++k)
        thinned.append(
            moments.at(qsizetype(double(k) * double(moments.size() - 1) / double(maxFrames - 1) + 0.5)));
    return thinned;
}

QImage renderFrame(const Job &job, int events, int since)
{
    const QRectF bounds = job.scene->bounds();
    const double scale =
        std::min(2.0, job.maxPixels / std::max(1.0, std::max(bounds.width(), bounds.height())));
    QImage image(QSize(int(std::ceil(bounds.width() * scale)), int(std::ceil(bounds.height() * scale))),
                 QImage::Format_ARGB32_Premultiplied);
    image.fill(job.style.background);
    render::Decorations deco;
    const sim::RunSnapshot snapshot = job.timeline.snapshotAfterEvents(events);
    const auto overlay = runstyle::overlay(snapshot, job.pointers);
    for (auto it = overlay.cbegin(); it != overlay.cend(); ++it) {
        if (it->tint.isValid()) deco.tint.insert(it.key(), it->tint);
        if (!it->caption.isEmpty()) deco.caption.insert(it.key(), it->caption);
        if (it->progress >= 0) deco.progress.insert(it.key(), it->progress);
    }
    RunTokens edges;
    deco.edgeTint = edges.failingPath(job.timeline, events, snapshot, job.scene, job.pointers);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.scale(scale, scale);
    p.translate(-bounds.topLeft());
    render::DiagramPainter::paint(p, *job.scene, job.style, bounds, scale, deco);
    // Tokens as the canvas draws them (DiagramCanvas.qml), halfway along their edges.
    constexpr qreal size = 11;
    p.setPen(QPen(Qt::white, 1.5));
    p.setBrush(QColor(0x09, 0x72, 0xd3));
    const QList<int> fired =
        since >= 0 ? edges.firedEdges(job.timeline, since, events, job.scene, job.pointers) : QList<int>();
    for (const int edge : fired) {
        const QPainterPath &path = job.scene->edgePath(edge);
        if (path.isEmpty()) continue;
        p.drawEllipse(path.pointAtPercent(0.5), size / 2, size / 2);
    }
    return image;
}

void start(const Job &job, QObject *context, std::function<void(int, const QString &)> done)
{
    QThreadPool::globalInstance()->start([job, context = QPointer<QObject>(context), done] {
        int written = 0;
        QString error;
        if (!QDir().mkpath(job.folder)) {
            error = QStringLiteral("%1: cannot create the folder").arg(job.folder);
        } else {
            const QList<int> cursors = frameCursors(job.timeline, job.maxFrames);
            for (int k = 0; k < cursors.size(); ++k) {
                const QString path =
                    QDir(job.folder).filePath(QStringLiteral("frame-%1.png").arg(k, 4, 10, QLatin1Char('0')));
                if (!renderFrame(job, cursors.at(k), k > 0 ? cursors.at(k - 1) : 0).save(path, "PNG")) {
                    error = QStringLiteral("%1: cannot write").arg(path);
                    break;
                }
                ++written;
            }
        }
        if (context)
            QMetaObject::invokeMethod(
                context, [done, written, error] { done(written, error); }, Qt::QueuedConnection);
    });
}

} // namespace sw::gui::frameexport
