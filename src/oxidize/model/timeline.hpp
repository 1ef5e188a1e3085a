#pragma once
// The migration timeline of a repository: at points along the first-parent
// history, the code lines of each language and the hazard count of the files
// a report counts (model::Scope: vendored and generated files left out unless
// included). Built by history/timeline (each commit's tree read from git),
// projected by model/projection, rendered by report/timeline_report as
// `oxidize history`. Definitions are in docs/history.md ("Timeline and
// projection").
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "oxidize/discover/language.hpp"
#include "oxidize/model/history.hpp"
#include "oxidize/model/scope.hpp"
#include "oxidize/model/warning.hpp"

namespace oxidize::model {

// How the points are spaced (`--every`).
struct TimelineEvery {
  enum class Kind : std::uint8_t { month, quarter, commits };
  Kind kind = Kind::month;
  std::uint32_t commits = 0;  // Kind::commits: every N first-parent commits
  auto operator<=>(const TimelineEvery&) const = default;
};

// What the counted files of one tree add up to.
struct CodeCounts {
  std::array<std::uint64_t, discover::k_all_languages.size()> code_lines{};  // indexed by discover::Language
  std::uint64_t hazards = 0;  // not suppressed, medium or high confidence, outside `[hazards] exclude`
  std::uint64_t files = 0;

  std::uint64_t code(discover::Language language) const { return code_lines[static_cast<std::size_t>(language)]; }
  std::uint64_t total_code() const {
    std::uint64_t sum = 0;
    for (const auto lines : code_lines) sum += lines;
    return sum;
  }
  CodeCounts& operator+=(const CodeCounts& other) {
    for (std::size_t i = 0; i < code_lines.size(); ++i) code_lines[i] += other.code_lines[i];
    hazards += other.hazards;
    files += other.files;
    return *this;
  }
  auto operator<=>(const CodeCounts&) const = default;
};

struct TimelinePoint {
  std::string commit;  // 40 hex digits
  GitTime time = 0;    // the commit's committer time
  CodeCounts counts;

  // The memory-safe share: Rust code lines over the code lines of C, C++,
  // their headers and Rust; nullopt when the tree has none of them.
  std::optional<double> memory_safe_share() const {
    const std::uint64_t total = counts.total_code();
    if (total == 0) return std::nullopt;
    return static_cast<double>(counts.code(discover::Language::rust)) / static_cast<double>(total);
  }
  bool operator==(const TimelinePoint&) const = default;
};

struct TimelineInfo {
  std::string repository;  // the work tree's root, or the git directory of a bare repository
  std::string revision = "HEAD";  // where the first-parent chain starts, as given
  std::string head;        // that commit (40 hex digits)
  GitTime now = 0;         // the reference time: the head's committer time unless given (--now)
  bool now_given = false;
  std::optional<GitTime> since;  // the window's start; nullopt: all history
  TimelineEvery every;
  Scope scope;
  bool shallow = false;    // a shallow clone: the history read starts late
  std::uint64_t chain_commits = 0;  // first-parent commits read
};

struct Timeline {
  TimelineInfo info;
  std::vector<TimelinePoint> points;  // oldest first, one per distinct commit
  std::vector<Warning> warnings;      // sorted, each once
};

}  // namespace oxidize::model
