#include "histogram.h"

#include <algorithm>
#include <cmath>

namespace sw::gui {

QList<HistogramBin> histogram(const std::vector<double> &values, int maxBins)
{
    QList<HistogramBin> bins;
    if (values.empty() || maxBins < 1) return bins;
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    const double min = *lo;
    const double max = *hi;
    const bool whole = std::all_of(values.begin(), values.end(), [](double v) { return v == std::floor(v); });
    double width = 0;
    int count = 0;
    if (whole) {
        const double span = max - min + 1;
        width = std::ceil(span / maxBins);
        count = int(std::ceil(span / width));
    } else {
        count = max > min ? maxBins : 1;
        width = max > min ? (max - min) / count : 1;
    }
    for (int i = 0; i < count; ++i)
        bins.append({min + i * width, min + (i + 1) * width, 0});
    for (double v : values) {
        const int i = std::clamp(int(std::floor((v - min) / width)), 0, count - 1);
        ++bins[i].count;
    }
    return bins;
}

} // namespace sw::gui
