#pragma once

#include "textindex.h"
#include "yaml.h"
#include "json/json.h"

#include <QByteArray>
#include <QSet>
#include <QString>
#include <QStringList>
#include <functional>

namespace sw::formats {

// Text surgery shared by the YAML, template and Terraform savers: find where a value is written
// and replace only the lines that an edit changes (through mergeLines), so the rest of a file an
// author wrote stays byte for byte. Each function reports failure instead of guessing; callers
// re-read what they produce before they hand it out.

// The offset just past the JSON value that starts at `start` (an object, array, string or scalar),
// or -1 when the text ends first.
qsizetype jsonValueEnd(const QByteArray &text, qsizetype start);

// The indentation unit a JSON text uses (2 when it cannot tell); 0 for a one-line text.
int detectJsonIndent(const QByteArray &text);

// JSON text for `edited` that keeps the formatting of `originalText` (which reads as `original`)
// on every line the edit does not change. Raw placeholders (see placeholders.h) stay unquoted.
QByteArray mergeJsonText(const QByteArray &originalText, const Json &original, const Json &edited,
                         const QSet<QString> &rawNames = {});

// Replaces the JSON value at [start, end) of `doc`, which reads as `oldValue`, with `newValue`
// written at the indentation of its line, changing only the lines that differ.
QByteArray spliceJsonValue(const QByteArray &doc, qsizetype start, qsizetype end, const Json &oldValue,
                           const Json &newValue);

// Replaces the value at [start, end) of `doc`, whose text is `oldText` as Stepwise would write it,
// with `newText` (both with lines after the first already indented for their place), changing only
// the lines that differ between the two.
QByteArray spliceRendered(const QByteArray &doc, qsizetype start, qsizetype end, const QByteArray &oldText,
                          const QByteArray &newText);

// The lines (1-based, inclusive) of a block mapping member whose key is at `keyPos`: the key line
// and every following line indented deeper, up to the last one with content. Fails when the key
// is not the first thing on its line (flow style).
struct YamlRegion
{
    int firstLine = 0;
    int lastLine = 0;
    int keyIndent = 0;
    QString error;
};
YamlRegion yamlMemberRegion(const TextIndex &index, SourcePos keyPos);

// Rewrites the member `key` at `keyPos` (whose value reads as `oldValue`) with `newValue`, merging
// line by line so comments on untouched lines stay. `lostComments` gets the 1-based lines whose
// comments were dropped. Empty on failure (with `error` set).
QByteArray spliceYamlMember(const QByteArray &doc, SourcePos keyPos, const QString &key, const Json &oldValue,
                            const Json &newValue, const YamlWriteOptions &style, QList<int> *lostComments,
                            QString *error, bool merge = true);

// Where a YAML scalar that starts at `pos` (possibly after a tag such as !Sub) is written. Literal
// and folded blocks give their content lines; quoted and plain scalars their offsets.
struct YamlScalarSpan
{
    enum class Kind { Literal, Folded, Quoted, Plain, Unknown };
    Kind kind = Kind::Unknown;
    qsizetype start = 0; // offset of the scalar (the block indicator or the opening quote)
    qsizetype end = 0;   // offset just past it (blocks: the end of the last content line)
    int headerLine = 0;
    int firstContentLine = 0; // blocks only; 0 when the block is empty
    int lastContentLine = 0;
    int contentIndent = 0;
};
YamlScalarSpan locateYamlScalar(const TextIndex &index, SourcePos pos);

// A copy of `v` whose member and item positions went through `map` (to show positions of a
// definition embedded in a bigger file).
Json mapPositions(const Json &v, const std::function<SourcePos(SourcePos)> &map);

// Replaces [start, end) of `doc` (offsets) by `replacement`.
QByteArray replaceSpan(const QByteArray &doc, qsizetype start, qsizetype end, const QByteArray &replacement);

} // namespace sw::formats
