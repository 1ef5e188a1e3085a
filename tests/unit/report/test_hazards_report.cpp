#include "oxidize/report/hazards_report.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "hazard_fixture.hpp"
#include "oxidize/report/baseline.hpp"
#include "oxidize/util/text.hpp"

namespace oxidize::report {
namespace {

using nlohmann::json;

struct Fixture {
  model::Snapshot scan = test::hazard_scan();
  model::HazardFilter filter;
  model::HazardSelection selection;
  Fixture() { filter.show_suppressed = true; }
  HazardsReport report() {
    selection = model::select_hazards(scan, filter);
    return {scan, selection, filter, "/work/my tree", "https://example.org/rules.md", ""};
  }
};

// Splits RFC 4180 CSV into records of fields (quoted fields may hold anything).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        rows.back().back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        rows.back().back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\n') {
      rows.emplace_back(1);
    } else {
      rows.back().back() += c;
    }
  }
  if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
  return rows;
}

TEST(HazardsReport, TableEscapesEverythingFromTheTree) {
  Fixture fx;
  const std::string out = hazards_table(fx.report(), {false});
  for (const char c : out) EXPECT_TRUE(c == '\n' || static_cast<unsigned char>(c) >= 0x20) << int(c);
  EXPECT_TRUE(util::is_valid_utf8(out));
  EXPECT_NE(out.find("dir/q\"u,o\\\\te\\x1B[31m\\t\\r\\xFF.c:3:5: critical OXI-C0004 gets"), std::string::npos) << out;
  // The source line keeps its backslashes and shows a tab as a space.
  EXPECT_NE(out.find("      3 | gets(b\\x1B[2J\"\\ \\r\\xFF);"), std::string::npos) << out;
  EXPECT_NE(out.find("src/a.c:5:3: high OXI-C0001 strcpy-unbounded (CWE-120) in copy: strcpy into 'dst' "
                     "[confidence medium]"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("(suppressed: literal fits)"), std::string::npos);
  EXPECT_NE(out.find("Hazards: 3 findings in 2 files (2 critical, 1 high, 0 medium, 0 low)"), std::string::npos)
      << out;
  EXPECT_NE(out.find("Suppressed in the source: 1 (listed above)"), std::string::npos);
  EXPECT_NE(out.find("Not shown: 1 below --min-confidence medium; 1 in files excluded by oxidize.toml; 1 in "
                     "vendored files (--include-vendored)"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("         2  OXI-C0004  gets"), std::string::npos) << out;
}

TEST(HazardsReport, TableColoursOnlyWhenAsked) {
  Fixture fx;
  const std::string plain = hazards_table(fx.report(), {false});
  const std::string color = hazards_table(fx.report(), {true});
  EXPECT_EQ(plain.find('\x1b'), std::string::npos);
  EXPECT_NE(color.find("\x1b[1;31mcritical\x1b[0m"), std::string::npos);
}

TEST(HazardsReport, JsonIsValidAndKeepsExactPaths) {
  Fixture fx;
  const json doc = json::parse(hazards_json(fx.report()));  // throws on invalid UTF-8
  EXPECT_EQ(doc["schema_version"], 1);
  EXPECT_EQ(doc["command"], "hazards");
  const json& findings = doc["findings"];
  ASSERT_EQ(findings.size(), 4u);
  const json& h = findings[0];
  EXPECT_EQ(h["path"], util::to_valid_utf8(test::k_hostile_path));
  EXPECT_EQ(h["path_base64"], util::base64(test::k_hostile_path));
  EXPECT_EQ(h["snippet"], util::to_valid_utf8("gets(b\x1b[2J\"\\\t\r\xff);"));
  EXPECT_EQ(h["fingerprint"], "0123456789abcdef");
  EXPECT_EQ(h["rule"], "OXI-C0004");
  EXPECT_EQ(h["name"], "gets");
  EXPECT_EQ(h["cwe"], json::array({"CWE-242", "CWE-120"}));
  EXPECT_EQ(h["severity"], "critical");
  EXPECT_EQ(h["confidence"], "high");
  EXPECT_FALSE(h.contains("suppression_reason"));
  EXPECT_EQ(findings[3]["suppressed"], true);
  EXPECT_EQ(findings[3]["suppression_reason"], "literal fits");
  const json& summary = doc["summary"];
  EXPECT_EQ(summary["findings"], 3);
  EXPECT_EQ(summary["by_severity"]["critical"], 2);
  EXPECT_EQ(summary["by_rule"]["OXI-C0004"], 2);
  EXPECT_EQ(summary["suppressed"], 1);
  EXPECT_EQ(summary["not_selected"]["below_min_confidence"], 1);
  EXPECT_EQ(summary["excluded"]["config"], 1);
  EXPECT_EQ(doc["filters"]["min_confidence"], "medium");
  EXPECT_TRUE(doc["filters"]["baseline"].is_null());
}

TEST(HazardsReport, CsvHasOneRecordPerFindingWhateverTheBytes) {
  Fixture fx;
  const std::string out = hazards_csv(fx.report());
  EXPECT_TRUE(util::is_valid_utf8(out));
  const auto rows = parse_csv(out);
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"path", "line", "column", "function", "rule", "cwe", "severity",
                                               "confidence", "message", "snippet", "fingerprint", "suppressed",
                                               "suppression_reason"}));
  for (const auto& r : rows) EXPECT_EQ(r.size(), 13u);
  EXPECT_EQ(rows[1][0], util::to_valid_utf8(test::k_hostile_path));
  EXPECT_EQ(rows[1][9], util::to_valid_utf8("gets(b\x1b[2J\"\\\t\r\xff);"));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"src/a.c", "5", "3", "copy", "OXI-C0001", "CWE-120", "high", "medium",
                                               "strcpy into 'dst'", "strcpy(dst, src);", "0000000000001111", "0",
                                               ""}));
  EXPECT_EQ(rows[4][11], "1");
  EXPECT_EQ(rows[4][12], "literal fits");
}

