#pragma once
// Code age without blame: one forward pass over the first-parent history
// keeps, for every line of every file, the index of the commit that last
// wrote it. Each commit's zero-context hunks say exactly which lines it
// removed and which it wrote, so applying them in order leaves the same
// attribution `git blame --first-parent` computes backwards (without its
// move and copy detection), at the cost of the diffs the change facts need
// anyway. docs/history.md compares it with `git blame` on real files.
#include <cstdint>
#include <span>
#include <vector>

#include "oxidize/history/commit_changes.hpp"
#include "oxidize/model/history.hpp"

namespace oxidize::history {

// The commit index of each line of one file, or unknown (binary, or the
// hunks did not fit: never expected, but a broken diff must not crash).
struct LineAges {
  std::vector<std::uint32_t> commit_of_line;
  bool known = true;
};

// Applies one commit's hunks (in file order, zero context) to `ages`; the new
// lines get `commit`. Returns false (and marks the ages unknown) when a hunk
// does not fit the lines held.
inline bool apply_hunks(LineAges& ages, std::span<const Hunk> hunks, std::uint32_t commit) {
  if (!ages.known) return false;
  auto& lines = ages.commit_of_line;
  // Last hunk first: the positions of earlier hunks stay valid.
  for (auto it = hunks.rbegin(); it != hunks.rend(); ++it) {
    // With no old lines, old_start is the line after which the new ones go.
    const std::size_t at = it->old_lines == 0 ? it->old_start : it->old_start - 1;
    if (it->old_lines > 0 && it->old_start == 0) return ages.known = false;
    if (at + it->old_lines > lines.size()) {
      ages.known = false;
      lines.clear();
      return false;
    }
    const auto first = lines.begin() + static_cast<std::ptrdiff_t>(at);
    // Replace in place as far as the two ranges overlap, then erase or insert the rest.
    const std::uint32_t common = std::min(it->old_lines, it->new_lines);
    std::fill(first, first + common, commit);
    if (it->old_lines > common) {
      lines.erase(first + common, first + it->old_lines);
    } else if (it->new_lines > common) {
      lines.insert(first + common, it->new_lines - common, commit);
    }
  }
  return true;
}

// Median age and the share younger than a year of `lines` (commit indices
// into `commits`), measured from `now`. Ages of commits after `now` (a
// --now in the past) count as zero.
template <typename Commits>
model::AgeFacts summarize_ages(std::span<const std::uint32_t> lines, const Commits& commits, model::GitTime now) {
  model::AgeFacts facts;
  if (lines.empty()) return facts;
  std::vector<model::GitTime> ages;
  ages.reserve(lines.size());
  std::size_t young = 0;
  for (const std::uint32_t c : lines) {
    const model::GitTime age = std::max<model::GitTime>(0, now - commits[c].author_time);
    ages.push_back(age);
    if (age < model::k_window_12m) ++young;
  }
  const std::size_t mid = ages.size() / 2;
  std::nth_element(ages.begin(), ages.begin() + static_cast<std::ptrdiff_t>(mid), ages.end());
  double median = static_cast<double>(ages[mid]);
  if (ages.size() % 2 == 0) {
    const auto lower = *std::max_element(ages.begin(), ages.begin() + static_cast<std::ptrdiff_t>(mid));
    median = (median + static_cast<double>(lower)) / 2;
  }
  facts.lines = static_cast<std::uint32_t>(lines.size());
  facts.median_age_days = median / static_cast<double>(model::k_seconds_per_day);
  facts.young_share = static_cast<double>(young) / static_cast<double>(lines.size());
  return facts;
}

}  // namespace oxidize::history
