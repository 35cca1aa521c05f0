#include "costmodel.h"

#include "cost/format.h"
#include "cost/hints.h"

#include <QHash>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace sw::cost {

QString toString(WorkflowType t)
{
    return t == WorkflowType::Express ? QStringLiteral("EXPRESS") : QStringLiteral("STANDARD");
}

std::optional<WorkflowType> workflowTypeFromString(const QString &s)
{
    if (s.compare(QLatin1String("STANDARD"), Qt::CaseInsensitive) == 0) return WorkflowType::Standard;
    if (s.compare(QLatin1String("EXPRESS"), Qt::CaseInsensitive) == 0) return WorkflowType::Express;
    return std::nullopt;
}

namespace {

double mean(const std::vector<double> &v)
{
    return v.empty() ? 0 : std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
}

// States that cannot run in an Express workflow: .sync, .waitForTaskToken, activities. Standard
// Distributed Map children are separate Standard executions, so their states may use them.
void expressBlockers(const asl::StateMachine &m, QStringList &out)
{
    for (const asl::State &s : m.states) {
        if (s.type == asl::StateType::Task) {
            if (s.isActivity())
                out.append(QStringLiteral("%1 (activity)").arg(s.name));
            else if (s.isCallback())
                out.append(QStringLiteral("%1 (.waitForTaskToken)").arg(s.name));
            else if (s.isSync())
                out.append(QStringLiteral("%1 (.sync)").arg(s.name));
        }
        for (const asl::StateMachine &b : s.branches)
            expressBlockers(b, out);
        if (const asl::StateMachine *p = s.itemProcessor()) {
            if (!(s.distributed && s.executionType != QLatin1String("EXPRESS"))) expressBlockers(*p, out);
        }
    }
}

QString typeName(asl::StateType t)
{
    return asl::toString(t);
}

} // namespace

CostModel::CostModel(PriceTable prices, CostSettings settings)
    : m_prices(std::move(prices)), m_settings(std::move(settings))
{
}

CostReport CostModel::estimate(const asl::StateMachine &machine, const SimulationResult &sim) const
{
    CostReport r;
    r.settings = m_settings;
    r.regionPrice = m_prices.standardPrice(m_settings.region);
    r.regionName = r.regionPrice.name;
    r.runs = sim.runs;
    r.statuses = sim.statuses;
    r.priceDate = m_prices.date;
    r.priceSource = m_prices.source;
    r.priceOverride = m_prices.overrideFile;
    r.definitionBytes = sim.definitionBytes;
    r.payloadBytes = sim.payloadBytes;

    const double start = m_settings.countStart ? 1 : 0;
    std::vector<double> perRun = sim.transitions;
    for (double &t : perRun)
        t += start;
    r.transitionsPerExecution = sim::Summary::of(perRun);
    r.durationSeconds = sim::Summary::of(sim.seconds);
    r.eventsPerExecution = sim::Summary::of(sim.events);

    priceChildren(sim, r);
    priceExpress(machine, sim, r);

    const double e = m_settings.executionsPerMonth;
    double childStandard = 0, childRequests = 0, childGBSeconds = 0;
    for (const ChildCost &c : r.children) {
        childStandard += c.monthlyTransitions;
        if (c.executionType == QLatin1String("EXPRESS")) {
            childRequests += c.monthlyExecutions;
            childGBSeconds += c.monthlyGBSeconds;
        }
    }
    auto bill = [&](WorkflowType type) {
        Bill b;
        b.type = type;
        const bool standard = type == WorkflowType::Standard;
        const double transitions = (standard ? e * r.transitionsPerExecution.mean : 0) + childStandard;
        b.standard = charges::standard(transitions, r.regionPrice, m_prices, m_settings.freeTier);
        const double requests = (standard ? 0 : e) + childRequests;
        const double gbSeconds =
            (standard ? 0 : e * r.expressEquivalent.gbSecondsPerExecution) + childGBSeconds;
        b.express = charges::express(requests, gbSeconds, m_prices, m_settings.freeTier);
        const ExpressCharge expressFull = charges::express(requests, gbSeconds, m_prices, false);
        b.totalUSD = b.standard.costUSD + b.express.costUSD;
        b.totalWithoutFreeTierUSD = b.standard.costWithoutFreeTierUSD + expressFull.costUSD;
        return b;
    };
    r.standard = bill(WorkflowType::Standard);
    r.express = bill(WorkflowType::Express);
    r.chosen = m_settings.type == WorkflowType::Standard ? r.standard : r.express;

    priceStates(sim, r);
    priceCompute(machine, sim, r);
    // The simulator numbers nested states after the top level; reports follow the definition.
    QHash<QString, int> rank;
    for (const asl::State *s : machine.allStates())
        rank.insert(s->name, int(rank.size()));
    auto byDefinition = [&](const auto &a, const auto &b) {
        return rank.value(a.state, -1) < rank.value(b.state, -1);
    };
    std::stable_sort(r.perState.begin(), r.perState.end(), byDefinition);
    std::stable_sort(r.compute.lines.begin(), r.compute.lines.end(), byDefinition);
    recommend(r);
    review(sim, r);
    r.hints = findHints(machine, sim, r);
    return r;
}

