#include "oxidize/plan/roadmap.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "oxidize/util/date.hpp"

namespace oxidize::plan {
namespace {

ComponentFacts component(std::string name, double lines, double share, double young) {
  ComponentFacts f;
  f.name = std::move(name);
  f.c_lines = lines;
  f.complex_lines = 0;
  f.risk_share = share;
  f.young_share = young;
  f.history = true;
  f.freshness = 0.5;
  f.entry_points = 2;
  return f;
}

Assumptions team(unsigned n) {
  Assumptions a = default_assumptions();
  a.team = n;
  a.start = util::parse_date("2027-01-04");
  return a;
}

TEST(Roadmap, PhasesFollowTheTeamAndTheLearningCurve) {
  std::vector<ComponentFacts> facts = {component("parser", 8800, 0.5, 0.1), component("net", 4400, 0.3, 0.1),
                                       component("util", 2000, 0.01, 0.0)};
  const Roadmap r = build_roadmap(facts, team(2), true, 0.2);
  ASSERT_EQ(r.components.size(), 3u);
  EXPECT_EQ(r.components[0].facts.name, "parser");  // by risk share
  // New code in Rust after the two-month ramp-up.
  EXPECT_EQ(util::format_date(r.rust_from), "2027-03-04");
  ASSERT_EQ(r.phases.size(), 3u);
  EXPECT_EQ(r.phases[0].name, "Foundations");
  EXPECT_EQ(r.phases[0].start, r.start);
  EXPECT_GE(r.phases[0].end, r.rust_from);
  // Ports one after the other, each as long as its person-days at 2 x 0.8 a day, five days a week.
  for (std::size_t i = 1; i < r.phases.size(); ++i) {
    EXPECT_EQ(r.phases[i].start, r.phases[i - 1].end);
    const double working_days = r.phases[i].person_days.value / (2 * 0.8);
    EXPECT_EQ(r.phases[i].end - r.phases[i].start, static_cast<std::int64_t>(std::ceil(working_days * 7 / 5)) * 86400);
  }
  // 8,800 lines / 40 = 220 person-days; 4,400 -> 110: both ports, the better ratio first.
  EXPECT_NEAR(r.phases[1].person_days.value + r.phases[2].person_days.value, 330, 1e-9);
}

TEST(Roadmap, ScenariosOrderAsTheModelSays) {
  std::vector<ComponentFacts> facts = {component("core", 100000, 0.6, 0.15), component("io", 5000, 0.3, 0.1)};
  const Roadmap r = build_roadmap(facts, team(4), true, 0.2);
  ASSERT_EQ(r.scenarios.size(), 4u);
  const double quo = r.scenarios[0].total, rust_new = r.scenarios[1].total, rewrite = r.scenarios[2].total,
               plan = r.scenarios[3].total;
  EXPECT_EQ(r.scenarios[0].name, "status quo");
  EXPECT_EQ(r.scenarios[0].years.size(), 5u);
  EXPECT_LT(rust_new, quo);
  EXPECT_LT(rewrite, quo);
  EXPECT_LE(plan, rust_new);
  // With new code in Rust the yearly count falls as the C ages; the status
  // quo's does less, since new C keeps coming.
  EXPECT_LT(r.scenarios[1].years.back().vulns, r.scenarios[1].years.front().vulns);
  EXPECT_GT(r.scenarios[0].years.back().vulns, 2 * r.scenarios[1].years.back().vulns);
  EXPECT_NEAR(r.plan_vulns_avoided.value, quo - plan, 1e-9);
  EXPECT_LE(r.plan_vulns_avoided.low, r.plan_vulns_avoided.value);
  // The model's first year, by hand: old code 105,000 lines at half density...
  const double tau = 2.5, d = 1000 / 1e6;
  double first = 0;
  for (int m = 0; m < 12; ++m) {
    const double age = -tau * std::log(0.5) + m / 12.0;
    first += 105000 * d * (std::exp(-age / tau) - std::exp(-(age + 1.0 / 12) / tau));
  }
  // ... plus the monthly cohorts of new code (15,500 lines a year).
  for (int m = 0; m < 12; ++m)
    for (int k = 0; k <= m; ++k) {
      const double age = (m - k) / 12.0;
      first += 15500.0 / 12 * d * (std::exp(-age / tau) - std::exp(-(age + 1.0 / 12) / tau));
    }
  EXPECT_NEAR(r.scenarios[0].years.front().vulns, first, 1e-6);
}

TEST(Roadmap, CodeThatDoesNotShipIsNotSimulated) {
  ComponentFacts tests = component("tests", 50000, 0.0, 0.3);
  tests.ships = false;
  const Roadmap r = build_roadmap({tests}, team(1), true, 0.2);
  EXPECT_EQ(r.scenarios[0].total, 0);
  EXPECT_EQ(r.components[0].strategy, Strategy::leave);
  ASSERT_EQ(r.phases.size(), 1u);  // the foundations only
}

}  // namespace
}  // namespace oxidize::plan
