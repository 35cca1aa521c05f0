#include "hints.h"

#include "cost/format.h"

#include <QHash>

#include <algorithm>
#include <cmath>

namespace sw::cost {

namespace {

constexpr double kHistoryLimit = 25000; // events of a Standard execution (pricing.md section 7)
constexpr double kHistoryWarning = 0.8; // hint from 80% of the limit on

// Every (machine, state) pair, so neighbours can be found within the state's own machine.
void collect(const asl::StateMachine &m, QList<QPair<const asl::StateMachine *, const asl::State *>> &out)
{
    for (const asl::State &s : m.states) {
        out.append({&m, &s});
        for (const asl::StateMachine &b : s.branches)
            collect(b, out);
        if (const asl::StateMachine *p = s.itemProcessor()) collect(*p, out);
    }
}

QString foldTarget(const asl::StateMachine &m, const asl::State &pass)
{
    // A Task whose Next is this Pass can reshape its own result instead.
    for (const asl::State &s : m.states) {
        if (s.type == asl::StateType::Task && s.next == pass.name)
            return pass.queryLanguage == asl::QueryLanguage::JSONata
                       ? QStringLiteral("the Output or Assign of '%1', the Task before it").arg(s.name)
                       : QStringLiteral(
                             "the ResultSelector / ResultPath / OutputPath of '%1', the Task before it")
                             .arg(s.name);
    }
    if (const asl::State *next = m.state(pass.next); next && next->type == asl::StateType::Task)
        return pass.queryLanguage == asl::QueryLanguage::JSONata
                   ? QStringLiteral("the Arguments of '%1', the Task after it").arg(next->name)
                   : QStringLiteral("the Parameters of '%1', the Task after it").arg(next->name);
    return QString();
}

} // namespace

double worstCaseBackoffSeconds(const QList<asl::Retrier> &retry)
{
    double total = 0;
    for (const asl::Retrier &r : retry) {
        double wait = r.intervalSeconds;
        for (qint64 k = 0; k < std::min<qint64>(r.maxAttempts, 1000); ++k) {
            total += r.maxDelaySeconds ? std::min(wait, double(*r.maxDelaySeconds)) : wait;
            wait *= r.backoffRate;
        }
    }
    return total;
}

QList<Hint> findHints(const asl::StateMachine &machine, const SimulationResult &sim, const CostReport &report)
{
    QList<Hint> hints;
    if (sim.runs == 0) return hints;
    const double runs = sim.runs;
    const double e = report.settings.executionsPerMonth;
    const double price = report.regionPrice.pricePerTransition;
    QHash<QString, const StateTally *> tally;
    for (const StateTally &t : sim.states)
        tally.insert(t.name, &t);
    QHash<QString, const StateCost *> cost;
    for (const StateCost &c : report.perState)
        cost.insert(c.state, &c);

    QList<QPair<const asl::StateMachine *, const asl::State *>> all;
    collect(machine, all);
    for (const auto &[m, s] : all) {
        const StateTally *t = tally.value(s->name);
        const StateCost *c = cost.value(s->name);
        if (!t || !c || t->transitions <= 0) continue;

        if (s->type == asl::StateType::Pass && c->monthlyCostUSD > 0) {
            const QString target = foldTarget(*m, *s);
            if (!target.isEmpty()) {
                Hint h;
                h.kind = QStringLiteral("fold-pass");
                h.state = s->name;
                h.monthlyUSD = c->monthlyCostUSD;
                h.message =
                    QStringLiteral("Pass state '%1' only reshapes data: fold it into %2, to save %3 "
                                   "transitions and %4 a month")
                        .arg(s->name, target, formatCount(c->monthlyTransitions), formatUSD(h.monthlyUSD));
                hints.append(h);
            }
        }

        if (!s->retry.isEmpty()) {
            qint64 attempts = 0;
            for (const asl::Retrier &r : s->retry)
                attempts += std::max<qint64>(0, r.maxAttempts);
            const double worstExtra = t->entries / runs * double(attempts);
            const double observed = c->retriesPerExecution;
            const double mean = report.transitionsPerExecution.mean;
            if (attempts > 0 && mean > 0 && (worstExtra >= mean || observed >= 0.25 * mean)) {
                Hint h;
                h.kind = QStringLiteral("retry-worst-case");
                h.state = s->name;
                h.monthlyUSD = c->monthlyCostUSD > 0 ? e * worstExtra * price : 0;
                h.message =
                    QStringLiteral("Retry on '%1' can add up to %2 transitions per execution (an execution "
                                   "averages %3) and %4 of "
                                   "backoff; the runs retried %5 times per execution. Retry only transient "
                                   "errors or lower "
                                   "MaxAttempts if its failures are not transient%6")
                        .arg(s->name, formatCount(worstExtra), formatCount(mean),
                             formatSeconds(worstCaseBackoffSeconds(s->retry)), formatCount(observed),
                             h.monthlyUSD > 0
                                 ? QStringLiteral(" (worst case %1 a month)").arg(formatUSD(h.monthlyUSD))
                                 : QString());
                hints.append(h);
            }
        }

        const bool standardHistory = report.settings.type == WorkflowType::Standard;
        if (s->type == asl::StateType::Map && !s->distributed && standardHistory &&
            c->billedAs == QLatin1String("STANDARD") && t->mapIterations > 0 &&
            report.eventsPerExecution.max >= kHistoryWarning * kHistoryLimit) {
            const double iterations = t->mapIterations / runs;
            const double atItems = report.eventsPerExecution.mean > 0
                                       ? iterations * kHistoryLimit / report.eventsPerExecution.mean
                                       : 0;
            Hint h;
            h.kind = QStringLiteral("inline-map-history");
            h.state = s->name;
            h.message = QStringLiteral("inline Map '%1' runs %2 iterations per execution and executions log "
                                       "up to %3 history events; a "
                                       "Standard execution fails at %4 events (at about %5 items here): use "
                                       "a Distributed Map, whose "
                                       "child executions each have their own history")
                            .arg(s->name, formatCount(iterations), formatCount(report.eventsPerExecution.max),
                                 formatCount(kHistoryLimit), formatCount(std::floor(atItems)));
            hints.append(h);
        }
    }

    if (report.recommendation.type == WorkflowType::Express &&
        report.settings.type == WorkflowType::Standard && report.recommendation.monthlySavingUSD > 0) {
        Hint h;
        h.kind = QStringLiteral("use-express");
        h.monthlyUSD = report.recommendation.monthlySavingUSD;
        const double pct = report.standard.totalUSD > 0 ? 100.0 * h.monthlyUSD / report.standard.totalUSD : 0;
        h.message = QStringLiteral("run it as an Express workflow: %1 instead of %2 a month (%3% less); %4")
                        .arg(formatUSD(report.express.totalUSD), formatUSD(report.standard.totalUSD),
                             QString::number(pct, 'f', 0),
                             report.expressEquivalent.reasons.join(QStringLiteral("; ")));
        hints.append(h);
    }
    std::stable_sort(hints.begin(), hints.end(),
                     [](const Hint &a, const Hint &b) { return a.monthlyUSD > b.monthlyUSD; });
    return hints;
}

} // namespace sw::cost
