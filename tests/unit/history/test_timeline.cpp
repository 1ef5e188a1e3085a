// The timeline's builder: which commits are points (a pure function of the
// first-parent chain), and the counts of a real repository's history, with
// what each point costs (blobs analysed once, unchanged folders not listed).
#include "oxidize/history/timeline.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "../support/temp_tree.hpp"
#include "oxidize/util/date.hpp"

namespace oxidize::history {
namespace {

using model::GitTime;
using model::TimelineEvery;

GitTime day(const char* date, GitTime seconds = 12 * 3600) { return *util::parse_date(date) + seconds; }

// A chain, tip first, from commit times oldest first.
std::vector<ChainCommit> chain_of(std::initializer_list<GitTime> oldest_first) {
  std::vector<ChainCommit> chain;
  for (const GitTime t : oldest_first) {
    ChainCommit c;
    c.id[0] = static_cast<unsigned char>(chain.size());
    c.time = t;
    chain.insert(chain.begin(), c);
  }
  return chain;
}

const std::vector<ChainCommit> k_chain =
    chain_of({day("2024-01-10"), day("2024-02-10"), day("2024-03-10"), day("2024-05-10"), day("2024-06-10")});
// Indices into k_chain (tip first): 4 is 01-10, 0 is 06-10.

TEST(SelectPoints, MonthsTakeTheLastCommitBeforeEachFirstDayAndTheLastCommit) {
  const TimelineEvery month{TimelineEvery::Kind::month, 0};
  // 01-01: nothing yet; 02-01: 01-10; 03-01: 02-10; 04-01 and 05-01: 03-10; 06-01: 05-10; now: 06-10.
  EXPECT_EQ(select_points(k_chain, month, day("2024-01-01", 0), day("2024-06-10")),
            (std::vector<std::size_t>{4, 3, 2, 1, 0}));
  // A first day is a boundary when the window starts exactly on it: 03-01 picks 02-10.
  EXPECT_EQ(select_points(k_chain, month, day("2024-03-01", 0), day("2024-06-10")),
            (std::vector<std::size_t>{3, 2, 1, 0}));
  EXPECT_EQ(select_points(k_chain, month, day("2024-03-01", 1), day("2024-06-10")),
            (std::vector<std::size_t>{2, 1, 0}));
  // "Now" in the past ends the timeline there.
  EXPECT_EQ(select_points(k_chain, month, day("2024-01-01", 0), day("2024-04-15")),
            (std::vector<std::size_t>{4, 3, 2}));
  // Before the first commit there is nothing.
  EXPECT_TRUE(select_points(k_chain, month, std::nullopt, day("2023-12-31")).empty());
  EXPECT_TRUE(select_points({}, month, std::nullopt, day("2023-12-31")).empty());
}

TEST(SelectPoints, QuartersStartInJanuaryAprilJulyAndOctober) {
  const TimelineEvery quarter{TimelineEvery::Kind::quarter, 0};
  // All history: from 01-10, the first quarter day is 04-01 (03-10), then the last commit.
  EXPECT_EQ(select_points(k_chain, quarter, std::nullopt, day("2024-06-10")), (std::vector<std::size_t>{2, 0}));
  // Until 2024-12-31: 07-01 and 10-01 both pick 06-10, once.
  EXPECT_EQ(select_points(k_chain, quarter, std::nullopt, day("2024-12-31")), (std::vector<std::size_t>{2, 0}));
}

TEST(SelectPoints, EveryNCommitsCountsFromTheRoot) {
  const TimelineEvery two{TimelineEvery::Kind::commits, 2};
  EXPECT_EQ(select_points(k_chain, two, std::nullopt, day("2024-06-10")), (std::vector<std::size_t>{4, 2, 0}));
  // The window applies; the last commit is always a point.
  EXPECT_EQ(select_points(k_chain, two, day("2024-03-01", 0), day("2024-06-10")), (std::vector<std::size_t>{2, 0}));
  const TimelineEvery three{TimelineEvery::Kind::commits, 3};
  EXPECT_EQ(select_points(k_chain, three, std::nullopt, day("2024-06-10")), (std::vector<std::size_t>{4, 1, 0}));
}

TEST(SelectPoints, CommitTimesOutOfOrderAndTies) {
  // A commit near the tip dated before its parent (a skewed clock): a
  // boundary takes the latest time at or before it, wherever it sits.
  const auto skewed = chain_of({day("2024-01-10"), day("2024-03-10"), day("2024-02-10"), day("2024-06-10")});
  const TimelineEvery month{TimelineEvery::Kind::month, 0};
  // 02-01: 01-10 (index 3); 03-01: the skewed 02-10 (index 1); 04-01..06-01: 03-10 (index 2); now: index 0.
  EXPECT_EQ(select_points(skewed, month, day("2024-02-01", 0), day("2024-06-10")),
            (std::vector<std::size_t>{3, 1, 2, 0}));
  // Equal times: the commit nearer the tip.
  const auto tied = chain_of({day("2024-01-10"), day("2024-01-10"), day("2024-01-10")});
  EXPECT_EQ(select_points(tied, month, std::nullopt, day("2024-01-10")), (std::vector<std::size_t>{0}));
}

// A repository whose commits are dated: C, then Rust added, then the C changed.
class TimelineRepository : public ::testing::Test {
 protected:
  void commit(const char* date) {
    ::setenv("GIT_AUTHOR_DATE", date, 1);
    ::setenv("GIT_COMMITTER_DATE", date, 1);
    tree.git("add -A");
    tree.git("commit -q -m change");
    ::unsetenv("GIT_AUTHOR_DATE");
    ::unsetenv("GIT_COMMITTER_DATE");
  }
  void SetUp() override {
    tree.git("init -q");
    tree.write("a.c", "int a(void) {\n  return 1;\n}\n");
    tree.write("lib/b.h", "int b;\n");
    tree.write("vendor/v.c", "int v;\nint w;\n");
    tree.write("same.c", "int a(void) {\n  return 1;\n}\n");  // a.c's bytes at another path
    commit("2024-01-10T12:00:00Z");
    tree.write("src/x.rs", "fn x() {}\nfn y() {}\n");
    commit("2024-02-10T12:00:00Z");
    tree.write("a.c", "int a(void) {\n  char b[4];\n  strcpy(b, \"hello\");\n  return 1;\n}\n");
    commit("2024-03-10T12:00:00Z");
  }
  TimelineOptions options() const {
    TimelineOptions o;
    o.repository = tree.path();
    o.every = {TimelineEvery::Kind::commits, 1};
    o.since_all = true;
    o.threads = 2;
    return o;
  }
  testing::TempTree tree;
};

TEST_F(TimelineRepository, CountsEachPointAndAnalysesEachBlobOnce) {
  const auto built = build_timeline(options(), {});
  ASSERT_TRUE(built.has_value()) << built.error();
  const model::Timeline& t = built->timeline;
  ASSERT_EQ(t.points.size(), 3u);
  EXPECT_EQ(t.info.head, t.points.back().commit);
  EXPECT_EQ(t.info.now, day("2024-03-10"));
  EXPECT_FALSE(t.info.since.has_value());
  EXPECT_EQ(t.info.chain_commits, 3u);
  EXPECT_EQ(util::format_date(t.points[0].time), "2024-01-10");
  const auto c = static_cast<std::size_t>(discover::Language::c);
  const auto h = static_cast<std::size_t>(discover::Language::c_header);
  const auto rs = static_cast<std::size_t>(discover::Language::rust);
  // The vendored file is left out.
  EXPECT_EQ(t.points[0].counts.code_lines[c], 6u);
  EXPECT_EQ(t.points[0].counts.code_lines[h], 1u);
  EXPECT_EQ(t.points[0].counts.files, 3u);
  EXPECT_EQ(t.points[0].memory_safe_share(), 0.0);
  EXPECT_EQ(t.points[1].counts.code_lines[rs], 2u);
  EXPECT_EQ(t.points[1].memory_safe_share(), 2.0 / 9.0);
  EXPECT_EQ(t.points[1].counts.hazards, 0u);
  EXPECT_EQ(t.points[2].counts.code_lines[c], 8u);
  EXPECT_EQ(t.points[2].counts.hazards, 1u);  // strcpy into a 4-byte buffer
  // Blobs: a.c (= same.c), b.h, v.c; then x.rs; then the new a.c.
  EXPECT_EQ(built->stats.blobs_analysed, 5u);
  EXPECT_EQ(built->stats.blobs_from_cache, 0u);
  // Folders: the first tree whole (root, lib, vendor); then the root and src
  // (lib and vendor known); then the root (src, lib, vendor known).
  EXPECT_EQ(built->stats.folders_listed, 3u + 2u + 1u);
  EXPECT_EQ(built->stats.folders_reused, 2u + 3u);
  EXPECT_TRUE(t.warnings.empty());

  TimelineOptions all = options();
  all.scope.include_vendored = true;
  const auto with_vendored = build_timeline(all, {});
  ASSERT_TRUE(with_vendored.has_value());
  EXPECT_EQ(with_vendored->timeline.points[0].counts.code_lines[c], 8u);
}

TEST_F(TimelineRepository, TheCacheServesASecondRun) {
  cache::AnalysisCache cache(0);
  TimelineOptions o = options();
  o.cache = &cache;
  const auto first = build_timeline(o, {});
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->stats.blobs_analysed, 5u);
  const auto second = build_timeline(o, {});
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->stats.blobs_analysed, 0u);
  EXPECT_EQ(second->stats.blobs_from_cache, 5u);
  EXPECT_EQ(second->timeline.points, first->timeline.points);
}

