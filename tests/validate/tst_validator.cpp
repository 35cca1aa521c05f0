// The validator's other rules: Choice rules, transitions, reachability and names, paths, payload
// templates and intrinsic functions, JSONata; valid definitions, warnings, AWS's exact messages,
// positions and order. Expected codes and pointers come from recorded AWS responses, floci's
// measurements (docs/validation.md) or the Amazon States Language specification.
#include "validatortest.h"

using namespace validatortest;

class TestValidator : public QObject
{
    Q_OBJECT

private slots:
    void errors_data();
    void errors() { checkErrorRow(); }
    void valid_data();
    void valid();
    void warnings_data();
    void warnings();
    void awsMessages_data();
    void awsMessages();
    void positionsAndOrder();
    void noTerminalSuppressesUnreachable();
    void warningsNeverInvalidate();
};

void TestValidator::errors_data()
{
    addErrorColumns();
    const MachineType S = MachineType::Standard;
    const QString schema = QStringLiteral("SCHEMA_VALIDATION_FAILED");
    const QString target = QStringLiteral("MISSING_TRANSITION_TARGET");
    const QString jsonata = QStringLiteral("INVALID_JSONATA_EXPRESSION");
    const QString unsupported = QStringLiteral("UNSUPPORTED_JSONATA_EXPRESSION");
    const char *task =
        R"J({"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",%1,"End":true},"X":{"Type":"Fail"}}})J";
    const auto t = [task](const char *field) {
        return QString::fromLatin1(task).arg(QLatin1String(field)).toUtf8();
    };

    // Choice
    const auto c = [](const char *rules) {
        return QStringLiteral(
                   R"J({"StartAt":"C","States":{"C":{"Type":"Choice","Choices":%1,"Default":"B"},"B":{"Type":"Succeed"}}})J")
            .arg(QLatin1String(rules))
            .toUtf8();
    };
    QTest::newRow("Choices empty") << c("[]") << S << schema << "/States/C/Choices";
    QTest::newRow("rule without Next")
        << c(R"J([{"Variable":"$.a","IsNull":true}])J") << S << schema << "/States/C/Choices/0";
    QTest::newRow("rule with End") << c(R"J([{"Variable":"$.a","IsNull":true,"End":true}])J") << S << schema
                                   << "/States/C/Choices/0";
    QTest::newRow("rule two operators")
        << c(R"J([{"Variable":"$.a","IsNull":true,"IsString":true,"Next":"B"}])J") << S << schema
        << "/States/C/Choices/0";
    QTest::newRow("rule no operator")
        << c(R"J([{"Variable":"$.a","Next":"B"}])J") << S << schema << "/States/C/Choices/0";
    QTest::newRow("NumericEquals string") << c(R"J([{"Variable":"$.a","NumericEquals":"1","Next":"B"}])J")
                                          << S << schema << "/States/C/Choices/0/NumericEquals";
    QTest::newRow("BooleanEquals number") << c(R"J([{"Variable":"$.a","BooleanEquals":1,"Next":"B"}])J") << S
                                          << schema << "/States/C/Choices/0/BooleanEquals";
    QTest::newRow("TimestampEquals invalid")
        << c(R"J([{"Variable":"$.a","TimestampEquals":"yesterday","Next":"B"}])J") << S << schema
        << "/States/C/Choices/0/TimestampEquals";
    QTest::newRow("StringEqualsPath not a path")
        << c(R"J([{"Variable":"$.a","StringEqualsPath":"b","Next":"B"}])J") << S << schema
        << "/States/C/Choices/0/StringEqualsPath";
    QTest::newRow("Variable intrinsic")
        << c(R"J([{"Variable":"States.ArrayLength($.a)","NumericEquals":1,"Next":"B"}])J") << S << schema
        << "/States/C/Choices/0/Variable";
    QTest::newRow("nested rule with Next")
        << c(R"J([{"And":[{"Variable":"$.a","IsNull":true,"Next":"B"}],"Next":"B"}])J") << S << schema
        << "/States/C/Choices/0/And/0";
    QTest::newRow("And empty") << c(R"J([{"And":[],"Next":"B"}])J") << S << schema
                               << "/States/C/Choices/0/And";
    QTest::newRow("Not and comparison")
        << c(R"J([{"Not":{"Variable":"$.a","IsNull":true},"Variable":"$.b","IsNull":true,"Next":"B"}])J") << S
        << schema << "/States/C/Choices/0";
    QTest::newRow("deep Not operand")
        << c(R"J([{"Not":{"Not":{"Not":{"Variable":"$.a","NumericEquals":"x"}}},"Next":"B"}])J") << S
        << schema << "/States/C/Choices/0/Not/Not/Not/NumericEquals";
    QTest::newRow("Condition in JSONPath rule")
        << c(R"J([{"Condition":true,"Next":"B"}])J") << S << schema << "/States/C/Choices/0";
    const auto cj = [](const char *rules) {
        return QStringLiteral(
                   R"J({"QueryLanguage":"JSONata","StartAt":"C","States":{"C":{"Type":"Choice","Choices":%1,"Default":"B"},"B":{"Type":"Succeed"}}})J")
            .arg(QLatin1String(rules))
            .toUtf8();
    };
    QTest::newRow("JSONata rule without Condition")
        << cj(R"J([{"Next":"B"}])J") << S << schema << "/States/C/Choices/0";
    QTest::newRow("JSONata Condition literal string")
        << cj(R"J([{"Condition":"yes","Next":"B"}])J") << S << schema << "/States/C/Choices/0/Condition";
    QTest::newRow("Variable in JSONata rule")
        << cj(R"J([{"Variable":"$.a","IsNull":true,"Condition":true,"Next":"B"}])J") << S << schema
        << "/States/C/Choices/0";

    // Transitions, reachability, names
    QTest::newRow("Next to nowhere")
        << QByteArray(R"J({"StartAt":"A","States":{"A":{"Type":"Pass","Next":"NOPE"}}})J") << S << target
        << "/States/A/Next";
    QTest::newRow("StartAt to nowhere")
        << one(R"J({"Type":"Succeed"})J").replace("\"StartAt\":\"A\"", "\"StartAt\":\"Z\"") << S << target
        << "/StartAt";
    QTest::newRow("Default to nowhere")
        << QByteArray(
               R"J({"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.a","IsNull":true,"Next":"B"}],"Default":"NOPE"},"B":{"Type":"Succeed"}}})J")
        << S << target << "/States/C/Default";
    QTest::newRow("rule Next to nowhere") << c(R"J([{"Variable":"$.a","IsNull":true,"Next":"NOPE"}])J") << S
                                          << target << "/States/C/Choices/0/Next";
    QTest::newRow("Catch to nowhere") << t(R"J("Catch":[{"ErrorEquals":["States.ALL"],"Next":"NOPE"}])J") << S
                                      << target << "/States/A/Catch/0/Next";
    QTest::newRow("leaving a branch")
        << QByteArray(
               R"J({"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","Next":"Z"}}}],"Next":"Z"},"Z":{"Type":"Succeed"}}})J")
        << S << target << "/States/P/Branches/0/States/B/Next";
    QTest::newRow("leaving a Map processor")
        << QByteArray(
               R"J({"StartAt":"M","States":{"M":{"Type":"Map","Iterator":{"StartAt":"B","States":{"B":{"Type":"Choice","Choices":[{"Variable":"$.a","IsNull":true,"Next":"Z"}],"Default":"Z"}}},"Next":"Z"},"Z":{"Type":"Succeed"}}})J")
        << S << target << "/States/M/Iterator/States/B/Default";
    QTest::newRow("entering a branch")
        << QByteArray(
               R"J({"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Succeed"}}}],"Next":"X"},"X":{"Type":"Pass","Next":"B"}}})J")
        << S << target << "/States/X/Next";
    QTest::newRow("branch StartAt to nowhere")
        << one(R"J({"Type":"Parallel","Branches":[{"StartAt":"Z","States":{"B":{"Type":"Succeed"}}}],"End":true})J")
        << S << target << "/States/A/Branches/0/StartAt";
    QTest::newRow("unreachable")
        << QByteArray(R"J({"StartAt":"A","States":{"A":{"Type":"Succeed"},"C":{"Type":"Succeed"}}})J") << S
        << target << "/States/C";
    QTest::newRow("unreachable in branch")
        << one(R"J({"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Succeed"},"D":{"Type":"Succeed"}}}],"End":true})J")
        << S << target << "/States/A/Branches/0/States/D";
    QTest::newRow("no terminal state")
        << QByteArray(
               R"J({"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}}})J")
        << S << "MISSING_END_STATE"
        << "";
    QTest::newRow("no terminal in branch")
        << one(R"J({"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Wait","Seconds":1,"Next":"B"}}}],"End":true})J")
        << S << "MISSING_END_STATE"
        << "/States/A/Branches/0";
    QTest::newRow("duplicate across scopes")
        << QByteArray(
               R"J({"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"Z","States":{"Z":{"Type":"Succeed"}}}],"Next":"Z"},"Z":{"Type":"Succeed"}}})J")
        << S << "DUPLICATE_STATE_NAME"
        << "/States/Z";
    QTest::newRow("duplicate in one scope")
        << QByteArray(R"J({"StartAt":"A","States":{"A":{"Type":"Succeed"},"A":{"Type":"Succeed"}}})J") << S
        << "DUPLICATE_STATE_NAME"
        << "/States/A";
    const QByteArray longName(81, 'x');
    QTest::newRow("name over 80") << QByteArray(R"J({"StartAt":")J" + longName + R"J(","States":{")J" +
                                                longName + R"J(":{"Type":"Succeed"}}})J")
                                  << S << "INVALID_STATE_NAME"
                                  << QString(QLatin1String("/States/") + QLatin1String(longName));

    // Paths, payload templates, intrinsic functions
    QTest::newRow("InputPath not a path") << one(R"J({"Type":"Pass","InputPath":"bug$.a","End":true})J") << S
                                          << schema << "/States/A/InputPath";
    QTest::newRow("InputPath intrinsic")
        << one(R"J({"Type":"Pass","InputPath":"States.Format('{}', 1)","End":true})J") << S << schema
        << "/States/A/InputPath";
    QTest::newRow("ResultPath variable") << one(R"J({"Type":"Pass","ResultPath":"$foo","End":true})J") << S
                                         << schema << "/States/A/ResultPath";
    QTest::newRow("ResultPath context") << one(R"J({"Type":"Pass","ResultPath":"$$.Execution","End":true})J")
                                        << S << schema << "/States/A/ResultPath";
    QTest::newRow("ResultPath wildcard") << one(R"J({"Type":"Pass","ResultPath":"$.a[*]","End":true})J") << S
                                         << schema << "/States/A/ResultPath";
    QTest::newRow(".$ not a path") << one(R"J({"Type":"Pass","Parameters":{"a.$":"not a path"},"End":true})J")
                                   << S << schema << "/States/A/Parameters";
    QTest::newRow(".$ number") << one(R"J({"Type":"Pass","Parameters":{"a.$":23},"End":true})J") << S
                               << schema << "/States/A/Parameters";
    QTest::newRow(".$ nested")
        << one(R"J({"Type":"Pass","Parameters":{"a":[{"b":{"c.$":"$$23"}}]},"End":true})J") << S << schema
        << "/States/A/Parameters";
    QTest::newRow(".$ unknown intrinsic")
        << one(R"J({"Type":"Pass","Parameters":{"a.$":"States.Xyz($.a)"},"End":true})J") << S << schema
        << "/States/A/Parameters";
    QTest::newRow(".$ intrinsic arity")
        << one(R"J({"Type":"Pass","Parameters":{"a.$":"States.UUID(1)"},"End":true})J") << S << schema
        << "/States/A/Parameters";
    QTest::newRow(".$ MathAdd string")
        << one(R"J({"Type":"Pass","Parameters":{"a.$":"States.MathAdd(1,'-1')"},"End":true})J") << S << schema
        << "/States/A/Parameters";
    QTest::newRow(".$ escaped double quote")
        << one(R"J({"Type":"Pass","Parameters":{"a.$":"States.Format('say \\\"hi\\\"')"},"End":true})J") << S
        << schema << "/States/A/Parameters";
    QTest::newRow(".$ leading blank")
        << one(R"J({"Type":"Pass","Parameters":{"a.$":" States.Array(1)"},"End":true})J") << S << schema
        << "/States/A/Parameters";
    QTest::newRow("a and a.$") << one(R"J({"Type":"Pass","Parameters":{"a":1,"a.$":"$.a"},"End":true})J") << S
                               << schema << "/States/A/Parameters";
    QTest::newRow("ResultSelector bad path")
        << one(R"J({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","ResultSelector":{"x.$":"Payload"},"End":true})J")
        << S << schema << "/States/A/ResultSelector";
    QTest::newRow("Assign bad path") << one(R"J({"Type":"Pass","Assign":{"x.$":"nope"},"End":true})J") << S
                                     << schema << "/States/A/Assign";
    QTest::newRow("Assign not object")
        << one(R"J({"Type":"Pass","Assign":[1],"End":true})J") << S << schema << "/States/A/Assign";

    // JSONata
    const auto j = [](const char *state) { return one(state, R"J("QueryLanguage":"JSONata",)J"); };
    QTest::newRow("JSONata syntax") << j(R"J({"Type":"Pass","Output":"{% 10 + * 2 %}","End":true})J") << S
                                    << jsonata << "/States/A/Output";
    QTest::newRow("JSONata nested")
        << j(R"J({"Type":"Pass","Output":{"a":[{"b":"{% $sum($states.input %}"}]},"End":true})J") << S
        << jsonata << "/States/A/Output/a/0/b";
    QTest::newRow("JSONata number ends with dot")
        << j(R"J({"Type":"Pass","Assign":{"x":"{% 420. %}"},"End":true})J") << S << jsonata
        << "/States/A/Assign/x";
    QTest::newRow("JSONata JSONPath filter")
        << j(R"J({"Type":"Pass","Output":"{% $.a[?(@.p < 10)] %}","End":true})J") << S << jsonata
        << "/States/A/Output";
    QTest::newRow("JSONata half delimiter")
        << j(R"J({"Type":"Pass","Output":"{% 10 %","End":true})J") << S << jsonata << "/States/A/Output";
    QTest::newRow("JSONata top-level name")
        << j(R"J({"Type":"Pass","Output":{"v":"{% phone %}"},"End":true})J") << S << unsupported
        << "/States/A/Output/v";
    QTest::newRow("JSONata name in lambda")
        << j(R"J({"Type":"Pass","Output":"{% $map($states.input.a, function($x){ b }) %}","End":true})J") << S
        << unsupported << "/States/A/Output";
    QTest::newRow("JSONata $$") << j(R"J({"Type":"Pass","Output":"{% $$.a %}","End":true})J") << S
                                << unsupported << "/States/A/Output";
    QTest::newRow("JSONata errorOutput outside Catch")
        << j(R"J({"Type":"Pass","Output":"{% $states.errorOutput %}","End":true})J") << S << unsupported
        << "/States/A/Output";
    QTest::newRow("JSONata Arguments literal")
        << j(R"J({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":"payload","End":true})J")
        << S << schema << "/States/A/Arguments";
    QTest::newRow("JSONata Seconds literal")
        << j(R"J({"Type":"Wait","Seconds":"10","End":true})J") << S << schema << "/States/A/Seconds";
    QTest::newRow("JSONata TimeoutSeconds syntax")
        << j(R"J({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSeconds":"{% ) %}","End":true})J")
        << S << jsonata << "/States/A/TimeoutSeconds";
    QTest::newRow("JSONata Condition syntax") << cj(R"J([{"Condition":"{% $x = %}","Next":"B"}])J") << S
                                              << jsonata << "/States/C/Choices/0/Condition";
    QTest::newRow("JSONata SecondsPath")
        << j(R"J({"Type":"Wait","SecondsPath":"$.s","End":true})J") << S << schema << "/States/A";
}

