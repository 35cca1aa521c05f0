// RunController: what the views read at the cursor (status, overlay, failing path, data flow, one Map iteration).
#include "runcontroller.h"

#include "dataflow.h"
#include "runstyle.h"

#include "asl/edges.h"

namespace sw::gui {

void RunController::indexStates(const asl::StateMachine &machine)
{
    m_pointers.clear();
    m_mapPointers.clear();
    for (const asl::State *s : machine.allStates()) {
        m_pointers.insert(s->name, s->pointer);
        if (s->type == asl::StateType::Map) m_mapPointers.insert(s->name, s->pointer);
    }
}

QString RunController::mapOf(const QString &name) const
{
    if (m_mapPointers.contains(name)) return name;
    const QString pointer = m_pointers.value(name);
    QString best;
    for (auto it = m_mapPointers.cbegin(); it != m_mapPointers.cend(); ++it) {
        if (IterationView::inside(pointer, it.value()) &&
            it.value().size() > m_mapPointers.value(best).size())
            best = it.key();
    }
    return best;
}

void RunController::openIteration(const QString &mapName, int index)
{
    m_focusMap = index >= 0 && m_mapPointers.contains(mapName) ? mapName : QString();
    m_focusIndex = m_focusMap.isEmpty() ? -1 : index;
    publish();
}

void RunController::applyIterationFocus()
{
    if (m_focusMap.isEmpty() || !m_timelineValid) return;
    const QString mapPointer = m_mapPointers.value(m_focusMap);
    const sim::RunSnapshot one =
        m_iteration.snapshot(m_timeline, m_run, m_cursorEvents, mapPointer, m_focusIndex, m_pointers);
    for (auto it = m_pointers.cbegin(); it != m_pointers.cend(); ++it) {
        if (!IterationView::inside(it.value(), mapPointer)) continue;
        const QString &name = it.key();
        if (one.status.contains(name))
            m_snapshot.status.insert(name, one.status.value(name));
        else
            m_snapshot.status.remove(name);
        m_snapshot.entries.insert(name, one.entries.value(name));
        if (one.remaining.contains(name))
            m_snapshot.remaining.insert(name, std::max(0.0, one.remaining.value(name) + one.time - m_time));
        else
            m_snapshot.remaining.remove(name);
    }
}

// --- what the views read -----------------------------------------------------------------------

QString RunController::phase() const
{
    if (!m_timelineValid) return QStringLiteral("idle");
    if (m_playing) return QStringLiteral("playing");
    if (timelineComplete() && m_cursorEvents >= m_timeline.eventCount()) {
        if (finishedComputing()) return QStringLiteral("finished");
        if (m_exec && m_exec->nextWakeTime() < 0) return QStringLiteral("waiting");
    }
    return QStringLiteral("paused");
}

QString RunController::executionStatus() const
{
    if (!m_timelineValid) return {};
    return m_snapshot.executionStatus;
}

QString RunController::summary() const
{
    if (!m_timelineValid) return {};
    return QStringLiteral("%1 \u00b7 t = %2 \u00b7 event %3 of %4%5")
        .arg(executionStatus(), runstyle::duration(m_time))
        .arg(m_cursorEvents)
        .arg(m_timeline.eventCount())
        .arg(finishedComputing() ? QString() : QStringLiteral("+"));
}

QString RunController::stateNameOf(const QString &pointer) const
{
    for (auto it = m_pointers.cbegin(); it != m_pointers.cend(); ++it) {
        if (it.value() == pointer) return it.key();
    }
    if (!m_document) return {};
    for (const asl::State *s : m_document->document()->machine().allStates()) {
        if (s->pointer == pointer) return s->name;
    }
    return {};
}

QString RunController::statusOf(const QString &name) const
{
    if (!m_timelineValid) return runstyle::label(sim::RunStatus::NotRun);
    return runstyle::label(m_snapshot.status.value(name, sim::RunStatus::NotRun));
}

QVariantList RunController::pendingCallbacks() const
{
    QVariantList out;
    if (!m_exec || m_replay) return out;
    for (const sim::PendingCallback &c : m_exec->pendingCallbacks()) {
        if (c.since > m_time) continue;
        out.append(QVariantMap{{QStringLiteral("token"), c.token},
                               {QStringLiteral("state"), c.stateName},
                               {QStringLiteral("since"), c.since}});
    }
    return out;
}

void RunController::setSelectedState(const QString &name)
{
    if (name == m_selected) return;
    m_selected = name;
    emit selectedStateChanged();
    emit attemptsChanged();
}

QVariantList RunController::attempts() const
{
    if (!m_timelineValid || m_selected.isEmpty()) return {};
    if (m_exec && !m_replay) return dataflow::attempts(m_exec->records(), m_selected, m_time, m_snapshot);
    return dataflow::attemptsFromHistory(m_timeline, m_selected, m_cursorEvents);
}

QHash<int, QColor> RunController::failingEdges()
{
    return m_tokens.failingPath(m_timeline, m_cursorEvents, m_snapshot,
                                m_diagram ? m_diagram->scene() : render::SceneHandle(), m_pointers);
}

void RunController::publish()
{
    m_snapshot = m_timelineValid ? m_timeline.snapshotAfterEvents(m_cursorEvents) : sim::RunSnapshot();
    for (auto it = m_snapshot.remaining.begin(); it != m_snapshot.remaining.end(); ++it)
        it.value() = std::max(0.0, it.value() + m_snapshot.time - m_time);
    m_snapshot.time = m_time;
    applyIterationFocus();
    if (m_diagram) {
        if (m_timelineValid) {
            QSet<QString> diverging(m_diverging.cbegin(), m_diverging.cend());
            auto overlay = runstyle::overlay(m_snapshot, m_pointers, diverging);
            if (!m_focusMap.isEmpty()) {
                auto map = overlay.find(m_mapPointers.value(m_focusMap));
                if (map != overlay.end())
                    map->caption += QStringLiteral(" \u00b7 showing #%1").arg(m_focusIndex);
            }
            m_diagram->setOverlay(QStringLiteral("run"), overlay, 10);
            m_diagram->setEdgeOverlay(QStringLiteral("run"), failingEdges(), 10);
        } else {
            m_diagram->clearOverlay(QStringLiteral("run"));
            m_diagram->clearEdgeOverlay(QStringLiteral("run"));
        }
    }
    m_events.show(m_timeline.events(), m_timelineValid ? m_cursorEvents : 0, m_run);
    emit progressed();
    // The data flow changes only with the events applied (re-announcing it every frame would
    // re-serialise every attempt's JSON).
    const int cursor = m_timelineValid ? m_cursorEvents : -1;
    if (!m_selected.isEmpty() && (cursor != m_attemptsCursor || m_run != m_attemptsRun)) {
        m_attemptsCursor = cursor;
        m_attemptsRun = m_run;
        emit attemptsChanged();
    }
}

} // namespace sw::gui
