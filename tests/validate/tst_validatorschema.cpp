// Schema rules of the validator: the document and its top level, the fields of each state type
// and query language, Task, Retry/Catch, Wait, Fail, Parallel and Map values. One small definition
// per rule, with the code and JSON pointer AWS reports (recorded responses and floci's
// measurements, see docs/validation.md) or, where AWS's answer is not recorded, the rule of the
// Amazon States Language specification.
#include "validatortest.h"

using namespace validatortest;

class TestValidatorSchema : public QObject
{
    Q_OBJECT

private slots:
    void errors_data();
    void errors() { checkErrorRow(); }
};

void TestValidatorSchema::errors_data()
{
    addErrorColumns();
    const MachineType S = MachineType::Standard;
    const MachineType E = MachineType::Express;
    const QString schema = QStringLiteral("SCHEMA_VALIDATION_FAILED");
    const QString json = QStringLiteral("INVALID_JSON_DESCRIPTION");

    // Document and top level
    QTest::newRow("not JSON") << QByteArray("not a definition") << S << json << "";
    QTest::newRow("truncated") << QByteArray(R"J({"StartAt":"A","States":{)J") << S << json << "";
    QTest::newRow("array") << QByteArray("[1,2]") << S << json << "";
    QTest::newRow("empty object") << QByteArray("{}") << S << schema << "/";
    QTest::newRow("no StartAt") << QByteArray(R"J({"States":{"A":{"Type":"Succeed"}}})J") << S << schema
                                << "/";
    QTest::newRow("no States") << QByteArray(R"J({"StartAt":"A"})J") << S << schema << "/";
    QTest::newRow("unknown top field")
        << one(R"J({"Type":"Succeed"})J", R"J("Foo":1,)J") << S << schema << "/";
    QTest::newRow("States not object")
        << QByteArray(R"J({"StartAt":"A","States":[]})J") << S << schema << "/States";
    QTest::newRow("TimeoutSeconds string")
        << one(R"J({"Type":"Succeed"})J", R"J("TimeoutSeconds":"1",)J") << S << schema << "/TimeoutSeconds";
    QTest::newRow("QueryLanguage value")
        << one(R"J({"Type":"Succeed"})J", R"J("QueryLanguage":"XPath",)J") << S << schema << "/QueryLanguage";
    QTest::newRow("duplicate key") << one(R"J({"Type":"Pass","End":true,"End":true})J") << S << json
                                   << "/States/A/End";

    // States: shape, Type, fields
    QTest::newRow("state not object") << one("5") << S << schema << "/States/A";
    QTest::newRow("no Type") << one(R"J({"End":true})J") << S << schema << "/States/A";
    QTest::newRow("bad Type") << one(R"J({"Type":"Lambda","End":true})J") << S << schema << "/States/A/Type";
    QTest::newRow("unknown field") << one(R"J({"Type":"Pass","Foo":1,"End":true})J") << S << schema
                                   << "/States/A";
    QTest::newRow("Next and End")
        << QByteArray(
               R"J({"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B","End":true},"B":{"Type":"Succeed"}}})J")
        << S << schema << "/States/A/End";
    QTest::newRow("neither Next nor End") << one(R"J({"Type":"Pass"})J") << S << schema << "/States/A";
    QTest::newRow("Choice with End")
        << QByteArray(
               R"J({"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.a","IsNull":true,"Next":"B"}],"End":true},"B":{"Type":"Succeed"}}})J")
        << S << schema << "/States/C";
    QTest::newRow("ResultPath on Succeed")
        << one(R"J({"Type":"Succeed","ResultPath":"$.x"})J") << S << schema << "/States/A";
    QTest::newRow("Parameters on Fail")
        << one(R"J({"Type":"Fail","Parameters":{}})J") << S << schema << "/States/A";
    QTest::newRow("ResultSelector on Pass")
        << one(R"J({"Type":"Pass","ResultSelector":{},"End":true})J") << S << schema << "/States/A";
    QTest::newRow("TimeoutSeconds on Pass")
        << one(R"J({"Type":"Pass","TimeoutSeconds":3,"End":true})J") << S << schema << "/States/A";
    QTest::newRow("Retry on Pass") << one(R"J({"Type":"Pass","Retry":[],"End":true})J") << S << schema
                                   << "/States/A";
    QTest::newRow("JSONPath field in JSONata state")
        << one(R"J({"Type":"Pass","QueryLanguage":"JSONata","Parameters":{},"End":true})J") << S << schema
        << "/States/A";
    QTest::newRow("InputPath in JSONata machine")
        << one(R"J({"Type":"Pass","InputPath":"$","End":true})J", R"J("QueryLanguage":"JSONata",)J") << S
        << schema << "/States/A";
    QTest::newRow("Result in JSONata state")
        << one(R"J({"Type":"Pass","Result":1,"End":true})J", R"J("QueryLanguage":"JSONata",)J") << S << schema
        << "/States/A";
    QTest::newRow("JSONata field in JSONPath state")
        << one(R"J({"Type":"Pass","Output":{},"End":true})J") << S << schema << "/States/A";
    QTest::newRow("Arguments in JSONPath Task")
        << one(R"J({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":{},"End":true})J")
        << S << schema << "/States/A";
    QTest::newRow("downgrade") << one(R"J({"Type":"Pass","QueryLanguage":"JSONPath","End":true})J",
                                      R"J("QueryLanguage":"JSONata",)J")
                               << S << schema << "/States/A";
    QTest::newRow("state QueryLanguage value")
        << one(R"J({"Type":"Pass","QueryLanguage":"jsonata","End":true})J") << S << schema
        << "/States/A/QueryLanguage";

    // Task
    QTest::newRow("Task without Resource")
        << one(R"J({"Type":"Task","End":true})J") << S << schema << "/States/A";
    QTest::newRow("Resource not a URI")
        << one(R"J({"Type":"Task","Resource":"create","End":true})J") << S << schema << "/States/A/Resource";
    QTest::newRow("Resource unterminated placeholder")
        << one(R"J({"Type":"Task","Resource":"${lambdaArn","End":true})J") << S << schema
        << "/States/A/Resource";
    QTest::newRow("lambda ARN trailing colon")
        << one(R"J({"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:F:","End":true})J")
        << S << schema << "/States/A/Resource";
    QTest::newRow("lambda ARN bad alias")
        << one(R"J({"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:F:$*#","End":true})J")
        << S << schema << "/States/A/Resource";
    QTest::newRow("Resource number") << one(R"J({"Type":"Task","Resource":5,"End":true})J") << S << schema
                                     << "/States/A/Resource";
    QTest::newRow("TimeoutSeconds 0")
        << one(R"J({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSeconds":0,"End":true})J")
        << S << schema << "/States/A/TimeoutSeconds";
    QTest::newRow("TimeoutSeconds decimal")
        << one(R"J({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSeconds":1.5,"End":true})J")
        << S << schema << "/States/A/TimeoutSeconds";
    QTest::newRow("Heartbeat not below Timeout")
        << one(R"J({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSeconds":10,"HeartbeatSeconds":10,"End":true})J")
        << S << schema << "/States/A/HeartbeatSeconds";
    QTest::newRow("Timeout and TimeoutPath")
        << one(R"J({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSeconds":10,"TimeoutSecondsPath":"$.t","End":true})J")
        << S << schema << "/States/A/TimeoutSecondsPath";
    QTest::newRow("Heartbeat and HeartbeatPath")
        << one(R"J({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","HeartbeatSeconds":10,"HeartbeatSecondsPath":"$.t","End":true})J")
        << S << schema << "/States/A/HeartbeatSecondsPath";
    QTest::newRow("TimeoutSecondsPath not a path")
        << one(R"J({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSecondsPath":"t","End":true})J")
        << S << schema << "/States/A/TimeoutSecondsPath";
    QTest::newRow("Credentials empty")
        << one(R"J({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Credentials":{},"End":true})J")
        << S << schema << "/States/A/Credentials";
    QTest::newRow("Credentials null")
        << one(R"J({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Credentials":null,"End":true})J")
        << S << schema << "/States/A/Credentials";
    QTest::newRow("Credentials roleArn")
        << one(R"J({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Credentials":{"roleArn":"arn:aws:iam::1:role/r"},"End":true})J")
        << S << schema << "/States/A/Credentials";
    QTest::newRow("Express .sync")
        << one(R"J({"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2","End":true})J")
        << E << schema << "/States/A/Resource";
    QTest::newRow("Express .waitForTaskToken")
        << one(R"J({"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","End":true})J")
        << E << schema << "/States/A/Resource";
    QTest::newRow("Express activity")
        << one(R"J({"Type":"Task","Resource":"arn:aws:states:us-east-1:123456789012:activity:work","End":true})J")
        << E << schema << "/States/A/Resource";
    QTest::newRow("Express child of Distributed Map")
        << one(R"J({"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::glue:startJobRun.sync","End":true}}},"End":true})J")
        << S << schema << "/States/A/ItemProcessor/States/T/Resource";

    // Retry and Catch
    const char *task =
        R"J({"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",%1,"End":true},"X":{"Type":"Fail"}}})J";
    const auto t = [task](const char *field) {
        return QString::fromLatin1(task).arg(QLatin1String(field)).toUtf8();
    };
    QTest::newRow("ErrorEquals empty")
        << t(R"J("Retry":[{"ErrorEquals":[]}])J") << S << schema << "/States/A/Retry/0/ErrorEquals";
    QTest::newRow("ErrorEquals missing")
        << t(R"J("Retry":[{"Error Equals":["X"]}])J") << S << schema << "/States/A/Retry/0";
    QTest::newRow("ErrorEquals not strings") << t(R"J("Catch":[{"ErrorEquals":[true],"Next":"X"}])J") << S
                                             << schema << "/States/A/Catch/0/ErrorEquals";
    QTest::newRow("IntervalSeconds 0") << t(R"J("Retry":[{"ErrorEquals":["X"],"IntervalSeconds":0}])J") << S
                                       << schema << "/States/A/Retry/0/IntervalSeconds";
    QTest::newRow("IntervalSeconds decimal")
        << t(R"J("Retry":[{"ErrorEquals":["X"],"IntervalSeconds":1.5}])J") << S << schema
        << "/States/A/Retry/0/IntervalSeconds";
    QTest::newRow("MaxAttempts negative") << t(R"J("Retry":[{"ErrorEquals":["X"],"MaxAttempts":-1}])J") << S
                                          << schema << "/States/A/Retry/0/MaxAttempts";
    QTest::newRow("BackoffRate below 1") << t(R"J("Retry":[{"ErrorEquals":["X"],"BackoffRate":0.3}])J") << S
                                         << schema << "/States/A/Retry/0/BackoffRate";
    QTest::newRow("MaxDelaySeconds 0") << t(R"J("Retry":[{"ErrorEquals":["X"],"MaxDelaySeconds":0}])J") << S
                                       << schema << "/States/A/Retry/0/MaxDelaySeconds";
    QTest::newRow("JitterStrategy") << t(R"J("Retry":[{"ErrorEquals":["X"],"JitterStrategy":"PARTIAL"}])J")
                                    << S << schema << "/States/A/Retry/0/JitterStrategy";
    QTest::newRow("unknown Retry field")
        << t(R"J("Retry":[{"ErrorEquals":["X"],"Backoff":2}])J") << S << schema << "/States/A/Retry/0";
    QTest::newRow("States.ALL not alone") << t(R"J("Retry":[{"ErrorEquals":["States.ALL","X"]}])J") << S
                                          << schema << "/States/A/Retry/0/ErrorEquals";
    QTest::newRow("States.ALL not last")
        << t(R"J("Catch":[{"ErrorEquals":["States.ALL"],"Next":"X"},{"ErrorEquals":["Y"],"Next":"X"}])J") << S
        << schema << "/States/A/Catch/0/ErrorEquals";
    QTest::newRow("Catch without Next")
        << t(R"J("Catch":[{"ErrorEquals":["X"]}])J") << S << schema << "/States/A/Catch/0";
    QTest::newRow("Catch ResultPath variable")
        << t(R"J("Catch":[{"ErrorEquals":["X"],"Next":"X","ResultPath":"$err"}])J") << S << schema
        << "/States/A/Catch/0/ResultPath";
    QTest::newRow("Catch Output in JSONPath")
        << t(R"J("Catch":[{"ErrorEquals":["X"],"Next":"X","Output":{}}])J") << S << schema
        << "/States/A/Catch/0";

    // Wait, Fail, Parallel
    QTest::newRow("Wait negative") << one(R"J({"Type":"Wait","Seconds":-1,"End":true})J") << S << schema
                                   << "/States/A/Seconds";
    QTest::newRow("Wait two durations")
        << one(R"J({"Type":"Wait","Seconds":1,"SecondsPath":"$.s","End":true})J") << S << schema
        << "/States/A/SecondsPath";
    QTest::newRow("Wait no duration") << one(R"J({"Type":"Wait","End":true})J") << S << schema << "/States/A";
    QTest::newRow("Timestamp month 13")
        << one(R"J({"Type":"Wait","Timestamp":"2016-13-05T21:29:29Z","End":true})J") << S << schema
        << "/States/A/Timestamp";
    QTest::newRow("Timestamp no zone")
        << one(R"J({"Type":"Wait","Timestamp":"2016-12-05T21:29:29","End":true})J") << S << schema
        << "/States/A/Timestamp";
    QTest::newRow("Timestamp lowercase t")
        << one(R"J({"Type":"Wait","Timestamp":"2016-12-05t21:29:29Z","End":true})J") << S << schema
        << "/States/A/Timestamp";
    QTest::newRow("Timestamp February 30")
        << one(R"J({"Type":"Wait","Timestamp":"2016-02-30T21:29:29Z","End":true})J") << S << schema
        << "/States/A/Timestamp";
    QTest::newRow("Timestamp JSONata in JSONPath")
        << one(R"J({"Type":"Wait","Timestamp":"{% '2016-03-14T01:59:00Z' %}","End":true})J") << S << schema
        << "/States/A/Timestamp";
    QTest::newRow("Fail Error and ErrorPath")
        << one(R"J({"Type":"Fail","Error":"E","ErrorPath":"$.e"})J") << S << schema << "/States/A/ErrorPath";
    QTest::newRow("Fail Cause and CausePath")
        << one(R"J({"Type":"Fail","Cause":"C","CausePath":"$.c"})J") << S << schema << "/States/A/CausePath";
    QTest::newRow("Fail CausePath not a path")
        << one(R"J({"Type":"Fail","CausePath":"cause"})J") << S << schema << "/States/A/CausePath";
    QTest::newRow("Parallel without Branches")
        << one(R"J({"Type":"Parallel","End":true})J") << S << schema << "/States/A";
    QTest::newRow("Parallel empty Branches")
        << one(R"J({"Type":"Parallel","Branches":[],"End":true})J") << S << schema << "/States/A/Branches";
    QTest::newRow("Branches object") << one(R"J({"Type":"Parallel","Branches":{"StartAt":"B"},"End":true})J")
                                     << S << schema << "/States/A/Branches";
    QTest::newRow("Branch not object") << one(R"J({"Type":"Parallel","Branches":[[]],"End":true})J") << S
                                       << schema << "/States/A/Branches/0";
    QTest::newRow("Branch without StartAt")
        << one(R"J({"Type":"Parallel","Branches":[{"States":{"B":{"Type":"Succeed"}}}],"End":true})J") << S
        << schema << "/States/A/Branches/0";
    QTest::newRow("QueryLanguage on a branch")
        << one(R"J({"Type":"Parallel","Branches":[{"QueryLanguage":"JSONata","StartAt":"B","States":{"B":{"Type":"Succeed"}}}],"End":true})J")
        << S << schema << "/States/A/Branches/0";

    // Map
    const char *proc = R"J("ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Succeed"}}})J";
    const auto m = [proc](const char *fields) {
        return QStringLiteral(R"J({"StartAt":"A","States":{"A":{"Type":"Map",%1%2,"End":true}}})J")
            .arg(QLatin1String(proc), QLatin1String(fields))
            .toUtf8();
    };
    QTest::newRow("Map without processor")
        << one(R"J({"Type":"Map","End":true})J") << S << schema << "/States/A";
    QTest::newRow("Map Iterator and ItemProcessor")
        << m(R"J(,"Iterator":{"StartAt":"C","States":{"C":{"Type":"Succeed"}}})J") << S << schema
        << "/States/A/Iterator";
    QTest::newRow("Map Parameters and ItemSelector")
        << m(R"J(,"Parameters":{},"ItemSelector":{})J") << S << schema << "/States/A/ItemSelector";
    QTest::newRow("Map ItemsPath null")
        << m(R"J(,"ItemsPath":null)J") << S << schema << "/States/A/ItemsPath";
    QTest::newRow("Map ItemsPath filter")
        << m(R"J(,"ItemsPath":"$.a[?(@.b)]")J") << S << schema << "/States/A/ItemsPath";
    QTest::newRow("Map MaxConcurrency negative")
        << m(R"J(,"MaxConcurrency":-1)J") << S << schema << "/States/A/MaxConcurrency";
    QTest::newRow("Map tolerated percentage 105") << m(R"J(,"ToleratedFailurePercentage":105)J") << S
                                                  << schema << "/States/A/ToleratedFailurePercentage";
    QTest::newRow("Map tolerated count and path")
        << m(R"J(,"ToleratedFailureCount":0,"ToleratedFailureCountPath":"$.c")J") << S << schema
        << "/States/A/ToleratedFailureCountPath";
    QTest::newRow("Map Label too long")
        << m(R"J(,"Label":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")J") << S << schema << "/States/A/Label";
    QTest::newRow("ItemReader MaxItems and path")
        << m(R"J(,"ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"MaxItems":1,"MaxItemsPath":"$.m"}})J")
        << S << schema << "/States/A/ItemReader/ReaderConfig/MaxItemsPath";
    QTest::newRow("ItemReader without Resource")
        << m(R"J(,"ItemReader":{"ReaderConfig":{}})J") << S << schema << "/States/A/ItemReader";
    QTest::newRow("ItemBatcher dupes")
        << m(R"J(,"ItemBatcher":{"MaxItemsPerBatch":2,"MaxItemsPerBatchPath":"$.b"})J") << S << schema
        << "/States/A/ItemBatcher/MaxItemsPerBatchPath";
    QTest::newRow("ItemBatcher too many bytes")
        << m(R"J(,"ItemBatcher":{"MaxInputBytesPerBatch":300000})J") << S << schema
        << "/States/A/ItemBatcher/MaxInputBytesPerBatch";
    QTest::newRow("ProcessorConfig Mode")
        << one(R"J({"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"PARALLEL"},"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true})J")
        << S << schema << "/States/A/ItemProcessor/ProcessorConfig/Mode";
    QTest::newRow("QueryLanguage on ItemProcessor")
        << one(R"J({"Type":"Map","ItemProcessor":{"QueryLanguage":"JSONPath","StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true})J")
        << S << schema << "/States/A/ItemProcessor";
    QTest::newRow("Items not an array")
        << one(R"J({"Type":"Map","Items":"abc",%1,"End":true})J", R"J("QueryLanguage":"JSONata",)J")
               .replace("%1", proc)
        << S << schema << "/States/A/Items";
}

QTEST_GUILESS_MAIN(TestValidatorSchema)
#include "tst_validatorschema.moc"
