#pragma once
// The Rust lexer: the same token model and line classes as the C lexer, with
// Rust's rules: nested block comments, doc comments (///, //!, /** */, /*! */),
// strings that span lines, raw strings r#"..."# with any number of hashes,
// byte and C strings (b"", br"", c"", cr""), byte characters, raw identifiers
// (r#match), lifetimes and loop labels told apart from character literals, and
// numeric literals with suffixes that stop before a range (1..2) or a method
// call (1.max(2)). Hand-written for the same reason as the C lexer: it is the
// hot core, and it must accept any bytes without failing.
#include <string_view>

#include "oxidize/lex/cursor.hpp"
#include "oxidize/lex/token.hpp"

namespace oxidize::lex {

namespace detail {

// Length of the Rust punctuator at p (1 to 3 bytes), maximal munch.
inline std::size_t rust_punct_length(const char* p, const char* end) {
  const char a = p[0];
  const char b = p + 1 < end ? p[1] : '\0';
  const char c = p + 2 < end ? p[2] : '\0';
  switch (a) {
    case '<':
      if (b == '<') return c == '=' ? 3 : 2;
      return b == '=' ? 2 : 1;
    case '>':
      if (b == '>') return c == '=' ? 3 : 2;
      return b == '=' ? 2 : 1;
    case '.':
      if (b == '.') return (c == '.' || c == '=') ? 3 : 2;
      return 1;
    case ':': return b == ':' ? 2 : 1;
    case '-': return (b == '>' || b == '=') ? 2 : 1;
    case '=': return (b == '>' || b == '=') ? 2 : 1;
    case '&': return (b == '&' || b == '=') ? 2 : 1;
    case '|': return (b == '|' || b == '=') ? 2 : 1;
    case '!': case '+': case '*': case '/': case '%': case '^':
      return b == '=' ? 2 : 1;
    default: return 1;
  }
}

// Bytes in the UTF-8 sequence that lead byte c starts (1 for invalid leads).
inline std::size_t utf8_length(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u >= 0xf0 && u < 0xf8) return 4;
  if (u >= 0xe0) return u < 0xf0 ? 3 : 1;
  if (u >= 0xc0) return 2;
  return 1;
}

// True if the n bytes at p are UTF-8 continuation bytes (never a line end).
inline bool continuation_bytes(const char* p, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i)
    if ((static_cast<unsigned char>(p[i]) & 0xc0) != 0x80) return false;
  return true;
}

template <class Sink>
class RustLexer {
 public:
  RustLexer(std::string_view source, Sink& sink) : c_(source), sink_(sink) {}

  LexResult run() {
    skip_byte_order_mark(c_);
    while (c_.more()) step();
    result_.lines = c_.finish();
    return result_;
  }

 private:
  void step() {
    const char ch = *c_.p_;
    switch (char_class(ch)) {
      case cc_space: ++c_.p_; return;
      case cc_newline:
      case cc_cr: c_.consume_newline(); return;
      case cc_slash:
        if (c_.peek() == '/') return line_comment();
        if (c_.peek() == '*') return block_comment();
        return punct();
      case cc_quote: return quoted(c_.p_, TokenKind::string);
      case cc_apostrophe: return apostrophe();
      case cc_digit: return number();
      case cc_ident: return identifier();
      case cc_dot:
      case cc_hash:
      case cc_punct: return punct();
      default:
        start_token();
        emit(TokenKind::unknown, c_.p_, c_.p_ + 1, c_.line_);
        ++c_.p_;
        return;
    }
  }

  void emit(TokenKind kind, const char* b, const char* e, std::uint32_t line) {
    sink_(Token{kind, c_.offset(b), c_.offset(e), line});
  }

  void start_token() { c_.mark_code(); }

  void unterminated(Unterminated what, std::uint32_t line) {
    if (result_.unterminated == Unterminated::none) {
      result_.unterminated = what;
      result_.unterminated_line = line;
    }
  }

  // Marks a physical line of a multi-line token once it shows a non-blank byte.
  template <bool Comment>
  void mark_body(char ch, bool& marked) {
    if (!marked && !is_space(ch)) {
      if constexpr (Comment) c_.mark_comment();
      else c_.mark_code();
      marked = true;
    }
  }

