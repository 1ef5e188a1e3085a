#include "oxidize/lex/c_lexer.hpp"

#include <gtest/gtest.h>

#include <ostream>

#include "lex_test_support.hpp"

namespace oxidize::lex {
namespace {

using testing::Collect;
using testing::describe;
using testing::lc;

LineCounts count(std::string_view src) { return lex_c(src).lines; }

std::vector<std::string> toks(std::string_view src) {
  Collect sink;
  lex_c(src, sink);
  return describe(src, sink.tokens);
}

TEST(CLexerLines, CodeCommentBlankWithClocMeaning) {
  EXPECT_EQ(count("int x;\n\n// note\n"), lc(1, 1, 1));
  EXPECT_EQ(count("int x; // trailing comment is still code\n"), lc(1, 0, 0));
  EXPECT_EQ(count("/* a\n\n   b */ int y;\n"), lc(1, 1, 1));  // blank inside a comment stays blank
  EXPECT_EQ(count("/*\n * doc\n */\n"), lc(0, 3, 0));
  EXPECT_EQ(count("   \t \n"), lc(0, 0, 1));
}

TEST(CLexerLines, EmptyFileAndMissingFinalNewline) {
  EXPECT_EQ(count(""), lc(0, 0, 0));
  EXPECT_EQ(count("int x;"), lc(1, 0, 0));
  EXPECT_EQ(count("int x;\n// end"), lc(1, 1, 0));
  EXPECT_EQ(count("int x;\n   "), lc(1, 0, 1));
}

TEST(CLexerLines, CrlfAndLoneCrEndLines) {
  EXPECT_EQ(count("int a;\r\n\r\n// c\r\n"), lc(1, 1, 1));
  EXPECT_EQ(count("int a;\r\rint b;\r"), lc(2, 0, 1));
  Collect sink;
  const std::string_view src = "a\rb\r\nc";
  lex_c(src, sink);
  ASSERT_EQ(sink.tokens.size(), 3u);
  EXPECT_EQ(sink.tokens[0].line, 1u);
  EXPECT_EQ(sink.tokens[1].line, 2u);
  EXPECT_EQ(sink.tokens[2].line, 3u);
}

TEST(CLexerLines, SplicesContinueCommentsAndStrings) {
  // A // comment continued by a backslash swallows the next line (C rule).
  EXPECT_EQ(count("// one \\\n   two\nint x;\n"), lc(1, 2, 0));
  // A line holding only the splice inside a comment is a comment line, not
  // blank (found by the fuzzer).
  EXPECT_EQ(count("// one \\\n  \\\n two\n"), lc(0, 3, 0));
  EXPECT_EQ(count("s = \"a\\\n \\\nb\";\n"), lc(3, 0, 0));
  // A spliced macro: every line is code, a line holding only "\" too.
  EXPECT_EQ(count("#define M(a) \\\n  do { \\\n \\\n  } while (0)\n"), lc(4, 0, 0));
  // A string continued by a splice stays one token.
  EXPECT_EQ(toks("\"ab\\\ncd\";"), (std::vector<std::string>{"string:\"ab\\\ncd\"", "punct:;"}));
}

TEST(CLexerLines, SplicesInsideCommentDelimitersAndEscapes) {
  // Splices are removed before comments are recognised: "*\\<nl>/" closes,
  // "/\\<nl>*" and "/\\<nl>/" open.
  EXPECT_EQ(count("/* a *\\\n/ int x;\nint y;\n"), lc(2, 1, 0));
  EXPECT_EQ(lex_c("/* a *\\\n/ int x;\n").unterminated, Unterminated::none);
  EXPECT_EQ(count("int a; /\\\n* comment */\nint y;\n"), lc(2, 1, 0));
  EXPECT_EQ(count("int a; /\\\n/ comment\n"), lc(1, 1, 0));
  // "\\\\<nl>b": the escape applies to the b after the splice, so the
  // string goes on and the comment after it is a comment.
  EXPECT_EQ(count("const char *s = \"a\\\\\nb\"; /* start\n   more */\nint x;\n"), lc(3, 1, 0));
  EXPECT_EQ(toks("\"a\\\\\nb\""), (std::vector<std::string>{"string:\"a\\\\\nb\""}));
}

TEST(CLexerLines, ByteOrderMarkIsNotCode) {
  EXPECT_EQ(count("\xEF\xBB\xBF// comment\nint a;\n"), lc(1, 1, 0));
  EXPECT_EQ(count("\xEF\xBB\xBF\nint a;\n"), lc(1, 0, 1));
  EXPECT_EQ(toks("\xEF\xBB\xBF#include <a.h>\n")[0], "directive:#");
}

TEST(CLexerLines, CommentMarkersInsideStringsAreNotComments) {
  EXPECT_EQ(count("char *s = \"/* not a comment\";\nint x;\n"), lc(2, 0, 0));
  EXPECT_EQ(count("char c = '\"'; // quote\nint y;\n"), lc(2, 0, 0));
  EXPECT_EQ(count("const char *u = \"http://example.org\";\n"), lc(1, 0, 0));
}

TEST(CLexerLines, RawStringsSpanLinesAndHideCommentMarkers) {
  const std::string_view src = "auto s = R\"x(\n/* inside */\n\n// also inside\n)x\";\n";
  EXPECT_EQ(count(src), lc(4, 0, 1));
  EXPECT_EQ(toks("R\"(a)\" u8R\"d()d)d\""),
            (std::vector<std::string>{"string:R\"(a)\"", "string:u8R\"d()d)d\""}));
  // An invalid delimiter (a space) is no raw string: R is an identifier.
  EXPECT_EQ(toks("R\" (\""), (std::vector<std::string>{"identifier:R", "string:\" (\""}));
}

TEST(CLexerTokens, LiteralsPrefixesAndNumbers) {
  EXPECT_EQ(toks("L'a' u8\"s\" U'\\''"),
            (std::vector<std::string>{"character:L'a'", "string:u8\"s\"", "character:U'\\''"}));
  EXPECT_EQ(toks("1'000'000 0x1p-3 1e+10 .5f"),
            (std::vector<std::string>{"number:1'000'000", "number:0x1p-3", "number:1e+10",
                                      "number:.5f"}));
  EXPECT_EQ(toks("a->b <<= c ... d::e <=> f"),
            (std::vector<std::string>{"identifier:a", "punct:->", "identifier:b", "punct:<<=",
                                      "identifier:c", "punct:...", "identifier:d", "punct:::",
                                      "identifier:e", "punct:<=>", "identifier:f"}));
}

TEST(CLexerTokens, DirectivesAndHeaderNames) {
  EXPECT_EQ(toks("#include <sys/un.h> // x\nint a; # b\n"),
            (std::vector<std::string>{"directive:#", "identifier:include", "string:<sys/un.h>",
                                      "comment:// x", "directive_end:", "identifier:int",
                                      "identifier:a", "punct:;", "punct:#", "identifier:b"}));
  // A directive continued by a splice ends at the next unspliced newline.
  EXPECT_EQ(toks("  # define X \\\n 1\nY"),
            (std::vector<std::string>{"directive:#", "identifier:define", "identifier:X",
                                      "number:1", "directive_end:", "identifier:Y"}));
  // a < b outside #include is an operator.
  EXPECT_EQ(toks("#if a < b\n"), (std::vector<std::string>{"directive:#", "identifier:if", "identifier:a",
                                                           "punct:<", "identifier:b", "directive_end:"}));
}

TEST(CLexerTokens, ApostropheProseInIfZeroStopsAtEndOfLine) {
  const std::string_view src = "#if 0\ndon't do this\n#endif\nint x;\n";
  EXPECT_EQ(count(src), lc(4, 0, 0));
  const auto t = toks(src);
  EXPECT_EQ(t.back(), "punct:;");
}

TEST(CLexerTokens, TokenLinesAreOneBased) {
  Collect sink;
  const std::string_view src = "a\n/* x\n y */ b\n\nc";
  lex_c(src, sink);
  ASSERT_EQ(sink.tokens.size(), 4u);
  EXPECT_EQ(sink.tokens[0].line, 1u);
  EXPECT_EQ(sink.tokens[1].line, 2u);  // the comment starts on line 2
  EXPECT_EQ(sink.tokens[2].line, 3u);
  EXPECT_EQ(sink.tokens[3].line, 5u);
}

TEST(CLexerUnterminated, ReportedWithTheLineWhereTheyStart) {
  auto r = lex_c("int a;\n/* never closed\n\nmore");
  EXPECT_EQ(r.unterminated, Unterminated::block_comment);
  EXPECT_EQ(r.unterminated_line, 2u);
  EXPECT_EQ(r.lines, lc(1, 2, 1));
  r = lex_c("x = R\"(open\n\n");
  EXPECT_EQ(r.unterminated, Unterminated::raw_string);
  r = lex_c("s = \"abc");
  EXPECT_EQ(r.unterminated, Unterminated::string);
  r = lex_c("s = \"abc\nint y;\n");  // ends at the line end: no EOF problem
  EXPECT_EQ(r.unterminated, Unterminated::none);
  EXPECT_EQ(lex_c("c = '\\").unterminated, Unterminated::character);
}

TEST(CLexerRobustness, AnyBytesAreAccepted) {
  const std::string nul_and_high("a\0b\xff\xfe@`\x01\n\\", 10);
  const auto r = lex_c(nul_and_high);
  EXPECT_EQ(r.lines.lines(), 2u);
  Collect sink;
  lex_c(nul_and_high, sink);
  std::uint32_t last_end = 0;
  for (const auto& t : sink.tokens) {
    EXPECT_GE(t.begin, last_end);
    EXPECT_LE(t.end, nul_and_high.size());
    last_end = t.end;
  }
}

TEST(CLexerRobustness, TenMegabyteSingleLine) {
  std::string line(10u << 20, 'x');
  line += " = 1;";
  const auto r = lex_c(line);
  EXPECT_EQ(r.lines, lc(1, 0, 0));
}

}  // namespace
}  // namespace oxidize::lex
