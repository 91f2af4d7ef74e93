// SPDX-License-Identifier: Apache-2.0
#include <csignal>

#include "cli/app.hpp"

int main(int argc, char** argv) {
    // A file-size limit (ulimit -f) then makes a write fail with EFBIG, reported as an output error
    // (exit 5) with the temporary files removed, instead of killing precis half-way.
    std::signal(SIGXFSZ, SIG_IGN);
    return precis::cli::run(argc, argv);
}
