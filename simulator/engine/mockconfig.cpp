#include "mockconfig.h"

#include <algorithm>

namespace sw::sim {

namespace {

void problem(Diagnostics *out, const QString &pointer, const QString &message)
{
    if (out)
        out->append(Diagnostic{Diagnostic::Severity::Error, QStringLiteral("INVALID_MOCK_CONFIG"), pointer, {}, message});
}

bool parseRange(const QString &key, int &first, int &last)
{
    const QStringList parts = key.split(QLatin1Char('-'));
    if (parts.size() > 2)
        return false;
    bool ok1 = false, ok2 = true;
    first = parts.at(0).trimmed().toInt(&ok1);
    last = parts.size() == 2 ? parts.at(1).trimmed().toInt(&ok2) : first;
    return ok1 && ok2 && first >= 0 && last >= first;
}

} // namespace

bool MockConfig::looksLikeMockConfig(const Json &root)
{
    return root.isObject() && (root.contains(u"MockedResponses") || root.contains(u"StateMachines"));
}

MockConfig MockConfig::parse(const Json &root, Diagnostics *problems)
{
    MockConfig c;
    if (!root.isObject()) {
        problem(problems, QString(), QStringLiteral("a mock configuration must be a JSON object"));
        return c;
    }
    const Json machines = root.value(u"StateMachines");
    if (!machines.isUndefined() && !machines.isObject())
        problem(problems, QStringLiteral("/StateMachines"), QStringLiteral("StateMachines must be an object"));
    for (const auto &m : machines.members()) {
        const QString mp = jsonpointer::append(QStringLiteral("/StateMachines"), m.key);
        const Json cases = m.value.value(u"TestCases");
        if (!cases.isObject()) {
            problem(problems, mp + QStringLiteral("/TestCases"), QStringLiteral("TestCases must be an object"));
            continue;
        }
        auto &machine = c.m_testCases[m.key];
        for (const auto &tc : cases.members()) {
            const QString tp = jsonpointer::append(mp + QStringLiteral("/TestCases"), tc.key);
            if (!tc.value.isObject()) {
                problem(problems, tp, QStringLiteral("a test case must map Task state names to mocked response names"));
                continue;
            }
            auto &map = machine[tc.key];
            for (const auto &s : tc.value.members()) {
                if (!s.value.isString()) {
                    problem(problems, jsonpointer::append(tp, s.key), QStringLiteral("the mocked response name must be a string"));
                    continue;
                }
                map.insert(s.key, s.value.toString());
            }
        }
    }
    const Json responses = root.value(u"MockedResponses");
    if (!responses.isUndefined() && !responses.isObject())
        problem(problems, QStringLiteral("/MockedResponses"), QStringLiteral("MockedResponses must be an object"));
    for (const auto &r : responses.members()) {
        const QString rp = jsonpointer::append(QStringLiteral("/MockedResponses"), r.key);
        if (!r.value.isObject()) {
            problem(problems, rp, QStringLiteral("a mocked response must be an object keyed by invocation numbers"));
            continue;
        }
        QList<Range> ranges;
        for (const auto &inv : r.value.members()) {
            const QString ip = jsonpointer::append(rp, inv.key);
            Range range;
            if (!parseRange(inv.key, range.first, range.last)) {
                problem(problems, ip, QStringLiteral("'%1' is not an invocation number or range such as \"0\" or \"1-2\"").arg(inv.key));
                continue;
            }
            const bool hasReturn = inv.value.contains(u"Return");
            const bool hasThrow = inv.value.contains(u"Throw");
            if (hasReturn == hasThrow) {
                problem(problems, ip, hasReturn ? QStringLiteral("a response cannot contain both 'Return' and 'Throw'")
                                                : QStringLiteral("a response needs 'Return' or 'Throw'"));
                continue;
            }
            if (hasReturn) {
                range.response.value = inv.value.value(u"Return");
            } else {
                const Json t = inv.value.value(u"Throw");
                if (!t.value(u"Error").isString() || !t.value(u"Cause").isString()) {
                    problem(problems, ip + QStringLiteral("/Throw"), QStringLiteral("'Throw' needs the strings 'Error' and 'Cause'"));
                    continue;
                }
                range.response.isThrow = true;
                range.response.error = t.value(u"Error").toString();
                range.response.cause = t.value(u"Cause").toString();
            }
            ranges.append(range);
        }
        std::sort(ranges.begin(), ranges.end(), [](const Range &a, const Range &b) { return a.first < b.first; });
        int expected = 0;
        for (const Range &range : ranges) {
            if (range.first != expected) {
                problem(problems, rp, QStringLiteral("invocations must be numbered contiguously from 0: expected the next response to begin at %1").arg(expected));
                break;
            }
            expected = range.last + 1;
        }
        c.m_responses.insert(r.key, ranges);
    }
    // Test cases must name existing responses.
    for (auto m = c.m_testCases.cbegin(); m != c.m_testCases.cend(); ++m) {
        for (auto tc = m->cbegin(); tc != m->cend(); ++tc) {
            for (auto s = tc->cbegin(); s != tc->cend(); ++s) {
                if (!c.m_responses.contains(s.value()))
                    problem(problems,
                            QStringLiteral("/StateMachines/%1/TestCases/%2/%3").arg(jsonpointer::escape(m.key()), jsonpointer::escape(tc.key()), jsonpointer::escape(s.key())),
                            QStringLiteral("mocked response '%1' is not defined in MockedResponses").arg(s.value()));
            }
        }
    }
    return c;
}

QStringList MockConfig::testCases(const QString &stateMachine) const
{
    return m_testCases.value(stateMachine).keys();
}

bool MockConfig::hasTestCase(const QString &stateMachine, const QString &testCase) const
{
    return m_testCases.value(stateMachine).contains(testCase);
}

QHash<QString, QString> MockConfig::testCase(const QString &stateMachine, const QString &testCase) const
{
    return m_testCases.value(stateMachine).value(testCase);
}

const QList<MockConfig::Range> *MockConfig::responses(const QString &name) const
{
    const auto it = m_responses.constFind(name);
    return it == m_responses.constEnd() ? nullptr : &*it;
}

MockConfigBackend::MockConfigBackend(MockConfig config, QHash<QString, QString> testCase, TaskBackend *fallback)
    : m_config(std::move(config)), m_case(std::move(testCase)), m_fallback(fallback ? fallback : &m_echo)
{
}

void MockConfigBackend::beginExecution()
{
    m_fallback->beginExecution();
}

TaskResponse MockConfigBackend::invoke(const TaskInvocation &call)
{
    const auto it = m_case.constFind(call.stateName);
    if (it == m_case.constEnd())
        return m_fallback->invoke(call);
    TaskResponse r;
    const QList<MockConfig::Range> *ranges = m_config.responses(*it);
    if (ranges) {
        for (const MockConfig::Range &range : *ranges) {
            if (call.invocationIndex < range.first || call.invocationIndex > range.last)
                continue;
            if (range.response.isThrow) {
                r.kind = TaskResponse::Kind::Throw;
                r.error = range.response.error;
                r.cause = range.response.cause;
            } else {
                r.kind = TaskResponse::Kind::Return;
                r.result = range.response.value;
            }
            return r;
        }
    }
    r.kind = TaskResponse::Kind::Invalid;
    r.error = QStringLiteral("States.Runtime");
    r.cause = QStringLiteral("The mocked response '%1' has no response for invocation %2 of the state '%3'.")
                  .arg(*it)
                  .arg(call.invocationIndex)
                  .arg(call.stateName);
    return r;
}

} // namespace sw::sim
