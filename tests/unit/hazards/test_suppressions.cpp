// Inline suppressions: what a comment covers, and the warnings for the
// malformed ones (src/oxidize/hazards/source_notes, analyze_hazards).
#include <gtest/gtest.h>

#include <string>

#include "golden_hazards_support.hpp"
#include "oxidize/analyze/analyze_file.hpp"
#include "oxidize/hazards/source_notes.hpp"

namespace oxidize::hazards {
namespace {

using discover::Language;

struct Parsed {
  bool ok = false;
  Suppression suppression;
  std::string problem;
};

Parsed parse(std::string_view comment) {
  Parsed p;
  p.ok = parse_suppression(comment, 10, p.suppression, p.problem);
  return p;
}

TEST(Suppressions, WellFormedMarkersParseWithoutProblems) {
  Parsed p = parse("// oxidize:ignore[OXI-C0004] input is a fixed file");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(p.problem, "");
  EXPECT_EQ(p.suppression.rules, std::vector<std::string>{"OXI-C0004"});
  EXPECT_EQ(p.suppression.reason, "input is a fixed file");
  EXPECT_EQ((std::pair{p.suppression.first_line, p.suppression.last_line}), (std::pair{10u, 10u}));
  EXPECT_TRUE(p.suppression.names("OXI-C0004"));
  EXPECT_FALSE(p.suppression.names("OXI-C0001"));

  p = parse("/* oxidize:ignore[ OXI-C0003 ,OXI-C0009] fmt is ours\n   more */");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(p.suppression.rules, (std::vector<std::string>{"OXI-C0003", "OXI-C0009"}));
  EXPECT_EQ(p.suppression.reason, "fmt is ours");
  EXPECT_EQ(p.suppression.last_line, 11u);

  p = parse("// oxidize:ignore[*]");
  ASSERT_TRUE(p.ok);
  EXPECT_TRUE(p.suppression.names("OXI-R0001"));
  EXPECT_EQ(p.problem, "");

  // Other comments, and other words after "oxidize:", are no business of ours.
  EXPECT_FALSE(parse("// oxidize: scan this folder").ok);
  EXPECT_EQ(parse("// oxidize: scan this folder").problem, "");
}

TEST(Suppressions, UnknownIdsAreNamedAndKnownOnesStillCount) {
  Parsed p = parse("// oxidize:ignore[OXI-X]");
  EXPECT_FALSE(p.ok);
  EXPECT_EQ(p.problem, "unknown rule 'OXI-X' in oxidize:ignore[...] (oxidize hazards --list-rules shows them)");

  p = parse("// oxidize:ignore[OXI-C0004, OXI-C, nope] reason");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(p.suppression.rules, std::vector<std::string>{"OXI-C0004"});
  EXPECT_EQ(p.problem, "unknown rule 'OXI-C', 'nope' in oxidize:ignore[...] (oxidize hazards --list-rules shows them)");

  // Ids are exact, but a case slip gets its correction.
  p = parse("// oxidize:ignore[oxi-c0004]");
  EXPECT_FALSE(p.ok);
  EXPECT_NE(p.problem.find("'oxi-c0004' (did you mean 'OXI-C0004'?)"), std::string::npos) << p.problem;
}

TEST(Suppressions, MalformedMarkersAreProblemsNeverCrashes) {
  for (const std::string_view text : {"// oxidize:ignore", "// oxidize:ignore OXI-C0004", "// oxidize:ignore (OXI-C0004)",
                                      "// oxidize:ignore[", "// oxidize:ignore[OXI-C0004", "/* oxidize:ignore[OXI-C0004\n] */",
                                      "// oxidize:ignore[]", "// oxidize:ignore[ , ]", "oxidize:ignore[\xff\x1b]"}) {
    SCOPED_TRACE(text);
    const Parsed p = parse(text);
    EXPECT_FALSE(p.ok);
    EXPECT_FALSE(p.problem.empty());
  }
  EXPECT_NE(parse("// oxidize:ignore").problem.find("without '['"), std::string::npos);
  EXPECT_NE(parse("// oxidize:ignore[").problem.find("without ']'"), std::string::npos);
  EXPECT_NE(parse("// oxidize:ignore[]").problem.find("no rule id"), std::string::npos);
}

std::vector<model::FileFacts> facts_of(const std::string& text, Language language = Language::c) {
  return {analyze::analyze_file(language == Language::rust ? "a.rs" : "a.c", text, language,
                                {.functions = true, .hazards = true})};
}

// (line, suppressed) of each gets() finding.
std::vector<std::pair<std::uint32_t, bool>> gets_findings(const model::FileFacts& facts) {
  std::vector<std::pair<std::uint32_t, bool>> out;
  for (const auto& f : facts.hazards)
    if (f.rule == RuleId::gets_call) out.emplace_back(f.line, f.suppressed);
  return out;
}

TEST(Suppressions, TrailingCoversItsLineAloneCoversTheNext) {
  const auto facts = facts_of(
      "void f(void) {\n"                                   // 1
      "  char b[8];\n"                                     // 2
      "  gets(b); // oxidize:ignore[OXI-C0004] trailing\n"  // 3
      "  gets(b);\n"                                       // 4
      "  // oxidize:ignore[OXI-C0004] alone\n"             // 5
      "  gets(b);\n"                                       // 6
      "  gets(b);\n"                                       // 7
      "  /* oxidize:ignore[OXI-C0004] before */ gets(b);\n"  // 8
      "  gets(b);\n"                                       // 9
      "  /* oxidize:ignore[OXI-C0004] a block\n"           // 10
      "     over two lines */\n"                           // 11
      "  gets(b);\n"                                       // 12
      "  gets(b);\n"                                       // 13
      "}\n");
  EXPECT_EQ(gets_findings(facts[0]), (std::vector<std::pair<std::uint32_t, bool>>{
                                         {3, true}, {4, false}, {6, true}, {7, false}, {8, true}, {9, false},
                                         {12, true}, {13, false}}));
  EXPECT_TRUE(facts[0].parse_issues.empty());
}

TEST(Suppressions, TrailingAfterAStatementSplitOverLines) {
  // The comment follows code on its line: it covers that line only, where
  // the call's name (the finding's line) is not.
  const auto facts = facts_of(
      "#include <string.h>\n"
      "void f(char *d, const char *s) {\n"
      "  strcpy(d,\n"
      "         s); // oxidize:ignore[OXI-C0001] too late\n"
      "  strcpy(d, s); // oxidize:ignore[OXI-C0001] right\n"
      "}\n");
  std::vector<std::pair<std::uint32_t, bool>> seen;
  for (const auto& f : facts[0].hazards)
    if (f.rule == RuleId::strcpy_unbounded) seen.emplace_back(f.line, f.suppressed);
  EXPECT_EQ(seen, (std::vector<std::pair<std::uint32_t, bool>>{{3, false}, {5, true}}));
}

TEST(Suppressions, RustCommentsWorkTheSameWay) {
  const auto facts = facts_of(
      "fn f(p: *const u8) -> u8 {\n"
      "    // oxidize:ignore[OXI-R0001] checked by the caller\n"
      "    let a = unsafe { *p };\n"
      "    let b = unsafe { *p }; // oxidize:ignore[OXI-R0001] same\n"
      "    let c = unsafe { *p };\n"
      "    a + b + c\n"
      "}\n",
      Language::rust);
  std::vector<std::pair<std::uint32_t, bool>> blocks;
  for (const auto& f : facts[0].hazards)
    if (f.rule == RuleId::rust_unsafe_block) blocks.emplace_back(f.line, f.suppressed);
  EXPECT_EQ(blocks, (std::vector<std::pair<std::uint32_t, bool>>{{3, true}, {4, true}, {5, false}}));
}

// Each malformed marker of the golden fixture is one issue on its own line,
// which the scan prints as a warning (path:line).
TEST(Suppressions, GoldenFixtureWarnsOncePerMalformedComment) {
  const auto path = test::source_path("tests/golden/hazards/suppressions.c");
  const std::string text = test::read_file_bytes(path);
  const auto facts = test::analyze_fixture(path, text);
  ASSERT_TRUE(facts);
  const auto line_of = [&](std::string_view needle) {
    const auto at = text.find(needle);
    EXPECT_NE(at, std::string::npos) << needle;
    return 1u + static_cast<std::uint32_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
  };
  std::vector<std::pair<std::uint32_t, std::string>> issues;
  for (const auto& issue : facts->parse_issues) issues.emplace_back(issue.line, issue.message);
  const std::vector<std::pair<std::uint32_t, std::string>> expected = {
      {line_of("oxidize:ignore[OXI-C] "),
       "unknown rule 'OXI-C' in oxidize:ignore[...] (oxidize hazards --list-rules shows them)"},
      {line_of("oxidize:ignore[OXI-C0004, OXI-X]"),
       "unknown rule 'OXI-X' in oxidize:ignore[...] (oxidize hazards --list-rules shows them)"},
      {line_of("oxidize:ignore OXI-C0004"),
       "malformed suppression: 'oxidize:ignore' without '[' (write oxidize:ignore[RULE-ID,...] reason)"},
      {line_of("oxidize:ignore[OXI-C0004 never"),
       "malformed suppression: 'oxidize:ignore[' without ']' (write oxidize:ignore[RULE-ID,...] reason)"},
      {line_of("oxidize:ignore[] no id"),
       "malformed suppression: no rule id in 'oxidize:ignore[]' (write oxidize:ignore[RULE-ID,...] reason)"},
  };
  EXPECT_EQ(issues, expected);
}

}  // namespace
}  // namespace oxidize::hazards
