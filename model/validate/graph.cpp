#include "graph.h"

#include "fields.h"

#include "asl/edges.h"

#include <QHash>

#include <algorithm>
#include <vector>

namespace sw::validate {

namespace {

bool before(SourcePos a, SourcePos b)
{
    return a.line != b.line ? a.line < b.line : a.column < b.column;
}

QString edgePointer(const asl::StateMachine &m, const asl::Edge &e)
{
    if (e.id.kind == asl::EdgeKind::Start) return child(m.pointer, u"StartAt");
    const asl::State *s = m.state(e.id.from);
    const QString sp = s ? s->pointer : child(child(m.pointer, u"States"), e.id.from);
    switch (e.id.kind) {
    case asl::EdgeKind::Next:
        return child(sp, u"Next");
    case asl::EdgeKind::Default:
        return child(sp, u"Default");
    case asl::EdgeKind::ChoiceRule:
        return child(child(child(sp, u"Choices"), e.id.index), u"Next");
    case asl::EdgeKind::Catch:
        return child(child(child(sp, u"Catch"), e.id.index), u"Next");
    case asl::EdgeKind::Start:
        break;
    }
    return sp;
}

QString scopeName(const asl::StateMachine &m)
{
    if (m.pointer.contains(QLatin1String("/Branches/"))) return QStringLiteral("Parallel branch");
    return QStringLiteral("Map state's processor");
}

} // namespace

QSet<QString> stateNamesOf(const asl::StateMachine &machine)
{
    QSet<QString> names;
    const Json *states = machine.json.find(u"States");
    if (states && states->isObject()) {
        for (const JsonMember &m : states->members())
            names.insert(m.key);
    }
    return names;
}

void checkTransitions(Reporter &r, const asl::StateMachine &m, const QSet<QString> &allStateNames)
{
    if (!m.json.isObject()) return;
    const QSet<QString> local = stateNamesOf(m);
    const QList<asl::Edge> edges = asl::edgesOf(m);
    QHash<QString, QStringList> next; // state -> targets inside this scope
    for (const asl::Edge &e : edges) {
        if (local.contains(e.to)) {
            if (e.id.kind != asl::EdgeKind::Start) next[e.id.from].append(e.to);
            continue;
        }
        QString message = QStringLiteral("Missing 'Next' target: %1").arg(e.to);
        if (m.depth > 0 && allStateNames.contains(e.to))
            message += QStringLiteral(" (a transition cannot leave its %1)").arg(scopeName(m));
        r.error(code::MissingTransitionTarget, edgePointer(m, e), message);
    }
    if (!local.contains(m.startAt)) return;

    QSet<QString> visited{m.startAt};
    std::vector<QString> work{m.startAt};
    bool terminal = false;
    while (!work.empty()) {
        const QString name = work.back();
        work.pop_back();
        const asl::State *s = m.state(name);
        if (s && s->json.isObject() && s->type != asl::StateType::Unknown && s->isTerminal()) terminal = true;
        for (const QString &to : next.value(name)) {
            if (!visited.contains(to)) {
                visited.insert(to);
                work.push_back(to);
            }
        }
    }
    if (!terminal) {
        r.error(code::MissingEndState, m.pointer, QStringLiteral("Workflow has no terminal state"));
        return;
    }
    const Json &states = m.json[u"States"];
    for (const JsonMember &member : states.members()) {
        if (!visited.contains(member.key))
            r.error(code::MissingTransitionTarget, child(child(m.pointer, u"States"), member.key),
                    QStringLiteral("State \"%1\" is not reachable.").arg(member.key), member.keyPos);
    }
}

void checkStateNames(Reporter &r, const QList<const asl::StateMachine *> &machines)
{
    struct Occurrence
    {
        QString pointer;
        SourcePos pos;
    };
    QHash<QString, QList<Occurrence>> byName;
    QStringList order;
    for (const asl::StateMachine *m : machines) {
        const Json *states = m->json.find(u"States");
        if (!m->json.isObject() || !states || !states->isObject()) continue;
        const QString sp = child(m->pointer, u"States");
        for (const JsonMember &member : states->members()) {
            const QString pointer = child(sp, member.key);
            if (codePointCount(member.key) > 80)
                r.error(code::InvalidStateName, pointer,
                        QStringLiteral("State name \"%1\" is longer than 80 characters").arg(member.key),
                        member.keyPos);
            auto it = byName.find(member.key);
            if (it == byName.end()) {
                order.append(member.key);
                it = byName.insert(member.key, {});
            }
            it->append({pointer, member.keyPos});
        }
    }
    for (const QString &name : order) {
        QList<Occurrence> all = byName.value(name);
        if (all.size() < 2) continue;
        std::stable_sort(all.begin(), all.end(),
                         [](const Occurrence &a, const Occurrence &b) { return before(a.pos, b.pos); });
        for (qsizetype i = 1; i < all.size(); ++i)
            r.error(code::DuplicateStateName, all.at(i).pointer,
                    QStringLiteral("Duplicate State name: %1 (also at %2)").arg(name, all.first().pointer),
                    all.at(i).pos);
    }
}

void checkDuplicateKeys(Reporter &r, const Json &root, const QSet<QString> &statesObjectPointers)
{
    // Nodes remember their parent so a pointer is only built for the rare duplicate.
    struct Node
    {
        const Json *value;
        qsizetype parent;
        QString token;
    };
    std::vector<Node> nodes{{&root, -1, QString()}};
    std::vector<qsizetype> work{0};
    const auto pointerOf = [&nodes](qsizetype i) {
        QStringList tokens;
        for (; i > 0; i = nodes[size_t(i)].parent)
            tokens.prepend(nodes[size_t(i)].token);
        QString p;
        for (const QString &t : tokens)
            p = jsonpointer::append(p, t);
        return p;
    };
    while (!work.empty()) {
        const qsizetype i = work.back();
        work.pop_back();
        const Json &v = *nodes[size_t(i)].value;
        if (v.isObject()) {
            const auto &members = v.members();
            if (members.size() > 1) {
                QSet<QString> seen;
                for (const JsonMember &m : members) {
                    if (seen.contains(m.key)) {
                        const QString p = pointerOf(i);
                        if (!statesObjectPointers.contains(p))
                            r.error(code::InvalidJson, child(p, m.key),
                                    QStringLiteral("Duplicate field '%1'").arg(m.key), m.keyPos);
                    }
                    seen.insert(m.key);
                }
            }
            for (const JsonMember &m : members) {
                if (m.value.isObject() || m.value.isArray()) {
                    nodes.push_back({&m.value, i, m.key});
                    work.push_back(qsizetype(nodes.size()) - 1);
                }
            }
        } else if (v.isArray()) {
            for (qsizetype k = 0; k < v.size(); ++k) {
                const Json &item = v.items().at(k);
                if (item.isObject() || item.isArray()) {
                    nodes.push_back({&item, i, QString::number(k)});
                    work.push_back(qsizetype(nodes.size()) - 1);
                }
            }
        }
    }
}

} // namespace sw::validate
