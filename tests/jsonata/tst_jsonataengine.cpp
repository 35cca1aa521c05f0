// JsonataEngine against the JSONata documentation (docs.jsonata.org), the AWS Step Functions
// documentation ("Transforming data with JSONata", "Handling expression errors") and causes that
// AWS recorded (the conformance corpus and localstack's AWS-validated snapshots). Every expected
// value below comes from one of those, or from a published test vector (RFC 1321, FIPS 180).

#include "jsonata/jsonataengine.h"

#include "json/jsonreader.h"
#include "json/jsonwriter.h"

#include <QHash>
#include <QRegularExpression>
#include <QTest>

#include <thread>

using namespace sw;
using namespace sw::sim;

namespace {

class MapVariables : public Variables
{
public:
    QHash<QString, Json> values;
    mutable QStringList looked;
    const Json *lookup(QStringView name) const override
    {
        looked.append(name.toString());
        auto it = values.constFind(name.toString());
        return it == values.constEnd() ? nullptr : &*it;
    }
};

Json parse(const char *text)
{
    return JsonReader::parseOrUndefined(QByteArray(text));
}

Json statesWithInput(const Json &input)
{
    return Json{{QStringLiteral("input"), input}, {QStringLiteral("context"), Json::object()}};
}

QByteArray compact(const Json &v)
{
    return JsonWriter::compact(v);
}

} // namespace

class TestJsonataEngine : public QObject
{
    Q_OBJECT

private:
    JsonataEngine m_engine;
    RandomSource m_random{42};

    Outcome<Json> eval(const QString &expression, const Json &input = Json::object(),
                       const Variables *vars = nullptr)
    {
        EvalContext ctx;
        ctx.variables = vars;
        ctx.random = &m_random;
        return m_engine.evaluate(expression, QStringLiteral("Output"), statesWithInput(input), ctx);
    }

private slots:
    void libraryLoads() { QVERIFY2(m_engine.isAvailable(), qPrintable(m_engine.loadError())); }

