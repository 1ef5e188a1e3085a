#pragma once
// The recorded code tokens of one file as the detectors read them: text by
// index, and the matching bracket of every ( [ { computed once, so that a
// detector can skip a call's arguments or a block in one step.
#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "oxidize/lex/token.hpp"

namespace oxidize::hazards {

class TokenView {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  TokenView(std::string_view source, std::span<const lex::Token> tokens);

  std::size_t size() const { return tokens_.size(); }
  const lex::Token& token(std::size_t i) const { return tokens_[i]; }
  std::string_view text(std::size_t i) const { return i < tokens_.size() ? tokens_[i].text(source_) : std::string_view(); }
  // Whether token i is spelled `literal`; length first, then the bytes in
  // place (this runs for nearly every token the detectors look at, and a
  // memcmp call per test dominated the profile).
  template <std::size_t N>
  bool is(std::size_t i, const char (&literal)[N]) const {
    if (i >= tokens_.size()) return false;
    const lex::Token& t = tokens_[i];
    if (t.end - t.begin != N - 1) return false;
    const char* p = source_.data() + t.begin;
    for (std::size_t k = 0; k < N - 1; ++k)
      if (p[k] != literal[k]) return false;
    return true;
  }
  bool is(std::size_t i, std::string_view s) const { return text(i) == s; }
  bool is_identifier(std::size_t i) const { return i < tokens_.size() && tokens_[i].kind == lex::TokenKind::identifier; }
  bool is_number(std::size_t i) const { return i < tokens_.size() && tokens_[i].kind == lex::TokenKind::number; }
  bool is_string(std::size_t i) const { return i < tokens_.size() && tokens_[i].kind == lex::TokenKind::string; }
  bool is_punct(std::size_t i) const { return i < tokens_.size() && tokens_[i].kind == lex::TokenKind::punct; }
  std::uint32_t line(std::size_t i) const { return i < tokens_.size() ? tokens_[i].line : 0; }
  std::string_view source() const { return source_; }

  // The index of the bracket matching the one at `i` (either direction), or
  // npos when `i` is not a bracket or is unbalanced.
  std::size_t match(std::size_t i) const { return i < match_.size() ? match_[i] : npos; }
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
  std::span<const lex::Token> tokens_;
  std::vector<std::size_t> match_;
};

}  // namespace oxidize::hazards
