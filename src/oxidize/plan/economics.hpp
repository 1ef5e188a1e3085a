#pragma once
// What moving a component to Rust, writing its new code in Rust, or
// hardening it in place costs and saves, from the component's facts and the
// assumptions (docs/economics.md gives every formula). Pure functions; every
// figure is a range: the value with the defaults, and the ends reached with
// each assumption at its low or high end.
#include <string>
#include <vector>

#include "oxidize/plan/assumptions.hpp"

namespace oxidize::plan {

// What the plan knows of one component (built by roadmap.hpp from the scan).
struct ComponentFacts {
  std::string name;
  double c_lines = 0;          // C and C++ code lines
  double rust_lines = 0;
  double complex_lines = 0;    // code lines of functions above complexity 15
  double risk_mass = 0;        // the hotspots mass of its files
  double risk_share = 0;       // of the tree's
  double interface_functions = 0;  // functions other components call
  std::string ffi_class;       // none, low, medium, high
  double entry_points = 0;     // functions that read input or parse: fuzz targets
  double hazards = 0;          // findings at the default confidence
  bool history = false;        // the ages below are measured, not assumed
  double young_share = 0;      // lines under a year old: the growth rate per year
  // Mean of exp(-age / lifetime) over its C/C++ lines: how much of a new
  // line's vulnerability density is left (1 = all new code).
  double freshness = 1;
  bool ships = true;           // false: tests, examples, docs
  std::vector<std::string> riskiest_files;
};

struct Estimate {
  double value = 0;
  double low = 0;
  double high = 0;
};

enum class Strategy { port, rust_beside, harden, leave };
std::string_view strategy_name(Strategy s);  // port | rust-beside | harden | leave

struct ComponentEconomics {
  Estimate vulns_status_quo;    // memory-safety vulnerabilities expected over the horizon as it is
  Estimate vulns_from_new_code; // ... of which in code written during the horizon
  Estimate port_person_days;
  Estimate harden_person_days;
  Estimate beside_person_days;  // bindings for new Rust code beside the C
  Estimate avoided_by_port;     // vulnerabilities avoided over the horizon
  Estimate avoided_by_harden;
  Estimate avoided_by_beside;
  Estimate cost_per_vulnerability_usd;
};

struct ComponentPlan {
  ComponentFacts facts;
  ComponentEconomics economics;
  Strategy strategy = Strategy::leave;
  std::string reason;  // one line
};

// Expected memory-safety vulnerabilities surfacing within `horizon` years in
// `lines` of C/C++ whose density has `freshness` left:
//   lines / 1e6 x c_vulns_per_mloc x freshness x (1 - exp(-horizon / lifetime))
double vulns_in_existing_code(double lines, double freshness, double c_vulns_per_mloc, double lifetime,
                              double horizon);
// ... in code written at `lines_per_year` through the horizon:
//   lines_per_year / 1e6 x vulns_per_mloc x (horizon - lifetime x (1 - exp(-horizon / lifetime)))
double vulns_in_new_code(double lines_per_year, double vulns_per_mloc, double lifetime, double horizon);

// Fuzz targets planned per component (its entry points, at most this many).
inline constexpr double k_fuzz_targets_per_component = 5;

// The economics of one component, and its strategy with the reason.
// `team_year_person_days`: what the team delivers in a year (team x working
// days x capacity), the bound of a port.
ComponentPlan plan_component(const ComponentFacts& facts, const Assumptions& a, bool tree_has_tests,
                             double team_year_person_days);

}  // namespace oxidize::plan
