#pragma once
// Wall-clock timing for --perf: each pipeline stage records how long it took.
#include <chrono>
#include <cstdint>
#include <ctime>
#include <string>
#include <vector>

namespace oxidize::util {

class Stopwatch {
 public:
  Stopwatch() : start_(std::chrono::steady_clock::now()) {}
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_;
};

// The wall clock in nanoseconds since the epoch: what file timestamps are
// compared with (the cache's racily-clean rule).
inline std::int64_t realtime_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The wall clock as UTC, ISO 8601 to the second (2026-12-06T21:15:40Z): when
// a snapshot was made.
inline std::string utc_now_iso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char text[32];
  const std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return std::string(text, n);
}

struct StageTime {
  std::string stage;
  double seconds;
};

}  // namespace oxidize::util
