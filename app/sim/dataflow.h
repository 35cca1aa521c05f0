#pragma once

#include "engine/execution.h"
#include "engine/runtimeline.h"

#include <QVariantList>

namespace sw::gui::dataflow {

// The data flow of one state for the inspection panel, one entry per attempt (and per Map
// iteration): {title, status, entered, exited, stages: [{name, json}], error, cause}. Only what
// had happened at `time` shows: an attempt still running at the cursor lists its input stages.
QVariantList attempts(const QList<sim::StateRecord> &records, const QString &stateName, double time,
                      const sim::RunSnapshot &snapshot);

// The same from a history alone (a replayed AWS execution records no processing stages): per visit
// its input, output, error and cause, for the first `eventCount` events.
QVariantList attemptsFromHistory(const sim::RunTimeline &timeline, const QString &stateName, int eventCount);

} // namespace sw::gui::dataflow
