#pragma once

#include "json/json.h"

#include <QString>
#include <QStringView>

#include <cstdint>

namespace sw::sim {

// Read access to the workflow variables visible to a state ($name in JSONPath and JSONata). The
// interpreter implements the scoping (Parallel branches and Map iterations see outer variables).
class Variables
{
public:
    virtual ~Variables() = default;
    // The variable's value, or nullptr when it is not defined in any visible scope.
    virtual const Json *lookup(QStringView name) const = 0;
};

// A deterministic random source (seeded per execution) for States.MathRandom, States.UUID,
// $random(), $uuid() and Retry jitter. Never uses real entropy.
class RandomSource
{
public:
    explicit RandomSource(std::uint64_t seed = 0) : m_state(seed ^ 0x9E3779B97F4A7C15ull) {}
    // splitmix64
    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // Uniform in [0, 1).
    double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }

private:
    std::uint64_t m_state;
};

// What evaluating a path or expression can see besides the data it applies to.
struct EvalContext
{
    Json contextObject;                 // $$ : Execution, State, StateMachine, Task, Map...
    const Variables *variables = nullptr; // $name
    RandomSource *random = nullptr;
    // Virtual time of the evaluation in ms since the epoch, for JSONata's $now() and $millis();
    // -1: the context object's State.EnteredTime (else Execution.StartTime, else the epoch).
    qint64 nowMillis = -1;
};

} // namespace sw::sim
