// The hazard analysis's compact token store (src/oxidize/lex/code_tokens.hpp):
// every token the C lexer gives comes back whole (kind, bytes, line), and the
// brackets are paired as a one-pass stack would pair them, stray ones included.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lex_test_support.hpp"
#include "oxidize/lex/c_lexer.hpp"
#include "oxidize/lex/code_tokens.hpp"

namespace oxidize::lex {
namespace {

struct Recorded {
  std::vector<Token> tokens;  // the code tokens, as the lexer gave them
  CodeTokens code;
};

Recorded record(std::string_view src) {
  testing::Collect all;
  lex_c(src, all);
  Recorded r;
  for (const Token& t : all.tokens) {
    if (t.kind >= TokenKind::comment) continue;
    r.tokens.push_back(t);
    r.code.push_back(t, src);
  }
  return r;
}

TEST(CodeTokens, GivesBackEveryTokenWhole) {
  const std::string src =
      "int f(int a)\n{\n  /* x */ return a[0] +\n\n      \"str\\n\" [1];\n}\nchar *p = \"x\"; int q;\n";
  const Recorded r = record(src);
  ASSERT_EQ(r.code.size(), r.tokens.size());
  std::size_t hint = 0;
  for (std::size_t i = 0; i < r.tokens.size(); ++i) {
    SCOPED_TRACE(i);
    const Token& t = r.tokens[i];
    EXPECT_EQ(r.code.kind(i), t.kind);
    EXPECT_EQ(r.code.begin(i), t.begin);
    EXPECT_EQ(r.code.end(i), t.end);
    EXPECT_EQ(r.code.text(src, i), t.text(src));
    EXPECT_EQ(r.code.line(i), t.line);
    EXPECT_EQ(r.code.line(i, hint), t.line);  // reading forward with a hint
  }
  // Backward and far jumps with a hint left elsewhere.
  for (std::size_t i = r.tokens.size(); i-- > 0;) EXPECT_EQ(r.code.line(i, hint), r.tokens[i].line);
  hint = r.tokens.size() - 1;
  EXPECT_EQ(r.code.line(0, hint), 1u);
}

// The pairs a stack over ( [ { gives, a closer unwinding to the nearest
// opener of its kind: written out by hand for each case.
std::vector<std::pair<std::string, std::string>> pairs(std::string_view src) {
  const Recorded r = record(src);
  std::vector<std::pair<std::string, std::string>> out;
  for (std::size_t i = 0; i < r.code.size(); ++i) {
    const std::uint32_t m = r.code.match(i);
    if (m == CodeTokens::k_unmatched || m < i) continue;
    EXPECT_EQ(r.code.match(m), i);
    out.emplace_back(std::to_string(i) + std::string(r.code.text(src, i)),
                     std::to_string(m) + std::string(r.code.text(src, m)));
  }
  return out;
}

TEST(CodeTokens, PairsBrackets) {
  using P = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(pairs("f(a[1], {2});"), (P{{"1(", "10)"}, {"3[", "5]"}, {"7{", "9}"}}));
  // A stray `(` inside a block: the block's braces still pair, the `(` not.
  EXPECT_EQ(pairs("{ ( }"), (P{{"0{", "2}"}}));
  // A closer with no opener of its kind: unmatched, and nothing unwinds.
  EXPECT_EQ(pairs("( ] )"), (P{{"0(", "2)"}}));
  // Openers of other kinds between a closer and its opener are dropped.
  EXPECT_EQ(pairs("[ ( { ]"), (P{{"0[", "3]"}}));
  EXPECT_TRUE(pairs(")))").empty());
  EXPECT_TRUE(pairs("( }").empty());
}

TEST(CodeTokens, StartsAfreshWhenCleared) {
  const std::string src(40, 'x');
  CodeTokens code;
  code.push_back(Token{TokenKind::identifier, 0, 10, 1}, src);
  code.push_back(Token{TokenKind::string, 10, 40, 3}, src);
  EXPECT_EQ(code.end(0), 10u);
  EXPECT_EQ(code.end(1), 40u);
  EXPECT_EQ(code.line(1), 3u);
  code.clear();
  EXPECT_TRUE(code.empty());
  code.push_back(Token{TokenKind::punct, 0, 1, 7}, "(");
  EXPECT_EQ(code.line(0), 7u);
  EXPECT_EQ(code.match(0), CodeTokens::k_unmatched);
}

TEST(CodeTokens, ReleasesAHugeFilesStorage) {
  const std::string src = "a b c d";
  CodeTokens code;
  for (std::uint32_t i = 0; i < 4; ++i) code.push_back(Token{TokenKind::identifier, 2 * i, 2 * i + 1, 1}, src);
  code.release_if_above(std::size_t{1} << 20);
  EXPECT_EQ(code.size(), 4u);  // under the limit: kept
  code.release_if_above(2);
  EXPECT_TRUE(code.empty());
  code.push_back(Token{TokenKind::identifier, 0, 1, 2}, src);
  EXPECT_EQ(code.line(0), 2u);
}

}  // namespace
}  // namespace oxidize::lex
