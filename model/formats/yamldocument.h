#pragma once

#include "asl/asldocument.h"
#include "embedded.h"
#include "yaml.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace sw::formats {

// Definitions kept as YAML (.asl.yaml, .asl.yml). Opening gives the same AslDocument a JSON file
// gives, with positions pointing into the YAML text, plus the list of what Stepwise cannot keep
// for this file (shown to the user before they edit). Saving carries the edit into the author's
// text line by line: comments, blank lines, quoting and flow style stay on every line the edit
// does not touch; the lines it touches are written in block style. When the merged text would not
// read back as the edited document, the whole file is rewritten and the warnings say so.
struct YamlOpenResult
{
    asl::AslDocument document; // readDiagnostics hold INVALID_YAML_DESCRIPTION when it is not YAML
    QStringList limitations;   // what saving cannot keep, for this file
};

YamlOpenResult openYamlDefinition(const QByteArray &utf8);

SaveResult saveYamlDefinition(const QByteArray &original, const Json &edited);

// The new text of a YAML document after an edit, merged into `original` (see above); `reference`
// is what `original` reads as.
SaveResult mergeYamlText(const QByteArray &original, const Json &reference, const Json &edited,
                         const YamlReadOptions &options = {});

} // namespace sw::formats
