#include "history.h"

#include "json/jsonwriter.h"

#include <cmath>

namespace sw::sim {

namespace {
const char *const kNames[] = {
    "ExecutionStarted", "ExecutionSucceeded", "ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted",
    "TaskStateEntered", "TaskStateExited", "TaskStateAborted",
    "PassStateEntered", "PassStateExited",
    "ChoiceStateEntered", "ChoiceStateExited",
    "WaitStateEntered", "WaitStateExited", "WaitStateAborted",
    "SucceedStateEntered", "SucceedStateExited",
    "FailStateEntered",
    "ParallelStateEntered", "ParallelStateStarted", "ParallelStateSucceeded", "ParallelStateFailed",
    "ParallelStateAborted", "ParallelStateExited",
    "MapStateEntered", "MapStateStarted", "MapStateSucceeded", "MapStateFailed", "MapStateAborted", "MapStateExited",
    "MapIterationStarted", "MapIterationSucceeded", "MapIterationFailed", "MapIterationAborted",
    "MapRunStarted", "MapRunSucceeded", "MapRunFailed", "MapRunAborted",
    "TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded", "TaskFailed", "TaskTimedOut",
    "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded", "LambdaFunctionFailed",
    "LambdaFunctionTimedOut",
    "ActivityScheduled", "ActivityStarted", "ActivitySucceeded", "ActivityFailed", "ActivityTimedOut",
    "EvaluationFailed",
};
static_assert(sizeof(kNames) / sizeof(kNames[0]) == size_t(EventType::EvaluationFailed) + 1);

QString lowerFirst(const char *name)
{
    QString s = QString::fromLatin1(name);
    s[0] = s[0].toLower();
    return s;
}

Json payload(const Json &v)
{
    return Json(JsonWriter::compactString(v.isUndefined() ? Json(nullptr) : v));
}

Json truncatedFalse()
{
    return Json{{QStringLiteral("truncated"), false}};
}

QString timestamp(const QDateTime &start, double t)
{
    // Rounded to the nearest millisecond either way: imported histories can have events dated
    // before the first one (negative t), where adding 0.5 and truncating would drift.
    const QDateTime at = start.addMSecs(std::llround(t * 1000.0)).toUTC();
    return at.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz000+00:00"));
}

void copyExtra(Json &details, const Json &extra)
{
    for (const auto &m : extra.members())
        details.insert(m.key, m.value);
}

} // namespace

const char *eventTypeName(EventType t)
{
    return kNames[size_t(t)];
}

bool isStateEntered(EventType t)
{
    switch (t) {
    case EventType::TaskStateEntered:
    case EventType::PassStateEntered:
    case EventType::ChoiceStateEntered:
    case EventType::WaitStateEntered:
    case EventType::SucceedStateEntered:
    case EventType::FailStateEntered:
    case EventType::ParallelStateEntered:
    case EventType::MapStateEntered:
        return true;
    default:
        return false;
    }
}

bool isStateExited(EventType t)
{
    switch (t) {
    case EventType::TaskStateExited:
    case EventType::PassStateExited:
    case EventType::ChoiceStateExited:
    case EventType::WaitStateExited:
    case EventType::SucceedStateExited:
    case EventType::ParallelStateExited:
    case EventType::MapStateExited:
        return true;
    default:
        return false;
    }
}

Json historyEventToAws(const HistoryEvent &e, const QDateTime &startTime)
{
    Json j{{QStringLiteral("timestamp"), timestamp(startTime, e.time)},
           {QStringLiteral("type"), QString::fromLatin1(eventTypeName(e.type))},
           {QStringLiteral("id"), e.id},
           {QStringLiteral("previousEventId"), e.previousEventId}};
    Json d = Json::object();
    QString key = lowerFirst(eventTypeName(e.type)) + QStringLiteral("EventDetails");
    switch (e.type) {
    case EventType::ExecutionStarted:
        d.insert(QStringLiteral("input"), payload(e.input));
        d.insert(QStringLiteral("inputDetails"), truncatedFalse());
        copyExtra(d, e.extra);
        break;
    case EventType::ExecutionSucceeded:
        d.insert(QStringLiteral("output"), payload(e.output));
        d.insert(QStringLiteral("outputDetails"), truncatedFalse());
        break;
    case EventType::ExecutionFailed:
    case EventType::ExecutionTimedOut:
    case EventType::ExecutionAborted:
    case EventType::TaskFailed:
    case EventType::TaskTimedOut:
    case EventType::LambdaFunctionFailed:
    case EventType::LambdaFunctionTimedOut:
    case EventType::ActivityFailed:
    case EventType::ActivityTimedOut:
    case EventType::MapRunFailed:
    case EventType::EvaluationFailed:
        copyExtra(d, e.extra);
        if (!e.error.isNull())
            d.insert(QStringLiteral("error"), e.error);
        if (!e.cause.isNull())
            d.insert(QStringLiteral("cause"), e.cause);
        break;
    case EventType::TaskScheduled:
        copyExtra(d, e.extra);
        d.insert(QStringLiteral("parameters"), payload(e.input));
        break;
    case EventType::TaskStarted:
    case EventType::ActivityStarted:
    case EventType::MapRunStarted:
        copyExtra(d, e.extra);
        break;
    case EventType::TaskSubmitted:
    case EventType::TaskSucceeded:
    case EventType::LambdaFunctionSucceeded:
    case EventType::ActivitySucceeded:
        copyExtra(d, e.extra);
        d.insert(QStringLiteral("output"), payload(e.output));
        d.insert(QStringLiteral("outputDetails"), truncatedFalse());
        break;
    case EventType::LambdaFunctionScheduled:
    case EventType::ActivityScheduled:
        copyExtra(d, e.extra);
        d.insert(QStringLiteral("input"), payload(e.input));
        d.insert(QStringLiteral("inputDetails"), truncatedFalse());
        break;
    case EventType::MapStateStarted:
    case EventType::MapIterationStarted:
    case EventType::MapIterationSucceeded:
    case EventType::MapIterationFailed:
    case EventType::MapIterationAborted:
        copyExtra(d, e.extra);
        break;
    default:
        if (isStateEntered(e.type)) {
            key = QStringLiteral("stateEnteredEventDetails");
            d.insert(QStringLiteral("name"), e.stateName);
            d.insert(QStringLiteral("input"), payload(e.input));
            d.insert(QStringLiteral("inputDetails"), truncatedFalse());
        } else if (isStateExited(e.type)) {
            key = QStringLiteral("stateExitedEventDetails");
            d.insert(QStringLiteral("name"), e.stateName);
            d.insert(QStringLiteral("output"), payload(e.output));
            d.insert(QStringLiteral("outputDetails"), truncatedFalse());
            copyExtra(d, e.extra);
        } else {
            copyExtra(d, e.extra);
        }
        break;
    }
    if (!d.isEmpty())
        j.insert(key, d);
    return j;
}

Json historyToAws(const QList<HistoryEvent> &events, const QDateTime &startTime)
{
    QList<Json> list;
    list.reserve(events.size());
    for (const HistoryEvent &e : events)
        list.append(historyEventToAws(e, startTime));
    return Json{{QStringLiteral("events"), Json::array(std::move(list))}};
}

} // namespace sw::sim
