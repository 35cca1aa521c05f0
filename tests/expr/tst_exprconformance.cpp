// Recorded AWS executions (../shared/corpus/conformance) whose definition is a chain of JSONPath
// Pass / Choice / Succeed / Fail states without variables or mocks, run directly through the
// expression layer (InputPath -> Parameters -> Result -> ResultPath -> OutputPath, Choice rules),
// with a minimal state walk of this test's own. Outputs must be JSON-equal to the recorded ones;
// failures must have the recorded error and the cause that follows AWS's state prefix. The state
// prefix and event ids are the interpreter's job and are not checked here.
#include "exprtest.h"
#include "shared.h"

#include "asl/statemachine.h"
#include "simulator/data/choice.h"
#include "simulator/data/dataflow.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QtTest>

using namespace sw;

namespace {

Json readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Json();
    return JsonReader::parseOrUndefined(f.readAll());
}

// Whether this test's minimal walk can run the definition: JSONPath states of the simple kinds,
// no variables (Assign belongs to the interpreter's scoping rules).
bool supported(const asl::StateMachine &m)
{
    if (m.queryLanguage != asl::QueryLanguage::JSONPath || m.states.empty())
        return false;
    for (const auto &s : m.states) {
        if (s.queryLanguage != asl::QueryLanguage::JSONPath || s.assign.isDefined())
            return false;
        switch (s.type) {
        case asl::StateType::Pass:
        case asl::StateType::Choice:
        case asl::StateType::Succeed:
        case asl::StateType::Fail:
            break;
        default:
            return false;
        }
        for (const auto &c : s.choices) {
            if (c.assign.isDefined() || c.output.isDefined())
                return false;
        }
    }
    return true;
}

struct RunResult
{
    bool failed = false;
    Json output;
    QString error;
    QString cause;
    bool prefixed = false;
    QString state; // where it failed
};

RunResult fail(const sim::Failure &f, const QString &state)
{
    return {true, Json(), f.error, f.cause, f.prefixed, state};
}

RunResult run(const asl::StateMachine &m, const Json &executionInput)
{
    sim::EvalContext ctx;
    ctx.contextObject = Json::object();
    Json execution = Json::object();
    execution.insert(QStringLiteral("Input"), executionInput);
    ctx.contextObject.insert(QStringLiteral("Execution"), execution);
    Json data = executionInput;
    QString name = m.startAt;
    for (int steps = 0; steps < 1000; ++steps) {
        const asl::State *s = m.state(name);
        if (!s)
            return {true, Json(), QStringLiteral("test"), QStringLiteral("no state ") + name, false, name};
        Json state = Json::object();
        state.insert(QStringLiteral("Name"), Json(name));
        ctx.contextObject.insert(QStringLiteral("State"), state);
        if (s->type == asl::StateType::Fail) {
            RunResult r;
            r.failed = true;
            r.state = name;
            r.error = s->error.isString() ? s->error.toString() : QString();
            r.cause = s->cause.isString() ? s->cause.toString() : QString();
            const std::tuple<QStringView, const Json *, QString *> paths[] = {{u"ErrorPath", &s->errorPath, &r.error},
                                                                              {u"CausePath", &s->causePath, &r.cause}};
            for (const auto &[field, path, target] : paths) {
                if (!path->isString())
                    continue;
                const auto v = sim::evaluatePathOrIntrinsic(path->stringRef(), field, data, ctx);
                if (v.failed())
                    return fail(v.failure(), name);
                *target = v.value().toString();
            }
            return r;
        }
        const auto effective = sim::applyInputPath(s->inputPath, data, ctx);
        if (effective.failed())
            return fail(effective.failure(), name);
        Json output;
        QString next = s->next;
        if (s->type == asl::StateType::Choice) {
            next = s->defaultNext;
            bool matched = false;
            for (const auto &rule : s->choices) {
                const auto r = sim::evaluateChoiceRule(rule, effective.value(), ctx);
                if (r.failed())
                    return fail(r.failure(), name);
                if (r.value()) {
                    next = rule.next;
                    matched = true;
                    break;
                }
            }
            if (!matched && next.isEmpty())
                return fail(sim::Failure{QStringLiteral("States.NoChoiceMatched"), QString(), false}, name);
            output = effective.value();
        } else if (s->type == asl::StateType::Pass) {
            Json result = effective.value();
            if (s->parameters.isDefined()) {
                const auto p = sim::applyPayloadTemplate(s->parameters, effective.value(), ctx);
                if (p.failed())
                    return fail(p.failure(), name);
                result = p.value();
            }
            if (s->result.isDefined())
                result = s->result;
            const auto withResult = sim::applyResultPath(s->resultPath, data, result);
            if (withResult.failed())
                return fail(withResult.failure(), name);
            output = withResult.value();
        } else {
            output = effective.value();
        }
        const auto out = sim::applyOutputPath(s->outputPath, output, ctx);
        if (out.failed())
            return fail(out.failure(), name);
        data = out.value();
        if (s->isTerminal() || s->type == asl::StateType::Succeed)
            return {false, data, QString(), QString(), false, name};
        name = next;
    }
    return {true, Json(), QStringLiteral("test"), QStringLiteral("too many steps"), false, name};
}

