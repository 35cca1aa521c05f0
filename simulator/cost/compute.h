#pragma once

#include "asl/statemachine.h"
#include "cost/charges.h"
#include "json/json.h"

#include <QHash>
#include <QString>

#include <optional>

namespace sw::cost {

// What runs behind one Task state, for the optional Lambda / Fargate estimate.
struct ComputeSettings
{
    enum class Service { None, Lambda, Fargate };
    Service service = Service::None;
    Architecture architecture = Architecture::X86_64;
    double memoryMB = 0;         // Lambda
    double vcpu = 0;             // Fargate
    double memoryGB = 0;         // Fargate
    double priceFactor = 1;      // Fargate: share of the On-Demand price paid (0.3 for a Spot guess)
    double durationSeconds = -1; // >= 0: use this per invocation instead of the simulated duration
    QString origin;              // "States/Training" or "default Lambda" (for reports)

    QString describe() const; // "1024 MB x86_64", "16 vCPU / 64 GB x86_64 (x0.3)"
};

// The "compute" file of `stepwise cost --compute`: per state, the Lambda memory and architecture or
// the Fargate vCPU and memory that run it, with optional defaults for every Lambda-invoking or
// ecs:runTask state not listed (docs/cost.md). Parsing checks the shape and ranges and reports the
// JSON pointer of the first problem; it never reads anything but the given JSON.
class ComputeConfig
{
public:
    static std::optional<ComputeConfig> parse(const Json &root, QString *error);
    static std::optional<ComputeConfig> load(const QString &path, QString *error);

    bool isEmpty() const { return m_states.isEmpty() && !m_lambda && !m_fargate; }
    // The settings for `state` (listed, else the default for its resource kind), or Service::None.
    ComputeSettings settingsFor(const asl::State &state) const;
    QStringList listedStates() const { return m_states.keys(); }

    static bool invokesLambda(const QString &resource);
    static bool runsEcsTask(const QString &resource);

private:
    QHash<QString, ComputeSettings> m_states;
    std::optional<ComputeSettings> m_lambda;
    std::optional<ComputeSettings> m_fargate;
};

} // namespace sw::cost
