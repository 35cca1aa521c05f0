// The JSONata cases of ../shared/corpus/conformance (INDEX.json feature "JSONata", recorded
// against AWS), checked at the level of the JSONata engine: a small driver walks the machines
// whose outcome depends on expression evaluation only (Pass, Succeed, Fail, Choice, Wait) and the
// field evaluations that fail a Map or Task state before anything runs. Anything needing the
// interpreter proper (Map iterations, task invocations, timestamp parsing) is skipped with its
// reason; the full executions are the interpreter's conformance test.

#include "jsonata/jsonataengine.h"

#include "asl/statemachine.h"

#include "shared.h"
#include "json/jsonreader.h"
#include "json/jsonwriter.h"

#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QTest>

using namespace sw;
using namespace sw::sim;

namespace {

Json readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return Json();
    return JsonReader::parseOrUndefined(f.readAll());
}

class Scope : public Variables
{
public:
    QHash<QString, Json> values;
    const Json *lookup(QStringView name) const override
    {
        auto it = values.constFind(name.toString());
        return it == values.constEnd() ? nullptr : &*it;
    }
};

struct Outcome_
{
    enum Kind { Succeeded, Failed, Skipped } kind = Skipped;
    Json output;
    Json error; // string or null
    Json cause;
    QString skipReason;
};

Outcome_ skipped(const QString &why)
{
    Outcome_ o;
    o.skipReason = why;
    return o;
}

Outcome_ failed(const Failure &f)
{
    Outcome_ o;
    o.kind = Outcome_::Failed;
    o.error = Json(f.error);
    o.cause = Json(f.cause);
    return o;
}

// Runs one execution as far as expression evaluation decides it.
class Driver
{
public:
    Driver(JsonataEngine &engine, const Json &definition, const Json &input)
        : m_engine(engine), m_definition(definition), m_input(input)
    {
    }

    Outcome_ run()
    {
        const bool machineJsonata = m_definition[u"QueryLanguage"] == Json("JSONata");
        QString current = m_definition[u"StartAt"].toString();
        Json input = m_input;
        for (int steps = 0; steps < 100; ++steps) {
            const Json &state = m_definition[u"States"][current];
            const Json &ql = state[u"QueryLanguage"];
            if (!(ql.isDefined() ? ql == Json("JSONata") : machineJsonata))
                return skipped(QStringLiteral("state '%1' uses JSONPath").arg(current));
            m_ctx = EvalContext{};
            m_ctx.variables = &m_scope;
            m_ctx.random = &m_random;
            m_ctx.contextObject =
                Json{{QStringLiteral("Execution"), Json{{QStringLiteral("Input"), m_input}}},
                     {QStringLiteral("State"), Json{{QStringLiteral("Name"), current}}}};
            m_states =
                Json{{QStringLiteral("input"), input}, {QStringLiteral("context"), m_ctx.contextObject}};
            const QString type = state[u"Type"].toString();
            Json output = input;
            QString next = state[u"Next"].toString();
            const Json *assign = state.find(u"Assign");
            const Json *outputField = state.find(u"Output");

            if (type == QLatin1String("Fail")) {
                Outcome_ o;
                o.kind = Outcome_::Failed;
                o.error = nullptr;
                o.cause = nullptr;
                for (const char *field : {"Error", "Cause"}) {
                    const Json *v = state.find(QString::fromLatin1(field));
                    if (!v) continue;
                    Outcome<Json> r =
                        m_engine.evaluateTemplate(*v, QString::fromLatin1(field), m_states, m_ctx);
                    if (r.failed()) return failed(r.failure());
                    (qstrcmp(field, "Error") == 0 ? o.error : o.cause) = r.value();
                }
                return o;
            }
            if (type == QLatin1String("Choice")) {
                next = state[u"Default"].toString();
                const QList<Json> &rules = state[u"Choices"].items();
                for (qsizetype i = 0; i < rules.size(); ++i) {
                    Outcome<Json> c = m_engine.evaluateTemplate(rules[i][u"Condition"],
                                                                QStringLiteral("Condition"), m_states, m_ctx);
                    if (c.failed()) return failed(c.failure());
                    if (!c.value().isBool())
                        return skipped(QStringLiteral("a non-boolean Condition is the interpreter's check"));
                    if (c.value().toBool()) {
                        next = rules[i][u"Next"].toString();
                        assign = rules[i].find(u"Assign");
                        outputField = rules[i].find(u"Output");
                        break;
                    }
                }
            } else if (type == QLatin1String("Wait")) {
                if (state.contains(u"Timestamp"))
                    return skipped(QStringLiteral("Wait timestamps are parsed by the interpreter"));
                if (const Json *seconds = state.find(u"Seconds")) {
                    Outcome<Json> r =
                        m_engine.evaluateTemplate(*seconds, QStringLiteral("Seconds"), m_states, m_ctx);
                    if (r.failed()) return failed(r.failure());
                }
            } else if (type == QLatin1String("Map")) {
                const Json &items = state[u"Items"];
                if (asl::isJsonataExpression(items)) {
                    Outcome<Json> r =
                        m_engine.evaluateTemplate(items, QStringLiteral("Items"), m_states, m_ctx);
                    if (r.failed()) return failed(r.failure());
                    if (!r.value().isArray())
                        return failed(JsonataEngine::unexpectedType(asl::jsonataBody(items).trimmed(),
                                                                    QStringLiteral("Items"),
                                                                    QStringLiteral("array"), r.value()));
                }
                return skipped(QStringLiteral("Map iterations run in the interpreter"));
            } else if (type == QLatin1String("Task")) {
                if (const Json *args = state.find(u"Arguments")) {
                    Outcome<Json> r =
                        m_engine.evaluateTemplate(*args, QStringLiteral("Arguments"), m_states, m_ctx);
                    if (r.failed()) return failed(r.failure());
                }
                return skipped(QStringLiteral("task invocations run in the interpreter"));
            } else if (type != QLatin1String("Pass") && type != QLatin1String("Succeed")) {
                return skipped(QStringLiteral("%1 states run in the interpreter").arg(type));
            }

            // Assign and Output both see the variables as they were when the state was entered.
            QHash<QString, Json> assigned;
            if (assign) {
                Outcome<Json> a =
                    m_engine.evaluateTemplate(*assign, QStringLiteral("Assign"), m_states, m_ctx);
                if (a.failed()) return failed(a.failure());
                for (const JsonMember &m : a.value().members())
                    assigned.insert(m.key, m.value);
            }
            if (outputField) {
                Outcome<Json> o =
                    m_engine.evaluateTemplate(*outputField, QStringLiteral("Output"), m_states, m_ctx);
                if (o.failed()) return failed(o.failure());
                output = o.value();
            }
            for (auto it = assigned.cbegin(); it != assigned.cend(); ++it)
                m_scope.values.insert(it.key(), it.value());

            if (type == QLatin1String("Succeed") || state[u"End"].toBool()) {
                Outcome_ o;
                o.kind = Outcome_::Succeeded;
                o.output = output;
                return o;
            }
            current = next;
            input = output;
        }
        return skipped(QStringLiteral("more than 100 transitions"));
    }

private:
    JsonataEngine &m_engine;
    Json m_definition;
    Json m_input;
    Scope m_scope;
    RandomSource m_random{0};
    EvalContext m_ctx;
    Json m_states;
};

