#pragma once

#include "json/json.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <memory>
#include <optional>

namespace sw::expr {

struct FilterExpr;

// One step of a JSONPath after its root.
struct PathSegment
{
    enum class Kind : quint8 {
        Name,       // .name or ['name']
        Names,      // ['a','b']
        Index,      // [n] (n may be negative: from the end)
        Indexes,    // [1,2]
        Wildcard,   // .* or [*]
        Slice,      // [a:b] (a third component is accepted and ignored, as AWS does)
        Filter,     // [?( ... )]
        Descendant, // .. : the following segment applies at every depth
    };
    Kind kind = Kind::Name;
    QString name;
    QStringList names;
    qint64 index = 0;
    QList<qint64> indexes;
    std::optional<qint64> sliceStart;
    std::optional<qint64> sliceEnd;
    std::shared_ptr<const FilterExpr> filter;
};

// A parsed JSONPath as Amazon States Language uses it: `$` (the state's data), `$$` (the context
// object), `$name` (a workflow variable) or `@` (the current item, only inside filters), followed by
// steps. AWS evaluates paths with the Jayway JsonPath library, so the accepted syntax and the
// "definite"/"indefinite" distinction follow it: a definite path (names and single indexes only)
// yields one value or "not found"; any other path yields a list of matches, possibly empty.
//
// A JsonPath is immutable and cheap to copy (shared); parse once and keep it. It is pure syntax:
// it never evaluates anything (see sim::evaluatePath) and never throws.
class JsonPath
{
public:
    enum class Root : quint8 { Input, Context, Variable, Current };

    // Parses `text`. On failure returns nullopt and writes a one-line reason into *error.
    // `allowCurrent` accepts `@` roots (filter operands).
    static std::optional<JsonPath> parse(QStringView text, QString *error = nullptr, bool allowCurrent = false);

    Root root() const;
    const QString &variableName() const; // for Root::Variable
    const QList<PathSegment> &segments() const;
    const QString &text() const; // as authored (trimmed)

    bool isRootOnly() const { return segments().isEmpty(); }
    // Definite in Jayway's sense: only Name and Index segments.
    bool isDefinite() const;
    // An AWS "Reference Path": names (dot or single quoted bracket) and single indexes only.
    bool isReferencePath() const;
    // Jayway's rendering of the path, used in AWS messages: $['a'][0]['b'].
    QString normalized() const;
    // Jayway's rendering of the first `count` segments (for "Missing property in path ..." messages).
    QString normalizedPrefix(qsizetype count) const;

private:
    struct Data;
    std::shared_ptr<const Data> d;
};

// A value or path inside a filter expression.
struct FilterOperand
{
    enum class Kind : quint8 { None, Path, Literal, Regex };
    Kind kind = Kind::None;
    std::optional<JsonPath> path; // @... or $...
    Json literal;                 // string, number, bool, null, array or object literal
    QString regex;                // /pattern/
    QString regexFlags;
};

// A filter expression: [?( @.price < 10 && @.category == 'fiction' )].
struct FilterExpr
{
    enum class Kind : quint8 { Or, And, Not, Compare, Exists };
    Kind kind = Kind::Exists;
    std::shared_ptr<const FilterExpr> lhs, rhs; // Or/And (both), Not (lhs)
    FilterOperand left, right;                  // Compare (both), Exists (left)
    QString op;                                 // ==, !=, <, <=, >, >=, =~, in, nin, subsetof, anyof, noneof, size, empty, contains
};

// Parses the text between "[?(" and ")]". Used by JsonPath::parse.
std::shared_ptr<const FilterExpr> parseFilterExpression(QStringView text, QString *error);

} // namespace sw::expr
