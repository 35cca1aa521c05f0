#pragma once

#include "expressions.h"
#include "reporter.h"

#include "asl/statemachine.h"

#include <QString>
#include <QStringList>
#include <QStringView>

#include <initializer_list>
#include <limits>

namespace sw::validate {

// Typed checks of the members of one JSON object (a state, a Retrier, an ItemReader...), with the
// AWS-style messages "The value for the field 'X' must be ...". Every check passes when the member
// is absent (presence is checked separately with require()). In a JSONata state, fields that
// accept an expression also accept a "{% ... %}" string, whose syntax is checked too.
class Fields
{
public:
    Fields(Reporter &r, const Json &object, const QString &pointer, asl::QueryLanguage language)
        : m_r(r), m_obj(object), m_ptr(pointer), m_jsonata(language == asl::QueryLanguage::JSONata)
    {
    }

    const Json &object() const { return m_obj; }
    const QString &pointer() const { return m_ptr; }
    bool isJsonata() const { return m_jsonata; }
    const Json *get(QStringView key) const { return m_obj.find(key); }
    bool has(QStringView key) const { return m_obj.contains(key); }
    QString ptr(QStringView key) const { return child(m_ptr, key); }
    SourcePos pos(QStringView key) const { return valuePos(m_obj, key); }

    void fail(QStringView key, const QString &message) const;
    void mustBe(QStringView key, const QString &what) const;
    // A finding about the object itself (e.g. a missing alternative).
    void failHere(const QString &message) const;

    // "The field 'X' is required but was missing" (reported at this object).
    bool require(QStringView key) const;
    // At most one of the keys; reports the later ones.
    void exclusive(std::initializer_list<QStringView> keys) const;
    // Reports every member not in `allowed` as "not supported by Step Functions".
    void onlyKnown(const QStringList &allowed, const QString &context = QString()) const;

    bool string(QStringView key, bool nonEmpty = false) const;
    // A "${Name}" string standing for a number or boolean the template substitutes (Options).
    bool rawPlaceholder(const Json &v) const;
    bool boolean(QStringView key) const;
    bool object(QStringView key) const;
    bool array(QStringView key, bool nonEmpty = false) const;
    bool oneOf(QStringView key, const QStringList &values) const;
    // An integer in [min, max]; in a JSONata state also a JSONata expression when `jsonataAllowed`.
    bool integer(QStringView key, qint64 min, qint64 max = std::numeric_limits<qint64>::max(),
                 bool jsonataAllowed = true) const;
    bool number(QStringView key, double min, double max, bool jsonataAllowed = true) const;
    // A path string (or null when `nullAllowed`).
    bool path(QStringView key, PathKind kind, bool nullAllowed = false) const;
    // An RFC 3339 timestamp (AWS's profile) or, in a JSONata state, an expression.
    bool timestamp(QStringView key) const;
    // A JSONata expression string, or a value of the given kind, for fields such as Items/Condition.
    bool expressionOr(QStringView key, Json::Type type, const QString &what) const;

    // Checks a "{% %}" string when this is a JSONata state; false when the value is not one.
    bool jsonataString(QStringView key, const Json &v) const;

private:
    Reporter &m_r;
    const Json &m_obj;
    QString m_ptr;
    bool m_jsonata;
};

// AWS's profile of RFC 3339: "2016-03-14T01:59:00Z", uppercase T and Z, optional fraction, or a
// numeric offset; the date and time must exist.
bool isRfc3339Timestamp(QStringView text);

// Counts Unicode code points (state names are limited to 80 characters, not UTF-16 units).
qsizetype codePointCount(QStringView text);

} // namespace sw::validate