TEST(HazardsReport, SarifResultsPointAtRulesTaxaAndEncodedUris) {
  Fixture fx;
  const SarifOutput out = hazards_sarif(fx.report());
  EXPECT_EQ(out.results_dropped, 0u);
  const json doc = json::parse(out.text);
  EXPECT_EQ(doc["version"], "2.1.0");
  const json& run = doc["runs"][0];
  EXPECT_EQ(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], "file:///work/my%20tree/");
  const json& rules = run["tool"]["driver"]["rules"];
  const json& taxa = run["taxonomies"][0]["taxa"];
  EXPECT_EQ(rules.size(), hazards::all_rules().size());
  for (const auto& rule : rules) {
    const hazards::Rule* known = hazards::find_rule(rule["id"].get<std::string>());
    ASSERT_NE(known, nullptr);
    EXPECT_EQ(rule["helpUri"], "https://example.org/rules.md#" + hazards::rule_anchor(*known));
    for (const auto& rel : rule.value("relationships", json::array())) {
      const auto index = rel["target"]["index"].get<std::size_t>();
      ASSERT_LT(index, taxa.size());
      EXPECT_EQ(taxa[index]["id"], rel["target"]["id"]);
    }
  }
  const json& results = run["results"];
  ASSERT_EQ(results.size(), 4u);
  for (const auto& r : results) {
    EXPECT_EQ(rules[r["ruleIndex"].get<std::size_t>()]["id"], r["ruleId"]);
    EXPECT_GE(r["locations"][0]["physicalLocation"]["region"]["startLine"].get<int>(), 1);
    EXPECT_EQ(r["partialFingerprints"][std::string(k_sarif_fingerprint_key)].get<std::string>().size(), 16u);
  }
  const json& hostile = results[0];
  EXPECT_EQ(hostile["level"], "error");
  EXPECT_EQ(hostile["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "dir/q%22u%2Co%5Cte%1B%5B31m%09%0D%FF.c");
  EXPECT_EQ(hostile["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"], "%SRCROOT%");
  EXPECT_EQ(hostile["locations"][0]["logicalLocations"][0]["name"], "g");
  EXPECT_EQ(results[3]["suppressions"][0]["kind"], "inSource");
  EXPECT_EQ(results[3]["suppressions"][0]["justification"], "literal fits");
  const json& gets_rule = rules[results[0]["ruleIndex"].get<std::size_t>()];
  EXPECT_EQ(gets_rule["properties"]["security-severity"], "9.0");
  EXPECT_EQ(gets_rule["properties"]["tags"], json::array({"security", "memory-safety", "external/cwe/cwe-242",
                                                          "external/cwe/cwe-120"}));
}

TEST(HazardsReport, SarifDriverListsOnlySelectedRules) {
  Fixture fx;
  fx.filter.rules.reset();
  fx.filter.rules.set(static_cast<std::size_t>(hazards::RuleId::gets_call));
  const json doc = json::parse(hazards_sarif(fx.report()).text);
  const json& run = doc["runs"][0];
  ASSERT_EQ(run["tool"]["driver"]["rules"].size(), 1u);
  EXPECT_EQ(run["results"].size(), 2u);
  for (const auto& r : run["results"]) EXPECT_EQ(r["ruleIndex"], 0);
  EXPECT_EQ(run["taxonomies"][0]["taxa"].size(), 2u);
}

TEST(HazardsReport, SarifOverTheLimitKeepsTheMostSevere) {
  Fixture fx;
  const SarifOutput out = hazards_sarif(fx.report(), 2);
  EXPECT_EQ(out.results_dropped, 2u);
  const json doc = json::parse(out.text);
  const json& run = doc["runs"][0];
  ASSERT_EQ(run["results"].size(), 2u);
  for (const auto& r : run["results"]) EXPECT_EQ(r["ruleId"], "OXI-C0004");
  // Still in path and line order.
  EXPECT_EQ(run["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"], 12);
  EXPECT_EQ(run["properties"]["resultsDropped"], 2);
  EXPECT_EQ(run["invocations"][0]["toolExecutionNotifications"][0]["level"], "warning");
}

TEST(HazardsReport, BaselineRoundTripsThroughJsonAndSarif) {
  Fixture fx;
  const HazardsReport report = fx.report();
  for (const std::string& text : {hazards_json(report), hazards_sarif(report).text}) {
    const auto baseline = parse_baseline(text);
    ASSERT_TRUE(baseline.has_value()) << baseline.error();
    EXPECT_EQ(baseline->size, 4u);
    model::HazardFilter filter;
    filter.baseline = &*baseline;
    const auto sel = model::select_hazards(fx.scan, filter);
    EXPECT_EQ(sel.counts.findings, 0u);
    EXPECT_EQ(sel.counts.baseline_matched, 4u);  // the suppressed one too: it was in the file
  }
}

TEST(HazardsReport, BaselineErrors) {
  EXPECT_FALSE(parse_baseline("not json").has_value());
  EXPECT_FALSE(parse_baseline("[]").has_value());
  EXPECT_FALSE(parse_baseline(R"({"files": []})").has_value());
  EXPECT_FALSE(parse_baseline(R"({"findings": [{"path": "a.c", "fingerprint": "xyz"}]})").has_value());
  EXPECT_FALSE(parse_baseline(R"({"runs": [{"results": [{"ruleId": "X"}]}]})").has_value());
  const auto empty = parse_baseline(R"({"runs": [{"results": []}]})");
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(empty->size, 0u);
}

// A baseline whose fingerprints another version computed would match
// nothing: refused with one line, not silently empty.
TEST(HazardsReport, BaselineOfAnotherFingerprintVersionIsRefused) {
  Fixture fx;
  const HazardsReport report = fx.report();
  const json doc = json::parse(hazards_json(report));
  EXPECT_EQ(doc["fingerprint_version"], hazards::k_fingerprint_version);
  EXPECT_EQ(hazards::k_fingerprint_version, 2);
  const json sarif = json::parse(hazards_sarif(report).text);
  EXPECT_TRUE(sarif["runs"][0]["results"][0]["partialFingerprints"].contains("oxidizeFingerprint/v2"));

  // Written before fingerprint_version existed: version 1.
  json v1 = doc;
  v1.erase("fingerprint_version");
  auto refused = parse_baseline(v1.dump());
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error(),
            "its fingerprints are version 1 (an older oxidize), this oxidize writes version 2: it would match "
            "nothing; write the baseline again with this oxidize");
  json old_sarif = sarif;
  for (auto& r : old_sarif["runs"][0]["results"]) {
    r["partialFingerprints"] = {{"oxidizeFingerprint/v1", r["partialFingerprints"]["oxidizeFingerprint/v2"]}};
  }
  refused = parse_baseline(old_sarif.dump());
  ASSERT_FALSE(refused.has_value());
  EXPECT_NE(refused.error().find("version 1 (an older oxidize)"), std::string::npos) << refused.error();
  json newer = doc;
  newer["fingerprint_version"] = 3;
  refused = parse_baseline(newer.dump());
  ASSERT_FALSE(refused.has_value());
  EXPECT_NE(refused.error().find("a newer oxidize"), std::string::npos) << refused.error();
  newer["fingerprint_version"] = "two";
  EXPECT_FALSE(parse_baseline(newer.dump()).has_value());
  // Nothing to match in an empty old baseline: accepted.
  EXPECT_TRUE(parse_baseline(R"({"findings": []})").has_value());
}

