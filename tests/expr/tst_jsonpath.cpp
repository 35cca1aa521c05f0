// JSONPath syntax (model/expr) and evaluation (simulator/data).
//
// Expectations come from the AWS Step Functions developer guide ("Paths", "Reference paths"), the
// ASL specification, recorded AWS executions in ../shared/corpus/conformance, and the documented
// examples of the Jayway JsonPath library that AWS evaluates paths with (its README's "store" document).
#include "exprtest.h"

#include "simulator/data/jsonpatheval.h"
#include "expr/jsonpath.h"
#include "expr/syntax.h"

#include <QtTest>

using namespace sw;
using sw::expr::JsonPath;

namespace {

// The Jayway JsonPath README example document.
const char *storeDocument()
{
    return R"({
      "store": {
        "book": [
          {"category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95},
          {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99},
          {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99},
          {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99}
        ],
        "bicycle": {"color": "red", "price": 19.95}
      },
      "expensive": 10
    })";
}

sim::PathValue eval(const QString &path, const Json &data, const sim::EvalContext &ctx = {})
{
    QString error;
    const auto parsed = JsonPath::parse(path, &error);
    if (!parsed)
        return {Json(), QStringLiteral("parse error: ") + error};
    return sim::evaluatePath(*parsed, data, ctx);
}

} // namespace

class TestJsonPath : public QObject
{
    Q_OBJECT
private slots:
    void validPaths_data()
    {
        QTest::addColumn<QString>("path");
        for (const char *p : {"$", "$.a", "$['a']", "$[\"a\"]", "$.a[0]", "$.a[-1]", "$.a[*]", "$.*", "$.a[1:3]", "$.a[:2]",
                              "$.a[-2:]", "$.a[0,1]", "$['a','b']", "$..name", "$..*", "$..[0]", "$.a[?(@.x == 'y')]",
                              "$.a[?(@.price < 10 && @.category)]", "$.a[?(@.x =~ /ab.*/i)]", "$.a[?(@.x in ['a','b'])]",
                              "$$", "$$.Execution.Input", "$$.Map.Item.Value", "$var", "$var.a[0]",
                              "$$.Execution.Input.input-value", "$.items[10]", "$['Test\\\"\"Name\"']", "$.['a']",
                              "$.a[?(!@.x)]", "$.a[?((@.x > 1 || @.y) && @.z != null)]", "$[(@.length-1)].bar",
                              "$.a[?(@.Type.Text==AMOUNT_PAID)]"})
            QTest::newRow(p) << QString::fromUtf8(p);
    }
    void validPaths()
    {
        QFETCH(QString, path);
        QString error;
        QVERIFY2(expr::isValidPath(path, &error), qPrintable(error));
    }

    void invalidPaths_data()
    {
        QTest::addColumn<QString>("path");
        for (const char *p : {"", "a.b", "foo", "$.", "$..", "$.a.", "$.a b", "$[", "$['a", "$[a]", "$.a[?(@.x ==)]",
                              "$.a[?(@.x == 'y')", "$.a.length()", "$[1:2:3:4]", "@.a", "$[(@.length)]",
                              "$[(@.x+1)]"})
            QTest::newRow(p) << QString::fromUtf8(p);
    }
    void invalidPaths()
    {
        QFETCH(QString, path);
        QString error;
        QVERIFY(!expr::isValidPath(path, &error));
        QVERIFY(!error.isEmpty());
    }

