#include "oxidize/model/hazard_selection.hpp"

#include <algorithm>
#include <tuple>

namespace oxidize::model {

HazardSelection select_hazards(const Snapshot& scan, const HazardFilter& filter) {
  HazardSelection out;
  HazardCounts& n = out.counts;
  // Each baseline key hides as many findings as it occurred in the baseline.
  std::map<std::pair<std::string, std::uint64_t>, std::uint32_t> unmatched;
  if (filter.baseline != nullptr) unmatched = filter.baseline->keys;

  for (const auto& file : scan.files) {
    const auto& findings = file.facts.hazards;
    if (findings.empty()) continue;
    if (!filter.scope.counts(file)) {
      (file.exclusion == discover::Exclusion::vendored ? n.excluded_vendored : n.excluded_generated) += findings.size();
      continue;
    }
    if (file.hazards_excluded) {
      n.excluded_by_config += findings.size();
      continue;
    }
    // Findings arrive in (line, column, rule) order; sorted here anyway so
    // that every report's order is a documented promise, not a coincidence.
    std::vector<const hazards::Finding*> sorted;
    sorted.reserve(findings.size());
    for (const auto& f : findings) sorted.push_back(&f);
    std::stable_sort(sorted.begin(), sorted.end(), [](const hazards::Finding* a, const hazards::Finding* b) {
      return std::tie(a->line, a->column, a->rule) < std::tie(b->line, b->column, b->rule);
    });

    bool file_counted = false;
    for (const hazards::Finding* f : sorted) {
      const auto rule = static_cast<std::size_t>(f->rule);
      if (rule >= k_rule_count || !filter.rules.test(rule)) {
        ++n.rule_not_selected;
        continue;
      }
      const hazards::Severity severity = f->rule_info().severity;
      if (severity < filter.min_severity) {
        ++n.below_min_severity;
        continue;
      }
      if (f->confidence < filter.min_confidence) {
        ++n.below_min_confidence;
        continue;
      }
      if (!unmatched.empty()) {
        const auto it = unmatched.find({file.path, f->fingerprint});
        if (it != unmatched.end()) {
          ++n.baseline_matched;
          if (--it->second == 0) unmatched.erase(it);
          continue;
        }
      }
      if (f->suppressed) {
        ++n.suppressed;
        if (filter.show_suppressed) out.rows.push_back({&file, f});
        continue;
      }
      ++n.findings;
      ++n.by_severity[static_cast<std::size_t>(severity)];
      ++n.by_rule[rule];
      if (!file_counted) {
        ++n.files;
        file_counted = true;
      }
      out.rows.push_back({&file, f});
    }
  }
  return out;
}

std::optional<HazardSort> hazard_sort_from_name(std::string_view name) {
  if (name == "path") return HazardSort::path;
  if (name == "severity") return HazardSort::severity;
  if (name == "confidence") return HazardSort::confidence;
  if (name == "rule") return HazardSort::rule;
  if (name == "function") return HazardSort::function;
  return std::nullopt;
}

void sort_hazard_rows(HazardSelection& selection, HazardSort by) {
  const auto severity = [](const HazardRow& r) { return r.finding->rule_info().severity; };
  auto& rows = selection.rows;
  switch (by) {
    case HazardSort::path: return;  // the order select_hazards gives
    case HazardSort::severity:
      std::stable_sort(rows.begin(), rows.end(), [&](const HazardRow& a, const HazardRow& b) {
        return std::pair(severity(b), b.finding->confidence) < std::pair(severity(a), a.finding->confidence);
      });
      return;
    case HazardSort::confidence:
      std::stable_sort(rows.begin(), rows.end(), [&](const HazardRow& a, const HazardRow& b) {
        return std::pair(b.finding->confidence, severity(b)) < std::pair(a.finding->confidence, severity(a));
      });
      return;
    case HazardSort::rule:
      std::stable_sort(rows.begin(), rows.end(),
                       [](const HazardRow& a, const HazardRow& b) { return a.finding->rule < b.finding->rule; });
      return;
    case HazardSort::function:
      std::stable_sort(rows.begin(), rows.end(), [](const HazardRow& a, const HazardRow& b) {
        return a.finding->function < b.finding->function;
      });
      return;
  }
}

void cut_hazard_rows(HazardSelection& selection, std::size_t top) {
  if (top == 0 || selection.rows.size() <= top) return;
  selection.beyond_top += selection.rows.size() - top;
  selection.rows.resize(top);
}

}  // namespace oxidize::model
