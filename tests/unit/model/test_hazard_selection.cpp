#include "oxidize/model/hazard_selection.hpp"

#include <gtest/gtest.h>

#include "../report/hazard_fixture.hpp"

namespace oxidize::model {
namespace {

using hazards::RuleId;

std::size_t idx(RuleId r) { return static_cast<std::size_t>(r); }

TEST(HazardSelection, DefaultsShowMediumAndHighConfidenceAndCountTheRest) {
  const Snapshot scan = test::hazard_scan();
  const HazardSelection sel = select_hazards(scan, {});
  ASSERT_EQ(sel.rows.size(), 3u);
  // Path order, then line order.
  EXPECT_EQ(sel.rows[0].file->path, test::k_hostile_path);
  EXPECT_EQ(sel.rows[1].finding->line, 5u);
  EXPECT_EQ(sel.rows[2].finding->line, 12u);
  const HazardCounts& n = sel.counts;
  EXPECT_EQ(n.findings, 3u);
  EXPECT_EQ(n.files, 2u);
  EXPECT_EQ(n.by_severity[static_cast<std::size_t>(hazards::Severity::critical)], 2u);
  EXPECT_EQ(n.by_severity[static_cast<std::size_t>(hazards::Severity::high)], 1u);
  EXPECT_EQ(n.by_rule[idx(RuleId::gets_call)], 2u);
  EXPECT_EQ(n.by_rule[idx(RuleId::strcpy_unbounded)], 1u);
  EXPECT_EQ(n.suppressed, 1u);
  EXPECT_EQ(n.below_min_confidence, 1u);
  EXPECT_EQ(n.excluded_by_config, 1u);
  EXPECT_EQ(n.excluded_vendored, 1u);
  EXPECT_EQ(n.excluded_generated, 0u);
}

TEST(HazardSelection, SuppressedAreListedOnlyWhenAskedAndNeverCountedAsFindings) {
  const Snapshot scan = test::hazard_scan();
  HazardFilter filter;
  filter.show_suppressed = true;
  filter.scope.include_vendored = true;
  filter.min_confidence = hazards::Confidence::low;
  const HazardSelection sel = select_hazards(scan, filter);
  ASSERT_EQ(sel.rows.size(), 6u);
  EXPECT_TRUE(sel.rows[4].finding->suppressed);
  EXPECT_EQ(sel.rows[5].file->path, "third_party/z.c");
  EXPECT_EQ(sel.counts.findings, 5u);
  EXPECT_EQ(sel.counts.suppressed, 1u);
  EXPECT_EQ(sel.counts.below_min_confidence, 0u);
}

TEST(HazardSelection, RulesSeverityAndBaseline) {
  const Snapshot scan = test::hazard_scan();
  HazardFilter filter;
  filter.rules.reset(idx(RuleId::gets_call));
  HazardSelection sel = select_hazards(scan, filter);
  EXPECT_EQ(sel.counts.findings, 1u);
  EXPECT_EQ(sel.counts.rule_not_selected, 2u);

  filter = {};
  filter.min_severity = hazards::Severity::critical;
  sel = select_hazards(scan, filter);
  EXPECT_EQ(sel.counts.findings, 2u);
  EXPECT_EQ(sel.counts.below_min_severity, 3u);  // the strcpy pair and the strncpy

  // The baseline matches by path and fingerprint: the same fingerprint in
  // another file is a new finding.
  Baseline baseline;
  baseline.keys[{"src/a.c", 0x3333}] = 1;
  baseline.keys[{"src/other.c", 0x1111}] = 1;
  filter = {};
  filter.baseline = &baseline;
  sel = select_hazards(scan, filter);
  EXPECT_EQ(sel.counts.baseline_matched, 1u);
  EXPECT_EQ(sel.counts.findings, 2u);
  for (const auto& row : sel.rows) EXPECT_NE(row.finding->fingerprint, 0x3333u);
}

// (path, line) of the rows, in order.
std::vector<std::pair<std::string, std::uint32_t>> places(const HazardSelection& sel) {
  std::vector<std::pair<std::string, std::uint32_t>> out;
  for (const auto& row : sel.rows) out.emplace_back(row.file->path, row.finding->line);
  return out;
}

TEST(HazardSelection, SortKeysAndTop) {
  const Snapshot scan = test::hazard_scan();
  HazardFilter filter;
  filter.min_confidence = hazards::Confidence::low;
  filter.show_suppressed = true;
  const HazardSelection base = select_hazards(scan, filter);
  // Path order: the hostile path ("dir/...") first, then src/a.c by line.
  const std::vector<std::pair<std::string, std::uint32_t>> by_path = {
      {test::k_hostile_path, 3}, {"src/a.c", 5}, {"src/a.c", 7}, {"src/a.c", 12}, {"src/a.c", 20}};
  ASSERT_EQ(places(base), by_path);

  HazardSelection sel = base;
  sort_hazard_rows(sel, HazardSort::path);
  EXPECT_EQ(places(sel), by_path);
  // Severity: the two gets (critical) first in path order, then strcpy
  // (high) by confidence, then strncpy.
  sort_hazard_rows(sel, HazardSort::severity);
  EXPECT_EQ(places(sel), (std::vector<std::pair<std::string, std::uint32_t>>{
                             {test::k_hostile_path, 3}, {"src/a.c", 12}, {"src/a.c", 5}, {"src/a.c", 20}, {"src/a.c", 7}}));
  // Confidence: high (the gets), then medium (strcpy), then low (strncpy).
  sel = base;
  sort_hazard_rows(sel, HazardSort::confidence);
  EXPECT_EQ(places(sel), (std::vector<std::pair<std::string, std::uint32_t>>{
                             {test::k_hostile_path, 3}, {"src/a.c", 12}, {"src/a.c", 5}, {"src/a.c", 20}, {"src/a.c", 7}}));
  // Rule id: OXI-C0001 strcpy, OXI-C0004 gets, OXI-C0006 strncpy.
  sel = base;
  sort_hazard_rows(sel, HazardSort::rule);
  EXPECT_EQ(places(sel), (std::vector<std::pair<std::string, std::uint32_t>>{
                             {"src/a.c", 5}, {"src/a.c", 20}, {test::k_hostile_path, 3}, {"src/a.c", 12}, {"src/a.c", 7}}));
  // Function name: copy, copy, f..::g, main, main.
  sel = base;
  sort_hazard_rows(sel, HazardSort::function);
  EXPECT_EQ(places(sel), (std::vector<std::pair<std::string, std::uint32_t>>{
                             {"src/a.c", 5}, {"src/a.c", 7}, {test::k_hostile_path, 3}, {"src/a.c", 12}, {"src/a.c", 20}}));

  cut_hazard_rows(sel, 2);
  EXPECT_EQ(sel.rows.size(), 2u);
  EXPECT_EQ(sel.beyond_top, 3u);
  EXPECT_EQ(sel.counts.findings, base.counts.findings);  // counts are of the whole selection
  cut_hazard_rows(sel, 0);                                 // 0: all
  EXPECT_EQ(sel.rows.size(), 2u);
  EXPECT_EQ(hazard_sort_from_name("severity"), HazardSort::severity);
  EXPECT_EQ(hazard_sort_from_name("size"), std::nullopt);
}

}  // namespace
}  // namespace oxidize::model
