#pragma once
// Wall-clock timing for --perf: each pipeline stage records how long it took.
#include <chrono>
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

struct StageTime {
  std::string stage;
  double seconds;
};

}  // namespace oxidize::util
