#include "mockloader.h"

#include "engine/mockconfig.h"
#include "engine/profile.h"
#include "json/jsonreader.h"

#include <QFile>
#include <QFileInfo>

namespace sw::sim {

namespace {

QString describe(const QString &path, const Diagnostics &ds)
{
    QStringList lines;
    for (const Diagnostic &d : ds)
        lines.append(QStringLiteral("%1: %2%3").arg(path, d.message, d.pointer.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(d.pointer)));
    return lines.join(QLatin1Char('\n'));
}

// Owns the MockConfig backend (the profile backend has no extra state to keep).
class OwnedConfigBackend final : public TaskBackend
{
public:
    OwnedConfigBackend(MockConfig c, QHash<QString, QString> tc) : m_inner(std::move(c), std::move(tc)) {}
    void beginExecution() override { m_inner.beginExecution(); }
    TaskResponse invoke(const TaskInvocation &call) override { return m_inner.invoke(call); }
    TaskResponse readItems(const TaskInvocation &call) override { return m_inner.readItems(call); }

private:
    MockConfigBackend m_inner;
};

} // namespace

std::unique_ptr<TaskBackend> loadMocks(const QString &path, const QString &stateMachine, const QString &testCase, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read: %2").arg(path, f.errorString());
        return nullptr;
    }
    const auto r = JsonReader::parse(f.readAll());
    if (!r.ok) {
        *error = QStringLiteral("%1:%2:%3: %4").arg(path).arg(r.errorPos.line).arg(r.errorPos.column).arg(r.error);
        return nullptr;
    }
    Diagnostics problems;
    if (MockConfig::looksLikeMockConfig(r.value)) {
        MockConfig config = MockConfig::parse(r.value, &problems);
        if (!problems.isEmpty()) {
            *error = describe(path, problems);
            return nullptr;
        }
        QString machine = stateMachine;
        const QStringList machines = config.stateMachines();
        if (machine.isEmpty()) {
            if (machines.size() != 1) {
                *error = QStringLiteral("%1: holds %2 state machines (%3): choose one with --state-machine")
                             .arg(path).arg(machines.size()).arg(machines.join(QStringLiteral(", ")));
                return nullptr;
            }
            machine = machines.first();
        } else if (!machines.contains(machine)) {
            *error = QStringLiteral("%1: no state machine '%2' (it has: %3)").arg(path, machine, machines.join(QStringLiteral(", ")));
            return nullptr;
        }
        QString tc = testCase;
        const QStringList cases = config.testCases(machine);
        if (tc.isEmpty()) {
            if (cases.size() != 1) {
                *error = QStringLiteral("%1: state machine '%2' has %3 test cases (%4): choose one with --test-case")
                             .arg(path, machine).arg(cases.size()).arg(cases.join(QStringLiteral(", ")));
                return nullptr;
            }
            tc = cases.first();
        } else if (!cases.contains(tc)) {
            *error = QStringLiteral("%1: state machine '%2' has no test case '%3' (it has: %4)").arg(path, machine, tc, cases.join(QStringLiteral(", ")));
            return nullptr;
        }
        return std::make_unique<OwnedConfigBackend>(config, config.testCase(machine, tc));
    }
    if (MockProfile::looksLikeProfile(r.value)) {
        MockProfile profile = MockProfile::parse(r.value, QFileInfo(path).absolutePath(), &problems);
        if (!problems.isEmpty()) {
            *error = describe(path, problems);
            return nullptr;
        }
        return std::make_unique<ProfileBackend>(profile);
    }
    *error = QStringLiteral("%1: neither a MockConfigFile (StateMachines, MockedResponses) nor a Stepwise mock profile (States, Resources, Default)").arg(path);
    return nullptr;
}

} // namespace sw::sim
