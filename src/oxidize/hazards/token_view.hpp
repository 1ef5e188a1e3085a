#pragma once
// The recorded code tokens of one file as the detectors read them: text by
// index, and the matching bracket of every ( [ { computed once, so that a
// detector can skip a call's arguments or a block in one step.
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "oxidize/lex/code_tokens.hpp"
#include "oxidize/lex/token.hpp"

namespace oxidize::hazards {

class TokenView {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  TokenView(std::string_view source, const lex::CodeTokens& tokens) : source_(source), tokens_(tokens) {}

  std::size_t size() const { return tokens_.size(); }
  // Token i whole (its line looked up); kind(), begin() and end() cost less.
  lex::Token token(std::size_t i) const { return {tokens_.kind(i), tokens_.begin(i), tokens_.end(i), line(i)}; }
  [[gnu::always_inline]] lex::TokenKind kind(std::size_t i) const { return tokens_.kind(i); }
  [[gnu::always_inline]] std::uint32_t begin(std::size_t i) const { return tokens_.begin(i); }
  std::uint32_t end(std::size_t i) const { return tokens_.end(i); }
  [[gnu::always_inline]] std::string_view text(std::size_t i) const { return i < tokens_.size() ? tokens_.text(source_, i) : std::string_view(); }
  // Whether token i is spelled `literal`; length first, then the bytes in
  // place (this runs for nearly every token the detectors look at, and a
  // memcmp call per test dominated the profile).
  template <std::size_t N>
  [[gnu::always_inline]] bool is(std::size_t i, const char (&literal)[N]) const {
    if (i >= tokens_.size()) return false;
    if (tokens_.short_length(i) != N - 1) return false;
    const char* p = source_.data() + tokens_.begin(i);
    for (std::size_t k = 0; k < N - 1; ++k)
      if (p[k] != literal[k]) return false;
    return true;
  }
  bool is(std::size_t i, std::string_view s) const { return text(i) == s; }
  [[gnu::always_inline]] bool is_identifier(std::size_t i) const { return i < tokens_.size() && tokens_.kind(i) == lex::TokenKind::identifier; }
  bool is_number(std::size_t i) const { return i < tokens_.size() && tokens_.kind(i) == lex::TokenKind::number; }
  bool is_string(std::size_t i) const { return i < tokens_.size() && tokens_.kind(i) == lex::TokenKind::string; }
  bool is_punct(std::size_t i) const { return i < tokens_.size() && tokens_.kind(i) == lex::TokenKind::punct; }
  // Lines are kept as runs (lex::CodeTokens); the view remembers where the
  // last lookup ended, since the detectors read mostly forward.
  std::uint32_t line(std::size_t i) const { return i < tokens_.size() ? tokens_.line(i, line_hint_) : 0; }
  std::string_view source() const { return source_; }

  // The index of the bracket matching the one at `i` (either direction), or
  // npos when `i` is not a bracket or is unbalanced.
  // (lex::CodeTokens pairs them as the tokens are recorded.)
  [[gnu::always_inline]] std::size_t match(std::size_t i) const {
    if (i >= tokens_.size()) return npos;
    const std::uint32_t m = tokens_.match(i);
    return m == lex::CodeTokens::k_unmatched ? npos : m;
  }
  // The first token starting at or after byte `offset`.
  std::size_t index_at_offset(std::uint32_t offset) const;

  struct Range {
    std::size_t begin;
    std::size_t end;
    bool empty() const { return begin >= end; }
    std::size_t size() const { return end - begin; }
  };
  // Parts of a token range (a call's arguments, a condition's conjuncts)
  // without a heap allocation for the usual few.
  class RangeList {
   public:
    void add(Range r) {
      if (count_ < fixed_.size()) fixed_[count_] = r;
      else spill_.push_back(r);
      ++count_;
    }
    const Range& operator[](std::size_t i) const { return i < fixed_.size() ? fixed_[i] : spill_[i - fixed_.size()]; }
    std::size_t size() const { return count_; }
    bool empty() const { return count_ == 0; }

   private:
    std::array<Range, 8> fixed_{};
    std::vector<Range> spill_;
    std::size_t count_ = 0;
  };
  // The top-level comma-separated parts of the bracketed list opening at
  // `open` (a call's arguments): [begin, end) index pairs. Empty when the
  // list is empty or unbalanced.
  RangeList arguments(std::size_t open) const;

  // The parts of `r` between `separator` tokens that are not inside
  // brackets (`a && (b || c) && d` split at "&&" gives three); one part
  // when there is none.
  RangeList split_top_level(Range r, std::string_view separator) const;
  bool has_top_level(Range r, std::string_view token) const;

 private:
  std::string_view source_;
  const lex::CodeTokens& tokens_;
  mutable std::size_t line_hint_ = 0;
};

}  // namespace oxidize::hazards
