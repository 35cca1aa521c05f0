#pragma once

#include <QStringView>

#include <compare>
#include <optional>

namespace sw::sim {

// An instant parsed from an ASL timestamp string.
struct Timestamp
{
    qint64 epochSeconds = 0;
    qint32 nanos = 0;
    friend auto operator<=>(const Timestamp &, const Timestamp &) = default;
};

// Parses a timestamp as the Amazon States Language defines it: the RFC 3339 profile of ISO 8601
// with an uppercase "T" between date and time and either an uppercase "Z" or a numeric offset
// ("2016-03-14T01:59:00Z", "2016-03-14T01:59:00.123+01:00"); fractions of up to nine digits. Dates
// are checked (no month 13, no February 30). nullopt for anything else (AWS rejects
// "2016-12-05T21:29:29" without an offset and "2016-12-05 21:29:29Z" without the T). Used by Choice
// timestamp operators and by Wait's Timestamp/TimestampPath. Never throws.
std::optional<Timestamp> parseTimestamp(QStringView text);

} // namespace sw::sim
