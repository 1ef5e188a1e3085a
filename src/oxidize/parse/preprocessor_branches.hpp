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
    } else if (directive_tokens_ >= k_condition_tokens && token.kind < lex::TokenKind::comment) {
      // The body of a #define or a long #if: only the first tokens matter.
      ++directive_tokens_;
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
  // The directive's name and the first tokens of its condition: `#if 0`,
  // `#if (0)` and `#if false` mark dead code; anything longer does not.
  static constexpr std::uint32_t k_condition_tokens = 5;
  std::uint32_t directive_tokens_ = 0;
  std::string_view name_;
  char condition_[8] = {};
  std::size_t condition_length_ = 0;
  bool condition_is_zero() const;
};

}  // namespace oxidize::parse
