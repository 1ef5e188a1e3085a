#pragma once
// What a repository's history says about each file and function of the tree
// at its last commit: how often and how much it changed, by how many people,
// how many of those changes were fixes, and how old its lines are. Built by
// history/ (one pass over the history with libgit2), kept in the snapshot
// and the store, rendered by `oxidize history --by file|function` and read by
// the risk ranking. Definitions are in docs/history.md.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "oxidize/model/warning.hpp"

namespace oxidize::model {

// Seconds since the Unix epoch, UTC (git's commit times).
using GitTime = std::int64_t;

inline constexpr GitTime k_seconds_per_day = 86400;
// The two recent windows: the 365 and 91 days up to "now".
inline constexpr GitTime k_window_12m = 365 * k_seconds_per_day;
inline constexpr GitTime k_window_3m = 91 * k_seconds_per_day;

// The changes that touched one file (or one function): commits of the walk
// whose diff against their first parent changed it.
struct ChangeFacts {
  std::uint32_t commits = 0;
  std::uint32_t fix_commits = 0;           // the message matches a fix pattern
  std::uint32_t security_fix_commits = 0;  // the message matches a security pattern
  std::uint32_t authors = 0;               // distinct author e-mails after .mailmap
  std::uint64_t lines_added = 0;
  std::uint64_t lines_deleted = 0;
  std::uint64_t churn_12m = 0;  // lines added + deleted by commits of the last 365 days
  std::uint64_t churn_3m = 0;   // ... of the last 91 days
  std::uint32_t commits_12m = 0;
  GitTime first_change = 0;  // author time of the first and last commit; 0 when none
  GitTime last_change = 0;
  auto operator<=>(const ChangeFacts&) const = default;
};

// The age of the lines of a file or function at the last commit: for each
// line, "now" minus the author time of the commit that last wrote it (what
// `git blame` reports, computed in the same pass as the changes).
struct AgeFacts {
  std::uint32_t lines = 0;          // lines with a known age (all of them, unless history is shallow)
  double median_age_days = -1;      // -1 when no line has an age
  double young_share = 0;           // share of lines younger than 365 days
  auto operator<=>(const AgeFacts&) const = default;
};

struct FunctionHistory {
  std::string name;  // as the function parser names it (qualified)
  std::uint32_t start_line = 0;
  std::uint32_t end_line = 0;
  ChangeFacts change;
  AgeFacts age;
  auto operator<=>(const FunctionHistory&) const = default;
};

struct FileHistory {
  std::string path;  // at the last commit, relative to the repository root
  ChangeFacts change;
  AgeFacts age;
  std::uint32_t renames = 0;  // how many times the file was renamed (followed)
  std::vector<FunctionHistory> functions;  // the functions of the file at the last commit, in file order
  auto operator<=>(const FileHistory&) const = default;
};

struct HistoryInfo {
  std::string head;          // the commit the history ends at (40 hex digits)
  GitTime now = 0;           // the reference time: HEAD's commit time unless --now
  std::string walk = "first-parent";  // first-parent | no-merges (docs/history.md)
  bool renames = true;       // renames followed
  bool shallow = false;      // the repository is a shallow clone: history starts late
  std::uint64_t commits = 0; // commits read
  std::uint64_t merges = 0;  // merge commits among them (diffed against their first parent)
  GitTime first_commit = 0;  // author time of the oldest commit read
  auto operator<=>(const HistoryInfo&) const = default;
};

struct History {
  HistoryInfo info;
  std::vector<FileHistory> files;  // the source files of the last commit's tree, sorted by path
  std::vector<Warning> warnings;   // unreadable objects, submodules, ... (sorted)
  auto operator<=>(const History&) const = default;

  // The history of the file at `path` (binary search), or null.
  const FileHistory* file(std::string_view path) const {
    const auto it = std::lower_bound(files.begin(), files.end(), path,
                                     [](const FileHistory& f, std::string_view p) { return f.path < p; });
    return it != files.end() && it->path == path ? &*it : nullptr;
  }
};

}  // namespace oxidize::model
