#include "generator.h"

#include "json/json.h"
#include "json/jsonwriter.h"

#include <QRandomGenerator>
#include <QStringList>

namespace sw::bench {

namespace {

class Generator
{
public:
    explicit Generator(quint32 seed) : m_rng(seed) {}

    Json machine(int budget, int depth)
    {
        Json states = Json::object();
        QString first;
        QString pending; // a state waiting for its Next
        QString handler;
        int used = 0;
        int segment = 0;
        auto link = [&](const QString &name) {
            if (first.isEmpty()) first = name;
            if (!pending.isEmpty()) setNext(states, pending, name);
        };
        while (used < budget) {
            // A handler every few segments keeps Catch edges local, as real definitions do.
            if (segment % 12 == 0 && depth == 0) {
                handler = name(QStringLiteral("HandleFailure"));
                Json h{{QStringLiteral("Type"), QStringLiteral("Pass")},
                       {QStringLiteral("Next"), name(QStringLiteral("Failed"))}};
                Json f{{QStringLiteral("Type"), QStringLiteral("Fail")},
                       {QStringLiteral("Error"), QStringLiteral("PipelineFailed")}};
                const QString fail = h.value(u"Next").toString();
                states.insert(handler, h);
                states.insert(fail, f);
                used += 2;
            }
            const int remaining = budget - used;
            const int kind = remaining < 8 ? 0 : int(m_rng.bounded(depth == 0 ? 10 : 6));
            if (kind <= 4) {
                const int n = 1 + int(m_rng.bounded(3));
                for (int i = 0; i < n; ++i) {
                    const QString t = name(QStringLiteral("Task"));
                    states.insert(t, task(handler));
                    link(t);
                    pending = t;
                    ++used;
                }
            } else if (kind == 5) {
                const QString c = name(QStringLiteral("Decide"));
                const QString join = name(QStringLiteral("Join"));
                const int rules = 3 + int(m_rng.bounded(3));
                Json choices = Json::array();
                QStringList targets;
                for (int r = 0; r < rules; ++r) {
                    const QString t = name(QStringLiteral("Option"));
                    targets << t;
                    choices.append(Json{{QStringLiteral("Variable"), QStringLiteral("$.route")},
                                        {QStringLiteral("StringEquals"), QStringLiteral("r%1").arg(r)},
                                        {QStringLiteral("Next"), t}});
                }
                const QString dflt = name(QStringLiteral("Fallback"));
                Json choice{{QStringLiteral("Type"), QStringLiteral("Choice")},
                            {QStringLiteral("Choices"), choices},
                            {QStringLiteral("Default"), dflt}};
                states.insert(c, choice);
                link(c);
                for (const QString &t : targets)
                    states.insert(t, task(handler, join));
                states.insert(dflt, Json{{QStringLiteral("Type"), QStringLiteral("Pass")},
                                         {QStringLiteral("Next"), join}});
                states.insert(join, Json{{QStringLiteral("Type"), QStringLiteral("Pass")}});
                pending = join;
                used += rules + 3;
            } else if (kind <= 7 && depth < 2) {
                const QString p = name(QStringLiteral("Parallel"));
                const int branches = 2 + int(m_rng.bounded(2));
                Json list = Json::array();
                int inner = 0;
                for (int b = 0; b < branches; ++b) {
                    const int size = 2 + int(m_rng.bounded(5));
                    list.append(machine(size, depth + 1));
                    inner += m_lastCount;
                }
                Json par{{QStringLiteral("Type"), QStringLiteral("Parallel")},
                         {QStringLiteral("Branches"), list}};
                if (!handler.isEmpty()) par.insert(QStringLiteral("Catch"), catcher(handler));
                states.insert(p, par);
                link(p);
                pending = p;
                used += inner + 1;
            } else if (depth < 2) {
                const QString m = name(QStringLiteral("ForEach"));
                const int size = 3 + int(m_rng.bounded(5));
                Json processor = machine(size, depth + 1);
                const int inner = m_lastCount;
                processor.insert(QStringLiteral("ProcessorConfig"),
                                 Json{{QStringLiteral("Mode"), QStringLiteral("INLINE")}});
                Json map{{QStringLiteral("Type"), QStringLiteral("Map")},
                         {QStringLiteral("ItemsPath"), QStringLiteral("$.items")},
                         {QStringLiteral("MaxConcurrency"), int(1 + m_rng.bounded(20))},
                         {QStringLiteral("ItemProcessor"), processor}};
                if (!handler.isEmpty()) map.insert(QStringLiteral("Catch"), catcher(handler));
                states.insert(m, map);
                link(m);
                pending = m;
                used += inner + 1;
            } else {
                continue;
            }
            ++segment;
        }
        if (!pending.isEmpty() && states.value(pending).value(u"Type").toString() != QLatin1String("Fail"))
            setEnd(states, pending);
        m_lastCount = used;
        return Json{{QStringLiteral("StartAt"), first}, {QStringLiteral("States"), states}};
    }

private:
    QString name(const QString &stem) { return QStringLiteral("%1_%2").arg(stem).arg(++m_counter); }

    Json catcher(const QString &handler)
    {
        return Json::array(
            {Json{{QStringLiteral("ErrorEquals"), Json::array({Json(QStringLiteral("States.ALL"))})},
                  {QStringLiteral("Next"), handler}}});
    }

    Json task(const QString &handler, const QString &next = QString())
    {
        Json t{{QStringLiteral("Type"), QStringLiteral("Task")},
               {QStringLiteral("Resource"), QStringLiteral("arn:aws:states:::lambda:invoke")}};
        if (m_rng.bounded(3) != 0) {
            t.insert(QStringLiteral("Retry"),
                     Json::array({Json{{QStringLiteral("ErrorEquals"),
                                        Json::array({Json(QStringLiteral("States.TaskFailed"))})},
                                       {QStringLiteral("MaxAttempts"), int(1 + m_rng.bounded(5))}}}));
        }
        if (!handler.isEmpty() && m_rng.bounded(4) == 0) t.insert(QStringLiteral("Catch"), catcher(handler));
        if (!next.isEmpty()) t.insert(QStringLiteral("Next"), next);
        return t;
    }

    static void setNext(Json &states, const QString &state, const QString &next)
    {
        Json s = states.value(state);
        s.remove(u"End");
        s.insert(QStringLiteral("Next"), next);
        states.insert(state, s);
    }

    static void setEnd(Json &states, const QString &state)
    {
        Json s = states.value(state);
        if (!s.contains(u"Next")) s.insert(QStringLiteral("End"), true);
        states.insert(state, s);
    }

    QRandomGenerator m_rng;
    int m_counter = 0;
    int m_lastCount = 0;
};

} // namespace

QByteArray generateMachine(int states, quint32 seed)
{
    Generator g(seed);
    Json m = g.machine(states, 0);
    Json root{
        {QStringLiteral("Comment"), QStringLiteral("Generated benchmark machine (%1 states)").arg(states)}};
    root.insert(QStringLiteral("StartAt"), m.value(u"StartAt"));
    root.insert(QStringLiteral("States"), m.value(u"States"));
    return JsonWriter::pretty(root) + '\n';
}

} // namespace sw::bench
