#pragma once
// Integer value ranges of small C expressions: array sizes, indexes, loop
// bounds and allocation sizes. `buf[i + 1]` inside `for (i = 0; i <= 5; i++)`
// is the interval [1, 6]. Anything it does not understand (calls, members,
// unknown names) makes the whole expression unknown: the detectors report
// only what they can show.
#include <cstdint>
#include <optional>
#include <string_view>

#include "oxidize/hazards/token_view.hpp"

namespace oxidize::hazards {

struct Interval {
  std::int64_t lo = 0;
  std::int64_t hi = 0;
  static Interval point(std::int64_t v) { return {v, v}; }
  bool is_point() const { return lo == hi; }
};

// What names and sizeof mean where the expression stands.
class ExpressionContext {
 public:
  virtual ~ExpressionContext() = default;
  virtual std::optional<Interval> value_of(std::string_view name) const = 0;
  // sizeof applied to the tokens [begin, end) (a type or an expression).
  virtual std::optional<std::int64_t> size_of(const TokenView& v, TokenView::Range what) const = 0;
  // The value a call of the named function always returns, if it is one.
  virtual std::optional<Interval> call_value(std::string_view /*function*/) const { return std::nullopt; }
};

std::optional<Interval> evaluate(const TokenView& v, TokenView::Range range, const ExpressionContext& context);

// The size of a basic type spelled by the tokens (`unsigned long`, `char *`),
// or nothing for other types.
std::optional<std::int64_t> basic_type_size(const TokenView& v, TokenView::Range range);

}  // namespace oxidize::hazards
