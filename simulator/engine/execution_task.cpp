// Task states: input processing, the call to the TaskBackend on the virtual clock, timeouts,
// heartbeats and callbacks, and the task's history events.
#include "execution.h"

#include "engine/dataio.h"
#include "engine/fiber.h"
#include "jsonata/jsonataengine.h"
#include "json/jsonwriter.h"

namespace sw::sim {

namespace {

QString valueText(const Json &v)
{
    return v.isString() ? QStringLiteral("\"%1\"").arg(v.toString()) : QStringLiteral("\"%1\"").arg(JsonWriter::compactString(v));
}

} // namespace

void Execution::runTask(Fiber &f)
{
    const StatePlan &p = *f.state;
    const asl::State &s = *p.state;
    // The task token is in the context object ($$.Task.Token) that Parameters/Arguments read.
    if (p.callback && f.taskToken.isEmpty()) {
        RandomSource tokens(m_opts.seed ^ quint64(++m_tokenCounter) * 0x9E3779B97F4A7C15ull);
        f.taskToken = QStringLiteral("AQB%1%2").arg(tokens.next(), 16, 16, QLatin1Char('0')).arg(tokens.next(), 16, 16, QLatin1Char('0'));
    }
    EvalContext ctx = evalContext(f, p);
    Json work;
    double timeout = 0;
    double heartbeat = 0;
    if (p.jsonata) {
        const Json states = statesVar(f, p, Json(), Json());
        if (s.arguments.isDefined()) {
            JsonOutcome a = jsonata().evaluateTemplate(s.arguments, QStringLiteral("Arguments"), states, ctx);
            if (a.failed())
                return failState(f, a.failure());
            work = a.value();
        } else {
            work = f.input;
        }
        auto seconds = [&](const Json &v, const QString &name, double &out) -> bool {
            if (v.isUndefined())
                return true;
            Json n = v;
            if (asl::isJsonataExpression(v)) {
                JsonOutcome e = jsonata().evaluateTemplate(v, name, states, ctx);
                if (e.failed()) {
                    failState(f, e.failure());
                    return false;
                }
                n = e.value();
            }
            if (!n.isNumber() || !n.isIntegral() || n.toDouble() <= 0) {
                failState(f, Failure{QStringLiteral("States.QueryEvaluationError"),
                                     QStringLiteral("The %1 field must be a positive integer: %2").arg(name, JsonWriter::compactString(n)), true});
                return false;
            }
            out = n.toDouble();
            return true;
        };
        if (!seconds(s.timeoutSeconds, QStringLiteral("TimeoutSeconds"), timeout) ||
            !seconds(s.heartbeatSeconds, QStringLiteral("HeartbeatSeconds"), heartbeat))
            return;
    } else {
        JsonOutcome eff = io::inputPath(s.inputPath, f.input, ctx);
        if (eff.failed())
            return failState(f, eff.failure());
        f.effective = eff.value();
        work = f.effective;
        if (s.parameters.isDefined()) {
            JsonOutcome par = io::payload(s.parameters, f.effective, ctx);
            if (par.failed())
                return failState(f, par.failure());
            work = par.value();
        }
        auto seconds = [&](const Json &literal, const Json &path, const char *name, double &out) -> bool {
            if (literal.isNumber()) {
                out = literal.toDouble();
                return true;
            }
            if (!path.isString())
                return true;
            JsonOutcome v = io::value(path.toString(), QLatin1String(name), f.effective, ctx);
            if (v.failed()) {
                failState(f, v.failure());
                return false;
            }
            if (!v.value().isNumber() || !v.value().isIntegral() || v.value().toDouble() <= 0) {
                failState(f, runtimeError(QStringLiteral("The %1 field refers to value %2 which is not a valid positive integer: %3")
                                              .arg(QLatin1String(name), valueText(v.value()), path.toString())));
                return false;
            }
            out = v.value().toDouble();
            return true;
        };
        if (!seconds(s.timeoutSeconds, s.timeoutSecondsPath, "TimeoutSecondsPath", timeout) ||
            !seconds(s.heartbeatSeconds, s.heartbeatSecondsPath, "HeartbeatSecondsPath", heartbeat))
            return;
    }
    if (StateRecord *r = record(f)) {
        r->afterInputPath = f.effective;
        r->afterParameters = work;
    }
    if (payloadTooLarge(work)) {
        return failState(f, Failure{QStringLiteral("States.DataLimitExceeded"),
                                    QStringLiteral("The state/task '%1' has an input with a size exceeding the maximum number of bytes service limit.").arg(p.resourceType),
                                    false});
    }
    f.work = work;

    TaskInvocation call;
    call.state = &s;
    call.stateName = s.name;
    call.resource = s.resource;
    call.input = work;
    call.invocationIndex = m_invocations[s.name]++;
    call.retryCount = f.attempt;
    call.mapIndex = f.mapPath.isEmpty() ? -1 : f.mapPath.last();
    call.now = m_now;
    call.taskToken = f.taskToken;
    call.random = &m_random;
    f.response = m_backend->invoke(call);
    if (!f.response.mocked)
        m_unmocked.insert(p.index, true);
    if (f.response.kind == TaskResponse::Kind::Invalid) {
        // A mock configuration that cannot answer is not the workflow's error: nothing catches it.
        finishFiber(f, false, Json(), Failure{f.response.error, f.response.cause, false});
        return;
    }

    Json extra;
    if (!recording()) {
        logEvent(f, p.legacyLambda ? EventType::LambdaFunctionScheduled : p.activity ? EventType::ActivityScheduled : EventType::TaskScheduled, &s);
        logEvent(f, p.legacyLambda ? EventType::LambdaFunctionStarted : p.activity ? EventType::ActivityStarted : EventType::TaskStarted, &s);
    } else if (p.legacyLambda) {
        extra = Json{{QStringLiteral("resource"), s.resource}};
        if (timeout > 0)
            extra.insert(QStringLiteral("timeoutInSeconds"), qint64(timeout));
        logEvent(f, EventType::LambdaFunctionScheduled, &s, work, Json(), QString(), QString(), extra);
        logEvent(f, EventType::LambdaFunctionStarted, &s);
    } else if (p.activity) {
        extra = Json{{QStringLiteral("resource"), s.resource}};
        if (timeout > 0)
            extra.insert(QStringLiteral("timeoutInSeconds"), qint64(timeout));
        if (heartbeat > 0)
            extra.insert(QStringLiteral("heartbeatInSeconds"), qint64(heartbeat));
        logEvent(f, EventType::ActivityScheduled, &s, work, Json(), QString(), QString(), extra);
        logEvent(f, EventType::ActivityStarted, &s, Json(), Json(), QString(), QString(),
             Json{{QStringLiteral("workerName"), QStringLiteral("stepwise-simulator")}});
    } else {
        extra = Json{{QStringLiteral("resourceType"), p.resourceType},
                     {QStringLiteral("resource"), p.resourceName},
                     {QStringLiteral("region"), m_opts.region}};
        if (timeout > 0)
            extra.insert(QStringLiteral("timeoutInSeconds"), qint64(timeout));
        if (heartbeat > 0)
            extra.insert(QStringLiteral("heartbeatInSeconds"), qint64(heartbeat));
        logEvent(f, EventType::TaskScheduled, &s, work, Json(), QString(), QString(), extra);
        logEvent(f, EventType::TaskStarted, &s, Json(), Json(), QString(), QString(),
             Json{{QStringLiteral("resourceType"), p.resourceType}, {QStringLiteral("resource"), p.resourceName}});
    }
    if (m_status != ExecutionStatus::Running)
        return;

    f.taskStarted = m_now;
    f.taskTimeout = timeout;
    f.heartbeatSeconds = heartbeat;
    f.lastHeartbeat = m_now;
    if (f.response.kind == TaskResponse::Kind::Pending) {
        if (timeout > 0)
            schedule(f, m_now + timeout, WakeTaskTimeout);
        if (heartbeat > 0)
            schedule(f, m_now + heartbeat, WakeHeartbeatTimeout);
        return;
    }
    const double d = std::max(0.0, f.response.duration);
    double heartbeatFailsAt = -1;
    if (heartbeat > 0 && f.response.heartbeatInterval > heartbeat && d > heartbeat)
        heartbeatFailsAt = heartbeat;
    if (timeout > 0 && d > timeout && (heartbeatFailsAt < 0 || timeout <= heartbeatFailsAt))
        schedule(f, m_now + timeout, WakeTaskTimeout);
    else if (heartbeatFailsAt >= 0)
        schedule(f, m_now + heartbeatFailsAt, WakeHeartbeatTimeout);
    else if (d <= 0)
        taskFinished(f, WakeTaskDone);
    else
        schedule(f, m_now + d, WakeTaskDone);
}

void Execution::taskFinished(Fiber &f, int kind)
{
    const StatePlan &p = *f.state;
    const asl::State &s = *p.state;
    ++f.token; // the other deadlines of this attempt no longer apply
    const EventType succeeded = p.legacyLambda ? EventType::LambdaFunctionSucceeded
                                : p.activity   ? EventType::ActivitySucceeded
                                               : EventType::TaskSucceeded;
    const EventType failed = p.legacyLambda ? EventType::LambdaFunctionFailed
                             : p.activity   ? EventType::ActivityFailed
                                            : EventType::TaskFailed;
    const EventType timedOut = p.legacyLambda ? EventType::LambdaFunctionTimedOut
                               : p.activity   ? EventType::ActivityTimedOut
                                              : EventType::TaskTimedOut;
    Json extra;
    if (!p.legacyLambda && !p.activity && recording())
        extra = Json{{QStringLiteral("resourceType"), p.resourceType}, {QStringLiteral("resource"), p.resourceName}};

    if (kind == WakeTaskTimeout || kind == WakeHeartbeatTimeout) {
        const QString error = kind == WakeTaskTimeout ? QStringLiteral("States.Timeout") : QStringLiteral("States.HeartbeatTimeout");
        logEvent(f, timedOut, &s, Json(), Json(), error, QString(), extra);
        if (m_status != ExecutionStatus::Running)
            return;
        failState(f, Failure{error, QString(), false});
        return;
    }
    if (f.response.kind == TaskResponse::Kind::Throw) {
        logEvent(f, failed, &s, Json(), Json(), f.response.error, f.response.cause, extra);
        if (m_status != ExecutionStatus::Running)
            return;
        failState(f, Failure{f.response.error, f.response.cause, false});
        return;
    }
    const Json result = f.response.result;
    if (payloadTooLarge(result)) {
        failState(f, Failure{QStringLiteral("States.DataLimitExceeded"),
                             QStringLiteral("The state/task '%1' returned a result with a size exceeding the maximum number of bytes service limit.")
                                 .arg(p.resourceType),
                             false});
        return;
    }
    logEvent(f, succeeded, &s, Json(), result, QString(), QString(), extra);
    if (m_status != ExecutionStatus::Running)
        return;
    completeState(f, result);
}

} // namespace sw::sim
