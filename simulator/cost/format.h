#pragma once

#include <QString>

namespace sw::cost {

// How money, counts, durations and sizes read in messages and reports. Amounts under a cent keep
// three significant digits because per-execution Step Functions costs live there.
QString formatUSD(double dollars);     // $1,234.57 / $0.15 / $0.000275
QString formatCount(double n);         // 1,234 / 4.33
QString formatSeconds(double seconds); // 250 ms / 12.5 s / 30 min / 2.5 h
QString formatBytes(double bytes);     // 812 B / 11.4 KB / 1.2 MB (decimal units, as AWS's example)

} // namespace sw::cost
