#pragma once

#include "json/json.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

namespace sw::gui::inspector {

// The inspector's knowledge of ASL fields: which fields each state type has in each query
// language, grouped as the console groups them (Configuration, Input, Output, Error handling,
// Variables), what kind of editor each gets, and how an editor's text becomes a value (or an error
// shown while typing). Retry, Catch and the Choice rules have their own tables and are not listed.
enum class FieldKind {
    Text,       // a string; in a JSONata state also "{% expression %}"
    Integer,    // a non-negative integer; in a JSONata state also "{% expression %}"
    Number,     // a number; in a JSONata state also "{% expression %}"
    Enum,       // one of `options` ("" removes the field)
    Path,       // a JSONPath (or null where ASL allows it)
    ResultPath, // a reference path rooted at $, or null
    Json,       // any JSON: payload templates, Result, Output, Assign, ItemReader...
};

struct FieldSpec
{
    QString group;
    QString key;
    FieldKind kind = FieldKind::Text;
    QStringList options; // Enum
    QString hint;        // placeholder text
};

QString kindName(FieldKind kind);
QList<FieldSpec> stateFields(const QString &type, bool jsonata);
QList<FieldSpec> machineFields();

// The text an editor shows for a value (undefined: "").
QString displayValue(const Json &value, FieldKind kind);
// The value an editor's text stands for; empty text is undefined (the field is removed). On
// error returns undefined and sets *error ("" otherwise).
Json parseValue(const QString &text, FieldKind kind, const QStringList &options, bool jsonata,
                QString *error);

// Checks the expressions inside a JSON value: "{% ... %}" strings in JSONata, `.$` keys (paths or
// intrinsic functions) in JSONPath payload templates. Returns the first problem, "" when none.
QString checkExpressions(const Json &value, bool jsonata);
// Checks one "{% ... %}" string; "" when it is not one or it parses.
QString checkJsonataString(const QString &text);

// A value on one line: a string as it is, anything else as compact JSON ("" when undefined).
QString inlineText(const Json &value);

// The rules of a Choice state as rows for the Choice editor, depth-first: each condition (the rule
// itself, And/Or operands, a Not's operand) is a row keyed by its pointer inside the state
// (inspectorchoice.cpp).
void flattenChoiceRules(const Json &choices, QList<QVariantMap> &rows);

} // namespace sw::gui::inspector