void TestValidator::valid_data()
{
    QTest::addColumn<QByteArray>("definition");
    QTest::addColumn<MachineType>("type");
    const MachineType S = MachineType::Standard;
    QTest::newRow("minimal") << one(R"J({"Type":"Succeed"})J") << S;
    QTest::newRow("all top-level fields")
        << one(R"J({"Type":"Succeed"})J",
               R"J("Comment":"c","Version":"1.0","TimeoutSeconds":60,"QueryLanguage":"JSONPath",)J")
        << S;
    QTest::newRow("End false with Next")
        << QByteArray(
               R"J({"StartAt":"A","States":{"A":{"Type":"Pass","End":false,"Next":"B"},"B":{"Type":"Succeed"}}})J")
        << S;
    QTest::newRow("placeholder Resource")
        << one(R"J({"Type":"Task","Resource":"${FunctionArn}","End":true})J") << S;
    QTest::newRow("placeholder in ARN")
        << one(R"J({"Type":"Task","Resource":"arn:${AWS::Partition}:states:::lambda:invoke","Parameters":{"FunctionName":"${Fn}"},"End":true})J")
        << S;
    QTest::newRow("CloudFormation Fn::GetAtt Resource")
        << one(R"J({"Type":"Task","Resource":{"Fn::GetAtt":["F","Arn"]},"End":true})J") << S;
    QTest::newRow("lambda ARN with alias")
        << one(R"J({"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:F:$LATEST","End":true})J")
        << S;
    QTest::newRow("URI Resource (warning only)")
        << one(R"J({"Type":"Task","Resource":"foo:bar","End":true})J") << S;
    QTest::newRow(".sync in Standard")
        << one(R"J({"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2","End":true})J")
        << S;
    QTest::newRow("activity in Standard")
        << one(R"J({"Type":"Task","Resource":"arn:aws:states:us-east-1:123456789012:activity:a","TimeoutSeconds":300,"HeartbeatSeconds":60,"End":true})J")
        << S;
    QTest::newRow("Express without callbacks")
        << one(R"J({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true})J")
        << MachineType::Express;
    QTest::newRow("Credentials RoleArn.$")
        << one(R"J({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Credentials":{"RoleArn.$":"$.role"},"End":true})J")
        << S;
    QTest::newRow("Retry full")
        << one(R"J({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Retry":[{"ErrorEquals":["A","B"],"IntervalSeconds":2,"MaxAttempts":0,"BackoffRate":1.5,"MaxDelaySeconds":10,"JitterStrategy":"FULL","Comment":"c"},{"ErrorEquals":["States.ALL"]}],"End":true})J")
        << S;
    QTest::newRow("Wait timestamp with offset")
        << one(R"J({"Type":"Wait","Timestamp":"2016-03-14T01:59:00.123+01:00","End":true})J") << S;
    QTest::newRow("Fail paths with intrinsic")
        << one(R"J({"Type":"Fail","ErrorPath":"$.e","CausePath":"States.Format('x {}', $.c)"})J") << S;
    QTest::newRow("Choice nesting")
        << QByteArray(
               R"J({"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"And":[{"Variable":"$.a","NumericGreaterThanEquals":1},{"Not":{"Variable":"$$.Execution.Id","StringMatches":"x*"}},{"Or":[{"Variable":"$v","IsPresent":true},{"Variable":"$.t","TimestampLessThanPath":"$.u"}]}],"Next":"B","Comment":"c"}],"Default":"B"},"B":{"Type":"Succeed"}}})J")
        << S;
    QTest::newRow("Map distributed")
        << one(R"J({"Type":"Map","ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW","MaxItems":10},"Parameters":{"Bucket":"b","Key":"k"}},"ItemBatcher":{"MaxItemsPerBatch":10,"BatchInput":{"a.$":"$.a"}},"ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"b","Prefix":"p"}},"ToleratedFailurePercentage":5.5,"Label":"L","MaxConcurrency":0,"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true})J")
        << S;
    QTest::newRow("JSONPath child of JSONata Distributed Map")
        << one(R"J({"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},"StartAt":"B","States":{"B":{"Type":"Pass","QueryLanguage":"JSONPath","OutputPath":"$.a","End":true}}},"End":true})J",
               R"J("QueryLanguage":"JSONata",)J")
        << S;
    QTest::newRow("JSONata machine") << QByteArray(R"J({"QueryLanguage":"JSONata","StartAt":"T","States":{
        "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":{"Payload":"{% $states.input %}","Fixed":"text"},"Output":"{% $states.result.Payload %}","Assign":{"n":"{% $count($states.input.items) %}"},"TimeoutSeconds":"{% 30 %}","Retry":[{"ErrorEquals":["States.ALL"]}],"Catch":[{"ErrorEquals":["States.ALL"],"Next":"F","Output":{"e":"{% $states.errorOutput %}"}}],"Next":"C"},
        "C":{"Type":"Choice","Choices":[{"Condition":"{% $n > 0 %}","Next":"M","Assign":{"k":1}}],"Default":"W","Output":{"x":1}},
        "M":{"Type":"Map","Items":"{% $states.input.items[price > 10] %}","ItemSelector":{"v":"{% $states.context.Map.Item.Value %}"},"MaxConcurrency":"{% 2 %}","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","Output":"{% $states.input.v ~> $map(function($x){ $x.y * 2 }) %}","End":true}}},"Next":"W"},
        "W":{"Type":"Wait","Seconds":"{%$n%}","Next":"S"},
        "S":{"Type":"Succeed","Output":"{% {'done': true, 'at': $now()} %}"},
        "F":{"Type":"Fail","Error":"{% 'E' & $string($n) %}","Cause":"plain"}}})J")
                                     << S;
    QTest::newRow("JSONata Timestamp")
        << one(R"J({"Type":"Wait","Timestamp":"{% $states.input.when %}","End":true})J",
               R"J("QueryLanguage":"JSONata",)J")
        << S;
    QTest::newRow("JSONata upgrade per state")
        << one(R"J({"Type":"Pass","QueryLanguage":"JSONata","Output":"{% 1 %}","End":true})J") << S;
    QTest::newRow("JSONPath strings are literal")
        << one(R"J({"Type":"Pass","Result":{"a":"{% not jsonata"},"End":true})J") << S;
    QTest::newRow("intrinsics")
        << one(R"J({"Type":"Pass","Parameters":{"f.$":"States.Format('Hi {} \\'x\\'', $.n)","a.$":"States.Array(1, 'a', $.b, null)","m.$":"States.MathAdd($.a, -1)","h.$":"States.Hash($.d, 'SHA-256')","j.$":"States.JsonMerge($.a, $.b, false)","u.$":"States.UUID()","v.$":"$var.x","c.$":"$$.Execution.Input"},"End":true})J")
        << S;
    QTest::newRow("cycle with exit")
        << QByteArray(
               R"J({"StartAt":"A","States":{"A":{"Type":"Pass","Next":"C"},"C":{"Type":"Choice","Choices":[{"Variable":"$.done","BooleanEquals":true,"Next":"E"}],"Default":"A"},"E":{"Type":"Succeed"}}})J")
        << S;
}

