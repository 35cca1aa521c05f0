#include "validator.h"

#include "checks.h"
#include "graph.h"
#include "reporter.h"
#include "schema.h"

#include <algorithm>
#include <vector>

namespace sw::validate {

namespace {

struct PendingMachine
{
    const asl::StateMachine *machine;
    bool express;          // runs as an Express workflow
    bool distributedChild; // the processor of a Distributed Map (or nested in one)
};

void sortByPosition(Diagnostics &ds)
{
    std::stable_sort(ds.begin(), ds.end(), [](const Diagnostic &a, const Diagnostic &b) {
        return a.pos.line != b.pos.line ? a.pos.line < b.pos.line : a.pos.column < b.pos.column;
    });
}

} // namespace

Diagnostics validate(const asl::AslDocument &doc, const Options &options)
{
    Reporter r(doc, options);
    r.diagnostics() = doc.readDiagnostics;
    if (!doc.parsed || !doc.root.isObject()) {
        sortByPosition(r.diagnostics());
        return r.diagnostics();
    }
    checkMachineObject(r, doc.root, QString(), MachineKind::Top);
    const asl::QueryLanguage topLanguage = doc.machine.queryLanguage;

    // Nested machines (Parallel branches, Map processors) are visited with an explicit stack: the
    // reader accepts 1024 levels of nesting, more than the call stack should be trusted with.
    QList<const asl::StateMachine *> machines;
    QSet<QString> statesObjects;
    std::vector<PendingMachine> work{{&doc.machine, r.isExpress(), false}};
    while (!work.empty()) {
        const PendingMachine pending = work.back();
        work.pop_back();
        const asl::StateMachine &m = *pending.machine;
        machines.append(&m);
        if (const Json *states = m.json.find(u"States"); states && states->isObject())
            statesObjects.insert(jsonpointer::append(m.pointer, u"States"));
        for (auto s = m.states.crbegin(); s != m.states.crend(); ++s) {
            if (checkStateSchema(r, *s, topLanguage, pending.distributedChild))
                checkStateValues(r, *s, pending.express);
            // The typed view makes a branch of every member of a non-array Branches value; the
            // schema check already reports such a value, so only real branches are walked.
            const bool branchesIsArray = s->json.value(u"Branches").isArray();
            for (auto b = s->branches.crbegin(); branchesIsArray && b != s->branches.crend(); ++b) {
                if (checkMachineObject(r, b->json, b->pointer, MachineKind::Branch))
                    work.push_back({&*b, pending.express, pending.distributedChild});
            }
            for (const asl::StateMachine &p : s->processor) {
                const MachineKind kind =
                    s->legacyIterator ? MachineKind::Iterator : MachineKind::ItemProcessor;
                // The children of an EXPRESS Distributed Map are Express workflows.
                const bool express =
                    pending.express || (s->distributed && s->executionType == QLatin1String("EXPRESS"));
                if (checkMachineObject(r, p.json, p.pointer, kind))
                    work.push_back({&p, express, pending.distributedChild || s->distributed});
            }
        }
    }

    QSet<QString> allNames;
    for (const asl::StateMachine *m : machines)
        allNames.unite(stateNamesOf(*m));
    for (const asl::StateMachine *m : machines)
        checkTransitions(r, *m, allNames);
    checkStateNames(r, machines);
    checkDuplicateKeys(r, doc.root, statesObjects);
    checkDefinitionSize(r);

    sortByPosition(r.diagnostics());
    return r.diagnostics();
}

} // namespace sw::validate
