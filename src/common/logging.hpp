// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

namespace precis {

enum class Verbosity { quiet, normal, verbose };

//! Routes spdlog's default logger to stderr (stdout is for data) with a "[precis]" prefix; a line logged
//! while a LogContext is alive on the same thread also names its sample: "[precis] warning: [S1] ...".
void setup_logging(Verbosity verbosity);

//! Names a sample in every log line this thread writes while the object lives (batch worker threads log
//! for many samples at once). Contexts nest; the innermost wins.
class LogContext {
  public:
    explicit LogContext(std::string sample);
    ~LogContext();
    LogContext(const LogContext&) = delete;
    LogContext& operator=(const LogContext&) = delete;
    LogContext(LogContext&&) = delete;
    LogContext& operator=(LogContext&&) = delete;

    //! The innermost context's sample on this thread ("" outside any context).
    static const std::string& current();

  private:
    std::string previous_;
};

}  // namespace precis
