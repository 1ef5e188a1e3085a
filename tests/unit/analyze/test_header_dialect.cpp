#include "oxidize/analyze/header_dialect.hpp"

#include <gtest/gtest.h>

#include "oxidize/lex/c_lexer.hpp"

namespace oxidize::analyze {
namespace {

bool is_cpp(std::string_view src) {
  HeaderDialectSink sink(src);
  lex::lex_c(src, sink);
  return sink.is_cpp();
}

TEST(HeaderDialect, CppConstructs) {
  EXPECT_TRUE(is_cpp("namespace foo { int x; }"));
  EXPECT_TRUE(is_cpp("namespace { int x; }"));
  EXPECT_TRUE(is_cpp("template <typename T> T max(T a, T b);"));
  EXPECT_TRUE(is_cpp("class Widget {\n public:\n  int x;\n};"));
  EXPECT_TRUE(is_cpp("class Derived : Base {};"));
  EXPECT_TRUE(is_cpp("struct S {\npublic:\n int x; };"));
  EXPECT_TRUE(is_cpp("bool operator==(const S&, const S&);"));
  EXPECT_TRUE(is_cpp("std::string name();"));
  EXPECT_TRUE(is_cpp("extern \"C++\" int f();"));
}

TEST(HeaderDialect, CHeadersWithCppLookingNames) {
  EXPECT_FALSE(is_cpp("struct pci_dev { u8 class; void *new; int this; };"));
  EXPECT_FALSE(is_cpp("#ifdef __cplusplus\nextern \"C\" {\n#endif\nint f(void);\n"));
  EXPECT_FALSE(is_cpp("/* namespace foo { } */ int x;"));            // in a comment
  EXPECT_FALSE(is_cpp("#define NS namespace x {\nint y;\n"));        // in a directive
  EXPECT_FALSE(is_cpp("const char *s = \"template <T>\";"));         // in a string
  EXPECT_FALSE(is_cpp("struct x { int public; };"));
}

}  // namespace
}  // namespace oxidize::analyze
