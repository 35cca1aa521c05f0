#pragma once

#include "cfntemplate.h"
#include "splice.h"

namespace sw::formats {

// The JSON text of a DefinitionString (plain, Fn::Sub or Fn::Join) and where it is written, shared
// by CfnTemplate::definition() and CfnTemplate::save(). Internal to model/formats.
struct DefinitionText
{
    QString text;
    QString error;                   // the text cannot be assembled
    QString readOnlyReason;          // it can be shown but not saved back
    SourcePos scalarPos;             // the string that holds the text
    YamlScalarSpan block;            // YAML templates: how that string is written
    QHash<QString, Json> values;     // Fn::Sub variables with literal values
    QHash<QString, QString> sources; // placeholder name -> where its value comes from
    QString delimiter;               // Fn::Join
    QHash<QString, Json> joinParts;  // Fn::Join: "${A.B}" -> the intrinsic part it stands for
};

DefinitionText definitionText(const CfnTemplate &t, int index);

// Fn::Join parts for `text`: split at the delimiter (at line ends when it is empty), with the
// placeholders that stood for intrinsic parts turned back into them.
Json joinPartsFor(const QString &text, const QString &delimiter, const QHash<QString, Json> &parts);

} // namespace sw::formats
