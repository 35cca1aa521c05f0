#pragma once

#include <QString>

namespace sw::validate {

// Size limits on what Stepwise reads (docs/limits.md). AWS's quota on a definition is a warning
// (DEFINITION_TOO_LARGE, the definition still opens); MaxFileSize is Stepwise's own: definitions,
// inputs and mock files larger than it are refused before they are read, so opening a huge or
// endless file (a 100 MB log, /dev/zero) fails at once with a message instead of freezing.
// The JSON reader's nesting limit is JsonReader::Options::maxDepth.

// CreateStateMachine takes definitions of at most 1,048,576 characters.
inline constexpr qint64 MaxDefinitionSize = 1048576;

// Sixteen times AWS's quota: room for formatted definitions, inputs and mock files, while reading,
// validating and laying out stays well under a few seconds.
inline constexpr qint64 MaxFileSize = 16 * 1024 * 1024;

// "PATH: too large to open (N MB; ...)"; `size` < 0 when the file's size is unknown (a device or
// a pipe that kept producing data).
inline QString fileTooLargeMessage(const QString &path, qint64 size)
{
    const QString amount = size < 0 ? QStringLiteral("more than %1 MB").arg(MaxFileSize / (1024 * 1024))
                                    : QStringLiteral("%1 MB").arg(double(size) / (1024.0 * 1024.0), 0, 'f', 1);
    return QStringLiteral("%1: too large to open (%2): Stepwise opens files of up to %3 MB, and AWS accepts "
                          "definitions of up to 1 MB")
        .arg(path, amount)
        .arg(MaxFileSize / (1024 * 1024));
}

} // namespace sw::validate
