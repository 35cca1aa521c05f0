#pragma once

#include <QByteArray>

namespace sw::bench {

// A synthetic but realistic definition of about `states` states (nested ones included): a chain
// of segments, each a run of Tasks with Retry (some with Catch to a nearby handler), a Choice
// fanning out to 3-5 Tasks that join again, a Parallel of 2-3 branches, or a Map whose processor
// holds a short chain (sometimes with its own Choice). Deterministic for a given seed.
QByteArray generateMachine(int states, quint32 seed = 1);

} // namespace sw::bench
