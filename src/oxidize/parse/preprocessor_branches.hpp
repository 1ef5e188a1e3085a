#pragma once
// Which tokens the function parser sees through preprocessor conditionals:
// the first branch of each #if/#ifdef/#ifndef, or for `#if 0` (the common
// way to comment code out) the first #elif/#else branch. Directive tokens
// themselves never reach the parser. This is the rule that keeps a brace or a
// signature split across #if/#else from derailing the rest of the file
// (docs/functions.md shows where pmccabe and lizard go wrong instead).
#include <cstdint>
#include <string_view>
#include <vector>

#include "oxidize/lex/token.hpp"

namespace oxidize::parse {

class PreprocessorBranches {
 public:
  // Feeds one token; returns true when the parser should see it (not a
  // directive token, not inside a branch that is not followed). Inline: it
  // runs for every token of every C/C++ file.
  bool accept(const lex::Token& token, std::string_view source) {
    if (!in_directive_) {
      if (token.kind < lex::TokenKind::comment) return inactive_levels_ == 0;
    } else if (directive_tokens_ >= 2 && token.kind != lex::TokenKind::directive_end) {
      // The body of a #define or a long #if: only the first two tokens matter.
      ++directive_tokens_;
      condition_is_zero_ = false;
      return false;
    }
    return accept_slow(token, source);
  }

 private:
  bool accept_slow(const lex::Token& token, std::string_view source);
  struct Conditional {
    bool taking;     // this branch is followed
    bool taken;      // some branch of this conditional was followed
  };
  void apply_directive();
  bool active() const { return inactive_levels_ == 0; }

  std::vector<Conditional> stack_;
  std::uint32_t inactive_levels_ = 0;  // conditionals on the stack not taking
  bool in_directive_ = false;
  std::uint32_t directive_tokens_ = 0;
  std::string_view name_;
  bool condition_is_zero_ = false;
};

}  // namespace oxidize::parse
