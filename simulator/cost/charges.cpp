#include "charges.h"

#include <algorithm>
#include <cmath>

namespace sw::cost {

QString toString(Architecture a)
{
    return a == Architecture::Arm64 ? QStringLiteral("arm64") : QStringLiteral("x86_64");
}

namespace charges {

namespace {

// ceil() that ignores the last bits of floating-point noise (0.3 / 0.1 is 2.9999999999999996).
double ceilClean(double x)
{
    const double r = std::round(x);
    return std::abs(x - r) < 1e-9 ? r : std::ceil(x);
}

} // namespace

StandardCharge standard(double transitions, const RegionPrice &price, const PriceTable &table, bool freeTier)
{
    StandardCharge c;
    c.transitions = transitions;
    c.pricePerTransition = price.pricePerTransition;
    c.freeTierTransitions = freeTier ? std::min(transitions, table.standard.freeTierTransitions.value) : 0;
    c.costWithoutFreeTierUSD = transitions * price.pricePerTransition;
    c.costUSD = (transitions - c.freeTierTransitions) * price.pricePerTransition;
    return c;
}

double expressBilledSeconds(double seconds, const PriceTable &table)
{
    const double step = table.express.roundingMs.value / 1000.0;
    return std::max(1.0, ceilClean(std::max(0.0, seconds) / step)) * step;
}

double expressMemoryMB(double definitionBytes, double payloadBytes, double steps, const PriceTable &table)
{
    return table.express.baseMemoryMB.value + definitionBytes / 1e6 + payloadBytes * steps / 1e6;
}

double expressBilledMemoryMB(double memoryMB, const PriceTable &table)
{
    const double chunk = table.express.memoryChunkMB.value;
    return std::max(1.0, ceilClean(memoryMB / chunk)) * chunk;
}

double expressGBSeconds(double seconds, double memoryMB, const PriceTable &table)
{
    return expressBilledSeconds(seconds, table) * expressBilledMemoryMB(memoryMB, table) / 1024.0;
}

ExpressCharge express(double requests, double gbSeconds, const PriceTable &table, bool freeTier)
{
    ExpressCharge c;
    c.requests = requests;
    c.gbSeconds = gbSeconds;
    c.requestCostUSD = requests * table.express.requestPrice.value;
    const double free = freeTier ? table.express.freeTierGBSeconds.value : 0;
    c.durationCostUSD = tieredCost(std::max(0.0, gbSeconds - free), table.express.durationTiers);
    c.costUSD = c.requestCostUSD + c.durationCostUSD;
    return c;
}

double lambdaGBSeconds(double seconds, double memoryMB, const PriceTable &table)
{
    const double step = table.lambda.roundingMs.value / 1000.0;
    return ceilClean(std::max(0.0, seconds) / step) * step * memoryMB / 1024.0;
}

LambdaCharge lambda(double requests, double gbSecondsX86, double gbSecondsArm, const PriceTable &table,
                    bool freeTier)
{
    LambdaCharge c;
    c.requests = requests;
    c.gbSecondsX86 = gbSecondsX86;
    c.gbSecondsArm = gbSecondsArm;
    if (freeTier) {
        c.freeRequests = std::min(requests, table.lambda.freeTierRequests.value);
        c.freeGBSeconds = std::min(gbSecondsX86 + gbSecondsArm, table.lambda.freeTierGBSeconds.value);
    }
    const double freeX86 = std::min(c.freeGBSeconds, gbSecondsX86);
    const double freeArm = c.freeGBSeconds - freeX86;
    c.requestCostUSD = (requests - c.freeRequests) * table.lambda.requestPrice.value;
    c.durationCostUSD = tieredCost(gbSecondsX86 - freeX86, table.lambda.x86) +
                        tieredCost(gbSecondsArm - freeArm, table.lambda.arm);
    c.costUSD = c.requestCostUSD + c.durationCostUSD;
    return c;
}

double fargateBilledSeconds(double seconds, const PriceTable &table)
{
    return std::max(table.fargate.minimumSeconds.value, ceilClean(std::max(0.0, seconds)));
}

double fargateCost(double billedSeconds, double vcpu, double memoryGB, Architecture arch,
                   const PriceTable &table)
{
    const FargateRate &r = arch == Architecture::Arm64 ? table.fargate.arm : table.fargate.x86;
    return billedSeconds / 3600.0 * (vcpu * r.vcpuHour + memoryGB * r.gbHour);
}

} // namespace charges

} // namespace sw::cost
