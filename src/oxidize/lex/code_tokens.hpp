#pragma once
// The code tokens of one file as the hazard analysis keeps them, all at once
// (its detectors jump across the file by index): 8 bytes a token, the byte
// offset and the length packed with the kind, and the lines as runs (one
// entry per line that holds code), where a lex::Token takes 16. A C file
// records about one token per 5 bytes, so this is what a huge file costs
// beyond its own bytes (150 MB of C: 30 million tokens, 480 MB as
// lex::Token, 240 MB here, plus the lines, plus the brackets below).
//
// The matching bracket of every ( [ { is found as the tokens arrive (4
// more bytes a token), in the pass that records them rather than in a second
// pass over all of them: one stack for the three kinds, a closer unwinding
// to the nearest opener of its own kind (a stray `(` inside a
// macro-mangled block must not unbalance the rest of the file), a closer
// with none left unmatched, both sides of a mismatch unmatched.
#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "oxidize/lex/token.hpp"

namespace oxidize::lex {

class CodeTokens {
 public:
  struct LineRun {
    std::uint32_t first;  // the index of the first token on this line
    std::uint32_t line;
  };

  static constexpr std::uint32_t k_unmatched = 0xffffffffU;

  void clear() {
    packed_.clear();
    lines_.clear();
    long_ends_.clear();
    last_line_ = 0;
    open_.clear();
    for (auto& k : open_of_kind_) k.clear();
  }
  // Frees the storage of a huge file (a worker keeps its CodeTokens from one
  // file to the next; capacity past this is not kept).
  void release_if_above(std::size_t tokens) {
    if (packed_.capacity() <= tokens) return;
    *this = CodeTokens();
  }

  // Tokens come in file order (lines never go down); `source` is the file.
  [[gnu::always_inline]] inline void push_back(const Token& t, std::string_view source) {
    const auto index = static_cast<std::uint32_t>(packed_.size());
    std::uint32_t length = t.end - t.begin;
    if (length >= k_long) [[unlikely]] {
      long_ends_.push_back({index, t.end});
      length = k_long;
    }
    packed_.push_back({t.begin, length << k_kind_bits | static_cast<std::uint32_t>(t.kind), k_unmatched});
    if (t.line != last_line_) [[unlikely]] {
      lines_.push_back({index, t.line});
      last_line_ = t.line;
    }
    if (t.kind == TokenKind::punct && length == 1) {
      const char c = source[t.begin];
      if (c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}') bracket(index, c);
    }
  }

  std::size_t size() const { return packed_.size(); }
  bool empty() const { return packed_.empty(); }
  TokenKind kind(std::size_t i) const { return static_cast<TokenKind>(packed_[i].length_kind & k_kind_mask); }
  std::uint32_t begin(std::size_t i) const { return packed_[i].begin; }
  // The length, or k_long for a token of k_long bytes or more (end() has it).
  std::uint32_t short_length(std::size_t i) const { return packed_[i].length_kind >> k_kind_bits; }
  std::uint32_t end(std::size_t i) const {
    const std::uint32_t length = short_length(i);
    if (length != k_long) return packed_[i].begin + length;
    const auto it = std::lower_bound(long_ends_.begin(), long_ends_.end(), i,
                                     [](const LongEnd& e, std::size_t k) { return e.index < k; });
    return it->end;
  }
  std::string_view text(std::string_view source, std::size_t i) const {
    return std::string_view(source.data() + begin(i), end(i) - begin(i));
  }
  // The line of token i: the run holding it, searched from `hint` (a run
  // index the caller keeps; reading mostly forward, this is a step or two).
  std::uint32_t line(std::size_t i, std::size_t& hint) const {
    if (hint >= lines_.size()) hint = 0;
    if (lines_[hint].first <= i) {
      // Forward: a few steps, then a binary search for a far jump.
      for (int step = 0; step < 4; ++step) {
        if (hint + 1 >= lines_.size() || lines_[hint + 1].first > i) return lines_[hint].line;
        ++hint;
      }
    }
    const auto it = std::upper_bound(lines_.begin(), lines_.end(), i,
                                     [](std::size_t k, const LineRun& r) { return k < r.first; });
    hint = static_cast<std::size_t>(it - lines_.begin()) - 1;
    return lines_[hint].line;
  }
  std::uint32_t line(std::size_t i) const {
    std::size_t hint = 0;
    return line(i, hint);
  }
  Token operator[](std::size_t i) const { return Token{kind(i), begin(i), end(i), line(i)}; }
  // The index of the bracket matching the one at i, or k_unmatched.
  std::uint32_t match(std::size_t i) const { return packed_[i].match; }

  static constexpr std::uint32_t k_kind_bits = 4;
  static constexpr std::uint32_t k_kind_mask = (1u << k_kind_bits) - 1;
  static constexpr std::uint32_t k_long = (1u << (32 - k_kind_bits)) - 1;  // 256 MiB
  static_assert(static_cast<std::uint32_t>(TokenKind::unknown) <= k_kind_mask);

 private:
  struct Packed {
    std::uint32_t begin;
    std::uint32_t length_kind;  // length << k_kind_bits | kind
    std::uint32_t match;        // the matching bracket's index, or k_unmatched
  };
  struct LongEnd {
    std::uint32_t index;
    std::uint32_t end;
  };
  void bracket(std::uint32_t index, char c) {
    const std::size_t kind = c == '(' || c == ')' ? 0 : c == '[' || c == ']' ? 1 : 2;
    if (c == '(' || c == '[' || c == '{') {
      open_of_kind_[kind].push_back(static_cast<std::uint32_t>(open_.size()));
      open_.push_back(index);
      return;
    }
    const auto& mine = open_of_kind_[kind];
    if (mine.empty()) return;
    const std::uint32_t at = mine.back();
    const std::uint32_t opener = open_[at];
    open_.resize(at);
    for (auto& positions : open_of_kind_)
      while (!positions.empty() && positions.back() >= at) positions.pop_back();
    packed_[index].match = opener;
    packed_[opener].match = index;
  }

  std::vector<Packed> packed_;
  std::vector<LineRun> lines_;
  std::vector<LongEnd> long_ends_;  // tokens of k_long bytes or more, by index
  std::uint32_t last_line_ = 0;  // of the last run (lines begin at 1)
  // Open brackets (token indexes), and per kind ( [ { where its openers stand in open_.
  std::vector<std::uint32_t> open_;
  std::array<std::vector<std::uint32_t>, 3> open_of_kind_;
};

}  // namespace oxidize::lex
