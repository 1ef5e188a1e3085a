#pragma once
// Byte classes for the hand-written lexers. A 256-entry table keeps the main
// loop to one load and one switch per token start, which is what lets the
// lexers run near the speed of reading the files (see docs/benchmarks.md).
#include <array>
#include <cstdint>

namespace oxidize::lex::detail {

enum CharClass : std::uint8_t {
  cc_other,      // control bytes, NUL, '@', '`': start no token
  cc_space,      // ' ', '\t', '\f', '\v'
  cc_newline,    // '\n'
  cc_cr,         // '\r' (CRLF or a lone CR, which also ends a line)
  cc_ident,      // letters, '_', '$', and every byte >= 0x80 (UTF-8 identifiers)
  cc_digit,      // 0-9
  cc_quote,      // '"'
  cc_apostrophe, // '\''
  cc_slash,      // '/'
  cc_hash,       // '#'
  cc_backslash,  // '\\'
  cc_dot,        // '.'
  cc_punct,      // every other printable ASCII operator or punctuator
};

constexpr std::array<std::uint8_t, 256> make_char_classes() {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    std::uint8_t k = cc_other;
    if (c == ' ' || c == '\t' || c == '\f' || c == '\v') k = cc_space;
    else if (c == '\n') k = cc_newline;
    else if (c == '\r') k = cc_cr;
    else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || c >= 0x80) k = cc_ident;
    else if (c >= '0' && c <= '9') k = cc_digit;
    else if (c == '"') k = cc_quote;
    else if (c == '\'') k = cc_apostrophe;
    else if (c == '/') k = cc_slash;
    else if (c == '#') k = cc_hash;
    else if (c == '\\') k = cc_backslash;
    else if (c == '.') k = cc_dot;
    else if (c > ' ' && c < 0x7f && c != '@' && c != '`') k = cc_punct;
    t[static_cast<std::size_t>(c)] = k;
  }
  return t;
}

inline constexpr std::array<std::uint8_t, 256> k_char_class = make_char_classes();

// One-load membership tables for the innermost loops.
template <class Pred>
constexpr std::array<bool, 256> make_set(Pred pred) {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) t[static_cast<std::size_t>(c)] = pred(c);
  return t;
}
inline constexpr std::array<bool, 256> k_ident_continue = make_set([](int c) {
  const auto k = k_char_class[static_cast<std::size_t>(c)];
  return k == cc_ident || k == cc_digit;
});
// Bytes that end the fast path inside a block comment: '*' (maybe "*/") and line ends.
inline constexpr std::array<bool, 256> k_block_comment_stop =
    make_set([](int c) { return c == '*' || c == '\n' || c == '\r'; });
// Bytes that end the fast path inside a line comment: line ends and '\\' (a splice).
inline constexpr std::array<bool, 256> k_line_comment_stop =
    make_set([](int c) { return c == '\n' || c == '\r' || c == '\\'; });
// Bytes that end the fast path inside a C string or character literal.
inline constexpr std::array<bool, 256> k_c_quoted_stop =
    make_set([](int c) { return c == '"' || c == '\'' || c == '\\' || c == '\n' || c == '\r'; });

inline std::uint8_t char_class(char c) { return k_char_class[static_cast<unsigned char>(c)]; }
inline bool is_space(char c) { return char_class(c) == cc_space; }
inline bool is_line_end(char c) { return c == '\n' || c == '\r'; }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_ident_start(char c) { return char_class(c) == cc_ident; }
inline bool is_ident_continue(char c) { return k_ident_continue[static_cast<unsigned char>(c)]; }
inline bool in_set(const std::array<bool, 256>& set, char c) { return set[static_cast<unsigned char>(c)]; }
// Whitespace of any kind, line ends included: what cloc treats as blank.
inline bool is_blank(char c) {
  const auto k = char_class(c);
  return k == cc_space || k == cc_newline || k == cc_cr;
}

}  // namespace oxidize::lex::detail
