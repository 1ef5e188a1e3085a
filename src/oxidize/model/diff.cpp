#include "oxidize/model/diff.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <string_view>
#include <tuple>
#include <utility>

namespace oxidize::model {

namespace {

bool in_scope(const FileRecord& f, const DiffOptions& o) { return o.scope.counts(f); }

bool counts_as_hazard(const FileRecord& f, const hazards::Finding& h, const DiffOptions& o) {
  return !f.hazards_excluded && !h.suppressed && h.confidence >= o.min_confidence;
}

std::vector<const FileRecord*> scoped(const Snapshot& s, const DiffOptions& o) {
  std::vector<const FileRecord*> out;
  out.reserve(s.files.size());
  for (const auto& f : s.files)
    if (in_scope(f, o)) out.push_back(&f);
  // Snapshots are sorted by path; sorted again so the merge below is right for any input.
  std::stable_sort(out.begin(), out.end(), [](const FileRecord* a, const FileRecord* b) { return a->path < b->path; });
  return out;
}

void count_lines(SnapshotDiff& d, const std::vector<const FileRecord*>& files, bool after) {
  for (const FileRecord* f : files) {
    LanguageLines& row = d.languages[static_cast<std::size_t>(f->facts.language)];
    (after ? row.files_after : row.files_before) += 1;
    (after ? row.code_after : row.code_before) += f->facts.lines.code;
    (after ? d.functions_after : d.functions_before) += f->facts.functions.size();
  }
}

// Functions of one path on both sides, matched by name in file order.
void diff_functions(SnapshotDiff& d, const FileRecord& before, const FileRecord& after) {
  const auto& a = before.facts.functions;
  const auto& b = after.facts.functions;
  std::map<std::string_view, std::vector<const parse::FunctionFacts*>> unmatched;
  for (const auto& fn : a) unmatched[fn.name].push_back(&fn);
  for (auto& [name, list] : unmatched) std::reverse(list.begin(), list.end());  // pop_back takes the first
  for (const auto& fn : b) {
    const auto it = unmatched.find(fn.name);
    if (it == unmatched.end() || it->second.empty()) {
      ++d.functions_added;
      continue;
    }
    const parse::FunctionFacts* old = it->second.back();
    it->second.pop_back();
    if (old->ccn != fn.ccn)
      d.functions_changed.push_back({after.path, fn.name, fn.start_line, old->ccn, fn.ccn, old->nloc, fn.nloc});
  }
  for (const auto& [name, list] : unmatched) d.functions_removed += list.size();
}

using HazardKey = std::pair<std::string_view, std::uint64_t>;

std::map<HazardKey, std::uint32_t> hazard_keys(const std::vector<const FileRecord*>& files, const DiffOptions& o,
                                               std::uint64_t& total) {
  std::map<HazardKey, std::uint32_t> keys;
  for (const FileRecord* f : files)
    for (const auto& h : f->facts.hazards)
      if (counts_as_hazard(*f, h, o)) {
        ++keys[{f->path, h.fingerprint}];
        ++total;
      }
  return keys;
}

// The findings of `files` that `other` does not account for, key by key.
std::vector<HazardChange> unmatched_hazards(const std::vector<const FileRecord*>& files,
                                            std::map<HazardKey, std::uint32_t> other, const DiffOptions& o) {
  std::vector<HazardChange> out;
  for (const FileRecord* f : files)
    for (const auto& h : f->facts.hazards) {
      if (!counts_as_hazard(*f, h, o)) continue;
      const auto it = other.find({f->path, h.fingerprint});
      if (it != other.end() && it->second > 0) {
        --it->second;
        continue;
      }
      out.push_back({f->path, h});
    }
  std::stable_sort(out.begin(), out.end(), [](const HazardChange& x, const HazardChange& y) {
    return std::tie(x.path, x.finding.line, x.finding.column, x.finding.rule) <
           std::tie(y.path, y.finding.line, y.finding.column, y.finding.rule);
  });
  return out;
}

}  // namespace

SnapshotDiff diff_snapshots(const Snapshot& before, const Snapshot& after, const DiffOptions& options) {
  SnapshotDiff d;
  d.before = before.info;
  d.after = after.info;
  d.options = options;
  const auto a = scoped(before, options);
  const auto b = scoped(after, options);

  d.languages.resize(discover::k_all_languages.size());
  for (const auto lang : discover::k_all_languages) d.languages[static_cast<std::size_t>(lang)].language = lang;
  count_lines(d, a, false);
  count_lines(d, b, true);
  for (const auto& row : d.languages) {
    d.total.files_before += row.files_before;
    d.total.files_after += row.files_after;
    d.total.code_before += row.code_before;
    d.total.code_after += row.code_after;
  }
  std::erase_if(d.languages, [](const LanguageLines& r) { return r.files_before == 0 && r.files_after == 0; });

  // Merge by path.
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && a[i]->path < b[j]->path)) {
      const FileRecord& f = *a[i++];
      d.files.push_back({FileChangeKind::removed, f.path, f.facts.language, f.facts.lines.code, 0});
      d.functions_removed += f.facts.functions.size();
      ++d.files_removed;
    } else if (i == a.size() || b[j]->path < a[i]->path) {
      const FileRecord& f = *b[j++];
      d.files.push_back({FileChangeKind::added, f.path, f.facts.language, 0, f.facts.lines.code});
      d.functions_added += f.facts.functions.size();
      ++d.files_added;
    } else {
      const FileRecord& x = *a[i++];
      const FileRecord& y = *b[j++];
      if (x.facts.hash != y.facts.hash) {
        d.files.push_back({FileChangeKind::changed, y.path, y.facts.language, x.facts.lines.code, y.facts.lines.code});
        ++d.files_changed;
      } else {
        ++d.files_unchanged;
      }
      // Same bytes may still differ in facts (two oxidize versions): compared anyway.
      diff_functions(d, x, y);
    }
  }
  std::stable_sort(d.functions_changed.begin(), d.functions_changed.end(),
                   [](const FunctionChange& x, const FunctionChange& y) {
                     const auto dx = std::abs(x.ccn_delta()), dy = std::abs(y.ccn_delta());
                     if (dx != dy) return dx > dy;
                     return std::tie(x.path, x.name) < std::tie(y.path, y.name);
                   });

  d.hazards_new = unmatched_hazards(b, hazard_keys(a, options, d.hazards_before), options);
  d.hazards_fixed = unmatched_hazards(a, hazard_keys(b, options, d.hazards_after), options);
  return d;
}

}  // namespace oxidize::model
