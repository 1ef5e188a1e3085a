#include "oxidize/lex/rust_lexer.hpp"

#include <gtest/gtest.h>

#include <ostream>

#include "lex_test_support.hpp"

namespace oxidize::lex {
namespace {

using testing::Collect;
using testing::describe;
using testing::lc;

LineCounts count(std::string_view src) { return lex_rust(src).lines; }

std::vector<std::string> toks(std::string_view src) {
  Collect sink;
  lex_rust(src, sink);
  return describe(src, sink.tokens);
}

TEST(RustLexerLines, NestedBlockCommentsCloseAtTheirOwnEnd) {
  EXPECT_EQ(count("/* outer /* inner */ still comment */\nfn f() {}\n"), lc(1, 1, 0));
  EXPECT_EQ(count("/* a\n/* b */\n*/\nlet x = 1;\n"), lc(1, 3, 0));
}

TEST(RustLexerLines, ByteOrderMarkIsNotCode) {
  EXPECT_EQ(count("\xEF\xBB\xBF// c\nfn f() {}\n"), lc(1, 1, 0));
}

TEST(RustLexerTokens, DocCommentsAreTheirOwnKind) {
  EXPECT_EQ(toks("/// doc\n//! inner\n//// plain\n/** d */ /*! e */ /**/ /*** f */"),
            (std::vector<std::string>{"doc_comment:/// doc", "doc_comment://! inner",
                                      "comment://// plain", "doc_comment:/** d */",
                                      "doc_comment:/*! e */", "comment:/**/", "comment:/*** f */"}));
}

TEST(RustLexerTokens, StringsRawStringsAndByteStrings) {
  EXPECT_EQ(toks(R"rs(r#"a "quoted" b"# br"x" b"y\"z" c"w" r"" )rs"),
            (std::vector<std::string>{"string:r#\"a \"quoted\" b\"#", "string:br\"x\"",
                                      "string:b\"y\\\"z\"", "string:c\"w\"", "string:r\"\""}));
  // A multi-line string: its lines are code, a whitespace-only one is blank.
  EXPECT_EQ(count("let s = \"a\n\n// not a comment\nb\";\n"), lc(3, 0, 1));
  // r##"..."## ends only at a quote followed by two hashes.
  EXPECT_EQ(toks("r##\"a\"#b\"##;"), (std::vector<std::string>{"string:r##\"a\"#b\"##", "punct:;"}));
}

TEST(RustLexerTokens, LifetimesLabelsAndCharacters) {
  EXPECT_EQ(toks("fn f<'a>(x: &'a str) -> char { 'x' }"),
            (std::vector<std::string>{"identifier:fn", "identifier:f", "punct:<", "lifetime:'a",
                                      "punct:>", "punct:(", "identifier:x", "punct::", "punct:&",
                                      "lifetime:'a", "identifier:str", "punct:)", "punct:->",
                                      "identifier:char", "punct:{", "character:'x'", "punct:}"}));
  EXPECT_EQ(toks("'outer: loop { break 'outer; }")[0], "lifetime:'outer");
  EXPECT_EQ(toks("'\\n' '\\'' '\\u{1F600}' b'a' 'é' '\"'"),
            (std::vector<std::string>{"character:'\\n'", "character:'\\''", "character:'\\u{1F600}'",
                                      "character:b'a'", "character:'é'", "character:'\"'"}));
  EXPECT_EQ(toks("&'static str")[1], "lifetime:'static");
}

TEST(RustLexerTokens, NumbersStopBeforeRangesAndMethods) {
  EXPECT_EQ(toks("1..2 1.5e-3f64 0x_ff_u8 1.max(2) 3."),
            (std::vector<std::string>{"number:1", "punct:..", "number:2", "number:1.5e-3f64",
                                      "number:0x_ff_u8", "number:1", "punct:.", "identifier:max",
                                      "punct:(", "number:2", "punct:)", "number:3."}));
  EXPECT_EQ(toks("a..=b => c::d"),
            (std::vector<std::string>{"identifier:a", "punct:..=", "identifier:b", "punct:=>",
                                      "identifier:c", "punct:::", "identifier:d"}));
}

TEST(RustLexerTokens, RawIdentifiers) {
  EXPECT_EQ(toks("r#match r#type"), (std::vector<std::string>{"identifier:r#match", "identifier:r#type"}));
}

TEST(RustLexerUnterminated, ReportedAtEndOfFile) {
  EXPECT_EQ(lex_rust("/* /* */").unterminated, Unterminated::block_comment);
  EXPECT_EQ(lex_rust("let s = \"abc\n").unterminated, Unterminated::string);
  const auto r = lex_rust("let s = r#\"abc\"\n\n");
  EXPECT_EQ(r.unterminated, Unterminated::raw_string);
  EXPECT_EQ(r.unterminated_line, 1u);
  EXPECT_EQ(lex_rust("fn f() {}").unterminated, Unterminated::none);
}

TEST(RustLexerRobustness, AnyBytesAreAccepted) {
  const std::string junk("'\xff'\0r#\"\x80 b'\n'", 13);
  Collect sink;
  const auto r = lex_rust(junk, sink);
  EXPECT_GE(r.lines.lines(), 1u);
  for (const auto& t : sink.tokens) EXPECT_LE(t.end, junk.size());
}

}  // namespace
}  // namespace oxidize::lex