void TestValidator::valid()
{
    QFETCH(QByteArray, definition);
    QFETCH(MachineType, type);
    const Diagnostics ds = run(definition, type);
    QVERIFY2(!hasErrors(ds), qPrintable(dump(ds)));
}

void TestValidator::warnings_data()
{
    QTest::addColumn<QByteArray>("definition");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("pointer");
    QTest::newRow("NO_DOLLAR") << one(R"J({"Type":"Pass","Parameters":{"a":"$.x"},"End":true})J")
                               << "NO_DOLLAR"
                               << "/States/A/Parameters";
    QTest::newRow("NO_DOLLAR intrinsic")
        << one(R"J({"Type":"Pass","Parameters":{"a":{"b":"States.UUID()"}},"End":true})J") << "NO_DOLLAR"
        << "/States/A/Parameters";
    QTest::newRow("NO_PATH") << one(R"J({"Type":"Fail","Cause":"$.cause"})J") << "NO_PATH"
                             << "/States/A/Cause";
    QTest::newRow("PASS_RESULT_IS_STATIC")
        << one(R"J({"Type":"Pass","Result":{"a.$":"$.x"},"End":true})J") << "PASS_RESULT_IS_STATIC"
        << "/States/A/Result";
    QTest::newRow("URI not ARN") << one(R"J({"Type":"Task","Resource":"foo:bar","End":true})J")
                                 << "INVALID_RESOURCE"
                                 << "/States/A/Resource";
    QTest::newRow("Catcher never used")
        << QByteArray(
               R"J({"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["X","Y"],"Next":"F"},{"ErrorEquals":["Y"],"Next":"F"}],"End":true},"F":{"Type":"Fail"}}})J")
        << "SHADOWED_ERROR_HANDLER"
        << "/States/A/Catch/1/ErrorEquals";
    QTest::newRow("Retrier never used")
        << one(R"J({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Retry":[{"ErrorEquals":["X"]},{"ErrorEquals":["X"]}],"End":true})J")
        << "SHADOWED_ERROR_HANDLER"
        << "/States/A/Retry/1/ErrorEquals";
}

