// SPDX-License-Identifier: Apache-2.0
// HTML -> PDF with headless Chromium. The browser is started with posix_spawn and an argument vector
// (no shell), with networking features off and a fresh profile directory that is removed afterwards.
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
    static constexpr std::string_view kHex = "0123456789ABCDEF";
    std::string url = "file://";
    for (const char c : path.string()) {
        const auto byte = static_cast<unsigned char>(c);
        const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                          c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
        if (keep) {
            url += c;
        } else {
            url += '%';
            url += kHex[byte >> 4];
            url += kHex[byte & 0x0F];
        }
    }
    return url;
}

//! Removes the temporary profile directory and any leftover temporary PDF when leaving scope.
struct Cleanup {
    fs::path profile_dir;
    fs::path temporary_pdf;
    ~Cleanup() {
        std::error_code ignored;
        if (!profile_dir.empty()) {
            fs::remove_all(profile_dir, ignored);
        }
        if (!temporary_pdf.empty()) {
            fs::remove(temporary_pdf, ignored);
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

void write_pdf(const std::string& html_path, const std::string& pdf_path) {
    const auto chromium = find_chromium();
    if (!chromium) {
        throw Error(ErrorKind::output, pdf_path,
                    "--pdf needs Chromium: apt-get install chromium (none found at $PRECIS_CHROMIUM, "
                    "/usr/bin/chromium, /usr/bin/chromium-browser or /usr/bin/google-chrome)",
                    kInstallHelp);
    }
    std::error_code ec;
    const fs::path html = fs::absolute(html_path, ec);
    if (ec || !fs::is_regular_file(html, ec)) {
        throw Error(ErrorKind::output, html_path, "cannot print to PDF: the HTML report does not exist",
                    "write the HTML report first (--formats html,pdf)");
    }
    const fs::path target = fs::absolute(pdf_path, ec);
    Cleanup cleanup;
    std::string temporary_name = ".";  // built by appending: g++ 12 -Wrestrict misfires on "." + string
    temporary_name += target.filename().string();
    temporary_name += ".tmp.";
    temporary_name += std::to_string(::getpid());
    cleanup.temporary_pdf = target.parent_path() / temporary_name;

    const fs::path temp_root = fs::temp_directory_path(ec);
    std::string profile_template = ((ec ? fs::path("/tmp") : temp_root) / "precis-chromium-XXXXXX").string();
    if (::mkdtemp(profile_template.data()) == nullptr) {
        throw Error(
            ErrorKind::output, profile_template,
            std::string("cannot create a temporary Chromium profile directory: ") + std::strerror(errno),
            "check that TMPDIR is writable");
    }
    cleanup.profile_dir = profile_template;
    const fs::path log_path = cleanup.profile_dir / "chromium.log";

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
                                     "--user-data-dir=" + cleanup.profile_dir.string(),
                                     "--no-pdf-header-footer",
                                     "--print-to-pdf=" + cleanup.temporary_pdf.string(),
                                     file_url(html)};
    std::vector<char*> argv;
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
    pid_t pid = 0;
    const int spawn_error = ::posix_spawn(&pid, chromium->c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawn_error != 0) {
        throw Error(ErrorKind::output, *chromium,
                    std::string("cannot start Chromium: ") + std::strerror(spawn_error), kInstallHelp);
    }

    int status = 0;
    const auto deadline = std::chrono::steady_clock::now() + kTimeout;
    while (true) {
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) {
            break;
        }
        if (done < 0 && errno != EINTR) {
            throw Error(ErrorKind::output, pdf_path,
                        std::string("lost track of Chromium: ") + std::strerror(errno));
        }
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            throw Error(ErrorKind::output, pdf_path, "Chromium did not finish printing the PDF within 180 s",
                        "retry; the HTML report is complete and can be printed from a browser");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    const bool exited_ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!exited_ok || !fs::is_regular_file(cleanup.temporary_pdf, ec) ||
        fs::file_size(cleanup.temporary_pdf, ec) == 0 || !looks_like_pdf(cleanup.temporary_pdf)) {
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
        throw Error(ErrorKind::output, pdf_path, why.str(),
                    "the HTML report is complete and can be printed from a browser");
    }
    fs::rename(cleanup.temporary_pdf, target, ec);
    if (ec) {
        throw Error(ErrorKind::output, pdf_path, "cannot move the finished PDF into place: " + ec.message(),
                    "check permissions of the output directory");
    }
    cleanup.temporary_pdf.clear();
}

}  // namespace precis::report
