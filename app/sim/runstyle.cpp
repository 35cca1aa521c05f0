#include "runstyle.h"

#include <cmath>

namespace sw::gui::runstyle {

using sim::RunStatus;

QColor color(RunStatus status)
{
    // The AWS console's execution graph: in progress blue, succeeded green, failed red, caught
    // error orange, cancelled grey; waiting and retrying get their own hues so a countdown shows.
    switch (status) {
    case RunStatus::Running:
        return QColor(0x09, 0x72, 0xd3);
    case RunStatus::Waiting:
        return QColor(0x00, 0x9c, 0xb3);
    case RunStatus::Retrying:
        return QColor(0xc9, 0x8e, 0x00);
    case RunStatus::Succeeded:
        return QColor(0x1d, 0x8d, 0x2f);
    case RunStatus::Failed:
        return QColor(0xd9, 0x15, 0x15);
    case RunStatus::Caught:
        return QColor(0xec, 0x72, 0x11);
    case RunStatus::Cancelled:
        return QColor(0x8d, 0x99, 0xa8);
    case RunStatus::NotRun:
        break;
    }
    return {};
}

QString label(RunStatus status)
{
    // The identifiers of sim::toString are the labels, except "notRun", which reads "not run".
    return status == RunStatus::NotRun ? QStringLiteral("not run") : sim::toString(status);
}

QString duration(double seconds)
{
    const qint64 s = qint64(std::ceil(std::max(0.0, seconds) - 1e-9));
    if (s < 60) return QStringLiteral("%1 s").arg(s);
    if (s < 3600)
        return s % 60 ? QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60)
                      : QStringLiteral("%1 min").arg(s / 60);
    const qint64 m = (s % 3600) / 60;
    return m ? QStringLiteral("%1 h %2 min").arg(s / 3600).arg(m) : QStringLiteral("%1 h").arg(s / 3600);
}

QHash<QString, DiagramController::NodeOverlay> overlay(const sim::RunSnapshot &snapshot,
                                                       const QHash<QString, QString> &pointers,
                                                       const QSet<QString> &diverging)
{
    QHash<QString, DiagramController::NodeOverlay> out;
    out.reserve(snapshot.status.size());
    for (auto it = snapshot.status.cbegin(); it != snapshot.status.cend(); ++it) {
        const auto p = pointers.constFind(it.key());
        if (p == pointers.constEnd()) continue; // a state of another definition (a replayed history)
        DiagramController::NodeOverlay o;
        const RunStatus status = it.value();
        o.tint = color(status);
        QString caption = label(status);
        const auto left = snapshot.remaining.constFind(it.key());
        if (left != snapshot.remaining.constEnd()) {
            caption = status == RunStatus::Retrying ? QStringLiteral("retry in %1").arg(duration(*left))
                                                    : QStringLiteral("waiting, %1 left").arg(duration(*left));
        }
        const int entries = snapshot.entries.value(it.key());
        const auto map = snapshot.maps.constFind(it.key());
        if (map != snapshot.maps.constEnd()) {
            caption = QStringLiteral("%1/%2 done").arg(map->done).arg(map->total);
            if (map->running > 0) caption += QStringLiteral(", %1 running").arg(map->running);
            if (map->failed > 0) caption += QStringLiteral(", %1 failed").arg(map->failed);
            o.progress = map->total > 0 ? double(map->done + map->failed) / map->total : 1.0;
        } else if (entries > 1) {
            caption += QStringLiteral(" \u00b7 %1 entries").arg(entries);
        }
        if (diverging.contains(it.key())) caption = QStringLiteral("\u2260 ") + caption;
        o.caption = caption;
        out.insert(*p, o);
    }
    // A state that diverges but never ran in this picture is still flagged.
    for (const QString &name : diverging) {
        const auto p = pointers.constFind(name);
        if (p == pointers.constEnd() || out.contains(*p)) continue;
        DiagramController::NodeOverlay o;
        o.caption = QStringLiteral("\u2260 not run here");
        out.insert(*p, o);
    }
    return out;
}

} // namespace sw::gui::runstyle