QString prefixFor(const QString &state, const QString &expected)
{
    static const QRegularExpression eventId(QStringLiteral("event id #(\\d+)"));
    const auto m = eventId.match(expected);
    return QStringLiteral("An error occurred while executing the state '%1' (entered at the event id #%2). ")
        .arg(state, m.hasMatch() ? m.captured(1) : QStringLiteral("0"));
}

} // namespace

class TestExprConformance : public QObject
{
    Q_OBJECT
private slots:
    void recordedExecutions_data()
    {
        QTest::addColumn<QString>("caseDir");
        REQUIRE_SHARED(shared);
        const QDir root(shared + QStringLiteral("/corpus/conformance"));
        int count = 0;
        for (const QString &name : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
            const QString dir = root.filePath(name);
            if (QFile::exists(dir + QStringLiteral("/mocks.json")))
                continue;
            const asl::StateMachine m = asl::buildStateMachine(readJson(dir + QStringLiteral("/definition.asl.json")));
            if (!supported(m))
                continue;
            QTest::newRow(qPrintable(name)) << dir;
            ++count;
        }
        qInfo("%d recorded executions run through the expression layer", count);
        if (count == 0)
            QSKIP("no conformance case fits the expression-layer walk");
    }
    void recordedExecutions()
    {
        QFETCH(QString, caseDir);
        const asl::StateMachine m = asl::buildStateMachine(readJson(caseDir + QStringLiteral("/definition.asl.json")));
        const Json expected = readJson(caseDir + QStringLiteral("/expected.json"));
        const RunResult r = run(m, readJson(caseDir + QStringLiteral("/input.json")));
        if (expected[u"status"].toString() == u"SUCCEEDED") {
            QVERIFY2(!r.failed, qPrintable(r.error + QLatin1String(": ") + r.cause));
            QVERIFY2(r.output == expected[u"output"], qPrintable(compact(r.output) + QLatin1String(" != ") + compact(expected[u"output"])));
            return;
        }
        QVERIFY2(r.failed, qPrintable(QLatin1String("succeeded with ") + compact(r.output)));
        const Json error = expected[u"error"];
        QCOMPARE(r.error, error.isString() ? error.toString() : QString());
        const Json cause = expected[u"cause"];
        const Json pattern = expected[u"causePattern"];
        if (cause.isDefined()) {
            const QString want = cause.isString() ? cause.toString() : QString();
            const QString got = r.prefixed ? prefixFor(r.state, want) + r.cause : r.cause;
            QCOMPARE(got, want);
        } else if (pattern.isString()) {
            const QString got = r.prefixed ? prefixFor(r.state, pattern.toString()) + r.cause : r.cause;
            QVERIFY2(QRegularExpression(pattern.toString()).match(got).hasMatch(), qPrintable(got));
        }
    }
};

QTEST_GUILESS_MAIN(TestExprConformance)
#include "tst_exprconformance.moc"
