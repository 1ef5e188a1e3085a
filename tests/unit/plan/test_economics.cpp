#include "oxidize/plan/economics.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace oxidize::plan {
namespace {

TEST(Economics, VulnerabilityModelClosedForms) {
  // A million new lines, lifetime 2.5 years, 10-year horizon: 1000 x (1 - e^-4).
  EXPECT_NEAR(vulns_in_existing_code(1e6, 1.0, 1000, 2.5, 10), 1000 * (1 - std::exp(-4.0)), 1e-9);
  // Half the density left (older code): half the vulnerabilities.
  EXPECT_NEAR(vulns_in_existing_code(1e6, 0.5, 1000, 2.5, 10), 500 * (1 - std::exp(-4.0)), 1e-9);
  // New code at 100,000 lines a year for 5 years: 0.1 x 1000 x (5 - 2.5 (1 - e^-2)).
  EXPECT_NEAR(vulns_in_new_code(1e5, 1000, 2.5, 5), 100 * (5 - 2.5 * (1 - std::exp(-2.0))), 1e-9);
  EXPECT_EQ(vulns_in_new_code(0, 1000, 2.5, 5), 0);
}

ComponentFacts component(double lines, double share) {
  ComponentFacts f;
  f.name = "lib";
  f.c_lines = lines;
  f.complex_lines = lines / 4;
  f.risk_share = share;
  f.interface_functions = 10;
  f.entry_points = 3;
  f.freshness = 1;
  return f;
}

TEST(Economics, PortCostFollowsTheAssumptions) {
  Assumptions a = default_assumptions();
  const ComponentPlan p = plan_component(component(4000, 0.3), a, /*tree_has_tests=*/true, 1000);
  // 3000 simple + 1000 complex x 2 = 5000 effort lines / 40 a day + 10 functions x 0.5.
  EXPECT_NEAR(p.economics.port_person_days.value, 5000.0 / 40 + 5, 1e-9);
  // Low end: 80 lines a day, complex x1.5, 0.25 a function; high end: 20 a day, x3, 1 a function.
  EXPECT_NEAR(p.economics.port_person_days.low, (3000 + 1000 * 1.5) / 80 + 2.5, 1e-9);
  EXPECT_NEAR(p.economics.port_person_days.high, (3000 + 1000 * 3.0) / 20 + 10, 1e-9);
  // Without tests the port costs 1.3x (the functions' bindings apart).
  const ComponentPlan q = plan_component(component(4000, 0.3), a, /*tree_has_tests=*/false, 1000);
  EXPECT_NEAR(q.economics.port_person_days.value, 5000.0 / 40 * 1.3 + 5, 1e-9);
  // Hardening: 5 days of flags + 3 fuzz targets x 3 days.
  EXPECT_NEAR(p.economics.harden_person_days.value, 14, 1e-9);
  // A vulnerability: 2% of a $4.88M breach + 10 days at $800.
  EXPECT_NEAR(p.economics.cost_per_vulnerability_usd.value, 0.02 * 4.88e6 + 8000, 1e-6);
}

TEST(Economics, StrategyRulesAndTheirReasons) {
  const Assumptions a = default_assumptions();
  // 30% of the risk, 133 person-days: ports within a team-year of 1000 days.
  auto p = plan_component(component(4000, 0.3), a, true, 1000);
  EXPECT_EQ(p.strategy, Strategy::port);
  EXPECT_NE(p.reason.find("30% of the tree's risk in 4,000 lines"), std::string::npos) << p.reason;
  // Too large for a team-year, and young: new code in Rust beside it.
  ComponentFacts big = component(200000, 0.4);
  big.young_share = 0.2;
  p = plan_component(big, a, true, 1000);
  EXPECT_EQ(p.strategy, Strategy::rust_beside);
  EXPECT_NE(p.reason.find("20% of them under a year old"), std::string::npos) << p.reason;
  // Too large and stable: harden.
  big.young_share = 0.01;
  EXPECT_EQ(plan_component(big, a, true, 1000).strategy, Strategy::harden);
  // Little risk: leave; code that does not ship: leave.
  EXPECT_EQ(plan_component(component(4000, 0.01), a, true, 1000).strategy, Strategy::leave);
  ComponentFacts tests = component(4000, 0.3);
  tests.ships = false;
  p = plan_component(tests, a, true, 1000);
  EXPECT_EQ(p.strategy, Strategy::leave);
  EXPECT_EQ(p.reason, "tests, examples or documentation: not shipped");
}

TEST(Economics, PortingAvoidsMoreThanHardening) {
  ComponentFacts f = component(50000, 0.3);
  f.young_share = 0.1;
  const ComponentPlan p = plan_component(f, default_assumptions(), true, 1000);
  const auto& e = p.economics;
  EXPECT_GT(e.vulns_status_quo.value, 0);
  EXPECT_GT(e.avoided_by_port.value, e.avoided_by_harden.value);
  EXPECT_NEAR(e.avoided_by_harden.value, 0.3 * e.vulns_status_quo.value, 1e-9);
  EXPECT_LE(e.avoided_by_port.value, e.vulns_status_quo.value);
  EXPECT_LT(e.avoided_by_beside.value, e.avoided_by_port.value);
  EXPECT_LE(e.vulns_status_quo.low, e.vulns_status_quo.value);
  EXPECT_GE(e.vulns_status_quo.high, e.vulns_status_quo.value);
}

}  // namespace
}  // namespace oxidize::plan
