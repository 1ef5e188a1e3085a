#include "oxidize/model/diff.hpp"

#include <gtest/gtest.h>

namespace oxidize::model {
namespace {

using discover::Language;

parse::FunctionFacts fn(std::string name, std::uint32_t ccn, std::uint32_t line = 1, std::uint32_t nloc = 5) {
  parse::FunctionFacts f;
  f.name = std::move(name);
  f.ccn = ccn;
  f.start_line = line;
  f.nloc = nloc;
  return f;
}

hazards::Finding finding(std::uint64_t fingerprint, std::uint32_t line,
                         hazards::Confidence confidence = hazards::Confidence::high) {
  hazards::Finding h;
  h.rule = hazards::RuleId::strcpy_unbounded;
  h.line = line;
  h.column = 1;
  h.confidence = confidence;
  h.fingerprint = fingerprint;
  return h;
}

FileRecord file(std::string path, Language lang, std::uint64_t hash, std::uint64_t code,
                std::vector<parse::FunctionFacts> functions = {}, std::vector<hazards::Finding> findings = {}) {
  FileRecord r;
  r.path = std::move(path);
  r.facts.language = lang;
  r.facts.hash = hash;
  r.facts.lines.code = code;
  r.facts.functions = std::move(functions);
  r.facts.hazards = std::move(findings);
  return r;
}

Snapshot snapshot(std::int64_t id, std::vector<FileRecord> files) {
  Snapshot s;
  s.info.id = id;
  s.files = std::move(files);
  return s;
}

TEST(Diff, FilesAddedRemovedChangedByHash) {
  const Snapshot a = snapshot(1, {file("a.c", Language::c, 1, 10), file("b.c", Language::c, 2, 20),
                                  file("c.rs", Language::rust, 3, 30)});
  const Snapshot b = snapshot(2, {file("a.c", Language::c, 1, 10), file("b.c", Language::c, 9, 25),
                                  file("d.h", Language::cpp_header, 4, 40)});
  const SnapshotDiff d = diff_snapshots(a, b);
  EXPECT_EQ(d.before.id, 1);
  EXPECT_EQ(d.after.id, 2);
  ASSERT_EQ(d.files.size(), 3u);
  EXPECT_EQ(d.files[0].path, "b.c");
  EXPECT_EQ(d.files[0].kind, FileChangeKind::changed);
  EXPECT_EQ(d.files[0].code_before, 20u);
  EXPECT_EQ(d.files[0].code_after, 25u);
  EXPECT_EQ(d.files[1].path, "c.rs");
  EXPECT_EQ(d.files[1].kind, FileChangeKind::removed);
  EXPECT_EQ(d.files[2].path, "d.h");
  EXPECT_EQ(d.files[2].kind, FileChangeKind::added);
  EXPECT_EQ(d.files[2].language, Language::cpp_header);
  EXPECT_EQ(d.files_added, 1u);
  EXPECT_EQ(d.files_removed, 1u);
  EXPECT_EQ(d.files_changed, 1u);
  EXPECT_EQ(d.files_unchanged, 1u);
}

TEST(Diff, CodeLinesPerLanguageWithTotals) {
  const Snapshot a = snapshot(1, {file("a.c", Language::c, 1, 10), file("c.rs", Language::rust, 3, 30)});
  const Snapshot b = snapshot(2, {file("a.c", Language::c, 2, 15), file("x.cc", Language::cpp, 5, 7)});
  const SnapshotDiff d = diff_snapshots(a, b);
  ASSERT_EQ(d.languages.size(), 3u);  // c, cpp, rust in the fixed order; no empty rows
  EXPECT_EQ(d.languages[0].language, Language::c);
  EXPECT_EQ(d.languages[0].code_before, 10u);
  EXPECT_EQ(d.languages[0].code_after, 15u);
  EXPECT_EQ(d.languages[0].code_delta(), 5);
  EXPECT_EQ(d.languages[1].language, Language::cpp);
  EXPECT_EQ(d.languages[1].files_before, 0u);
  EXPECT_EQ(d.languages[1].files_after, 1u);
  EXPECT_EQ(d.languages[2].language, Language::rust);
  EXPECT_EQ(d.languages[2].code_delta(), -30);
  EXPECT_EQ(d.total.code_before, 40u);
  EXPECT_EQ(d.total.code_after, 22u);
  EXPECT_EQ(d.total.code_delta(), -18);
}

TEST(Diff, VendoredAndGeneratedStayOutUnlessIncluded) {
  FileRecord vendored = file("third_party/z.c", Language::c, 7, 1000, {fn("z", 3)}, {finding(77, 1)});
  vendored.exclusion = discover::Exclusion::vendored;
  const Snapshot a = snapshot(1, {file("a.c", Language::c, 1, 10)});
  const Snapshot b = snapshot(2, {file("a.c", Language::c, 1, 10), vendored});
  SnapshotDiff d = diff_snapshots(a, b);
  EXPECT_TRUE(d.files.empty());
  EXPECT_EQ(d.total.code_after, 10u);
  EXPECT_TRUE(d.hazards_new.empty());
  EXPECT_EQ(d.functions_added, 0u);
  d = diff_snapshots(a, b, {.scope = {.include_vendored = true}});
  ASSERT_EQ(d.files.size(), 1u);
  EXPECT_EQ(d.files[0].kind, FileChangeKind::added);
  EXPECT_EQ(d.total.code_after, 1010u);
  EXPECT_EQ(d.hazards_new.size(), 1u);
  EXPECT_EQ(d.functions_added, 1u);
}

TEST(Diff, FunctionsMatchedByPathAndNameInOrder) {
  const Snapshot a = snapshot(1, {file("a.c", Language::c, 1, 10,
                                       {fn("f", 3), fn("g", 10), fn("dup", 2), fn("dup", 4), fn("gone", 1)}),
                                  file("old.c", Language::c, 5, 5, {fn("o1", 1), fn("o2", 1)})});
  const Snapshot b = snapshot(2, {file("a.c", Language::c, 2, 12,
                                       {fn("new", 1), fn("f", 3), fn("g", 4, 30, 9), fn("dup", 2), fn("dup", 9)}),
                                  file("moved.c", Language::c, 5, 5, {fn("o1", 1), fn("o2", 1)})});
  const SnapshotDiff d = diff_snapshots(a, b);
  EXPECT_EQ(d.functions_before, 7u);
  EXPECT_EQ(d.functions_after, 7u);
  // new (a.c) + o1, o2 (a renamed file's functions are new there and gone here)
  EXPECT_EQ(d.functions_added, 3u);
  EXPECT_EQ(d.functions_removed, 3u);  // gone, o1, o2
  ASSERT_EQ(d.functions_changed.size(), 2u);
  // Largest move first: g went 10 -> 4, the second dup 4 -> 9.
  EXPECT_EQ(d.functions_changed[0].name, "g");
  EXPECT_EQ(d.functions_changed[0].ccn_before, 10u);
  EXPECT_EQ(d.functions_changed[0].ccn_after, 4u);
  EXPECT_EQ(d.functions_changed[0].ccn_delta(), -6);
  EXPECT_EQ(d.functions_changed[0].start_line, 30u);
  EXPECT_EQ(d.functions_changed[0].nloc_after, 9u);
  EXPECT_EQ(d.functions_changed[1].name, "dup");
  EXPECT_EQ(d.functions_changed[1].ccn_before, 4u);
  EXPECT_EQ(d.functions_changed[1].ccn_after, 9u);
}

TEST(Diff, HazardsNewAndFixedAsAMultisetOfPathAndFingerprint) {
  const Snapshot a = snapshot(1, {file("a.c", Language::c, 1, 10, {},
                                       {finding(100, 5), finding(200, 8), finding(200, 9), finding(300, 12)}),
                                  file("b.c", Language::c, 2, 10, {}, {finding(400, 1)})});
  const Snapshot b = snapshot(2, {file("a.c", Language::c, 3, 11, {},
                                       {finding(100, 7) /* moved: same finding */, finding(200, 10),
                                        finding(500, 20)}),
                                  // The same flawed line copied into another file is new there.
                                  file("b.c", Language::c, 2, 10, {}, {finding(400, 1)}),
                                  file("c.c", Language::c, 4, 10, {}, {finding(100, 2)})});
  const SnapshotDiff d = diff_snapshots(a, b);
  EXPECT_EQ(d.hazards_before, 5u);
  EXPECT_EQ(d.hazards_after, 5u);
  ASSERT_EQ(d.hazards_new.size(), 2u);
  EXPECT_EQ(d.hazards_new[0].path, "a.c");
  EXPECT_EQ(d.hazards_new[0].finding.fingerprint, 500u);
  EXPECT_EQ(d.hazards_new[1].path, "c.c");
  ASSERT_EQ(d.hazards_fixed.size(), 2u);
  // One of the two 200s is gone; the first unmatched one in file order is reported.
  EXPECT_EQ(d.hazards_fixed[0].finding.fingerprint, 200u);
  EXPECT_EQ(d.hazards_fixed[0].finding.line, 9u);
  EXPECT_EQ(d.hazards_fixed[1].finding.fingerprint, 300u);
}

TEST(Diff, SuppressedLowConfidenceAndExcludedFindingsDoNotCount) {
  hazards::Finding suppressed = finding(2, 2);
  suppressed.suppressed = true;
  FileRecord excluded = file("tests/t.c", Language::c, 9, 1, {}, {finding(3, 3)});
  excluded.hazards_excluded = true;
  const Snapshot a = snapshot(1, {});
  const Snapshot b = snapshot(2, {file("a.c", Language::c, 1, 10, {},
                                       {finding(1, 1, hazards::Confidence::low), suppressed}),
                                  excluded});
  SnapshotDiff d = diff_snapshots(a, b);
  EXPECT_TRUE(d.hazards_new.empty());
  EXPECT_EQ(d.hazards_after, 0u);
  d = diff_snapshots(a, b, {.min_confidence = hazards::Confidence::low});
  ASSERT_EQ(d.hazards_new.size(), 1u);
  EXPECT_EQ(d.hazards_new[0].finding.fingerprint, 1u);
}

TEST(Diff, IdenticalSnapshotsHaveNoChanges) {
  const Snapshot a = snapshot(1, {file("a.c", Language::c, 1, 10, {fn("f", 3)}, {finding(1, 1)})});
  const SnapshotDiff d = diff_snapshots(a, a);
  EXPECT_TRUE(d.files.empty());
  EXPECT_EQ(d.files_unchanged, 1u);
  EXPECT_TRUE(d.functions_changed.empty());
  EXPECT_EQ(d.functions_added + d.functions_removed, 0u);
  EXPECT_TRUE(d.hazards_new.empty());
  EXPECT_TRUE(d.hazards_fixed.empty());
  EXPECT_EQ(d.total.code_delta(), 0);
}

}  // namespace
}  // namespace oxidize::model
