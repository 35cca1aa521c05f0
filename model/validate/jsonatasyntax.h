#pragma once

#include <QString>
#include <QStringView>

namespace sw::validate {

// The outcome of checking one JSONata expression (the text between "{%" and "%}").
struct JsonataCheck
{
    enum class Kind {
        Ok,
        SyntaxError,       // the text is not a JSONata 2.0 expression
        TopLevelReference, // a field name read from the (absent) top-level context, or `$$`
    };
    Kind kind = Kind::Ok;
    qsizetype offset = 0; // offset of the offending token inside the checked text
    QString message;
    // Where `$states.errorOutput` is read (-1: nowhere): AWS allows it only in a Catcher's Output
    // and Assign, which the caller knows and this checker does not.
    qsizetype errorOutputAt = -1;

    bool isOk() const { return kind == Kind::Ok; }
};

// A syntax checker for JSONata 2.0 expressions, as Step Functions accepts them in "{% ... %}"
// strings: a tokenizer and a Pratt parser for paths, predicates, operators, function calls and
// definitions (lambdas with optional signatures), conditionals, regex literals, object and array
// constructors, variable binding `:=`, `~>` chains, transforms, backtick names and comments.
//
// It only decides whether the text parses (plus the AWS rule that a bare field name must not be
// read from the top-level context, where Step Functions provides no input); it never evaluates
// anything and never throws. Deeply nested expressions are rejected with an error instead of
// exhausting the stack.
JsonataCheck checkJsonata(QStringView expression);

} // namespace sw::validate
