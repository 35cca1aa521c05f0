#pragma once

#include "json/json.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace sw::formats {

// `${Name}` placeholders in a definition: the variables CloudFormation's DefinitionSubstitutions
// and Fn::Sub, SAM and Terraform's templatefile() replace before Step Functions sees the text.
// findPlaceholders() lists them for a values panel; resolvePlaceholders() replaces them so the
// definition can be validated and simulated as it will be deployed. "Raw" placeholders stood
// unquoted in the text (`"MaxConcurrency": ${Limit}`): Stepwise shows them as the string
// "${Limit}" and substitutes a JSON value (a number, true...) for them. Pure functions, no I/O.
struct Placeholder
{
    QString name;
    QStringList pointers; // where it is used (JSON pointers into the definition)
    bool raw = false;     // a whole JSON value rather than text inside a string
    Json value;           // the value its source gives (undefined when none is known)
    QString source; // e.g. "DefinitionSubstitutions", "Fn::Sub variable", "!GetAtt", "template parameter"
};

enum class PlaceholderSyntax {
    Plain, // ${Name}
    FnSub, // also ${!Literal}, which Fn::Sub turns into the literal text ${Literal}
};

// Every ${Name} in the strings of `definition` (member names included), in document order.
QList<Placeholder> findPlaceholders(const Json &definition,
                                    PlaceholderSyntax syntax = PlaceholderSyntax::Plain,
                                    const QSet<QString> &rawNames = {});

struct Resolution
{
    Json definition;
    QStringList unresolved; // names without a value (left as they are)
    QStringList errors;     // raw placeholders whose value is not JSON, ...
};

// Replaces each ${Name} that has a value. A raw placeholder (a string that is exactly "${Name}" and
// whose name is in rawNames) becomes the value parsed as JSON when it is a string holding JSON, else
// the value itself; inside longer strings a value is inserted as text (strings as they are,
// other values in compact JSON).
Resolution resolvePlaceholders(const Json &definition, const QHash<QString, Json> &values,
                               PlaceholderSyntax syntax = PlaceholderSyntax::Plain,
                               const QSet<QString> &rawNames = {});

// The values the placeholders' sources give, replaced by `overrides` (what the user typed in the
// values panel) where present: the map resolvePlaceholders() takes.
QHash<QString, Json> placeholderValues(const QList<Placeholder> &placeholders,
                                       const QHash<QString, Json> &overrides = {});

// Text-level helpers for definitions kept as strings (DefinitionString, templatefile()).
struct ProtectedText
{
    QByteArray json; // the text with every unquoted ${Name} wrapped in quotes
    QSet<QString> rawNames;
};
// Quotes ${Name} placeholders that stand outside JSON strings so the text parses as JSON.
ProtectedText protectRawPlaceholders(const QByteArray &text);
// The reverse for text Stepwise wrote: "${Name}" tokens of raw names lose their quotes.
QByteArray unprotectRawPlaceholders(const QByteArray &json, const QSet<QString> &rawNames);

} // namespace sw::formats
