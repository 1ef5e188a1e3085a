// The rule table (src/oxidize/hazards/rules.cpp) against itself, its
// reference in docs/rules.md and its golden fixtures: unique sorted ids in
// RuleId order (also a static_assert), every text a report or SARIF needs,
// find_rule round-trips, a docs/rules.md section per rule (anchor, heading,
// CWE links, severity, confidence) and a fixture per rule that shows it firing
// (tests/golden/hazards/<ID>.c, .cc or .rs).
#include <gtest/gtest.h>

#include <cctype>
#include <regex>
#include <set>
#include <string>

#include "golden_hazards_support.hpp"
#include "oxidize/hazards/rules.hpp"

namespace oxidize::hazards {
namespace {

// Rules in the table that no detector reports yet. Each has its fixture under
// tests/bugs/hazards/ instead (an expected failure); when its detector lands,
// that fixture passes, moves to tests/golden/hazards/, and the rule leaves
// this list.
const std::set<std::string> k_rules_without_detector = {};

std::vector<std::string> split_cwes(const Rule& r) {
  std::vector<std::string> out;
  if (!r.cwe.empty()) out.emplace_back(r.cwe);
  std::string rest(r.related_cwe);
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    out.push_back(rest.substr(0, comma));
    if (comma == std::string::npos) break;
    rest.erase(0, comma + 1);
  }
  return out;
}

TEST(Rules, IdsAreUniqueSortedAndInRuleIdOrder) {
  const auto rules = all_rules();
  ASSERT_EQ(rules.size(), static_cast<std::size_t>(RuleId::count_));
  std::set<std::string_view> ids;
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    EXPECT_EQ(static_cast<std::size_t>(rules[i].key), i) << rules[i].id;
    EXPECT_TRUE(ids.insert(rules[i].id).second) << "duplicate id " << rules[i].id;
    EXPECT_TRUE(names.insert(rules[i].name).second) << "duplicate name " << rules[i].name;
    if (i > 0) EXPECT_LT(rules[i - 1].id, rules[i].id);
  }
}

TEST(Rules, IdsNamesAndFamiliesAreWellFormed) {
  const std::regex id_form("OXI-(C0|C1|R0)[0-9]{3}");
  const std::regex name_form("[a-z0-9]+(-[a-z0-9]+)*");
  const std::regex cwe_form("CWE-[1-9][0-9]*");
  for (const Rule& r : all_rules()) {
    const std::string id(r.id);
    ASSERT_TRUE(std::regex_match(id, id_form)) << id;
    EXPECT_TRUE(std::regex_match(std::string(r.name), name_form)) << id << " name " << r.name;
    // The family in the id says the language: C0 C and C++, C1 C++ only, R0 Rust.
    const std::string family = id.substr(4, 2);
    if (family == "C0") EXPECT_EQ(r.language, RuleLanguage::c_family) << id;
    if (family == "C1") EXPECT_EQ(r.language, RuleLanguage::cpp) << id;
    if (family == "R0") EXPECT_EQ(r.language, RuleLanguage::rust) << id;
    // C and C++ rules name a weakness; Rust inventory rules may not.
    if (r.language != RuleLanguage::rust) EXPECT_FALSE(r.cwe.empty()) << id;
    if (r.cwe.empty()) EXPECT_TRUE(r.related_cwe.empty()) << id << ": related CWEs without a primary one";
    for (const auto& cwe : split_cwes(r)) EXPECT_TRUE(std::regex_match(cwe, cwe_form)) << id << " " << cwe;
  }
}

TEST(Rules, EveryTextIsPresent) {
  for (const Rule& r : all_rules()) {
    EXPECT_FALSE(r.name.empty()) << r.id;
    EXPECT_FALSE(r.title.empty()) << r.id;
    EXPECT_FALSE(r.why.empty()) << r.id;
    EXPECT_FALSE(r.safer.empty()) << r.id;
    EXPECT_FALSE(r.rust.empty()) << r.id;
    // One line each: the table and SARIF's shortDescription show them as is.
    for (std::string_view text : {r.title, r.why, r.safer, r.rust})
      EXPECT_EQ(text.find('\n'), std::string_view::npos) << r.id << ": " << text;
    EXPECT_NE(r.title.back(), '.') << r.id << ": a title is not a sentence";
  }
}

TEST(Rules, FindRuleRoundTrips) {
  for (const Rule& r : all_rules()) {
    const Rule* found = find_rule(r.id);
    ASSERT_NE(found, nullptr) << r.id;
    EXPECT_EQ(found, &rule(r.key));
    EXPECT_EQ(found->id, r.id);
    EXPECT_EQ(rule_anchor(r), [&] {
      std::string a(r.id);
      for (char& c : a) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return a;
    }());
  }
  EXPECT_EQ(find_rule(""), nullptr);
  EXPECT_EQ(find_rule("OXI-C"), nullptr);
  EXPECT_EQ(find_rule("OXI-C9999"), nullptr);
  EXPECT_EQ(find_rule("oxi-c0001"), nullptr);  // ids are case-sensitive
  EXPECT_EQ(find_rule("OXI-C00010"), nullptr);
  EXPECT_EQ(find_rule(" OXI-C0001"), nullptr);
}

