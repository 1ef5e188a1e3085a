#include "oxidize/model/aggregate.hpp"

#include <algorithm>
#include <map>

namespace oxidize::model {

std::string directory_key(std::string_view path, unsigned depth) {
  const auto last = path.rfind('/');
  if (last == std::string_view::npos) return ".";
  std::string_view dir = path.substr(0, last);
  if (depth == 0) return std::string(dir);
  std::size_t from = 0;
  for (unsigned level = 0; level < depth; ++level) {
    const auto slash = dir.find('/', from);
    if (slash == std::string_view::npos) return std::string(dir);
    from = slash + 1;
  }
  const std::string key(dir.substr(0, from - 1));
  return key.empty() ? "/" : key;
}

Summary summarize(const Snapshot& scan, GroupBy by, unsigned depth, Scope scope, std::uint32_t ccn_threshold) {
  Summary summary;
  summary.group_by = by;
  summary.depth = depth;
  summary.ccn_threshold = ccn_threshold;
  summary.scope = scope;
  const auto t = ccn_threshold;
  std::map<std::string, Totals> groups;
  for (const auto& f : scan.files) {
    if (f.exclusion == discover::Exclusion::vendored) summary.vendored.add(f, t);
    else if (f.exclusion == discover::Exclusion::generated) summary.generated.add(f, t);
    if (!scope.counts(f)) continue;
    summary.counted.add(f, t);
    switch (by) {
      case GroupBy::language:
        groups[std::string(discover::language_key(f.facts.language))].add(f, t);
        break;
      case GroupBy::directory: groups[directory_key(f.path, depth)].add(f, t); break;
      case GroupBy::file: {
        Row row{f.path, &f, {}};
        row.totals.add(f, t);
        summary.rows.push_back(std::move(row));
        break;
      }
    }
  }
  for (auto& [key, totals] : groups) summary.rows.push_back({key, nullptr, totals});
  if (by == GroupBy::language) {
    // Largest language first, as cloc and tokei order them.
    std::stable_sort(summary.rows.begin(), summary.rows.end(), [](const Row& a, const Row& b) {
      return a.totals.lines.code > b.totals.lines.code;
    });
  }
  return summary;
}

}  // namespace oxidize::model
