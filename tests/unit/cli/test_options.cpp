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
  EXPECT_EQ(parse_group("language")->by, model::GroupBy::language);
  EXPECT_EQ(parse_group("file")->by, model::GroupBy::file);
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

TEST(Options, RuleSelection) {
  const auto all = parse_rule_selection({}, {});
  ASSERT_TRUE(all.has_value());
  EXPECT_TRUE(all->all());
  const auto some = parse_rule_selection({"OXI-C0001, oxi-c0004", "OXI-R"}, {"OXI-R0001"});
  ASSERT_TRUE(some.has_value()) << some.error();
  EXPECT_TRUE(some->test(static_cast<std::size_t>(hazards::RuleId::strcpy_unbounded)));
  EXPECT_TRUE(some->test(static_cast<std::size_t>(hazards::RuleId::gets_call)));
  EXPECT_TRUE(some->test(static_cast<std::size_t>(hazards::RuleId::rust_transmute)));
  EXPECT_FALSE(some->test(static_cast<std::size_t>(hazards::RuleId::rust_unsafe_block)));
  EXPECT_FALSE(some->test(static_cast<std::size_t>(hazards::RuleId::strcat_unbounded)));
  const auto none_excluded = parse_rule_selection({}, {"OXI-C"});
  ASSERT_TRUE(none_excluded.has_value());
  EXPECT_FALSE(none_excluded->test(static_cast<std::size_t>(hazards::RuleId::gets_call)));
  EXPECT_TRUE(none_excluded->test(static_cast<std::size_t>(hazards::RuleId::rust_static_mut)));
  const auto bad = parse_rule_selection({"OXI-C0001,OXI-X"}, {});
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().find("unknown rule 'OXI-X' in --rules"), std::string::npos);
  EXPECT_FALSE(parse_rule_selection({}, {"C0001"}).has_value());
}

}  // namespace
}  // namespace oxidize::cli
