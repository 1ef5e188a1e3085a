#pragma once
// `oxidize history --by file|function`: the history facts of each source
// file (or function) of the last commit, read in one pass over the history.
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <tl/expected.hpp>

#include "oxidize/history/history_facts.hpp"

namespace oxidize::cli {

struct HistoryFactsFlags {
  std::string by;               // file | function (empty: the timeline)
  std::string sort = "commits";  // commits | fix_commits | security_fix_commits | churn_12m | authors | age | path
  std::size_t top = 0;          // 0: every row
  std::string walk = "first-parent";
  bool no_renames = false;
  bool include_vendored = false;
  bool include_generated = false;
};

// The flags of the facts listing, on the history command.
void add_history_facts_flags(CLI::App& cmd, HistoryFactsFlags& flags);

// "2024-01-31" -> seconds since the epoch at 00:00 UTC; an error names the text.
tl::expected<model::GitTime, std::string> parse_date(std::string_view text);

// What the history command knows besides the listing's own flags.
struct HistoryRun {
  std::string path = ".";
  std::string revision = "HEAD";
  std::string format = "table";
  std::optional<model::GitTime> now;
  unsigned threads = 1;
  bool progress = true;
  bool perf = false;
  std::string config;  // --config FILE, or empty for oxidize.toml at the repository root
};

// Reads the history and prints the listing; returns the exit code.
int run_history_facts(const HistoryRun& run, const HistoryFactsFlags& flags);

// The history options of `run`, with the patterns of oxidize.toml (printing
// its warnings); the error is one line for the user.
tl::expected<history::HistoryOptions, std::string> history_options(const HistoryRun& run);

}  // namespace oxidize::cli
