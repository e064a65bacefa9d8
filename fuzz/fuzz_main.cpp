// libFuzzer entry point of one target, chosen at compile time
// (CREDPATH_FUZZ_TARGET names a function of fuzz_targets.hpp).
#include "fuzz_targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    credpath::fuzz::CREDPATH_FUZZ_TARGET(data, size);
    return 0;
}
