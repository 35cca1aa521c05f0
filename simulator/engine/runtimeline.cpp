#include "runtimeline.h"

#include <QSet>

#include <algorithm>

namespace sw::sim {

QString toString(RunStatus s)
{
    switch (s) {
    case RunStatus::NotRun:
        return QStringLiteral("notRun");
    case RunStatus::Running:
        return QStringLiteral("running");
    case RunStatus::Waiting:
        return QStringLiteral("waiting");
    case RunStatus::Retrying:
        return QStringLiteral("retrying");
    case RunStatus::Succeeded:
        return QStringLiteral("succeeded");
    case RunStatus::Failed:
        return QStringLiteral("failed");
    case RunStatus::Caught:
        return QStringLiteral("caught");
    case RunStatus::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

namespace {

bool isFailure(EventType t)
{
    switch (t) {
    case EventType::TaskFailed:
    case EventType::TaskTimedOut:
    case EventType::LambdaFunctionFailed:
    case EventType::LambdaFunctionTimedOut:
    case EventType::ActivityFailed:
    case EventType::ActivityTimedOut:
    case EventType::ParallelStateFailed:
    case EventType::MapStateFailed:
        return true;
    default:
        return false;
    }
}

bool isRestart(EventType t)
{
    switch (t) {
    case EventType::TaskScheduled:
    case EventType::LambdaFunctionScheduled:
    case EventType::ActivityScheduled:
    case EventType::ParallelStateStarted:
    case EventType::MapStateStarted:
        return true;
    default:
        return false;
    }
}

bool isAborted(EventType t)
{
    return t == EventType::TaskStateAborted || t == EventType::WaitStateAborted || t == EventType::ParallelStateAborted ||
           t == EventType::MapStateAborted;
}

QString scopeOf(const QString &pointer)
{
    const qsizetype i = pointer.lastIndexOf(QLatin1String("/States/"));
    return i <= 0 ? QString() : pointer.left(i);
}

// The per-event effect computed once from the whole history.
struct Effect
{
    int visit = -1;
    bool sets = false;
    RunStatus status = RunStatus::Running;
    double until = -1; // Waiting / Retrying: when it ends
};

} // namespace

static QList<Effect> computeEffects(const QList<HistoryEvent> &events, QList<StateVisit> &visits, QList<FiredEdge> &fired)
{
    QList<Effect> fx(events.size());
    QHash<QPair<int, qint64>, int> byId; // (childRun, id) -> event index
    QList<int> open;                     // indices of visits not yet ended
    QList<QList<int>> visitEvents;

    auto latestOpen = [&](const QString &name) {
        for (qsizetype k = open.size() - 1; k >= 0; --k) {
            if (visits[open[k]].stateName == name)
                return open[k];
        }
        return -1;
    };

    for (qsizetype i = 0; i < events.size(); ++i) {
        const HistoryEvent &e = events[i];
        byId.insert({e.childRun, e.id}, int(i));
        if (e.stateName.isEmpty())
            continue;
        int v = -1;
        if (isStateEntered(e.type)) {
            StateVisit visit;
            visit.stateName = e.stateName;
            visit.statePointer = e.statePointer;
            visit.fiber = e.fiber;
            visit.mapIndex = e.mapIndex;
            visit.childRun = e.childRun;
            visit.start = e.time;
            visit.enteredEvent = int(i);
            v = int(visits.size());
            visits.append(visit);
            visitEvents.append(QList<int>());
            open.append(v);

            FiredEdge edge;
            edge.scope = scopeOf(e.statePointer);
            edge.to = e.stateName;
            edge.time = e.time;
            edge.event = int(i);
            edge.kind = e.viaKind;
            edge.index = e.viaIndex;
            edge.from = e.viaFrom;
            if (e.viaKind < 0) {
                // A history from AWS: the state left is the one whose event this one follows.
                const auto prev = byId.constFind({e.childRun, e.previousEventId});
                if (prev != byId.constEnd() && fx[*prev].visit >= 0)
                    edge.from = visits[fx[*prev].visit].stateName;
                edge.kind = edge.from.isEmpty() ? 0 : -1;
            }
            fired.append(edge);
        } else {
            const auto prev = byId.constFind({e.childRun, e.previousEventId});
            if (prev != byId.constEnd() && fx[*prev].visit >= 0 && visits[fx[*prev].visit].stateName == e.stateName)
                v = fx[*prev].visit;
            else
                v = latestOpen(e.stateName);
        }
        fx[i].visit = v;
        if (v < 0)
            continue;
        visitEvents[v].append(int(i));
        if (isStateExited(e.type) || e.type == EventType::FailStateEntered || isAborted(e.type)) {
            visits[v].end = e.time;
            open.removeOne(v);
        }
    }

    // Effects, now that each visit's events are known.
    for (qsizetype v = 0; v < visits.size(); ++v) {
        const QList<int> &ev = visitEvents[v];
        bool failedPending = false;
        for (qsizetype k = 0; k < ev.size(); ++k) {
            const HistoryEvent &e = events[ev[k]];
            Effect &f = fx[ev[k]];
            const HistoryEvent *next = k + 1 < ev.size() ? &events[ev[k + 1]] : nullptr;
            if (isStateEntered(e.type)) {
                f.sets = true;
                if (e.type == EventType::WaitStateEntered) {
                    f.status = RunStatus::Waiting;
                    f.until = next ? next->time : -1;
                } else if (e.type == EventType::FailStateEntered) {
                    f.status = RunStatus::Failed;
                } else {
                    f.status = RunStatus::Running;
                }
            } else if (isFailure(e.type)) {
                f.sets = true;
                if (next && isRestart(next->type)) {
                    f.status = RunStatus::Retrying;
                    f.until = next->time;
                    ++visits[v].retries;
                } else {
                    f.status = RunStatus::Failed;
                    failedPending = true;
                }
            } else if (isRestart(e.type) && k > 0) {
                f.sets = true;
                f.status = RunStatus::Running;
            } else if (isStateExited(e.type)) {
                f.sets = true;
                f.status = failedPending ? RunStatus::Caught : RunStatus::Succeeded;
            } else if (isAborted(e.type)) {
                f.sets = true;
                f.status = RunStatus::Cancelled;
            }
        }
        if (!ev.isEmpty()) {
            const Effect &last = fx[ev.last()];
            visits[v].status = last.sets ? last.status : RunStatus::Running;
        }
    }
    return fx;
}

RunTimeline::RunTimeline(QList<HistoryEvent> events) : m_events(std::move(events))
{
    const QList<Effect> fx = computeEffects(m_events, m_visits, m_fired);
    m_eventVisit.reserve(fx.size());
    for (const Effect &f : fx) {
        m_eventVisit.append(f.visit);
        m_effectStatus.append(f.sets ? int(f.status) : -1);
        m_effectUntil.append(f.until);
    }
    // An execution that ends in failure fails the visit its terminal event follows; visits still
    // open then were cut short.
    if (!m_events.isEmpty()) {
        const HistoryEvent &last = m_events.last();
        if (last.type == EventType::ExecutionFailed || last.type == EventType::ExecutionTimedOut) {
            for (StateVisit &v : m_visits) {
                if (v.end < 0 && (v.status == RunStatus::Running || v.status == RunStatus::Waiting))
                    v.status = RunStatus::Cancelled;
            }
            for (qsizetype i = m_events.size() - 2; i >= 0; --i) {
                if (m_events[i].childRun == last.childRun && m_events[i].id == last.previousEventId) {
                    const int v = m_eventVisit[i];
                    if (v >= 0 && m_visits[v].status != RunStatus::Caught)
                        m_visits[v].status = RunStatus::Failed;
                    break;
                }
            }
        }
    }
}

int RunTimeline::eventsUntil(double time) const
{
    const auto it = std::upper_bound(m_events.cbegin(), m_events.cend(), time,
                                     [](double t, const HistoryEvent &e) { return t < e.time; });
    return int(it - m_events.cbegin());
}

RunSnapshot RunTimeline::snapshotAfterEvents(int count) const
{
    count = std::clamp(count, 0, int(m_events.size()));
    RunSnapshot s;
    s.events = count;
    s.time = count > 0 ? m_events[count - 1].time : 0;
    s.executionStatus = QStringLiteral("RUNNING");
    for (int i = 0; i < count; ++i) {
        const HistoryEvent &e = m_events[i];
        const int v = m_eventVisit[i];
        switch (e.type) {
        case EventType::ExecutionSucceeded:
            s.executionStatus = QStringLiteral("SUCCEEDED");
            s.finished = true;
            break;
        case EventType::ExecutionFailed:
            s.executionStatus = QStringLiteral("FAILED");
            s.finished = true;
            break;
        case EventType::ExecutionTimedOut:
            s.executionStatus = QStringLiteral("TIMED_OUT");
            s.finished = true;
            break;
        case EventType::MapStateStarted:
            s.maps[e.stateName].total = int(e.extra.value(u"length").toInteger(0));
            break;
        case EventType::MapIterationStarted:
            ++s.maps[e.stateName].running;
            break;
        case EventType::MapIterationSucceeded:
            --s.maps[e.stateName].running;
            ++s.maps[e.stateName].done;
            break;
        case EventType::MapIterationFailed:
        case EventType::MapIterationAborted:
            --s.maps[e.stateName].running;
            ++s.maps[e.stateName].failed;
            break;
        default:
            break;
        }
        if (v < 0)
            continue;
        if (isStateEntered(e.type))
            ++s.entries[e.stateName];
        // Effects were computed with the whole history in view, so a failure that a retry
        // follows shows as "retrying" during the backoff.
        if (m_effectStatus[i] < 0)
            continue;
        const RunStatus status = RunStatus(m_effectStatus[i]);
        const QString &name = m_visits[v].stateName;
        s.status[name] = status;
        if ((status == RunStatus::Waiting || status == RunStatus::Retrying) && m_effectUntil[i] >= 0)
            s.remaining[name] = m_effectUntil[i];
        else
            s.remaining.remove(name);
    }
    for (auto it = s.remaining.begin(); it != s.remaining.end(); ++it)
        it.value() = std::max(0.0, it.value() - s.time);
    if (s.finished && count == int(m_events.size())) {
        for (const StateVisit &v : m_visits) {
            if (v.status == RunStatus::Failed || v.status == RunStatus::Cancelled)
                s.status[v.stateName] = v.status;
        }
    }
    for (auto it = s.status.cbegin(); it != s.status.cend(); ++it) {
        if (it.value() == RunStatus::Failed)
            s.failingPath.append(it.key());
    }
    s.failingPath.sort();
    return s;
}

RunSnapshot RunTimeline::snapshotAtTime(double time) const
{
    RunSnapshot s = snapshotAfterEvents(eventsUntil(time));
    for (auto it = s.remaining.begin(); it != s.remaining.end(); ++it)
        it.value() = std::max(0.0, it.value() + s.time - time);
    s.time = time;
    return s;
}

QList<FiredEdge> RunTimeline::firedBetween(double after, double upTo) const
{
    QList<FiredEdge> out;
    for (const FiredEdge &e : m_fired) {
        if (e.time > after && e.time <= upTo)
            out.append(e);
    }
    return out;
}

QStringList divergingStates(const RunTimeline &a, const RunTimeline &b)
{
    struct Summary
    {
        int entries = 0;
        RunStatus last = RunStatus::NotRun;
        QList<Json> inputs;
        QList<Json> outputs;
        int order = 0;
    };
    auto summarize = [](const RunTimeline &t) {
        QHash<QString, Summary> out;
        int order = 0;
        for (const StateVisit &v : t.visits()) {
            Summary &s = out[v.stateName];
            if (s.entries == 0)
                s.order = order++;
            ++s.entries;
            s.last = v.status;
        }
        for (const HistoryEvent &e : t.events()) {
            if (isStateEntered(e.type))
                out[e.stateName].inputs.append(e.input);
            else if (isStateExited(e.type))
                out[e.stateName].outputs.append(e.output);
        }
        return out;
    };
    const QHash<QString, Summary> sa = summarize(a);
    const QHash<QString, Summary> sb = summarize(b);
    QSet<QString> names;
    for (auto it = sa.cbegin(); it != sa.cend(); ++it)
        names.insert(it.key());
    for (auto it = sb.cbegin(); it != sb.cend(); ++it)
        names.insert(it.key());
    QList<QPair<int, QString>> diverging;
    for (const QString &n : names) {
        const Summary x = sa.value(n);
        const Summary y = sb.value(n);
        auto sameMultiset = [](QList<Json> p, QList<Json> q) {
            if (p.size() != q.size())
                return false;
            for (const Json &v : p) {
                const qsizetype k = q.indexOf(v);
                if (k < 0)
                    return false;
                q.removeAt(k);
            }
            return true;
        };
        if (x.entries != y.entries || x.last != y.last || !sameMultiset(x.inputs, y.inputs) ||
            !sameMultiset(x.outputs, y.outputs))
            diverging.append({sa.contains(n) ? x.order : 100000 + y.order, n});
    }
    std::sort(diverging.begin(), diverging.end());
    QStringList out;
    for (const auto &d : diverging)
        out.append(d.second);
    return out;
}

} // namespace sw::sim
