// Golden tests of the hazard detectors: every fixture under
// tests/golden/hazards/ (one per rule, OXI-C0001.c ... OXI-R0008.rs, plus
// suppressions.c and hostile_bytes.c) states inline what must be found; the
// format is described in golden_hazards_support.hpp (`// EXPECT: OXI-C0001`,
// `// EXPECT: OXI-C0014=low`, `// EXPECT: none`,
// `// EXPECT-SUPPRESSED: OXI-C0004 reason`). Every line without an EXPECT must
// have no finding at medium or high confidence, so each fixture's fixed
// variants show the rule staying quiet.
//
// Fixtures under tests/bugs/hazards/ hold known misses and false alarms in the
// same format and must still fail, so that an accidental fix shows up and the
// fixture moves to tests/golden/hazards/.
#include <gtest/gtest.h>

#include <string>

#include "golden_hazards_support.hpp"

namespace oxidize::hazards {
namespace {

using test::analyze_fixture;
using test::check_hazard_fixture;
using test::hazard_fixtures;
using test::read_file_bytes;

TEST(GoldenHazards, EveryFixtureMatchesItsExpectations) {
  const auto files = hazard_fixtures("tests/golden/hazards");
  ASSERT_FALSE(files.empty());
  for (const auto& path : files) {
    const auto text = read_file_bytes(path);
    EXPECT_NE(text.find("// EXPECT"), std::string::npos) << path << " has no expectation";
    std::string report;
    for (const auto& p : check_hazard_fixture(path)) report += p + "\n";
    EXPECT_TRUE(report.empty()) << "golden hazards differ:\n" << report;
  }
}

TEST(KnownHazardBugs, StillFailAsDocumented) {
  const auto files = hazard_fixtures("tests/bugs/hazards");
  ASSERT_FALSE(files.empty());
  for (const auto& path : files) {
    EXPECT_FALSE(check_hazard_fixture(path).empty())
        << path << " now passes: the detector was fixed; move the fixture to tests/golden/hazards/ "
        << "(and its entry in docs/rules.md, \"Known limits\")";
  }
}

// The format itself: what a marker says.
TEST(GoldenHazards, ExpectationsAreParsed) {
  const auto e = test::hazard_expectations(
      "int a;\n"
      "strcpy(b, c); // EXPECT: OXI-C0001 OXI-C0014=low\n"
      "x; // EXPECT: none\n"
      "gets(b); // EXPECT: OXI-C0003 // EXPECT-SUPPRESSED: OXI-C0004 a reason  // EXPECT-SUPPRESSED: OXI-C0009\n"
      "y; // EXPECT: OXI-C9999=sure\n");
  ASSERT_EQ(e.size(), 4u);
  EXPECT_EQ(e.at(2).rules.at("OXI-C0001"), "");
  EXPECT_EQ(e.at(2).rules.at("OXI-C0014"), "low");
  EXPECT_TRUE(e.at(3).none);
  EXPECT_TRUE(e.at(4).rules.count("OXI-C0003"));
  ASSERT_EQ(e.at(4).suppressed.size(), 2u);
  EXPECT_EQ(e.at(4).suppressed.find("OXI-C0004")->second, "a reason");
  EXPECT_EQ(e.at(4).suppressed.find("OXI-C0009")->second, "");
  EXPECT_EQ(e.at(5).errors.size(), 2u);  // unknown rule, unknown confidence
}

// Suppressed findings keep everything else: rule, place, message, fingerprint.
TEST(GoldenHazards, SuppressedFindingsKeepTheirReason) {
  const auto path = test::source_path("tests/golden/hazards/suppressions.c");
  const auto text = read_file_bytes(path);
  const auto facts = analyze_fixture(path, text);
  ASSERT_TRUE(facts);
  std::size_t suppressed = 0;
  for (const auto& f : facts->hazards) {
    if (!f.suppressed) continue;
    ++suppressed;
    EXPECT_NE(f.fingerprint, 0u);
    EXPECT_FALSE(f.message.empty());
    EXPECT_FALSE(f.function.empty());
  }
  EXPECT_EQ(suppressed, 11u);
  const auto on_line = [&](std::uint32_t line, RuleId rule) -> const Finding* {
    for (const auto& f : facts->hazards)
      if (f.line == line && f.rule == rule) return &f;
    return nullptr;
  };
  const Finding* same_line = on_line(16, RuleId::gets_call);
  ASSERT_NE(same_line, nullptr);
  EXPECT_TRUE(same_line->suppressed);
  EXPECT_EQ(same_line->suppression_reason, "test harness, input is a fixed file");
  const Finding* line_above = on_line(24, RuleId::strcpy_unbounded);
  ASSERT_NE(line_above, nullptr);
  EXPECT_TRUE(line_above->suppressed);
  EXPECT_EQ(line_above->suppression_reason, "name is validated to 31 bytes by the caller");
}

// Snippets and messages carry the source's bytes unchanged: quotes,
// backslashes, control characters, invalid UTF-8, bidi overrides. Escaping
// for a terminal, JSON, CSV or SARIF is the renderers' job (util/text).
TEST(GoldenHazards, HostileBytesReachFindingsUnchanged) {
  const auto path = test::source_path("tests/golden/hazards/hostile_bytes.c");
  const auto text = read_file_bytes(path);
  const auto facts = analyze_fixture(path, text);
  ASSERT_TRUE(facts);
  std::vector<std::string> lines;
  {
    std::size_t begin = 0;
    while (begin <= text.size()) {
      const auto nl = text.find('\n', begin);
      lines.push_back(text.substr(begin, nl == std::string::npos ? std::string::npos : nl - begin));
      if (nl == std::string::npos) break;
      begin = nl + 1;
    }
  }
  const auto trimmed = [&](std::uint32_t line) { return test::trim_copy(lines.at(line - 1)); };
  ASSERT_EQ(facts->hazards.size(), 4u);

  const std::string bad_name = "b\xff\xfe" "uf";
  const std::string rlo_name = "s\xe2\x80\xae" "um";
  const auto& copy = facts->hazards[0];
  EXPECT_EQ(copy.rule, RuleId::strcpy_unbounded);
  EXPECT_EQ(copy.snippet, trimmed(copy.line));
  EXPECT_NE(copy.snippet.find("strcpy(" + bad_name + ", src);"), std::string::npos);
  EXPECT_EQ(copy.message, "strcpy into '" + bad_name + "' is not bounded by its size");
  EXPECT_EQ(copy.function, "copy_name");

  const auto& uninit = facts->hazards[1];
  EXPECT_EQ(uninit.rule, RuleId::uninitialized_read);
  EXPECT_EQ(uninit.snippet, trimmed(uninit.line));
  EXPECT_EQ(uninit.message, "'" + rlo_name + "' is read before it is initialised");
  EXPECT_EQ(uninit.column, 9u);  // a tab and `return ` before it: code points, not bytes

  const auto& banner = facts->hazards[2];
  EXPECT_EQ(banner.rule, RuleId::sprintf_unbounded);
  EXPECT_EQ(banner.snippet, trimmed(banner.line));
  EXPECT_NE(banner.snippet.find("\\\"quoted\\\" 'single' \\\\ \x1b[31m\x07\x7f\x01\t\xff\xc3( end"),
            std::string::npos);

  // Longer than a snippet: cut at 200 bytes or less, never inside the
  // two-byte character that straddles the cut.
  const auto& long_line = facts->hazards[3];
  const std::string full = trimmed(long_line.line);
  ASSERT_GT(full.size(), k_snippet_bytes);
  EXPECT_LE(long_line.snippet.size(), k_snippet_bytes);
  EXPECT_EQ(long_line.snippet, full.substr(0, long_line.snippet.size()));
  EXPECT_NE(static_cast<unsigned char>(full[long_line.snippet.size()]) & 0xC0, 0x80);
  EXPECT_EQ(long_line.snippet.size(), 199u);
}

}  // namespace
}  // namespace oxidize::hazards
