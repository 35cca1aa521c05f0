// InputPath, payload templates (Parameters/ItemSelector/ResultSelector/Assign), ResultPath, OutputPath.
//
// Expectations: the ASL specification and AWS developer guide ("Processing input and output",
// "ResultPath"), executions recorded on AWS (../shared/corpus/conformance) and AWS error texts quoted
// from recorded executions (AWS workshop and user reports cited per row).
#include "exprtest.h"

#include "simulator/data/dataflow.h"

#include <QtTest>

using namespace sw;

namespace {

void verifyJson(const sim::JsonOutcome &r, const char *expected)
{
    QVERIFY2(r.ok(), qPrintable(r.failure().error + QLatin1String(": ") + r.failure().cause));
    const Json want = J(expected);
    QVERIFY2(want.isDefined(), expected);
    QVERIFY2(r.value() == want, qPrintable(compact(r.value()) + QLatin1String(" != ") + QString::fromUtf8(expected)));
}

// The AWS guide's ResultPath examples use this input.
const char *guideInput()
{
    return "{\"comment\": \"This is a test of the input and output of a Task state.\", \"details\": \"Default example\", "
           "\"who\": \"AWS Step Functions\"}";
}

} // namespace

class TestDataflow : public QObject
{
    Q_OBJECT
private slots:
    void inputPath()
    {
        const Json input = J(R"({"a": {"b": [1, 2]}, "c": 3})");
        verifyJson(sim::applyInputPath(Json(), input, {}), R"({"a": {"b": [1, 2]}, "c": 3})");
        // Recorded: InputPath null gives {} as the effective input.
        verifyJson(sim::applyInputPath(Json(nullptr), input, {}), "{}");
        verifyJson(sim::applyInputPath(Json("$.a.b[1]"), input, {}), "2");
        verifyJson(sim::applyInputPath(Json("$.a.b[*]"), input, {}), "[1, 2]");
        sim::EvalContext ctx;
        ctx.contextObject = J(R"({"Execution": {"Input": {"input-value": 0}}})");
        // Recorded: InputPath "$$.Execution.Input".
        verifyJson(sim::applyInputPath(Json("$$.Execution.Input"), J("{}"), ctx), R"({"input-value": 0})");
    }

    // The text AWS writes for an InputPath/OutputPath that selects nothing.
    void inputPathNotFound()
    {
        const auto r = sim::applyInputPath(Json("$.foo"), J(R"({"bar": 1})"), {});
        QVERIFY(r.failed());
        QCOMPARE(r.failure().error, QStringLiteral("States.Runtime"));
        QVERIFY(r.failure().prefixed);
        QCOMPARE(r.failure().cause, QStringLiteral("Invalid path '$.foo' : No results for path: $['foo']"));
    }

    void outputPath()
    {
        // Recorded: OutputPath null gives {}.
        verifyJson(sim::applyOutputPath(Json(nullptr), J(R"({"a": 1})"), {}), "{}");
        verifyJson(sim::applyOutputPath(Json(), J(R"({"a": 1})"), {}), R"({"a": 1})");
        verifyJson(sim::applyOutputPath(Json("$.a"), J(R"({"a": 1})"), {}), "1");
        // Recorded: OutputPath "$theAnswer" reads a variable.
        TestVariables vars;
        vars.set(QStringLiteral("theAnswer"), Json(42));
        sim::EvalContext ctx;
        ctx.variables = &vars;
        verifyJson(sim::applyOutputPath(Json("$theAnswer"), J("{}"), ctx), "42");
        const auto missing = sim::applyOutputPath(Json("$.x.y"), J(R"({"a": 1})"), {});
        QVERIFY(missing.failed());
        QCOMPARE(missing.failure().cause, QStringLiteral("Invalid path '$.x.y' : Missing property in path $['x']"));
    }

