#pragma once
// The C and C++ lexer. Hand-written rather than generated or library-based
// because it is the hot core of every scan: one pass over the bytes produces
// the tokens and the physical line classes together (see docs/counting.md for
// the rules and docs/architecture.md for where the tokens go next).
//
// What it understands: line splices (backslash-newline, anywhere between
// tokens, in comments and in string and character literals), // and /* */
// comments, string and character literals with encoding prefixes
// (L, u, U, u8), raw strings R"delim(...)delim" (in C too, as GCC accepts
// them), pp-numbers with digit separators (1'000'000), header names after
// #include, preprocessor directives (a '#' token that opens the logical line
// and a zero-length directive_end token that closes it), and maximal-munch
// punctuators. Any byte sequence is accepted: the lexer never fails, it only
// reports a construct still open at end of file.
#include <string_view>

#include "oxidize/lex/cursor.hpp"
#include "oxidize/lex/token.hpp"

namespace oxidize::lex {

namespace detail {

// Length of the C/C++ punctuator at p (1 to 3 bytes), maximal munch.
inline std::size_t c_punct_length(const char* p, const char* end) {
  const char a = p[0];
  const char b = p + 1 < end ? p[1] : '\0';
  const char c = p + 2 < end ? p[2] : '\0';
  switch (a) {
    case '<':
      if (b == '<') return c == '=' ? 3 : 2;
      if (b == '=') return c == '>' ? 3 : 2;
      return 1;
    case '>':
      if (b == '>') return c == '=' ? 3 : 2;
      return b == '=' ? 2 : 1;
    case '-':
      if (b == '>') return c == '*' ? 3 : 2;
      return (b == '-' || b == '=') ? 2 : 1;
    case '.':
      if (b == '.' && c == '.') return 3;
      return b == '*' ? 2 : 1;
    case '+': return (b == '+' || b == '=') ? 2 : 1;
    case '&': return (b == '&' || b == '=') ? 2 : 1;
    case '|': return (b == '|' || b == '=') ? 2 : 1;
    case ':': return b == ':' ? 2 : 1;
    case '#': return b == '#' ? 2 : 1;
    case '=': case '!': case '*': case '/': case '%': case '^':
      return b == '=' ? 2 : 1;
    default: return 1;
  }
}

inline bool is_c_string_prefix(std::string_view id) {
  return id == "L" || id == "u" || id == "U" || id == "u8";
}
inline bool is_c_raw_prefix(std::string_view id) {
  return id == "R" || id == "LR" || id == "uR" || id == "UR" || id == "u8R";
}

template <class Sink>
class CLexer {
 public:
  CLexer(std::string_view source, Sink& sink) : c_(source), sink_(sink) {}

  LexResult run() {
    skip_byte_order_mark(c_);
    while (c_.more()) {
      // Runs of spaces and tabs are most of the bytes between tokens, and
      // plain identifiers are most of the tokens: both are handled here,
      // with the position in a register, rather than through the dispatch
      // in step(). Identifiers that may prefix a literal (L, u, U, R...) take
      // the full path.
      const char* p = c_.p_;
      const char* const end = c_.end_;
      while (p < end && is_space(*p)) ++p;
      if (p == end) {
        c_.p_ = p;
        break;
      }
      const char first = *p;
      if (char_class(first) == cc_ident && first != 'L' && first != 'u' && first != 'U' &&
          first != 'R') {
        const char* b = p++;
        while (p < end && is_ident_continue(*p)) ++p;
        start_token();
        c_.p_ = p;
        emit(TokenKind::identifier, b, p, c_.line_);
        continue;
      }
      c_.p_ = p;
      step();
    }
    end_directive();
    result_.lines = c_.finish();
    return result_;
  }

 private:
  enum class DirectiveState : unsigned char { none, name_expected, header_expected };

