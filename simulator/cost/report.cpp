#include "report.h"

#include "cost/format.h"

#include <QStringList>

#include <algorithm>
#include <cmath>

namespace sw::cost::report {

namespace {

// JSON numbers: dollars to a millionth, counts to 1/10,000 (enough for any bill, no binary noise).
Json usd(double v)
{
    return Json(std::round(v * 1e6) / 1e6);
}

Json num(double v)
{
    return Json(std::round(v * 1e4) / 1e4);
}

Json strings(const QStringList &list)
{
    Json a = Json::array();
    for (const QString &s : list)
        a.append(s);
    return a;
}

Json summary(const sim::Summary &s)
{
    return Json{{QStringLiteral("mean"), num(s.mean)},
                {QStringLiteral("p50"), num(s.p50)},
                {QStringLiteral("p95"), num(s.p95)},
                {QStringLiteral("max"), num(s.max)}};
}

QString serviceName(ComputeSettings::Service s)
{
    return s == ComputeSettings::Service::Lambda ? QStringLiteral("Lambda") : QStringLiteral("Fargate");
}

QString executionsLine(const CostReport &r)
{
    QString s = QStringLiteral("%1 executions a month").arg(formatCount(r.settings.executionsPerMonth));
    if (!r.settings.executionsBasis.isEmpty()) s += QStringLiteral(" (%1)").arg(r.settings.executionsBasis);
    return s;
}

QString priceLine(const CostReport &r)
{
    QString s = QStringLiteral("Prices as of %1").arg(r.priceDate);
    s += r.priceOverride.isEmpty()
             ? QStringLiteral(" (built-in table)")
             : QStringLiteral(" (built-in table overridden by %1)").arg(r.priceOverride);
    return s + QStringLiteral(": %1.").arg(r.priceSource);
}

QString cell(QString s)
{
    return s.replace(QLatin1Char('|'), QStringLiteral("\\|"));
}

QString csvField(const QString &s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n')))
        return s;
    QString q = s;
    q.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

QString csvNumber(double v, int decimals)
{
    QString s = QString::number(v, 'f', decimals);
    if (s.contains(QLatin1Char('.'))) {
        while (s.endsWith(QLatin1Char('0')))
            s.chop(1);
        if (s.endsWith(QLatin1Char('.'))) s.chop(1);
    }
    return s == QLatin1String("-0") ? QStringLiteral("0") : s;
}

} // namespace

Json toJson(const CostReport &r)
{
    Json perState = Json::array();
    for (const StateCost &s : r.perState) {
        perState.append(Json{{QStringLiteral("state"), s.state},
                             {QStringLiteral("type"), s.type},
                             {QStringLiteral("billedAs"), s.billedAs},
                             {QStringLiteral("transitions"), num(s.transitionsPerExecution)},
                             {QStringLiteral("retries"), num(s.retriesPerExecution)},
                             {QStringLiteral("monthlyTransitions"), num(s.monthlyTransitions)},
                             {QStringLiteral("share"), num(s.share)},
                             {QStringLiteral("monthlyCostUSD"), usd(s.monthlyCostUSD)}});
    }
    Json children = Json::array();
    for (const ChildCost &c : r.children) {
        children.append(Json{{QStringLiteral("mapState"), c.mapState},
                             {QStringLiteral("executionType"), c.executionType},
                             {QStringLiteral("childrenPerExecution"), num(c.childrenPerExecution)},
                             {QStringLiteral("transitionsPerChild"), num(c.transitionsPerChild)},
                             {QStringLiteral("secondsPerChild"), num(c.secondsPerChild)},
                             {QStringLiteral("monthlyExecutions"), num(c.monthlyExecutions)},
                             {QStringLiteral("monthlyTransitions"), num(c.monthlyTransitions)},
                             {QStringLiteral("monthlyGBSeconds"), num(c.monthlyGBSeconds)}});
    }
    auto bill = [](const Bill &b) {
        return Json{{QStringLiteral("monthlyTransitions"), num(b.standard.transitions)},
                    {QStringLiteral("freeTierTransitions"), num(b.standard.freeTierTransitions)},
                    {QStringLiteral("transitionCostUSD"), usd(b.standard.costUSD)},
                    {QStringLiteral("requestsPerMonth"), num(b.express.requests)},
                    {QStringLiteral("gbSecondsPerMonth"), num(b.express.gbSeconds)},
                    {QStringLiteral("requestCostUSD"), usd(b.express.requestCostUSD)},
                    {QStringLiteral("durationCostUSD"), usd(b.express.durationCostUSD)},
                    {QStringLiteral("monthlyCostUSD"), usd(b.totalUSD)},
                    {QStringLiteral("monthlyCostWithoutFreeTierUSD"), usd(b.totalWithoutFreeTierUSD)}};
    };
    const ExpressEquivalent &x = r.expressEquivalent;
    Json express = bill(r.express);
    express.insert(QStringLiteral("eligible"), x.eligible);
    express.insert(QStringLiteral("reasons"), strings(x.reasons));
    express.insert(QStringLiteral("memoryMB"), num(x.memoryMB));
    express.insert(QStringLiteral("billedMemoryMB"), num(x.billedMemoryMB));
    express.insert(QStringLiteral("billedSecondsPerExecution"), num(x.billedSecondsPerExecution));

    Json computeLines = Json::array();
    for (const ComputeLine &l : r.compute.lines) {
        computeLines.append(Json{{QStringLiteral("state"), l.state},
                                 {QStringLiteral("service"), serviceName(l.service)},
                                 {QStringLiteral("settings"), l.settings},
                                 {QStringLiteral("invocationsPerExecution"), num(l.invocationsPerExecution)},
                                 {QStringLiteral("secondsPerInvocation"), num(l.secondsPerInvocation)},
                                 {QStringLiteral("monthlyInvocations"), num(l.monthlyInvocations)},
                                 {QStringLiteral("monthlyGBSeconds"), num(l.monthlyGBSeconds)},
                                 {QStringLiteral("monthlyBilledHours"), num(l.monthlyBilledHours)},
                                 {QStringLiteral("monthlyCostUSD"), usd(l.monthlyCostUSD)}});
    }
    const Json compute{{QStringLiteral("states"), computeLines},
                       {QStringLiteral("lambdaRequests"), num(r.compute.lambda.requests)},
                       {QStringLiteral("lambdaGBSeconds"),
                        num(r.compute.lambda.gbSecondsX86 + r.compute.lambda.gbSecondsArm)},
                       {QStringLiteral("lambdaCostUSD"), usd(r.compute.lambda.costUSD)},
                       {QStringLiteral("fargateCostUSD"), usd(r.compute.fargateUSD)},
                       {QStringLiteral("monthlyCostUSD"), usd(r.compute.totalUSD)}};

    Json hints = Json::array();
    for (const Hint &h : r.hints) {
        hints.append(Json{{QStringLiteral("kind"), h.kind},
                          {QStringLiteral("state"), h.state.isEmpty() ? Json(nullptr) : Json(h.state)},
                          {QStringLiteral("message"), h.message},
                          {QStringLiteral("monthlyUSD"), usd(h.monthlyUSD)}});
    }
    Json out{{QStringLiteral("definition"), r.settings.definitionName},
             {QStringLiteral("type"), toString(r.settings.type)},
             {QStringLiteral("region"), r.settings.region},
             {QStringLiteral("executionsPerMonth"), num(r.settings.executionsPerMonth)},
             {QStringLiteral("executionsBasis"), r.settings.executionsBasis},
             {QStringLiteral("runs"), r.runs},
             {QStringLiteral("seed"), qint64(r.settings.seed)},
             {QStringLiteral("countStart"), r.settings.countStart},
             {QStringLiteral("freeTier"), r.settings.freeTier},
             {QStringLiteral("transitionsPerExecution"), summary(r.transitionsPerExecution)},
             {QStringLiteral("durationSeconds"), summary(r.durationSeconds)},
             {QStringLiteral("historyEventsPerExecution"), summary(r.eventsPerExecution)},
             {QStringLiteral("monthlyTransitions"), num(r.chosen.standard.transitions)},
             {QStringLiteral("freeTierTransitions"), num(r.chosen.standard.freeTierTransitions)},
             {QStringLiteral("pricePer1000TransitionsUSD"), usd(r.regionPrice.pricePerTransition * 1000)},
             {QStringLiteral("monthlyCostUSD"), usd(r.chosen.totalUSD)},
             {QStringLiteral("monthlyCostWithoutFreeTierUSD"), usd(r.chosen.totalWithoutFreeTierUSD)},
             {QStringLiteral("perState"), perState},
             {QStringLiteral("distributedMapChildren"), children},
             {QStringLiteral("standard"), bill(r.standard)},
             {QStringLiteral("express"), express},
             {QStringLiteral("compute"), compute},
             {QStringLiteral("totalMonthlyCostUSD"), usd(r.totalMonthlyUSD())},
             {QStringLiteral("recommendation"),
              Json{{QStringLiteral("type"), toString(r.recommendation.type)},
                   {QStringLiteral("reasons"), strings(r.recommendation.reasons)},
                   {QStringLiteral("monthlySavingUSD"), usd(r.recommendation.monthlySavingUSD)}}},
             {QStringLiteral("hints"), hints},
             {QStringLiteral("assumptions"), strings(r.assumptions)},
             {QStringLiteral("warnings"), strings(r.warnings)},
             {QStringLiteral("errors"), strings(r.errors)},
             {QStringLiteral("priceTable"),
              Json{{QStringLiteral("date"), r.priceDate},
                   {QStringLiteral("source"), r.priceSource},
                   {QStringLiteral("override"),
                    r.priceOverride.isEmpty() ? Json(nullptr) : Json(r.priceOverride)}}}};
    Json statuses = Json::object();
    for (auto it = r.statuses.constBegin(); it != r.statuses.constEnd(); ++it)
        statuses.insert(it.key(), it.value());
    out.insertAt(out.indexOf(u"runs") + 1, QStringLiteral("statuses"), statuses);
    if (const auto &s = r.settings.schedule) {
        Json months = Json::array();
        for (const ScheduleEstimate::Month &m : s->months)
            months.append(Json{{QStringLiteral("from"), m.from.toString(Qt::ISODate)},
                               {QStringLiteral("firings"), m.firings}});
        out.insertAt(out.indexOf(u"executionsBasis") + 1, QStringLiteral("schedule"),
                     Json{{QStringLiteral("expression"), s->expression},
                          {QStringLiteral("timeZone"), s->timeZone},
                          {QStringLiteral("start"), s->start.toString(Qt::ISODate)},
                          {QStringLiteral("end"), s->end.toString(Qt::ISODate)},
                          {QStringLiteral("firings"), s->firings},
                          {QStringLiteral("executionsPerMonth"), num(s->executionsPerMonth)},
                          {QStringLiteral("months"), months},
                          {QStringLiteral("method"), s->method}});
    }
    return out;
}

QString toMarkdown(const CostReport &r)
{
    QStringList o;
    const CostSettings &s = r.settings;
    o << QStringLiteral("# Cost estimate: %1")
             .arg(s.definitionName.isEmpty() ? QStringLiteral("state machine") : s.definitionName)
      << QString();
    o << QStringLiteral("%1 workflow in %2%3, %4.")
             .arg(toString(s.type), s.region,
                  r.regionName.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(r.regionName),
                  executionsLine(r));
    o << priceLine(r) << QString();

    for (const QString &e : r.errors)
        o << QStringLiteral("**Error: %1.**").arg(e);
    if (!r.errors.isEmpty()) o << QString();

    o << QStringLiteral("## Monthly bill") << QString() << QStringLiteral("| Item | Quantity | Cost |")
      << QStringLiteral("|---|---:|---:|");
    const Bill &b = r.chosen;
    if (b.standard.transitions > 0 || s.type == WorkflowType::Standard) {
        o << QStringLiteral("| Standard transitions (%1 per 1,000) | %2 | %3 |")
                 .arg(QStringLiteral("$") + QString::number(r.regionPrice.pricePerTransition * 1000, 'g', 6),
                      formatCount(b.standard.transitions), formatUSD(b.standard.costWithoutFreeTierUSD));
        if (b.standard.freeTierTransitions > 0)
            o << QStringLiteral("| Free tier | -%1 | -%2 |")
                     .arg(formatCount(b.standard.freeTierTransitions),
                          formatUSD(b.standard.costWithoutFreeTierUSD - b.standard.costUSD));
    }
    if (b.express.requests > 0) {
        o << QStringLiteral("| Express requests | %1 | %2 |")
                 .arg(formatCount(b.express.requests), formatUSD(b.express.requestCostUSD));
        o << QStringLiteral("| Express duration (GB-seconds) | %1 | %2 |")
                 .arg(formatCount(b.express.gbSeconds), formatUSD(b.express.durationCostUSD));
    }
    o << QStringLiteral("| **Step Functions** | | **%1** |").arg(formatUSD(b.totalUSD));
    if (!r.compute.lines.isEmpty()) {
        const LambdaCharge &l = r.compute.lambda;
        if (l.requests > 0)
            o << QStringLiteral("| Lambda (%1 requests, %2 GB-s) | | %3 |")
                     .arg(formatCount(l.requests), formatCount(l.gbSecondsX86 + l.gbSecondsArm),
                          formatUSD(l.costUSD));
        if (r.compute.fargateUSD > 0)
            o << QStringLiteral("| Fargate | | %1 |").arg(formatUSD(r.compute.fargateUSD));
        o << QStringLiteral("| **Total** | | **%1** |").arg(formatUSD(r.totalMonthlyUSD()));
    }
    o << QString()
      << QStringLiteral("Without the free tier: %1 a month for Step Functions.")
             .arg(formatUSD(b.totalWithoutFreeTierUSD))
      << QString();

    o << QStringLiteral("## Per execution (%1 simulated runs, seeds %2..%3)")
             .arg(r.runs)
             .arg(s.seed)
             .arg(s.seed + quint64(std::max(1, r.runs)) - 1)
      << QString();
    if (!s.input.isEmpty() || !s.mocks.isEmpty())
        o << QStringLiteral("Input: %1. Mocks: %2.")
                 .arg(s.input.isEmpty() ? QStringLiteral("{}") : s.input,
                      s.mocks.isEmpty() ? QStringLiteral("none") : s.mocks)
          << QString();
    o << QStringLiteral("| | mean | p50 | p95 | max |") << QStringLiteral("|---|---:|---:|---:|---:|");
    auto row = [&](const QString &name, const sim::Summary &v, auto fmt) {
        o << QStringLiteral("| %1 | %2 | %3 | %4 | %5 |")
                 .arg(name, fmt(v.mean), fmt(v.p50), fmt(v.p95), fmt(v.max));
    };
    row(QStringLiteral("Transitions"), r.transitionsPerExecution, formatCount);
    row(QStringLiteral("Duration"), r.durationSeconds, formatSeconds);
    row(QStringLiteral("History events"), r.eventsPerExecution, formatCount);
    QStringList statuses;
    for (auto it = r.statuses.constBegin(); it != r.statuses.constEnd(); ++it)
        statuses << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
    o << QString() << QStringLiteral("Outcomes: %1.").arg(statuses.join(QStringLiteral(", "))) << QString();

    o << QStringLiteral("## Transitions by state") << QString()
      << QStringLiteral("| State | Type | Billed as | Per execution | Retries | Share | Monthly |")
      << QStringLiteral("|---|---|---|---:|---:|---:|---:|");
    QList<StateCost> states = r.perState;
    std::stable_sort(states.begin(), states.end(),
                     [](const StateCost &a, const StateCost &b) { return a.share > b.share; });
    for (const StateCost &c : states) {
        if (c.transitionsPerExecution <= 0) continue;
        o << QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6% | %7 |")
                 .arg(cell(c.state), c.type, c.billedAs, formatCount(c.transitionsPerExecution),
                      formatCount(c.retriesPerExecution), QString::number(100 * c.share, 'f', 1),
                      formatUSD(c.monthlyCostUSD));
    }
    o << QString();

    if (!r.children.isEmpty()) {
        o << QStringLiteral("## Distributed Map children") << QString()
          << QStringLiteral("| Map | Type | Children per execution | Transitions per child | Duration per "
                            "child | Per month |")
          << QStringLiteral("|---|---|---:|---:|---:|---:|");
        for (const ChildCost &c : r.children) {
            const QString monthly =
                c.executionType == QLatin1String("EXPRESS")
                    ? QStringLiteral("%1 requests, %2 GB-s")
                          .arg(formatCount(c.monthlyExecutions), formatCount(c.monthlyGBSeconds))
                    : QStringLiteral("%1 transitions").arg(formatCount(c.monthlyTransitions));
            o << QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 |")
                     .arg(cell(c.mapState), c.executionType, formatCount(c.childrenPerExecution),
                          formatCount(c.transitionsPerChild), formatSeconds(c.secondsPerChild), monthly);
        }
        o << QString();
    }

    const ExpressEquivalent &x = r.expressEquivalent;
    o << QStringLiteral("## Standard or Express") << QString() << QStringLiteral("| | Standard | Express |")
      << QStringLiteral("|---|---:|---:|");
    o << QStringLiteral("| Transitions a month | %1 | %2 |")
             .arg(formatCount(r.standard.standard.transitions), formatCount(r.express.standard.transitions));
    o << QStringLiteral("| Express requests a month | %1 | %2 |")
             .arg(formatCount(r.standard.express.requests), formatCount(r.express.express.requests));
    o << QStringLiteral("| GB-seconds a month | %1 | %2 |")
             .arg(formatCount(r.standard.express.gbSeconds), formatCount(r.express.express.gbSeconds));
    o << QStringLiteral("| Monthly cost | %1 | %2 |")
             .arg(formatUSD(r.standard.totalUSD), formatUSD(r.express.totalUSD));
    o << QString()
      << QStringLiteral("As Express, each run is billed %1 x %2 MB (memory estimate %3 MB). Eligible: %4.")
             .arg(formatSeconds(x.billedSecondsPerExecution))
             .arg(x.billedMemoryMB)
             .arg(QString::number(x.memoryMB, 'f', 2),
                  x.eligible ? QStringLiteral("yes") : QStringLiteral("no"));
    for (const QString &reason : x.reasons)
        o << QStringLiteral("- %1").arg(reason);
    o << QString() << QStringLiteral("**Recommendation: %1.**").arg(toString(r.recommendation.type));
    for (const QString &reason : r.recommendation.reasons)
        o << QStringLiteral("- %1").arg(reason);
    o << QString();

    if (!r.compute.lines.isEmpty()) {
        o << QStringLiteral("## Task compute") << QString()
          << QStringLiteral(
                 "| State | Runs on | Invocations a month | Time each | Billed a month | Monthly cost |")
          << QStringLiteral("|---|---|---:|---:|---:|---:|");
        for (const ComputeLine &l : r.compute.lines) {
            const QString billed = l.service == ComputeSettings::Service::Lambda
                                       ? QStringLiteral("%1 GB-s").arg(formatCount(l.monthlyGBSeconds))
                                       : QStringLiteral("%1 h").arg(formatCount(l.monthlyBilledHours));
            o << QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 |")
                     .arg(cell(l.state), l.settings, formatCount(l.monthlyInvocations),
                          formatSeconds(l.secondsPerInvocation), billed, formatUSD(l.monthlyCostUSD));
        }
        o << QString();
    }

    if (const auto &sc = s.schedule) {
        o << QStringLiteral("## Schedule") << QString()
          << QStringLiteral("Executions per month: %1.").arg(sc->method) << QString()
          << QStringLiteral("| Month from | Firings |") << QStringLiteral("|---|---:|");
        for (const ScheduleEstimate::Month &m : sc->months)
            o << QStringLiteral("| %1 | %2 |")
                     .arg(m.from.toString(Qt::ISODate), formatCount(double(m.firings)));
        o << QString();
    }

    auto bullets = [&](const QString &title, const QStringList &items) {
        if (items.isEmpty()) return;
        o << QStringLiteral("## %1").arg(title) << QString();
        for (const QString &i : items)
            o << QStringLiteral("- %1").arg(i);
        o << QString();
    };
    QStringList hints;
    for (const Hint &h : r.hints)
        hints << h.message;
    bullets(QStringLiteral("Hints"), hints);
    bullets(QStringLiteral("Warnings"), r.warnings);
    bullets(QStringLiteral("Assumptions"), r.assumptions);
    return o.join(QLatin1Char('\n'));
}

QString toCsv(const CostReport &r)
{
    QStringList lines;
    lines << QStringLiteral("section,item,detail,quantity,unit,monthly_cost_usd");
    auto add = [&](const QString &section, const QString &item, const QString &detail,
                   const QString &quantity, const QString &unit, const QString &cost) {
        lines << QStringList{csvField(section), csvField(item), csvField(detail),
                             quantity,          csvField(unit), cost}
                     .join(QLatin1Char(','));
    };
    auto n = [](double v) { return csvNumber(v, 4); };
    auto d = [](double v) { return csvNumber(v, 6); };
    const Bill &b = r.chosen;
    add(QStringLiteral("summary"), QStringLiteral("executions"), r.settings.executionsBasis,
        n(r.settings.executionsPerMonth), QStringLiteral("per month"), QString());
    add(QStringLiteral("summary"), QStringLiteral("transitions per execution"), QStringLiteral("mean"),
        n(r.transitionsPerExecution.mean), QString(), QString());
    add(QStringLiteral("summary"), QStringLiteral("standard transitions"), r.settings.region,
        n(b.standard.transitions), QStringLiteral("per month"), d(b.standard.costWithoutFreeTierUSD));
    add(QStringLiteral("summary"), QStringLiteral("free tier"), QString(), n(-b.standard.freeTierTransitions),
        QStringLiteral("per month"), d(b.standard.costUSD - b.standard.costWithoutFreeTierUSD));
    add(QStringLiteral("summary"), QStringLiteral("express requests"), QString(), n(b.express.requests),
        QStringLiteral("per month"), d(b.express.requestCostUSD));
    add(QStringLiteral("summary"), QStringLiteral("express duration"), QString(), n(b.express.gbSeconds),
        QStringLiteral("GB-seconds per month"), d(b.express.durationCostUSD));
    add(QStringLiteral("summary"), QStringLiteral("step functions"), toString(r.settings.type), QString(),
        QString(), d(b.totalUSD));
    add(QStringLiteral("compare"), QStringLiteral("as standard"), QString(), QString(), QString(),
        d(r.standard.totalUSD));
    add(QStringLiteral("compare"), QStringLiteral("as express"),
        r.expressEquivalent.eligible ? QStringLiteral("eligible") : QStringLiteral("not eligible"), QString(),
        QString(), d(r.express.totalUSD));
    for (const StateCost &c : r.perState)
        add(QStringLiteral("state"), c.state, QStringLiteral("%1, %2").arg(c.type, c.billedAs),
            n(c.monthlyTransitions), QStringLiteral("transitions per month"), d(c.monthlyCostUSD));
    for (const ChildCost &c : r.children)
        add(QStringLiteral("children"), c.mapState, c.executionType, n(c.monthlyExecutions),
            QStringLiteral("child executions per month"), QString());
    for (const ComputeLine &l : r.compute.lines)
        add(QStringLiteral("compute"), l.state, l.settings, n(l.monthlyInvocations),
            QStringLiteral("invocations per month"), d(l.monthlyCostUSD));
    if (!r.compute.lines.isEmpty())
        add(QStringLiteral("compute"), QStringLiteral("total"), QString(), QString(), QString(),
            d(r.compute.totalUSD));
    add(QStringLiteral("total"), QStringLiteral("monthly"), QString(), QString(), QString(),
        d(r.totalMonthlyUSD()));
    add(QStringLiteral("prices"), QStringLiteral("as of"), r.priceDate, QString(), QString(), QString());
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace sw::cost::report
