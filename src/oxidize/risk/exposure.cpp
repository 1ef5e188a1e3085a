#include "oxidize/risk/exposure.hpp"

#include <algorithm>
#include <array>

namespace oxidize::risk {

namespace {

// Sorted: binary search.
constexpr std::array<std::string_view, 44> k_input_calls = {
    "BIO_read",      "SSL_read",        "SSL_read_ex",      "__copy_from_user", "__get_user",
    "accept",        "accept4",         "copy_from_user",   "fgetc",            "fgets",
    "fgetwc",        "fgetws",          "fread",            "fscanf",           "get_user",
    "getc",          "getchar",         "getdelim",         "getenv",           "getline",
    "gets",          "gnutls_record_recv", "memdup_user",   "ntohl",            "ntohs",
    "pread",         "pread64",         "preadv",           "read",             "readv",
    "recv",          "recvfrom",        "recvmmsg",         "recvmsg",          "scanf",
    "secure_getenv", "sscanf",          "strndup_user",     "vfscanf",          "vscanf",
    "vsscanf",       "wolfSSL_read",    "xdr_bytes",        "xdr_string",
};

constexpr std::array<std::string_view, 10> k_parser_words = {
    "parse", "decode", "unpack", "deserialize", "deserialise", "inflate", "unescape", "tokenize", "tokenise", "demux",
};

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || is_upper(c) || (c >= '0' && c <= '9'); }

// `word` (lower case) at position `at` of `name`, starting a word: at the
// beginning, after a non-letter, or an upper-case letter after a lower-case
// one (xmlParse).
bool word_at(std::string_view name, std::size_t at, std::string_view word) {
  if (at + word.size() > name.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (lower(name[at + i]) != word[i]) return false;
  if (at == 0) return true;
  const char before = name[at - 1];
  return !is_alnum(before) || (is_upper(name[at]) && !is_upper(before));
}

}  // namespace

bool reads_input(std::string_view callee) {
  return std::binary_search(k_input_calls.begin(), k_input_calls.end(), callee);
}

bool parser_name(std::string_view name) {
  for (std::size_t at = 0; at < name.size(); ++at)
    for (std::string_view word : k_parser_words)
      if (word_at(name, at, word)) return true;
  return false;
}

}  // namespace oxidize::risk
