#pragma once

#include <QList>

#include <vector>

namespace sw::gui {

// One bar of a histogram: the values v with from <= v < to.
struct HistogramBin
{
    double from = 0;
    double to = 0;
    int count = 0;
};

// Bars over [min, max] of `values`. Whole numbers (transition counts) get one bar per value when
// at most `maxBins` values span the range, else bars of a whole-number width; other values get
// `maxBins` bars of equal width. The last bar includes the maximum. Empty input: no bars.
QList<HistogramBin> histogram(const std::vector<double> &values, int maxBins = 30);

} // namespace sw::gui
