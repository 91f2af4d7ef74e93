// SPDX-License-Identifier: Apache-2.0
#include "common/logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <utility>

namespace precis {

namespace {

thread_local std::string current_sample;  // NOLINT(cppcoreguidelines-avoid-non-const-global-variables)

//! The pattern flag %* : "[SAMPLE] " inside a LogContext, nothing outside.
class SampleFlag final : public spdlog::custom_flag_formatter {
  public:
    void format(const spdlog::details::log_msg& /*message*/, const std::tm& /*time*/,
                spdlog::memory_buf_t& dest) override {
        const std::string& sample = LogContext::current();
        if (!sample.empty()) {
            dest.push_back('[');
            dest.append(sample.data(), sample.data() + sample.size());
            dest.append(std::string_view("] "));
        }
    }
    std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<SampleFlag>(); }
};

}  // namespace

LogContext::LogContext(std::string sample) : previous_(std::exchange(current_sample, std::move(sample))) {}

LogContext::~LogContext() {
    current_sample = std::move(previous_);
}

const std::string& LogContext::current() {
    return current_sample;
}

void setup_logging(Verbosity verbosity) {
    auto logger =
        std::make_shared<spdlog::logger>("precis", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    auto formatter = std::make_unique<spdlog::pattern_formatter>();
    formatter->add_flag<SampleFlag>('*').set_pattern("[precis] %^%l%$: %*%v");
    logger->set_formatter(std::move(formatter));
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
