// The libFuzzer entry of one target; CMake builds it once per target with STEPWISE_FUZZ_ENTRY set
// to the function in entrypoints.h.
#include "entrypoints.h"

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    sw::fuzz::initialize(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return STEPWISE_FUZZ_ENTRY(data, size);
}
