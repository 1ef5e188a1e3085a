#include "oxidize/report/snapshots_report.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "oxidize/util/text.hpp"

namespace oxidize::report {
namespace {

using nlohmann::json;

const std::string k_hostile_tree = "/work/t\x1b[31mree\n\xff";

std::vector<model::SnapshotListing> listing() {
  model::SnapshotListing a;
  a.info.id = 1;
  a.info.created_at = "2026-12-06T21:15:40Z";
  a.info.tool_version = "0.1.0";
  a.info.tree = "/work/curl";
  a.info.roots = {"."};
  a.info.commit = "0123456789abcdef0123456789abcdef01234567";
  a.info.options = R"({"hazards":true,"ccn_threshold":15})";
  a.totals = {802, 173554, 3644, 28};
  model::SnapshotListing b;
  b.info.id = 12;
  b.info.created_at = "2026-12-07T08:00:00Z";
  b.info.tree = k_hostile_tree;
  b.info.roots = {"src", "lib\xfe"};
  b.info.options = "not json";
  b.totals = {1, 2, 3, 4};
  return {a, b};
}

TEST(SnapshotsReport, TableListsEachSnapshotEscaped) {
  const std::string out = snapshots_table("/s/.oxidize/oxidize.db", listing(), {false});
  EXPECT_TRUE(util::is_valid_utf8(out));
  for (const char c : out) EXPECT_TRUE(c == '\n' || static_cast<unsigned char>(c) >= 0x20) << int(c);
  EXPECT_NE(out.find("Snapshots in /s/.oxidize/oxidize.db:\n"), std::string::npos) << out;
  EXPECT_NE(out.find(" 1  2026-12-06T21:15:40Z  0123456789ab       802       173,554       3,644        28  "
                     "/work/curl\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("12  2026-12-07T08:00:00Z  -                    1"), std::string::npos) << out;
  EXPECT_NE(out.find("/work/t\\x1B[31mree\\n\\xFF\n"), std::string::npos) << out;
  EXPECT_EQ(out.find("\x1b[1m"), std::string::npos);
  EXPECT_NE(snapshots_table("s.db", listing(), {true}).find("\x1b[1m"), std::string::npos);
}

TEST(SnapshotsReport, EmptyStoreSaysSo) {
  EXPECT_EQ(snapshots_table("a\nb.db", {}, {false}), "No snapshots in a\\nb.db yet (each oxidize scan adds one)\n");
}

TEST(SnapshotsReport, JsonHasSchemaVersionAndExactBytes) {
  const json doc = json::parse(snapshots_json("/s/oxidize.db", listing()));
  EXPECT_EQ(doc["schema_version"], 1);
  EXPECT_EQ(doc["command"], "snapshots");
  EXPECT_EQ(doc["store"], "/s/oxidize.db");
  ASSERT_EQ(doc["snapshots"].size(), 2u);
  const json& a = doc["snapshots"][0];
  EXPECT_EQ(a["id"], 1);
  EXPECT_EQ(a["commit"], "0123456789abcdef0123456789abcdef01234567");
  EXPECT_EQ(a["options"]["ccn_threshold"], 15);  // an object, not a string
  EXPECT_EQ(a["totals"]["code"], 173554);
  EXPECT_EQ(a["totals"]["findings"], 28);
  EXPECT_FALSE(a.contains("tree_base64"));
  const json& b = doc["snapshots"][1];
  EXPECT_TRUE(b["commit"].is_null());
  EXPECT_EQ(b["options"], "not json");
  EXPECT_EQ(b["tree"], util::to_valid_utf8(k_hostile_tree));
  EXPECT_EQ(b["tree_base64"], util::base64(k_hostile_tree));
  EXPECT_EQ(b["roots"][1], "lib\xef\xbf\xbd");
}

}  // namespace
}  // namespace oxidize::report
