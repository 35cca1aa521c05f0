// The JSONata syntax checker against expressions whose verdict is known: valid ones from the JSONata
// 2.0 documentation and from definitions AWS accepted (conformance corpus), invalid ones with the
// error the reference parser gives (offset of the offending token).
#include "validate/jsonatasyntax.h"

#include <QtTest>

using sw::validate::checkJsonata;
using sw::validate::JsonataCheck;

Q_DECLARE_METATYPE(sw::validate::JsonataCheck::Kind)

class TestJsonataSyntax : public QObject
{
    Q_OBJECT

private slots:
    void valid_data();
    void valid();
    void invalid_data();
    void invalid();
    void topLevelReferences_data();
    void topLevelReferences();
    void errorOutput();
    void deepNestingIsAnError();
};

void TestJsonataSyntax::valid_data()
{
    QTest::addColumn<QString>("expr");
    const char *rows[] = {
        "1 + 2",
        "$states.input.a.b[0].c",
        "$states.input.items[price > 10 and qty >= 1].name",
        "$sum($states.input.items.(price * qty))",
        "$x := 5",
        "($x := 5; $y := $x * 2; $x + $y)",
        "($a := 1;)",
        "$states.input ~> $map(function($v, $i) { $v * $i })",
        "function($x)<n:n>{ $x + 1 }",
        "λ($x){ $x }",
        "$match($states.input.s, /^a.*b$/i)",
        "$states.input.s ~> $replace(/[a-z]+/, 'x')",
        "/* leading comment */ $states.input /* trailing */",
        "$states.input.`field name`",
        "$states.input.'quoted'",
        "$states.input^(>price, <name)",
        "$states.input{name: $sum(price)}",
        "[1..5]",
        "[]",
        "{}",
        "()",
        "[1, [2, 3], {'a': [4]}]",
        "$states.input.a ? 'x' : 'y'",
        "$states.input.a ? 'x'",
        "$states.input.a ?: 'x'",
        "$states.input.a ?? 'x'",
        "$states.input ~> | $ | {'a': 1} |",
        "$states.input ~> | items | {'b': 2}, ['c'] |",
        "$states.input.items@$i#$pos.{'i': $i, 'p': $pos}",
        "$f := function($a){$a}",
        "$substring(?, 1)",
        "$states.input.(a + b)",
        "-$states.input.n",
        "$states.input.n - -1",
        "$states.input.n in [1, 2]",
        "$states.input.n != 3 or $not(true)",
        "1e10 + 0.5 + 0",
        "\"double\" & 'single' & \"esc\\\"aped\\u00e9\"",
        "$",
        "$states.input.**.a",
        "$states.input.*.a",
        "$states.input.a[-1]",
        "$states.input.a[]",
        "$states.input.a.%.b",
        "$not(null in $each($states.input.data.address, function($v) { $length($trim($v)) > 0 ? $v : null "
        "}))",
        "$exists($states.input.moreData) ? $states.input.moreData : {}",
        "\n10    \n",
        "10 / 2",
        "$a and $b",
        "$count($states.input.and)",
    };
    for (const char *r : rows)
        QTest::newRow(r) << QString::fromUtf8(r);
}

void TestJsonataSyntax::valid()
{
    QFETCH(QString, expr);
    const JsonataCheck c = checkJsonata(expr);
    QVERIFY2(c.isOk(), qPrintable(QStringLiteral("%1 at %2").arg(c.message).arg(c.offset)));
}

void TestJsonataSyntax::invalid_data()
{
    QTest::addColumn<QString>("expr");
    QTest::addColumn<int>("offset");
    QTest::newRow("number ends with a dot") << " 420. " << 6;
    QTest::newRow("operator without operand") << "10 + * 2" << 7;
    QTest::newRow("JSONPath filter") << "$.store.book[?(@.price < 10)].title" << 13;
    QTest::newRow("unclosed call") << "$sum($states.input.items" << 24;
    QTest::newRow("unclosed array") << "[1, 2" << 5;
    QTest::newRow("unclosed object") << "{'a': 1" << 7;
    QTest::newRow("object without colon") << "{'a' 1}" << 5;
    QTest::newRow("unterminated string") << "'abc" << 0;
    QTest::newRow("bad escape") << "'a\\qb'" << 2;
    QTest::newRow("bad unicode escape") << "'\\u12'" << 1;
    QTest::newRow("unterminated comment") << "1 /* x" << 2;
    QTest::newRow("unterminated backtick") << "$a.`b" << 3;
    QTest::newRow("unterminated regex") << "$match($s, /abc)" << 11;
    QTest::newRow("empty regex") << "$match($s, //)" << 11;
    QTest::newRow("bind to a path") << "a.b := 1" << 4;
    QTest::newRow("focus without variable") << "$a@b" << 3;
    QTest::newRow("lambda parameter") << "function(a){a}" << 9;
    QTest::newRow("lambda without body") << "function($a)" << 12;
    QTest::newRow("closing paren") << ")" << 0;
    QTest::newRow("top-level sequence") << "1; 2" << 1;
    QTest::newRow("top-level bindings") << "$e := $x.email; $e" << 14;
    QTest::newRow("trailing operator") << "$a ~>" << 5;
    QTest::newRow("stray bang") << "!$a" << 0;
    QTest::newRow("empty") << "   " << 0;
    QTest::newRow("descendants after operand") << "$a ** 2" << 3;
    QTest::newRow("order-by without paren") << "$a^ b" << 4;
}

