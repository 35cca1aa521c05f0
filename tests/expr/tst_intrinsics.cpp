// Intrinsic functions: syntax (model/expr) and evaluation (simulator/data).
//
// Expected values come from the AWS developer guide ("Intrinsic functions for JSONPath states"),
// from executions recorded on AWS (../shared/corpus/conformance, and the localstack snapshots the
// corpus was extracted from), and for MD5/SHA-384 from an independent implementation (Python hashlib).
#include "exprtest.h"
#include "intrinsiccases.h"

#include "expr/intrinsics.h"
#include "expr/syntax.h"
#include "simulator/data/intrinsiceval.h"

#include <QRegularExpression>
#include <QtTest>

using namespace sw;

namespace {

sim::JsonOutcome run(const QString &expression, const Json &input, const sim::EvalContext &ctx = {})
{
    QString error;
    const auto call = expr::parseIntrinsic(expression, &error);
    if (!call)
        return sim::Failure{QStringLiteral("parse"), error, false};
    return sim::evaluateIntrinsic(*call, input, ctx, u"FunctionResult.$");
}

} // namespace

class TestIntrinsics : public QObject
{
    Q_OBJECT
private slots:
    void syntax_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("format") << "States.Format('Hello, my name is {}.', $.name)" << true;
        QTest::newRow("format from path") << "States.Format($.template, $.name)" << true;
        QTest::newRow("array empty") << "States.Array()" << true;
        QTest::newRow("nested") << "States.JsonMerge(States.StringToJson('{\"a\": \"false\"}'), $$.Execution.Input.x, false)" << true;
        QTest::newRow("numbers") << "States.ArrayRange(-1, 9.5, 2)" << true;
        QTest::newRow("variable arg") << "States.Format('{}', $myVar)" << true;
        QTest::newRow("escapes") << "States.Format('it\\'s \\{\\} \\\\ {}', $.a)" << true;
        QTest::newRow("filter arg") << "States.Array($.a[?(@.x == 'a, b')])" << true;
        QTest::newRow("inner spaces") << "States.Array( $.a , 'b' )  " << true;
        // statelint fixture: a leading blank makes it neither an intrinsic call nor a path.
        QTest::newRow("leading space") << " States.Array('Foo', $.xyz, 'Bar', 2.3)" << false;
        // Recorded AWS verdicts (SCHEMA_VALIDATION_FAILED): \" is not an escape in intrinsic strings.
        QTest::newRow("escaped double quote") << "States.StringToJson('{\"text\":\"An \\\"escaped double quote\\\" here\"}')" << false;
        QTest::newRow("escaped double quote 2") << "States.Format('He said, \\\"Hello, {}!\\\"', 'Test \\\"Name\\\" Here')" << false;
        QTest::newRow("uuid") << "States.UUID()" << true;
        QTest::newRow("math random seed") << "States.MathRandom(1, 10, 42)" << true;
        QTest::newRow("unknown function") << "States.Compare($.a, $.b)" << false;
        QTest::newRow("lowercase") << "states.Array()" << false;
        QTest::newRow("arity too few") << "States.ArrayRange(1, 2)" << false;
        QTest::newRow("arity too many") << "States.StringToJson($.a, $.b)" << false;
        QTest::newRow("uuid with arg") << "States.UUID(1)" << false;
        QTest::newRow("format no args") << "States.Format()" << false;
        QTest::newRow("open escape") << "States.Format('a\\nb')" << false;
        QTest::newRow("unterminated") << "States.Format('abc)" << false;
        QTest::newRow("missing paren") << "States.Array($.a" << false;
        QTest::newRow("trailing") << "States.Array() x" << false;
        QTest::newRow("bad path") << "States.Array($.a b)" << false;
        QTest::newRow("not a call") << "$.a" << false;
    }
    void syntax()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QString error;
        QCOMPARE(expr::isValidIntrinsicCall(text, &error), valid);
        QCOMPARE(error.isEmpty(), valid);
    }

    void nestingLimit()
    {
        QString ten = QStringLiteral("$.a");
        for (int i = 0; i < 10; ++i)
            ten = QStringLiteral("States.Array(%1)").arg(ten);
        QVERIFY(expr::isValidIntrinsicCall(ten));
        QVERIFY(!expr::isValidIntrinsicCall(QStringLiteral("States.Array(%1)").arg(ten)));
    }

    void pathOrIntrinsic()
    {
        QVERIFY(expr::isValidPathOrIntrinsic(u"$.a"));
        QVERIFY(expr::isValidPathOrIntrinsic(u"States.Array($.a)"));
        QVERIFY(!expr::isValidPathOrIntrinsic(u"States.Nope()"));
        QVERIFY(!expr::isValidPathOrIntrinsic(u"a.b"));
        QVERIFY(!expr::isValidPathOrIntrinsic(u" States.Array('Foo', $.xyz, 'Bar', 2.3)"));
    }

    void evaluate_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        for (const auto &c : intrinsicEvaluationCases())
            QTest::newRow(c.name) << QString::fromUtf8(c.expression) << QString::fromUtf8(c.input) << QString::fromUtf8(c.expected);
    }
    void evaluate()
    {
        QFETCH(QString, expression);
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const auto r = run(expression, J(input.toUtf8().constData()));
        QVERIFY2(r.ok(), qPrintable(r.failure().error + QLatin1String(": ") + r.failure().cause));
        const Json want = J(expected.toUtf8().constData());
        QVERIFY2(r.value() == want, qPrintable(compact(r.value()) + QLatin1String(" != ") + expected));
    }

    void failures_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("error");
        for (const auto &c : intrinsicFailureCases())
            QTest::newRow(c.name) << QString::fromUtf8(c.expression) << QString::fromUtf8(c.input) << QString::fromUtf8(c.expected);
    }
    void failures()
    {
        QFETCH(QString, expression);
        QFETCH(QString, input);
        QFETCH(QString, error);
        const auto r = run(expression, J(input.toUtf8().constData()));
        QVERIFY(r.failed());
        QCOMPARE(r.failure().error, error);
        QVERIFY(!r.failure().cause.isEmpty());
    }

    // AWS guide: "The input string can't exceed 10,000 characters" (Base64Encode/Decode, Hash).
    void inputLimits()
    {
        Json input = Json::object();
        input.insert(QStringLiteral("ok"), Json(QString(10000, u'a')));
        input.insert(QStringLiteral("big"), Json(QString(10001, u'a')));
        QVERIFY(run(QStringLiteral("States.Base64Encode($.ok)"), input).ok());
        QVERIFY(run(QStringLiteral("States.Base64Encode($.big)"), input).failed());
        QVERIFY(run(QStringLiteral("States.Hash($.ok, 'MD5')"), input).ok());
        QVERIFY(run(QStringLiteral("States.Hash($.big, 'MD5')"), input).failed());
        const auto range = run(QStringLiteral("States.ArrayRange(0, 999, 1)"), input);
        QVERIFY(range.ok());
        QCOMPARE(range.value().size(), 1000);
    }

    void missingPathMessage()
    {
        const auto r = run(QStringLiteral("States.Format('{}', $.missing)"), J(R"({"a":1})"));
        QCOMPARE(r.failure().cause,
                 QStringLiteral("The JSONPath '$.missing' specified for the field 'FunctionResult.$' could not be found in the input '{\"a\":1}'"));
    }

    // The guide: a random number between start (inclusive) and end (exclusive); deterministic here.
    void mathRandom()
    {
        sim::RandomSource random(7);
        sim::EvalContext ctx;
        ctx.random = &random;
        for (int i = 0; i < 200; ++i) {
            const auto r = run(QStringLiteral("States.MathRandom($.start, $.end)"), J(R"({"start":1,"end":999})"), ctx);
            QVERIFY(r.ok());
            QVERIFY(r.value().isIntegerStorage());
            QVERIFY(r.value().toInteger() >= 1 && r.value().toInteger() < 999);
        }
        const auto a = run(QStringLiteral("States.MathRandom(1, 1000, 42)"), J("{}"), ctx);
        const auto b = run(QStringLiteral("States.MathRandom(1, 1000, 42)"), J("{}"), ctx);
        QVERIFY(a.ok() && b.ok());
        QVERIFY(a.value() == b.value());
    }

    void uuid()
    {
        sim::RandomSource r1(1), r2(1);
        sim::EvalContext c1, c2;
        c1.random = &r1;
        c2.random = &r2;
        const auto a = run(QStringLiteral("States.UUID()"), J("{}"), c1);
        const auto b = run(QStringLiteral("States.UUID()"), J("{}"), c2);
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(a.value().toString(), b.value().toString());
        static const QRegularExpression v4(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
        QVERIFY2(v4.match(a.value().toString()).hasMatch(), qPrintable(a.value().toString()));
        const auto next = run(QStringLiteral("States.UUID()"), J("{}"), c1);
        QVERIFY(next.value().toString() != a.value().toString());
    }

    void javaNumberRendering_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("1.1") << 1.1 << "1.1";
        QTest::newRow("1.0") << 1.0 << "1.0";
        QTest::newRow("0.001") << 0.001 << "0.001";
        QTest::newRow("1e-4") << 1e-4 << "1.0E-4";
        QTest::newRow("1e7") << 1e7 << "1.0E7";
        QTest::newRow("1234567.5") << 1234567.5 << "1234567.5";
        QTest::newRow("-2.5") << -2.5 << "-2.5";
        QTest::newRow("1.5e21") << 1.5e21 << "1.5E21";
    }
    void javaNumberRendering()
    {
        QFETCH(double, value);
        QFETCH(QString, text);
        QCOMPARE(sim::javaDoubleToString(value), text);
    }

    void variablesAndContext()
    {
        TestVariables vars;
        vars.set(QStringLiteral("greeting"), Json("hi"));
        sim::EvalContext ctx;
        ctx.variables = &vars;
        ctx.contextObject = J(R"({"Execution":{"Name":"exec-1"}})");
        const auto r = run(QStringLiteral("States.Format('{} {}', $greeting, $$.Execution.Name)"), J("{}"), ctx);
        QVERIFY(r.ok());
        QCOMPARE(r.value().toString(), QStringLiteral("hi exec-1"));
    }
};

QTEST_GUILESS_MAIN(TestIntrinsics)
#include "tst_intrinsics.moc"
