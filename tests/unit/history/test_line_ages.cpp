// Line ages carried forward by hunks: every shape of hunk a zero-context
// diff produces, and the median and young share they summarise to.
#include <gtest/gtest.h>

#include "oxidize/history/line_ages.hpp"

namespace oxidize::history {
namespace {

LineAges lines(std::vector<std::uint32_t> v) { return LineAges{std::move(v), true}; }

TEST(LineAges, InsertionAfterALineAndAtTheTop) {
  auto ages = lines({0, 0, 0});
  // "@@ -2,0 +3,2 @@": two lines after old line 2.
  ASSERT_TRUE(apply_hunks(ages, std::vector<Hunk>{{2, 0, 3, 2}}, 1));
  EXPECT_EQ(ages.commit_of_line, (std::vector<std::uint32_t>{0, 0, 1, 1, 0}));
  // "@@ -0,0 +1 @@": a line before the first.
  ASSERT_TRUE(apply_hunks(ages, std::vector<Hunk>{{0, 0, 1, 1}}, 2));
  EXPECT_EQ(ages.commit_of_line, (std::vector<std::uint32_t>{2, 0, 0, 1, 1, 0}));
}

TEST(LineAges, DeletionReplacementAndSeveralHunksInOneCommit) {
  auto ages = lines({0, 1, 2, 3, 4, 5, 6});
  // Delete old line 2; replace old lines 4-5 by three lines; append after old line 7.
  const std::vector<Hunk> hunks = {{2, 1, 1, 0}, {4, 2, 3, 3}, {7, 0, 9, 1}};
  ASSERT_TRUE(apply_hunks(ages, hunks, 9));
  EXPECT_EQ(ages.commit_of_line, (std::vector<std::uint32_t>{0, 2, 9, 9, 9, 5, 6, 9}));
}

TEST(LineAges, AHunkThatDoesNotFitMarksTheAgesUnknown) {
  auto ages = lines({0, 0});
  EXPECT_FALSE(apply_hunks(ages, std::vector<Hunk>{{2, 5, 2, 0}}, 1));
  EXPECT_FALSE(ages.known);
  EXPECT_TRUE(ages.commit_of_line.empty());
  // Once unknown, stays unknown.
  EXPECT_FALSE(apply_hunks(ages, std::vector<Hunk>{{0, 0, 1, 1}}, 2));
}

struct Commit {
  model::GitTime author_time;
};

TEST(LineAges, MedianAndYoungShareFromNow) {
  const model::GitTime day = model::k_seconds_per_day;
  const std::vector<Commit> commits = {{0}, {1000 * day}, {1300 * day}};
  const model::GitTime now = 1400 * day;
  // Ages 1400, 400, 100, 100 days: median (400 + 100) / 2, one of four older than a year... three younger.
  const std::vector<std::uint32_t> of_line = {0, 1, 2, 2};
  const auto facts = summarize_ages(std::span<const std::uint32_t>(of_line), commits, now);
  EXPECT_EQ(facts.lines, 4u);
  EXPECT_DOUBLE_EQ(facts.median_age_days, 250.0);
  EXPECT_DOUBLE_EQ(facts.young_share, 0.5);
  // Odd count: the middle value.
  const std::vector<std::uint32_t> three = {0, 1, 2};
  EXPECT_DOUBLE_EQ(summarize_ages(std::span<const std::uint32_t>(three), commits, now).median_age_days, 400.0);
  // A commit after "now" (a --now in the past) has age zero, not a negative one.
  EXPECT_DOUBLE_EQ(summarize_ages(std::span<const std::uint32_t>(three), commits, 0).median_age_days, 0.0);
  // No lines: no age.
  EXPECT_EQ(summarize_ages(std::span<const std::uint32_t>(), commits, now).median_age_days, -1);
}

}  // namespace
}  // namespace oxidize::history
