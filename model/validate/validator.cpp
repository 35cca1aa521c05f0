#include "validator.h"

namespace sw::validate {

Diagnostics validate(const asl::AslDocument &doc, const Options &options)
{
    Q_UNUSED(options);
    Diagnostics out = doc.readDiagnostics;
    if (!doc.parsed || !doc.root.isObject())
        return out;
    QStringList missing;
    if (!doc.root.contains(u"States"))
        missing.append(QStringLiteral("States"));
    if (!doc.root.contains(u"StartAt"))
        missing.append(QStringLiteral("StartAt"));
    if (!missing.isEmpty())
        out.append(Diagnostic{Diagnostic::Severity::Error, QStringLiteral("SCHEMA_VALIDATION_FAILED"), QString(),
                              doc.rootPos, QStringLiteral("These fields are required: [%1]").arg(missing.join(QStringLiteral(", ")))});
    return out;
}

} // namespace sw::validate
