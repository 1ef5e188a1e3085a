#include "oxidize/hazards/expression.hpp"

#include <algorithm>

#include "oxidize/hazards/source_notes.hpp"

namespace oxidize::hazards {

namespace {

constexpr int k_max_depth = 64;  // parentheses nested deeper than this: unknown

std::optional<Interval> add(Interval a, Interval b, bool subtract) {
  Interval r;
  if (subtract && (b.lo == INT64_MIN || b.hi == INT64_MIN)) return std::nullopt;
  if (subtract) std::swap(b.lo, b.hi);
  const std::int64_t blo = subtract ? -b.lo : b.lo;
  const std::int64_t bhi = subtract ? -b.hi : b.hi;
  if (__builtin_add_overflow(a.lo, blo, &r.lo) || __builtin_add_overflow(a.hi, bhi, &r.hi)) return std::nullopt;
  return r;
}

std::optional<Interval> multiply(Interval a, Interval b) {
  std::int64_t p[4];
  if (__builtin_mul_overflow(a.lo, b.lo, &p[0]) || __builtin_mul_overflow(a.lo, b.hi, &p[1]) ||
      __builtin_mul_overflow(a.hi, b.lo, &p[2]) || __builtin_mul_overflow(a.hi, b.hi, &p[3]))
    return std::nullopt;
  return Interval{*std::min_element(p, p + 4), *std::max_element(p, p + 4)};
}

class Parser {
 public:
  Parser(const TokenView& v, TokenView::Range r, const ExpressionContext& c) : v_(v), i_(r.begin), end_(r.end), c_(c) {}

  std::optional<Interval> whole() {
    auto r = additive(0);
    if (!r || i_ != end_) return std::nullopt;
    return r;
  }

 private:
  bool at(std::string_view s) const { return i_ < end_ && v_.is(i_, s); }

  std::optional<Interval> additive(int depth) {
    auto left = multiplicative(depth);
    while (left && (at("+") || at("-"))) {
      const bool minus = at("-");
      ++i_;
      auto right = multiplicative(depth);
      if (!right) return std::nullopt;
      left = add(*left, *right, minus);
    }
    return left;
  }

  std::optional<Interval> multiplicative(int depth) {
    auto left = unary(depth);
    while (left && (at("*") || at("/") || at("%") || at("<<"))) {
      const std::string_view op = v_.text(i_);
      ++i_;
      auto right = unary(depth);
      if (!right) return std::nullopt;
      if (op == "*") {
        left = multiply(*left, *right);
      } else if (op == "<<") {
        if (!left->is_point() || !right->is_point() || right->lo < 0 || right->lo > 32 || left->lo < 0)
          return std::nullopt;
        left = Interval::point(left->lo << right->lo);
      } else {
        // Division and remainder only of constants by a positive constant.
        if (!right->is_point() || right->lo <= 0 || left->lo < 0) return std::nullopt;
        if (op == "/") left = Interval{left->lo / right->lo, left->hi / right->lo};
        else left = left->is_point() ? Interval::point(left->lo % right->lo) : Interval{0, right->lo - 1};
      }
    }
    return left;
  }

  std::optional<Interval> unary(int depth) {
    if (depth > k_max_depth || i_ >= end_) return std::nullopt;
    if (at("-")) {
      ++i_;
      auto r = unary(depth + 1);
      if (!r || r->lo == INT64_MIN || r->hi == INT64_MIN) return std::nullopt;
      return Interval{-r->hi, -r->lo};
    }
    if (at("+")) {
      ++i_;
      return unary(depth + 1);
    }
    if (at("(")) {
      const std::size_t close = v_.match(i_);
      if (close == TokenView::npos || close >= end_) return std::nullopt;
      // A cast to a basic type: `(int) x`, `(size_t)(n)`.
      if (basic_type_size(v_, {i_ + 1, close}) && close + 1 < end_) {
        i_ = close + 1;
        return unary(depth + 1);
      }
      ++i_;
      Parser inner(v_, {i_, close}, c_);
      auto r = inner.additive(depth + 1);
      if (!r || inner.i_ != close) return std::nullopt;
      i_ = close + 1;
      return r;
    }
    return primary();
  }

