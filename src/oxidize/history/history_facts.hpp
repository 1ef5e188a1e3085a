#pragma once
// The history facts of a repository: one walk over its commits (commit_log),
// the diffs of those commits read on every worker thread (commit_changes),
// then one ordered pass that adds them up per file and function, follows
// renames and carries the age of every line (line_ages). The result covers
// the source files of the last commit's tree. Definitions: docs/history.md.
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include <tl/expected.hpp>

#include "oxidize/discover/language.hpp"
#include "oxidize/history/commit_log.hpp"
#include "oxidize/history/message_patterns.hpp"
#include "oxidize/model/history.hpp"
#include "oxidize/util/stopwatch.hpp"

namespace oxidize::history {

struct HistoryOptions {
  std::string repository = ".";  // any path inside the work tree, or a bare repository
  std::string revision = "HEAD";  // the history ends at this commit
  Walk walk = Walk::first_parent;
  bool renames = true;             // follow renames (off: a renamed file starts over, like git log --no-renames)
  bool functions = true;           // per-function facts (off: per file only, faster)
  std::optional<model::GitTime> now;  // default: the commit time of `revision`
  MessagePatterns patterns = MessagePatterns::defaults();
  discover::LanguageMap languages;
  unsigned threads = 1;
  std::uint64_t max_blob_bytes = std::uint64_t{16} << 20;
};

// Live counters for a progress line.
struct HistoryProgress {
  std::atomic<std::uint64_t> commits_total{0};
  std::atomic<std::uint64_t> commits_done{0};
};

struct HistoryHooks {
  std::function<void(const model::Warning&)> on_warning;  // called on the calling thread
  HistoryProgress* progress = nullptr;
  std::vector<util::StageTime>* perf = nullptr;  // the time of each phase, for --perf
};

// An error (one line) only when there is no history to read at all: not a
// repository, no commits, an unknown revision, invalid patterns.
tl::expected<model::History, std::string> read_history(const HistoryOptions& options, const HistoryHooks& hooks = {});

// "first-parent" | "no-merges"
std::optional<Walk> walk_from_name(std::string_view name);
std::string_view walk_name(Walk walk);

}  // namespace oxidize::history
