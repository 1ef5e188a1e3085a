#pragma once
// The scan pipeline, top to bottom:
//   1. open the git filter of each root (ignore rules, if in a work tree)
//   2. walk + read + analyze every source file, in parallel (discover/, analyze/)
//   3. sort the per-thread results by path (deterministic output)
// Aggregation and rendering are separate stages (aggregate.hpp, report/).
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "oxidize/model/snapshot.hpp"
#include "oxidize/config/glob.hpp"
#include "oxidize/discover/exclusion.hpp"
#include "oxidize/discover/language.hpp"
#include "oxidize/discover/walker.hpp"
#include "oxidize/util/stopwatch.hpp"

namespace oxidize::pipeline {

struct ScanOptions {
  std::vector<std::string> roots{"."};
  unsigned threads = 1;
  bool follow_symlinks = false;
  bool use_gitignore = true;
  std::size_t max_file_bytes = std::size_t{1} << 30;
  bool functions = true;  // off: inventory only (oxidize scan --no-functions)
  bool hazards = false;   // memory-safety hazards (oxidize hazards; oxidize scan unless --no-hazards)
  // `[hazards] exclude` of oxidize.toml: files whose findings are counted as
  // excluded, matched against the path relative to the file's root.
  std::vector<config::Glob> hazard_excludes;
  discover::LanguageMap languages;
};

// Live counters for a progress display on another thread.
struct Progress {
  std::atomic<std::uint64_t> files{0};
  std::atomic<std::uint64_t> bytes{0};
};

struct ScanResult {
  model::Snapshot snapshot;
  std::vector<util::StageTime> perf;
};

struct ScanHooks {
  // Called as each warning happens, from any worker thread (serialised).
  std::function<void(const model::Warning&)> on_warning;
  Progress* progress = nullptr;
};

ScanResult run_scan(const ScanOptions& options, const ScanHooks& hooks);

}  // namespace oxidize::pipeline