  [[gnu::always_inline]] inline void step() {
    const char ch = *c_.p_;
    switch (char_class(ch)) {
      case cc_space: ++c_.p_; return;
      case cc_newline: end_logical_line(); return;
      case cc_cr: end_logical_line(); return;
      case cc_backslash:
        if (const std::size_t n = c_.splice_length(c_.p_)) {
          c_.mark_code();  // cloc's meaning: the backslash is code
          c_.p_ += n;
          c_.end_line();
          return;
        }
        single(TokenKind::unknown);
        return;
      case cc_slash: {
        // The second character of // or /* may follow line splices (the
        // preprocessor removes them before it looks for comments).
        const char* second = c_.p_ + 1;
        while (const std::size_t n = c_.splice_length(second)) second += n;
        if (second < c_.end_ && (*second == '/' || *second == '*')) {
          const char* b = c_.p_;
          const std::uint32_t line = c_.line_;
          c_.mark_comment();
          cross_splices(c_.p_ + 1, second, true);
          c_.mark_comment();
          c_.p_ = second + 1;
          return *second == '/' ? line_comment(b, line) : block_comment(b, line);
        }
        return punct();
      }
      case cc_hash:
        if (at_line_start_ && !in_directive_) return directive();
        return punct();
      case cc_quote: return quoted(c_.p_, '"', TokenKind::string);
      case cc_apostrophe: return quoted(c_.p_, '\'', TokenKind::character);
      case cc_digit: return number();
      case cc_dot:
        if (is_digit(c_.peek())) return number();
        return punct();
      case cc_ident: return identifier();
      case cc_punct: return punct();
      default: single(TokenKind::unknown); return;
    }
  }

  [[gnu::always_inline]] inline void emit(TokenKind kind, const char* b, const char* e, std::uint32_t line) {
    if (directive_state_ == DirectiveState::name_expected) {
      const std::string_view name(b, static_cast<std::size_t>(e - b));
      directive_state_ = (kind == TokenKind::identifier &&
                           (name == "include" || name == "include_next" || name == "import"))
                             ? DirectiveState::header_expected
                             : DirectiveState::none;
    } else if (directive_state_ == DirectiveState::header_expected) {
      directive_state_ = DirectiveState::none;
    }
    sink_(Token{kind, c_.offset(b), c_.offset(e), line});
  }

  // Every non-comment token starts with this: the line holds code, and a
  // later '#' on the same logical line opens no directive.
  void start_token() {
    c_.mark_code();
    at_line_start_ = false;
  }

  void single(TokenKind kind) {
    start_token();
    emit(kind, c_.p_, c_.p_ + 1, c_.line_);
    ++c_.p_;
  }

  void end_directive() {
    if (!in_directive_) return;
    emit(TokenKind::directive_end, c_.p_, c_.p_, c_.line_);
    in_directive_ = false;
    directive_state_ = DirectiveState::none;
  }

  void end_logical_line() {
    end_directive();
    at_line_start_ = true;
    c_.consume_newline();
  }

  void unterminated(Unterminated what, std::uint32_t line) {
    if (result_.unterminated == Unterminated::none) {
      result_.unterminated = what;
      result_.unterminated_line = line;
    }
  }

  void directive() {
    start_token();
    in_directive_ = true;
    emit(TokenKind::directive, c_.p_, c_.p_ + 1, c_.line_);
    directive_state_ = DirectiveState::name_expected;
    ++c_.p_;
  }

  // Closes one physical line per splice between from and to (the bytes
  // between are nothing but splices); the backslashes are comment or code.
  void cross_splices(const char* from, const char* to, bool comment) {
    while (from < to) {
      const std::size_t n = c_.splice_length(from);
      if (n == 0) break;
      if (comment) c_.mark_comment();
      else c_.mark_code();
      from += n;
      c_.end_line();
    }
  }

  // The body of a // comment that began at b (on `line`); c_.p_ is after the opener.
  void line_comment(const char* b, std::uint32_t line) {
    bool marked = true;
    while (c_.p_ < c_.end_) {
      if (marked) {
        const char* p = c_.p_;
        while (p < c_.end_ && !in_set(k_line_comment_stop, *p)) ++p;
        c_.p_ = p;
        if (p == c_.end_) break;
      }
      const char ch = *c_.p_;
      if (is_line_end(ch)) break;
      if (ch == '\\') {
        if (const std::size_t n = c_.splice_length(c_.p_)) {  // the comment goes on
          if (!marked) c_.mark_comment();  // the backslash is not blank
          c_.p_ += n;
          c_.end_line();
          marked = false;
          continue;
        }
      }
      if (!marked && !is_space(ch)) {
        c_.mark_comment();
        marked = true;
      }
      ++c_.p_;
    }
    emit(TokenKind::comment, b, c_.p_, line);
  }

