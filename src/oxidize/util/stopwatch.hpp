#pragma once
// Wall-clock timing for --perf: each pipeline stage records how long it took.
#include <chrono>
#include <cstdint>
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

struct StageTime {
  std::string stage;
  double seconds;
};

}  // namespace oxidize::util
