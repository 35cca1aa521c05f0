#pragma once

#include "asl/asldocument.h"
#include "diagnostic.h"
#include "validator.h"

#include <QHash>
#include <QLatin1StringView>
#include <QString>

namespace sw::validate {

// The codes AWS's ValidateStateMachineDefinition uses (plus the JSONata ones seen in practice).
namespace code {
inline constexpr QLatin1StringView InvalidJson("INVALID_JSON_DESCRIPTION");
inline constexpr QLatin1StringView Schema("SCHEMA_VALIDATION_FAILED");
inline constexpr QLatin1StringView InvalidResource("INVALID_RESOURCE");
inline constexpr QLatin1StringView MissingEndState("MISSING_END_STATE");
inline constexpr QLatin1StringView DuplicateStateName("DUPLICATE_STATE_NAME");
inline constexpr QLatin1StringView InvalidStateName("INVALID_STATE_NAME");
inline constexpr QLatin1StringView MissingTransitionTarget("MISSING_TRANSITION_TARGET");
inline constexpr QLatin1StringView InvalidJsonata("INVALID_JSONATA_EXPRESSION");
inline constexpr QLatin1StringView UnsupportedJsonata("UNSUPPORTED_JSONATA_EXPRESSION");
inline constexpr QLatin1StringView NoDollar("NO_DOLLAR");
inline constexpr QLatin1StringView NoPath("NO_PATH");
inline constexpr QLatin1StringView PassResultIsStatic("PASS_RESULT_IS_STATIC");
// Ours (warning): a Retrier or Catcher that can never be used, its errors being handled before it.
inline constexpr QLatin1StringView ShadowedErrorHandler("SHADOWED_ERROR_HANDLER");
// Ours (warning): larger than AWS's definition quota (CreateStateMachine would refuse it).
inline constexpr QLatin1StringView DefinitionTooLarge("DEFINITION_TOO_LARGE");
} // namespace code

// Collects the diagnostics of one validation run. Every check module reports through it, so the
// position rules live in one place: a diagnostic carries the AWS-style pointer of the field it is
// about, and the source position of the most precise value known (defaulting to the pointer's).
class Reporter
{
public:
    Reporter(const asl::AslDocument &doc, const Options &options) : m_doc(doc), m_options(options) {}

    const asl::AslDocument &doc() const { return m_doc; }
    const Options &options() const { return m_options; }
    bool isExpress() const { return m_options.type == MachineType::Express; }

    void error(QLatin1StringView code, const QString &pointer, const QString &message, SourcePos pos = {})
    {
        add(Diagnostic::Severity::Error, code, pointer, message, pos);
    }
    void warning(QLatin1StringView code, const QString &pointer, const QString &message, SourcePos pos = {})
    {
        add(Diagnostic::Severity::Warning, code, pointer, message, pos);
    }

    // Where the value at `pointer` is written ("/" is AWS's location for the document itself); the
    // deepest existing value along the pointer. Large objects get a key index on first use, so a
    // 10 MB definition with thousands of findings stays linear.
    SourcePos positionOf(const QString &pointer) const;

    Diagnostics &diagnostics() { return m_out; }

private:
    void add(Diagnostic::Severity severity, QLatin1StringView code, const QString &pointer,
             const QString &message, SourcePos pos)
    {
        m_out.append(
            Diagnostic{severity, QString(code), pointer, pos.isValid() ? pos : positionOf(pointer), message});
    }

    const JsonMember *member(const Json &object, const QString &key) const;

    const asl::AslDocument &m_doc;
    const Options &m_options;
    Diagnostics m_out;
    mutable QHash<const void *, QHash<QString, qsizetype>> m_keyIndex; // members list -> key -> last index
};

// Small helpers shared by the check modules.
inline QString child(const QString &pointer, QStringView key)
{
    return jsonpointer::append(pointer, key);
}
inline QString child(const QString &pointer, qsizetype index)
{
    return jsonpointer::append(pointer, index);
}
// Where a member's key is written (for "unknown field" and "duplicate" findings).
inline SourcePos keyPos(const Json &object, QStringView key)
{
    const JsonMember *m = object.member(key);
    return m ? m->keyPos : SourcePos{};
}
inline SourcePos valuePos(const Json &object, QStringView key)
{
    const JsonMember *m = object.member(key);
    return m ? m->valuePos : SourcePos{};
}

} // namespace sw::validate