void CostModel::priceChildren(const SimulationResult &sim, CostReport &r) const
{
    const double runs = std::max(1, sim.runs);
    const double e = m_settings.executionsPerMonth;
    const double start = m_settings.countStart ? 1 : 0;
    for (const ChildTally &t : sim.children) {
        ChildCost c;
        c.mapState = t.mapState;
        c.executionType = t.executionType;
        c.childrenPerExecution = t.executions / runs;
        c.transitionsPerChild = t.executions > 0 ? t.transitions / t.executions : 0;
        c.secondsPerChild = t.executions > 0 ? t.seconds / t.executions : 0;
        c.monthlyExecutions = e * c.childrenPerExecution;
        if (t.executionType == QLatin1String("EXPRESS")) {
            // A child's memory: the base plus its own definition (its payload is one item or batch).
            c.billedMemoryMB = charges::expressBilledMemoryMB(
                charges::expressMemoryMB(t.definitionBytes, 0, 0, m_prices), m_prices);
            c.monthlyGBSeconds = e * (t.expressBilledSeconds / runs) * c.billedMemoryMB / 1024.0;
        } else {
            c.monthlyTransitions = e * (t.transitions + start * t.executions) / runs;
        }
        r.children.append(c);
    }
}

void CostModel::priceExpress(const asl::StateMachine &machine, const SimulationResult &sim,
                             CostReport &r) const
{
    ExpressEquivalent &x = r.expressEquivalent;
    std::vector<double> memory, billedSeconds, gbSeconds;
    for (size_t i = 0; i < sim.seconds.size(); ++i) {
        const double steps = i < sim.steps.size() ? sim.steps[i] : 0;
        const double mb = charges::expressMemoryMB(sim.definitionBytes, sim.payloadBytes, steps, m_prices);
        memory.push_back(mb);
        x.billedMemoryMB = std::max(x.billedMemoryMB, charges::expressBilledMemoryMB(mb, m_prices));
        billedSeconds.push_back(charges::expressBilledSeconds(sim.seconds[i], m_prices));
        gbSeconds.push_back(charges::expressGBSeconds(sim.seconds[i], mb, m_prices));
    }
    x.memoryMB = mean(memory);
    x.billedSecondsPerExecution = mean(billedSeconds);
    x.gbSecondsPerExecution = mean(gbSeconds);

    x.eligible = sim.runs > 0;
    const double limit = m_prices.express.maxDurationSeconds.value;
    if (sim.runs == 0) {
        x.reasons.append(QStringLiteral("no simulated run to measure"));
    } else if (r.durationSeconds.p95 > limit) {
        x.eligible = false;
        x.reasons.append(QStringLiteral("the simulated p95 duration (%1) exceeds Express's %2 maximum")
                             .arg(formatSeconds(r.durationSeconds.p95), formatSeconds(limit)));
    } else {
        x.reasons.append(QStringLiteral("the simulated p95 duration (%1) is within Express's %2 maximum")
                             .arg(formatSeconds(r.durationSeconds.p95), formatSeconds(limit)));
        if (r.durationSeconds.max > limit)
            x.reasons.append(QStringLiteral("but the longest run (%1) would time out as Express")
                                 .arg(formatSeconds(r.durationSeconds.max)));
    }
    QStringList blockers;
    expressBlockers(machine, blockers);
    if (!blockers.isEmpty()) {
        x.eligible = false;
        x.reasons.append(QStringLiteral("Express does not support .sync, .waitForTaskToken or activities: %1")
                             .arg(blockers.join(QStringLiteral(", "))));
    } else {
        x.reasons.append(QStringLiteral("no .sync, .waitForTaskToken or activity tasks"));
    }
}

