// SPDX-License-Identifier: Apache-2.0
#include "common/logging.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <memory>

namespace precis {

void setup_logging(Verbosity verbosity) {
    auto logger =
        std::make_shared<spdlog::logger>("precis", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    logger->set_pattern("[precis] %^%l%$: %v");
    switch (verbosity) {
        case Verbosity::quiet:
            logger->set_level(spdlog::level::err);
            break;
        case Verbosity::normal:
            logger->set_level(spdlog::level::info);
            break;
        case Verbosity::verbose:
            logger->set_level(spdlog::level::debug);
            break;
    }
    spdlog::set_default_logger(logger);
}

}  // namespace precis
