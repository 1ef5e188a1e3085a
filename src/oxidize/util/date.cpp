#include "oxidize/util/date.hpp"

#include <fmt/format.h>

namespace oxidize::util {

std::string format_date(std::int64_t seconds) {
  const CivilDate d = civil_of(seconds);
  return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
}

std::optional<std::int64_t> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto number = [&](std::size_t from, std::size_t count) -> std::optional<unsigned> {
    unsigned value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      value = value * 10 + static_cast<unsigned>(text[i] - '0');
    }
    return value;
  };
  const auto year = number(0, 4), month = number(5, 2), day = number(8, 2);
  if (!year || !month || !day || *month < 1 || *month > 12 || *day < 1 || *day > days_in_month(*year, *month))
    return std::nullopt;
  return midnight({static_cast<std::int64_t>(*year), *month, *day});
}

}  // namespace oxidize::util