TEST_F(TimelineRepository, WindowsRevisionsAndErrors) {
  TimelineOptions o = options();
  o.every = {TimelineEvery::Kind::month, 0};
  o.since_all = false;  // 24 months before the head's date
  o.now = day("2024-02-28");
  auto built = build_timeline(o, {});
  ASSERT_TRUE(built.has_value()) << built.error();
  // 02-01 picks the first commit; "now" the second.
  ASSERT_EQ(built->timeline.points.size(), 2u);
  EXPECT_EQ(built->timeline.info.since, util::add_months(day("2024-02-28"), -24));
  o.revision = "HEAD~2";
  o.now.reset();
  built = build_timeline(o, {});
  ASSERT_TRUE(built.has_value());
  ASSERT_EQ(built->timeline.points.size(), 1u);
  EXPECT_EQ(built->timeline.info.revision, "HEAD~2");

  o.revision = "no-such-branch";
  EXPECT_NE(build_timeline(o, {}).error().find("unknown revision 'no-such-branch'"), std::string::npos);
  o.revision.clear();
  o.now = day("2023-01-01");
  EXPECT_NE(build_timeline(o, {}).error().find("no commit of 'HEAD' at or before 2023-01-01"), std::string::npos);

  const testing::TempTree plain;
  o.repository = plain.path();
  EXPECT_EQ(build_timeline(o, {}).error(), plain.path() + ": not in a git repository (history needs git)");
  plain.git("init -q");
  EXPECT_NE(build_timeline(o, {}).error().find("has no commits yet (branch 'main' is unborn)"), std::string::npos);
}

}  // namespace
}  // namespace oxidize::history
