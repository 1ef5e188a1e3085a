#include "oxidize/cli/options.hpp"

#include <gtest/gtest.h>

namespace oxidize::cli {
namespace {

TEST(Options, Sizes) {
  EXPECT_EQ(parse_size("4096").value(), 4096u);
  EXPECT_EQ(parse_size("64K").value(), 64u << 10);
  EXPECT_EQ(parse_size("200M").value(), 200u << 20);
  EXPECT_EQ(parse_size("1G").value(), std::size_t{1} << 30);
  EXPECT_FALSE(parse_size("").has_value());
  EXPECT_FALSE(parse_size("12X").has_value());
  EXPECT_FALSE(parse_size("-1").has_value());
}

TEST(Options, GroupBy) {
  EXPECT_EQ(parse_group("language")->by, scan::GroupBy::language);
  EXPECT_EQ(parse_group("file")->by, scan::GroupBy::file);
  EXPECT_EQ(parse_group("dir")->depth, 0u);
  EXPECT_EQ(parse_group("dir:3")->depth, 3u);
  EXPECT_FALSE(parse_group("dir:0").has_value());
  EXPECT_FALSE(parse_group("dir:x").has_value());
  EXPECT_FALSE(parse_group("planet").has_value());
}

TEST(Options, ExtensionMappings) {
  auto m = parse_ext("inc=c");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->first, "inc");
  EXPECT_EQ(m->second, discover::Language::c);
  EXPECT_EQ(parse_ext(".cu=cpp")->first, "cu");
  EXPECT_FALSE(parse_ext("inc").has_value());
  EXPECT_FALSE(parse_ext("inc=cobol").has_value());
  EXPECT_FALSE(parse_ext("=c").has_value());
}

}  // namespace
}  // namespace oxidize::cli