void TestValidator::warnings()
{
    QFETCH(QByteArray, definition);
    QFETCH(QString, code);
    QFETCH(QString, pointer);
    const Diagnostics ds = run(definition);
    QVERIFY2(has(ds, Diagnostic::Severity::Warning, code, pointer), qPrintable(dump(ds)));
    QVERIFY2(!hasErrors(ds), qPrintable(dump(ds)));
}

// The messages AWS returns for the cases its responses were recorded or measured for: ours start
// with AWS's text verbatim (some add the reason after it).
void TestValidator::awsMessages_data()
{
    QTest::addColumn<QByteArray>("definition");
    QTest::addColumn<MachineType>("type");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("message");
    const MachineType S = MachineType::Standard;
    QTest::newRow("required top-level fields") << QByteArray("{}") << S << "/"
                                               << "These fields are required: [States, StartAt]";
    QTest::newRow("RoleArn")
        << one(R"J({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Credentials":{},"End":true})J")
        << S << "/States/A/Credentials"
        << "The field 'RoleArn' is required but was missing";
    QTest::newRow("unsupported field") << one(R"J({"Type":"Pass","Foo":1,"End":true})J") << S << "/States/A"
                                       << "The field \"Foo\" is not supported by Step Functions";
    QTest::newRow("express sync")
        << one(R"J({"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync","End":true})J")
        << MachineType::Express << "/States/A/Resource"
        << "Express state machine does not support '.sync' service integration";
    QTest::newRow("downgrade")
        << one(R"J({"Type":"Pass","End":true,"QueryLanguage":"JSONPath"})J",
               R"J("QueryLanguage":"JSONata",)J")
        << S << "/States/A"
        << "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine";
    QTest::newRow("timestamp") << one(R"J({"Type":"Wait","Timestamp":"2016-12-05 21:29:29Z","End":true})J")
                               << S << "/States/A/Timestamp"
                               << "String does not match RFC3339 timestamp";
    QTest::newRow("payload template")
        << one(R"J({"Type":"Pass","Parameters":{"parsed.$":"States.StringToJson('{\"t\":\"\\\"q\\\"\"}')"},"End":true})J")
        << S << "/States/A/Parameters"
        << "The value for the field 'parsed.$' must be a valid JSONPath or a valid intrinsic function call";
    QTest::newRow("missing target")
        << QByteArray(R"J({"StartAt":"A","States":{"A":{"Type":"Pass","Next":"NOPE"}}})J") << S
        << "/States/A/Next"
        << "Missing 'Next' target: NOPE";
    QTest::newRow("default target")
        << QByteArray(
               R"J({"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.a","IsNull":true,"Next":"B"}],"Default":"NOPE"},"B":{"Type":"Succeed"}}})J")
        << S << "/States/C/Default"
        << "Missing 'Next' target: NOPE";
    QTest::newRow("unreachable")
        << QByteArray(R"J({"StartAt":"A","States":{"A":{"Type":"Succeed"},"C":{"Type":"Succeed"}}})J") << S
        << "/States/C"
        << "State \"C\" is not reachable.";
    QTest::newRow("no terminal") << QByteArray(
                                        R"J({"StartAt":"A","States":{"A":{"Type":"Pass","Next":"A"}}})J")
                                 << S << ""
                                 << "Workflow has no terminal state";
    QTest::newRow("top-level reference")
        << one(R"J({"Type":"Pass","Output":{"v":"{% phone %}"},"End":true})J",
               R"J("QueryLanguage":"JSONata",)J")
        << S << "/States/A/Output/v"
        << "Reference to 'phone' at the top level is not supported.";
    QTest::newRow("other query language")
        << one(R"J({"Type":"Pass","Output":1,"End":true})J") << S << "/States/A"
        << "The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' "
           "QueryLanguage";
    QTest::newRow("enum") << one(R"J({"Type":"Pass","QueryLanguage":"jsonpath","End":true})J") << S
                          << "/States/A/QueryLanguage"
                          << "Value should be one of the following: [JSONPath, JSONata]";
}

