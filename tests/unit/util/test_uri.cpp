#include "oxidize/util/uri.hpp"

#include <gtest/gtest.h>

namespace oxidize::util {
namespace {

TEST(Uri, PathBytesArePercentEncoded) {
  EXPECT_EQ(percent_encode_path("src/net/socket.c"), "src/net/socket.c");
  EXPECT_EQ(percent_encode_path("a b%c#d?e"), "a%20b%25c%23d%3Fe");
  EXPECT_EQ(percent_encode_path("c:x.c"), "c%3Ax.c");
  EXPECT_EQ(percent_encode_path("caf\xC3\xA9\xFF\x1B\t\"\\"), "caf%C3%A9%FF%1B%09%22%5C");
  EXPECT_EQ(percent_encode_path("~a-b_c.d"), "~a-b_c.d");
}

TEST(Uri, DecodeIsTheInverse) {
  const std::string hostile = "dir/q\"u,o\\te\x1b[31m\xFF\r\n.c";
  EXPECT_EQ(percent_decode(percent_encode_path(hostile)), hostile);
  EXPECT_EQ(percent_decode("a%2fb"), "a/b");
  EXPECT_EQ(percent_decode("a%2"), std::nullopt);
  EXPECT_EQ(percent_decode("a%zz"), std::nullopt);
}

TEST(Uri, FileUris) {
  EXPECT_EQ(file_uri("/work/my tree", true), "file:///work/my%20tree/");
  EXPECT_EQ(file_uri("/work/tree/", true), "file:///work/tree/");
  EXPECT_EQ(file_uri("/work/a.c", false), "file:///work/a.c");
}

}  // namespace
}  // namespace oxidize::util
