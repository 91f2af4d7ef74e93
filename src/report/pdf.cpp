// SPDX-License-Identifier: Apache-2.0
// HTML -> PDF with headless Chromium. The browser is started with posix_spawn and an argument vector
// (no shell), with networking features off. It reads a copy of the HTML and prints the PDF inside a
// private (0700) temporary directory that also holds its fresh profile and is removed afterwards, so no
// other user can plant links at the names it writes; the caller receives the PDF's bytes.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "common/error.hpp"
#include "common/files.hpp"
#include "common/strings.hpp"
#include "report/writers.hpp"

extern char** environ;

namespace precis::report {

namespace {

namespace fs = std::filesystem;

constexpr auto kTimeout = std::chrono::seconds(180);
constexpr const char* kInstallHelp =
    "install Chromium (apt-get install chromium) or set PRECIS_CHROMIUM to a Chromium or Chrome executable; "
    "the HTML report can also be printed to PDF from any browser";

bool is_executable(const std::string& path) {
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

//! file:// URL of an absolute path, percent-encoding everything but unreserved characters and '/'.
std::string file_url(const fs::path& path) {
    return "file://" + str::percent_encode(path.string(), "/");
}

//! Removes the private temporary directory (profile, HTML copy, PDF, log) when leaving scope.
struct Cleanup {
    fs::path profile_dir;
    ~Cleanup() {
        if (!profile_dir.empty()) {
            std::error_code ignored;
            fs::remove_all(profile_dir, ignored);
        }
    }
};

std::string log_tail(const fs::path& log_path) {
    std::ifstream in(log_path);
    std::vector<std::string> lines;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty()) {
            lines.push_back(line);
        }
    }
    std::string tail;
    const std::size_t first = lines.size() > 5 ? lines.size() - 5 : 0;
    for (std::size_t i = first; i < lines.size(); ++i) {
        tail += (tail.empty() ? "" : " | ") + lines[i];
    }
    return tail;
}

bool looks_like_pdf(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    char magic[5] = {};
    in.read(magic, 5);
    return in.gcount() == 5 && std::string_view(magic, 5) == "%PDF-";
}

}  // namespace

std::optional<std::string> find_chromium() {
    if (const char* configured = std::getenv("PRECIS_CHROMIUM");
        configured != nullptr && *configured != '\0') {
        if (is_executable(configured)) {
            return std::string(configured);
        }
        return std::nullopt;
    }
    for (const char* candidate : {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome",
                                  "/usr/bin/google-chrome-stable"}) {
        if (is_executable(candidate)) {
            return std::string(candidate);
        }
    }
    return std::nullopt;
}

namespace {

//! Creates a private (0700) Chromium profile directory under $TMPDIR; also holds the HTML and the PDF.
fs::path make_private_directory() {
    std::error_code ec;
    const fs::path temp_root = fs::temp_directory_path(ec);
    std::string dir_template = ((ec ? fs::path("/tmp") : temp_root) / "precis-chromium-XXXXXX").string();
    if (::mkdtemp(dir_template.data()) == nullptr) {
        throw Error(
            ErrorKind::output, dir_template,
            std::string("cannot create a temporary Chromium profile directory: ") + std::strerror(errno),
            "check that TMPDIR is writable");
    }
    return dir_template;
}

void write_private_file(const fs::path& path, const std::string& content, const std::string& label) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) {
        throw Error(ErrorKind::output, label,
                    "cannot write the HTML for Chromium to " + path.string() + ": " + std::strerror(errno),
                    "check free space in TMPDIR");
    }
}

//! Starts Chromium with stdin from /dev/null and stdout and stderr into `log_path`. Signals that precis
//! ignores (SIGXFSZ, see main.cpp) get their default action back in the browser.
pid_t spawn_chromium(std::vector<std::string>& args, const fs::path& log_path) {
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (auto& arg : args) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGXFSZ);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);
    pid_t pid = 0;
    const int spawn_error = ::posix_spawn(&pid, args[0].c_str(), &actions, &attributes, argv.data(), environ);
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    if (spawn_error != 0) {
        throw Error(ErrorKind::output, args[0],
                    std::string("cannot start Chromium: ") + std::strerror(spawn_error), kInstallHelp);
    }
    return pid;
}

