#pragma once
// Properties every lexer must keep on any input, checked by the fuzz targets
// (and by the corpus replay in the ordinary test run):
//  - tokens are ordered, non-overlapping, inside the input, on lines >= 1
//    that never go backwards;
//  - the line classes add up to the number of physical lines, counted here
//    independently (LF, CRLF, lone CR; a last line without terminator);
//  - blank lines are exactly the whitespace-only physical lines (a leading
//    byte order mark counts as nothing).
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "oxidize/lex/token.hpp"

namespace oxidize::fuzz {

[[noreturn]] inline void fail(const char* what) {
  std::fprintf(stderr, "lexer invariant violated: %s\n", what);
  std::abort();
}

struct CheckingSink {
  std::size_t size;
  std::uint32_t last_end = 0;
  std::uint32_t last_line = 1;
  void operator()(const lex::Token& t) {
    if (t.begin > t.end || t.end > size) fail("token outside the input");
    if (t.begin < last_end) fail("tokens overlap or go backwards");
    if (t.line < last_line || t.line == 0) fail("token lines go backwards");
    last_end = t.end;
    last_line = t.line;
  }
};

inline void check_line_counts(std::string_view src, const lex::LineCounts& counts) {
  std::uint64_t lines = 0, blank = 0;
  // A UTF-8 byte order mark at the start is no character of the program
  // (docs/counting.md): a line holding only it is blank.
  std::size_t start = 0;
  if (src.substr(0, 3) == "\xEF\xBB\xBF") start = 3;
  bool only_space = true, open = false;
  if (start == 3 && src.size() == 3) open = true;  // the mark alone is still a line
  for (std::size_t i = start; i < src.size(); ++i) {
    const char c = src[i];
    if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < src.size() && src[i + 1] == '\n') continue;
      ++lines;
      if (only_space) ++blank;
      only_space = true;
      open = false;
      continue;
    }
    open = true;
    if (c != ' ' && c != '\t' && c != '\f' && c != '\v') only_space = false;
  }
  if (open) {
    ++lines;
    if (only_space) ++blank;
  }
  if (counts.lines() != lines) fail("line classes do not add up to the physical lines");
  if (counts.blank != blank) fail("blank lines are not the whitespace-only lines");
}

}  // namespace oxidize::fuzz
