// SPDX-License-Identifier: Apache-2.0
// libFuzzer entry point of one target; PRECIS_FUZZ_TARGET names it (see fuzz_targets.cpp).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "fuzz_targets.hpp"

namespace {

const precis::fuzz::Target& this_target() {
    static const precis::fuzz::Target* target = [] {
        const precis::fuzz::Target* found = precis::fuzz::find_target(PRECIS_FUZZ_TARGET);
        if (found == nullptr) {
            std::fprintf(stderr, "precis fuzz: unknown target %s\n", PRECIS_FUZZ_TARGET);
            std::abort();
        }
        return found;
    }();
    return *target;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
    precis::fuzz::quiet_logging();
    (void)this_target();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    (void)precis::fuzz::run_target(this_target(),
                                   std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
