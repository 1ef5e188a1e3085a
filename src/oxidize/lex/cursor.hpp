#pragma once
// The position, line number and line classification that every lexer shares.
// Line classes are decided here, byte by byte, in the same pass that produces
// the tokens, so the inventory costs no second read of the file.
#include <cstring>
#include <string_view>

#include "oxidize/lex/char_class.hpp"
#include "oxidize/lex/token.hpp"

namespace oxidize::lex::detail {

class Cursor {
 public:
  explicit Cursor(std::string_view source)
      : begin_(source.data()), p_(source.data()), end_(source.data() + source.size()) {}

  const char* begin_;
  const char* p_;
  const char* end_;
  std::uint32_t line_ = 1;

  bool more() const { return p_ < end_; }
  bool has(std::size_t n) const { return static_cast<std::size_t>(end_ - p_) >= n; }
  char peek(std::size_t ahead = 1) const { return has(ahead + 1) ? p_[ahead] : '\0'; }
  std::uint32_t offset(const char* q) const { return static_cast<std::uint32_t>(q - begin_); }

  // The current physical line holds code / a comment.
  void mark_code() { flags_ |= k_code; }
  void mark_comment() { flags_ |= k_comment; }

  // Closes the current physical line: classify it and move to the next.
  void end_line() {
    if (flags_ & k_code) ++counts_.code;
    else if (flags_ & k_comment) ++counts_.comment;
    else ++counts_.blank;
    flags_ = 0;
    ++line_;
  }

  // Length of the line terminator at q: 2 for CRLF, 1 for LF or a lone CR, 0 otherwise.
  std::size_t newline_length(const char* q) const {
    if (q >= end_) return 0;
    if (*q == '\n') return 1;
    if (*q == '\r') return (q + 1 < end_ && q[1] == '\n') ? 2 : 1;
    return 0;
  }

  // Length of a line splice at q: a backslash, optional spaces or tabs (as GCC
  // accepts with a warning), then a line terminator. 0 if q is no splice.
  std::size_t splice_length(const char* q) const {
    if (q >= end_ || *q != '\\') return 0;
    const char* r = q + 1;
    while (r < end_ && (*r == ' ' || *r == '\t')) ++r;
    const std::size_t nl = newline_length(r);
    return nl == 0 ? 0 : static_cast<std::size_t>(r - q) + nl;
  }

  // Consumes the line terminator at p_ (which must be one) and closes the line.
  void consume_newline() {
    p_ += newline_length(p_);
    end_line();
  }

  // Counts the last line if the file does not end with a line terminator.
  LineCounts finish() {
    if (end_ != begin_ && !is_line_end(end_[-1])) end_line();
    return counts_;
  }

 private:
  static constexpr unsigned k_code = 1;
  static constexpr unsigned k_comment = 2;
  unsigned flags_ = 0;
  LineCounts counts_;
};

// A UTF-8 byte order mark at the start of a file is no character of the
// program (GCC, Clang and rustc skip it): it neither makes the line code nor
// keeps a '#' from opening a directive.
inline void skip_byte_order_mark(Cursor& c) {
  if (c.has(3) && c.p_ == c.begin_ && c.p_[0] == '\xEF' && c.p_[1] == '\xBB' && c.p_[2] == '\xBF')
    c.p_ += 3;
}

}  // namespace oxidize::lex::detail
