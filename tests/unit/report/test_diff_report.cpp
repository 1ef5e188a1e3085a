#include "oxidize/report/diff_report.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "oxidize/util/text.hpp"

namespace oxidize::report {
namespace {

using nlohmann::json;
using discover::Language;

const std::string k_hostile = "src/e\x1b[2Jvil\t\xff.c";

model::SnapshotDiff sample_diff() {
  model::SnapshotDiff d;
  d.before.id = 3;
  d.before.created_at = "2026-12-06T21:15:40Z";
  d.before.tree = "/work/curl";
  d.before.commit = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  d.after.id = 5;
  d.after.created_at = "2026-12-07T08:00:00Z";
  d.after.tree = "/work/curl";
  d.files = {{model::FileChangeKind::added, "src/new.c", Language::c, 0, 1200},
             {model::FileChangeKind::changed, k_hostile, Language::c, 40, 35},
             {model::FileChangeKind::removed, "src/old.rs", Language::rust, 7, 0}};
  d.files_added = d.files_removed = d.files_changed = 1;
  d.files_unchanged = 799;
  d.languages = {{Language::c, 10, 11, 1000, 2195}, {Language::rust, 1, 0, 7, 0}};
  d.total = {Language::c, 11, 11, 1007, 2195};
  d.functions_before = 100;
  d.functions_after = 104;
  d.functions_added = 5;
  d.functions_removed = 1;
  d.functions_changed = {{"src/a.c", "g\x1b]0;x\x07", 30, 10, 4, 20, 12}, {"src/a.c", "f", 3, 2, 5, 4, 6}};
  hazards::Finding f;
  f.rule = hazards::RuleId::strcpy_unbounded;
  f.confidence = hazards::Confidence::high;
  f.line = 20;
  f.column = 3;
  f.function = "copy";
  f.message = "strcpy into 'b\xff'";
  f.snippet = "strcpy(b, s);";
  f.fingerprint = 0xabcdef;
  d.hazards_new = {{k_hostile, f}};
  d.hazards_fixed = {{"src/old.c", f}};
  d.hazards_before = 28;
  d.hazards_after = 28;
  return d;
}

void expect_printable(const std::string& out) {
  EXPECT_TRUE(util::is_valid_utf8(out));
  for (const char c : out) EXPECT_TRUE(c == '\n' || static_cast<unsigned char>(c) >= 0x20) << int(c) << "\n" << out;
}

TEST(DiffReport, TableShowsEverySectionEscaped) {
  const std::string out = diff_table(sample_diff(), {false});
  expect_printable(out);
  EXPECT_NE(out.find("Comparing snapshot 3 (2026-12-06T21:15:40Z, commit aaaaaaaaaaaa) with snapshot 5 "
                     "(2026-12-07T08:00:00Z)\nTree: /work/curl\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("Files: 1 added, 1 removed, 1 changed, 799 unchanged"), std::string::npos) << out;
  EXPECT_NE(out.find("  added      +1,200  src/new.c\n"), std::string::npos) << out;
  EXPECT_NE(out.find("  changed        -5  src/e\\x1B[2Jvil\\t\\xFF.c\n"), std::string::npos) << out;
  EXPECT_NE(out.find("  removed        -7  src/old.rs\n"), std::string::npos) << out;
  EXPECT_NE(out.find("C                  10       11        1,000        2,195     +1,195\n"), std::string::npos) << out;
  EXPECT_NE(out.find("Rust                1        0            7            0         -7\n"), std::string::npos) << out;
  EXPECT_NE(out.find("Total              11       11        1,007        2,195     +1,188\n"), std::string::npos) << out;
  EXPECT_NE(out.find("Functions: 100 -> 104 (5 added, 1 removed, 2 with another CCN)"), std::string::npos) << out;
  EXPECT_NE(out.find("  CCN   10 -> 4      (-6)  src/a.c:30  g\\x1B]0;x\\x07\n"), std::string::npos) << out;
  EXPECT_NE(out.find("Hazards: 28 -> 28 (1 new, 1 fixed) at medium confidence or more"), std::string::npos) << out;
  EXPECT_NE(out.find("  new    src/e\\x1B[2Jvil\\t\\xFF.c:20:3: high OXI-C0001 strcpy-unbounded in copy: "
                     "strcpy into 'b\\xFF'\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("  fixed  src/old.c:20:3: high OXI-C0001"), std::string::npos) << out;
}

TEST(DiffReport, TableCapsLongListsAndSaysHowManyMore) {
  const std::string out = diff_table(sample_diff(), {false}, 1);
  EXPECT_NE(out.find("src/new.c"), std::string::npos);
  EXPECT_EQ(out.find("src/old.rs"), std::string::npos);
  EXPECT_NE(out.find("  ... and 2 more (--format json lists them all)\n"), std::string::npos) << out;
  EXPECT_NE(out.find("  ... and 1 more (--format json lists them all)\n"), std::string::npos) << out;
  EXPECT_EQ(diff_table(sample_diff(), {false}, 0).find("... and"), std::string::npos);
  model::SnapshotDiff other = sample_diff();
  other.after.tree = "/work/curl-8";
  EXPECT_NE(diff_table(other, {false}).find("Trees: /work/curl -> /work/curl-8\n"), std::string::npos);
}

TEST(DiffReport, JsonListsEverythingWithExactBytes) {
  const json doc = json::parse(diff_json(sample_diff()));
  EXPECT_EQ(doc["schema_version"], 1);
  EXPECT_EQ(doc["command"], "diff");
  EXPECT_EQ(doc["before"]["id"], 3);
  EXPECT_TRUE(doc["after"]["commit"].is_null());
  EXPECT_EQ(doc["scope"]["min_confidence"], "medium");
  EXPECT_EQ(doc["files"]["unchanged"], 799);
  ASSERT_EQ(doc["files"]["list"].size(), 3u);
  const json& changed = doc["files"]["list"][1];
  EXPECT_EQ(changed["change"], "changed");
  EXPECT_EQ(changed["code_delta"], -5);
  EXPECT_EQ(changed["path_base64"], util::base64(k_hostile));
  EXPECT_EQ(doc["languages"][1]["language"], "rust");
  EXPECT_EQ(doc["languages"][1]["code_delta"], -7);
  EXPECT_EQ(doc["total"]["code_delta"], 1188);
  EXPECT_EQ(doc["functions"]["changed"][0]["ccn_delta"], -6);
  EXPECT_EQ(doc["functions"]["changed"][0]["function"], "g\x1b]0;x\x07");  // JSON escapes control characters itself
  const json& added = doc["hazards"]["new"][0];
  EXPECT_EQ(added["rule"], "OXI-C0001");
  EXPECT_EQ(added["fingerprint"], "0000000000abcdef");
  EXPECT_EQ(added["message"], "strcpy into 'b\xef\xbf\xbd'");
  EXPECT_EQ(added["path_base64"], util::base64(k_hostile));
  EXPECT_EQ(doc["hazards"]["fixed"][0]["path"], "src/old.c");
}

}  // namespace
}  // namespace oxidize::report
