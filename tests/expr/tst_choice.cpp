// JSONPath Choice rules: every comparison operator and its Path variant, the type tests, And/Or/Not,
// StringMatches and timestamps.
//
// Expectations: AWS developer guide ("Choice workflow state"), the ASL specification (timestamps),
// executions recorded on AWS (../shared/corpus/conformance choice_operators cases, reproduced here as
// rows; the whole corpus runs in tst_exprconformance) and AWS error texts from recorded executions.
#include "exprtest.h"

#include "asl/statemachine.h"
#include "simulator/data/choice.h"
#include "simulator/data/timestamp.h"

#include <QtTest>

using namespace sw;

namespace {

// Builds a rule through the model, as the interpreter gets it.
asl::ChoiceRule rule(const QByteArray &ruleJson)
{
    const Json machine = J(QByteArray(R"({"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [)" + ruleJson
                                      + R"(], "Default": "D"}, "D": {"Type": "Pass", "End": true}}})")
                               .constData());
    const asl::StateMachine m = asl::buildStateMachine(machine);
    return m.state(QStringLiteral("C"))->choices.front();
}

} // namespace

class TestChoice : public QObject
{
    Q_OBJECT
private slots:
    void operators_data()
    {
        QTest::addColumn<QByteArray>("ruleJson");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<bool>("expected");
        auto row = [](const char *name, const char *r, const char *in, bool e) {
            QTest::newRow(name) << QByteArray(r) << QByteArray(in) << e;
        };
        // Recorded executions (choice_operators): type mismatches are false, never errors.
        row("BooleanEquals false/false", R"({"Variable": "$.Variable", "BooleanEquals": false, "Next": "T"})", R"({"Variable": false})", true);
        row("BooleanEquals on 0", R"({"Variable": "$.Variable", "BooleanEquals": false, "Next": "T"})", R"({"Variable": 0})", false);
        row("BooleanEquals on null", R"({"Variable": "$.Variable", "BooleanEquals": true, "Next": "T"})", R"({"Variable": null})", false);
        row("BooleanEqualsPath", R"({"Variable": "$.Variable", "BooleanEqualsPath": "$.Value", "Next": "T"})", R"({"Variable": true, "Value": true})", true);
        row("BooleanEqualsPath on 1", R"({"Variable": "$.Variable", "BooleanEqualsPath": "$.Value", "Next": "T"})", R"({"Variable": 1, "Value": true})", false);
        row("NumericEquals 0 == 0.0", R"({"Variable": "$.Variable", "NumericEquals": 0.0, "Next": "T"})", R"({"Variable": 0})", true);
        row("NumericEquals 2.22", R"({"Variable": "$.Variable", "NumericEquals": 2.22, "Next": "T"})", R"({"Variable": 2.22})", true);
        row("NumericEquals 1.1 vs 1.0", R"({"Variable": "$.Variable", "NumericEquals": 1.0, "Next": "T"})", R"({"Variable": 1.1})", false);
        row("NumericEquals on string", R"({"Variable": "$.Variable", "NumericEquals": 1, "Next": "T"})", R"({"Variable": "1"})", false);
        row("NumericEquals on true", R"({"Variable": "$.Variable", "NumericEquals": 1, "Next": "T"})", R"({"Variable": true})", false);
        row("NumericEqualsPath 1 vs 1.0", R"({"Variable": "$.Variable", "NumericEqualsPath": "$.Value", "Next": "T"})", R"({"Variable": 1, "Value": 1.0})", true);
        row("NumericGreaterThan", R"({"Variable": "$.Variable", "NumericGreaterThan": 0, "Next": "T"})", R"({"Variable": 1})", true);
        row("NumericGreaterThan equal", R"({"Variable": "$.Variable", "NumericGreaterThan": 1, "Next": "T"})", R"({"Variable": 1})", false);
        row("NumericGreaterThanPath", R"({"Variable": "$.Variable", "NumericGreaterThanPath": "$.Value", "Next": "T"})", R"({"Variable": 0, "Value": 1})", false);
        row("NumericGreaterThanEquals", R"({"Variable": "$.Variable", "NumericGreaterThanEquals": 0, "Next": "T"})", R"({"Variable": 0})", true);
        row("NumericGreaterThanEqualsPath", R"({"Variable": "$.Variable", "NumericGreaterThanEqualsPath": "$.Value", "Next": "T"})", R"({"Variable": 1, "Value": 0})", true);
        row("NumericLessThan", R"({"Variable": "$.Variable", "NumericLessThan": 1, "Next": "T"})", R"({"Variable": 0})", true);
        row("NumericLessThanPath", R"({"Variable": "$.Variable", "NumericLessThanPath": "$.Value", "Next": "T"})", R"({"Variable": 1, "Value": 0})", false);
        row("NumericLessThanEquals", R"({"Variable": "$.Variable", "NumericLessThanEquals": 0, "Next": "T"})", R"({"Variable": 0.0})", true);
        row("NumericLessThanEqualsPath", R"({"Variable": "$.Variable", "NumericLessThanEqualsPath": "$.Value", "Next": "T"})", R"({"Variable": 1, "Value": 1})", true);
        row("StringEquals", R"({"Variable": "$.Variable", "StringEquals": "Hello", "Next": "T"})", R"({"Variable": "Hello"})", true);
        row("StringEquals on number", R"({"Variable": "$.Variable", "StringEquals": "HelloWorld", "Next": "T"})", R"({"Variable": 0})", false);
        row("StringEquals whitespace", R"({"Variable": "$.Variable", "StringEquals": "\t\r\n", "Next": "T"})", R"({"Variable": "\t\n"})", false);
        row("StringEqualsPath", R"({"Variable": "$.Variable", "StringEqualsPath": "$.Value", "Next": "T"})", R"({"Variable": "a", "Value": "a"})", true);
        row("StringGreaterThan empty", R"({"Variable": "$.Variable", "StringGreaterThan": "", "Next": "T"})", R"({"Variable": ""})", false);
        row("StringGreaterThan prefix", R"({"Variable": "$.Variable", "StringGreaterThan": "A ", "Next": "T"})", R"({"Variable": "A"})", false);
        row("StringGreaterThanPath", R"({"Variable": "$.Variable", "StringGreaterThanPath": "$.Value", "Next": "T"})", R"({"Variable": "AB", "Value": "ABC"})", false);
        row("StringGreaterThanEquals", R"({"Variable": "$.Variable", "StringGreaterThanEquals": "", "Next": "T"})", R"({"Variable": ""})", true);
        row("StringGreaterThanEqualsPath", R"({"Variable": "$.Variable", "StringGreaterThanEqualsPath": "$.Value", "Next": "T"})", R"({"Variable": "AB", "Value": "A"})", true);
        row("StringLessThan", R"({"Variable": "$.Variable", "StringLessThan": "AB", "Next": "T"})", R"({"Variable": "A"})", true);
        row("StringLessThanPath", R"({"Variable": "$.Variable", "StringLessThanPath": "$.Value", "Next": "T"})", R"({"Variable": "AB", "Value": "A"})", false);
        row("StringLessThanEquals", R"({"Variable": "$.Variable", "StringLessThanEquals": "AB", "Next": "T"})", R"({"Variable": "A"})", true);
        row("StringLessThanEqualsPath", R"({"Variable": "$.Variable", "StringLessThanEqualsPath": "$.Value", "Next": "T"})", R"({"Variable": "A", "Value": "AB"})", true);
        row("TimestampEquals", R"({"Variable": "$.Variable", "TimestampEquals": "2012-10-09T19:00:55Z", "Next": "T"})", R"({"Variable": "2012-10-09T19:00:55Z"})", true);
        row("TimestampEquals not a timestamp", R"({"Variable": "$.Variable", "TimestampEquals": "2012-10-09T19:00:55Z", "Next": "T"})", R"({"Variable": "2023-02-24 12:15:56.832957"})", false);
        row("TimestampEquals on number", R"({"Variable": "$.Variable", "TimestampEquals": "2012-10-09T19:00:55Z", "Next": "T"})", R"({"Variable": 0})", false);
        row("TimestampEquals offsets", R"({"Variable": "$.Variable", "TimestampEquals": "2012-10-09T19:00:55Z", "Next": "T"})", R"({"Variable": "2012-10-09T20:00:55+01:00"})", true);
        row("TimestampEqualsPath", R"({"Variable": "$.Variable", "TimestampEqualsPath": "$.Value", "Next": "T"})", R"({"Variable": "2012-10-09T19:00:55Z", "Value": "2012-10-09T19:00:55Z"})", true);
        row("TimestampGreaterThan", R"({"Variable": "$.Variable", "TimestampGreaterThan": "2012-10-09T19:00:55Z", "Next": "T"})", R"({"Variable": "2012-10-09T19:00:55.5Z"})", true);
        row("TimestampGreaterThanPath", R"({"Variable": "$.Variable", "TimestampGreaterThanPath": "$.Value", "Next": "T"})", R"({"Variable": "2012-10-09T19:00:56Z", "Value": "2012-10-09T19:00:55Z"})", true);
        row("TimestampGreaterThanEquals", R"({"Variable": "$.Variable", "TimestampGreaterThanEquals": "2012-10-09T19:00:56Z", "Next": "T"})", R"({"Variable": "2012-10-09T19:00:55Z"})", false);
        row("TimestampGreaterThanEqualsPath", R"({"Variable": "$.Variable", "TimestampGreaterThanEqualsPath": "$.Value", "Next": "T"})", R"({"Variable": "2012-10-09T19:00:55Z", "Value": "2012-10-09T19:00:56Z"})", false);
        row("TimestampLessThan", R"({"Variable": "$.Variable", "TimestampLessThan": "2012-10-09T19:00:55Z", "Next": "T"})", R"({"Variable": "2012-10-09T19:00:55Z"})", false);
        row("TimestampLessThanPath", R"({"Variable": "$.Variable", "TimestampLessThanPath": "$.Value", "Next": "T"})", R"({"Variable": "2012-10-09T19:00:56Z", "Value": "2012-10-09T19:00:55Z"})", false);
        row("TimestampLessThanEquals", R"({"Variable": "$.Variable", "TimestampLessThanEquals": "2012-10-09T19:00:55Z", "Next": "T"})", R"({"Variable": "2012-10-09T19:00:55Z"})", true);
        row("TimestampLessThanEqualsPath", R"({"Variable": "$.Variable", "TimestampLessThanEqualsPath": "$.Value", "Next": "T"})", R"({"Variable": "2012-10-09T19:00:54Z", "Value": "2012-10-09T19:00:55Z"})", true);
        row("IsNull null", R"({"Variable": "$.Variable", "IsNull": true, "Next": "T"})", R"({"Variable": null})", true);
        row("IsNull false on null", R"({"Variable": "$.Variable", "IsNull": false, "Next": "T"})", R"({"Variable": null})", false);
        row("IsNull on 0", R"({"Variable": "$.Variable", "IsNull": true, "Next": "T"})", R"({"Variable": 0})", false);
        row("IsPresent null", R"({"Variable": "$.Variable", "IsPresent": true, "Next": "T"})", R"({"Variable": null})", true);
        row("IsPresent missing", R"({"Variable": "$.Variable", "IsPresent": true, "Next": "T"})", R"({"Other": 1})", false);
        row("IsPresent false missing", R"({"Variable": "$.Variable", "IsPresent": false, "Next": "T"})", R"({"Other": 1})", true);
        row("IsNumeric 0.0", R"({"Variable": "$.Variable", "IsNumeric": true, "Next": "T"})", R"({"Variable": 0.0})", true);
        row("IsNumeric false on 0", R"({"Variable": "$.Variable", "IsNumeric": false, "Next": "T"})", R"({"Variable": 0})", false);
        row("IsNumeric on bool", R"({"Variable": "$.Variable", "IsNumeric": true, "Next": "T"})", R"({"Variable": false})", false);
        row("IsString empty", R"({"Variable": "$.Variable", "IsString": true, "Next": "T"})", R"({"Variable": ""})", true);
        row("IsString on array", R"({"Variable": "$.Variable", "IsString": true, "Next": "T"})", R"({"Variable": [""]})", false);
        row("IsBoolean false", R"({"Variable": "$.Variable", "IsBoolean": true, "Next": "T"})", R"({"Variable": false})", true);
        row("IsBoolean on object", R"({"Variable": "$.Variable", "IsBoolean": false, "Next": "T"})", R"({"Variable": {}})", true);
        row("IsTimestamp Z", R"({"Variable": "$.Variable", "IsTimestamp": true, "Next": "T"})", R"({"Variable": "2016-03-14T01:59:00Z"})", true);
        row("IsTimestamp offset", R"({"Variable": "$.Variable", "IsTimestamp": true, "Next": "T"})", R"({"Variable": "2012-10-09T19:00:55+01:00"})", true);
        row("IsTimestamp no zone", R"({"Variable": "$.Variable", "IsTimestamp": true, "Next": "T"})", R"({"Variable": "2012-10-09T19:00:55"})", false);
        row("IsTimestamp date", R"({"Variable": "$.Variable", "IsTimestamp": true, "Next": "T"})", R"({"Variable": "2023-02-24"})", false);
        // AWS guide: StringMatches with * wildcards; \* is a literal asterisk.
        row("StringMatches log-*.txt", R"({"Variable": "$.foo", "StringMatches": "log-*.txt", "Next": "T"})", R"({"foo": "log-2021-01.txt"})", true);
        row("StringMatches no match", R"({"Variable": "$.foo", "StringMatches": "log-*.txt", "Next": "T"})", R"({"foo": "log-2021.csv"})", false);
        row("StringMatches *.log", R"({"Variable": "$.foo", "StringMatches": "*.log", "Next": "T"})", R"({"foo": "app.log"})", true);
        row("StringMatches escaped star", R"({"Variable": "$.foo", "StringMatches": "a\\*b", "Next": "T"})", R"({"foo": "a*b"})", true);
        row("StringMatches escaped star literal", R"({"Variable": "$.foo", "StringMatches": "a\\*b", "Next": "T"})", R"({"foo": "axxb"})", false);
        row("StringMatches on number", R"({"Variable": "$.foo", "StringMatches": "*", "Next": "T"})", R"({"foo": 1})", false);
        // Recorded: Variable into the context object.
        row("context variable", R"({"Variable": "$$.Execution.Input.input-value", "NumericLessThanEquals": 0, "Next": "T"})", "{}", true);
    }
    void operators()
    {
        QFETCH(QByteArray, ruleJson);
        QFETCH(QByteArray, input);
        QFETCH(bool, expected);
        sim::EvalContext ctx;
        ctx.contextObject = J(R"({"Execution": {"Input": {"input-value": 0}}})");
        const auto r = sim::evaluateChoiceRule(rule(ruleJson), J(input.constData()), ctx);
        QVERIFY2(r.ok(), qPrintable(r.failure().cause));
        QCOMPARE(r.value(), expected);
    }

