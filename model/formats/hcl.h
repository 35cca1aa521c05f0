#pragma once

#include "textindex.h"
#include "json/json.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace sw::formats {

// The part of HCL 2 (Terraform's configuration language) Stepwise needs: blocks, attributes and the
// literal expressions a state machine definition is written in (objects, tuples, strings with
// ${...} templates, heredocs, numbers, bools, null, function calls and references). Anything else
// (operators, conditionals, for expressions, splats) is kept as an "other" node with its source
// text, so a caller can say exactly which expression it cannot evaluate. Offsets are bytes into
// the parsed text. No I/O; errors are values.
struct HclNode
{
    enum class Kind { Null, Bool, Number, String, Heredoc, Object, Tuple, Call, Reference, Other };
    Kind kind = Kind::Other;
    qsizetype start = 0;
    qsizetype end = 0;
    Json literal; // Null, Bool, Number; String and Heredoc: the decoded text (${...} kept as written)
    QString name; // Call: the function; Reference: the traversal (aws_lambda_function.f.arn)
    bool templateEscapes = false;    // the text used $${ or %%{ escapes
    bool templateDirectives = false; // the text used %{ ... } directives
    QList<HclNode> children;         // Tuple items, Call arguments, Object keys and values alternating
};

struct HclAttribute
{
    QString name;
    SourcePos pos;
    HclNode value;
};

struct HclBlock
{
    QString type;
    QStringList labels;
    SourcePos pos;
    qsizetype start = 0;
    qsizetype end = 0;
    QList<HclAttribute> attributes;
    QList<HclBlock> blocks;
    const HclAttribute *attribute(const QString &name) const;
};

struct HclFile
{
    bool ok = false;
    QString error;
    SourcePos errorPos;
    QList<HclBlock> blocks; // top level
    TextIndex index;

    static HclFile parse(const QByteArray &text);
};

// An expression node as Json: literals as they are, anything else as the string "${<source>}" with
// its pointer listed in `expressions` (pointer -> source text). `error` names the first part that
// cannot be a JSON value at all (a computed object key).
struct HclJson
{
    Json value;
    QHash<QString, QString> expressions;
    QString dynamicPart; // first non-reference expression, "pointer: text"
    QString error;
};
HclJson hclToJson(const HclNode &node, const TextIndex &index);

// HCL expression text for a Json value, as `terraform fmt` lays it out (one member per line, the
// '=' of consecutive one-line members aligned). Strings at the pointers in `expressions` whose text
// is still "${<source>}" are written back as the bare expression. Lines after the first are
// indented by `indent` spaces.
QByteArray writeHcl(const Json &value, int indent, const QHash<QString, QString> &expressions = {});
// A string literal in HCL syntax: ${ and %{ written literally unless `templates` keeps them live.
QByteArray hclString(const QString &s, bool templates);
bool isHclIdentifier(QStringView s);

} // namespace sw::formats
