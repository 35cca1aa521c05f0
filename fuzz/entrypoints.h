#pragma once

#include <QList>

#include <cstddef>
#include <cstdint>

namespace sw::fuzz {

// The fuzz targets of Stepwise: one function per parser or evaluator that reads untrusted text
// (definitions, expressions, schedules, mock files, execution histories). Each takes any bytes,
// drives the code as the designer and the CLI do, checks round-trip invariants where the code
// promises them (and aborts when one breaks, so the fuzzer reports it), and returns 0. The libFuzzer
// executables in fuzz/ call them, and tests/reliability replays fuzz/regressions/<name>/* through
// the same functions in the normal build.
//
// Inputs with several parts separate them with a NUL byte, which JSON text and expressions never
// contain: "<path>\0<JSON data>", "<definition>\0<input>\0<MockConfigFile>".
struct Target
{
    const char *name;
    int (*run)(const uint8_t *data, size_t size);
};

const QList<Target> &targets();
const Target *findTarget(const char *name);

// Sets up what the targets share (a QCoreApplication for the JSONata engine). Idempotent.
void initialize(int *argc, char ***argv);

int jsonReader(const uint8_t *data, size_t size);
int aslValidate(const uint8_t *data, size_t size);
int jsonPath(const uint8_t *data, size_t size);
int intrinsics(const uint8_t *data, size_t size);
int schedule(const uint8_t *data, size_t size);
int mockConfig(const uint8_t *data, size_t size);
int mockProfile(const uint8_t *data, size_t size);
int historyImport(const uint8_t *data, size_t size);
int simulate(const uint8_t *data, size_t size);

} // namespace sw::fuzz
