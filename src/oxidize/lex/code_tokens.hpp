#pragma once
// The code tokens of one file as the hazard analysis keeps them, all at once
// (its detectors jump across the file by index): 8 bytes a token where a
// lex::Token takes 16, and the lines as runs (one entry per line that holds
// code). A C file records about one token per 5 bytes, so this is what a huge
// file costs beyond its own bytes: 150 MB of C, 30 million tokens, 480 MB as
// lex::Tokens, 240 MB here.
//
// A token is its offset and a word holding the kind (4 bits) and the length
// (28 bits). A bracket, always one byte long, holds in that word instead the
// index of the bracket that matches it: they are paired as the tokens arrive,
// in the pass that records them rather than in a second pass over the file,
// with one stack for ( [ {, a closer unwinding to the nearest opener of its
// own kind (a stray `(` inside a macro-mangled block must not unbalance the
// rest of the file), a closer with none left unmatched. Lengths and indexes
// too large for 28 bits (a 256 MiB token; a file of 268 million tokens) are
// kept aside.
//
// The arrays grow with realloc: past the allocator's mmap threshold that moves
// pages instead of copying them, so growing never holds the old and the new
// array at once (std::vector's doubling did, twice the tokens' size at the
// peak of a huge file).
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "oxidize/lex/token.hpp"

namespace oxidize::lex {

// A growable array of trivially copyable values, grown with realloc.
template <class T>
class PodArray {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  PodArray() = default;
  PodArray(const PodArray& o) { *this = o; }
  PodArray& operator=(const PodArray& o) {
    if (this != &o) {
      clear();
      for (const T& v : o) push_back(v);
    }
    return *this;
  }
  PodArray(PodArray&& o) noexcept
      : data_(std::exchange(o.data_, nullptr)), size_(std::exchange(o.size_, 0)), capacity_(std::exchange(o.capacity_, 0)) {}
  PodArray& operator=(PodArray&& o) noexcept {
    if (this != &o) {
      std::free(data_);
      data_ = std::exchange(o.data_, nullptr);
      size_ = std::exchange(o.size_, 0);
      capacity_ = std::exchange(o.capacity_, 0);
    }
    return *this;
  }
  ~PodArray() { std::free(data_); }

  [[gnu::always_inline]] void push_back(const T& v) {
    if (size_ == capacity_) [[unlikely]] grow();
    data_[size_++] = v;
  }
  T& operator[](std::size_t i) { return data_[i]; }
  const T& operator[](std::size_t i) const { return data_[i]; }
  T& back() { return data_[size_ - 1]; }
  std::size_t size() const { return size_; }
  std::size_t capacity() const { return capacity_; }
  bool empty() const { return size_ == 0; }
  void clear() { size_ = 0; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }

 private:
  void grow() {
    const std::size_t capacity = capacity_ < 1024 ? 1024 : capacity_ * 2;
    void* p = std::realloc(data_, capacity * sizeof(T));
    if (p == nullptr) throw std::bad_alloc();
    data_ = static_cast<T*>(p);
    capacity_ = capacity;
  }
  T* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

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
    far_matches_.clear();
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
    if (t.line != last_line_) [[unlikely]] {
      lines_.push_back({index, t.line});
      last_line_ = t.line;
    }
    std::uint32_t length = t.end - t.begin;
    if (t.kind == TokenKind::punct && length == 1) {
      const char c = source[t.begin];
      if (c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}') {
        packed_.push_back({t.begin, k_bracket});  // unmatched until its pair comes
        bracket(index, c);
        return;
      }
    }
    if (length >= k_field_max) [[unlikely]] {
      long_ends_.push_back({index, t.end});
      length = k_field_max;
    }
    packed_.push_back({t.begin, length << k_kind_bits | static_cast<std::uint32_t>(t.kind)});
  }

  std::size_t size() const { return packed_.size(); }
  bool empty() const { return packed_.empty(); }
  [[gnu::always_inline]] TokenKind kind(std::size_t i) const {
    const std::uint32_t nibble = packed_[i].word & k_kind_mask;
    return nibble == k_bracket ? TokenKind::punct : static_cast<TokenKind>(nibble);
  }
  std::uint32_t begin(std::size_t i) const { return packed_[i].begin; }
  // The length, or k_field_max for a token of that many bytes or more (end() has it).
  [[gnu::always_inline]] std::uint32_t short_length(std::size_t i) const {
    const std::uint32_t word = packed_[i].word;
    return (word & k_kind_mask) == k_bracket ? 1 : word >> k_kind_bits;
  }
  std::uint32_t end(std::size_t i) const {
    const std::uint32_t length = short_length(i);
    if (length != k_field_max) return packed_[i].begin + length;
    const auto it = std::lower_bound(long_ends_.begin(), long_ends_.end(), i,
                                     [](const IndexPair& e, std::size_t k) { return e.index < k; });
    return it->value;
  }
  std::string_view text(std::string_view source, std::size_t i) const {
    return std::string_view(source.data() + begin(i), end(i) - begin(i));
  }
  // The index of the bracket matching the one at i, or k_unmatched.
  [[gnu::always_inline]] std::uint32_t match(std::size_t i) const {
    const std::uint32_t word = packed_[i].word;
    if ((word & k_kind_mask) != k_bracket) return k_unmatched;
    const std::uint32_t field = word >> k_kind_bits;
    if (field == 0) return k_unmatched;
    if (field != k_field_max) [[likely]] return field - 1;
    return far_matches_.at(static_cast<std::uint32_t>(i));
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

  static constexpr std::uint32_t k_kind_bits = 4;
  static constexpr std::uint32_t k_kind_mask = (1u << k_kind_bits) - 1;
  static constexpr std::uint32_t k_field_max = (1u << (32 - k_kind_bits)) - 1;  // 256 Mi
  static constexpr std::uint32_t k_bracket = k_kind_mask;  // the kind nibble of a bracket
  static_assert(static_cast<std::uint32_t>(TokenKind::unknown) < k_bracket);

 private:
  struct Packed {
    std::uint32_t begin;
    std::uint32_t word;  // length << k_kind_bits | kind; a bracket: (match + 1) << k_kind_bits | k_bracket
  };
  struct IndexPair {
    std::uint32_t index;
    std::uint32_t value;
  };

  void pair(std::uint32_t index, std::uint32_t with) {
    if (with + 1 < k_field_max) {
      packed_[index].word = (with + 1) << k_kind_bits | k_bracket;
      return;
    }
    packed_[index].word = k_field_max << k_kind_bits | k_bracket;
    far_matches_[index] = with;
  }

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
    pair(index, opener);
    pair(opener, index);
  }

  PodArray<Packed> packed_;
  PodArray<LineRun> lines_;
  std::vector<IndexPair> long_ends_;    // tokens of k_field_max bytes or more: their end, by index
  std::unordered_map<std::uint32_t, std::uint32_t> far_matches_;  // brackets whose match is k_field_max - 1 or beyond
  std::uint32_t last_line_ = 0;         // of the last run (lines begin at 1)
  // Open brackets (token indexes), and per kind ( [ { where its openers stand in open_.
  std::vector<std::uint32_t> open_;
  std::array<std::vector<std::uint32_t>, 3> open_of_kind_;
};

}  // namespace oxidize::lex
