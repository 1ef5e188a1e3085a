#pragma once
// Which hazard findings a run shows, and the count of everything it does not
// show and why: the stage between the scan and the hazard reports (as
// aggregate.hpp is for the inventory). Each finding is decided in this order,
// and counted under the first reason that holds:
//   1. its file is excluded: vendored or generated (unless included), or an
//      `[hazards] exclude` glob of oxidize.toml;
//   2. its rule is not selected (--rules / --exclude-rules);
//   3. its severity or confidence is below --min-severity / --min-confidence;
//   4. it is in the baseline (--baseline);
//   5. it is suppressed in the source (an ignore comment, docs/rules.md): counted, and
//      listed only with --show-suppressed;
//   6. otherwise it is shown.
#include <array>
#include <bitset>
#include <cstdint>
#include <map>
#include <optional>
#include <string_view>
#include <string>
#include <utility>
#include <vector>

#include "oxidize/hazards/finding.hpp"
#include "oxidize/hazards/rules.hpp"
#include "oxidize/model/scope.hpp"
#include "oxidize/model/snapshot.hpp"

namespace oxidize::model {

inline constexpr std::size_t k_rule_count = static_cast<std::size_t>(hazards::RuleId::count_);
inline constexpr std::size_t k_severity_count = 4;

// Selected rules, indexed by RuleId.
using RuleSet = std::bitset<k_rule_count>;

// The findings of a previous run, keyed by path and fingerprint (the path
// too, as GitHub code scanning does: the same flawed line copied into a new
// file is a new finding). A key that occurs twice hides two findings.
struct Baseline {
  std::map<std::pair<std::string, std::uint64_t>, std::uint32_t> keys;
  std::uint64_t size = 0;  // findings read from the file
};

struct HazardFilter {
  RuleSet rules = RuleSet().set();
  hazards::Severity min_severity = hazards::Severity::low;
  hazards::Confidence min_confidence = hazards::Confidence::medium;
  bool show_suppressed = false;
  Scope scope;  // vendored and generated files' findings, counted apart unless included
  const Baseline* baseline = nullptr;
};

struct HazardRow {
  const FileRecord* file;
  const hazards::Finding* finding;
};

struct HazardCounts {
  // Shown and not suppressed.
  std::uint64_t findings = 0;
  std::uint64_t files = 0;  // files with at least one of them
  std::array<std::uint64_t, k_severity_count> by_severity{};  // indexed by Severity
  std::array<std::uint64_t, k_rule_count> by_rule{};          // indexed by RuleId
  // Not shown (suppressed ones are listed with --show-suppressed but never
  // counted in `findings`).
  std::uint64_t suppressed = 0;
  std::uint64_t baseline_matched = 0;
  std::uint64_t below_min_severity = 0;
  std::uint64_t below_min_confidence = 0;
  std::uint64_t rule_not_selected = 0;
  std::uint64_t excluded_by_config = 0;
  std::uint64_t excluded_vendored = 0;
  std::uint64_t excluded_generated = 0;
};

struct HazardSelection {
  // Sorted by path, line, column, rule (unless sort_hazard_rows reorders
  // them); suppressed ones only with show_suppressed.
  std::vector<HazardRow> rows;
  HazardCounts counts;
  // Rows left out by --top (cut_hazard_rows); `counts` still counts them.
  std::uint64_t beyond_top = 0;
};

HazardSelection select_hazards(const Snapshot& scan, const HazardFilter& filter);

// --sort: path (the selection's own order: path, line, column, rule),
// severity (most severe first, then most confident), confidence (most
// confident first, then most severe), rule (rule id), function (the
// enclosing function's name; file scope first). Ties keep path order, so
// the result is stable.
enum class HazardSort : std::uint8_t { path, severity, confidence, rule, function };
std::optional<HazardSort> hazard_sort_from_name(std::string_view name);
void sort_hazard_rows(HazardSelection& selection, HazardSort by);
// --top N: the first N rows (0: all), the rest counted in beyond_top.
void cut_hazard_rows(HazardSelection& selection, std::size_t top);

}  // namespace oxidize::model