  // The body of a /* comment that began at b (on `line`); c_.p_ is after the opener.
  void block_comment(const char* b, std::uint32_t line) {
    bool marked = true;
    for (;;) {
      if (marked) {
        const char* p = c_.p_;
        while (p < c_.end_ && !in_set(k_block_comment_stop, *p)) ++p;
        c_.p_ = p;
      }
      if (c_.p_ >= c_.end_) {
        unterminated(Unterminated::block_comment, line);
        break;
      }
      const char ch = *c_.p_;
      if (ch == '*') {
        if (c_.peek() == '/') {
          if (!marked) c_.mark_comment();
          c_.p_ += 2;
          break;
        }
        const char* slash = c_.p_ + 1;  // "*\<newline>/" closes the comment too
        while (const std::size_t n = c_.splice_length(slash)) slash += n;
        if (slash != c_.p_ + 1 && slash < c_.end_ && *slash == '/') {
          c_.mark_comment();
          cross_splices(c_.p_ + 1, slash, true);
          c_.mark_comment();
          c_.p_ = slash + 1;
          break;
        }
      }
      if (is_line_end(ch)) {
        c_.consume_newline();
        marked = false;
        continue;
      }
      if (!marked && !is_space(ch)) {
        c_.mark_comment();
        marked = true;
      }
      ++c_.p_;
    }
    emit(TokenKind::comment, b, c_.p_, line);
  }

  // A string or character literal whose prefix starts at b and whose opening
  // quote is at c_.p_. It ends at the closing quote, at an unspliced line end
  // (an unterminated literal, common in '#if 0' prose such as "don't"), or at
  // end of file.
  void quoted(const char* b, char quote, TokenKind kind) {
    const std::uint32_t line = c_.line_;
    start_token();
    ++c_.p_;
    bool marked = true;
    for (;;) {
      if (marked) {
        const char* p = c_.p_;
        while (p < c_.end_ && !in_set(k_c_quoted_stop, *p)) ++p;
        c_.p_ = p;
      }
      if (c_.p_ >= c_.end_) {
        unterminated(kind == TokenKind::string ? Unterminated::string : Unterminated::character,
                     line);
        break;
      }
      const char ch = *c_.p_;
      if (ch == quote) {
        if (!marked) c_.mark_code();
        ++c_.p_;
        break;
      }
      if (ch == '\\') {
        if (const std::size_t n = c_.splice_length(c_.p_)) {
          if (!marked) c_.mark_code();  // the backslash is not blank
          c_.p_ += n;
          c_.end_line();
          marked = false;
          continue;
        }
        if (!marked) {
          c_.mark_code();
          marked = true;
        }
        if (c_.splice_length(c_.p_ + 1) != 0) {
          // "\\<newline>n": the escaped character comes after the splice.
          const char* escaped = c_.p_ + 1;
          while (const std::size_t n = c_.splice_length(escaped)) escaped += n;
          cross_splices(c_.p_ + 1, escaped, false);
          c_.p_ = escaped;
          marked = false;
          if (c_.p_ < c_.end_ && !is_line_end(*c_.p_)) {
            if (!is_space(*c_.p_)) {  // an escaped space leaves the line blank
              c_.mark_code();
              marked = true;
            }
            ++c_.p_;
          }
          continue;
        }
        c_.p_ += c_.has(2) && !is_line_end(c_.p_[1]) ? 2 : 1;
        continue;
      }
      if (is_line_end(ch)) break;
      if (!marked && !is_space(ch)) {
        c_.mark_code();
        marked = true;
      }
      ++c_.p_;
    }
    emit(kind, b, c_.p_, line);
  }

