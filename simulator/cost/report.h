#pragma once

#include "cost/costmodel.h"
#include "json/json.h"

#include <QString>

namespace sw::cost {

// Exports of a CostReport, shared by `stepwise cost` and the Cost panel. The JSON keeps the field
// names documented in docs/cost.md (type, region, executionsPerMonth, transitionsPerExecution,
// monthlyTransitions, freeTierTransitions, monthlyCostUSD, monthlyCostWithoutFreeTierUSD, perState,
// express, priceTable, ...); the Markdown is the human-readable report; the CSV is one flat table of
// line items for spreadsheets. They only format: every figure comes from the report.
namespace report {

Json toJson(const CostReport &r);
QString toMarkdown(const CostReport &r);
QString toCsv(const CostReport &r);

} // namespace report

} // namespace sw::cost
