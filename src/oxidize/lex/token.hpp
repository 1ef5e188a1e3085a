#pragma once
// The token model shared by every lexer. Later stages (functions, hazards)
// consume these tokens; the inventory only needs the line counts that the
// lexers compute on the way.
#include <cstdint>
#include <cstring>
#include <string_view>

namespace oxidize::lex {

// The kinds before `comment` are the tokens of code; sinks test
// `kind < TokenKind::comment` on their fast path, so keep that order.
enum class TokenKind : std::uint8_t {
  identifier,     // names and keywords (keywords are told apart by later stages)
  number,         // pp-number in C/C++, numeric literal with suffix in Rust
  string,         // any string literal, including raw, byte and header names
  character,      // character and byte literals
  punct,          // operators and punctuators, maximal munch
  comment,        // ordinary comments
  doc_comment,    // Rust ///, //!, /** */, /*! */
  directive,      // the '#' that opens a C/C++ preprocessor line
  directive_end,  // zero-length token at the end of a preprocessor logical line
  lifetime,       // Rust 'a, 'static, loop labels
  unknown,        // a byte that starts no token (control bytes, '@', stray '\\')
};

std::string_view token_kind_name(TokenKind kind);

// A token is a byte range of the file plus the line it starts on (1-based).
// Offsets are 32-bit: the scanner refuses files over 4 GiB before lexing.
struct Token {
  TokenKind kind;
  std::uint32_t begin;
  std::uint32_t end;
  std::uint32_t line;

  // The token's bytes. Unchecked (no substr bounds test): tokens come from
  // lexing `source` itself, and this runs for every token in every sink.
  std::string_view text(std::string_view source) const {
    return std::string_view(source.data() + begin, end - begin);
  }
};

// Physical-line classes with cloc's meaning: a whitespace-only line is blank
// (even inside a comment or string), a line with anything outside comments is
// code, every other line is comment.
struct LineCounts {
  std::uint64_t code = 0;
  std::uint64_t comment = 0;
  std::uint64_t blank = 0;

  std::uint64_t lines() const { return code + comment + blank; }
  LineCounts& operator+=(const LineCounts& o) {
    code += o.code;
    comment += o.comment;
    blank += o.blank;
    return *this;
  }
  bool operator==(const LineCounts&) const = default;
};

// A construct still open at end of file: the file is counted as it stands and
// the scan reports one warning naming the line where the construct began.
enum class Unterminated : std::uint8_t { none, block_comment, string, raw_string, character };

std::string_view unterminated_name(Unterminated what);

struct LexResult {
  LineCounts lines;
  Unterminated unterminated = Unterminated::none;
  std::uint32_t unterminated_line = 0;
};

// True if `text` is spelled exactly `literal`. With the length a constant the
// compiler compares in place instead of calling memcmp, which showed up in
// profiles of sinks that test every token against keywords.
template <std::size_t N>
inline bool spelled(std::string_view text, const char (&literal)[N]) {
  return text.size() == N - 1 && std::memcmp(text.data(), literal, N - 1) == 0;
}

// A sink that ignores tokens: the inventory-only instantiation of a lexer.
struct NullSink {
  void operator()(const Token&) {}
};

}  // namespace oxidize::lex
