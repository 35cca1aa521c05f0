#include "execution.h"

#include "engine/fiber.h"
#include "jsonata/jsonataengine.h"
#include "json/jsonwriter.h"

#include <QTimeZone>
#include <QUuid>

namespace sw::sim {

QString toString(ExecutionStatus s)
{
    switch (s) {
    case ExecutionStatus::Running:
        return QStringLiteral("RUNNING");
    case ExecutionStatus::Succeeded:
        return QStringLiteral("SUCCEEDED");
    case ExecutionStatus::Failed:
        return QStringLiteral("FAILED");
    case ExecutionStatus::TimedOut:
        return QStringLiteral("TIMED_OUT");
    case ExecutionStatus::Aborted:
        return QStringLiteral("ABORTED");
    }
    return {};
}

namespace {

QString uuidFrom(RandomSource &r)
{
    const quint64 a = r.next();
    const quint64 b = r.next();
    QByteArray bytes(16, 0);
    for (int i = 0; i < 8; ++i) {
        bytes[i] = char(a >> (8 * i));
        bytes[8 + i] = char(b >> (8 * i));
    }
    bytes[6] = char((bytes[6] & 0x0F) | 0x40); // version 4
    bytes[8] = char((bytes[8] & 0x3F) | 0x80); // variant
    return QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces);
}

QString isoMillis(const QDateTime &t)
{
    return t.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

} // namespace

Execution::Execution(std::shared_ptr<const Program> program, ExecutionOptions options)
    : m_program(std::move(program)), m_opts(std::move(options)), m_random(m_opts.seed)
{
    m_backend = m_opts.backend ? m_opts.backend : &m_echo;
    m_start = m_opts.startTime.isValid() ? m_opts.startTime.toUTC()
                                         : QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    if (m_opts.executionName.isEmpty()) {
        RandomSource names(m_opts.seed ^ 0x5EEDull);
        m_opts.executionName = uuidFrom(names);
    }
    m_stateMachineArn = QStringLiteral("arn:aws:states:%1:%2:stateMachine:%3").arg(m_opts.region, m_opts.accountId, m_opts.stateMachineName);
    m_executionArn = QStringLiteral("arn:aws:states:%1:%2:execution:%3:%4")
                         .arg(m_opts.region, m_opts.accountId, m_opts.stateMachineName, m_opts.executionName);
    m_roleArn = QStringLiteral("arn:aws:iam::%1:role/StepwiseSimulatorRole").arg(m_opts.accountId);
    m_perState.assign(m_program->states().size(), 0);
}

Execution::~Execution() = default;

JsonataEngine &Execution::jsonata()
{
    // Loading the library costs tens of milliseconds: share one engine per thread.
    return m_opts.jsonata ? *m_opts.jsonata : JsonataEngine::forCurrentThread();
}

void Execution::start()
{
    if (m_started)
        return;
    m_started = true;
    m_backend->beginExecution();
    Fiber &root = newFiber(nullptr, m_program->root(), m_opts.input);
    m_root = &root;
    root.vars = std::make_shared<Scope>();
    logEvent(root, EventType::ExecutionStarted, nullptr, m_opts.input, Json(), QString(), QString(),
         Json{{QStringLiteral("roleArn"), m_roleArn}});
    root.lastEventId = 0; // AWS: the first state's previousEventId is 0
    if (m_status != ExecutionStatus::Running)
        return;

    double timeout = -1;
    const Json &ts = m_program->machine().timeoutSeconds;
    if (ts.isNumber())
        timeout = ts.toDouble();
    if (m_opts.type == WorkflowType::Express && (timeout < 0 || timeout > 300))
        timeout = 300; // Express workflows run for at most five minutes
    if (timeout >= 0)
        schedule(root, timeout, WakeExecutionTimeout);

    if (!m_program->root()->start) {
        endExecution(ExecutionStatus::Failed, Json(), QStringLiteral("States.Runtime"),
                     QStringLiteral("StartAt '%1' does not name a state.").arg(m_program->machine().startAt));
        return;
    }
    root.state = m_program->root()->start;
    root.phase = Phase::Enter;
    drive(root);
}

Fiber &Execution::newFiber(Fiber *parent, const MachinePlan *machine, Json input)
{
    auto f = std::make_unique<Fiber>();
    f->id = int(m_fibers.size());
    f->parent = parent;
    f->machine = machine;
    f->input = std::move(input);
    if (parent) {
        f->mapPath = parent->mapPath;
        f->child = parent->child;
    }
    Fiber &ref = *f;
    m_fibers.push_back(std::move(f));
    return ref;
}

void Execution::schedule(Fiber &f, double at, int kind)
{
    m_queue.push(Wake{at, m_seq++, &f, f.token, kind});
}

double Execution::nextWakeTime() const
{
    return m_queue.empty() ? -1 : m_queue.top().time;
}

bool Execution::step()
{
    while (!m_queue.empty() && m_status == ExecutionStatus::Running) {
        const Wake w = m_queue.top();
        m_queue.pop();
        if (w.fiber->cancelled || w.fiber->finished || w.token != w.fiber->token) {
            if (w.kind != WakeExecutionTimeout || w.fiber != m_root)
                continue;
        }
        if (w.time > m_now)
            m_now = w.time;
        wake(w);
        return true;
    }
    return false;
}

void Execution::runUntil(double seconds)
{
    if (!m_started)
        start();
    while (m_status == ExecutionStatus::Running && !m_queue.empty() && m_queue.top().time <= seconds)
        step();
    if (m_status == ExecutionStatus::Running && seconds > m_now)
        m_now = seconds;
}

void Execution::runToCompletion()
{
    if (!m_started)
        start();
    while (m_status == ExecutionStatus::Running && step()) {
    }
}

void Execution::wake(const Wake &w)
{
    Fiber &f = *w.fiber;
    switch (w.kind) {
    case WakeExecutionTimeout:
        if (&f == m_root && m_status == ExecutionStatus::Running) {
            cancelFiber(f);
            endExecution(ExecutionStatus::TimedOut, Json(), QStringLiteral("States.Timeout"), QString());
        }
        return;
    case WakeDrive:
        drive(f);
        return;
    case WakeChildren:
        parentResume(f);
        drive(f);
        return;
    default:
        resumeState(f, w.kind);
        drive(f);
        return;
    }
}

void Execution::drive(Fiber &f)
{
    while (f.phase == Phase::Enter && !f.cancelled && m_status == ExecutionStatus::Running)
        enterState(f);
}

qint64 Execution::logEvent(Fiber &f, EventType type, const asl::State *state, Json input, Json output, QString error,
                       QString cause, Json extra)
{
    if (m_status != ExecutionStatus::Running && type != EventType::ExecutionSucceeded &&
        type != EventType::ExecutionFailed && type != EventType::ExecutionTimedOut)
        return 0;
    const bool terminal = type == EventType::ExecutionSucceeded || type == EventType::ExecutionFailed ||
                          type == EventType::ExecutionTimedOut || type == EventType::ExecutionAborted;
    if (f.child < 0 && !terminal && m_eventCounter >= qint64(m_opts.maxEvents) - 1) {
        // AWS: once 24,999 events are logged, anything but ExecutionSucceeded ends the execution.
        endExecution(ExecutionStatus::Failed, Json(), QStringLiteral("States.Runtime"),
                     QStringLiteral("The execution reached the maximum number of history events (%1).").arg(m_opts.maxEvents));
        return 0;
    }
    ChildRun *child = f.child >= 0 ? &m_childRuns[f.child] : nullptr;
    const qint64 id = child ? ++child->eventCounter : ++m_eventCounter;
    if (m_opts.recordHistory || onEvent) {
        HistoryEvent e;
        e.id = id;
        e.childRun = f.child;
        e.previousEventId = f.lastEventId;
        e.time = m_now;
        e.type = type;
        if (state) {
            e.stateName = state->name;
            e.statePointer = state->pointer;
        }
        e.fiber = f.id;
        e.mapIndex = f.mapPath.isEmpty() ? -1 : f.mapPath.last();
        e.input = std::move(input);
        e.output = std::move(output);
        e.error = std::move(error);
        e.cause = std::move(cause);
        e.extra = std::move(extra);
        if (isStateEntered(type)) {
            e.viaFrom = f.viaFrom;
            e.viaKind = f.viaKind;
            e.viaIndex = f.viaIndex;
        }
        if (onEvent)
            onEvent(e);
        if (m_opts.recordHistory)
            (child ? child->history : m_history).append(std::move(e));
    }
    f.lastEventId = id;
    return id;
}

void Execution::endExecution(ExecutionStatus status, const Json &output, const QString &error, const QString &cause)
{
    if (m_status != ExecutionStatus::Running)
        return;
    Fiber &root = *m_root;
    EventType type = EventType::ExecutionSucceeded;
    Json extra;
    if (status == ExecutionStatus::Failed)
        type = EventType::ExecutionFailed;
    else if (status == ExecutionStatus::TimedOut)
        type = EventType::ExecutionTimedOut;
    // The terminal event is always recorded, even at the history limit.
    const qint64 id = ++m_eventCounter;
    if (m_opts.recordHistory || onEvent) {
        HistoryEvent e;
        e.id = id;
        e.previousEventId = root.lastEventId;
        e.time = m_now;
        e.type = type;
        e.output = output;
        e.error = error;
        e.cause = cause;
        if (onEvent)
            onEvent(e);
        if (m_opts.recordHistory)
            m_history.append(e);
    }
    root.lastEventId = id;
    m_status = status;
    m_output = output;
    m_error = error;
    m_cause = cause;
    for (auto &f : m_fibers) {
        if (!f->finished) {
            f->cancelled = true;
            ++f->token;
        }
    }
}

void Execution::finishFiber(Fiber &f, bool ok, const Json &output, const Failure &failure)
{
    if (f.finished)
        return;
    f.finished = true;
    f.phase = Phase::Done;
    ++f.token;
    f.ok = ok;
    f.output = output;
    f.failure = failure;
    if (!f.parent) {
        if (ok)
            endExecution(ExecutionStatus::Succeeded, output, QString(), QString());
        else
            endExecution(ExecutionStatus::Failed, Json(), failure.error, failure.cause);
        return;
    }
    childDone(*f.parent, f);
}

void Execution::cancelFiber(Fiber &f)
{
    if (f.finished || f.cancelled)
        return;
    f.cancelled = true;
    ++f.token;
    for (Fiber *c : f.children)
        cancelFiber(*c);
    if (f.state && f.phase == Phase::Busy) {
        const asl::StateType t = f.state->state->type;
        EventType aborted = EventType::TaskStateAborted;
        bool has = true;
        if (t == asl::StateType::Wait)
            aborted = EventType::WaitStateAborted;
        else if (t == asl::StateType::Parallel)
            aborted = EventType::ParallelStateAborted;
        else if (t == asl::StateType::Map)
            aborted = EventType::MapStateAborted;
        else if (t != asl::StateType::Task)
            has = false;
        if (has && m_status == ExecutionStatus::Running)
            logEvent(f, aborted, f.state->state);
    }
    if (StateRecord *r = record(f))
        r->status = QStringLiteral("cancelled");
}

void Execution::countTransition(Fiber &f)
{
    // Transitions inside a Distributed Map child are billed to that child execution.
    if (f.child >= 0)
        ++m_childRuns[f.child].transitions;
    else
        ++m_transitions;
    ++m_perState[size_t(f.state->index)];
}

bool Execution::payloadTooLarge(const Json &v) const
{
    return v.compactSize() > m_opts.maxPayloadBytes;
}

Json Execution::contextObject(Fiber &f, const StatePlan &p, const Json &mapItem, int mapIndex)
{
    Json execution{{QStringLiteral("Id"), m_executionArn},
                   {QStringLiteral("Input"), m_opts.input},
                   {QStringLiteral("StartTime"), isoMillis(m_start)},
                   {QStringLiteral("Name"), m_opts.executionName},
                   {QStringLiteral("RoleArn"), m_roleArn},
                   {QStringLiteral("RedriveCount"), 0}};
    Json ctx{{QStringLiteral("Execution"), execution},
             {QStringLiteral("StateMachine"),
              Json{{QStringLiteral("Id"), m_stateMachineArn}, {QStringLiteral("Name"), m_opts.stateMachineName}}},
             {QStringLiteral("State"),
              Json{{QStringLiteral("EnteredTime"), isoMillis(m_start.addMSecs(qint64(f.enteredTime * 1000)))},
                   {QStringLiteral("Name"), p.state->name},
                   {QStringLiteral("RetryCount"), f.attempt}}}};
    if (!f.taskToken.isEmpty())
        ctx.insert(QStringLiteral("Task"), Json{{QStringLiteral("Token"), f.taskToken}});
    if (mapIndex >= 0)
        ctx.insert(QStringLiteral("Map"),
                   Json{{QStringLiteral("Item"), Json{{QStringLiteral("Index"), mapIndex}, {QStringLiteral("Value"), mapItem}}}});
    return ctx;
}

EvalContext Execution::evalContext(Fiber &f, const StatePlan &p, const Json &mapItem, int mapIndex)
{
    EvalContext c;
    if (p.usesContext || p.jsonata)
        c.contextObject = contextObject(f, p, mapItem, mapIndex);
    c.variables = f.vars.get();
    c.random = &m_random;
    c.nowMillis = m_start.toMSecsSinceEpoch() + qint64(m_now * 1000.0);
    return c;
}

Json Execution::statesVar(Fiber &f, const StatePlan &p, const Json &result, const Json &errorOutput)
{
    Json s{{QStringLiteral("input"), f.input}, {QStringLiteral("context"), contextObject(f, p, Json(), -1)}};
    if (result.isDefined())
        s.insert(QStringLiteral("result"), result);
    if (errorOutput.isDefined())
        s.insert(QStringLiteral("errorOutput"), errorOutput);
    return s;
}

StateRecord *Execution::record(Fiber &f)
{
    if (f.recordIndex < 0 || f.recordIndex >= m_records.size())
        return nullptr;
    return &m_records[f.recordIndex];
}

QStringList Execution::unmockedStates() const
{
    QStringList out;
    for (const auto &p : m_program->states()) {
        if (m_unmocked.contains(p->index))
            out.append(p->state->name);
    }
    return out;
}

QList<PendingCallback> Execution::pendingCallbacks() const
{
    QList<PendingCallback> out;
    for (const auto &f : m_fibers) {
        if (!f->finished && !f->cancelled && f->phase == Phase::Busy && !f->taskToken.isEmpty() &&
            f->response.kind == TaskResponse::Kind::Pending)
            out.append(PendingCallback{f->taskToken, f->state->state->name, f->id, f->taskStarted});
    }
    return out;
}

namespace {
Fiber *findPending(const std::vector<std::unique_ptr<Fiber>> &fibers, const QString &token)
{
    for (const auto &f : fibers) {
        if (!f->finished && !f->cancelled && f->phase == Phase::Busy && f->taskToken == token &&
            f->response.kind == TaskResponse::Kind::Pending)
            return f.get();
    }
    return nullptr;
}
} // namespace

bool Execution::sendTaskSuccess(const QString &token, const Json &output)
{
    Fiber *f = findPending(m_fibers, token);
    if (!f || m_status != ExecutionStatus::Running)
        return false;
    f->response.kind = TaskResponse::Kind::Return;
    f->response.result = output;
    ++f->token;
    schedule(*f, m_now, WakeTaskDone);
    return true;
}

bool Execution::sendTaskFailure(const QString &token, const QString &error, const QString &cause)
{
    Fiber *f = findPending(m_fibers, token);
    if (!f || m_status != ExecutionStatus::Running)
        return false;
    f->response.kind = TaskResponse::Kind::Throw;
    f->response.error = error;
    f->response.cause = cause;
    ++f->token;
    schedule(*f, m_now, WakeTaskDone);
    return true;
}

bool Execution::sendTaskHeartbeat(const QString &token)
{
    Fiber *f = findPending(m_fibers, token);
    if (!f || m_status != ExecutionStatus::Running)
        return false;
    f->lastHeartbeat = m_now;
    if (f->heartbeatSeconds > 0) {
        // Re-arm the heartbeat deadline; the task deadline stays relative to the task start.
        ++f->token;
        schedule(*f, m_now + f->heartbeatSeconds, WakeHeartbeatTimeout);
        if (f->taskTimeout > 0)
            schedule(*f, f->taskStarted + f->taskTimeout, WakeTaskTimeout);
    }
    return true;
}

} // namespace sw::sim
