#pragma once

#include "diagnostic.h"
#include "engine/backend.h"
#include "json/json.h"

#include <QHash>
#include <QList>
#include <QString>

namespace sw::sim {

// A Stepwise mock profile (docs/mocks.md): per state, per Resource or by default, what a task
// returns or throws, how long it takes (fixed or random durations), failure probabilities,
// callbacks answered after a delay or left pending, heartbeats, and ItemReader data for
// Distributed Maps. Random choices come from the execution's seeded RandomSource only.
class MockProfile
{
public:
    struct Duration
    {
        enum class Kind { Fixed, Uniform, Normal, Exponential } kind = Kind::Fixed;
        double a = 0; // fixed value, min, mean
        double b = 0; // max, standard deviation
        double sample(RandomSource &r) const;
    };
    struct Outcome
    {
        double weight = 1;
        bool isThrow = false;
        bool hasReturn = false;
        Json value;
        QString error;
        QString cause;
        bool hasDuration = false;
        Duration duration;
    };
    struct Entry
    {
        QList<Outcome> outcomes; // at least one
        Duration duration;
        bool pending = false;    // callback left for the user
        bool hasCallback = false;
        Duration callbackAfter;
        double heartbeatInterval = 0;
        QList<QPair<QPair<int, int>, Entry>> invocations; // per invocation-number ranges
    };

    static MockProfile parse(const Json &root, const QString &baseDir, Diagnostics *problems);
    static bool looksLikeProfile(const Json &root);

    const Entry *entryFor(const QString &stateName, const QString &resource) const;
    const Json *itemsFor(const QString &stateName) const;
    bool isEmpty() const { return m_states.isEmpty() && m_resources.isEmpty() && !m_hasDefault && m_items.isEmpty(); }

private:
    QHash<QString, Entry> m_states;
    QList<QPair<QString, Entry>> m_resources;
    Entry m_default;
    bool m_hasDefault = false;
    QHash<QString, Json> m_items;
};

// A TaskBackend answering from a MockProfile; states the profile does not cover go to `fallback`
// (by default: echo the input, reported as unmocked).
class ProfileBackend final : public TaskBackend
{
public:
    explicit ProfileBackend(MockProfile profile, TaskBackend *fallback = nullptr);
    void beginExecution() override;
    TaskResponse invoke(const TaskInvocation &call) override;
    TaskResponse readItems(const TaskInvocation &call) override;

private:
    MockProfile m_profile;
    TaskBackend *m_fallback;
    EchoBackend m_echo;
};

} // namespace sw::sim
