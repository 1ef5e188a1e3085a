#include "oxidize/util/date.hpp"

#include <gtest/gtest.h>

namespace oxidize::util {
namespace {

TEST(Date, CivilDaysRoundTrip) {
  EXPECT_EQ(days_from_civil({1970, 1, 1}), 0);
  EXPECT_EQ(days_from_civil({2000, 3, 1}), 11017);
  EXPECT_EQ(days_from_civil({1969, 12, 31}), -1);
  for (std::int64_t day = -800000; day <= 800000; day += 997) EXPECT_EQ(days_from_civil(civil_from_days(day)), day);
  EXPECT_EQ(civil_from_days(days_from_civil({2024, 2, 29})), (CivilDate{2024, 2, 29}));
}

TEST(Date, FormatIsTheUtcDay) {
  EXPECT_EQ(format_date(0), "1970-01-01");
  EXPECT_EQ(format_date(1704067199), "2023-12-31");  // 23:59:59
  EXPECT_EQ(format_date(1704067200), "2024-01-01");
  EXPECT_EQ(format_date(-1), "1969-12-31");
  EXPECT_EQ(format_date(1787408330), "2026-08-22");
}

TEST(Date, ParseTakesOnlyRealDates) {
  EXPECT_EQ(parse_date("2024-01-01"), 1704067200);
  EXPECT_EQ(parse_date("2024-02-29"), 1709164800);
  EXPECT_EQ(parse_date("2023-02-29"), std::nullopt);
  EXPECT_EQ(parse_date("2024-13-01"), std::nullopt);
  EXPECT_EQ(parse_date("2024-1-01"), std::nullopt);
  EXPECT_EQ(parse_date("2024-01-01T00"), std::nullopt);
  EXPECT_EQ(parse_date("20x4-01-01"), std::nullopt);
  EXPECT_EQ(parse_date(""), std::nullopt);
}

TEST(Date, AddMonthsClampsTheDayAndKeepsTheTime) {
  const std::int64_t t = *parse_date("2024-03-31") + 3600;
  EXPECT_EQ(add_months(t, -1), *parse_date("2024-02-29") + 3600);
  EXPECT_EQ(add_months(t, -13), *parse_date("2023-02-28") + 3600);
  EXPECT_EQ(add_months(t, -24), *parse_date("2022-03-31") + 3600);
  EXPECT_EQ(add_months(t, 10), *parse_date("2025-01-31") + 3600);
  EXPECT_EQ(add_months(*parse_date("1970-01-15"), -1), *parse_date("1969-12-15"));
}

}  // namespace
}  // namespace oxidize::util
