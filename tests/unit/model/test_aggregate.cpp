#include "oxidize/model/aggregate.hpp"

#include <gtest/gtest.h>

namespace oxidize::model {
namespace {

FileRecord record(std::string path, discover::Language lang, std::uint64_t code,
                  discover::Exclusion excl = discover::Exclusion::none) {
  FileRecord r;
  r.path = std::move(path);
  r.facts.language = lang;
  r.facts.lines.code = code;
  r.facts.bytes = code * 10;
  r.exclusion = excl;
  return r;
}

TEST(Aggregate, DirectoryKeys) {
  EXPECT_EQ(directory_key("a.c", 0), ".");
  EXPECT_EQ(directory_key("a/b/c.c", 0), "a/b");
  EXPECT_EQ(directory_key("a/b/c.c", 1), "a");
  EXPECT_EQ(directory_key("a/b/c.c", 2), "a/b");
  EXPECT_EQ(directory_key("a/b/c.c", 5), "a/b");
}

TEST(Aggregate, ByLanguageLargestFirstAndExclusionsApart) {
  Snapshot scan;
  scan.files = {record("a.c", discover::Language::c, 10), record("b.rs", discover::Language::rust, 30),
                record("v/z.c", discover::Language::c, 100, discover::Exclusion::vendored),
                record("g.c", discover::Language::c, 7, discover::Exclusion::generated)};
  const Summary s = summarize(scan, GroupBy::language, 0, Scope{});
  ASSERT_EQ(s.rows.size(), 2u);
  EXPECT_EQ(s.rows[0].key, "rust");
  EXPECT_EQ(s.rows[1].key, "c");
  EXPECT_EQ(s.counted.lines.code, 40u);
  EXPECT_EQ(s.vendored.files, 1u);
  EXPECT_EQ(s.vendored.lines.code, 100u);
  EXPECT_EQ(s.generated.lines.code, 7u);

  const Summary all = summarize(scan, GroupBy::language, 0, Scope{true, true});
  EXPECT_EQ(all.counted.lines.code, 147u);
  EXPECT_EQ(all.counted.files, 4u);
}

TEST(Aggregate, ByDirectoryAndByFile) {
  Snapshot scan;
  scan.files = {record("src/a/x.c", discover::Language::c, 1), record("src/b/y.c", discover::Language::c, 2),
                record("top.c", discover::Language::c, 4)};
  const Summary dirs = summarize(scan, GroupBy::directory, 1, Scope{});
  ASSERT_EQ(dirs.rows.size(), 2u);
  EXPECT_EQ(dirs.rows[0].key, ".");
  EXPECT_EQ(dirs.rows[1].key, "src");
  EXPECT_EQ(dirs.rows[1].totals.lines.code, 3u);
  const Summary files = summarize(scan, GroupBy::file, 0, Scope{});
  ASSERT_EQ(files.rows.size(), 3u);
  EXPECT_EQ(files.rows[2].file->path, "top.c");
}

TEST(Aggregate, HazardsCountedAsOxidizeHazardsShowsThemByDefault) {
  const auto add = [](FileRecord& r, hazards::RuleId rule, hazards::Confidence c, bool suppressed = false) {
    hazards::Finding f;
    f.rule = rule;
    f.confidence = c;
    f.suppressed = suppressed;
    r.facts.hazards.push_back(f);
  };
  Snapshot scan;
  scan.files = {record("a.c", discover::Language::c, 1), record("b.c", discover::Language::c, 1),
                record("v/z.c", discover::Language::c, 1, discover::Exclusion::vendored)};
  add(scan.files[0], hazards::RuleId::gets_call, hazards::Confidence::high);
  add(scan.files[0], hazards::RuleId::strcpy_unbounded, hazards::Confidence::medium);
  add(scan.files[0], hazards::RuleId::strn_error_prone, hazards::Confidence::low);  // not counted
  add(scan.files[0], hazards::RuleId::strcpy_unbounded, hazards::Confidence::medium, true);
  add(scan.files[1], hazards::RuleId::gets_call, hazards::Confidence::high);
  scan.files[1].hazards_excluded = true;  // by oxidize.toml
  add(scan.files[2], hazards::RuleId::gets_call, hazards::Confidence::high);
  const Summary s = summarize(scan, GroupBy::language, 0, Scope{});
  EXPECT_EQ(s.counted.hazards.findings, 2u);
  EXPECT_EQ(s.counted.hazards.by_severity[static_cast<std::size_t>(hazards::Severity::critical)], 1u);
  EXPECT_EQ(s.counted.hazards.by_severity[static_cast<std::size_t>(hazards::Severity::high)], 1u);
  EXPECT_EQ(s.counted.hazards.suppressed, 1u);
  EXPECT_EQ(s.vendored.hazards.findings, 1u);
}

}  // namespace
}  // namespace oxidize::model
