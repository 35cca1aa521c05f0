#pragma once

namespace sw::gui {
// Opens the designer window (on a FILE given as the first argument); returns the exit code.
int run(int argc, char *argv[]);
} // namespace sw::gui
