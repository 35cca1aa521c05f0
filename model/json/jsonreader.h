#pragma once

#include "json.h"

#include <QByteArray>

namespace sw {

// Parses JSON text (RFC 8259, UTF-8) into a Json tree that keeps member order, number and string
// spellings, and the line:column of every member and array item. Errors carry a line:column and a
// message; the reader never crashes on bad input (truncated text, invalid UTF-8, deep nesting) and
// does no I/O.
class JsonReader
{
public:
    struct Options
    {
        // Deeper nesting is refused. Every recursive walk of a Json tree (writer, equality, typed
        // model, templates) is bounded by it: 1024 levels fit in 1 MiB of stack in optimized
        // builds and in 8 MiB under AddressSanitizer (docs/limits.md).
        int maxDepth = 1024;
        bool keepSpellings = true; // false for execution data where spelling is not needed
    };
    struct Result
    {
        Json value;
        bool ok = false;
        QString error;     // empty when ok
        SourcePos errorPos; // where the error is
        SourcePos rootPos;  // where the top-level value starts
        bool hasBom = false;
        bool endsWithNewline = false;
    };

    static Result parse(const QByteArray &utf8, Options options);
    static Result parse(const QByteArray &utf8) { return parse(utf8, Options{}); }
    // Convenience for trusted snippets (tests, resources): undefined on error.
    static Json parseOrUndefined(const QByteArray &utf8);
};

} // namespace sw
