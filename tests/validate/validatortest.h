#pragma once

// Helpers shared by the validator's rule tests: run a definition text through the validator and
// look for a diagnostic by severity, code and JSON pointer.
#include "asl/asldocument.h"
#include "validate/validator.h"

#include <QtTest>

Q_DECLARE_METATYPE(sw::validate::MachineType)

namespace validatortest {

using namespace sw;
using validate::MachineType;

inline Diagnostics run(const QByteArray &text, MachineType type = MachineType::Standard)
{
    const asl::AslDocument doc = asl::AslDocument::fromText(text);
    validate::Options o;
    o.type = type;
    return validate::validate(doc, o);
}

inline QString dump(const Diagnostics &ds)
{
    QStringList lines;
    for (const Diagnostic &d : ds)
        lines.append(QStringLiteral("%1:%2 %3 %4 %5 (%6)")
                         .arg(d.pos.line)
                         .arg(d.pos.column)
                         .arg(d.severityName(), d.code, d.message, d.pointer));
    return lines.join(QLatin1Char('\n'));
}

inline bool has(const Diagnostics &ds, Diagnostic::Severity sev, const QString &code, const QString &pointer)
{
    for (const Diagnostic &d : ds) {
        if (d.severity == sev && d.code == code && d.pointer == pointer) return true;
    }
    return false;
}

// A machine whose single state "A" is `state` (a JSON object text), ending the workflow.
inline QByteArray one(const char *state, const char *top = "")
{
    return QByteArray("{") + top + R"J("StartAt":"A","States":{"A":)J" + state + "}}";
}

// The rows of the "errors" tests: a definition, the machine type, and the code and pointer of an
// error it must produce.
inline void addErrorColumns()
{
    QTest::addColumn<QByteArray>("definition");
    QTest::addColumn<MachineType>("type");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("pointer");
}

inline void checkErrorRow()
{
    QFETCH(QByteArray, definition);
    QFETCH(MachineType, type);
    QFETCH(QString, code);
    QFETCH(QString, pointer);
    const Diagnostics ds = run(definition, type);
    QVERIFY2(has(ds, Diagnostic::Severity::Error, code, pointer), qPrintable(dump(ds)));
    QVERIFY(hasErrors(ds));
}

} // namespace validatortest
