// libFuzzer target for the history's line diff: the byte-level trim of the
// common first and last lines, the hunks of libgit2's diff of the middle,
// and the line ages those hunks move. The input is two versions of a file,
// split at its first NUL byte (or in the middle when there is none). Properties:
//   - the hunks, applied to the old version's line ages, leave exactly as
//     many lines as the new version has, and never fail to fit;
//   - the lines they mark as written are exactly the lines added;
//   - hunks are in file order and do not overlap.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "oxidize/history/commit_changes.hpp"
#include "oxidize/history/line_ages.hpp"

namespace {

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "line diff invariant violated: %s\n", what);
  std::abort();
}

std::uint32_t git_lines(std::string_view s) {
  const auto n = static_cast<std::uint32_t>(std::count(s.begin(), s.end(), '\n'));
  return n + (!s.empty() && s.back() != '\n' ? 1 : 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t nul = input.find('\0');
  const std::size_t cut = nul == std::string_view::npos ? size / 2 : nul;
  const std::string_view old_version = input.substr(0, cut);
  const std::string_view new_version = input.substr(std::min(size, cut + (nul == std::string_view::npos ? 0 : 1)));
  if (old_version.find('\0') != std::string_view::npos || new_version.find('\0') != std::string_view::npos)
    return 0;  // binary: never diffed by lines
  oxidize::history::FileChange change;
  if (!oxidize::history::diff_lines(old_version, new_version, change)) fail("the diff failed");
  oxidize::history::LineAges ages;
  ages.commit_of_line.assign(git_lines(old_version), 0);
  if (!oxidize::history::apply_hunks(ages, change.hunks, 1)) fail("hunks do not fit the old version");
  if (ages.commit_of_line.size() != git_lines(new_version)) fail("line count after the hunks");
  const auto written = static_cast<std::uint32_t>(std::count(ages.commit_of_line.begin(), ages.commit_of_line.end(), 1u));
  if (written != change.lines_added) fail("lines written differ from lines added");
  std::uint32_t end = 0;
  for (const auto& h : change.hunks) {
    const std::uint32_t start = h.old_lines == 0 ? h.old_start + 1 : h.old_start;
    if (start < end) fail("hunks overlap or are out of order");
    end = h.old_start + h.old_lines;
  }
  return 0;
}
