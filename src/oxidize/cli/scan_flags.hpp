#pragma once
// The options every command that scans a tree shares (scan, functions):
// registered once, turned into ScanOptions once, run with the progress line.
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <tl/expected.hpp>

#include "oxidize/config/project_config.hpp"
#include "oxidize/cli/state_folder.hpp"
#include "oxidize/model/scope.hpp"
#include "oxidize/pipeline/scan.hpp"
#include "oxidize/store/store.hpp"
#include "oxidize/util/stopwatch.hpp"
#include "oxidize/util/output.hpp"

namespace oxidize::cli {

struct ScanFlags {
  std::vector<std::string> paths;
  unsigned jobs = 0;
  bool no_ignore = false;
  bool follow_symlinks = false;
  bool include_vendored = false;
  bool include_generated = false;
  std::string max_file_size = "1G";
  std::vector<std::string> ext;
  bool perf = false;
  bool no_progress = false;
  std::string config;  // --config FILE (commands that read oxidize.toml)
  std::string commit;  // --commit REV: the tree of a commit, read from git
  bool no_cache = false;

  model::Scope scope() const { return {include_vendored, include_generated}; }
};

void add_scan_flags(CLI::App& cmd, ScanFlags& flags);
// --config, for the commands that read oxidize.toml (all that scan).
void add_config_flag(CLI::App& cmd, ScanFlags& flags);

// Checks paths and values; the error is one line for the user.
tl::expected<pipeline::ScanOptions, std::string> to_scan_options(const ScanFlags& flags);

// Sets the commit-message patterns oxidize.toml's [history] gives (the
// others keep their defaults): the history pass of scan, the structure
// commands and `history --by` read fixes the same way.
void apply_history_patterns(const config::HistoryConfig& config, history::MessagePatterns& patterns);

// Reads --config, or else oxidize.toml in the first root if there is one (an
// empty config otherwise), prints its warnings, and applies it to `options`.
tl::expected<config::ProjectConfig, std::string> load_config(const ScanFlags& flags, pipeline::ScanOptions& options);

// The analysis cache of the state folder (.oxidize/cache.bin), unless
// --no-cache: a damaged one is a warning and an empty cache.
struct OpenedCache {
  std::unique_ptr<cache::AnalysisCache> cache;  // null with --no-cache
  std::string path;
  double load_seconds = 0;
};
OpenedCache load_cache(const ScanFlags& flags, const StateFolder& state);
// Writes the cache back when the run changed it and the state folder can be
// written (a failure is one warning: results never depend on it). Returns
// the seconds it took.
double save_cache(OpenedCache& opened, StateFolder& state);

// Runs the scan with warnings and the progress line on stderr, with the
// analysis cache of the tree unless --no-cache. An error is one line for the
// user (an unknown revision...).
// With a store, the history pass takes the history of an earlier snapshot of
// the same tree, commit and options when there is one.
tl::expected<pipeline::ScanResult, std::string> run_scan_with_progress(pipeline::ScanOptions options,
                                                                       const ScanFlags& flags, StateFolder& state,
                                                                       store::Store* store = nullptr);

// Flushes the command's output (already rendered into `out`), then prints
// the --perf lines on stderr. Returns the exit code: 0, or 2 when stdout
// could not be written (reported on stderr).
int finish_command(util::Output& out, const pipeline::ScanResult& result, const ScanFlags& flags,
                   unsigned threads, double total_seconds);

}  // namespace oxidize::cli