TEST(HazardsReport, SortAndTopInEveryFormat) {
  Fixture fx;
  fx.filter.show_suppressed = false;
  fx.selection = model::select_hazards(fx.scan, fx.filter);
  ASSERT_EQ(fx.selection.rows.size(), 3u);
  model::sort_hazard_rows(fx.selection, model::HazardSort::severity);
  model::cut_hazard_rows(fx.selection, 2);
  HazardsReport report{fx.scan, fx.selection, fx.filter, "/work/my tree", "https://example.org/rules.md", ""};
  report.sort = "severity";
  report.top = 2;
  const json doc = json::parse(hazards_json(report));
  ASSERT_EQ(doc["findings"].size(), 2u);
  for (const auto& f : doc["findings"]) EXPECT_EQ(f["severity"], "critical");
  EXPECT_EQ(doc["filters"]["sort"], "severity");
  EXPECT_EQ(doc["filters"]["top"], 2);
  EXPECT_EQ(doc["summary"]["findings"], 3);  // every finding selected is counted
  EXPECT_EQ(doc["summary"]["beyond_top"], 1);
  EXPECT_EQ(parse_csv(hazards_csv(report)).size(), 3u);  // header + 2
  const std::string table = hazards_table(report, {});
  EXPECT_NE(table.find("Listed: the first 2 by severity (--top); 1 more not listed\n"), std::string::npos) << table;

  fx.selection = model::select_hazards(fx.scan, fx.filter);
  const HazardsReport all{fx.scan, fx.selection, fx.filter, "/work/my tree", "https://example.org/rules.md", ""};
  const json plain = json::parse(hazards_json(all));
  EXPECT_EQ(plain["filters"]["sort"], "path");
  EXPECT_TRUE(plain["filters"]["top"].is_null());
  EXPECT_EQ(plain["summary"]["beyond_top"], 0);
  EXPECT_EQ(hazards_table(all, {}).find("Listed:"), std::string::npos);
}

}  // namespace
}  // namespace oxidize::report
