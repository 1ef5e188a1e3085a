#include "oxidize/risk/path_role.hpp"

#include <gtest/gtest.h>

namespace oxidize::risk {
namespace {

TEST(PathRole, ProductCodeByDefault) {
  EXPECT_EQ(path_role("lib/url.c"), PathRole::product);
  EXPECT_EQ(path_role("src/tool_main.c"), PathRole::product);
  EXPECT_EQ(path_role("parser.c"), PathRole::product);
  // Words inside a name are not folders: "latest", "contest", "testament".
  EXPECT_EQ(path_role("lib/latest/contest.c"), PathRole::product);
  EXPECT_EQ(path_role("src/testament.c"), PathRole::product);
  EXPECT_EQ(path_role("lib/attest.c"), PathRole::product);
}

TEST(PathRole, FoldersAnywhereInThePathWithoutCase) {
  EXPECT_EQ(path_role("tests/unit/a.c"), PathRole::test);
  EXPECT_EQ(path_role("lib/Test/a.c"), PathRole::test);
  EXPECT_EQ(path_role("docs/examples/simple.c"), PathRole::docs);  // the first folder decides
  EXPECT_EQ(path_role("examples/simple.c"), PathRole::example);
  EXPECT_EQ(path_role("oss-fuzz/x.c"), PathRole::fuzz);
  EXPECT_EQ(path_role("benchmarks/b.cc"), PathRole::bench);
}

TEST(PathRole, FileNameForms) {
  EXPECT_EQ(path_role("src/test_parser.c"), PathRole::test);
  EXPECT_EQ(path_role("src/parser_test.cc"), PathRole::test);
  EXPECT_EQ(path_role("src/parser-tests.c"), PathRole::test);
  EXPECT_EQ(path_role("src/parser_unittest.cc"), PathRole::test);
  EXPECT_EQ(path_role("src/png_fuzzer.cc"), PathRole::fuzz);
  EXPECT_EQ(path_role("fuzz_target.c"), PathRole::fuzz);
  EXPECT_EQ(path_role("src/test_.c"), PathRole::product);  // nothing after the prefix
  EXPECT_EQ(path_role("test.c"), PathRole::product);       // a file called test is not a test folder
}

}  // namespace
}  // namespace oxidize::risk