    // AWS: a reference path identifies a single node: only '.', ['name'] and [n].
    void referencePaths_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("valid");
        QTest::newRow("$") << "$" << true;
        QTest::newRow("dots") << "$.a.b" << true;
        QTest::newRow("brackets") << "$['a'][0]" << true;
        QTest::newRow("context") << "$$.Execution.Id" << true;
        QTest::newRow("variable") << "$myVar.field" << true;
        QTest::newRow("wildcard") << "$.a[*]" << false;
        QTest::newRow("descent") << "$..a" << false;
        QTest::newRow("slice") << "$.a[0:1]" << false;
        QTest::newRow("filter") << "$.a[?(@.x)]" << false;
        QTest::newRow("union") << "$['a','b']" << false;
        QTest::newRow("indexes") << "$.a[0,1]" << false;
    }
    void referencePaths()
    {
        QFETCH(QString, path);
        QFETCH(bool, valid);
        QCOMPARE(expr::isValidReferencePath(path), valid);
    }

    void resultPathRoot()
    {
        QVERIFY(expr::isValidResultPath(u"$.a.b"));
        QVERIFY(!expr::isValidResultPath(u"$$.Execution"));
        QVERIFY(!expr::isValidResultPath(u"$var.a"));
    }

    void normalizedForm_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("normalized");
        QTest::newRow("name") << "$.foo" << "$['foo']";
        QTest::newRow("nested") << "$.a[0].b" << "$['a'][0]['b']";
        QTest::newRow("bracket") << "$['a']['b c']" << "$['a']['b c']";
        QTest::newRow("wildcard") << "$.a.*" << "$['a'][*]";
    }
    void normalizedForm()
    {
        QFETCH(QString, path);
        QFETCH(QString, normalized);
        QCOMPARE(JsonPath::parse(path)->normalized(), normalized);
    }

    void definiteness()
    {
        QVERIFY(JsonPath::parse(u"$.a[0].b")->isDefinite());
        QVERIFY(!JsonPath::parse(u"$.a[*]")->isDefinite());
        QVERIFY(!JsonPath::parse(u"$..a")->isDefinite());
        QVERIFY(!JsonPath::parse(u"$.a[1:2]")->isDefinite());
        QVERIFY(!JsonPath::parse(u"$.a[?(@.b)]")->isDefinite());
    }

    // AWS developer guide, "Paths": {"foo": 123, "bar": ["a","b","c"], "car": {"cdr": true}}.
    void awsGuideExamples_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        QTest::newRow("$.foo") << "$.foo" << "123";
        QTest::newRow("$.bar") << "$.bar" << R"(["a","b","c"])";
        QTest::newRow("$.car.cdr") << "$.car.cdr" << "true";
        QTest::newRow("$") << "$" << R"({"foo":123,"bar":["a","b","c"],"car":{"cdr":true}})";
    }
    void awsGuideExamples()
    {
        QFETCH(QString, path);
        QFETCH(QString, expected);
        const auto v = eval(path, J(R"({"foo": 123, "bar": ["a", "b", "c"], "car": {"cdr": true}})"));
        QVERIFY2(v.found(), qPrintable(v.missing));
        QCOMPARE(compact(v.value), expected);
    }

    // Jayway JsonPath README examples on its "store" document.
    void jaywayReadmeExamples_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        const QString authors = R"(["Nigel Rees","Evelyn Waugh","Herman Melville","J. R. R. Tolkien"])";
        QTest::newRow("book[*].author") << "$.store.book[*].author" << authors;
        QTest::newRow("..author") << "$..author" << authors;
        QTest::newRow("store..price") << "$.store..price" << "[8.95,12.99,8.99,22.99,19.95]";
        QTest::newRow("..book[2].title") << "$..book[2].title" << R"(["Moby Dick"])";
        QTest::newRow("..book[-2].title") << "$..book[-2].title" << R"(["Moby Dick"])";
        QTest::newRow("..book[0,1].title") << "$..book[0,1].title" << R"(["Sayings of the Century","Sword of Honour"])";
        QTest::newRow("..book[:2].title") << "$..book[:2].title" << R"(["Sayings of the Century","Sword of Honour"])";
        QTest::newRow("..book[1:2].title") << "$..book[1:2].title" << R"(["Sword of Honour"])";
        QTest::newRow("..book[-2:].title") << "$..book[-2:].title" << R"(["Moby Dick","The Lord of the Rings"])";
        QTest::newRow("..book[2:].title") << "$..book[2:].title" << R"(["Moby Dick","The Lord of the Rings"])";
        QTest::newRow("isbn exists") << "$..book[?(@.isbn)].title" << R"(["Moby Dick","The Lord of the Rings"])";
        QTest::newRow("price < 10") << "$.store.book[?(@.price < 10)].title" << R"(["Sayings of the Century","Moby Dick"])";
        QTest::newRow("price <= $.expensive") << "$..book[?(@.price <= $['expensive'])].title"
                                             << R"(["Sayings of the Century","Moby Dick"])";
        QTest::newRow("regex") << "$..book[?(@.author =~ /.*REES/i)].title" << R"(["Sayings of the Century"])";
        QTest::newRow("store.*") << "$.store.*.color" << R"(["red"])";
        QTest::newRow("and") << "$.store.book[?(@.category == 'fiction' && @.price < 10)].title" << R"(["Moby Dick"])";
        QTest::newRow("or") << "$.store.book[?(@.price > 20 || @.price < 9)].title"
                            << R"(["Sayings of the Century","Moby Dick","The Lord of the Rings"])";
        QTest::newRow("in") << "$.store.book[?(@.author in ['Nigel Rees','Herman Melville'])].price" << "[8.95,8.99]";
        QTest::newRow("nin") << "$.store.book[?(@.category nin ['fiction'])].price" << "[8.95]";
        QTest::newRow("not exists") << "$.store.book[?(!@.isbn)].price" << "[8.95,12.99]";
        QTest::newRow("!=") << "$.store.book[?(@.category != 'fiction')].price" << "[8.95]";
        // Bare words in filters are strings (as published AWS samples write them).
        QTest::newRow("bare word") << "$.store.book[?(@.category==reference)].price" << "[8.95]";
        QTest::newRow("length script") << "$.store.book[(@.length-1)].price" << "22.99";
    }
    void jaywayReadmeExamples()
    {
        QFETCH(QString, path);
        QFETCH(QString, expected);
        const auto v = eval(path, J(storeDocument()));
        QVERIFY2(v.found(), qPrintable(v.missing));
        QCOMPARE(compact(v.value), expected);
    }

    // Recorded AWS executions (../shared/corpus/conformance).
    void recordedCases_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("array access items[10]")
            << "$.items[10]" << R"({"items":[{"k":0},{"k":1},{"k":2},{"k":3},{"k":4},{"k":5},{"k":6},{"k":7},{"k":8},{"k":9},{"k":10}]})"
            << R"({"k":10})";
        QTest::newRow("slice on missing") << "$.item.items[1:5]" << "{}" << "[]";
        QTest::newRow("slice to on missing") << "$.item.items[:1]" << "{}" << "[]";
        QTest::newRow("wildcard on missing") << "$.items[*].itemValue" << "{}" << "[]";
        QTest::newRow("filter == 0") << "$.users[?(@.status == 0)]"
                                     << R"({"users":[{"year":1997,"status":0},{"year":1998,"status":1}]})"
                                     << R"([{"year":1997,"status":0}])";
        // A backslash in a bracket name is kept verbatim: the key really contains it.
        QTest::newRow("escape sequences") << QStringLiteral("$['Test\\\"\"Name\"']") << QStringLiteral("{\"Test\\\\\\\"\\\"Name\\\"\":\"Value\\\"\\\\\"}") << QStringLiteral("\"Value\\\"\\\\\"");
        QTest::newRow("dash in name") << "$.input-value" << R"({"input-value":0})" << "0";
    }
    void recordedCases()
    {
        QFETCH(QString, path);
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const auto v = eval(path, J(input.toUtf8().constData()));
        QVERIFY2(v.found(), qPrintable(v.missing));
        QCOMPARE(compact(v.value), expected);
    }

    // The reason AWS quotes after "Invalid path '$.foo' : " (Jayway's PathNotFoundException text).
    void missingReasons_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("reason");
        QTest::newRow("leaf") << "$.foo" << "No results for path: $['foo']";
        QTest::newRow("nested leaf") << "$.a.missing" << "No results for path: $['a']['missing']";
        QTest::newRow("intermediate") << "$.nope.deep" << "Missing property in path $['nope']";
        QTest::newRow("index out of range") << "$.list[5]" << "No results for path: $['list'][5]";
    }
    void missingReasons()
    {
        QFETCH(QString, path);
        QFETCH(QString, reason);
        const auto v = eval(path, J(R"({"a": {"b": 1}, "list": [1, 2]})"));
        QVERIFY(!v.found());
        QCOMPARE(v.missing, reason);
    }

    void contextAndVariables()
    {
        sim::EvalContext ctx;
        ctx.contextObject = J(R"({"Execution": {"Input": {"input-value": 0}}, "Map": {"Item": {"Value": "Hello", "Index": 0}}})");
        TestVariables vars;
        vars.set(QStringLiteral("theAnswer"), Json(42));
        vars.set(QStringLiteral("obj"), J(R"({"list": [10, 20]})"));
        ctx.variables = &vars;
        QCOMPARE(compact(eval("$$.Execution.Input", J("{}"), ctx).value), QStringLiteral(R"({"input-value":0})"));
        QCOMPARE(compact(eval("$$.Map.Item.Value", J("{}"), ctx).value), QStringLiteral(R"("Hello")"));
        QCOMPARE(compact(eval("$theAnswer", J("{}"), ctx).value), QStringLiteral("42"));
        QCOMPARE(compact(eval("$obj.list[1]", J("{}"), ctx).value), QStringLiteral("20"));
        QVERIFY(!eval("$undefinedVar", J("{}"), ctx).found());
    }

    void cacheReturnsSamePath()
    {
        QString error;
        const auto a = sim::cachedPath(QStringLiteral("$.a.b"), &error);
        const auto b = sim::cachedPath(QStringLiteral("$.a.b"), &error);
        QVERIFY(a && b);
        QCOMPARE(a->normalized(), b->normalized());
        QVERIFY(!sim::cachedPath(QStringLiteral("$.a b"), &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestJsonPath)
#include "tst_jsonpath.moc"
