#include "oxidize/plan/assumptions.hpp"

#include <gtest/gtest.h>

#include "oxidize/util/date.hpp"

namespace oxidize::plan {
namespace {

TEST(Assumptions, DefaultsHaveSourcesAndRangesAroundTheirValues) {
  const Assumptions a = default_assumptions();
  EXPECT_EQ(a.team, 0u);
  EXPECT_FALSE(a.start.has_value());
  for (const auto& x : a.values) {
    EXPECT_FALSE(x.source.empty()) << x.key;
    EXPECT_FALSE(x.unit.empty()) << x.key;
    EXPECT_LE(x.low, x.value) << x.key;
    EXPECT_GE(x.high, x.value) << x.key;
    EXPECT_GE(x.value, x.min) << x.key;
    EXPECT_LE(x.value, x.max) << x.key;
  }
  EXPECT_EQ(a["c_vulns_per_mloc"], 1000);
  EXPECT_EQ(a["rust_vulns_per_mloc"], 0.2);
  EXPECT_EQ(a["vulnerability_lifetime_years"], 2.5);
  EXPECT_THROW(a.get("no_such"), std::out_of_range);
}

TEST(Assumptions, FileSetsTeamStartAndValues) {
  const auto a = parse_assumptions(
      "team = 6\nstart = 2027-01-04\n[assumptions]\nport_lines_per_person_day = 30\nbreach_probability = 0.01\n",
      "ours.toml", default_assumptions());
  ASSERT_TRUE(a.has_value()) << a.error();
  EXPECT_EQ(a->team, 6u);
  EXPECT_EQ(a->start, util::parse_date("2027-01-04"));
  EXPECT_EQ((*a)["port_lines_per_person_day"], 30);
  EXPECT_TRUE(a->get("port_lines_per_person_day").overridden);
  // The organisation's own value carries no range.
  EXPECT_EQ(a->low("breach_probability"), 0.01);
  EXPECT_EQ(a->high("breach_probability"), 0.01);
  EXPECT_FALSE(a->get("c_vulns_per_mloc").overridden);
  // A quoted date is read too.
  const auto b = parse_assumptions("start = \"2027-02-01\"\n", "x.toml", default_assumptions());
  ASSERT_TRUE(b.has_value()) << b.error();
  EXPECT_EQ(b->start, util::parse_date("2027-02-01"));
}

TEST(Assumptions, ErrorsAreOneLineNamingFileAndLine) {
  const Assumptions d = default_assumptions();
  auto e = parse_assumptions("[assumptions]\nport_lines = 3\n", "a.toml", d);
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error(), "a.toml:2: unknown assumption port_lines (docs/economics.md lists them)");
  e = parse_assumptions("teams = 3\n", "a.toml", d);
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error(), "a.toml:1: unknown key teams (team, start, [assumptions])");
  e = parse_assumptions("team = -2\n", "a.toml", d);
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error(), "a.toml:1: team must be a whole number of engineers, at least 1");
  e = parse_assumptions("team = 2.5\n", "a.toml", d);
  ASSERT_FALSE(e.has_value());
  e = parse_assumptions("team = 4.4e112\n", "a.toml", d);  // a float too large for an integer: refused, no UB
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error(), "a.toml:1: team must be a whole number of engineers, at least 1");
  e = parse_assumptions("team = \"four\"\n", "a.toml", d);
  ASSERT_FALSE(e.has_value());
  e = parse_assumptions("start = 2027-02-30\n", "a.toml", d);
  ASSERT_FALSE(e.has_value());
  e = parse_assumptions("\nstart = \"soon\"\n", "a.toml", d);
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error(), "a.toml:2: start must be a date, YYYY-MM-DD");
  e = parse_assumptions("[assumptions]\nbreach_probability = 2\n", "a.toml", d);
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error(), "a.toml:2: assumptions.breach_probability must be a number from 0 to 1");
  e = parse_assumptions("[assumptions]\nhorizon_years = \"5\"\n", "a.toml", d);
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error(), "a.toml:2: assumptions.horizon_years must be a number from 1 to 50");
  e = parse_assumptions("assumptions = 3\n", "a.toml", d);
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error(), "a.toml:1: assumptions must be a table ([assumptions])");
  e = parse_assumptions("team = [\n", "a.toml", d);
  ASSERT_FALSE(e.has_value());
  EXPECT_TRUE(e.error().starts_with("a.toml:")) << e.error();
}

}  // namespace
}  // namespace oxidize::plan