  void line_comment() {
    const char* b = c_.p_;
    c_.mark_comment();
    // "///x" and "//!x" are doc comments; "////" is an ordinary comment.
    const char third = c_.peek(2);
    const bool doc = third == '!' || (third == '/' && c_.peek(3) != '/');
    const char* p = b + 2;
    while (p < c_.end_ && !is_line_end(*p)) ++p;
    c_.p_ = p;
    emit(doc ? TokenKind::doc_comment : TokenKind::comment, b, p, c_.line_);
  }

  void block_comment() {
    const char* b = c_.p_;
    const std::uint32_t line = c_.line_;
    // "/**x" and "/*!x" are doc comments; "/**/" and "/***" are not.
    const char third = c_.peek(2);
    const bool doc = third == '!' || (third == '*' && c_.peek(3) != '*' && c_.peek(3) != '/');
    c_.mark_comment();
    c_.p_ += 2;
    std::size_t depth = 1;
    bool marked = true;
    for (;;) {
      if (c_.p_ >= c_.end_) {
        unterminated(Unterminated::block_comment, line);
        break;
      }
      const char ch = *c_.p_;
      if (ch == '*' && c_.peek() == '/') {
        mark_body<true>(ch, marked);
        c_.p_ += 2;
        if (--depth == 0) break;
        continue;
      }
      if (ch == '/' && c_.peek() == '*') {
        mark_body<true>(ch, marked);
        c_.p_ += 2;
        ++depth;
        continue;
      }
      if (is_line_end(ch)) {
        c_.consume_newline();
        marked = false;
        continue;
      }
      mark_body<true>(ch, marked);
      ++c_.p_;
    }
    emit(doc ? TokenKind::doc_comment : TokenKind::comment, b, c_.p_, line);
  }

  // "..." with escapes; Rust strings may span lines.
  void quoted(const char* b, TokenKind kind) {
    const std::uint32_t line = c_.line_;
    start_token();
    ++c_.p_;
    bool marked = true;
    for (;;) {
      if (c_.p_ >= c_.end_) {
        unterminated(Unterminated::string, line);
        break;
      }
      const char ch = *c_.p_;
      if (ch == '"') {
        mark_body<false>(ch, marked);
        ++c_.p_;
        break;
      }
      if (is_line_end(ch)) {
        c_.consume_newline();
        marked = false;
        continue;
      }
      mark_body<false>(ch, marked);
      // An escaped quote or backslash is skipped; an escaped line end is left
      // for the line-end branch above so that the line is still counted.
      c_.p_ += (ch == '\\' && c_.has(2) && !is_line_end(c_.p_[1])) ? 2 : 1;
    }
    emit(kind, b, c_.p_, line);
  }

  // r"...", r#"..."#, br##"..."##, cr"...": the prefix starts at b, c_.p_ is
  // at the first '#' or '"'. Returns false (consuming nothing) if no '"'
  // follows the hashes.
  bool raw_string(const char* b) {
    const char* q = c_.p_;
    std::size_t hashes = 0;
    while (q < c_.end_ && *q == '#') {
      ++hashes;
      ++q;
    }
    if (q >= c_.end_ || *q != '"') return false;
    const std::uint32_t line = c_.line_;
    start_token();
    c_.p_ = q + 1;
    bool marked = true;
    for (;;) {
      if (c_.p_ >= c_.end_) {
        unterminated(Unterminated::raw_string, line);
        break;
      }
      const char ch = *c_.p_;
      if (ch == '"' && closes_raw(c_.p_ + 1, hashes)) {
        mark_body<false>(ch, marked);
        c_.p_ += 1 + hashes;
        break;
      }
      if (is_line_end(ch)) {
        c_.consume_newline();
        marked = false;
        continue;
      }
      mark_body<false>(ch, marked);
      ++c_.p_;
    }
    emit(TokenKind::string, b, c_.p_, line);
    return true;
  }

  bool closes_raw(const char* q, std::size_t hashes) const {
    if (static_cast<std::size_t>(c_.end_ - q) < hashes) return false;
    for (std::size_t i = 0; i < hashes; ++i)
      if (q[i] != '#') return false;
    return true;
  }

  // A character literal ('a', '\n', '\u{1F600}', 'é') or a lifetime/label ('a, 'static).
  void apostrophe() { char_or_lifetime(c_.p_); }