TEST(Rules, NamesOfSeverityAndConfidenceRoundTrip) {
  for (auto s : {Severity::low, Severity::medium, Severity::high, Severity::critical})
    EXPECT_EQ(severity_from_name(severity_name(s)), s);
  for (auto c : {Confidence::low, Confidence::medium, Confidence::high})
    EXPECT_EQ(confidence_from_name(confidence_name(c)), c);
  EXPECT_FALSE(severity_from_name("High"));
  EXPECT_FALSE(confidence_from_name(""));
}

// docs/rules.md has one section per rule: its anchor, then its heading, then
// a table with the CWE links, severity and default confidence, and the parts
// every entry has. No section names a rule the table lacks.
TEST(Rules, EveryRuleHasItsSectionInDocsRulesMd) {
  const std::string doc = test::read_file_bytes(test::source_path("docs/rules.md"));
  ASSERT_FALSE(doc.empty()) << "docs/rules.md is missing";
  std::set<std::string> anchors_in_table;
  for (const Rule& r : all_rules()) {
    const std::string anchor = rule_anchor(r);
    anchors_in_table.insert(anchor);
    const std::string head = "<a id=\"" + anchor + "\"></a>\n### " + std::string(r.id) + " " + std::string(r.name) + "\n";
    const auto at = doc.find(head);
    ASSERT_NE(at, std::string::npos) << "docs/rules.md lacks the entry of " << r.id << ":\n" << head;
    EXPECT_EQ(doc.find(head, at + 1), std::string::npos) << r.id << " has two entries";
    // The section runs to the next heading of the same or a higher level.
    std::size_t end = doc.size();
    for (const char* next : {"\n<a id=", "\n## ", "\n### "}) end = std::min(end, doc.find(next, at + head.size()));
    const std::string section = doc.substr(at, end - at);
    for (const auto& cwe : split_cwes(r)) {
      const std::string link = "[" + cwe + "](https://cwe.mitre.org/data/definitions/" + cwe.substr(4) + ".html)";
      EXPECT_NE(section.find(link), std::string::npos) << r.id << " lacks " << link;
    }
    EXPECT_NE(section.find("| Severity | " + std::string(severity_name(r.severity)) + " |"), std::string::npos)
        << r.id << ": severity differs from the table";
    EXPECT_NE(section.find("| Default confidence | " + std::string(confidence_name(r.confidence)) + " |"),
              std::string::npos)
        << r.id << ": default confidence differs from the table";
    for (const char* part : {"**Why it is dangerous.**", "**Safer alternative.**", "**In Rust.**",
                             "**Example.**", "**When it stays quiet.**", "```"})
      EXPECT_NE(section.find(part), std::string::npos) << r.id << " lacks " << part;
  }
  std::size_t pos = 0;
  while ((pos = doc.find("<a id=\"oxi-", pos)) != std::string::npos) {
    const auto close = doc.find('"', pos + 7);
    const std::string anchor = doc.substr(pos + 7, close - pos - 7);
    EXPECT_TRUE(anchors_in_table.count(anchor)) << "docs/rules.md has an entry for unknown rule " << anchor;
    pos = close;
  }
}

// tests/golden/hazards/<ID>.<ext> exists for every rule with a detector and
// shows the rule firing at least once (at any confidence: some rules are
// always low); the golden test checks the rest of the file.
TEST(Rules, EveryRuleHasAGoldenFixtureThatFires) {
  for (const Rule& r : all_rules()) {
    const std::string id(r.id);
    const bool missing_detector = k_rules_without_detector.count(id) != 0;
    std::vector<std::string> extensions;
    if (r.language == RuleLanguage::c_family) extensions = {".c", ".cc"};
    if (r.language == RuleLanguage::cpp) extensions = {".cc"};
    if (r.language == RuleLanguage::rust) extensions = {".rs"};
    const std::string folder = missing_detector ? "tests/bugs/hazards/" : "tests/golden/hazards/";
    test::golden_fs::path fixture;
    for (const auto& ext : extensions) {
      const auto p = test::source_path((folder + id + ext).c_str());
      if (test::golden_fs::exists(p)) fixture = p;
    }
    ASSERT_FALSE(fixture.empty()) << id << ": no fixture " << folder << id << extensions.front();
    const auto text = test::read_file_bytes(fixture);
    bool expected = false;
    for (const auto& [line, e] : test::hazard_expectations(text)) expected = expected || e.rules.count(id) != 0;
    EXPECT_TRUE(expected) << fixture << " has no `// EXPECT: " << id << "` line";
    const auto facts = test::analyze_fixture(fixture, text);
    ASSERT_TRUE(facts) << fixture;
    std::size_t fired = 0;
    for (const auto& f : facts->hazards)
      if (f.rule == r.key && !f.suppressed) ++fired;
    if (missing_detector)
      EXPECT_EQ(fired, 0u) << id << " now fires: move " << fixture.filename()
                           << " to tests/golden/hazards/ and drop it from k_rules_without_detector";
    else
      EXPECT_GT(fired, 0u) << fixture << " never shows " << id << " firing";
  }
}

}  // namespace
}  // namespace oxidize::hazards
