#pragma once

#include "cost/pricetable.h"

namespace sw::cost {

enum class Architecture { X86_64, Arm64 };
QString toString(Architecture a);

// A month of Standard transitions priced in one region, the free tier applied once.
struct StandardCharge
{
    double transitions = 0;
    double freeTierTransitions = 0; // the part the free tier covers
    double pricePerTransition = 0;
    double costUSD = 0;
    double costWithoutFreeTierUSD = 0;
};

// A month of Express requests and GB-seconds (duration tiers are monthly aggregates).
struct ExpressCharge
{
    double requests = 0;
    double gbSeconds = 0;
    double requestCostUSD = 0;
    double durationCostUSD = 0;
    double costUSD = 0;
};

struct LambdaCharge
{
    double requests = 0;
    double gbSecondsX86 = 0;
    double gbSecondsArm = 0;
    double freeRequests = 0; // the part the free tier covers
    double freeGBSeconds = 0;
    double requestCostUSD = 0;
    double durationCostUSD = 0;
    double costUSD = 0;
};

// The billing rules of pricing.md as pure functions of a price table: rounding, memory chunks,
// tiers and free tiers. Nothing here simulates or estimates; CostModel feeds it the quantities.
namespace charges {

StandardCharge standard(double transitions, const RegionPrice &price, const PriceTable &table, bool freeTier);

// Duration billed for one Express execution: rounded up to the next 100 ms (at least one step).
double expressBilledSeconds(double seconds, const PriceTable &table);
// AWS pricing example 3: 50 MB + definition size + payload size x Parallel/Map steps (sizes in
// decimal megabytes, as AWS's example adds 50 KB as 0.05 MB).
double expressMemoryMB(double definitionBytes, double payloadBytes, double steps, const PriceTable &table);
// Memory billed in 64 MB chunks, at least one chunk.
double expressBilledMemoryMB(double memoryMB, const PriceTable &table);
// GB-seconds billed for one execution of `seconds` using `memoryMB`.
double expressGBSeconds(double seconds, double memoryMB, const PriceTable &table);
ExpressCharge express(double requests, double gbSeconds, const PriceTable &table, bool freeTier = true);

// Lambda: duration rounded up to 1 ms; GB = MB / 1024.
double lambdaGBSeconds(double seconds, double memoryMB, const PriceTable &table);
// Requests and GB-seconds per architecture; the free tier (shared by both) is taken from x86_64
// first, the more expensive architecture.
LambdaCharge lambda(double requests, double gbSecondsX86, double gbSecondsArm, const PriceTable &table,
                    bool freeTier);

// Fargate: per second, rounded up, with a one-minute minimum, from pull to task end.
double fargateBilledSeconds(double seconds, const PriceTable &table);
double fargateCost(double billedSeconds, double vcpu, double memoryGB, Architecture arch,
                   const PriceTable &table);

} // namespace charges

} // namespace sw::cost
