#pragma once

#include "asl/statemachine.h"
#include "cost/charges.h"
#include "cost/compute.h"
#include "cost/pricetable.h"
#include "cost/sample.h"
#include "cost/schedule.h"
#include "engine/stats.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace sw::cost {

enum class WorkflowType { Standard, Express };
QString toString(WorkflowType t); // STANDARD / EXPRESS
std::optional<WorkflowType> workflowTypeFromString(const QString &s);

// What the user chose: how often the workflow runs, where, as which type, and the counting options.
struct CostSettings
{
    QString region = QStringLiteral("us-east-1");
    WorkflowType type = WorkflowType::Standard;
    double executionsPerMonth = 0;
    QString executionsBasis;                  // how executionsPerMonth was obtained, for reports
    std::optional<ScheduleEstimate> schedule; // when it came from a schedule
    bool countStart = false; // +1 transition per execution (AWS's wording says no; off by default)
    bool freeTier = true;    // Step Functions 4,000 transitions; Lambda 1M requests + 400,000 GB-s
    ComputeConfig compute;
    QString definitionName;
    QString input; // description of the input (for reports)
    QString mocks; // description of the mocks (for reports)
    quint64 seed = 0;
};

// One state's share of the transitions.
struct StateCost
{
    QString state;
    QString type;     // Task, Pass, ... (or "Start" for the optional start row)
    QString billedAs; // STANDARD, EXPRESS, "STANDARD child", "EXPRESS child"
    double transitionsPerExecution = 0;
    double retriesPerExecution = 0;
    double monthlyTransitions = 0;
    double share = 0; // of all counted transitions
    double monthlyCostUSD =
        0; // as Standard transitions, before the free tier (0 when not billed per transition)
};

// The Distributed Map child executions of one Map state, per month.
struct ChildCost
{
    QString mapState;
    QString executionType;
    double childrenPerExecution = 0;
    double transitionsPerChild = 0;
    double secondsPerChild = 0;
    double monthlyExecutions = 0;
    double monthlyTransitions = 0; // STANDARD children
    double monthlyGBSeconds = 0;   // EXPRESS children
    double billedMemoryMB = 0;     // EXPRESS children
};

// The Step Functions bill of a month if the workflow runs as `type` (children by their own type).
struct Bill
{
    WorkflowType type = WorkflowType::Standard;
    StandardCharge standard; // transitions billed at the Standard rate
    ExpressCharge express;   // Express requests and GB-seconds
    double totalUSD = 0;
    double totalWithoutFreeTierUSD = 0;
};

// The workflow run as Express: what it would be billed and whether it can be.
struct ExpressEquivalent
{
    bool eligible = false;
    QStringList reasons;
    double memoryMB = 0;       // mean estimated memory
    double billedMemoryMB = 0; // largest billed memory over the runs
    double billedSecondsPerExecution = 0;
    double gbSecondsPerExecution = 0;
};

struct ComputeLine
{
    QString state;
    QString settings;
    ComputeSettings::Service service = ComputeSettings::Service::None;
    double invocationsPerExecution = 0;
    double secondsPerInvocation = 0;
    double monthlyInvocations = 0;
    double monthlyGBSeconds = 0;   // Lambda
    double monthlyBilledHours = 0; // Fargate
    double monthlyCostUSD = 0;     // Lambda lines share the free tier in proportion to their cost
};

struct ComputeCost
{
    QList<ComputeLine> lines;
    LambdaCharge lambda;
    double fargateUSD = 0;
    double totalUSD = 0;
};

struct Recommendation
{
    WorkflowType type = WorkflowType::Standard;
    QStringList reasons;
    double monthlySavingUSD = 0; // against the chosen type
};

struct Hint
{
    QString kind; // fold-pass, retry-worst-case, inline-map-history, use-express
    QString state;
    QString message;
    double monthlyUSD = 0; // saving, or for retries the worst-case extra cost
};

// Everything the CLI, the exports and the Cost panel show.
struct CostReport
{
    CostSettings settings;
    RegionPrice regionPrice;
    QString regionName;
    int runs = 0;
    QMap<QString, int> statuses;
    sim::Summary transitionsPerExecution; // the execution itself, with the start when counted
    sim::Summary durationSeconds;
    sim::Summary eventsPerExecution;
    double definitionBytes = 0;
    double payloadBytes = 0;
    QList<StateCost> perState; // definition order
    QList<ChildCost> children;
    Bill standard;
    Bill express;
    Bill chosen;
    ExpressEquivalent expressEquivalent;
    ComputeCost compute;
    Recommendation recommendation;
    QList<Hint> hints;
    QString priceDate;
    QString priceSource;
    QString priceOverride;
    QStringList assumptions;
    QStringList warnings;
    QStringList errors; // why the estimate cannot be trusted at all (the CLI exits 1)

    double monthlyTransitions() const { return chosen.standard.transitions; }
    double totalMonthlyUSD() const { return chosen.totalUSD + compute.totalUSD; }
};

// Turns simulated runs into a monthly bill: Standard transitions (free tier once, region price),
// the Express equivalent (requests, duration rounded up to 100 ms x billed memory estimated as AWS
// documents it) with its eligibility and a recommendation, Distributed Map children by their own
// type, optional Lambda/Fargate compute, per-state shares and hints. Pure arithmetic over a
// SimulationResult: it never runs the simulator, so the GUI can re-price without re-simulating.
class CostModel
{
public:
    CostModel(PriceTable prices, CostSettings settings);

    const PriceTable &prices() const { return m_prices; }
    const CostSettings &settings() const { return m_settings; }
    void setSettings(const CostSettings &settings) { m_settings = settings; }

    CostReport estimate(const asl::StateMachine &machine, const SimulationResult &sim) const;

private:
    void priceChildren(const SimulationResult &sim, CostReport &r) const;
    void priceExpress(const asl::StateMachine &machine, const SimulationResult &sim, CostReport &r) const;
    void priceStates(const SimulationResult &sim, CostReport &r) const;
    void priceCompute(const asl::StateMachine &machine, const SimulationResult &sim, CostReport &r) const;
    void recommend(CostReport &r) const;
    void review(const SimulationResult &sim, CostReport &r) const;

    PriceTable m_prices;
    CostSettings m_settings;
};

} // namespace sw::cost
