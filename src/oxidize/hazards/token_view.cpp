#include "oxidize/hazards/token_view.hpp"

#include <algorithm>

namespace oxidize::hazards {

TokenView::TokenView(std::string_view source, std::span<const lex::Token> tokens)
    : source_(source), tokens_(tokens), match_(tokens.size(), npos) {
  // One stack for all three bracket kinds; a mismatched closer leaves both
  // sides unmatched rather than pairing across kinds. Each kind also keeps
  // where its openers stand in that stack, so that the nearest one is found
  // in one step (not by searching past thousands of stray openers of other
  // kinds, once per closer).
  std::vector<std::size_t> open;
  std::array<std::vector<std::size_t>, 3> of_kind;  // ( [ {: positions in `open`, ascending
  const auto kind_of = [](char c) -> int {
    switch (c) {
      case '(': case ')': return 0;
      case '[': case ']': return 1;
      case '{': case '}': return 2;
      default: return -1;
    }
  };
  for (std::size_t i = 0; i < tokens_.size(); ++i) {
    if (tokens_[i].kind != lex::TokenKind::punct || tokens_[i].end - tokens_[i].begin != 1) continue;
    const char c = source_[tokens_[i].begin];
    const int kind = kind_of(c);
    if (kind < 0) continue;
    if (c == '(' || c == '[' || c == '{') {
      of_kind[static_cast<std::size_t>(kind)].push_back(open.size());
      open.push_back(i);
      continue;
    }
    // Unwind to the nearest opener of the same kind: a stray `(` inside a
    // macro-mangled block must not unbalance the rest of the file.
    const auto& mine = of_kind[static_cast<std::size_t>(kind)];
    if (mine.empty()) continue;
    const std::size_t at = mine.back();
    const std::size_t j = open[at];
    open.resize(at);
    for (auto& positions : of_kind)
      while (!positions.empty() && positions.back() >= at) positions.pop_back();
    match_[i] = j;
    match_[j] = i;
  }
}

std::size_t TokenView::index_at_offset(std::uint32_t offset) const {
  const auto it = std::lower_bound(tokens_.begin(), tokens_.end(), offset,
                                   [](const lex::Token& t, std::uint32_t o) { return t.begin < o; });
  return static_cast<std::size_t>(it - tokens_.begin());
}

TokenView::RangeList TokenView::split_top_level(Range r, std::string_view separator) const {
  RangeList out;
  std::size_t begin = r.begin;
  for (std::size_t i = r.begin; i < r.end; ++i) {
    const std::size_t m = match(i);
    if (m != npos && m > i) {
      i = m;
      continue;
    }
    if (is(i, separator)) {
      out.add({begin, i});
      begin = i + 1;
    }
  }
  out.add({begin, r.end});
  return out;
}

bool TokenView::has_top_level(Range r, std::string_view token) const {
  for (std::size_t i = r.begin; i < r.end; ++i) {
    const std::size_t m = match(i);
    if (m != npos && m > i) {
      i = m;
      continue;
    }
    if (is(i, token)) return true;
  }
  return false;
}

TokenView::RangeList TokenView::arguments(std::size_t open) const {
  RangeList out;
  const std::size_t close = match(open);
  if (close == npos || close <= open + 1) return out;
  std::size_t begin = open + 1;
  for (std::size_t i = open + 1; i < close; ++i) {
    const std::size_t m = match(i);
    if (m != npos && m > i) {
      i = m;
      continue;
    }
    if (is(i, ",")) {
      out.add({begin, i});
      begin = i + 1;
    }
  }
  out.add({begin, close});
  return out;
}

}  // namespace oxidize::hazards
