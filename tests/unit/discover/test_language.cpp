#include "oxidize/discover/language.hpp"

#include <gtest/gtest.h>

namespace oxidize::discover {
namespace {

TEST(Language, ByExtension) {
  const LanguageMap map;
  EXPECT_EQ(map.for_file_name("a.c"), Language::c);
  EXPECT_EQ(map.for_file_name("a.h"), Language::c_header);
  EXPECT_EQ(map.for_file_name("a.cc"), Language::cpp);
  EXPECT_EQ(map.for_file_name("a.C"), Language::cpp);
  EXPECT_EQ(map.for_file_name("a.hpp"), Language::cpp_header);
  EXPECT_EQ(map.for_file_name("lib.rs"), Language::rust);
  EXPECT_EQ(map.for_file_name("Makefile"), std::nullopt);
  EXPECT_EQ(map.for_file_name(".c"), std::nullopt);  // a hidden file named ".c"
  EXPECT_EQ(map.for_file_name("a."), std::nullopt);
  EXPECT_EQ(map.for_file_name("a.S"), std::nullopt);
}

TEST(Language, UserMappings) {
  LanguageMap map;
  map.extra["inc"] = Language::c;
  map.extra["h"] = Language::cpp_header;
  EXPECT_EQ(map.for_file_name("t.inc"), Language::c);
  EXPECT_EQ(map.for_file_name("t.h"), Language::cpp_header);
}

TEST(Language, KeysRoundTrip) {
  for (const Language lang : k_all_languages)
    EXPECT_EQ(language_from_key(language_key(lang)), lang);
  EXPECT_EQ(language_from_key("cobol"), std::nullopt);
}

}  // namespace
}  // namespace oxidize::discover