    // docs.jsonata.org: simple queries, predicates, functions and operators.
    void jsonataDocumentation_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QByteArray>("expected");
        const char *address = R"({"FirstName":"Fred","Surname":"Smith","Age":28,
            "Address":{"Street":"Hursley Park","City":"Winchester","Postcode":"SO21 2JN"},
            "Phone":[{"type":"home","number":"0203 544 1234"},{"type":"office","number":"01962 001234"},
                     {"type":"office","number":"01962 001235"},{"type":"mobile","number":"077 7700 1234"}]})";
        QTest::newRow("path") << QString("$states.input.Address.City") << QByteArray(R"("Winchester")");
        QTest::newRow("index") << QString("$states.input.Phone[0].number")
                               << QByteArray(R"("0203 544 1234")");
        QTest::newRow("predicate") << QString("$states.input.Phone[type='mobile'].number")
                                   << QByteArray(R"("077 7700 1234")");
        QTest::newRow("predicate many") << QString("$states.input.Phone[type='office'].number")
                                        << QByteArray(R"(["01962 001234","01962 001235"])");
        QTest::newRow("concat") << QString("$states.input.FirstName & ' ' & $states.input.Surname")
                                << QByteArray(R"("Fred Smith")");
        QTest::newRow("object constructor")
            << QString("$states.input.Phone{type: number}")
            << QByteArray(
                   R"({"home":"0203 544 1234","office":["01962 001234","01962 001235"],"mobile":"077 7700 1234"})");
        QTest::newRow("count") << QString("$count($states.input.Phone)") << QByteArray("4");
        QTest::newRow("sum") << QString("$sum([1,2,3])") << QByteArray("6");
        QTest::newRow("range operator") << QString("[1..5]") << QByteArray("[1,2,3,4,5]");
        QTest::newRow("uppercase") << QString("$uppercase('hello')") << QByteArray(R"("HELLO")");
        QTest::newRow("conditional") << QString("$states.input.Age > 18 ? 'adult' : 'minor'")
                                     << QByteArray(R"("adult")");
        QTest::newRow("map") << QString("$map([1,2,3], function($v) { $v * 2 })") << QByteArray("[2,4,6]");
        QTest::newRow("block and binding")
            << QString("($x := 3; $y := 4; $sqrt($x*$x + $y*$y))") << QByteArray("5");
        QTest::newRow("string of number") << QString("$string(5)") << QByteArray(R"("5")");
        QTest::newRow("division") << QString("10 / 4") << QByteArray("2.5");
        QTest::newRow("regex contains")
            << QString("$contains('hello$world', /^hello\\$/)") << QByteArray("true");
        QTest::newRow("merge") << QString("$merge([{'a':1},{'b':2}])") << QByteArray(R"({"a":1,"b":2})");
        m_address = parse(address);
    }
    void jsonataDocumentation()
    {
        QFETCH(QString, expression);
        QFETCH(QByteArray, expected);
        const Outcome<Json> r = eval(expression, m_address);
        QVERIFY2(r.ok(), qPrintable(r.failure().cause));
        QCOMPARE(r.value(), JsonReader::parseOrUndefined(expected));
    }

    // "Transforming data with JSONata": the JSONPath-to-JSONata conversion sample.
    void awsConversionSample()
    {
        MapVariables vars;
        vars.values.insert(QStringLiteral("customerName"), Json(QStringLiteral("María")));
        EvalContext ctx;
        ctx.variables = &vars;
        const Json arguments = parse(R"({"static":"Hello","title":"{% $states.input.title %}",
            "name":"{% $customerName %}","not-evaluated":"$customerName"})");
        const Outcome<Json> r = m_engine.evaluateTemplate(
            arguments, QStringLiteral("Arguments"), statesWithInput(parse(R"({"title":"Doctor"})")), ctx);
        QVERIFY2(r.ok(), qPrintable(r.failure().cause));
        QCOMPARE(
            compact(r.value()),
            QByteArray(
                R"({"static":"Hello","title":"Doctor","name":"María","not-evaluated":"$customerName"})"));
    }

    // "Transforming data with JSONata": Example: Input and Output.
    void awsInputOutputSample()
    {
        const Json output = parse(R"({"lastName":"{% 'Last=>' & $states.input.customer.lastName %}",
            "orderValue":"{% $states.input.order.total %}"})");
        const Json input = parse(R"({"customer":{"firstName":"Martha","lastName":"Rivera"},
            "order":{"items":7,"total":27.91}})");
        const Outcome<Json> r =
            m_engine.evaluateTemplate(output, QStringLiteral("Output"), statesWithInput(input), {});
        QVERIFY2(r.ok(), qPrintable(r.failure().cause));
        QCOMPARE(r.value(), parse(R"({"lastName":"Last=>Rivera","orderValue":27.91})"));
    }

    // "$states.result ... $states.errorOutput" are visible as given.
    void statesMembers()
    {
        Json states = statesWithInput(parse(R"({"a":1})"));
        states.insert(QStringLiteral("result"), parse(R"({"Payload":{"x":2}})"));
        states.insert(QStringLiteral("errorOutput"), parse(R"({"Error":"E","Cause":"C"})"));
        const Outcome<Json> r = m_engine.evaluateTemplate(
            parse(
                R"({"in":"{% $states.input.a %}","res":"{% $states.result.Payload.x %}","err":"{% $states.errorOutput.Error %}"})"),
            QStringLiteral("Output"), states, {});
        QVERIFY2(r.ok(), qPrintable(r.failure().cause));
        QCOMPARE(r.value(), parse(R"({"in":1,"res":2,"err":"E"})"));
    }

    // "The string must start with {% with no leading spaces, and must end with %}": anything else
    // is a literal, and strings that merely look like paths stay as they are.
    void literalsStayLiteral()
    {
        const Json value =
            parse(R"([" {% 1 %}","{% 1 %} ","$nosuchvar","$.no.such.path",null,0,0.1,true,[],{}])");
        const Outcome<Json> r =
            m_engine.evaluateTemplate(value, QStringLiteral("Output"), statesWithInput({}), {});
        QVERIFY(r.ok());
        QVERIFY(r.value().identical(value));
    }

    // Recorded by AWS (corpus assign__undefined_reference__*).
    void undefinedResultNamesTheField()
    {
        const Outcome<Json> args =
            m_engine.evaluateTemplate(parse(R"({"FunctionName":"{% $doesNotExist %}"})"),
                                      QStringLiteral("Arguments"), statesWithInput({}), {});
        QVERIFY(args.failed());
        QCOMPARE(args.failure().error, QStringLiteral("States.QueryEvaluationError"));
        QVERIFY(args.failure().prefixed);
        QCOMPARE(
            args.failure().cause,
            QStringLiteral(
                "The JSONata expression '$doesNotExist' specified for the field 'Arguments/FunctionName' "
                "returned nothing (undefined)."));
        const Outcome<Json> assign = m_engine.evaluateTemplate(
            parse(R"({"result":"{% $doesNotExist %}"})"), QStringLiteral("Assign"), statesWithInput({}), {});
        QCOMPARE(
            assign.failure().cause,
            QStringLiteral("The JSONata expression '$doesNotExist' specified for the field 'Assign/result' "
                           "returned nothing (undefined)."));
    }

    // "JSON cannot represent an undefined value": inside arrays too, and the first failure wins.
    void undefinedInsideArraysFails()
    {
        const Outcome<Json> r =
            m_engine.evaluateTemplate(parse(R"({"a":[1,"{% $nothing %}","{% $alsoNothing %}"]})"),
                                      QStringLiteral("Output"), statesWithInput({}), {});
        QVERIFY(r.failed());
        QVERIFY(r.failure().cause.startsWith(
            QStringLiteral("The JSONata expression '$nothing' specified for the field 'Output/a")));
        QVERIFY(r.failure().cause.endsWith(QStringLiteral("returned nothing (undefined).")));
    }

    // Recorded by AWS (corpus scenarios__map_state_items_eval_jsonata_fail__function).
    void functionResultIsUnsupported()
    {
        const Outcome<Json> r =
            m_engine.evaluateTemplate(Json(QStringLiteral("{% $fn := function($x){$x} %}")),
                                      QStringLiteral("Items"), statesWithInput({}), {});
        QVERIFY(r.failed());
        QCOMPARE(r.failure().cause,
                 QStringLiteral("The JSONata expression '$fn := function($x){$x}' specified for the "
                                "field 'Items' returned an unsupported result type."));
    }

    // Recorded by AWS (localstack test_math_operations_jsonata snapshot, validated against AWS).
    void evaluationErrorCarriesJsonataCode()
    {
        const Outcome<Json> r = m_engine.evaluateTemplate(
            parse(R"({"FunctionResult":"{% $randomSeeded($states.input.FunctionInput.fst) %}"})"),
            QStringLiteral("Output"), statesWithInput(parse(R"({"FunctionInput":{"fst":"input"}})")), {});
        QVERIFY(r.failed());
        QCOMPARE(r.failure().cause,
                 QStringLiteral(
                     "The JSONata expression '$randomSeeded($states.input.FunctionInput.fst)' specified for "
                     "the field 'Output/FunctionResult' threw an error during evaluation. T1006: Attempted "
                     "to invoke a non-function"));
    }

    // Recorded by AWS (corpus scenarios__map_state_items_*variable_sampling*): the Map state's check.
    void unexpectedTypeMessages()
    {
        QCOMPARE(
            JsonataEngine::unexpectedType(QStringLiteral("$ItemsVar"), QStringLiteral("Items"),
                                          QStringLiteral("array"), Json(1))
                .cause,
            QStringLiteral("The JSONata expression '$ItemsVar' specified for the field 'Items' returned an "
                           "unexpected result type. Expected 'array', but was 'number' for value: 1"));
        QCOMPARE(
            JsonataEngine::unexpectedType(QStringLiteral("$ItemsVar"), QStringLiteral("Items"),
                                          QStringLiteral("array"), parse(R"({"foo":"bar"})"))
                .cause,
            QStringLiteral(
                "The JSONata expression '$ItemsVar' specified for the field 'Items' returned an "
                "unexpected result type. Expected 'array', but was 'object' for value: {\"foo\":\"bar\"}"));
        QCOMPARE(JsonataEngine::unexpectedType(QStringLiteral("$ItemsVar"), QStringLiteral("Items"),
                                               QStringLiteral("array"), Json(QStringLiteral("string")))
                     .cause,
                 QStringLiteral(
                     "The JSONata expression '$ItemsVar' specified for the field 'Items' returned an "
                     "unexpected result type. Expected 'array', but was 'string' for value: \"string\""));
    }

    // "$eval is not supported in Step Functions workflows."
    void evalIsDisabled()
    {
        const Outcome<Json> r = eval(QStringLiteral("$eval('1 + 1')"));
        QVERIFY(r.failed());
        QCOMPARE(r.failure().error, QStringLiteral("States.QueryEvaluationError"));
    }

    // "Functions provided by Step Functions".
    void partitionRangeParse()
    {
        QCOMPARE(eval(QStringLiteral("$partition([1,2,3,4,5,6,7,8,9], 3)")).value(),
                 parse("[[1,2,3],[4,5,6],[7,8,9]]"));
        QCOMPARE(eval(QStringLiteral("$partition([1,2,3,4], 3)")).value(), parse("[[1,2,3],[4]]"));
        QCOMPARE(eval(QStringLiteral("$range(0, 10, 2)")).value(), parse("[0,2,4,6,8,10]"));
        QCOMPARE(eval(QStringLiteral("$range(0, 9, 3)")).value(), parse("[0,3,6,9]"));
        // "functions that require integer values ... round down any non-integer numbers"
        QCOMPARE(eval(QStringLiteral("$partition([1,2,3,4,5], 2.9)")).value(), parse("[[1,2],[3,4],[5]]"));
        QCOMPARE(eval(QStringLiteral("$parse('{\"Arg1\": 1, \"Arg2\": []}')")).value(),
                 parse(R"({"Arg1":1,"Arg2":[]})"));
        const Json input{{QStringLiteral("s"), Json(QStringLiteral("[1,\"a\"]"))}};
        QCOMPARE(eval(QStringLiteral("$parse($states.input.s)"), input).value(), parse(R"([1,"a"])"));
    }

    // RFC 1321 and FIPS 180 test vectors; algorithm names as AWS lists them.
    void hash()
    {
        QCOMPARE(eval(QStringLiteral("$hash('', 'MD5')")).value(), Json("d41d8cd98f00b204e9800998ecf8427e"));
        QCOMPARE(eval(QStringLiteral("$hash('abc', 'MD5')")).value(),
                 Json("900150983cd24fb0d6963f7d28e17f72"));
        QCOMPARE(eval(QStringLiteral("$hash('abc', 'SHA-1')")).value(),
                 Json("a9993e364706816aba3e25717850c26c9cd0d89d"));
        QCOMPARE(eval(QStringLiteral("$hash('abc', 'SHA-256')")).value(),
                 Json("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(eval(QStringLiteral("$hash('abc', 'SHA-384')")).value(),
                 Json("cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baec"
                      "a134c825a7"));
        QCOMPARE(eval(QStringLiteral("$hash('abc', 'SHA-512')")).value(),
                 Json("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c"
                      "23a3feebbd"
                      "454d4423643ce80e2a9ac94fa54ca49f"));
        QVERIFY(eval(QStringLiteral("$hash('abc', 'SHA-3')")).failed());
    }

    // "$random ... 0 <= n < 1. Takes an optional integer seed; same seed returns identical number."
    // Stepwise: every draw comes from the execution's seeded source.
    void randomIsSeededAndDeterministic()
    {
        RandomSource a(7), b(7), c(8);
        EvalContext ca, cb, cc;
        ca.random = &a;
        cb.random = &b;
        cc.random = &c;
        const QString expr =
            QStringLiteral("[$random(), $random(), $uuid(), $shuffle([1,2,3,4,5,6,7,8,9,10])]");
        const Json ra = m_engine.evaluate(expr, QStringLiteral("Output"), statesWithInput({}), ca).value();
        const Json rb = m_engine.evaluate(expr, QStringLiteral("Output"), statesWithInput({}), cb).value();
        const Json rc = m_engine.evaluate(expr, QStringLiteral("Output"), statesWithInput({}), cc).value();
        QCOMPARE(ra, rb);
        QVERIFY(ra != rc);
        for (int i = 0; i < 2; ++i) {
            QVERIFY(ra[i].isNumber());
            QVERIFY(ra[i].toDouble() >= 0 && ra[i].toDouble() < 1);
        }
        const Json seeded1 = eval(QStringLiteral("$random(12)")).value();
        const Json seeded2 = eval(QStringLiteral("$random(12)")).value();
        QCOMPARE(seeded1, seeded2);
        QVERIFY(seeded1.toDouble() >= 0 && seeded1.toDouble() < 1);
    }

    // "$uuid - Returns a v4 UUID" (RFC 4122 layout).
    void uuidIsVersion4()
    {
        const Json u = eval(QStringLiteral("$uuid()")).value();
        QVERIFY(u.isString());
        static const QRegularExpression v4(
            QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
        QVERIFY2(v4.match(u.toString()).hasMatch(), qPrintable(u.toString()));
        QVERIFY(eval(QStringLiteral("$uuid()")).value() != u);
    }

    // JSONata: "$millis() returns the number of milliseconds since the Unix Epoch"; "$now()
    // generates a UTC timestamp in ISO 8601 compatible format". Both read the virtual clock.
    void clockIsVirtual()
    {
        EvalContext ctx;
        ctx.nowMillis = 1700000000123;
        const Outcome<Json> r = m_engine.evaluate(QStringLiteral("[$millis(), $now()]"),
                                                  QStringLiteral("Output"), statesWithInput({}), ctx);
        QVERIFY2(r.ok(), qPrintable(r.failure().cause));
        QCOMPARE(r.value(), parse(R"([1700000000123,"2023-11-14T22:13:20.123Z"])"));

        // Without an explicit time: the state's entered time from the context object.
        EvalContext fromContext;
        fromContext.contextObject =
            parse(R"({"State":{"EnteredTime":"2024-01-02T03:04:05.678Z","Name":"S"}})");
        QCOMPARE(m_engine
                     .evaluate(QStringLiteral("$now()"), QStringLiteral("Output"), statesWithInput({}),
                               fromContext)
                     .value(),
                 Json("2024-01-02T03:04:05.678Z"));
    }

    // Variables: "To reference a variable, prepend the name with a dollar sign".
    void variablesAreLookedUpByName()
    {
        MapVariables vars;
        vars.values.insert(QStringLiteral("count"), Json(41));
        vars.values.insert(QStringLiteral("unused"), Json(0));
        const Outcome<Json> r = eval(QStringLiteral("$count + 1"), Json::object(), &vars);
        QCOMPARE(r.value(), Json(42));
        QVERIFY(vars.looked.contains(QStringLiteral("count")));
        QVERIFY(!vars.looked.contains(QStringLiteral("unused")));
        QVERIFY(!vars.looked.contains(QStringLiteral("states")));
    }

    // The engine hands over only the members an expression reads through; JSONata's results must
    // not change (docs.jsonata.org: path navigation maps over arrays, wildcards, $keys, parent `%`).
    void partialConversionKeepsSemantics_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("member") << QString("$states.input.a") << QByteArray("1");
        QTest::newRow("missing member") << QString("$exists($states.input.zz)") << QByteArray("false");
        QTest::newRow("keys") << QString("$keys($states.input)") << QByteArray(R"(["a","b","list","Order"])");
        QTest::newRow("mapped over array") << QString("$states.input.list.y") << QByteArray("[1,2]");
        QTest::newRow("predicate") << QString("$states.input.list[y=2].z") << QByteArray(R"("two")");
        QTest::newRow("wildcard") << QString("$count($states.input.*)")
                                  << QByteArray("5"); // 1, b, 2 list items, 1 order
        QTest::newRow("two paths") << QString("$states.input.a + $states.input.b.c") << QByteArray("4");
        QTest::newRow("parent") << QString("$states.input.Order.Product.{'p': Name, 'o': %.OrderID}")
                                << QByteArray(R"({"p":"a","o":"o1"})");
        QTest::newRow("whole and part")
            << QString("[$states.input.a, $count($keys($states))]") << QByteArray("[1,2]");
        QTest::newRow("variable member") << QString("$v.a") << QByteArray("10");
        QTest::newRow("variable whole") << QString("$v.a + $count($keys($v))") << QByteArray("12");
    }
    void partialConversionKeepsSemantics()
    {
        QFETCH(QString, expression);
        QFETCH(QByteArray, expected);
        MapVariables vars;
        vars.values.insert(QStringLiteral("v"), parse(R"({"a":10,"b":{"c":3}})"));
        const Json input = parse(R"({"a":1,"b":{"c":3,"d":4},"list":[{"y":1,"z":"one"},{"y":2,"z":"two"}],
            "Order":[{"OrderID":"o1","Product":[{"Name":"a"}]}]})");
        const Outcome<Json> r = eval(expression, input, &vars);
        QVERIFY2(r.ok(), qPrintable(r.failure().cause));
        QCOMPARE(compact(r.value()), expected);
    }

    // JSON numbers: integral results are integers, others doubles.
    void numbers()
    {
        const Json one = eval(QStringLiteral("1")).value();
        QVERIFY(one.isIntegerStorage());
        QCOMPARE(one.toInteger(), 1);
        QVERIFY(eval(QStringLiteral("4 / 2")).value().isIntegerStorage());
        const Json half = eval(QStringLiteral("1 / 2")).value();
        QVERIFY(!half.isIntegerStorage());
        QCOMPARE(half.toDouble(), 0.5);
        QCOMPARE(eval(QStringLiteral("$states.input.n"), parse(R"({"n":1.5e300})")).value().toDouble(),
                 1.5e300);
    }

    // Null is a value, not "nothing".
    void nullIsAValue()
    {
        const Outcome<Json> r =
            m_engine.evaluateTemplate(parse(R"({"v":"{% $states.input.bar %}"})"), QStringLiteral("Output"),
                                      statesWithInput(parse(R"({"bar":null})")), {});
        QVERIFY(r.ok());
        QCOMPARE(compact(r.value()), QByteArray(R"({"v":null})"));
    }

    // "Expression timeout": a non-terminating expression is stopped and the engine stays usable.
    void nonTerminatingExpressionIsStopped()
    {
        JsonataEngine quick(JsonataEngine::Options{300});
        const Outcome<Json> r =
            quick.evaluate(QStringLiteral("($loop := function($n) { $loop($n + 1) }; $loop(0))"),
                           QStringLiteral("Output"), statesWithInput({}), {});
        QVERIFY(r.failed());
        QCOMPARE(r.failure().error, QStringLiteral("States.QueryEvaluationError"));
        QVERIFY2(r.failure().cause.contains(QStringLiteral("Expression evaluation timeout")),
                 qPrintable(r.failure().cause));
        const Outcome<Json> after =
            quick.evaluate(QStringLiteral("1 + 1"), QStringLiteral("Output"), statesWithInput({}), {});
        QVERIFY2(after.ok(), qPrintable(after.failure().cause));
        QCOMPARE(after.value(), Json(2));
    }

    // "Stack overflow - exceeds the maximum recursion depth ... Stack overflow error".
    void deepRecursionIsAStackOverflow()
    {
        const Outcome<Json> r =
            eval(QStringLiteral("($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(10000))"));
        QVERIFY(r.failed());
        QVERIFY2(r.failure().cause.contains(QStringLiteral("Stack overflow error")),
                 qPrintable(r.failure().cause));
        QCOMPARE(eval(QStringLiteral("($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(5))")).value(),
                 Json(5));
    }

    // Long runs: the JavaScript engine is replaced before V4 degrades, and results do not change.
    void engineIsReplacedOnLongRuns()
    {
        JsonataEngine engine;
        for (int i = 0; i < 40; ++i) {
            const Outcome<Json> r =
                engine.evaluate(QStringLiteral("$sum($map([1..2000], function($v) { $v * 2 }))"),
                                QStringLiteral("Output"), statesWithInput({}), {});
            QVERIFY2(r.ok(), qPrintable(r.failure().cause));
            QCOMPARE(r.value(), Json(4002000)); // 2 * (1 + ... + 2000)
        }
        QVERIFY(engine.reloads() >= 1);
    }

    void compiledExpressionsAreCached()
    {
        JsonataEngine engine;
        const Json t = parse(R"({"a":"{% $states.input.x %}","b":"{% $states.input.x %}"})");
        for (int i = 0; i < 3; ++i)
            QCOMPARE(
                engine.evaluateTemplate(t, QStringLiteral("Output"), statesWithInput(parse(R"({"x":1})")), {})
                    .value(),
                parse(R"({"a":1,"b":1})"));
        QCOMPARE(engine.cachedExpressions(), 1);
    }

    void templatesWithoutExpressionsAreReturnedAsTheyAre()
    {
        JsonataEngine engine;
        const Json t = parse(R"({"a":[1,{"b":"x"}]})");
        const Outcome<Json> r = engine.evaluateTemplate(t, QStringLiteral("Output"), {}, {});
        QVERIFY(r.value().identical(t));
        QCOMPARE(engine.cachedExpressions(), 0);
    }

    // JSONata's syntax errors are S0xxx codes.
    void syntaxCheck()
    {
        QString error;
        QVERIFY(JsonataEngine::checkSyntax(QStringLiteral("$states.input.items[price > 10].name"), &error));
        QVERIFY(error.isEmpty());
        QVERIFY(!JsonataEngine::checkSyntax(QStringLiteral("1 +"), &error));
        QVERIFY2(error.startsWith(QStringLiteral("S0")), qPrintable(error));
        const Outcome<Json> r = eval(QStringLiteral("$states.input.("));
        QVERIFY(r.failed());
        QVERIFY(r.failure().cause.contains(QStringLiteral("threw an error during evaluation. S0")));
    }

    void engineIsBoundToItsThread()
    {
        QVERIFY(m_engine.evaluate(QStringLiteral("1"), QStringLiteral("Output"), {}, {}).ok());
        Outcome<Json> other = Json();
        std::thread t(
            [&] { other = m_engine.evaluate(QStringLiteral("1"), QStringLiteral("Output"), {}, {}); });
        t.join();
        QVERIFY(other.failed());
        Outcome<Json> own = Json();
        std::thread u([&] {
            own = JsonataEngine::forCurrentThread().evaluate(QStringLiteral("2"), QStringLiteral("Output"),
                                                             {}, {});
        });
        u.join();
        QVERIFY2(own.ok(), qPrintable(own.failure().cause));
        QCOMPARE(own.value(), Json(2));
    }

private:
    Json m_address;
};

QTEST_GUILESS_MAIN(TestJsonataEngine)
#include "tst_jsonataengine.moc"