void TestJsonataSyntax::invalid()
{
    QFETCH(QString, expr);
    QFETCH(int, offset);
    const JsonataCheck c = checkJsonata(expr);
    QCOMPARE(c.kind, JsonataCheck::Kind::SyntaxError);
    QVERIFY(!c.message.isEmpty());
    QCOMPARE(c.offset, qsizetype(offset));
}

// Step Functions gives an expression no context item: a bare name at the top level is refused
// (AWS: "Reference to 'phone' at the top level is not supported."), names inside steps are not.
void TestJsonataSyntax::topLevelReferences_data()
{
    QTest::addColumn<QString>("expr");
    QTest::addColumn<QString>("name");
    QTest::newRow("bare name") << "phone"
                               << "phone";
    QTest::newRow("first step") << "phone.number"
                                << "phone";
    QTest::newRow("function argument") << "$count(items)"
                                       << "items";
    QTest::newRow("object key") << "{a: 1}"
                                << "a";
    QTest::newRow("lambda body") << "$map($states.input.a, function($x){ b })"
                                 << "b";
    QTest::newRow("context root") << "$$.a"
                                  << "$$";
    QTest::newRow("predicate is fine") << "$states.input.items[value > 3]"
                                       << "";
    QTest::newRow("later step is fine") << "$states.input.phone"
                                        << "";
    QTest::newRow("grouping is fine") << "$states.input{name: price}"
                                      << "";
    QTest::newRow("sort term is fine") << "$states.input^(price)"
                                       << "";
    QTest::newRow("variable is fine") << "$phone"
                                      << "";
}

void TestJsonataSyntax::topLevelReferences()
{
    QFETCH(QString, expr);
    QFETCH(QString, name);
    const JsonataCheck c = checkJsonata(expr);
    if (name.isEmpty()) {
        QVERIFY2(c.isOk(), qPrintable(c.message));
        return;
    }
    QCOMPARE(c.kind, JsonataCheck::Kind::TopLevelReference);
    QVERIFY2(c.message.contains(QLatin1Char('\'') + name + QLatin1Char('\'')), qPrintable(c.message));
}

void TestJsonataSyntax::errorOutput()
{
    QCOMPARE(checkJsonata(u"$states.errorOutput.Cause").errorOutputAt, qsizetype(0));
    QCOMPARE(checkJsonata(u"1 + $states.input.x").errorOutputAt, qsizetype(-1));
    QCOMPARE(checkJsonata(u"$states.errorOutputs").errorOutputAt, qsizetype(-1));
}

void TestJsonataSyntax::deepNestingIsAnError()
{
    const QString deep =
        QString(100000, QLatin1Char('(')) + QLatin1Char('1') + QString(100000, QLatin1Char(')'));
    const JsonataCheck c = checkJsonata(deep);
    QCOMPARE(c.kind, JsonataCheck::Kind::SyntaxError);
    QVERIFY(c.message.contains(QLatin1String("nested too deeply")));
    // AWS accepts 99 levels of parentheses.
    const QString ok = QString(99, QLatin1Char('(')) + QLatin1Char('1') + QString(99, QLatin1Char(')'));
    QVERIFY(checkJsonata(ok).isOk());
    const QString unary = QString(100000, QLatin1Char('-')) + QLatin1Char('1');
    QCOMPARE(checkJsonata(unary).kind, JsonataCheck::Kind::SyntaxError);
}

QTEST_GUILESS_MAIN(TestJsonataSyntax)
#include "tst_jsonatasyntax.moc"