    // AWS guide, "ResultPath" examples.
    void resultPath()
    {
        const Json input = J(guideInput());
        const Json result("Hello, AWS Step Functions!");
        verifyJson(sim::applyResultPath(Json("$"), input, result), "\"Hello, AWS Step Functions!\"");
        verifyJson(sim::applyResultPath(Json(), input, result), "\"Hello, AWS Step Functions!\"");
        verifyJson(sim::applyResultPath(Json(nullptr), input, result), guideInput());
        verifyJson(sim::applyResultPath(Json("$.taskresult"), input, result),
                   "{\"comment\": \"This is a test of the input and output of a Task state.\", \"details\": \"Default example\", "
                   "\"who\": \"AWS Step Functions\", \"taskresult\": \"Hello, AWS Step Functions!\"}");
        // Replacing an existing node keeps its siblings.
        verifyJson(sim::applyResultPath(Json("$.master.detail"), J(R"({"master": {"detail": [1, 2, 3], "other": 1}})"), J("[4, 5, 6]")),
                   R"({"master": {"detail": [4, 5, 6], "other": 1}})");
        // Recorded: ResultPath "$.enigma.mystery" creates both levels.
        verifyJson(sim::applyResultPath(Json("$.enigma.mystery"), J(R"({"functionName": "f"})"), J(R"({"riddle": "?"})")),
                   R"({"functionName": "f", "enigma": {"mystery": {"riddle": "?"}}})");
        verifyJson(sim::applyResultPath(Json("$.list[1]"), J(R"({"list": [1, 2]})"), Json(9)), R"({"list": [1, 9]})");
    }

    // The state input is left untouched (values are shared, copies are cheap).
    void resultPathDoesNotModifyInput()
    {
        const Json input = J(R"({"a": {"b": 1}})");
        const auto r = sim::applyResultPath(Json("$.a.c"), input, Json(2));
        QVERIFY(r.ok());
        QCOMPARE(compact(input), QStringLiteral(R"({"a":{"b":1}})"));
    }

    void resultPathConflicts()
    {
        const auto onArray = sim::applyResultPath(Json("$.x"), J(R"([{"messageId": "1"}])"), Json(1));
        QVERIFY(onArray.failed());
        QCOMPARE(onArray.failure().error, QStringLiteral("States.ReferencePathConflict"));
        QCOMPARE(onArray.failure().cause, QStringLiteral(R"(Unable to apply step "x" to input [{"messageId":"1"}])"));
        QVERIFY(!onArray.failure().prefixed);
        const auto onString = sim::applyResultPath(Json("$.a.b"), J(R"({"a": "text"})"), Json(1));
        QVERIFY(onString.failed());
        QCOMPARE(onString.failure().cause, QStringLiteral(R"(Unable to apply step "b" to input "text")"));
    }

    // ASL specification, "Parameters" example.
    void payloadTemplateSpecExample()
    {
        const Json tmpl = J(R"({"flagged": true, "parts": {"first.$": "$.vals[0]", "last3.$": "$.vals[3:]"}})");
        verifyJson(sim::applyPayloadTemplate(tmpl, J(R"({"flagged": 7, "vals": [0, 10, 20, 30, 40, 50]})"), {}),
                   R"({"flagged": true, "parts": {"first": 0, "last3": [30, 40, 50]}})");
    }

    // Recorded: Map Parameters with the context object, the whole input and a constant.
    void payloadTemplateRecordedMap()
    {
        const Json tmpl = J(R"({"constantValue": "constant", "mapValue.$": "$$.Map.Item.Value", "fromInput.$": "$"})");
        sim::EvalContext ctx;
        ctx.contextObject = J(R"({"Map": {"Item": {"Index": 1, "Value": "World"}}})");
        verifyJson(sim::applyPayloadTemplate(tmpl, J(R"(["Hello", "World"])"), ctx),
                   R"({"constantValue": "constant", "mapValue": "World", "fromInput": ["Hello", "World"]})");
    }

