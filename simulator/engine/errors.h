#pragma once

#include <QString>
#include <QStringList>

namespace sw::sim {

// Whether an error name is matched by a Retry/Catch ErrorEquals list, with the ASL wildcards:
// States.ALL matches everything but States.Runtime and States.DataLimitExceeded (terminal errors
// that can only be caught by name, Runtime not at all); States.TaskFailed matches everything
// States.ALL does except States.Timeout.
bool errorMatches(const QString &error, const QStringList &errorEquals);

} // namespace sw::sim
