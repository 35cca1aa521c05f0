#pragma once

#include "json/json.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace sw::sim {

// Mean, median, 95th percentile (nearest rank) and maximum of a sample.
struct Summary
{
    double mean = 0;
    double p50 = 0;
    double p95 = 0;
    double max = 0;

    static Summary of(std::vector<double> values)
    {
        Summary s;
        if (values.empty())
            return s;
        std::sort(values.begin(), values.end());
        double total = 0;
        for (double v : values)
            total += v;
        s.mean = total / double(values.size());
        auto rank = [&](double q) {
            size_t k = size_t(std::ceil(q * double(values.size())));
            k = std::clamp<size_t>(k, 1, values.size());
            return values[k - 1];
        };
        s.p50 = rank(0.50);
        s.p95 = rank(0.95);
        s.max = values.back();
        return s;
    }

    Json toJson() const
    {
        return Json{{QStringLiteral("mean"), mean}, {QStringLiteral("p50"), p50}, {QStringLiteral("p95"), p95}, {QStringLiteral("max"), max}};
    }
};

} // namespace sw::sim
