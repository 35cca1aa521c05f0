#pragma once

#include "json/json.h"

#include <QString>

#include <utility>

namespace sw::sim {

// An ASL runtime error: what a state raises (States.Runtime, States.IntrinsicFailure,
// States.QueryEvaluationError, a task's own error...). When `prefixed` is true the interpreter puts
// AWS's "An error occurred while executing the state 'X' (entered at the event id #N). " before
// `cause`; evaluators return only the part after it.
struct Failure
{
    QString error;
    QString cause;
    bool prefixed = true;
};

// A value or a Failure. Errors are values: nothing in the simulator throws.
template <class T>
class Outcome
{
public:
    Outcome(T value) : m_value(std::move(value)) {}
    Outcome(Failure f) : m_failed(true), m_failure(std::move(f)) {}

    bool ok() const { return !m_failed; }
    bool failed() const { return m_failed; }
    const T &value() const { return m_value; }
    T &value() { return m_value; }
    const Failure &failure() const { return m_failure; }

private:
    T m_value{};
    bool m_failed = false;
    Failure m_failure;
};

using JsonOutcome = Outcome<Json>;

inline Failure runtimeError(const QString &cause)
{
    return Failure{QStringLiteral("States.Runtime"), cause, true};
}

} // namespace sw::sim
