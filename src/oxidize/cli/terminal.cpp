#include "oxidize/cli/terminal.hpp"

#include <unistd.h>

#include <algorithm>
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

bool use_color(std::FILE* stream) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  return ::isatty(::fileno(stream)) == 1;
}

bool flush_output(util::Output& out) {
  out.flush();
  if (out.ok()) return true;
  print_error(fmt::format("cannot write the output: {}", out.error_message()));
  return false;
}

struct ProgressLine::Impl {
  pipeline::Progress& progress;
  std::mutex mutex;
  std::condition_variable stop_cv;
  bool stop = false;
  std::thread thread;

  explicit Impl(pipeline::Progress& p) : progress(p) {
    thread = std::thread([this] { loop(); });
  }

  void loop() {
    const util::Stopwatch clock;
    std::unique_lock lock(mutex);
    while (!stop_cv.wait_for(lock, std::chrono::milliseconds(200), [this] { return stop; })) {
      const double mb = static_cast<double>(progress.bytes.load()) / 1e6;
      const double secs = clock.seconds();
      const std::uint32_t points = progress.points.load();
      const std::string prefix =
          points > 0 ? fmt::format("point {}/{}, ", std::min(progress.points_done.load() + 1, points), points) : "";
      const std::lock_guard out(g_stderr_mutex);
      fmt::print(stderr, "\r\x1b[Koxidize: {}{} files, {:.0f} MB, {:.0f} MB/s", prefix,
                 util::with_thousands(progress.files.load()), mb, secs > 0 ? mb / secs : 0.0);
      g_progress_shown = true;
    }
  }
};

ProgressLine::ProgressLine(pipeline::Progress& progress, bool enabled) {
  if (enabled && ::isatty(STDERR_FILENO) == 1) impl_ = std::make_unique<Impl>(progress);
}

ProgressLine::~ProgressLine() {
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

}  // namespace oxidize::cli
