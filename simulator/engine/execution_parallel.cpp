// Parallel and Map states: branches and iterations run as child fibers, concurrently on the virtual
// clock; MaxConcurrency, tolerated failures, ItemSelector, ItemBatcher, ItemReader/ResultWriter
// (Distributed Map, answered by the backend) and child executions.
#include "execution.h"

#include "engine/dataio.h"
#include "engine/fiber.h"
#include "jsonata/jsonataengine.h"
#include "json/jsonwriter.h"

#include <cmath>

namespace sw::sim {

namespace {

QString quotedValue(const Json &v)
{
    return QStringLiteral("\"%1\"").arg(v.isString() ? v.toString() : JsonWriter::compactString(v));
}

} // namespace

void Execution::runParallel(Fiber &f)
{
    const StatePlan &p = *f.state;
    const asl::State &s = *p.state;
    EvalContext ctx = evalContext(f, p);
    Json work;
    if (p.jsonata) {
        if (s.arguments.isDefined()) {
            JsonOutcome a = jsonata().evaluateTemplate(s.arguments, QStringLiteral("Arguments"), statesVar(f, p, Json(), Json()), ctx);
            if (a.failed())
                return failState(f, a.failure());
            work = a.value();
        } else {
            work = f.input;
        }
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
    }
    if (StateRecord *r = record(f)) {
        r->afterInputPath = f.effective;
        r->afterParameters = work;
    }
    f.work = work;
    const qint64 started = logEvent(f, EventType::ParallelStateStarted, &s);
    if (m_status != ExecutionStatus::Running)
        return;
    f.children.clear();
    f.childResults.assign(p.branches.size(), Json());
    f.childrenDone = 0;
    f.childFailed = false;
    for (size_t i = 0; i < p.branches.size(); ++i) {
        Fiber &c = newFiber(&f, p.branches[i], work);
        c.kind = Fiber::Kind::Branch;
        c.indexInParent = int(i);
        c.vars = std::make_shared<Scope>(f.vars);
        c.lastEventId = started;
        c.state = p.branches[i]->start;
        c.phase = Phase::Enter;
        f.children.push_back(&c);
        if (!c.state) {
            finishFiber(c, false, Json(), runtimeError(QStringLiteral("StartAt does not name a state of the branch.")));
            continue;
        }
        schedule(c, m_now, WakeDrive);
    }
    if (p.branches.empty())
        schedule(f, m_now, WakeChildren);
}

Outcome<QList<Json>> Execution::mapItems(Fiber &f, const EvalContext &ctx)
{
    const StatePlan &p = *f.state;
    const asl::State &s = *p.state;
    Json items;
    if (s.itemReader.isObject()) {
        // Distributed Map reading from S3 (or a local file): the backend answers for the reader.
        TaskInvocation call;
        call.state = &s;
        call.stateName = s.name;
        call.resource = s.itemReader.value(u"Resource").toString();
        call.input = s.itemReader;
        call.invocationIndex = m_invocations[s.name + QStringLiteral("#ItemReader")]++;
        call.now = m_now;
        call.random = &m_random;
        const TaskResponse r = m_backend->readItems(call);
        if (!r.mocked)
            m_unmocked.insert(p.index, true);
        if (r.kind == TaskResponse::Kind::Throw || r.kind == TaskResponse::Kind::Invalid)
            return Failure{r.error.isEmpty() ? QStringLiteral("States.ItemReaderFailed") : r.error, r.cause, false};
        items = r.result;
    } else if (p.jsonata) {
        if (s.items.isDefined()) {
            JsonOutcome v = jsonata().evaluateTemplate(s.items, QStringLiteral("Items"), statesVar(f, p, Json(), Json()), ctx);
            if (v.failed())
                return v.failure();
            items = v.value();
            if (!items.isArray()) {
                return Failure{QStringLiteral("States.QueryEvaluationError"),
                               QStringLiteral("The JSONata expression '%1' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '%2' for value: %3")
                                   .arg(asl::isJsonataExpression(s.items) ? asl::jsonataBody(s.items).trimmed() : JsonWriter::compactString(s.items),
                                        QLatin1String(items.typeName()), JsonWriter::compactString(items)),
                               true};
            }
        } else {
            items = f.input;
        }
    } else {
        items = f.effective;
        if (s.itemsPath.isString()) {
            JsonOutcome v = io::inputPath(s.itemsPath, f.effective, ctx);
            if (v.failed())
                return v.failure();
            items = v.value();
        }
    }
    if (!items.isArray()) {
        return Failure{p.jsonata ? QStringLiteral("States.QueryEvaluationError") : QStringLiteral("States.Runtime"),
                       QStringLiteral("Map state input must be an array but was: %1").arg(JsonWriter::compactString(items)), true};
    }
    return items.items();
}

// MaxConcurrency and the tolerated failure thresholds, from literals, paths or JSONata.
bool Execution::mapSettings(Fiber &f, const EvalContext &ctx)
{
    const StatePlan &p = *f.state;
    const asl::State &s = *p.state;
    const Json states = p.jsonata ? statesVar(f, p, Json(), Json()) : Json();
    // Reads one numeric setting; returns false after failing the state.
    auto number = [&](const Json &literal, const Json &path, const QString &name, bool integer, double &out) -> bool {
        Json v;
        QString pathText;
        if (literal.isDefined()) {
            v = literal;
            if (p.jsonata && asl::isJsonataExpression(literal)) {
                JsonOutcome e = jsonata().evaluateTemplate(literal, name, states, ctx);
                if (e.failed()) {
                    failState(f, e.failure());
                    return false;
                }
                v = e.value();
            }
        } else if (path.isString()) {
            pathText = path.toString();
            JsonOutcome e = io::value(pathText, name + QStringLiteral("Path"), f.effective, ctx);
            if (e.failed()) {
                failState(f, e.failure());
                return false;
            }
            v = e.value();
        } else {
            return true;
        }
        if (v.isString()) {
            // AWS parses a string as the number it spells ("1" is a valid count), as Java's parsers do.
            bool ok = false;
            const QString text = v.toString().trimmed();
            const double parsed = integer ? double(text.toLongLong(&ok)) : text.toDouble(&ok);
            if (ok)
                v = Json(parsed);
        }
        if (!v.isNumber() || (integer && !v.isIntegral())) {
            const QString kind = integer ? QStringLiteral("integer") : QStringLiteral("float");
            if (pathText.isEmpty())
                failState(f, Failure{p.jsonata ? QStringLiteral("States.QueryEvaluationError") : QStringLiteral("States.Runtime"),
                                     QStringLiteral("The %1 field refers to value %2 which is not a valid %3.").arg(name, quotedValue(v), kind), true});
            else
                failState(f, runtimeError(QStringLiteral("The %1Path field refers to value %2 which is not a valid %3: %4")
                                              .arg(name, quotedValue(v), kind, pathText)));
            return false;
        }
        out = v.toDouble();
        return true;
    };
    double maxConcurrency = 0, pct = 0, count = 0;
    if (!number(s.maxConcurrency, s.maxConcurrencyPath, QStringLiteral("MaxConcurrency"), true, maxConcurrency))
        return false;
    if (!number(s.toleratedFailurePercentage, s.toleratedFailurePercentagePath, QStringLiteral("ToleratedFailurePercentage"), false, pct))
        return false;
    if (!number(s.toleratedFailureCount, s.toleratedFailureCountPath, QStringLiteral("ToleratedFailureCount"), true, count))
        return false;
    if (maxConcurrency < 0) {
        failState(f, runtimeError(QStringLiteral("MaxConcurrency cannot be negative.")));
        return false;
    }
    if (pct < 0 || pct > 100) {
        failState(f, runtimeError(QStringLiteral("ToleratedFailurePercentage must be between 0 and 100.")));
        return false;
    }
    if (count < 0) {
        failState(f, runtimeError(QStringLiteral("ToleratedFailureCount cannot be negative.")));
        return false;
    }
    f.map.maxConcurrency = int(std::min(maxConcurrency, 1e9));
    f.map.toleratedPercentage = pct;
    f.map.toleratedCount = qint64(count);
    return true;
}

void Execution::runMap(Fiber &f)
{
    const StatePlan &p = *f.state;
    const asl::State &s = *p.state;
    EvalContext ctx = evalContext(f, p);
    if (!p.jsonata) {
        JsonOutcome eff = io::inputPath(s.inputPath, f.input, ctx);
        if (eff.failed())
            return failState(f, eff.failure());
        f.effective = eff.value();
    } else {
        f.effective = f.input;
    }
    Outcome<QList<Json>> items = mapItems(f, ctx);
    if (items.failed())
        return failState(f, items.failure());
    f.map = MapRun{};
    f.map.distributed = s.distributed;
    f.map.label = s.label.toString();
    if (!mapSettings(f, ctx))
        return;
    QList<Json> list = items.value();

    // ItemBatcher (Distributed Map): items are grouped into {"Items": [...], "BatchInput": ...}.
    if (s.itemBatcher.isObject()) {
        const Json &b = s.itemBatcher;
        qint64 maxItems = b.value(u"MaxItemsPerBatch").toInteger(0);
        if (b.value(u"MaxItemsPerBatchPath").isString()) {
            JsonOutcome v = io::value(b.value(u"MaxItemsPerBatchPath").toString(), QStringLiteral("MaxItemsPerBatchPath"), f.effective, ctx);
            if (v.failed())
                return failState(f, v.failure());
            maxItems = v.value().toInteger(0);
        }
        qint64 maxBytes = b.value(u"MaxInputBytesPerBatch").toInteger(0);
        if (maxBytes <= 0 || maxBytes > 262144)
            maxBytes = 262144;
        Json batchInput = b.value(u"BatchInput");
        if (batchInput.isObject() && !p.jsonata) {
            JsonOutcome v = io::payload(batchInput, f.effective, ctx);
            if (v.failed())
                return failState(f, v.failure());
            batchInput = v.value();
        }
        QList<Json> batches;
        QList<Json> current;
        qint64 bytes = 0;
        for (const Json &item : list) {
            const qint64 size = JsonWriter::compact(item).size() + 1;
            if (!current.isEmpty() && ((maxItems > 0 && current.size() >= maxItems) || bytes + size > maxBytes)) {
                Json batch{{QStringLiteral("Items"), Json::array(current)}};
                if (batchInput.isDefined())
                    batch.insert(QStringLiteral("BatchInput"), batchInput);
                batches.append(batch);
                current.clear();
                bytes = 0;
            }
            current.append(item);
            bytes += size;
        }
        if (!current.isEmpty()) {
            Json batch{{QStringLiteral("Items"), Json::array(current)}};
            if (batchInput.isDefined())
                batch.insert(QStringLiteral("BatchInput"), batchInput);
            batches.append(batch);
        }
        list = batches;
    }

    f.map.items = list;
    f.map.selectorInput = f.effective;
    f.children.clear();
    f.childResults.assign(size_t(list.size()), Json());
    f.childrenDone = 0;
    f.childFailed = false;
    if (StateRecord *r = record(f))
        r->afterInputPath = f.effective;
    f.map.startedEventId = logEvent(f, EventType::MapStateStarted, &s, Json(), Json(), QString(), QString(),
                                Json{{QStringLiteral("length"), qint64(list.size())}});
    if (m_status != ExecutionStatus::Running)
        return;
    if (f.map.distributed) {
        const QString runArn = QStringLiteral("arn:aws:states:%1:%2:mapRun:%3/%4:%5")
                                   .arg(m_opts.region, m_opts.accountId, m_opts.stateMachineName,
                                        f.map.label.isEmpty() ? s.name : f.map.label, m_opts.executionName);
        logEvent(f, EventType::MapRunStarted, &s, Json(), Json(), QString(), QString(), Json{{QStringLiteral("mapRunArn"), runArn}});
    }
    if (list.isEmpty()) {
        schedule(f, m_now, WakeChildren);
        return;
    }
    spawnIterations(f);
}

void Execution::spawnIterations(Fiber &f)
{
    const StatePlan &p = *f.state;
    const asl::State &s = *p.state;
    MapRun &map = f.map;
    const int n = int(map.items.size());
    while (map.next < n && !f.childFailed && (map.maxConcurrency == 0 || map.running < map.maxConcurrency)) {
        const int i = map.next++;
        const Json item = map.items.at(i);
        Json iterationInput = item;
        const Json &selector = s.itemSelector.isDefined() ? s.itemSelector : s.parameters; // Parameters: legacy form
        if (selector.isDefined()) {
            EvalContext ctx = evalContext(f, p);
            ctx.contextObject = contextObject(f, p, item, i);
            JsonOutcome v = Json();
            if (p.jsonata) {
                const Json states{{QStringLiteral("input"), f.input}, {QStringLiteral("context"), ctx.contextObject}};
                v = jsonata().evaluateTemplate(selector, QStringLiteral("ItemSelector"), states, ctx);
            } else {
                v = io::payload(selector, map.selectorInput, ctx);
            }
            if (v.failed()) {
                f.childFailed = true;
                Failure failure = v.failure();
                f.childFailure = failure;
                for (Fiber *c : f.children)
                    cancelFiber(*c);
                schedule(f, m_now, WakeChildren);
                return;
            }
            iterationInput = v.value();
        }
        Fiber &c = newFiber(&f, p.processor, iterationInput);
        c.kind = Fiber::Kind::Iteration;
        c.indexInParent = i;
        c.mapPath.append(i);
        c.state = p.processor->start;
        f.children.push_back(&c);
        ++map.running;
        if (map.distributed) {
            ChildRun run;
            run.mapState = s.name;
            run.index = i;
            run.executionType = s.executionType.isEmpty() ? QStringLiteral("STANDARD") : s.executionType;
            run.started = m_now;
            c.child = int(m_childRuns.size());
            m_childRuns.append(run);
            c.vars = std::make_shared<Scope>(); // child executions do not see the parent's variables
            countTransition(f);                  // the parent pays one transition per child started
            logEvent(c, EventType::ExecutionStarted, nullptr, iterationInput);
            c.lastEventId = 0;
        } else {
            c.vars = std::make_shared<Scope>(f.vars);
            c.lastEventId = map.startedEventId;
            logEvent(c, EventType::MapIterationStarted, &s, Json(), Json(), QString(), QString(),
                     recording() ? Json{{QStringLiteral("name"), s.name}, {QStringLiteral("index"), i}} : Json());
        }
        if (m_status != ExecutionStatus::Running)
            return;
        if (!c.state) {
            finishFiber(c, false, Json(), runtimeError(QStringLiteral("StartAt does not name a state of the item processor.")));
            continue;
        }
        c.phase = Phase::Enter;
        schedule(c, m_now, WakeDrive);
    }
}

void Execution::childDone(Fiber &parent, Fiber &child)
{
    if (parent.cancelled || parent.finished)
        return;
    const StatePlan &p = *parent.state;
    const asl::State &s = *p.state;
    ++parent.childrenDone;
    const int i = child.indexInParent;
    if (s.type == asl::StateType::Map) {
        MapRun &map = parent.map;
        --map.running;
        ++map.done;
        if (map.distributed) {
            ChildRun &run = m_childRuns[child.child];
            run.finished = m_now;
            run.status = child.ok ? ExecutionStatus::Succeeded : ExecutionStatus::Failed;
            run.output = child.output;
            run.error = child.failure.error;
            run.cause = child.failure.cause;
            logEvent(child, child.ok ? EventType::ExecutionSucceeded : EventType::ExecutionFailed, nullptr, Json(),
                 child.output, child.ok ? QString() : child.failure.error, child.ok ? QString() : child.failure.cause);
        } else {
            logEvent(child, child.ok ? EventType::MapIterationSucceeded : EventType::MapIterationFailed, &s, Json(), Json(),
                     QString(), QString(), recording() ? Json{{QStringLiteral("name"), s.name}, {QStringLiteral("index"), i}} : Json());
            parent.lastEventId = child.lastEventId;
        }
        if (m_status != ExecutionStatus::Running)
            return;
        if (child.ok) {
            parent.childResults[size_t(i)] = child.output;
        } else {
            ++map.failures;
            Json err = Json::object();
            err.insert(QStringLiteral("Error"), child.failure.error.isNull() ? Json(nullptr) : Json(child.failure.error));
            err.insert(QStringLiteral("Cause"), child.failure.cause.isNull() ? Json(nullptr) : Json(child.failure.cause));
            parent.childResults[size_t(i)] = err;
            const double n = double(map.items.size());
            const bool tolerated = map.failures <= map.toleratedCount &&
                                   (n <= 0 || double(map.failures) * 100.0 / n <= map.toleratedPercentage);
            if (!tolerated && !parent.childFailed) {
                parent.childFailed = true;
                if (map.toleratedCount > 0 || map.toleratedPercentage > 0)
                    parent.childFailure = Failure{QStringLiteral("States.ExceedToleratedFailureThreshold"),
                                                  QStringLiteral("The specified tolerated failure threshold was exceeded"), false};
                else
                    parent.childFailure = child.failure;
                for (Fiber *c : parent.children) {
                    if (c != &child && !c->finished) {
                        if (!map.distributed && c->phase != Phase::Idle && m_status == ExecutionStatus::Running)
                            logEvent(*c, EventType::MapIterationAborted, &s, Json(), Json(), QString(), QString(),
                                 Json{{QStringLiteral("name"), s.name}, {QStringLiteral("index"), c->indexInParent}});
                        cancelFiber(*c);
                    }
                }
                schedule(parent, m_now, WakeChildren);
                return;
            }
        }
        if (parent.childFailed)
            return;
        spawnIterations(parent);
        if (map.done == int(map.items.size()) && !parent.childFailed)
            schedule(parent, m_now, WakeChildren);
        return;
    }

    // Parallel
    parent.lastEventId = child.lastEventId;
    if (child.ok) {
        parent.childResults[size_t(i)] = child.output;
    } else if (!parent.childFailed) {
        parent.childFailed = true;
        parent.childFailure = child.failure;
        for (Fiber *c : parent.children) {
            if (c != &child)
                cancelFiber(*c);
        }
        schedule(parent, m_now, WakeChildren);
        return;
    }
    if (!parent.childFailed && parent.childrenDone == int(parent.children.size()))
        schedule(parent, m_now, WakeChildren);
}

void Execution::parentResume(Fiber &f)
{
    if (f.cancelled || f.finished || !f.state)
        return;
    const StatePlan &p = *f.state;
    const asl::State &s = *p.state;
    const bool isMap = s.type == asl::StateType::Map;
    if (f.childFailed) {
        if (isMap && f.map.distributed)
            logEvent(f, EventType::MapRunFailed, &s, Json(), Json(), f.childFailure.error, f.childFailure.cause);
        logEvent(f, isMap ? EventType::MapStateFailed : EventType::ParallelStateFailed, &s);
        if (m_status != ExecutionStatus::Running)
            return;
        failState(f, f.childFailure);
        return;
    }
    if (isMap && f.map.distributed)
        logEvent(f, EventType::MapRunSucceeded, &s);
    logEvent(f, isMap ? EventType::MapStateSucceeded : EventType::ParallelStateSucceeded, &s);
    if (m_status != ExecutionStatus::Running)
        return;
    QList<Json> results(f.childResults.begin(), f.childResults.end());
    Json result = Json::array(std::move(results));
    if (isMap && s.resultWriter.isObject()) {
        const QString runArn = QStringLiteral("arn:aws:states:%1:%2:mapRun:%3/%4:%5")
                                   .arg(m_opts.region, m_opts.accountId, m_opts.stateMachineName,
                                        f.map.label.isEmpty() ? s.name : f.map.label, m_opts.executionName);
        const Json params = s.resultWriter.value(u"Parameters");
        const QString bucket = params.value(u"Bucket").toString();
        const QString prefix = params.value(u"Prefix").toString();
        result = Json{{QStringLiteral("MapRunArn"), runArn},
                      {QStringLiteral("ResultWriterDetails"),
                       Json{{QStringLiteral("Bucket"), bucket},
                            {QStringLiteral("Key"), (prefix.isEmpty() ? QString() : prefix + QLatin1Char('/')) + m_opts.executionName + QStringLiteral("/manifest.json")}}}};
    }
    completeState(f, result);
}

} // namespace sw::sim
