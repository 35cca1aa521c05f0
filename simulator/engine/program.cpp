#include "program.h"

#include "json/jsonwriter.h"

#include <QHash>

namespace sw::sim {

namespace {

void eventTypesFor(asl::StateType t, EventType &entered, EventType &exited)
{
    using asl::StateType;
    switch (t) {
    case StateType::Task:
        entered = EventType::TaskStateEntered;
        exited = EventType::TaskStateExited;
        return;
    case StateType::Choice:
        entered = EventType::ChoiceStateEntered;
        exited = EventType::ChoiceStateExited;
        return;
    case StateType::Wait:
        entered = EventType::WaitStateEntered;
        exited = EventType::WaitStateExited;
        return;
    case StateType::Succeed:
        entered = EventType::SucceedStateEntered;
        exited = EventType::SucceedStateExited;
        return;
    case StateType::Fail:
        entered = EventType::FailStateEntered;
        exited = EventType::FailStateEntered;
        return;
    case StateType::Parallel:
        entered = EventType::ParallelStateEntered;
        exited = EventType::ParallelStateExited;
        return;
    case StateType::Map:
        entered = EventType::MapStateEntered;
        exited = EventType::MapStateExited;
        return;
    default:
        entered = EventType::PassStateEntered;
        exited = EventType::PassStateExited;
        return;
    }
}

// Whether any string in the state's JSON mentions the context object ($$).
bool mentionsContext(const Json &v)
{
    switch (v.type()) {
    case Json::Type::String:
        return v.stringRef().contains(QLatin1String("$$"));
    case Json::Type::Array:
        for (const Json &i : v.items()) {
            if (mentionsContext(i))
                return true;
        }
        return false;
    case Json::Type::Object:
        for (const auto &m : v.members()) {
            // Nested machines are compiled on their own.
            if (m.key == QLatin1String("Branches") || m.key == QLatin1String("ItemProcessor") || m.key == QLatin1String("Iterator"))
                continue;
            if (mentionsContext(m.value))
                return true;
        }
        return false;
    default:
        return false;
    }
}

void resourceFacts(StatePlan &p)
{
    const QString &r = p.state->resource;
    p.callback = r.endsWith(QLatin1String(".waitForTaskToken"));
    p.sync = r.contains(QLatin1String(".sync"));
    if (r.startsWith(QLatin1String("arn:")) && r.section(QLatin1Char(':'), 2, 2) == QLatin1String("lambda") &&
        r.section(QLatin1Char(':'), 5, 5) == QLatin1String("function")) {
        p.legacyLambda = true;
        p.resourceType = QStringLiteral("lambda");
        p.resourceName = r;
        return;
    }
    if (r.contains(QLatin1String(":activity:"))) {
        p.activity = true;
        p.resourceType = QStringLiteral("activity");
        p.resourceName = r;
        return;
    }
    // arn:aws:states:::service:action[.sync|.waitForTaskToken], arn:aws:states:::aws-sdk:service:action
    const QStringList parts = r.split(QLatin1Char(':'));
    if (parts.size() >= 7 && parts.at(2) == QLatin1String("states")) {
        QString action = parts.last();
        if (parts.at(5) == QLatin1String("aws-sdk") && parts.size() >= 8) {
            p.resourceType = QStringLiteral("aws-sdk:") + parts.at(6);
        } else {
            p.resourceType = parts.at(5);
        }
        p.resourceName = action;
        return;
    }
    p.resourceType = QStringLiteral("task");
    p.resourceName = r;
}

} // namespace

Program::Program(asl::StateMachine machine) : m_machine(std::move(machine))
{
    m_root = compile(m_machine, nullptr);
}

const MachinePlan *Program::compile(const asl::StateMachine &m, const StatePlan *parent)
{
    auto mp = std::make_unique<MachinePlan>();
    mp->machine = &m;
    mp->parentState = parent;
    QHash<QString, StatePlan *> byName;
    std::vector<StatePlan *> mine;
    for (const asl::State &s : m.states) {
        auto p = std::make_unique<StatePlan>();
        p->state = &s;
        p->owner = mp.get();
        p->index = int(m_states.size());
        p->jsonata = s.queryLanguage == asl::QueryLanguage::JSONata;
        p->usesContext = !p->jsonata && mentionsContext(s.json);
        eventTypesFor(s.type, p->entered, p->exited);
        if (s.type == asl::StateType::Task)
            resourceFacts(*p);
        byName.insert(s.name, p.get());
        mine.push_back(p.get());
        m_states.push_back(std::move(p));
    }
    for (StatePlan *p : mine) {
        const asl::State &s = *p->state;
        if (!s.next.isEmpty()) {
            p->next = byName.value(s.next);
            p->nextMissing = p->next == nullptr;
        }
        for (const asl::ChoiceRule &r : s.choices)
            p->choiceNext.push_back(byName.value(r.next));
        if (!s.defaultNext.isEmpty())
            p->defaultNext = byName.value(s.defaultNext);
        for (const asl::Catcher &c : s.catchers)
            p->catchNext.push_back(byName.value(c.next));
        for (const asl::StateMachine &b : s.branches)
            p->branches.push_back(compile(b, p));
        if (const asl::StateMachine *proc = s.itemProcessor())
            p->processor = compile(*proc, p);
    }
    mp->start = byName.value(m.startAt);
    const MachinePlan *out = mp.get();
    m_machines.push_back(std::move(mp));
    return out;
}

const StatePlan *Program::find(const QString &name) const
{
    for (const auto &p : m_states) {
        if (p->state->name == name)
            return p.get();
    }
    return nullptr;
}

} // namespace sw::sim