//! Waits for Chromium, killing it after kTimeout; returns its wait status.
int wait_for_chromium(pid_t pid, const std::string& label) {
    int status = 0;
    const auto deadline = std::chrono::steady_clock::now() + kTimeout;
    while (true) {
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) {
            return status;
        }
        if (done < 0 && errno != EINTR) {
            throw Error(ErrorKind::output, label,
                        std::string("lost track of Chromium: ") + std::strerror(errno));
        }
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            throw Error(ErrorKind::output, label, "Chromium did not finish printing the PDF within 180 s",
                        "retry; the HTML report is complete and can be printed from a browser");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

[[noreturn]] void chromium_failed(int status, const fs::path& log_path, const std::string& label) {
    std::ostringstream why;
    why << "Chromium failed to print the PDF";
    if (WIFEXITED(status)) {
        why << " (exit status " << WEXITSTATUS(status) << ")";
    } else if (WIFSIGNALED(status)) {
        why << " (killed by signal " << WTERMSIG(status) << ")";
    }
    const std::string tail = log_tail(log_path);
    if (!tail.empty()) {
        why << ": " << tail;
    }
    throw Error(ErrorKind::output, label, why.str(),
                "the HTML report can be printed from a browser; without --pdf the other reports are written");
}

}  // namespace

std::string print_pdf(const std::string& html, const std::string& label) {
    const auto chromium = find_chromium();
    if (!chromium) {
        throw Error(ErrorKind::output, label,
                    "--pdf needs Chromium: apt-get install chromium (none found at $PRECIS_CHROMIUM, "
                    "/usr/bin/chromium, /usr/bin/chromium-browser or /usr/bin/google-chrome)",
                    kInstallHelp);
    }
    Cleanup cleanup;
    cleanup.profile_dir = make_private_directory();
    const fs::path html_path = cleanup.profile_dir / "report.html";
    const fs::path pdf_path = cleanup.profile_dir / "report.pdf";
    const fs::path log_path = cleanup.profile_dir / "chromium.log";
    write_private_file(html_path, html, label);

    std::vector<std::string> args = {*chromium,
                                     "--headless",
                                     "--no-sandbox",
                                     "--disable-gpu",
                                     "--disable-quic",
                                     "--no-first-run",
                                     "--no-default-browser-check",
                                     "--disable-background-networking",
                                     "--disable-component-update",
                                     "--disable-sync",
                                     "--disable-extensions",
                                     "--user-data-dir=" + (cleanup.profile_dir / "profile").string(),
                                     "--no-pdf-header-footer",
                                     "--print-to-pdf=" + pdf_path.string(),
                                     file_url(html_path)};
    const int status = wait_for_chromium(spawn_chromium(args, log_path), label);
    std::error_code ec;
    const bool exited_ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!exited_ok || !fs::is_regular_file(pdf_path, ec) || fs::file_size(pdf_path, ec) == 0 ||
        !looks_like_pdf(pdf_path)) {
        chromium_failed(status, log_path, label);
    }
    std::ifstream in(pdf_path, std::ios::binary);
    std::ostringstream pdf;
    pdf << in.rdbuf();
    return pdf.str();
}

void write_pdf(const std::string& html_path, const std::string& pdf_path) {
    std::error_code ec;
    if (!fs::is_regular_file(html_path, ec)) {
        throw Error(ErrorKind::output, html_path, "cannot print to PDF: the HTML report does not exist",
                    "write the HTML report first (--formats html,pdf)");
    }
    std::ifstream in(html_path, std::ios::binary);
    std::ostringstream html;
    html << in.rdbuf();
    write_file_atomically(pdf_path, print_pdf(html.str(), pdf_path));
}

}  // namespace precis::report
