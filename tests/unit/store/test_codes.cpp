#include "oxidize/store/codes.hpp"

#include <gtest/gtest.h>

#include <set>

namespace oxidize::store {
namespace {

TEST(Codes, EveryKeyReadsBackAndUnknownOnesDoNot) {
  std::set<std::string_view> keys;
  for (const auto what : {lex::Unterminated::none, lex::Unterminated::block_comment, lex::Unterminated::string,
                          lex::Unterminated::raw_string, lex::Unterminated::character}) {
    EXPECT_EQ(unterminated_from_key(unterminated_key(what)), what);
    keys.insert(unterminated_key(what));
  }
  EXPECT_EQ(keys.size(), 5u);
  for (const auto why : {discover::Exclusion::none, discover::Exclusion::vendored, discover::Exclusion::generated})
    EXPECT_EQ(exclusion_from_key(discover::exclusion_key(why)), why);
  for (std::size_t i = 0; i < static_cast<std::size_t>(discover::Skip::count_); ++i) {
    const auto why = static_cast<discover::Skip>(i);
    EXPECT_EQ(skip_from_key(discover::skip_key(why)), why);
  }
  EXPECT_EQ(unterminated_from_key("block comment"), std::nullopt);  // the display name is not the key
  EXPECT_EQ(exclusion_from_key("bundled"), std::nullopt);
  EXPECT_EQ(skip_from_key(""), std::nullopt);
}

}  // namespace
}  // namespace oxidize::store
