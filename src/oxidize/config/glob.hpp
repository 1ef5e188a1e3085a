#pragma once
// Path globs for `oxidize.toml` (`[hazards] exclude = ["tests/**"]`), matched
// against a path relative to the scanned root, '/'-separated:
//   *      any run of characters within one path segment (never '/')
//   ?      one character other than '/'
//   [abc]  [a-z]  [!x] [^x]   one character of (or not of) the set, never '/'
//   **     any run of characters across segments; "**/" also matches no directory
//          at all, so "**/test_*.c" matches "test_a.c" and "a/b/test_a.c"
//   \x     the character x itself
// A pattern is anchored at the root ("*.c" matches "a.c", not "src/a.c"), and
// a pattern that matches a directory matches everything under it ("tests"
// excludes "tests/unit/a.c"). A trailing '/' makes a pattern match
// directories only; a leading "/" or "./" is ignored.
//
// Characters are UTF-8 code points; a byte that is not valid UTF-8 is one
// character of its own, matched only by itself, '?', '*' or a negated set.
// Matching simulates the pattern as a small NFA over the path's characters:
// linear in the path's length for any pattern (no backtracking blow-up on
// "*a*a*a*b").
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

namespace oxidize::config {

class Glob {
 public:
  // An error for an empty pattern, an unclosed '[' or a trailing '\'.
  static tl::expected<Glob, std::string> compile(std::string_view pattern);

  // True when the pattern matches `path` (a file) or one of its directories.
  // With a base, the pattern is matched against base + path.
  bool matches(std::string_view path) const;

  const std::string& pattern() const { return pattern_; }

  // Paths given to matches() are relative to a folder `base` below the one
  // the pattern is anchored at ("src/": an oxidize.toml found above the
  // scanned folder); empty by default. Ends with '/' when not empty.
  void set_base(std::string base) { base_ = std::move(base); }
  const std::string& base() const { return base_; }

 private:
  enum class Kind : unsigned char { literal, any_char, star, globstar, globstar_dirs, set };
  struct Range {
    char32_t lo, hi;
  };
  struct Token {
    Kind kind = Kind::literal;
    char32_t ch = 0;             // literal
    bool negated = false;        // set
    std::vector<Range> ranges;   // set
  };
  static bool accepts(const Token& t, char32_t c);
  bool matches_from_anchor(std::string_view path) const;

  std::string pattern_;
  std::vector<Token> tokens_;
  bool directories_only_ = false;
  std::string base_;
};

// True when any of `globs` matches `path`.
bool matches_any(const std::vector<Glob>& globs, std::string_view path);

}  // namespace oxidize::config