void CostModel::priceStates(const SimulationResult &sim, CostReport &r) const
{
    const double runs = std::max(1, sim.runs);
    const double e = m_settings.executionsPerMonth;
    const double start = m_settings.countStart ? 1 : 0;
    double childStarts = 0;
    for (const ChildTally &c : sim.children) {
        if (c.executionType != QLatin1String("EXPRESS")) childStarts += c.executions;
    }
    double total = start * (runs + childStarts);
    for (const StateTally &t : sim.states)
        total += t.transitions;
    const bool standardParent = m_settings.type == WorkflowType::Standard;
    const double price = r.regionPrice.pricePerTransition;
    if (start > 0) {
        StateCost s;
        s.state = QStringLiteral("(execution start)");
        s.type = QStringLiteral("Start");
        s.billedAs = toString(m_settings.type);
        // Each execution starts once, and so does each Standard child; only Standard starts are billed.
        const double counted = runs + childStarts;
        s.transitionsPerExecution = counted / runs;
        s.monthlyTransitions = e * s.transitionsPerExecution;
        s.share = total > 0 ? counted / total : 0;
        s.monthlyCostUSD = e * ((standardParent ? runs : 0) + childStarts) / runs * price;
        r.perState.append(s);
    }
    for (const StateTally &t : sim.states) {
        StateCost s;
        s.state = t.name;
        s.type = typeName(t.type);
        s.billedAs =
            t.childType.isEmpty() ? toString(m_settings.type) : t.childType + QStringLiteral(" child");
        const bool perTransition =
            t.childType.isEmpty() ? standardParent : t.childType != QLatin1String("EXPRESS");
        s.transitionsPerExecution = t.transitions / runs;
        s.retriesPerExecution = std::max(0.0, t.transitions - t.entries - t.childExecutions) / runs;
        s.monthlyTransitions = e * s.transitionsPerExecution;
        s.share = total > 0 ? t.transitions / total : 0;
        s.monthlyCostUSD = perTransition ? s.monthlyTransitions * price : 0;
        r.perState.append(s);
    }
}

