// Fingerprints (docs/rules.md, "Fingerprints"): the rule, the enclosing
// function, the code tokens of the finding's statement and an occurrence
// index; never the line, the column, comments or whitespace.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "oxidize/analyze/analyze_file.hpp"

namespace oxidize::hazards {
namespace {

using discover::Language;

// (rule id, fingerprint) of every finding, sorted: a multiset to compare.
std::vector<std::pair<std::string, std::uint64_t>> prints(const std::string& text, Language language = Language::c) {
  const auto facts = analyze::analyze_file(language == Language::rust ? "a.rs" : "a.c", text, language,
                                           {.functions = true, .hazards = true});
  std::vector<std::pair<std::string, std::uint64_t>> out;
  for (const auto& f : facts.hazards) out.emplace_back(std::string(rule(f.rule).id), f.fingerprint);
  std::sort(out.begin(), out.end());
  return out;
}

const std::string k_original =
    "#include <string.h>\n"
    "void copy(char *dst, const char *src) {\n"
    "  strcpy(dst, src);\n"
    "}\n"
    "int main(void) {\n"
    "  char buf[8];\n"
    "  gets(buf);\n"
    "  return 0;\n"
    "}\n";

TEST(Fingerprints, SurviveEditsThatLeaveTheFlawAlone) {
  const auto before = prints(k_original);
  ASSERT_EQ(before.size(), 2u);
  const std::vector<std::string> edits = {
      // A comment on the flagged line, before and after the code.
      "#include <string.h>\n"
      "void copy(char *dst, const char *src) {\n"
      "  strcpy(dst, src); /* checked by the caller */\n"
      "}\n"
      "int main(void) {\n"
      "  char buf[8];\n"
      "  /* legacy */ gets(buf); // TODO\n"
      "  return 0;\n"
      "}\n",
      // Re-indented and re-spaced, the call wrapped over two lines.
      "#include <string.h>\n"
      "void copy(char *dst, const char *src)\n"
      "{\n"
      "\tstrcpy( dst,\n"
      "\t        src );\n"
      "}\n"
      "int main(void)\n"
      "{\n"
      "    char buf[8];\n"
      "    gets (buf) ;\n"
      "    return 0;\n"
      "}\n",
      // A function inserted above: every line moves.
      "#include <string.h>\n"
      "static int helper(int x) {\n"
      "  return x + 1;\n"
      "}\n"
      "\n"
      "void copy(char *dst, const char *src) {\n"
      "  strcpy(dst, src);\n"
      "}\n"
      "int main(void) {\n"
      "  char buf[8];\n"
      "  gets(buf);\n"
      "  return helper(0);\n"
      "}\n",
      // The two functions swapped.
      "#include <string.h>\n"
      "int main(void) {\n"
      "  char buf[8];\n"
      "  gets(buf);\n"
      "  return 0;\n"
      "}\n"
      "void copy(char *dst, const char *src) {\n"
      "  strcpy(dst, src);\n"
      "}\n",
  };
  for (const auto& edited : edits) {
    SCOPED_TRACE(edited);
    EXPECT_EQ(prints(edited), before);
  }
}

TEST(Fingerprints, ChangeWhenTheFlawChanges) {
  const auto before = prints(k_original);
  const auto with = [&](std::string_view from, std::string_view to) {
    std::string text = k_original;
    text.replace(text.find(from), from.size(), to);
    return prints(text);
  };
  // Another argument, another function name, another rule.
  EXPECT_NE(with("strcpy(dst, src)", "strcpy(dst, src + 1)"), before);
  EXPECT_NE(with("void copy(", "void copy2("), before);
  // A second identical strcpy: the first keeps its fingerprint (occurrence
  // 0), the new one gets another (occurrence 1).
  const auto doubled = with("  strcpy(dst, src);\n", "  strcpy(dst, src);\n  strcpy(dst, src);\n");
  ASSERT_EQ(doubled.size(), 3u);
  std::vector<std::pair<std::string, std::uint64_t>> added;
  std::set_difference(doubled.begin(), doubled.end(), before.begin(), before.end(), std::back_inserter(added));
  ASSERT_EQ(added.size(), 1u);
  EXPECT_EQ(added[0].first, "OXI-C0001");
}

TEST(Fingerprints, TheStatementIsTheUnitNotTheLine) {
  // A finding in a loop header belongs to the whole loop statement: the
  // loop's bound is part of it, a comment in it is not.
  const std::string loop =
      "void f(void) {\n"
      "  char b[4];\n"
      "  for (int i = 0; i <= 4; i++) b[i] = 0;\n"
      "}\n";
  const auto before = prints(loop);
  ASSERT_FALSE(before.empty());
  EXPECT_EQ(prints("void f(void) {\n  char b[4];\n  for (int i = 0; /* to the end */ i <= 4; i++)\n"
                   "    b[i] = 0;\n}\n"),
            before);
  EXPECT_NE(prints("void f(void) {\n  char b[4];\n  for (int i = 0; i <= 5; i++) b[i] = 0;\n}\n"), before);
}

TEST(Fingerprints, RustToo) {
  const std::string text = "fn f(p: *const u8) -> u8 {\n    unsafe { *p }\n}\n";
  const auto before = prints(text, Language::rust);
  ASSERT_FALSE(before.empty());
  EXPECT_EQ(prints("// moved down\n\nfn f(p: *const u8) -> u8 {\n    unsafe {   *p } // ok\n}\n", Language::rust),
            before);
}

}  // namespace
}  // namespace oxidize::hazards
