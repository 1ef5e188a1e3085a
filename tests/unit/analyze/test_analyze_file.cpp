#include "oxidize/analyze/analyze_file.hpp"

#include <gtest/gtest.h>

namespace oxidize::analyze {
namespace {

using discover::Language;

TEST(AnalyzeFile, CountsHashesAndBytes) {
  const auto f = analyze_file("a.c", "int a;\n\n// c\n", Language::c);
  EXPECT_EQ(f.lines.code, 1u);
  EXPECT_EQ(f.lines.blank, 1u);
  EXPECT_EQ(f.lines.comment, 1u);
  EXPECT_EQ(f.bytes, 13u);
  EXPECT_FALSE(f.binary);
  EXPECT_EQ(f.hash, analyze_file("b.c", "int a;\n\n// c\n", Language::c).hash);
  EXPECT_NE(f.hash, analyze_file("a.c", "int b;\n\n// c\n", Language::c).hash);
}

TEST(AnalyzeFile, NulInFirstBlockIsBinary) {
  const std::string bin("\x7f" "ELF\0\0\0", 7);
  const auto f = analyze_file("x.c", bin, Language::c);
  EXPECT_TRUE(f.binary);
  EXPECT_EQ(f.lines.lines(), 0u);
  // A NUL after the first block is just a stray byte in a text file.
  std::string late(9000, 'a');
  late += '\0';
  EXPECT_FALSE(analyze_file("y.c", late, Language::c).binary);
}

TEST(AnalyzeFile, AmbiguousHeaderDecidedByContent) {
  EXPECT_EQ(analyze_file("w.h", "class W {\n};\n", Language::c_header).language, Language::cpp_header);
  EXPECT_EQ(analyze_file("w.h", "struct w { int class; };\n", Language::c_header).language,
            Language::c_header);
  // A user mapping of another extension to c_header is not second-guessed.
  EXPECT_EQ(analyze_file("w.inc", "class W {};\n", Language::c_header).language, Language::c_header);
}

TEST(AnalyzeFile, GeneratedMarkers) {
  // The content's marker only: names are the scope policy's (pipeline/scope).
  EXPECT_TRUE(analyze_file("p.pb.cc", "int x;\n", Language::cpp).generated_why.empty());
  EXPECT_FALSE(analyze_file("g.c", "/* DO NOT EDIT */\nint x;\n", Language::c).generated_why.empty());
  EXPECT_TRUE(analyze_file("h.c", "int x;\n", Language::c).generated_why.empty());
}

TEST(AnalyzeFile, LatinOneAndInvalidUtf8AreCountedAsText) {
  const auto f = analyze_file("l.c", "/* caf\xE9 */\nint x = 1; /* \xFF\xFE */\n", Language::c);
  EXPECT_FALSE(f.binary);
  EXPECT_EQ(f.lines.comment, 1u);
  EXPECT_EQ(f.lines.code, 1u);
}

TEST(AnalyzeFile, RustUsesTheRustLexer) {
  const auto f = analyze_file("m.rs", "/* a /* b */ c */\nfn f() {}\n", Language::rust);
  EXPECT_EQ(f.lines.comment, 1u);
  EXPECT_EQ(f.lines.code, 1u);
}

}  // namespace
}  // namespace oxidize::analyze
