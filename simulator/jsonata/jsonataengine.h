#pragma once

#include "data/evalcontext.h"
#include "data/outcome.h"
#include "json/json.h"

#include <QString>

#include <memory>

namespace sw::sim {

// Evaluates the JSONata expressions of "QueryLanguage": "JSONata" states the way AWS Step Functions
// does: with the reference `jsonata` library (2.0.6, the version AWS documents, bundled as a Qt
// resource and run synchronously in a private QJSEngine), AWS's extra functions ($partition,
// $range, $hash, $random, $uuid, $parse; $eval disabled), `$states` and the workflow variables as
// `$name`, and AWS's States.QueryEvaluationError causes naming the expression and the field.
//
// Contracts:
// - Sandboxed: expressions reach nothing but the values passed in; the JavaScript engine has no
//   file, network or host access beyond JsonataHost (random numbers and hashes).
// - Deterministic: $random/$uuid/$shuffle draw from EvalContext::random (never entropy) and
//   $now/$millis read EvalContext::nowMillis (never the real clock).
// - Bounded: an evaluation that outlives Options::timeBudgetMs (wall clock) is interrupted and
//   fails; recursion deeper than AWS's 100 levels fails with a stack overflow error.
// - Errors are values: nothing throws; every failure is a States.QueryEvaluationError Failure
//   whose cause omits the "An error occurred while executing the state ..." prefix (prefixed=true).
// - One engine per thread: all calls must come from the thread of the first evaluation. The
//   library loads on first use (tens of milliseconds), so keep engines alive and reuse them; the
//   compile cache is keyed by expression text and survives between calls and executions (it is
//   rebuilt when the JavaScript engine is replaced, every ~100,000 evaluation steps).
class JsonataEngine
{
public:
    struct Options
    {
        // AWS stops an expression after 1 s on its (faster) engine; this engine is slower, and a
        // budget is only a guard against non-terminating expressions.
        int timeBudgetMs = 5000;
    };

    JsonataEngine();
    explicit JsonataEngine(Options options);
    ~JsonataEngine();
    JsonataEngine(const JsonataEngine &) = delete;
    JsonataEngine &operator=(const JsonataEngine &) = delete;

    // An engine owned by the calling thread (created on first use, destroyed at thread exit).
    static JsonataEngine &forCurrentThread();

    // Evaluates one expression: the text between "{%" and "%}" (surrounding blanks are ignored,
    // as AWS quotes the expression trimmed). `states` is the $states object ({input, context,
    // result?, errorOutput?}). A result that is undefined, or a function, fails as on AWS.
    Outcome<Json> evaluate(const QString &expression, const QString &fieldName, const Json &states,
                           const EvalContext &ctx);

    // Evaluates a field value: a "{% ... %}" string is an expression; objects and arrays are
    // walked and every "{% ... %}" string in them (at any depth) is replaced by its result, in
    // document order, stopping at the first failure; other values are kept as they are. Causes
    // name the field path: 'Output', 'Arguments/FunctionName', 'Assign/result', 'Output/list[2]'.
    Outcome<Json> evaluateTemplate(const Json &value, const QString &fieldName, const Json &states,
                                   const EvalContext &ctx);

    // Parses `expression` (the text between the delimiters) without evaluating it, on the calling
    // thread's engine. On failure `error` gets JSONata's message, e.g. "S0203: Expected ...".
    static bool checkSyntax(const QString &expression, QString *error = nullptr);

    // AWS's causes, for checks made outside the engine (e.g. the Map state's Items type).
    static Failure undefinedResult(const QString &expression, const QString &fieldName);
    static Failure unsupportedResult(const QString &expression, const QString &fieldName);
    // "... returned an unexpected result type. Expected 'array', but was 'number' for value: 1"
    static Failure unexpectedType(const QString &expression, const QString &fieldName,
                                  const QString &expected, const Json &value);
    static Failure evaluationError(const QString &expression, const QString &fieldName, const QString &error);
    // JSONata's type names: 'array', 'object', 'string', 'number', 'boolean', 'null'.
    static QString typeName(const Json &value);

    // False when the bundled library could not be loaded (a packaging error); see loadError().
    bool isAvailable();
    QString loadError();
    // Compiled expressions held by this engine.
    int cachedExpressions() const;
    // How often the JavaScript engine was replaced to keep V4 fast (see the .cpp).
    int reloads() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace sw::sim