  std::optional<Interval> primary() {
    const std::size_t i = i_++;
    if (v_.is_number(i)) {
      std::int64_t value;
      if (!parse_integer(v_.text(i), value)) return std::nullopt;
      return Interval::point(value);
    }
    if (!v_.is_identifier(i)) return std::nullopt;
    const std::string_view name = v_.text(i);
    if (name == "true" || name == "TRUE") return Interval::point(1);
    if (name == "false" || name == "FALSE") return Interval::point(0);
    if (name == "sizeof") {
      if (at("(")) {
        const std::size_t close = v_.match(i_);
        if (close == TokenView::npos || close >= end_) return std::nullopt;
        auto size = c_.size_of(v_, {i_ + 1, close});
        i_ = close + 1;
        if (!size) return std::nullopt;
        return Interval::point(*size);
      }
      if (i_ < end_ && v_.is_identifier(i_)) {
        auto size = c_.size_of(v_, {i_, i_ + 1});
        ++i_;
        if (!size) return std::nullopt;
        return Interval::point(*size);
      }
      return std::nullopt;
    }
    if (at("(")) {  // a call: a function of the file that returns one constant
      const std::size_t close = v_.match(i_);
      if (close == TokenView::npos || close >= end_) return std::nullopt;
      i_ = close + 1;
      return c_.call_value(name);
    }
    return c_.value_of(name);
  }

  const TokenView& v_;
  std::size_t i_;
  std::size_t end_;
  const ExpressionContext& c_;
};

}  // namespace

std::optional<Interval> evaluate(const TokenView& v, TokenView::Range range, const ExpressionContext& context) {
  if (range.empty()) return std::nullopt;
  return Parser(v, range, context).whole();
}

std::optional<std::int64_t> basic_type_size(const TokenView& v, TokenView::Range range) {
  if (range.empty()) return std::nullopt;
  std::int64_t size = 0;
  int longs = 0;
  bool any = false;
  for (std::size_t i = range.begin; i < range.end; ++i)
    if (v.is(i, "[") || v.is(i, "(")) return std::nullopt;  // an array or function type: not a basic size
  for (std::size_t i = range.begin; i < range.end; ++i) {
    const std::string_view t = v.text(i);
    if (t == "*") {
      if (!any) return std::nullopt;  // `*p` is an expression, not a type
      return 8;                       // any pointer (LP64)
    }
    if (t == "const" || t == "volatile" || t == "signed" || t == "unsigned" || t == "struct") {
      if (t == "signed" || t == "unsigned") {
        any = true;
        if (size == 0) size = 4;
      }
      if (t == "struct") return std::nullopt;
      continue;
    }
    any = true;
    if (t == "char" || t == "bool" || t == "_Bool" || t == "int8_t" || t == "uint8_t" || t == "u8" || t == "s8")
      size = 1;
    else if (t == "short" || t == "int16_t" || t == "uint16_t" || t == "u16" || t == "s16")
      size = 2;
    else if (t == "int") {
      if (size == 0) size = 4;
    } else if (t == "char16_t")
      size = 2;
    else if (t == "float" || t == "int32_t" || t == "uint32_t" || t == "u32" || t == "s32" || t == "wchar_t" ||
             t == "char32_t")  // wchar_t: 4 bytes on the LP64 systems this models
      size = 4;
    else if (t == "long") {
      ++longs;
      size = 8;
    } else if (t == "double" || t == "int64_t" || t == "uint64_t" || t == "u64" || t == "s64" || t == "size_t" ||
               t == "ssize_t" || t == "intptr_t" || t == "uintptr_t" || t == "ptrdiff_t")
      size = t == "double" && longs > 0 ? 16 : 8;
    else
      return std::nullopt;
  }
  if (!any || size == 0) return std::nullopt;
  return size;
}

}  // namespace oxidize::hazards
