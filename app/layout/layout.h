#pragma once

namespace sw::layout {
const char *graphvizVersion();
} // namespace sw::layout
