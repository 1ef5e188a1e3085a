#include "oxidize/config/glob.hpp"

#include <gtest/gtest.h>

namespace oxidize::config {
namespace {

bool match(std::string_view pattern, std::string_view path) {
  const auto g = Glob::compile(pattern);
  EXPECT_TRUE(g.has_value()) << pattern;
  return g && g->matches(path);
}

TEST(Glob, StarStaysInOneSegmentAndPatternsAreAnchored) {
  EXPECT_TRUE(match("*.c", "a.c"));
  EXPECT_FALSE(match("*.c", "src/a.c"));
  EXPECT_TRUE(match("examples/*.c", "examples/demo.c"));
  EXPECT_FALSE(match("examples/*.c", "examples/sub/demo.c"));
  EXPECT_FALSE(match("examples/*.c", "examples/demo.h"));
  EXPECT_FALSE(match("a.c", "xa.c"));
  EXPECT_FALSE(match("a", "ab.c"));
}

TEST(Glob, GlobstarCrossesDirectories) {
  EXPECT_TRUE(match("tests/**", "tests/a.c"));
  EXPECT_TRUE(match("tests/**", "tests/unit/deep/a.c"));
  EXPECT_FALSE(match("tests/**", "src/tests/a.c"));
  EXPECT_TRUE(match("**/test_*.c", "test_a.c"));
  EXPECT_TRUE(match("**/test_*.c", "a/b/test_a.c"));
  EXPECT_FALSE(match("**/test_*.c", "a/b/mytest_a.c"));
  EXPECT_TRUE(match("a/**/b.c", "a/b.c"));
  EXPECT_TRUE(match("a/**/b.c", "a/x/y/b.c"));
  EXPECT_FALSE(match("a/**/b.c", "a/xb.c"));  // "**/" is whole directories
  EXPECT_TRUE(match("src/**.c", "src/x/y.c"));
}

TEST(Glob, DirectoryMatchCoversEverythingBelow) {
  EXPECT_TRUE(match("tests", "tests/unit/a.c"));
  EXPECT_TRUE(match("tests/", "tests/unit/a.c"));
  EXPECT_FALSE(match("tests/", "tests"));  // a file named tests is no directory
  EXPECT_TRUE(match("tests", "tests"));
  EXPECT_TRUE(match("*/fixtures", "lib/fixtures/x.c"));
  EXPECT_TRUE(match("./vendor", "vendor/z.c"));
  EXPECT_TRUE(match("/vendor", "vendor/z.c"));
}

TEST(Glob, QuestionMarkSetsAndEscapes) {
  EXPECT_TRUE(match("a?.c", "ab.c"));
  EXPECT_FALSE(match("a?.c", "a/.c"));
  EXPECT_TRUE(match("caf?.c", "caf\xC3\xA9.c"));  // one character, two bytes
  EXPECT_TRUE(match("[ab].c", "b.c"));
  EXPECT_FALSE(match("[ab].c", "c.c"));
  EXPECT_TRUE(match("[a-c]x", "bx"));
  EXPECT_TRUE(match("[!a-c]x", "dx"));
  EXPECT_FALSE(match("[^a-c]x", "ax"));
  EXPECT_TRUE(match("[]]", "]"));
  EXPECT_TRUE(match("\\*.c", "*.c"));
  EXPECT_FALSE(match("\\*.c", "a.c"));
  EXPECT_TRUE(match("bad?.c", "bad\xFF.c"));
  EXPECT_TRUE(match("bad\xFF.c", "bad\xFF.c"));
}

TEST(Glob, NoBacktrackingBlowUp) {
  const std::string path = std::string(5000, 'a');
  EXPECT_FALSE(match("*a*a*a*a*a*a*a*a*a*a*a*a*b", path));
  EXPECT_FALSE(match("**a**a**a**a**a**a**a**b", path));
}

TEST(Glob, BadPatterns) {
  EXPECT_FALSE(Glob::compile("").has_value());
  EXPECT_FALSE(Glob::compile("/").has_value());
  EXPECT_FALSE(Glob::compile("[abc").has_value());
  EXPECT_FALSE(Glob::compile("a\\").has_value());
}

TEST(Glob, MatchesAny) {
  std::vector<Glob> globs = {*Glob::compile("tests/**"), *Glob::compile("*.inc")};
  EXPECT_TRUE(matches_any(globs, "tests/a.c"));
  EXPECT_TRUE(matches_any(globs, "x.inc"));
  EXPECT_FALSE(matches_any(globs, "src/x.c"));
  EXPECT_FALSE(matches_any({}, "src/x.c"));
}

TEST(Glob, BaseIsPutBeforeThePath) {
  auto g = *Glob::compile("src/gen/**");
  EXPECT_FALSE(g.matches("gen/a.c"));
  g.set_base("src/");
  EXPECT_TRUE(g.matches("gen/a.c"));
  EXPECT_FALSE(g.matches("a.c"));
  // A pattern naming a folder above the scanned one matches everything in it.
  auto all = *Glob::compile("src");
  all.set_base("src/deep/");
  EXPECT_TRUE(all.matches("x.c"));
}

}  // namespace
}  // namespace oxidize::config