    // AWS guide's Choice state example with Not, And and a plain comparison.
    void booleanCombinations()
    {
        const Json input = J(R"({"type": "Private", "value": 22})");
        const auto notRule = rule(R"({"Not": {"Variable": "$.type", "StringEquals": "Private"}, "Next": "Public"})");
        const auto zero = rule(R"({"Variable": "$.value", "NumericEquals": 0, "Next": "ValueIsZero"})");
        const auto andRule = rule(R"({"And": [{"Variable": "$.value", "NumericGreaterThanEquals": 20},
                                              {"Variable": "$.value", "NumericLessThan": 30}], "Next": "ValueInTwenties"})");
        QCOMPARE(sim::evaluateChoiceRule(notRule, input, {}).value(), false);
        QCOMPARE(sim::evaluateChoiceRule(zero, input, {}).value(), false);
        QCOMPARE(sim::evaluateChoiceRule(andRule, input, {}).value(), true);
        const auto orRule = rule(R"({"Or": [{"Variable": "$.value", "NumericLessThan": 0}, {"Variable": "$.type", "StringEquals": "Private"}], "Next": "X"})");
        QCOMPARE(sim::evaluateChoiceRule(orRule, input, {}).value(), true);
    }

    // The error AWS reports when a comparison's Variable selects nothing (recorded executions quoted
    // in user reports: "Invalid path '$.processing_type': The choice state's condition path
    // references an invalid value.").
    void missingVariable()
    {
        const auto r = sim::evaluateChoiceRule(rule(R"({"Variable": "$.processing_type", "StringEquals": "x", "Next": "T"})"), J("{}"), {});
        QVERIFY(r.failed());
        QCOMPARE(r.failure().error, QStringLiteral("States.Runtime"));
        QVERIFY(r.failure().prefixed);
        QCOMPARE(r.failure().cause,
                 QStringLiteral("Invalid path '$.processing_type': The choice state's condition path references an invalid value."));
        const auto isNull = sim::evaluateChoiceRule(rule(R"({"Variable": "$.x", "IsNull": true, "Next": "T"})"), J("{}"), {});
        QVERIFY(isNull.failed());
    }

    void missingComparisonPath()
    {
        const auto r = sim::evaluateChoiceRule(rule(R"({"Variable": "$.a", "NumericEqualsPath": "$.b", "Next": "T"})"), J(R"({"a": 1})"), {});
        QVERIFY(r.failed());
        QCOMPARE(r.failure().error, QStringLiteral("States.Runtime"));
        QVERIFY(r.failure().cause.startsWith(QStringLiteral("Invalid path '$.b'")));
    }

    void variables()
    {
        TestVariables vars;
        vars.set(QStringLiteral("limit"), Json(10));
        sim::EvalContext ctx;
        ctx.variables = &vars;
        const auto r = sim::evaluateChoiceRule(rule(R"({"Variable": "$limit", "NumericGreaterThan": 5, "Next": "T"})"), J("{}"), ctx);
        QVERIFY(r.ok());
        QCOMPARE(r.value(), true);
    }

    void jsonataConditionIsNotOurs()
    {
        const auto r = sim::evaluateChoiceRule(rule(R"({"Condition": "{% true %}", "Next": "T"})"), J("{}"), {});
        QVERIFY(r.failed());
    }

    // Timestamp strings as AWS accepts them (ASL spec; recorded Wait-state failures for the invalid ones).
    void timestamps_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("Z") << "2016-03-14T01:59:00Z" << true;
        QTest::newRow("fraction") << "2016-03-14T01:59:00.123456789Z" << true;
        QTest::newRow("offset") << "2012-10-09T19:00:55+01:00" << true;
        QTest::newRow("negative offset") << "2012-10-09T19:00:55-05:30" << true;
        QTest::newRow("leap day") << "2016-02-29T00:00:00Z" << true;
        QTest::newRow("no zone") << "2016-12-05T21:29:29" << false;
        QTest::newRow("month 13") << "2016-13-05T21:29:29Z" << false;
        QTest::newRow("day first") << "05-12-2016T21:29:29Z" << false;
        QTest::newRow("no T") << "2016-12-05 21:29:29Z" << false;
        QTest::newRow("feb 30") << "2016-02-30T00:00:00Z" << false;
        QTest::newRow("not leap") << "2015-02-29T00:00:00Z" << false;
        QTest::newRow("date only") << "2023-02-24" << false;
        QTest::newRow("lowercase t") << "2016-03-14t01:59:00Z" << false;
        QTest::newRow("empty fraction") << "2016-03-14T01:59:00.Z" << false;
        QTest::newRow("trailing") << "2016-03-14T01:59:00Zx" << false;
    }
    void timestamps()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QCOMPARE(sim::parseTimestamp(text).has_value(), valid);
    }

    void timestampInstants()
    {
        QCOMPARE(sim::parseTimestamp(u"1970-01-01T00:00:00Z")->epochSeconds, 0);
        QCOMPARE(sim::parseTimestamp(u"2016-03-14T01:59:00Z")->epochSeconds, 1457920740);
        QCOMPARE(sim::parseTimestamp(u"2016-03-14T02:59:00+01:00")->epochSeconds, 1457920740);
        QCOMPARE(sim::parseTimestamp(u"2016-03-14T01:59:00.5Z")->nanos, 500000000);
    }

    void stringMatchesEdges()
    {
        QVERIFY(sim::stringMatches(u"", u"*"));
        QVERIFY(sim::stringMatches(u"abc", u"a*c"));
        QVERIFY(sim::stringMatches(u"abc", u"*b*"));
        QVERIFY(!sim::stringMatches(u"abc", u"a*d"));
        QVERIFY(sim::stringMatches(u"a\\b", u"a\\\\b"));
        QVERIFY(sim::stringMatches(u"aXbXc", u"a*b*c"));
        QVERIFY(!sim::stringMatches(u"ab", u"abc"));
    }
};

QTEST_GUILESS_MAIN(TestChoice)
#include "tst_choice.moc"