void TestValidator::awsMessages()
{
    QFETCH(QByteArray, definition);
    QFETCH(MachineType, type);
    QFETCH(QString, pointer);
    QFETCH(QString, message);
    const Diagnostics ds = run(definition, type);
    bool found = false;
    for (const Diagnostic &d : ds)
        found = found || (d.pointer == pointer && d.message.startsWith(message));
    QVERIFY2(found, qPrintable(dump(ds)));
}

void TestValidator::positionsAndOrder()
{
    const QByteArray text = "{\n"
                            "  \"StartAt\": \"A\",\n"
                            "  \"States\": {\n"
                            "    \"A\": {\"Type\": \"Pass\", \"Next\": \"NOPE\"},\n"
                            "    \"B\": {\"Type\": \"Pass\", \"Foo\": 1, \"End\": true}\n"
                            "  }\n"
                            "}\n";
    const Diagnostics ds = run(text);
    QVERIFY2(ds.size() >= 3, qPrintable(dump(ds)));
    for (qsizetype i = 1; i < ds.size(); ++i) {
        const SourcePos a = ds.at(i - 1).pos;
        const SourcePos b = ds.at(i).pos;
        QVERIFY2(a.line < b.line || (a.line == b.line && a.column <= b.column), qPrintable(dump(ds)));
    }
    bool next = false;
    bool foo = false;
    for (const Diagnostic &d : ds) {
        if (d.pointer == QLatin1String("/States/A/Next")) {
            QCOMPARE(d.pos, (SourcePos{4, 35})); // the value "NOPE"
            next = true;
        }
        if (d.message.contains(QLatin1String("\"Foo\""))) {
            QCOMPARE(d.pos, (SourcePos{5, 27})); // the key "Foo"
            foo = true;
        }
    }
    QVERIFY2(next && foo, qPrintable(dump(ds)));
}

// AWS reports a graph without a terminal state once and skips the unreachable-state walk.
void TestValidator::noTerminalSuppressesUnreachable()
{
    const Diagnostics ds =
        run(R"J({"StartAt":"A","States":{"A":{"Type":"Pass","Next":"A"},"Z":{"Type":"Succeed"}}})J");
    int endState = 0;
    for (const Diagnostic &d : ds) {
        endState += d.code == QLatin1String("MISSING_END_STATE");
        QVERIFY2(d.code != QLatin1String("MISSING_TRANSITION_TARGET"), qPrintable(dump(ds)));
    }
    QCOMPARE(endState, 1);
}

void TestValidator::warningsNeverInvalidate()
{
    const Diagnostics ds =
        run(one(R"J({"Type":"Pass","Parameters":{"a":"$.x"},"Result":{"b.$":"$"},"End":true})J"));
    QVERIFY(!ds.isEmpty());
    for (const Diagnostic &d : ds)
        QVERIFY(!d.isError());
    QVERIFY(!hasErrors(ds));
}

QTEST_GUILESS_MAIN(TestValidator)
#include "tst_validator.moc"
