#pragma once
// What a run of the pipeline carries from pass to pass: the options, the
// hooks to the user interface, the snapshot being built, and the time each
// pass took. Passes (pass.hpp) read and extend it; a command then renders
// the snapshot it needs.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "oxidize/cache/analysis_cache.hpp"
#include "oxidize/config/glob.hpp"
#include "oxidize/discover/language.hpp"
#include "oxidize/hazards/project_functions.hpp"
#include "oxidize/history/history_facts.hpp"
#include "oxidize/model/snapshot.hpp"
#include "oxidize/source/file_source.hpp"
#include "oxidize/util/stopwatch.hpp"

namespace oxidize::pipeline {

struct ScanOptions {
  std::vector<std::string> roots{"."};
  // Set: roots[0] is a git repository and its tree at this revision is
  // scanned (blobs through libgit2, no checkout) instead of the disk.
  std::string revision;
  unsigned threads = 1;
  bool follow_symlinks = false;
  bool use_gitignore = true;
  std::size_t max_file_bytes = std::size_t{1} << 30;
  bool functions = true;  // off: inventory only (oxidize scan --no-functions)
  bool hazards = false;   // memory-safety hazards (oxidize hazards; oxidize scan unless --no-hazards)
  // Includes, call sites, signatures, records (oxidize scan unless
  // --no-structure; components, graph, ffi, deps).
  bool structure = false;
  // `[hazards] exclude` of oxidize.toml: files whose findings are counted as
  // excluded, matched against the path relative to the file's root.
  std::vector<config::Glob> hazard_excludes;
  // `[hazards.functions]` of oxidize.toml: the project's wrappers of C
  // library functions (hazards/project_functions.hpp), or null.
  std::shared_ptr<const hazards::ProjectFunctions> project_functions;
  discover::LanguageMap languages;
  // The analysis cache, or null for none. Owned by the caller, who loads and saves it.
  cache::AnalysisCache* cache = nullptr;
  // Set: the history of the git repository the single root is in, up to the
  // commit scanned, goes into the snapshot (oxidize scan, unless
  // --no-history). The repository, revision, threads and languages are the
  // scan's; the rest (walk, patterns, --now) comes from here.
  std::optional<history::HistoryOptions> history;
};

// Live counters for a progress display on another thread.
struct Progress {
  std::atomic<std::uint64_t> files{0};
  std::atomic<std::uint64_t> bytes{0};
  history::HistoryProgress history;  // commits read, once the history pass runs
};

struct ScanHooks {
  // Called as each warning happens, from any worker thread (serialised).
  std::function<void(const model::Warning&)> on_warning;
  Progress* progress = nullptr;
  // The history of an earlier snapshot of the same tree, commit and options
  // (the store's), which the history pass takes instead of reading the
  // history again: a rescan at the same HEAD costs nothing for it.
  std::function<std::optional<model::History>(const model::SnapshotInfo&)> earlier_history;
};

// One source per root, with the prefix its paths get in the snapshot.
struct RootSource {
  std::string root;
  std::string prefix;  // "" for a single root, "ROOT/" for several
  std::unique_ptr<source::FileSource> source;
};

struct Context {
  Context(const ScanOptions& o, const ScanHooks& h) : options(o), hooks(h) {}
  const ScanOptions& options;
  const ScanHooks& hooks;
  std::vector<RootSource> sources;
  model::Snapshot snapshot;
  std::vector<util::StageTime> perf;  // one line per pass, and details of the analysis
  std::vector<std::string> perf_notes;  // counts for --perf (files read, taken from the cache...)
};

}  // namespace oxidize::pipeline