void CostModel::priceCompute(const asl::StateMachine &machine, const SimulationResult &sim,
                             CostReport &r) const
{
    const ComputeConfig &config = m_settings.compute;
    if (config.isEmpty()) return;
    QHash<QString, const asl::State *> byName;
    for (const asl::State *s : machine.allStates())
        byName.insert(s->name, s);
    for (const QString &name : config.listedStates()) {
        const asl::State *s = byName.value(name);
        if (!s)
            r.warnings.append(
                QStringLiteral("the compute file names '%1', which is not a state of this definition")
                    .arg(name));
        else if (s->type != asl::StateType::Task)
            r.warnings.append(
                QStringLiteral("the compute file names '%1', a %2 state: only Task states run compute")
                    .arg(name, asl::toString(s->type)));
    }
    const double runs = std::max(1, sim.runs);
    const double e = m_settings.executionsPerMonth;
    double requests = 0, gbX86 = 0, gbArm = 0, lambdaListUSD = 0;
    QList<double> listPrices; // per line, Lambda at the first-tier price before the free tier
    for (const StateTally &t : sim.states) {
        const asl::State *s = byName.value(t.name);
        if (!s || t.type != asl::StateType::Task) continue;
        const ComputeSettings c = config.settingsFor(*s);
        if (c.service == ComputeSettings::Service::None) continue;
        ComputeLine line;
        line.state = t.name;
        line.settings = c.describe();
        line.service = c.service;
        line.invocationsPerExecution = t.taskAttempts / runs;
        line.secondsPerInvocation = c.durationSeconds >= 0
                                        ? c.durationSeconds
                                        : (t.taskAttempts > 0 ? t.taskSeconds / t.taskAttempts : 0);
        line.monthlyInvocations = e * line.invocationsPerExecution;
        if (c.durationSeconds < 0 && t.taskAttempts > 0 && t.taskSeconds <= 0)
            r.warnings.append(
                QStringLiteral(
                    "%1: the simulated task took no time (no mock duration): its compute cost is zero; give "
                    "\"DurationSeconds\" in the compute file or a duration in the mocks")
                    .arg(t.name));
        if (c.service == ComputeSettings::Service::Lambda) {
            const double billedPerRun = c.durationSeconds >= 0
                                            ? line.invocationsPerExecution *
                                                  charges::lambdaGBSeconds(c.durationSeconds, 1024, m_prices)
                                            : t.lambdaBilledSeconds / runs;
            line.monthlyGBSeconds = e * billedPerRun * c.memoryMB / 1024.0;
            requests += line.monthlyInvocations;
            (c.architecture == Architecture::Arm64 ? gbArm : gbX86) += line.monthlyGBSeconds;
            const QList<Tier> &tiers =
                c.architecture == Architecture::Arm64 ? m_prices.lambda.arm : m_prices.lambda.x86;
            const double list = line.monthlyInvocations * m_prices.lambda.requestPrice.value +
                                line.monthlyGBSeconds * tiers.value(0).price;
            listPrices.append(list);
            lambdaListUSD += list;
        } else {
            const double billedPerRun = c.durationSeconds >= 0
                                            ? line.invocationsPerExecution *
                                                  charges::fargateBilledSeconds(c.durationSeconds, m_prices)
                                            : t.fargateBilledSeconds / runs;
            line.monthlyBilledHours = e * billedPerRun / 3600.0;
            line.monthlyCostUSD =
                charges::fargateCost(e * billedPerRun, c.vcpu, c.memoryGB, c.architecture, m_prices) *
                c.priceFactor;
            r.compute.fargateUSD += line.monthlyCostUSD;
            listPrices.append(0);
        }
        r.compute.lines.append(line);
    }
    r.compute.lambda = charges::lambda(requests, gbX86, gbArm, m_prices, m_settings.freeTier);
    // Tiers and the free tier apply to the month's total; each line gets its share of that total.
    for (qsizetype i = 0; i < r.compute.lines.size(); ++i) {
        ComputeLine &line = r.compute.lines[i];
        if (line.service == ComputeSettings::Service::Lambda)
            line.monthlyCostUSD =
                lambdaListUSD > 0 ? r.compute.lambda.costUSD * listPrices.at(i) / lambdaListUSD : 0;
    }
    r.compute.totalUSD = r.compute.lambda.costUSD + r.compute.fargateUSD;
    if (!m_prices.lambda.regions.contains(m_settings.region) ||
        !m_prices.fargate.regions.contains(m_settings.region))
        r.warnings.append(QStringLiteral("Lambda and Fargate prices are us-east-1 prices; %1 may differ")
                              .arg(m_settings.region));
}

void CostModel::recommend(CostReport &r) const
{
    Recommendation &rec = r.recommendation;
    const ExpressEquivalent &x = r.expressEquivalent;
    const double standard = r.standard.totalUSD, express = r.express.totalUSD;
    if (!x.eligible) {
        rec.type = WorkflowType::Standard;
        for (const QString &reason : x.reasons) {
            if (reason.contains(QLatin1String("exceeds")) ||
                reason.contains(QLatin1String("does not support")) ||
                reason.contains(QLatin1String("no simulated")))
                rec.reasons.append(reason);
        }
    } else if (express < standard) {
        rec.type = WorkflowType::Express;
        rec.reasons.append(QStringLiteral("Express costs %1 a month against %2 as Standard")
                               .arg(formatUSD(express), formatUSD(standard)));
        rec.reasons.append(x.reasons);
        rec.reasons.append(QStringLiteral("Express runs at least once (asynchronous) or at most once "
                                          "(synchronous): its tasks must tolerate that, "
                                          "and its history goes to CloudWatch Logs (billed separately)"));
    } else {
        rec.type = WorkflowType::Standard;
        rec.reasons.append(QStringLiteral("Standard costs %1 a month against %2 as Express")
                               .arg(formatUSD(standard), formatUSD(express)));
        if (r.standard.standard.freeTierTransitions > 0 && r.standard.standard.costUSD == 0)
            rec.reasons.append(QStringLiteral("the Standard free tier covers all %1 transitions")
                                   .arg(formatCount(r.standard.standard.transitions)));
    }
    const double chosen = r.chosen.totalUSD;
    const double recommended = rec.type == WorkflowType::Standard ? standard : express;
    rec.monthlySavingUSD = std::max(0.0, chosen - recommended);
}

