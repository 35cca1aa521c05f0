#include "simulator.h"

namespace sw::sim {
const char *version()
{
    return "1";
}
} // namespace sw::sim
