#pragma once

#include "json/json.h"

#include <QList>
#include <QString>

namespace sw::edit {

// What a Retrier does, for the inspector's preview of each Retry row: the delay before each
// retry by the States Language formula (IntervalSeconds x BackoffRate^(n-1), capped at
// MaxDelaySeconds; defaults 1 s, 3 attempts, rate 2.0), how long after the first failure the state
// gives up (the sum of the delays, task run time not counted) and the transitions the retries add
// (each retry is billed as one). With JitterStrategy FULL each delay is drawn between 0 and the
// computed value, so the schedule is a range. Reads the row as written (a field with the wrong
// type counts as absent); never changes anything.
struct RetrySchedule
{
    QList<double>
        delays; // seconds before retry 1, 2, ... (the upper bound with FULL jitter; at most 10000 listed)
    qint64 retries = 0; // MaxAttempts: the retries, each an extra billed transition
    double total = 0;   // seconds from the first failure to giving up
    bool fullJitter = false;
};

RetrySchedule retrySchedule(const Json &retrier);

// "retries after 2 s, 4 s, 8 s; gives up 14 s after the first failure; up to 3 extra
// transitions". Long schedules list the first and last delays.
QString describeRetrySchedule(const RetrySchedule &schedule);

// 2 -> "2 s", 4.5 -> "4.5 s", 90 -> "1 min 30 s", 7200 -> "2 h".
QString formatSeconds(double seconds);

} // namespace sw::edit
