#pragma once

#include "json/json.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace sw::asl {

enum class StateType { Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map, Unknown };
enum class QueryLanguage { JSONPath, JSONata };

StateType stateTypeFromString(QStringView s);
QString toString(StateType t);
QString toString(QueryLanguage q);

// True for "{% ... %}" JSONata expression strings.
bool isJsonataExpression(const Json &v);
QString jsonataBody(const Json &v); // the text between {% and %}

// A Retry row. Defaults are AWS's (IntervalSeconds 1, MaxAttempts 3, BackoffRate 2.0).
struct Retrier
{
    QStringList errorEquals;
    double intervalSeconds = 1;
    qint64 maxAttempts = 3;
    double backoffRate = 2.0;
    std::optional<qint64> maxDelaySeconds;
    QString jitterStrategy; // "FULL", "NONE" or empty
    Json json;
};

// A Catch row.
struct Catcher
{
    QStringList errorEquals;
    QString next;
    Json resultPath; // undefined when absent, null for "discard"
    Json output;
    Json assign;
    Json json;
};

// The comparison operators of Choice rules (JSONPath query language).
enum class ComparisonOp {
    None,
    StringEquals, StringLessThan, StringGreaterThan, StringLessThanEquals, StringGreaterThanEquals,
    StringMatches,
    NumericEquals, NumericLessThan, NumericGreaterThan, NumericLessThanEquals, NumericGreaterThanEquals,
    BooleanEquals,
    TimestampEquals, TimestampLessThan, TimestampGreaterThan, TimestampLessThanEquals, TimestampGreaterThanEquals,
    IsNull, IsPresent, IsNumeric, IsString, IsBoolean, IsTimestamp,
};
// Parses "NumericEquals" / "NumericEqualsPath"; sets isPath for the Path variants.
ComparisonOp comparisonOpFromString(QStringView s, bool *isPath);
QString toString(ComparisonOp op, bool isPath);
const QStringList &allComparisonOperatorNames(); // every operator name, Path variants included

// A Choice rule or a nested boolean expression inside one.
struct ChoiceRule
{
    enum class Kind { Comparison, And, Or, Not, Condition, Invalid };
    Kind kind = Kind::Invalid;
    QString variable;             // Comparison: the Variable path
    ComparisonOp op = ComparisonOp::None;
    bool operandIsPath = false;   // the ...Path variant
    Json operand;                 // the comparison value (or path string)
    std::vector<ChoiceRule> children; // And/Or operands, or the single Not operand
    Json condition;               // JSONata Condition
    // Top-level rules only:
    QString next;
    Json assign;
    Json output;
    Json json;
};

struct StateMachine;

// One state, as a read-only typed view of its JSON object (which is kept in `json`). Fields that
// carry data are Json values, undefined when absent; `json` has everything, unknown keys included.
struct State
{
    QString name;
    QString pointer; // JSON pointer of the state object, e.g. /States/A/Branches/0/States/B
    StateType type = StateType::Unknown;
    QString typeName;
    QueryLanguage queryLanguage = QueryLanguage::JSONPath; // effective
    Json json;

    QString comment;
    QString next;
    bool end = false;

    // Input and output processing
    Json inputPath, outputPath, parameters, resultSelector, resultPath, result;
    Json arguments, output, assign;

    // Task
    QString resource;
    Json timeoutSeconds, timeoutSecondsPath, heartbeatSeconds, heartbeatSecondsPath, credentials;
    QList<Retrier> retry;
    QList<Catcher> catchers;

    // Choice
    std::vector<ChoiceRule> choices;
    QString defaultNext;

    // Wait
    Json seconds, secondsPath, timestamp, timestampPath;

    // Fail
    Json error, errorPath, cause, causePath;

    // Parallel branches
    std::vector<StateMachine> branches;

    // Map
    std::vector<StateMachine> processor; // zero or one: ItemProcessor, or legacy Iterator
    bool legacyIterator = false;
    bool distributed = false;     // ProcessorConfig.Mode == DISTRIBUTED
    QString executionType;        // ProcessorConfig.ExecutionType (STANDARD|EXPRESS)
    Json itemsPath, items, itemSelector, itemReader, itemBatcher, resultWriter;
    Json maxConcurrency, maxConcurrencyPath;
    Json toleratedFailurePercentage, toleratedFailurePercentagePath;
    Json toleratedFailureCount, toleratedFailureCountPath;
    Json label;

    const StateMachine *itemProcessor() const { return processor.empty() ? nullptr : &processor.front(); }
    bool isTerminal() const { return end || type == StateType::Succeed || type == StateType::Fail; }
    bool isCallback() const { return resource.endsWith(QLatin1String(".waitForTaskToken")); }
    bool isSync() const { return resource.contains(QLatin1String(".sync")); }
    bool isActivity() const { return resource.startsWith(QLatin1String("arn:aws:states:")) && resource.contains(QLatin1String(":activity:")); }
};

// A state machine or a nested one (Parallel branch, Map processor): a typed, read-only view.
struct StateMachine
{
    QString pointer; // "" for the top level, "/States/P/Branches/0" for a branch...
    QString startAt;
    QString comment;
    QString version;
    Json timeoutSeconds;
    QueryLanguage queryLanguage = QueryLanguage::JSONPath;
    Json json;
    std::vector<State> states; // authored order
    QHash<QString, int> index; // name -> position in states

    const State *state(const QString &name) const
    {
        const auto it = index.constFind(name);
        return it == index.constEnd() ? nullptr : &states[size_t(*it)];
    }
    // Every state in this machine and all nested ones, depth first in authored order.
    QList<const State *> allStates() const;
    int depth = 0; // nesting level: 0 for the top level
};

// Builds the typed view of a parsed definition. Lenient: fields of the wrong JSON type are treated
// as absent (the Validator reports them). Never fails.
StateMachine buildStateMachine(const Json &root);

} // namespace sw::asl
