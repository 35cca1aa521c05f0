#pragma once

#include "json/json.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <limits>
#include <optional>

namespace sw::cost {

// One price or quantity from the table, with the id of the source it came from (S1, S7...).
struct Figure
{
    double value = 0;
    QString source;
};

// One band of a tiered price: the quantity up to `upTo` (cumulative, in the unit of the price)
// costs `price` per unit. The last band has an infinite `upTo`.
struct Tier
{
    double upTo = std::numeric_limits<double>::infinity();
    double price = 0;
    QString source;
};

// The cost of `quantity` units priced by consecutive bands (sorted by `upTo`).
double tieredCost(double quantity, const QList<Tier> &tiers);

// The Standard-workflow price of one region.
struct RegionPrice
{
    QString code;
    QString name;
    double pricePerTransition = 0;
    QString currency;
    QString source;
    QString note;
    bool listed = false; // false: the table's default price for unlisted regions applies
};

struct StandardPrices
{
    Figure freeTierTransitions;
    Figure defaultPricePerTransition;
    QMap<QString, RegionPrice> regions;
};

struct ExpressPrices
{
    QStringList regions;       // where these prices are confirmed
    Figure requestPrice;       // per request
    QList<Tier> durationTiers; // per GB-second, breakpoints in GB-seconds
    Figure roundingMs;
    Figure memoryChunkMB;
    Figure baseMemoryMB;
    Figure maxDurationSeconds;
    Figure freeTierGBSeconds;
};

struct LambdaPrices
{
    QStringList regions;
    Figure requestPrice; // per request
    Figure freeTierRequests;
    Figure freeTierGBSeconds;
    Figure roundingMs;
    QList<Tier> x86; // per GB-second
    QList<Tier> arm;
};

struct FargateRate
{
    double vcpuHour = 0;
    double gbHour = 0;
    QString source;
};

struct FargatePrices
{
    QStringList regions;
    Figure minimumSeconds;
    FargateRate x86;
    FargateRate arm;
};

// The dated price table the cost estimator reads: Standard transition prices per region and the
// monthly free tier, Express request and tiered duration prices with their rounding rules, Lambda
// and Fargate prices. The built-in table is a JSON resource (resources/pricing/prices.json) in which
// every figure names its source; a user file can be merged over it (objects merge key by key, other
// values replace). It is a plain value: it never reads the network and never changes after loading.
struct PriceTable
{
    QString date;
    QString source;
    QString currency;
    QString overrideFile;           // the user file merged over the built-in table, if any
    QMap<QString, QString> sources; // id -> description
    StandardPrices standard;
    ExpressPrices express;
    LambdaPrices lambda;
    FargatePrices fargate;
    Json json; // the (merged) table as read

    // The table compiled into the simulator library.
    static PriceTable builtIn();
    static QByteArray builtInText();
    // Reads a table; nullopt with `error` naming the JSON pointer and what is wrong.
    static std::optional<PriceTable> fromJson(const Json &root, QString *error);
    // The built-in table with the JSON file at `path` merged over it.
    static std::optional<PriceTable> withOverride(const QString &path, QString *error);
    // Objects merge recursively; arrays and scalars from `over` replace. Figures the override
    // changes without naming a source get `overrideLabel` as their source.
    static Json merge(const Json &base, const Json &over, const QString &overrideLabel);

    // The Standard price in `region` (the default price, listed == false, when it is not listed).
    RegionPrice standardPrice(const QString &region) const;
    // An error when the table cannot price `region` in the table's currency, else empty.
    QString checkRegion(const QString &region) const;
    // "2026-11-22 (built-in)" or "2026-11-22 (built-in, overridden by FILE)".
    QString describe() const;
};

} // namespace sw::cost