  void char_or_lifetime(const char* b) {
    start_token();
    const std::uint32_t line = c_.line_;
    const char* q = c_.p_ + 1;  // after the opening '
    if (q < c_.end_ && *q == '\\') {
      // Skip the escaped byte too, unless it ends the line (an unterminated
      // literal must not swallow a line end uncounted).
      q += (q + 1 < c_.end_ && !is_line_end(q[1])) ? 2 : 1;
      while (q < c_.end_ && *q != '\'' && !is_line_end(*q)) ++q;
      if (q < c_.end_ && *q == '\'') ++q;
      else if (q >= c_.end_) unterminated(Unterminated::character, line);
      c_.p_ = q;
      emit(TokenKind::character, b, c_.p_, line);
      return;
    }
    if (q < c_.end_ && !is_line_end(*q)) {
      const std::size_t n = utf8_length(*q);
      if (static_cast<std::size_t>(c_.end_ - q) > n && q[n] == '\'' && continuation_bytes(q + 1, n - 1)) {
        c_.p_ = q + n + 1;
        emit(TokenKind::character, b, c_.p_, line);
        return;
      }
      if (is_ident_start(*q) && b == c_.p_) {
        while (q < c_.end_ && is_ident_continue(*q)) ++q;
        c_.p_ = q;
        emit(TokenKind::lifetime, b, q, line);
        return;
      }
    }
    // A lone apostrophe: nothing valid starts here.
    c_.p_ = c_.p_ + 1;
    emit(TokenKind::unknown, b, c_.p_, line);
  }

  void identifier() {
    const char* b = c_.p_;
    const char* p = b + 1;
    while (p < c_.end_ && is_ident_continue(*p)) ++p;
    const std::string_view id(b, static_cast<std::size_t>(p - b));
    if (p < c_.end_ && id.size() <= 2) {
      const char next = *p;
      if ((id == "r" || id == "br" || id == "cr") && (next == '"' || next == '#')) {
        c_.p_ = p;
        if (raw_string(b)) return;
        if (id == "r" && next == '#' && p + 1 < c_.end_ && is_ident_start(p[1])) {
          // raw identifier r#match
          const char* q = p + 1;
          while (q < c_.end_ && is_ident_continue(*q)) ++q;
          start_token();
          c_.p_ = q;
          emit(TokenKind::identifier, b, q, c_.line_);
          return;
        }
        c_.p_ = b;
      } else if ((id == "b" || id == "c") && next == '"') {
        c_.p_ = p;
        return quoted(b, TokenKind::string);
      } else if (id == "b" && next == '\'') {
        c_.p_ = p;
        return char_or_lifetime(b);
      }
    }
    start_token();
    c_.p_ = p;
    emit(TokenKind::identifier, b, p, c_.line_);
  }

  // Integer and float literals with '_' separators and type suffixes. A '.' is
  // part of the literal only when a digit follows it or nothing identifier-like
  // does (1. is a float, 1..2 a range, 1.max(2) a method call).
  void number() {
    start_token();
    const char* b = c_.p_;
    const char* p = b + 1;
    const bool radix = *b == '0' && p < c_.end_ && (*p == 'x' || *p == 'o' || *p == 'b');
    auto digits = [&] {
      while (p < c_.end_) {
        const char ch = *p;
        if (!radix && (ch == 'e' || ch == 'E') && p + 1 < c_.end_ && (p[1] == '+' || p[1] == '-')) {
          p += 2;
          continue;
        }
        if (!is_ident_continue(ch)) break;
        ++p;
      }
    };
    digits();
    if (!radix && p < c_.end_ && *p == '.' &&
        !(p + 1 < c_.end_ && (p[1] == '.' || is_ident_start(p[1])))) {
      ++p;
      digits();
    }
    c_.p_ = p;
    emit(TokenKind::number, b, p, c_.line_);
  }

  void punct() {
    start_token();
    const char* b = c_.p_;
    c_.p_ += rust_punct_length(b, c_.end_);
    emit(TokenKind::punct, b, c_.p_, c_.line_);
  }

  Cursor c_;
  Sink& sink_;
  LexResult result_;
};

}  // namespace detail

// Lexes Rust source, handing every token to sink in order, and returns the
// physical line classes of the file.
template <class Sink>
LexResult lex_rust(std::string_view source, Sink& sink) {
  detail::RustLexer<Sink> lexer(source, sink);
  return lexer.run();
}

inline LexResult lex_rust(std::string_view source) {
  NullSink sink;
  return lex_rust(source, sink);
}

}  // namespace oxidize::lex
