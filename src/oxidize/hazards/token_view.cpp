#include "oxidize/hazards/token_view.hpp"

#include <algorithm>

namespace oxidize::hazards {

std::size_t TokenView::index_at_offset(std::uint32_t offset) const {
  std::size_t lo = 0;
  std::size_t hi = tokens_.size();
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (tokens_.begin(mid) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
