// The streamed JSON and SARIF reports are the bytes nlohmann writes for the
// whole document: read back and dumped again, each comes out unchanged (keys
// keep their order in ordered_json, and nlohmann's dump of what it parsed is
// its dump of what it built). The CLI tests check the same on real scans.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "hazard_fixture.hpp"
#include "oxidize/model/aggregate.hpp"
#include "oxidize/model/rust_unsafe.hpp"
#include "oxidize/report/functions_report.hpp"
#include "oxidize/report/hazards_report.hpp"
#include "oxidize/report/report.hpp"

namespace oxidize::report {
namespace {

using nlohmann::ordered_json;

void expect_whole_dump(const std::string& text) {
  const ordered_json doc = ordered_json::parse(text);
  EXPECT_EQ(doc.dump(2, ' ', false) + "\n", text);
}

// The hazard fixture, with functions in its files and a Rust file with unsafe code.
model::Snapshot scan_with_functions() {
  model::Snapshot scan = test::hazard_scan();
  for (auto& file : scan.files) {
    file.facts.language = discover::Language::c;
    parse::FunctionFacts fn;
    fn.name = "f\xff::g";
    fn.start_line = 2;
    fn.end_line = 9;
    fn.ccn = 4;
    file.facts.functions.push_back(fn);
    fn.name = "main";
    file.facts.functions.push_back(fn);
  }
  model::FileRecord rust;
  rust.path = "crate/src/lib.rs";
  rust.facts.language = discover::Language::rust;
  rust.facts.hazards.push_back(test::finding(hazards::RuleId::rust_unsafe_block, 3, 5, "f", "unsafe block",
                                             "unsafe { x() }", 0x7777));
  scan.files.push_back(std::move(rust));
  scan.warnings.push_back({"bin\xff.c", "binary file"});
  return scan;
}

TEST(StreamedReports, ScanJsonForEveryGrouping) {
  const model::Snapshot scan = scan_with_functions();
  for (const auto by : {model::GroupBy::language, model::GroupBy::directory, model::GroupBy::file}) {
    for (const bool hazards : {true, false}) {
      model::Summary summary = model::summarize(scan, by, 1, {});
      summary.hazards = hazards;
      util::StringOutput out;
      scan_json(out, scan, summary);
      expect_whole_dump(out.text());
    }
  }
}

TEST(StreamedReports, FunctionsJson) {
  const model::Snapshot scan = scan_with_functions();
  std::vector<FunctionRow> rows;
  for (const auto& file : scan.files)
    for (const auto& fn : file.facts.functions) rows.push_back({&file, &fn});
  for (const std::size_t shown : {rows.size(), std::size_t{0}}) {
    const std::vector<FunctionRow> some(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(shown));
    util::StringOutput out;
    functions_json(out, scan, some, rows.size(), "ccn");
    expect_whole_dump(out.text());
  }
}

TEST(StreamedReports, HazardsJsonAndSarifWithAndWithoutTheRustInventory) {
  const model::Snapshot scan = scan_with_functions();
  model::HazardFilter filter;
  filter.show_suppressed = true;
  filter.min_confidence = hazards::Confidence::low;
  const model::HazardSelection selection = model::select_hazards(scan, filter);
  const model::RustUnsafeSummary rust = model::summarize_rust_unsafe(scan, {});
  for (const model::RustUnsafeSummary* inventory : {&rust, static_cast<const model::RustUnsafeSummary*>(nullptr)}) {
    const HazardsReport report{scan, selection, filter, "/work/t", "https://example.org/rules.md", "base.json",
                               inventory};
    expect_whole_dump(hazards_json(report));
    for (const std::size_t max : {k_sarif_max_results, std::size_t{2}, std::size_t{0}}) {
      const SarifOutput sarif = hazards_sarif(report, max);
      expect_whole_dump(sarif.text);
      const ordered_json doc = ordered_json::parse(sarif.text);
      EXPECT_EQ(doc["runs"][0]["results"].size(), std::min(max, selection.rows.size()));
      EXPECT_EQ(sarif.results_dropped, sarif_results_dropped(selection.rows.size(), max));
    }
  }
}

TEST(StreamedReports, SarifDropsTheLeastSevereThenLeastConfidentInReportOrder) {
  model::Snapshot scan = test::hazard_scan();
  model::HazardFilter filter;
  filter.min_confidence = hazards::Confidence::low;
  const model::HazardSelection selection = model::select_hazards(scan, filter);
  // src/a.c: strcpy high (line 5), strncpy medium (7), gets critical (12);
  // the hostile file: gets critical (3). Keeping 3 drops the medium one.
  const HazardsReport report{scan, selection, filter, "/work/t", "https://example.org/rules.md", ""};
  const ordered_json doc = ordered_json::parse(hazards_sarif(report, 3).text);
  std::vector<int> lines;
  for (const auto& r : doc["runs"][0]["results"])
    lines.push_back(r["locations"][0]["physicalLocation"]["region"]["startLine"].get<int>());
  EXPECT_EQ(lines, (std::vector<int>{3, 5, 12}));
}

}  // namespace
}  // namespace oxidize::report