    void payloadTemplateNesting()
    {
        const Json tmpl = J(R"j({"list": [{"x.$": "$.a"}, "lit", [{"y.$": "States.Array($.a)"}]], "static": {"k": [1, 2]}})j");
        verifyJson(sim::applyPayloadTemplate(tmpl, J(R"({"a": 5})"), {}),
                   R"({"list": [{"x": 5}, "lit", [{"y": [5]}]], "static": {"k": [1, 2]}})");
        // A ".$" key needs a string value.
        QVERIFY(sim::applyPayloadTemplate(J(R"({"a.$": 1})"), J("{}"), {}).failed());
        // A key without ".$" keeps a "$..." string as a literal.
        verifyJson(sim::applyPayloadTemplate(J(R"({"p": "$.a"})"), J(R"({"a": 5})"), {}), R"({"p": "$.a"})");
    }

    // The cause AWS recorded for a Parameters path that selects nothing (AWS workshop execution).
    void payloadTemplatePathNotFound()
    {
        const auto r = sim::applyPayloadTemplate(J(R"({"address.$": "$.application.address"})"), J(R"({"flagged":false})"), {});
        QVERIFY(r.failed());
        QCOMPARE(r.failure().error, QStringLiteral("States.Runtime"));
        QCOMPARE(r.failure().cause, QStringLiteral("The JSONPath '$.application.address' specified for the field 'address.$' "
                                                   "could not be found in the input '{\"flagged\":false}'"));
    }

    // Recorded: Fail state CausePath that selects nothing.
    void fieldPathNotFound()
    {
        const auto r = sim::evaluatePathOrIntrinsic(u"$.NoSuchCausePath", u"CausePath", J(R"({"Error": "error-value"})"), {});
        QVERIFY(r.failed());
        QCOMPARE(r.failure().cause, QStringLiteral("The JSONPath '$.NoSuchCausePath' specified for the field 'CausePath' "
                                                   "could not be found in the input '{\"Error\":\"error-value\"}'"));
        verifyJson(sim::evaluatePathOrIntrinsic(u"$.Error", u"ErrorPath", J(R"({"Error": "error-value"})"), {}), "\"error-value\"");
        verifyJson(sim::evaluatePathOrIntrinsic(u"States.Format('{}!', $.Error)", u"CausePath", J(R"({"Error": "e"})"), {}), "\"e!\"");
    }

    // Recorded: JSONPath Assign with every kind of value.
    void assignTemplate()
    {
        sim::EvalContext ctx;
        ctx.contextObject = J(R"({"Execution": {"Id": "arn:exec"}})");
        const Json tmpl = J(R"j({"str_path_root.$": "$", "str_path.$": "$.input_value", "str_contextpath.$": "$$.Execution.Id",
                                 "str_intrinsic_func.$": "States.Format('Format Func {}', $.input_value)", "constant": 42})j");
        verifyJson(sim::applyPayloadTemplate(tmpl, J(R"({"input_value": "input_value_literal"})"), ctx),
                   R"({"str_path_root": {"input_value": "input_value_literal"}, "str_path": "input_value_literal",
                       "str_contextpath": "arn:exec", "str_intrinsic_func": "Format Func input_value_literal", "constant": 42})");
    }

    void compiledTemplate()
    {
        const auto staticTemplate = sim::CompiledTemplate::compile(J(R"({"a": [1, {"b": 2}]})"));
        QVERIFY(staticTemplate.ok());
        QVERIFY(staticTemplate.value().isStatic());
        const auto dynamic = sim::CompiledTemplate::compile(J(R"({"a.$": "$.x", "b": {"c": 1}})"));
        QVERIFY(dynamic.ok());
        QVERIFY(!dynamic.value().isStatic());
        for (int i = 0; i < 3; ++i)
            verifyJson(dynamic.value().evaluate(J(R"({"x": [true]})"), {}), R"({"a": [true], "b": {"c": 1}})");
        const auto invalid = sim::CompiledTemplate::compile(J(R"({"a.$": "$.x y"})"));
        QVERIFY(invalid.failed());
        const auto notString = sim::CompiledTemplate::compile(J(R"({"a.$": 1})"));
        QVERIFY(notString.failed());
    }
};

QTEST_GUILESS_MAIN(TestDataflow)
#include "tst_dataflow.moc"