// AWS's causes carry the state and event id; the engine's causes are what follows.
QString withoutStatePrefix(const QString &cause)
{
    static const QRegularExpression prefix(QStringLiteral(
        "^An error occurred while executing the state '[^']*' \\(entered at the event id #\\d+\\)\\. "));
    return QString(cause).remove(prefix);
}

} // namespace

class TestJsonataConformance : public QObject
{
    Q_OBJECT

private slots:
    void recordedCases_data()
    {
        QTest::addColumn<QString>("dir");
        const QString shared = sharedDir();
        if (shared.isEmpty()) {
            QTest::newRow("corpus") << QString(); // skips with REQUIRE_SHARED's message
            return;
        }
        const QString root = shared + QStringLiteral("/corpus/conformance/");
        const Json index = readJson(root + QStringLiteral("INDEX.json"));
        for (const JsonMember &m : index.members()) {
            bool jsonata = false;
            for (const Json &f : m.value[u"features"].items())
                jsonata = jsonata || f == Json("JSONata");
            if (jsonata) QTest::newRow(qPrintable(m.key)) << root + m.key;
        }
    }

    void recordedCases()
    {
        REQUIRE_SHARED(shared);
        Q_UNUSED(shared);
        QFETCH(QString, dir);
        const Json definition = readJson(dir + QStringLiteral("/definition.asl.json"));
        const Json input = readJson(dir + QStringLiteral("/input.json"));
        const Json expected = readJson(dir + QStringLiteral("/expected.json"));
        QVERIFY(definition.isObject() && expected.isObject());

        Driver driver(m_engine, definition, input);
        const Outcome_ got = driver.run();
        if (got.kind == Outcome_::Skipped) QSKIP(qPrintable(got.skipReason));
        if (expected[u"status"] == Json("SUCCEEDED")) {
            QVERIFY2(got.kind == Outcome_::Succeeded,
                     qPrintable(QStringLiteral("failed: %1").arg(got.cause.toString())));
            QVERIFY2(got.output == expected[u"output"],
                     qPrintable(QStringLiteral("got %1, expected %2")
                                    .arg(JsonWriter::compactString(got.output),
                                         JsonWriter::compactString(expected[u"output"]))));
            return;
        }
        QVERIFY2(got.kind == Outcome_::Failed,
                 qPrintable(QStringLiteral("succeeded with %1").arg(JsonWriter::compactString(got.output))));
        QCOMPARE(got.error, expected[u"error"]);
        const Json &cause = expected[u"cause"];
        if (cause.isString() && got.cause.isString())
            QCOMPARE(got.cause.toString(), withoutStatePrefix(cause.toString()));
        else
            QCOMPARE(got.cause, cause);
    }

private:
    JsonataEngine m_engine;
};

QTEST_GUILESS_MAIN(TestJsonataConformance)
#include "tst_jsonataconformance.moc"
