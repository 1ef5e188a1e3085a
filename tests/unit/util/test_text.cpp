#include "oxidize/util/text.hpp"

#include <gtest/gtest.h>

namespace oxidize::util {
namespace {

TEST(Text, Utf8Validation) {
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("caf\xC3\xA9 \xF0\x9F\xA6\x80"));
  EXPECT_FALSE(is_valid_utf8("latin-1 caf\xE9"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // UTF-16 surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // beyond U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xE2\x82"));          // truncated
}

TEST(Text, InvalidBytesBecomeReplacementCharacters) {
  EXPECT_EQ(to_valid_utf8("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(to_valid_utf8("caf\xC3\xA9"), "caf\xC3\xA9");
}

TEST(Text, TerminalEscapingKeepsOneLine) {
  EXPECT_EQ(escape_for_terminal("a\nb\tc\\d\x01\xFF"), "a\\nb\\tc\\\\d\\x01\\xFF");
  EXPECT_EQ(escape_for_terminal("caf\xC3\xA9"), "caf\xC3\xA9");
}

TEST(Text, InvisibleControlsAreEscaped) {
  // U+009B (CSI for some terminals), U+202E (right-to-left override), U+2066.
  EXPECT_EQ(escape_for_terminal("a\xC2\x9B" "31m b\xE2\x80\xAE" "c\xE2\x81\xA6"),
            "a\\u{009B}31m b\\u{202E}c\\u{2066}");
  EXPECT_EQ(source_line_for_terminal("/* \xE2\x80\xAE } \xE2\x81\xA6 */"), "/* \\u{202E} } \\u{2066} */");
  EXPECT_EQ(escape_for_terminal("\xC2\xA0\xE2\x80\x94"), "\xC2\xA0\xE2\x80\x94");  // visible: kept
}

TEST(Text, SourceLinesKeepBackslashesAndEscapeControls) {
  EXPECT_EQ(source_line_for_terminal("c = '\\0'; puts(\"a\\n\");"), "c = '\\0'; puts(\"a\\n\");");
  EXPECT_EQ(source_line_for_terminal("x\t= 1;\x1b[2J\r\xFF"), "x = 1;\\x1B[2J\\r\\xFF");
}

TEST(Text, DotStringsHoldOnlyPrintableEscapedText) {
  EXPECT_EQ(dot_escaped("lib/a.c"), "lib/a.c");
  // A quote or backslash cannot end the string; a newline, a control byte or
  // an invalid byte shows as its escape (whose backslash DOT must keep).
  EXPECT_EQ(dot_escaped("a\"b\\c"), "a\\\"b\\\\\\\\c");
  EXPECT_EQ(dot_escaped("x\ny\x01\xFF"), "x\\\\ny\\\\x01\\\\xFF");
  EXPECT_EQ(dot_escaped("a&lt;b"), "a&amp;lt;b");
  EXPECT_EQ(dot_escaped("caf\xC3\xA9 \xE2\x80\xAE"), "caf\xC3\xA9 \\\\u{202E}");
  // Cut before Graphviz's limit, never inside a UTF-8 sequence.
  EXPECT_EQ(dot_escaped("abc\xC3\xA9", 4), "abc\u2026");
  EXPECT_EQ(dot_escaped(std::string(100000, '\xFF')).size(), 1024 * 5 + 3);
}

TEST(Text, CsvFieldsQuoteOnlyWhenNeeded) {
  EXPECT_EQ(csv_field("src/a.c"), "src/a.c");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\"\n"), "\"say \"\"hi\"\"\n\"");
  EXPECT_EQ(csv_field("x\xFF"), "x\xEF\xBF\xBD");
}

TEST(Text, Base64) {
  EXPECT_EQ(base64(""), "");
  EXPECT_EQ(base64("f"), "Zg==");
  EXPECT_EQ(base64("fo"), "Zm8=");
  EXPECT_EQ(base64("foo"), "Zm9v");
  EXPECT_EQ(base64("\xFF\xFE"), "//4=");
}

TEST(Text, Thousands) {
  EXPECT_EQ(with_thousands(0), "0");
  EXPECT_EQ(with_thousands(999), "999");
  EXPECT_EQ(with_thousands(1000), "1,000");
  EXPECT_EQ(with_thousands(12345), "12,345");
  EXPECT_EQ(with_thousands(1234567), "1,234,567");
}

}  // namespace
}  // namespace oxidize::util
