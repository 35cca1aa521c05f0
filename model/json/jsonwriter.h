#pragma once

#include "json.h"

#include <QByteArray>

namespace sw {

// Serialises a Json tree. Pretty output is 2-space indented like JSON.stringify(v, null, 2), so an
// unedited 2-space-indented document comes back byte for byte (spellings of numbers and escaped
// strings are kept); compact output matches what AWS writes into history events. Undefined values
// inside objects are skipped, inside arrays written as null.
class JsonWriter
{
public:
    struct Options
    {
        int indent = 2;          // 0: compact, no spaces at all
        bool keepSpellings = true;
        bool finalNewline = false;
    };
    static QByteArray write(const Json &v, Options options);
    static QByteArray pretty(const Json &v) { return write(v, Options{}); }
    static QByteArray compact(const Json &v) { return write(v, Options{0, true, false}); }
    static QString compactString(const Json &v) { return QString::fromUtf8(compact(v)); }
    // JavaScript's Number.prototype.toString formatting of a double (shortest round trip).
    static QByteArray formatDouble(double d);
    static void appendQuoted(QByteArray &out, QStringView s);
};

} // namespace sw
