#include "errors.h"

namespace sw::sim {

bool errorMatches(const QString &error, const QStringList &errorEquals)
{
    const bool terminal = error == QLatin1String("States.Runtime") || error == QLatin1String("States.DataLimitExceeded");
    for (const QString &e : errorEquals) {
        if (e == error && error != QLatin1String("States.Runtime"))
            return true;
        if (terminal)
            continue;
        if (e == QLatin1String("States.ALL"))
            return true;
        if (e == QLatin1String("States.TaskFailed") && error != QLatin1String("States.Timeout"))
            return true;
    }
    return false;
}

} // namespace sw::sim
