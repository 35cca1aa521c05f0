#include "json/json.h"
#include "json/jsonreader.h"
#include "json/jsonwriter.h"

#include <QJsonDocument>
#include <QtTest>

using namespace sw;

class TestJson : public QObject
{
    Q_OBJECT
private slots:
    void keepsMemberOrder()
    {
        const auto r = JsonReader::parse(R"({"b":1,"a":2,"c":{"z":1,"y":2}})");
        QVERIFY(r.ok);
        QCOMPARE(r.value.keys(), (QStringList{"b", "a", "c"}));
        QCOMPARE(r.value["c"].keys(), (QStringList{"z", "y"}));
    }

    void positions()
    {
        const QByteArray text = "{\n  \"A\": 1,\n  \"B\": [true,\n    \"x\"]\n}";
        const auto r = JsonReader::parse(text);
        QVERIFY(r.ok);
        QCOMPARE(r.value.member(u"A")->keyPos, (SourcePos{2, 3}));
        QCOMPARE(r.value.member(u"A")->valuePos, (SourcePos{2, 8}));
        QCOMPARE(r.value["B"].itemPos(1), (SourcePos{4, 5}));
        QCOMPARE(jsonpointer::locate(r.value, u"/B/1"), (SourcePos{4, 5}));
        // A missing member resolves to the deepest existing value.
        QCOMPARE(jsonpointer::locate(r.value, u"/B/7"), (SourcePos{3, 8}));
    }

    void columnsCountCodePoints()
    {
        const auto r = JsonReader::parse("{\"é€𝄞\": 1}");
        QVERIFY(r.ok);
        // { " é € 𝄞 " : space -> value at column 9 (code points, not bytes)
        QCOMPARE(r.value.member(QString::fromUtf8("é€𝄞"))->valuePos, (SourcePos{1, 9}));
    }