void CostModel::review(const SimulationResult &sim, CostReport &r) const
{
    const CostSettings &s = m_settings;
    r.assumptions.append(QStringLiteral("Standard transitions: one per state entered (inside Parallel "
                                        "branches and inline Map iterations too, Choice, "
                                        "Wait, Pass, Succeed and Fail included) and one per retry; a "
                                        "Distributed Map adds one per child execution "
                                        "started, and its children are billed by their own type"));
    r.assumptions.append(
        s.countStart
            ? QStringLiteral("the start of each execution is counted as one more transition (--count-start)")
            : QStringLiteral("the start of an execution is not counted as a transition (AWS's wording; "
                             "--count-start adds one)"));
    r.assumptions.append(s.freeTier ? QStringLiteral("free tiers applied to this workflow alone (Step "
                                                     "Functions: %1 transitions a month; they are "
                                                     "per account, shared by every state machine)")
                                          .arg(formatCount(m_prices.standard.freeTierTransitions.value))
                                    : QStringLiteral("free tiers not applied (--no-free-tier)"));
    r.assumptions.append(
        QStringLiteral(
            "Express memory: %1 MB + definition (%2) + largest payload (%3) x Parallel branches and inline "
            "Map iterations "
            "per run, billed in %4 MB chunks (AWS pricing example 3); duration rounded up to %5 ms")
            .arg(m_prices.express.baseMemoryMB.value)
            .arg(formatBytes(sim.definitionBytes), formatBytes(sim.payloadBytes))
            .arg(m_prices.express.memoryChunkMB.value)
            .arg(m_prices.express.roundingMs.value));
    if (s.schedule) r.assumptions.append(QStringLiteral("executions: %1").arg(s.schedule->method));
    if (!r.compute.lines.isEmpty())
        r.assumptions.append(
            QStringLiteral("compute: each task attempt (retries too) is one Lambda request or Fargate task, "
                           "lasting the simulated time "
                           "from TaskScheduled to its end; the Lambda free tier goes to x86_64 first"));

    if (!r.regionPrice.listed)
        r.warnings.append(
            QStringLiteral("%1 is not in the price table: the default Standard price %2 per 1,000 "
                           "transitions (%3) applies")
                .arg(s.region, formatUSD(r.regionPrice.pricePerTransition * 1000), r.regionPrice.source));
    if (!m_prices.express.regions.contains(s.region))
        r.warnings.append(
            QStringLiteral("Express prices are confirmed for us-east-1 only; %1 may differ").arg(s.region));
    if (!sim.unmockedStates.isEmpty())
        r.warnings.append(QStringLiteral("tasks without a mock returned their input after 0 s: %1 "
                                         "(durations, Express and compute costs are low)")
                              .arg(sim.unmockedStates.join(QStringLiteral(", "))));
    const int runtime = sim.failureErrors.value(QStringLiteral("States.Runtime"));
    if (runtime > 0)
        r.warnings.append(QStringLiteral("%1 of %2 runs failed with States.Runtime: the input or the mocks "
                                         "may not fit the definition (first cause: %3)")
                              .arg(runtime)
                              .arg(sim.runs)
                              .arg(sim.failureCauses.value(QStringLiteral("States.Runtime"))));
    const int waiting = sim.statuses.value(QStringLiteral("RUNNING"));
    if (waiting > 0)
        r.warnings.append(
            QStringLiteral(
                "%1 of %2 runs were left waiting for a task token callback: their durations stop there")
                .arg(waiting)
                .arg(sim.runs));
    if (s.type == WorkflowType::Express && r.durationSeconds.max > m_prices.express.maxDurationSeconds.value)
        r.warnings.append(QStringLiteral("runs longer than %1 time out as Express workflows")
                              .arg(formatSeconds(m_prices.express.maxDurationSeconds.value)));
    if (s.executionsPerMonth <= 0)
        r.warnings.append(QStringLiteral("no executions per month: the monthly figures are zero"));

    if (sim.cancelled) r.errors.append(QStringLiteral("the simulation was cancelled"));
    if (sim.runs == 0)
        r.errors.append(QStringLiteral("no run was simulated"));
    else if (waiting == sim.runs)
        r.errors.append(QStringLiteral("no run finished: every one waits for a task token callback, so "
                                       "durations are unknown (mock the callback)"));
    else if (runtime == sim.runs)
        r.errors.append(QStringLiteral(
            "every run failed with States.Runtime: fix the input or the mocks (see stepwise simulate)"));
}

} // namespace sw::cost
