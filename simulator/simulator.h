#pragma once

namespace sw::sim {
// The simulator's public entry points are declared in the headers of this directory.
const char *version();
} // namespace sw::sim
