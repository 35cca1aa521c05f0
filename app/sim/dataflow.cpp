#include "dataflow.h"

#include "json/jsonwriter.h"

namespace sw::gui::dataflow {

namespace {

QString pretty(const Json &v)
{
    return QString::fromUtf8(JsonWriter::write(v, JsonWriter::Options{2, false, false}));
}

void addStage(QVariantList &stages, const QString &name, const Json &value)
{
    if (!value.isDefined()) return;
    stages.append(QVariantMap{{QStringLiteral("name"), name}, {QStringLiteral("json"), pretty(value)}});
}

QString title(const QList<int> &mapPath, int attempt, int visit)
{
    QStringList parts;
    for (int i : mapPath)
        parts << QStringLiteral("iteration %1").arg(i);
    parts << QStringLiteral("attempt %1").arg(attempt + 1);
    QString t = parts.join(QStringLiteral(", "));
    t[0] = t[0].toUpper();
    return QStringLiteral("#%1 %2").arg(visit + 1).arg(t);
}

} // namespace

QVariantList attempts(const QList<sim::StateRecord> &records, const QString &stateName, double time,
                      const sim::RunSnapshot &snapshot)
{
    QVariantList out;
    if (snapshot.entries.value(stateName) == 0) return out;
    int n = 0;
    for (const sim::StateRecord &r : records) {
        if (r.stateName != stateName || r.entered > time) continue;
        const bool done = r.exited >= 0 && r.exited <= time;
        QVariantList stages;
        addStage(stages, QStringLiteral("Input"), r.input);
        addStage(stages, QStringLiteral("After InputPath"), r.afterInputPath);
        addStage(stages, QStringLiteral("After Parameters / Arguments"), r.afterParameters);
        QString status = QStringLiteral("running");
        if (done) {
            addStage(stages, QStringLiteral("Task result"), r.result);
            addStage(stages, QStringLiteral("After ResultSelector"), r.afterResultSelector);
            addStage(stages, QStringLiteral("After ResultPath"), r.afterResultPath);
            addStage(stages, QStringLiteral("Output (after OutputPath / Output)"), r.output);
            if (r.assigned.isDefined() && r.assigned.size() > 0)
                addStage(stages, QStringLiteral("Variables assigned"), r.assigned);
            status = r.status;
        }
        out.append(QVariantMap{{QStringLiteral("title"), title(r.mapPath, r.attempt, n++)},
                               {QStringLiteral("status"), status},
                               {QStringLiteral("entered"), r.entered},
                               {QStringLiteral("exited"), done ? r.exited : -1.0},
                               {QStringLiteral("stages"), stages},
                               {QStringLiteral("error"), done ? r.error : QString()},
                               {QStringLiteral("cause"), done ? r.cause : QString()}});
    }
    return out;
}

QVariantList attemptsFromHistory(const sim::RunTimeline &timeline, const QString &stateName, int eventCount)
{
    QVariantList out;
    const QList<sim::HistoryEvent> &events = timeline.events();
    eventCount = std::min(eventCount, int(events.size()));
    int n = 0;
    for (const sim::StateVisit &v : timeline.visits()) {
        if (v.stateName != stateName || v.enteredEvent >= eventCount) continue;
        QVariantList stages;
        addStage(stages, QStringLiteral("Input"), events.at(v.enteredEvent).input);
        QString error, cause, status = QStringLiteral("running");
        for (int i = v.enteredEvent + 1; i < eventCount; ++i) {
            const sim::HistoryEvent &e = events.at(i);
            if (e.stateName != stateName || e.fiber != v.fiber) continue;
            if (!e.error.isEmpty()) {
                error = e.error;
                cause = e.cause;
            }
            if (sim::isStateExited(e.type)) {
                addStage(stages, QStringLiteral("Output"), e.output);
                status = error.isEmpty() ? QStringLiteral("succeeded") : QStringLiteral("caught");
                break;
            }
        }
        if (v.end >= 0 && v.end <= events.at(eventCount - 1).time && status == QStringLiteral("running"))
            status = sim::toString(v.status);
        QString t = v.mapIndex >= 0 ? QStringLiteral("#%1 Iteration %2").arg(n + 1).arg(v.mapIndex)
                                    : QStringLiteral("#%1 Visit").arg(n + 1);
        ++n;
        out.append(QVariantMap{{QStringLiteral("title"), t},
                               {QStringLiteral("status"), status},
                               {QStringLiteral("entered"), v.start},
                               {QStringLiteral("exited"), v.end},
                               {QStringLiteral("stages"), stages},
                               {QStringLiteral("error"), error},
                               {QStringLiteral("cause"), cause}});
    }
    return out;
}

} // namespace sw::gui::dataflow
