#include "costjob.h"

#include "asl/asldocument.h"
#include "cost/montecarlo.h"
#include "engine/mockloader.h"
#include "engine/program.h"
#include "validate/validator.h"
#include "json/jsonreader.h"

#include <QFile>

namespace sw::gui {

CostJobOutput runCostJob(const CostJobInput &in, const std::function<bool(int, int)> &progress)
{
    CostJobOutput out;
    const asl::AslDocument doc = asl::AslDocument::fromText(in.definition);
    if (!doc.parsed) {
        out.error = QStringLiteral("The definition is not JSON.");
        return out;
    }
    for (const Diagnostic &d : validate::validate(doc)) {
        if (d.isError()) {
            out.error = QStringLiteral("The definition is not valid (%1: %2); fix it before estimating.")
                            .arg(d.code, d.message);
            return out;
        }
    }
    const JsonReader::Result input = JsonReader::parse(in.input);
    if (!input.ok) {
        out.error = QStringLiteral("The input is not JSON (line %1, column %2): %3")
                        .arg(input.errorPos.line)
                        .arg(input.errorPos.column)
                        .arg(input.error);
        return out;
    }
    std::unique_ptr<sim::TaskBackend> backend;
    if (!in.mocks.isEmpty()) {
        QString error;
        backend = sim::loadMocks(in.mocks, in.stateMachine, in.testCase, &error);
        if (!backend) {
            out.error = error;
            return out;
        }
    }
    cost::MonteCarloOptions mc;
    mc.runs = in.runs;
    mc.seed = in.seed;
    mc.input = input.value;
    mc.backend = backend.get();
    mc.region = in.region;
    mc.stateMachineName = in.machineName;
    const auto program = std::make_shared<const sim::Program>(doc.machine);
    out.simulation = cost::MonteCarlo::run(program, mc, in.prices, progress);
    out.machine = doc.machine;
    return out;
}

QStringList mockTestCases(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    const JsonReader::Result r = JsonReader::parse(f.readAll());
    if (!r.ok || !r.value.isObject()) return {};
    const Json machines = r.value.value(QStringLiteral("StateMachines"));
    if (!machines.isObject()) return {};
    QStringList out;
    const bool one = machines.members().size() == 1;
    for (const JsonMember &m : machines.members()) {
        const Json cases = m.value.value(QStringLiteral("TestCases"));
        if (!cases.isObject()) continue;
        for (const JsonMember &c : cases.members())
            out.append(one ? c.key : m.key + QLatin1Char('/') + c.key);
    }
    return out;
}

} // namespace sw::gui
