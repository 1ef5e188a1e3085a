#pragma once
// The roadmap of `oxidize plan`: each component's facts, economics and
// strategy (economics.hpp), the phases in time (team capacity, learning
// curve), the date from which new code is Rust, and the simulation of
// "new code in Rust from a date" against "rewrite a component" over the
// coming years. Pure: built from the scan's results and the assumptions.
#include <cstdint>
#include <string>
#include <vector>

#include "oxidize/model/snapshot.hpp"
#include "oxidize/plan/economics.hpp"
#include "oxidize/risk/hotspots.hpp"
#include "oxidize/structure/component_summary.hpp"

namespace oxidize::plan {

inline constexpr double k_working_days_per_year = 220;

struct Phase {
  std::string name;         // "Foundations", "Port lib/vauth"
  std::int64_t start = 0;   // seconds since the epoch, 00:00 UTC
  std::int64_t end = 0;
  Estimate person_days;
  std::vector<std::string> work;  // one line each
  std::string outcome;            // one line
  Estimate vulns_avoided;         // over the horizon
  bool beyond_horizon = false;    // would end after the horizon: listed, not counted
};

struct ScenarioYear {
  int year = 0;           // 1 = the first year from the start
  double vulns = 0;       // expected memory-safety vulnerabilities surfacing that year
};

struct Scenario {
  std::string name;
  std::string description;
  std::vector<ScenarioYear> years;
  double total = 0;
};

struct Roadmap {
  Assumptions assumptions;
  std::int64_t start = 0;
  std::int64_t rust_from = 0;  // new code in Rust from this date
  std::vector<ComponentPlan> components;  // by risk share, highest first
  std::vector<Phase> phases;
  std::vector<Scenario> scenarios;  // status quo first
  double c_lines = 0, rust_lines = 0;
  double growth_lines_per_year = 0;  // C/C++ lines under a year old
  bool history = false;
  bool tree_has_tests = false;
  double test_share = 0;             // test code lines / product code lines
  Estimate plan_vulns_avoided;       // the phases within the horizon, plus new code in Rust
  Estimate plan_person_days;
  Estimate status_quo_vulns;
  Estimate cost_per_vulnerability_usd;  // the assumptions' alone, the same for every component
};

// The facts of each component from the scan: its files' code lines, risk
// (hotspots), interface (summaries), ages (history facts, when the snapshot
// has them), entry points (functions with exposure).
std::vector<ComponentFacts> component_facts(const model::Snapshot& snapshot, const structure::Components& components,
                                            const risk::Hotspots& hotspots,
                                            const std::vector<structure::ComponentSummary>& summaries,
                                            const Assumptions& assumptions, double* test_share);

// Economics, strategies, phases and scenarios. `assumptions.team` >= 1 and
// `assumptions.start` set (the command checks both).
Roadmap build_roadmap(std::vector<ComponentFacts> facts, const Assumptions& assumptions, bool history,
                      double test_share);

}  // namespace oxidize::plan
