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

}  // namespace
}  // namespace oxidize::model
