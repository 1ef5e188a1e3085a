#include "oxidize/risk/exposure.hpp"

#include <gtest/gtest.h>

namespace oxidize::risk {
namespace {

TEST(Exposure, InputReadingCalls) {
  for (const char* name : {"read", "recv", "recvfrom", "fread", "fgets", "getenv", "sscanf", "ntohs",
                           "copy_from_user", "get_user", "SSL_read", "BIO_read"})
    EXPECT_TRUE(reads_input(name)) << name;
  for (const char* name : {"Curl_read", "write", "memcpy", "readdir", "reader", "", "READ"})
    EXPECT_FALSE(reads_input(name)) << name;
}

TEST(Exposure, ParserNamesAtWordBoundaries) {
  for (const char* name : {"parse", "parse_header", "xmlParseChar", "Curl_base64_decode", "htmlParseDocument",
                           "png_inflate", "DecodeFrame", "unpack_record", "json_tokenize", "url_unescape",
                           "PARSE_LINE", "ff_demux"})
    EXPECT_TRUE(parser_name(name)) << name;
  // The word inside a longer word is not a parser: "sparse", "compare", "decoder_free" is one.
  for (const char* name : {"sparse_set", "apparsed", "main", "free_list", "xmlparsechar", ""})
    EXPECT_FALSE(parser_name(name)) << name;
  EXPECT_TRUE(parser_name("decoder_free"));  // "decode" starts the word "decoder"
}

}  // namespace
}  // namespace oxidize::risk
