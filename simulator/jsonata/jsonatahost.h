#pragma once

#include "data/evalcontext.h"

#include <QObject>
#include <QString>

namespace sw::sim {

// The only door from the JSONata sandbox to C++: the nondeterministic and hashing parts of AWS's
// functions ($random, $uuid, $hash) and the library's Math.random ($shuffle). Randomness comes
// from the RandomSource of the evaluation in progress (set by JsonataEngine before each run), never
// from real entropy. It exposes nothing else: no files, no network, no clock.
class JsonataHost : public QObject
{
    Q_OBJECT
public:
    explicit JsonataHost(QObject *parent = nullptr);

    // The random source of the current evaluation; nullptr selects the host's own fixed-seed one.
    void setRandomSource(RandomSource *random) { m_current = random; }

    Q_INVOKABLE double random();
    // The same number for the same seed, independent of the execution's random sequence.
    Q_INVOKABLE double seededRandom(double seed);
    // A version 4 UUID (lowercase, 8-4-4-4-12) from the current random source.
    Q_INVOKABLE QString uuid();
    // Lowercase hex digest of the UTF-8 bytes of `value`; empty for an unsupported algorithm.
    Q_INVOKABLE QString hash(const QString &value, const QString &algorithm);

private:
    RandomSource &source() { return m_current ? *m_current : m_fallback; }

    RandomSource *m_current = nullptr;
    RandomSource m_fallback;
};

} // namespace sw::sim