    void numberSpellingsSurvive_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("1.0") << QByteArray("[1.0]");
        QTest::newRow("exp") << QByteArray("[1e3, -2.50E-2]");
        QTest::newRow("-0") << QByteArray("[-0]");
        QTest::newRow("big") << QByteArray("[123456789012345678901234567890]");
        QTest::newRow("escapes") << QByteArray(R"(["\u00e9\/\n", "\ud834\udd1e"])");
    }
    void numberSpellingsSurvive()
    {
        QFETCH(QByteArray, text);
        const auto r = JsonReader::parse(text);
        QVERIFY(r.ok);
        const QByteArray out = JsonWriter::compact(r.value);
        QByteArray expected = text;
        expected.replace(", ", ",");
        QCOMPARE(out, expected);
    }

    void valuesMatchQtParser()
    {
        const QByteArray text = R"({"a":[1,2.5,"s",null,true,{"x":{}}],"b":"\u0041\t","c":-1.25e2})";
        const auto r = JsonReader::parse(text);
        QVERIFY(r.ok);
        const QJsonDocument mine = QJsonDocument::fromJson(JsonWriter::compact(r.value));
        QCOMPARE(mine, QJsonDocument::fromJson(text));
    }

    void integersAndDoubles()
    {
        const auto r = JsonReader::parse("[1, 1.0, 9223372036854775807, 1.5]");
        QVERIFY(r.ok);
        QVERIFY(r.value.at(0).isIntegerStorage());
        QVERIFY(!r.value.at(1).isIntegerStorage());
        QVERIFY(r.value.at(1).isIntegral());
        QCOMPARE(r.value.at(0), r.value.at(1)); // value equality: 1 == 1.0
        QVERIFY(!r.value.at(0).identical(r.value.at(1)));
        QCOMPARE(r.value.at(2).toInteger(), std::numeric_limits<qint64>::max());
        QCOMPARE(r.value.at(3).toDouble(), 1.5);
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("empty") << QByteArray("") << 1 << 1 << "empty";
        QTest::newRow("truncated") << QByteArray("{\n  \"a\": [1,") << 2 << 11 << "end of input";
        QTest::newRow("trailing comma") << QByteArray("[1,]") << 1 << 4 << "trailing comma";
        QTest::newRow("bad token") << QByteArray("not json") << 1 << 1 << "expected a value";
        QTest::newRow("unterminated") << QByteArray("{\"a\": \"abc") << 1 << 11 << "unterminated";
        QTest::newRow("invalid utf8") << QByteArray("{\"a\": \"x\xff\"}") << 1 << 9 << "UTF-8";
        QTest::newRow("overlong utf8") << QByteArray("[\"\xc0\xaf\"]") << 1 << 3 << "UTF-8";
        QTest::newRow("garbage after") << QByteArray("{} x") << 1 << 4 << "after the end";
        QTest::newRow("leading zero") << QByteArray("[01]") << 1 << 3 << "leading zeros";
        QTest::newRow("bad escape") << QByteArray("[\"\\q\"]") << 1 << 3 << "escape";
        QTest::newRow("control char") << QByteArray("[\"a\tb\"]") << 1 << 4 << "control character";
    }
    void errors()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, fragment);
        const auto r = JsonReader::parse(text);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(fragment), qPrintable(r.error));
        QCOMPARE(r.errorPos.line, line);
        QCOMPARE(r.errorPos.column, column);
    }

    void deepNesting()
    {
        const int depth = 1000;
        const QByteArray text = QByteArray(depth, '[') + QByteArray(depth, ']');
        const auto r = JsonReader::parse(text);
        QVERIFY(r.ok);
        QCOMPARE(JsonWriter::compact(r.value), text);
        const QByteArray tooDeep = QByteArray(100000, '[') + QByteArray(100000, ']');
        const auto r2 = JsonReader::parse(tooDeep);
        QVERIFY(!r2.ok);
        QVERIFY(r2.error.contains("nesting"));
    }

    void copyOnWrite()
    {
        Json a{{"x", 1}, {"y", Json::array({1, 2})}};
        Json b = a;
        b.insert("x", 2);
        b.mutableValue(u"y")->append(3);
        QCOMPARE(a["x"].toInteger(), 1);
        QCOMPARE(a["y"].size(), 2);
        QCOMPARE(b["x"].toInteger(), 2);
        QCOMPARE(b["y"].size(), 3);
        QCOMPARE(b.keys(), (QStringList{"x", "y"}));
    }

    void compactSizeMatchesWriter()
    {
        const auto r = JsonReader::parse(R"({"a":[1,2.50,"x\u00e9\n",null,true,{}],"b":{"c":"Ã©ð"},"d":-0})");
        QVERIFY(r.ok);
        Json v = r.value;
        QCOMPARE(v.compactSize(), qint64(JsonWriter::compact(v).size()));
        Json copy = v;
        copy.mutableValue(u"b")->insert("e", Json(QStringLiteral("quote\"")));
        copy.mutableValue(u"a")->append(Json(0.1));
        QCOMPARE(copy.compactSize(), qint64(JsonWriter::compact(copy).size()));
        QCOMPARE(v.compactSize(), qint64(JsonWriter::compact(v).size())); // the original is untouched
    }

    void renameKeepsPosition()
    {
        Json a{{"a", 1}, {"b", 2}, {"c", 3}};
        QVERIFY(a.renameKey(u"b", "B"));
        QCOMPARE(a.keys(), (QStringList{"a", "B", "c"}));
    }

    void prettyIsTwoSpace()
    {
        const Json v{{"a", Json::array({1, Json::object()})}, {"b", Json::array()}, {"c", Json{{"d", nullptr}}}};
        QCOMPARE(JsonWriter::pretty(v),
                 QByteArray("{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": [],\n  \"c\": {\n    \"d\": null\n  }\n}"));
    }

    void escapesLikeJsonStringify()
    {
        const Json v(QString::fromUtf8("q\"b\\s/\x01\n\u00e9"));
        QCOMPARE(JsonWriter::compact(v), QByteArray("\"q\\\"b\\\\s/\\u0001\\n\xc3\xa9\""));
    }

    void doublesFormatLikeJavaScript_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("half") << 0.5 << QByteArray("0.5");
        QTest::newRow("tenth") << 0.1 << QByteArray("0.1");
        QTest::newRow("sum") << (0.1 + 0.2) << QByteArray("0.30000000000000004");
        QTest::newRow("int") << 3.0 << QByteArray("3");
        QTest::newRow("big") << 1e21 << QByteArray("1e+21");
        QTest::newRow("large int") << 123456789012.0 << QByteArray("123456789012");
        QTest::newRow("small") << 1e-7 << QByteArray("1e-7");
        QTest::newRow("neg") << -2.5e-3 << QByteArray("-0.0025");
    }
    void doublesFormatLikeJavaScript()
    {
        QFETCH(double, value);
        QFETCH(QByteArray, text);
        QCOMPARE(JsonWriter::formatDouble(value), text);
    }
};

QTEST_GUILESS_MAIN(TestJson)
#include "tst_json.moc"
