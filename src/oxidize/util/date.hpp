#pragma once
// Calendar dates in UTC for times in seconds since the Unix epoch (git's
// commit times): the civil-date conversions of Howard Hinnant's
// "chrono-Compatible Low-Level Date Algorithms", exact over the proleptic
// Gregorian calendar, with no time zone database and no locale.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace oxidize::util {

inline constexpr std::int64_t k_seconds_per_day = 86400;

struct CivilDate {
  std::int64_t year = 1970;
  unsigned month = 1;  // 1..12
  unsigned day = 1;    // 1..31
  bool operator==(const CivilDate&) const = default;
};

// Days since 1970-01-01 of a civil date (month 1..12, day 1..31).
constexpr std::int64_t days_from_civil(CivilDate d) {
  const std::int64_t y = d.month <= 2 ? d.year - 1 : d.year;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = d.month > 2 ? d.month - 3 : d.month + 9;
  const std::int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

constexpr CivilDate civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const auto day = static_cast<unsigned>(doy - (153 * mp + 2) / 5 + 1);
  const auto month = static_cast<unsigned>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

// Floor division: the day a time falls on, also before 1970.
constexpr std::int64_t day_of(std::int64_t seconds) {
  return seconds >= 0 ? seconds / k_seconds_per_day : -((-seconds + k_seconds_per_day - 1) / k_seconds_per_day);
}

constexpr CivilDate civil_of(std::int64_t seconds) { return civil_from_days(day_of(seconds)); }

// 00:00:00 UTC of a civil date.
constexpr std::int64_t midnight(CivilDate d) { return days_from_civil(d) * k_seconds_per_day; }

constexpr unsigned days_in_month(std::int64_t year, unsigned month) {
  constexpr unsigned k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : k_days[month - 1];
}

// `months` calendar months later (earlier when negative), at the same time
// of day; the day is clamped to the end of a shorter month (03-31 - 1 month
// = 02-28 or 02-29).
constexpr std::int64_t add_months(std::int64_t seconds, int months) {
  const CivilDate d = civil_of(seconds);
  const std::int64_t time_of_day = seconds - midnight(d);
  const std::int64_t index = d.year * 12 + (d.month - 1) + months;  // months since year 0
  const std::int64_t year = index >= 0 ? index / 12 : -((-index + 11) / 12);
  const auto month = static_cast<unsigned>(index - year * 12 + 1);
  const unsigned day = d.day < days_in_month(year, month) ? d.day : days_in_month(year, month);
  return midnight({year, month, day}) + time_of_day;
}

// "YYYY-MM-DD" of the UTC day a time falls on (years outside 0..9999 keep
// their sign and digits).
std::string format_date(std::int64_t seconds);

// 00:00:00 UTC of "YYYY-MM-DD" (exactly that form, a real date), or nullopt.
std::optional<std::int64_t> parse_date(std::string_view text);

}  // namespace oxidize::util