  // A raw string whose prefix starts at b and whose '"' is at c_.p_. Returns
  // false (consuming nothing) when the delimiter is not valid, so that the
  // prefix is an identifier and the quote starts an ordinary string.
  bool raw_string(const char* b) {
    const char* d = c_.p_ + 1;
    const char* delim_begin = d;
    while (d < c_.end_ && d - delim_begin <= 16) {
      const char ch = *d;
      if (ch == '(' || ch == ')' || ch == '\\' || ch == '"' || static_cast<unsigned char>(ch) <= ' ' ||
          static_cast<unsigned char>(ch) >= 0x7f)
        break;
      ++d;
    }
    if (d >= c_.end_ || *d != '(' || d - delim_begin > 16) return false;
    const std::string_view delim(delim_begin, static_cast<std::size_t>(d - delim_begin));
    const std::uint32_t line = c_.line_;
    start_token();
    c_.p_ = d + 1;
    bool marked = true;
    for (;;) {
      if (c_.p_ >= c_.end_) {
        unterminated(Unterminated::raw_string, line);
        break;
      }
      const char ch = *c_.p_;
      if (ch == ')' && c_.has(delim.size() + 2) &&
          std::memcmp(c_.p_ + 1, delim.data(), delim.size()) == 0 &&
          c_.p_[1 + delim.size()] == '"') {
        if (!marked) c_.mark_code();
        c_.p_ += delim.size() + 2;
        break;
      }
      if (is_line_end(ch)) {
        c_.consume_newline();
        marked = false;
        continue;
      }
      if (!marked && !is_space(ch)) {
        c_.mark_code();
        marked = true;
      }
      ++c_.p_;
    }
    emit(TokenKind::string, b, c_.p_, line);
    return true;
  }

  void identifier() {
    const char* b = c_.p_;
    const char* p = b + 1;
    while (p < c_.end_ && is_ident_continue(*p)) ++p;
    const std::string_view id(b, static_cast<std::size_t>(p - b));
    if (p < c_.end_ && id.size() <= 3) {
      if (*p == '"') {
        if (is_c_raw_prefix(id)) {
          c_.p_ = p;
          if (raw_string(b)) return;
          c_.p_ = b;
        } else if (is_c_string_prefix(id)) {
          c_.p_ = p;
          return quoted(b, '"', TokenKind::string);
        }
      } else if (*p == '\'' && is_c_string_prefix(id)) {
        c_.p_ = p;
        return quoted(b, '\'', TokenKind::character);
      }
    }
    start_token();
    c_.p_ = p;
    emit(TokenKind::identifier, b, p, c_.line_);
  }

  // pp-number: a digit (or '.' digit) then letters, digits, '_', '.',
  // exponent signs (e+ e- p+ p-) and digit separators ('  before a digit or letter).
  void number() {
    start_token();
    const char* b = c_.p_;
    const char* p = b + 1;
    while (p < c_.end_) {
      const char ch = *p;
      if (is_ident_continue(ch) || ch == '.') {
        if ((ch == 'e' || ch == 'E' || ch == 'p' || ch == 'P') && p + 1 < c_.end_ &&
            (p[1] == '+' || p[1] == '-')) {
          p += 2;
        } else {
          ++p;
        }
        continue;
      }
      if (ch == '\'' && p + 1 < c_.end_ && is_ident_continue(p[1])) {
        p += 2;
        continue;
      }
      break;
    }
    c_.p_ = p;
    emit(TokenKind::number, b, p, c_.line_);
  }

  void punct() {
    if (*c_.p_ == '<' && directive_state_ == DirectiveState::header_expected) return header_name();
    start_token();
    const char* b = c_.p_;
    c_.p_ += c_punct_length(b, c_.end_);
    emit(TokenKind::punct, b, c_.p_, c_.line_);
  }

  // <path> after #include: ends at '>' or at the end of the line.
  void header_name() {
    start_token();
    const char* b = c_.p_;
    const char* p = b + 1;
    while (p < c_.end_ && *p != '>' && !is_line_end(*p)) ++p;
    if (p < c_.end_ && *p == '>') ++p;
    c_.p_ = p;
    emit(TokenKind::string, b, p, c_.line_);
  }

  Cursor c_;
  Sink& sink_;
  LexResult result_;
  bool at_line_start_ = true;
  bool in_directive_ = false;
  DirectiveState directive_state_ = DirectiveState::none;
};

}  // namespace detail

// Lexes C or C++ source, handing every token to sink in order, and returns
// the physical line classes of the file.
template <class Sink>
LexResult lex_c(std::string_view source, Sink& sink) {
  detail::CLexer<Sink> lexer(source, sink);
  return lexer.run();
}

inline LexResult lex_c(std::string_view source) {
  NullSink sink;
  return lex_c(source, sink);
}

}  // namespace oxidize::lex
