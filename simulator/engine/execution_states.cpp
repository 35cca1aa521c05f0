// The life of one state: enter, process input, do the work, process the result, transition, and
// the error handling between them (Retry, Catch). Parallel and Map are in execution_parallel.cpp.
#include "execution.h"

#include "engine/dataio.h"
#include "engine/errors.h"
#include "asl/edges.h"
#include "engine/fiber.h"
#include "data/timestamp.h"
#include "jsonata/jsonataengine.h"
#include "json/jsonwriter.h"

#include <cmath>

namespace sw::sim {

namespace {

QString statePrefix(const asl::State &s, qint64 enteredId)
{
    return QStringLiteral("An error occurred while executing the state '%1' (entered at the event id #%2). ").arg(s.name).arg(enteredId);
}

Json errorOutput(const Failure &f)
{
    Json o = Json::object();
    o.insert(QStringLiteral("Error"), f.error.isNull() ? Json(nullptr) : Json(f.error));
    o.insert(QStringLiteral("Cause"), f.cause.isNull() ? Json(nullptr) : Json(f.cause));
    return o;
}

QString valueText(const Json &v)
{
    return v.isString() ? v.toString() : JsonWriter::compactString(v);
}

} // namespace

void Execution::enterState(Fiber &f)
{
    const StatePlan &p = *f.state;
    countTransition(f);
    f.enteredTime = m_now;
    f.attempt = 0;
    f.retrierCounts.assign(p.state->retry.size(), 0);
    f.taskToken.clear();
    f.phase = Phase::Busy;
    if (m_opts.recordDataFlow) {
        StateRecord r;
        r.stateName = p.state->name;
        r.statePointer = p.state->pointer;
        r.fiber = f.id;
        r.mapPath = f.mapPath;
        r.entered = m_now;
        r.input = f.input;
        r.status = QStringLiteral("running");
        f.recordIndex = int(m_records.size());
        m_records.append(r);
    }
    f.enteredEventId = logEvent(f, p.entered, p.state, f.input);
    if (m_status != ExecutionStatus::Running)
        return;
    runState(f);
}

void Execution::runState(Fiber &f)
{
    const StatePlan &p = *f.state;
    const asl::State &s = *p.state;
    switch (s.type) {
    case asl::StateType::Task:
        runTask(f);
        return;
    case asl::StateType::Choice:
        runChoice(f);
        return;
    case asl::StateType::Wait:
        runWait(f);
        return;
    case asl::StateType::Fail:
        runFail(f);
        return;
    case asl::StateType::Parallel:
        runParallel(f);
        return;
    case asl::StateType::Map:
        runMap(f);
        return;
    case asl::StateType::Pass:
    case asl::StateType::Succeed: {
        if (p.jsonata) {
            completeState(f, Json());
            return;
        }
        EvalContext ctx = evalContext(f, p);
        JsonOutcome eff = io::inputPath(s.inputPath, f.input, ctx);
        if (eff.failed())
            return failState(f, eff.failure());
        f.effective = eff.value();
        if (s.type == asl::StateType::Succeed) {
            completeState(f, f.effective);
            return;
        }
        Json result = f.effective;
        if (s.result.isDefined()) {
            result = s.result;
        } else if (s.parameters.isDefined()) {
            JsonOutcome par = io::payload(s.parameters, f.effective, ctx);
            if (par.failed())
                return failState(f, par.failure());
            result = par.value();
        }
        if (StateRecord *r = record(f)) {
            r->afterInputPath = f.effective;
            r->afterParameters = result;
        }
        completeState(f, result);
        return;
    }
    case asl::StateType::Unknown:
        break;
    }
    failState(f, runtimeError(QStringLiteral("The state type '%1' is not supported.").arg(s.typeName)));
}

// Result processing and the transition. `result` is the state's work product: the task result,
// the branch/iteration results, the Pass result, or the effective input of Choice/Wait/Succeed.
void Execution::completeState(Fiber &f, const Json &result)
{
    const StatePlan &p = *f.state;
    const asl::State &s = *p.state;
    Json output;
    Json assigned;
    if (p.jsonata) {
        const Json states = statesVar(f, p, result, Json());
        EvalContext ctx = evalContext(f, p);
        if (s.assign.isDefined()) {
            JsonOutcome a = jsonata().evaluateTemplate(s.assign, QStringLiteral("Assign"), states, ctx);
            if (a.failed())
                return failState(f, a.failure());
            assigned = a.value();
        }
        if (s.output.isDefined()) {
            JsonOutcome o = jsonata().evaluateTemplate(s.output, QStringLiteral("Output"), states, ctx);
            if (o.failed())
                return failState(f, o.failure());
            output = o.value();
        } else {
            const bool hasResult = s.type == asl::StateType::Task || s.type == asl::StateType::Parallel ||
                                   s.type == asl::StateType::Map;
            output = hasResult ? result : f.input;
        }
        if (StateRecord *r = record(f))
            r->result = result;
    } else {
        EvalContext ctx = evalContext(f, p);
        const bool hasResultPath = s.type == asl::StateType::Task || s.type == asl::StateType::Parallel ||
                                   s.type == asl::StateType::Map || s.type == asl::StateType::Pass;
        Json selected = result;
        if (s.resultSelector.isDefined() && s.type != asl::StateType::Pass) {
            JsonOutcome sel = io::payload(s.resultSelector, result, ctx);
            if (sel.failed())
                return failState(f, sel.failure());
            selected = sel.value();
        }
        if (s.assign.isDefined()) {
            JsonOutcome a = io::payload(s.assign, selected, ctx);
            if (a.failed())
                return failState(f, a.failure());
            assigned = a.value();
        }
        Json combined = selected;
        if (hasResultPath) {
            JsonOutcome rp = io::resultPath(s.resultPath, f.input, selected);
            if (rp.failed())
                return failState(f, rp.failure());
            combined = rp.value();
        }
        JsonOutcome op = io::outputPath(s.outputPath, combined, ctx);
        if (op.failed())
            return failState(f, op.failure());
        output = op.value();
        if (StateRecord *r = record(f)) {
            r->result = result;
            r->afterResultSelector = selected;
            r->afterResultPath = combined;
        }
    }
    if (payloadTooLarge(output)) {
        return failState(f, Failure{QStringLiteral("States.DataLimitExceeded"),
                                    QStringLiteral("The state/task '%1' returned a result with a size exceeding the maximum number of bytes service limit.")
                                        .arg(p.resourceType.isEmpty() ? s.name : p.resourceType),
                                    false});
    }
    const StatePlan *next = p.next;
    if (s.type == asl::StateType::Succeed)
        next = nullptr;
    else if (p.nextMissing)
        return failState(f, runtimeError(QStringLiteral("Missing 'Next' target: %1").arg(s.next)));
    transition(f, next, output, assigned, int(asl::EdgeKind::Next));
}

void Execution::transition(Fiber &f, const StatePlan *next, const Json &output, const Json &assigned, int viaKind, int viaIndex)
{
    const StatePlan &p = *f.state;
    Json extra;
    if (assigned.isObject() && !assigned.isEmpty()) {
        f.vars->assign(assigned);
    }
    if (assigned.isObject() && !assigned.isEmpty() && recording()) {
        Json shown = Json::object();
        for (const auto &m : assigned.members())
            shown.insert(m.key, JsonWriter::compactString(m.value));
        extra = Json{{QStringLiteral("assignedVariables"), shown},
                     {QStringLiteral("assignedVariablesDetails"), Json{{QStringLiteral("truncated"), false}}}};
    }
    if (StateRecord *r = record(f)) {
        r->output = output;
        r->assigned = assigned;
        r->exited = m_now;
        if (r->status == QLatin1String("running"))
            r->status = QStringLiteral("succeeded");
    }
    logEvent(f, p.exited, p.state, Json(), output, QString(), QString(), extra);
    if (m_status != ExecutionStatus::Running)
        return;
    if (next) {
        f.viaFrom = p.state->name;
        f.viaKind = viaKind;
        f.viaIndex = viaIndex;
        f.state = next;
        f.input = output;
        f.phase = Phase::Enter;
        return;
    }
    finishFiber(f, true, output, Failure{});
}

// An error raised while the state runs: Retry, then Catch, else the fiber fails.
void Execution::failState(Fiber &f, const Failure &failureIn)
{
    const StatePlan &p = *f.state;
    const asl::State &s = *p.state;
    Failure failure = failureIn;
    if (failure.prefixed) {
        failure.cause = statePrefix(s, f.enteredEventId) + failure.cause;
        failure.prefixed = false;
    }
    if (StateRecord *r = record(f)) {
        r->error = failure.error;
        r->cause = failure.cause;
        r->status = QStringLiteral("failed");
        r->exited = m_now;
    }
    if (failure.error == QLatin1String("States.Runtime")) {
        finishFiber(f, false, Json(), failure);
        return;
    }
    // Retry
    for (qsizetype i = 0; i < s.retry.size(); ++i) {
        const asl::Retrier &r = s.retry.at(i);
        if (!errorMatches(failure.error, r.errorEquals))
            continue;
        int &count = f.retrierCounts[size_t(i)];
        if (count < r.maxAttempts) {
            double delay = r.intervalSeconds * std::pow(r.backoffRate, count);
            if (r.maxDelaySeconds && delay > double(*r.maxDelaySeconds))
                delay = double(*r.maxDelaySeconds);
            if (r.jitterStrategy == QLatin1String("FULL"))
                delay = m_random.uniform() * delay;
            ++count;
            ++f.attempt;
            f.taskToken.clear(); // a new attempt gets a new task token
            countTransition(f); // each retry is billed as a transition
            if (StateRecord *rec = record(f)) {
                rec->status = QStringLiteral("retrying");
                if (m_opts.recordDataFlow) {
                    StateRecord next = *rec;
                    next.attempt = f.attempt;
                    next.entered = m_now + delay;
                    next.exited = -1;
                    next.status = QStringLiteral("running");
                    next.error.clear();
                    next.cause.clear();
                    f.recordIndex = int(m_records.size());
                    m_records.append(next);
                }
            }
            schedule(f, m_now + delay, WakeRetry);
            return;
        }
        break; // the matching retrier is exhausted: go to Catch
    }
    // Catch
    for (qsizetype i = 0; i < s.catchers.size(); ++i) {
        const asl::Catcher &c = s.catchers.at(i);
        if (!errorMatches(failure.error, c.errorEquals))
            continue;
        const Json err = errorOutput(failure);
        Json output = err;
        Json assigned;
        if (p.jsonata) {
            const Json states = statesVar(f, p, Json(), err);
            EvalContext ctx = evalContext(f, p);
            if (c.assign.isDefined()) {
                JsonOutcome a = jsonata().evaluateTemplate(c.assign, QStringLiteral("Assign"), states, ctx);
                if (a.failed()) {
                    finishFiber(f, false, Json(), Failure{a.failure().error, statePrefix(s, f.enteredEventId) + a.failure().cause, false});
                    return;
                }
                assigned = a.value();
            }
            if (c.output.isDefined()) {
                JsonOutcome o = jsonata().evaluateTemplate(c.output, QStringLiteral("Output"), states, ctx);
                if (o.failed()) {
                    finishFiber(f, false, Json(), Failure{o.failure().error, statePrefix(s, f.enteredEventId) + o.failure().cause, false});
                    return;
                }
                output = o.value();
            }
        } else {
            EvalContext ctx = evalContext(f, p);
            if (c.assign.isDefined()) {
                JsonOutcome a = io::payload(c.assign, err, ctx);
                if (a.failed()) {
                    finishFiber(f, false, Json(), Failure{a.failure().error, statePrefix(s, f.enteredEventId) + a.failure().cause, false});
                    return;
                }
                assigned = a.value();
            }
            JsonOutcome rp = io::resultPath(c.resultPath, f.input, err);
            if (rp.failed()) {
                finishFiber(f, false, Json(), Failure{rp.failure().error, statePrefix(s, f.enteredEventId) + rp.failure().cause, false});
                return;
            }
            output = rp.value();
        }
        if (StateRecord *r = record(f))
            r->status = QStringLiteral("caught");
        const StatePlan *next = i < qsizetype(p.catchNext.size()) ? p.catchNext[size_t(i)] : nullptr;
        if (!next) {
            finishFiber(f, false, Json(), runtimeError(QStringLiteral("Missing 'Next' target: %1").arg(c.next)));
            return;
        }
        transition(f, next, output, assigned, int(asl::EdgeKind::Catch), int(i));
        return;
    }
    finishFiber(f, false, Json(), failure);
}

void Execution::resumeState(Fiber &f, int kind)
{
    if (f.cancelled || f.finished || !f.state)
        return;
    switch (kind) {
    case WakeRetry:
        runState(f);
        return;
    case WakeWaitDone:
        completeState(f, f.effective);
        return;
    case WakeTaskDone:
    case WakeTaskTimeout:
    case WakeHeartbeatTimeout:
        taskFinished(f, kind);
        return;
    default:
        return;
    }
}

void Execution::runChoice(Fiber &f)
{
    const StatePlan &p = *f.state;
    const asl::State &s = *p.state;
    EvalContext ctx = evalContext(f, p);
    if (p.jsonata) {
        const Json states = statesVar(f, p, Json(), Json());
        for (size_t i = 0; i < s.choices.size(); ++i) {
            const asl::ChoiceRule &rule = s.choices[i];
            JsonOutcome c = jsonata().evaluateTemplate(rule.condition, QStringLiteral("Condition"), states, ctx);
            if (c.failed())
                return failState(f, c.failure());
            if (!c.value().isBool()) {
                return failState(f, Failure{QStringLiteral("States.QueryEvaluationError"),
                                            QStringLiteral("The JSONata expression '%1' specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was '%2' for value: %3")
                                                .arg(asl::jsonataBody(rule.condition).trimmed(), QLatin1String(c.value().typeName()),
                                                     JsonWriter::compactString(c.value())),
                                            true});
            }
            if (!c.value().toBool())
                continue;
            Json assigned, output = f.input;
            if (rule.assign.isDefined()) {
                JsonOutcome a = jsonata().evaluateTemplate(rule.assign, QStringLiteral("Assign"), states, ctx);
                if (a.failed())
                    return failState(f, a.failure());
                assigned = a.value();
            }
            if (rule.output.isDefined()) {
                JsonOutcome o = jsonata().evaluateTemplate(rule.output, QStringLiteral("Output"), states, ctx);
                if (o.failed())
                    return failState(f, o.failure());
                output = o.value();
            }
            if (!p.choiceNext[i])
                return failState(f, runtimeError(QStringLiteral("Missing 'Next' target: %1").arg(rule.next)));
            transition(f, p.choiceNext[i], output, assigned, int(asl::EdgeKind::ChoiceRule), int(i));
            return;
        }
        if (!p.defaultNext)
            return failState(f, Failure{QStringLiteral("States.NoChoiceMatched"), QStringLiteral("No Matches!"), true});
        Json assigned, output = f.input;
        if (s.assign.isDefined()) {
            JsonOutcome a = jsonata().evaluateTemplate(s.assign, QStringLiteral("Assign"), states, ctx);
            if (a.failed())
                return failState(f, a.failure());
            assigned = a.value();
        }
        if (s.output.isDefined()) {
            JsonOutcome o = jsonata().evaluateTemplate(s.output, QStringLiteral("Output"), states, ctx);
            if (o.failed())
                return failState(f, o.failure());
            output = o.value();
        }
        transition(f, p.defaultNext, output, assigned, int(asl::EdgeKind::Default));
        return;
    }

    JsonOutcome eff = io::inputPath(s.inputPath, f.input, ctx);
    if (eff.failed())
        return failState(f, eff.failure());
    f.effective = eff.value();
    const asl::ChoiceRule *matched = nullptr;
    const StatePlan *next = nullptr;
    int matchedIndex = -1;
    for (size_t i = 0; i < s.choices.size(); ++i) {
        Outcome<bool> c = io::choice(s.choices[i], f.effective, ctx);
        if (c.failed())
            return failState(f, c.failure());
        if (c.value()) {
            matched = &s.choices[i];
            matchedIndex = int(i);
            next = p.choiceNext[i];
            if (!next)
                return failState(f, runtimeError(QStringLiteral("Missing 'Next' target: %1").arg(matched->next)));
            break;
        }
    }
    if (!matched) {
        if (!p.defaultNext)
            return failState(f, Failure{QStringLiteral("States.NoChoiceMatched"), QStringLiteral("No Matches!"), true});
        next = p.defaultNext;
    }
    const Json &assign = matched ? matched->assign : s.assign;
    Json assigned;
    if (assign.isDefined()) {
        JsonOutcome a = io::payload(assign, f.effective, ctx);
        if (a.failed())
            return failState(f, a.failure());
        assigned = a.value();
    }
    JsonOutcome op = io::outputPath(s.outputPath, f.effective, ctx);
    if (op.failed())
        return failState(f, op.failure());
    if (StateRecord *r = record(f))
        r->afterInputPath = f.effective;
    transition(f, next, op.value(), assigned, matched ? int(asl::EdgeKind::ChoiceRule) : int(asl::EdgeKind::Default),
               matched ? matchedIndex : 0);
}

void Execution::runWait(Fiber &f)
{
    const StatePlan &p = *f.state;
    const asl::State &s = *p.state;
    EvalContext ctx = evalContext(f, p);
    double seconds = 0;
    bool haveTimestamp = false;
    QString timestampText;
    QString timestampSource; // for messages: the path or the field
    Json source = f.input;
    if (p.jsonata) {
        const Json states = statesVar(f, p, Json(), Json());
        if (s.seconds.isDefined()) {
            Json v = s.seconds;
            if (asl::isJsonataExpression(v)) {
                JsonOutcome e = jsonata().evaluateTemplate(v, QStringLiteral("Seconds"), states, ctx);
                if (e.failed())
                    return failState(f, e.failure());
                v = e.value();
            }
            if (!v.isNumber() || !v.isIntegral() || v.toDouble() < 0)
                return failState(f, Failure{QStringLiteral("States.QueryEvaluationError"),
                                            QStringLiteral("The Seconds field must be a non-negative integer: %1").arg(valueText(v)), true});
            seconds = v.toDouble();
        } else if (s.timestamp.isDefined()) {
            Json v = s.timestamp;
            if (asl::isJsonataExpression(v)) {
                JsonOutcome e = jsonata().evaluateTemplate(v, QStringLiteral("Timestamp"), states, ctx);
                if (e.failed())
                    return failState(f, e.failure());
                v = e.value();
            }
            timestampText = valueText(v);
            if (!v.isString() || !parseTimestamp(v.stringRef()))
                return failState(f, Failure{QStringLiteral("States.QueryEvaluationError"),
                                            QStringLiteral("The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: %1").arg(timestampText), true});
            haveTimestamp = true;
        }
    } else {
        JsonOutcome eff = io::inputPath(s.inputPath, f.input, ctx);
        if (eff.failed())
            return failState(f, eff.failure());
        f.effective = eff.value();
        source = f.effective;
        if (s.seconds.isNumber()) {
            seconds = s.seconds.toDouble();
        } else if (s.secondsPath.isString()) {
            const QString path = s.secondsPath.toString();
            JsonOutcome v = io::value(path, QStringLiteral("SecondsPath"), f.effective, ctx);
            if (v.failed())
                return failState(f, v.failure());
            const Json &n = v.value();
            if (!n.isNumber() || !n.isIntegral())
                return failState(f, runtimeError(QStringLiteral("The SecondsPath parameter does not reference a valid integer value: %1 == %2").arg(path, valueText(n))));
            if (n.toDouble() < 0)
                return failState(f, runtimeError(QStringLiteral("The SecondsPath parameter references a negative value: %1 == %2").arg(path, valueText(n))));
            seconds = n.toDouble();
        } else if (s.timestamp.isString()) {
            timestampText = s.timestamp.toString();
            haveTimestamp = true;
        } else if (s.timestampPath.isString()) {
            const QString path = s.timestampPath.toString();
            JsonOutcome v = io::value(path, QStringLiteral("TimestampPath"), f.effective, ctx);
            if (v.failed())
                return failState(f, v.failure());
            timestampText = valueText(v.value());
            if (!v.value().isString() || !parseTimestamp(v.value().stringRef()))
                return failState(f, runtimeError(QStringLiteral("The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: %1 == %2").arg(path, timestampText)));
            haveTimestamp = true;
        }
    }
    if (haveTimestamp) {
        const std::optional<Timestamp> at = parseTimestamp(timestampText);
        const double target = at ? double(at->epochSeconds) + double(at->nanos) / 1e9 - double(m_start.toMSecsSinceEpoch()) / 1000.0 : 0;
        seconds = std::max(0.0, target - m_now);
    }
    if (StateRecord *r = record(f))
        r->afterInputPath = f.effective;
    if (seconds <= 0) {
        completeState(f, p.jsonata ? f.input : f.effective);
        return;
    }
    if (p.jsonata)
        f.effective = f.input;
    schedule(f, m_now + seconds, WakeWaitDone);
}

void Execution::runFail(Fiber &f)
{
    const StatePlan &p = *f.state;
    const asl::State &s = *p.state;
    Failure out{QString(), QString(), false};
    EvalContext ctx = evalContext(f, p);
    if (p.jsonata) {
        const Json states = statesVar(f, p, Json(), Json());
        auto field = [&](const Json &v, const QString &name, QString &target) -> bool {
            if (v.isUndefined())
                return true;
            JsonOutcome e = jsonata().evaluateTemplate(v, name, states, ctx);
            if (e.failed()) {
                failState(f, e.failure());
                return false;
            }
            target = e.value().isString() ? e.value().toString() : JsonWriter::compactString(e.value());
            return true;
        };
        if (!field(s.error, QStringLiteral("Error"), out.error) || !field(s.cause, QStringLiteral("Cause"), out.cause))
            return;
    } else {
        auto field = [&](const Json &literal, const Json &path, const char *name, QString &target) -> bool {
            if (literal.isString()) {
                target = literal.toString();
                return true;
            }
            if (!path.isString())
                return true;
            JsonOutcome v = io::value(path.toString(), QLatin1String(name), f.input, ctx);
            if (v.failed() || v.value().isUndefined()) {
                failState(f, runtimeError(QStringLiteral("The JSONPath '%1' specified for the field '%2' could not be found in the input '%3'")
                                              .arg(path.toString(), QLatin1String(name), JsonWriter::compactString(f.input))));
                return false;
            }
            target = v.value().isString() ? v.value().toString() : JsonWriter::compactString(v.value());
            return true;
        };
        if (!field(s.error, s.errorPath, "ErrorPath", out.error) || !field(s.cause, s.causePath, "CausePath", out.cause))
            return;
    }
    if (StateRecord *r = record(f)) {
        r->error = out.error;
        r->cause = out.cause;
        r->status = QStringLiteral("failed");
        r->exited = m_now;
    }
    finishFiber(f, false, Json(), out);
}

} // namespace sw::sim
