#include "oxidize/cli/terminal.hpp"

#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "oxidize/util/stopwatch.hpp"
#include "oxidize/util/text.hpp"

namespace oxidize::cli {

namespace {
std::mutex g_stderr_mutex;  // warnings and the progress line share stderr
bool g_progress_shown = false;

void clear_progress_locked() {
  if (g_progress_shown) {
    std::fputs("\r\x1b[K", stderr);
    g_progress_shown = false;
  }
}
}  // namespace

void print_warning(const model::Warning& warning) {
  const std::lock_guard lock(g_stderr_mutex);
  clear_progress_locked();
  const std::string path = util::escape_for_terminal(warning.path);
  const std::string message = util::escape_for_terminal(warning.message);
  if (path.empty()) fmt::print(stderr, "oxidize: warning: {}\n", message);
  else fmt::print(stderr, "oxidize: warning: {}: {}\n", path, message);
}

void print_error(std::string_view message) {
  const std::lock_guard lock(g_stderr_mutex);
  clear_progress_locked();
  fmt::print(stderr, "oxidize: error: {}\n", util::escape_for_terminal(message));
}

namespace {
ColorMode g_color_mode = ColorMode::automatic;
}  // namespace

std::optional<ColorMode> color_mode_from_name(std::string_view name) {
  if (name == "auto") return ColorMode::automatic;
  if (name == "always") return ColorMode::always;
  if (name == "never") return ColorMode::never;
  return std::nullopt;
}

void set_color_mode(ColorMode mode) { g_color_mode = mode; }

bool color_wanted(ColorMode mode, const char* no_color, const char* term, bool terminal) {
  switch (mode) {
    case ColorMode::always: return true;
    case ColorMode::never: return false;
    case ColorMode::automatic: break;
  }
  if (no_color != nullptr && no_color[0] != '\0') return false;
  if (term != nullptr && std::string_view(term) == "dumb") return false;
  return terminal;
}

bool use_color(std::FILE* stream) {
  return color_wanted(g_color_mode, std::getenv("NO_COLOR"), std::getenv("TERM"), ::isatty(::fileno(stream)) == 1);
}

bool flush_output(util::Output& out) {
  out.flush();
  if (out.ok()) return true;
  print_error(fmt::format("cannot write the output: {}", out.error_message()));
  return false;
}

struct StatusLine::Impl {
  std::function<std::string()> status;
  std::mutex mutex;
  std::condition_variable stop_cv;
  bool stop = false;
  std::thread thread;

  explicit Impl(std::function<std::string()> s) : status(std::move(s)) {
    thread = std::thread([this] { loop(); });
  }

  void loop() {
    std::unique_lock lock(mutex);
    while (!stop_cv.wait_for(lock, std::chrono::milliseconds(200), [this] { return stop; })) {
      const std::string text = status();
      const std::lock_guard out(g_stderr_mutex);
      fmt::print(stderr, "\r\x1b[Koxidize: {}", text);
      g_progress_shown = true;
    }
  }
};

StatusLine::StatusLine(std::function<std::string()> status, bool enabled) {
  if (enabled && ::isatty(STDERR_FILENO) == 1) impl_ = std::make_unique<Impl>(std::move(status));
}

StatusLine::~StatusLine() {
  if (impl_ == nullptr) return;
  {
    const std::lock_guard lock(impl_->mutex);
    impl_->stop = true;
  }
  impl_->stop_cv.notify_all();
  impl_->thread.join();
  impl_.reset();
  const std::lock_guard lock(g_stderr_mutex);
  clear_progress_locked();
}

namespace {

// What the scan's progress line says: the history pass's commits once it
// runs, the files read before.
std::string scan_status(const pipeline::Progress& progress, double seconds) {
  const std::uint64_t commits = progress.history.commits_total.load();
  if (commits > 0)
    return fmt::format("history: {} of {} commits", util::with_thousands(progress.history.commits_done.load()),
                       util::with_thousands(commits));
  const double mb = static_cast<double>(progress.bytes.load()) / 1e6;
  return fmt::format("{} files, {:.0f} MB, {:.0f} MB/s", util::with_thousands(progress.files.load()), mb,
                     seconds > 0 ? mb / seconds : 0.0);
}

}  // namespace

ProgressLine::ProgressLine(pipeline::Progress& progress, bool enabled)
    : line_([&progress, this] { return scan_status(progress, clock_.seconds()); }, enabled) {}

}  // namespace oxidize::cli
