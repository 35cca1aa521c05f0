#pragma once

#include "json/json.h"

#include <QList>
#include <QString>

namespace sw {

// One finding about a definition: an AWS-style code, where it is (JSON pointer and line:column)
// and what is wrong. Errors make a definition invalid; warnings do not.
struct Diagnostic
{
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    QString code;    // e.g. SCHEMA_VALIDATION_FAILED, MISSING_TRANSITION_TARGET
    QString pointer; // JSON pointer, "" for the document itself
    SourcePos pos;
    QString message;

    bool isError() const { return severity == Severity::Error; }
    QString severityName() const { return isError() ? QStringLiteral("error") : QStringLiteral("warning"); }
};

using Diagnostics = QList<Diagnostic>;

inline bool hasErrors(const Diagnostics &ds)
{
    for (const auto &d : ds) {
        if (d.isError())
            return true;
    }
    return false;
}

} // namespace sw
