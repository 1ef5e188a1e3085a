#pragma once
// The migration timeline (model/timeline.hpp) of a repository, built from
// its history: points taken on the first-parent chain of a commit, the tree
// of each read from git as a source::GitTreeSource (blobs through libgit2, no
// checkout), each blob analysed as the scan analyses a file.
//
// The cost grows with what changed between the points, not with their
// number: a blob is analysed at most once per run (memoised by its git id),
// and not at all when the analysis cache already holds facts for its bytes;
// a folder whose tree id and path were seen at an earlier point is not even
// listed again (its counts are memoised too). So a point costs the folders
// and blobs that changed since the points before it.
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "oxidize/cache/analysis_cache.hpp"
#include "oxidize/config/glob.hpp"
#include "oxidize/discover/language.hpp"
#include "oxidize/model/timeline.hpp"
#include "oxidize/source/file_source.hpp"
#include "oxidize/util/stopwatch.hpp"

namespace oxidize::history {

// The default window: this many calendar months up to "now".
inline constexpr int k_default_window_months = 24;

// A commit of the first-parent chain.
struct ChainCommit {
  source::ContentId id{};
  model::GitTime time = 0;  // committer time
};

// The commits of `chain` (the first-parent chain, its tip first) that are the
// timeline's points, as indices into it, oldest first, each once:
//   - month, quarter: for each first day of a month (of a quarter: January,
//     April, July, October), 00:00 UTC, from `since` (nullopt: the oldest
//     commit's time) to `now`, the commit with the latest committer time at
//     or before it (of equal times, the one nearer the tip);
//   - every N commits: the commits whose distance from the chain's root is a
//     multiple of N, with a time from `since` to `now`;
//   - and in both cases the last commit: the one picked, as above, for `now`.
std::vector<std::size_t> select_points(std::span<const ChainCommit> chain, const model::TimelineEvery& every,
                                       std::optional<model::GitTime> since, model::GitTime now);

struct TimelineOptions {
  std::string repository = ".";  // any path in the work tree, or a (bare) repository
  std::string revision;          // where the chain starts; empty: HEAD
  model::TimelineEvery every;
  std::optional<model::GitTime> since;  // nullopt: k_default_window_months before now (or all history)
  bool since_all = false;
  std::optional<model::GitTime> now;  // nullopt: the committer time of the chain's tip
  unsigned threads = 1;
  model::Scope scope;
  discover::LanguageMap languages;
  std::size_t max_file_bytes = std::size_t{1} << 30;
  std::vector<config::Glob> hazard_excludes;  // `[hazards] exclude` of oxidize.toml
  cache::AnalysisCache* cache = nullptr;      // the content layer serves blobs; null: none
};

// What the run did, for --perf and the tests.
struct TimelineStats {
  std::uint64_t chain_commits = 0;
  std::uint64_t folders_listed = 0;  // folders whose entries were listed
  std::uint64_t folders_reused = 0;  // folders known from an earlier point: not listed
  std::uint64_t blobs_analysed = 0;  // analysed
  std::uint64_t blobs_from_memory = 0;  // met before in this run (another point or path)
  std::uint64_t blobs_from_cache = 0;   // read, and the analysis cache knew the bytes
};

struct TimelineResult {
  model::Timeline timeline;
  TimelineStats stats;
  std::vector<util::StageTime> perf;
};

// Live counters for a progress line on another thread.
struct TimelineProgress {
  std::atomic<std::uint64_t> commits{0};      // of the first-parent chain, read so far
  std::atomic<std::uint32_t> points{0};       // in all, once the chain is read
  std::atomic<std::uint32_t> points_done{0};
  std::atomic<std::uint64_t> blobs{0};        // read (met for the first time in the run)
  std::atomic<std::uint64_t> bytes{0};
};

struct TimelineHooks {
  // Called once per distinct warning, from any thread (serialised).
  std::function<void(const model::Warning&)> on_warning;
  TimelineProgress* progress = nullptr;
};

// An error (one line for the user) when there is no timeline at all: not in
// a git repository, no commit yet, an unknown revision, no commit before
// `now`. Unreadable blobs and trees, submodules and a shallow history are
// warnings (hooks.on_warning, and in the timeline).
tl::expected<TimelineResult, std::string> build_timeline(const TimelineOptions& options,
                                                         const TimelineHooks& hooks);

}  // namespace oxidize::history
