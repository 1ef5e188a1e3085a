#include "oxidize/plan/roadmap.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "oxidize/risk/path_role.hpp"
#include "oxidize/util/date.hpp"
#include "oxidize/util/text.hpp"

namespace oxidize::plan {

namespace {

constexpr double k_days_per_year = 365.25;
constexpr std::int64_t k_day = 86400;
// A function above this complexity is "complex" (as in `oxidize scan`).
constexpr std::uint32_t k_complex_ccn = 15;

bool is_c_family(discover::Language l) { return l != discover::Language::rust; }

// Calendar seconds for `working_days` of work: five working days a week.
std::int64_t calendar(double working_days) {
  return static_cast<std::int64_t>(std::ceil(working_days * 7.0 / 5.0)) * k_day;
}

std::string lines_text(double lines) { return util::with_thousands(static_cast<unsigned long long>(std::llround(lines))); }

Estimate scaled(const Estimate& e, double f) { return {e.value * f, e.low * f, e.high * f}; }
void add(Estimate& to, const Estimate& e) {
  to.value += e.value;
  to.low += e.low;
  to.high += e.high;
}

// One block of code in the simulation: lines of one language written at
// one time (the existing code of a component is one block, of the age that
// gives its freshness).
struct Cohort {
  std::size_t component = 0;
  double lines = 0;
  double age_years = 0;
  bool rust = false;
  bool hardened = false;
};

struct ScenarioRules {
  std::int64_t rust_from = 0;         // new code is Rust from here (0: never)
  std::vector<std::int64_t> ported;   // per component: its C becomes Rust at this time (0: never)
  std::int64_t hardened_from = 0;     // harden-strategy components hardened from here (0: never)
};

// Expected memory-safety vulnerabilities month by month over the horizon,
// in the shipped components (tests and examples are no product's
// vulnerabilities), under `rules`, with the densities of `a`.
Scenario simulate(const Roadmap& r, const Assumptions& a, const std::string& name, const std::string& description,
                  const ScenarioRules& rules) {
  const double tau = a["vulnerability_lifetime_years"];
  const double c_density = a["c_vulns_per_mloc"] / 1e6;
  const double rust_density = a["rust_vulns_per_mloc"] / 1e6;
  const double reduction = a["hardening_reduction"];
  const int months = static_cast<int>(std::lround(a["horizon_years"] * 12));
  std::vector<Cohort> cohorts;
  for (std::size_t c = 0; c < r.components.size(); ++c) {
    const auto& f = r.components[c].facts;
    if (f.c_lines <= 0 || !f.ships) continue;
    cohorts.push_back({c, f.c_lines, f.freshness > 0 ? -tau * std::log(f.freshness) : 0, false, false});
  }
  Scenario s{name, description, {}, 0};
  const double dt = 1.0 / 12;
  for (int m = 0; m < months; ++m) {
    const std::int64_t now = util::add_months(r.start, m);
    // Ports and hardening that are done by now.
    for (Cohort& k : cohorts) {
      if (!k.rust && rules.ported.size() > k.component && rules.ported[k.component] != 0 &&
          now >= rules.ported[k.component]) {
        k.rust = true;
        k.age_years = 0;
      }
      if (rules.hardened_from != 0 && now >= rules.hardened_from &&
          r.components[k.component].strategy == Strategy::harden)
        k.hardened = true;
    }
    // This month's new code, per component at its own pace.
    for (std::size_t c = 0; c < r.components.size(); ++c) {
      const auto& f = r.components[c].facts;
      const double lines = f.young_share * f.c_lines / 12;
      if (lines <= 0 || !f.ships) continue;
      const bool ported = rules.ported.size() > c && rules.ported[c] != 0 && now >= rules.ported[c];
      const bool rust = ported || (rules.rust_from != 0 && now >= rules.rust_from);
      cohorts.push_back({c, lines, 0, rust, false});
    }
    double found = 0;
    for (Cohort& k : cohorts) {
      const double density = k.rust ? rust_density : c_density * (k.hardened ? 1 - reduction : 1);
      // The density surfacing over [age, age + dt]: exp(-age/tau) - exp(-(age+dt)/tau).
      found += k.lines * density * (std::exp(-k.age_years / tau) - std::exp(-(k.age_years + dt) / tau));
      k.age_years += dt;
    }
    const int year = m / 12 + 1;
    if (s.years.empty() || s.years.back().year != year) s.years.push_back({year, 0});
    s.years.back().vulns += found;
    s.total += found;
  }
  return s;
}

}  // namespace

std::vector<ComponentFacts> component_facts(const model::Snapshot& snapshot, const structure::Components& components,
                                            const risk::Hotspots& hotspots,
                                            const std::vector<structure::ComponentSummary>& summaries,
                                            const Assumptions& assumptions, double* test_share) {
  const double tau = assumptions["vulnerability_lifetime_years"];
  const double unknown_freshness = std::exp(-assumptions["unknown_age_years"] / tau);
  std::vector<double> mass(snapshot.files.size(), 0.0);
  for (const auto& f : hotspots.files) mass[f.file] = f.risk.mass;
  std::vector<double> entry_points(snapshot.files.size(), 0.0);
  for (const auto& f : hotspots.functions)
    if (f.facts.exposure > 0) entry_points[f.file] += 1;
  double total_mass = 0;
  for (double m : mass) total_mass += m;

  std::vector<ComponentFacts> out;
  double test_lines = 0, product_lines = 0;
  for (std::uint32_t c = 0; c < components.list.size(); ++c) {
    const structure::Component& component = components.list[c];
    ComponentFacts f;
    f.name = component.name;
    double shipped = 0, freshness_sum = 0, young = 0;
    std::vector<std::pair<double, std::string>> ranked;
    bool any_history = false;
    for (std::uint32_t fi : component.files) {
      const model::FileRecord& file = snapshot.files[fi];
      const double code = static_cast<double>(file.facts.lines.code);
      const bool ships = risk::path_role(file.path) == risk::PathRole::product;
      (ships ? product_lines : test_lines) += code;
      if (ships) shipped += code;
      f.risk_mass += mass[fi];
      f.entry_points += entry_points[fi];
      if (mass[fi] > 0) ranked.emplace_back(mass[fi], file.path);
      if (!is_c_family(file.facts.language)) {
        f.rust_lines += code;
        continue;
      }
      f.c_lines += code;
      for (const auto& fn : file.facts.functions)
        if (fn.ccn > k_complex_ccn) f.complex_lines += fn.nloc;
      const model::FileHistory* h = snapshot.history ? snapshot.history->file(file.path) : nullptr;
      if (h != nullptr && h->age.median_age_days >= 0) {
        any_history = true;
        freshness_sum += code * std::exp(-h->age.median_age_days / k_days_per_year / tau);
        young += code * h->age.young_share;
      } else {
        freshness_sum += code * unknown_freshness;
      }
    }
    const double all = f.c_lines + f.rust_lines;
    f.ships = all == 0 || shipped * 2 >= all;
    f.history = any_history;
    f.freshness = f.c_lines > 0 ? freshness_sum / f.c_lines : 1;
    f.young_share = f.c_lines > 0 ? young / f.c_lines : 0;
    f.risk_share = total_mass > 0 ? f.risk_mass / total_mass : 0;
    std::sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
    for (std::size_t i = 0; i < ranked.size() && i < 3; ++i) f.riskiest_files.push_back(ranked[i].second);
    for (const auto& s : summaries)
      if (s.component == c) {
        f.interface_functions = static_cast<double>(s.interface_functions);
        f.ffi_class = std::string(structure::ffi_class_name(s.ffi.level));
        f.hazards = static_cast<double>(s.totals.hazards.findings);
      }
    out.push_back(std::move(f));
  }
  if (test_share != nullptr) *test_share = product_lines > 0 ? test_lines / product_lines : 0;
  return out;
}

Roadmap build_roadmap(std::vector<ComponentFacts> facts, const Assumptions& a, bool history, double test_share) {
  Roadmap r;
  r.assumptions = a;
  r.start = a.start.value_or(0);
  r.history = history;
  r.test_share = test_share;
  r.tree_has_tests = test_share >= 0.05;
  const double team = std::max(1u, a.team);
  const double capacity = a["migration_capacity"];
  const double team_year = team * k_working_days_per_year * capacity;
  const double horizon = a["horizon_years"];
  const std::int64_t horizon_end = util::add_months(r.start, static_cast<int>(std::lround(horizon * 12)));
  std::sort(facts.begin(), facts.end(), [](const ComponentFacts& x, const ComponentFacts& y) {
    return x.risk_share != y.risk_share ? x.risk_share > y.risk_share : x.name < y.name;
  });
  r.cost_per_vulnerability_usd = plan_component(ComponentFacts{}, a, true, team_year).economics.cost_per_vulnerability_usd;
  for (const auto& f : facts) {
    r.c_lines += f.c_lines;
    r.rust_lines += f.rust_lines;
    r.growth_lines_per_year += f.young_share * f.c_lines;
    r.components.push_back(plan_component(f, a, r.tree_has_tests, team_year));
  }

  // Phase 1: training, hardening and fuzzing, the policy for new code.
  const double ramp_months = a["ramp_up_months"];
  const int ramp_whole_months = static_cast<int>(std::ceil(ramp_months));
  Phase foundations;
  foundations.name = "Foundations";
  foundations.start = r.start;
  Estimate harden;
  std::size_t hardened = 0;
  double targets = 0;
  for (const auto& c : r.components) {
    if (!c.facts.ships || c.facts.c_lines <= 0) continue;
    ++hardened;
    if (c.strategy == Strategy::leave) {
      // Flags only: its fuzz targets wait for a reason.
      add(harden, Estimate{a["hardening_person_days"], a.low("hardening_person_days"), a.high("hardening_person_days")});
    } else {
      add(harden, c.economics.harden_person_days);
      targets += std::min(c.facts.entry_points, k_fuzz_targets_per_component);
    }
  }
  const double training_days = team * ramp_months * (k_working_days_per_year / 12) * (1 - a["ramp_up_productivity"]);
  foundations.person_days = harden;
  foundations.person_days.value += training_days;
  foundations.person_days.low += team * a.low("ramp_up_months") * (k_working_days_per_year / 12) * (1 - a.high("ramp_up_productivity"));
  foundations.person_days.high += team * a.high("ramp_up_months") * (k_working_days_per_year / 12) * (1 - a.low("ramp_up_productivity"));
  const std::int64_t harden_end = r.start + calendar(harden.value / (team * capacity * a["ramp_up_productivity"]));
  foundations.end = std::max(util::add_months(r.start, ramp_whole_months), harden_end);
  r.rust_from = util::add_months(r.start, ramp_whole_months);
  foundations.work.push_back(fmt::format("Rust training for the team ({} {}): {:g} months at {:.0f}% productivity",
                                         a.team, a.team == 1 ? "engineer" : "engineers", ramp_months,
                                         100 * a["ramp_up_productivity"]));
  foundations.work.push_back(fmt::format(
      "hardening flags in CI and release builds of the {} shipped components (-D_FORTIFY_SOURCE=3, -fstack-protector-strong, "
      "-ftrivial-auto-var-init=zero, the C++ library's hardening mode)",
      hardened));
  if (targets > 0)
    foundations.work.push_back(fmt::format(
        "{:.0f} fuzz targets on the functions that read input or parse, in the components to port or harden", targets));
  foundations.work.push_back(fmt::format("from {}, new code is written in Rust", util::format_date(r.rust_from)));
  foundations.outcome = fmt::format("the team writes Rust; every shipped component is built hardened; new C/C++ stops on {}",
                                    util::format_date(r.rust_from));
  r.phases.push_back(foundations);

  auto remaining = [&](std::int64_t t) {
    const double years = static_cast<double>(t - r.start) / k_day / k_days_per_year;
    return std::clamp(1 - years / horizon, 0.0, 1.0);
  };
  for (const auto& c : r.components)
    if (c.strategy == Strategy::rust_beside) add(r.plan_person_days, c.economics.beside_person_days);
  add(r.plan_person_days, foundations.person_days);

  // Ports, by vulnerabilities avoided per person-day, one after the other.
  std::vector<std::size_t> ports;
  for (std::size_t i = 0; i < r.components.size(); ++i)
    if (r.components[i].strategy == Strategy::port) ports.push_back(i);
  std::stable_sort(ports.begin(), ports.end(), [&](std::size_t x, std::size_t y) {
    const auto& ex = r.components[x].economics;
    const auto& ey = r.components[y].economics;
    return ex.avoided_by_port.value / std::max(1.0, ex.port_person_days.value) >
           ey.avoided_by_port.value / std::max(1.0, ey.port_person_days.value);
  });
  std::int64_t at = foundations.end;
  std::vector<std::int64_t> ported(r.components.size(), 0);  // per component: its port's end within the horizon
  for (std::size_t i : ports) {
    const ComponentPlan& c = r.components[i];
    Phase p;
    p.name = "Port " + c.facts.name;
    p.start = at;
    p.person_days = c.economics.port_person_days;
    p.end = at + calendar(p.person_days.value / (team * capacity));
    p.beyond_horizon = p.end > horizon_end;
    p.work.push_back(fmt::format("port {} lines of {} to Rust ({} in functions above complexity 15), riskiest file "
                                 "first: {}",
                                 lines_text(c.facts.c_lines), c.facts.name, lines_text(c.facts.complex_lines),
                                 c.facts.riskiest_files.empty() ? std::string("-") : c.facts.riskiest_files.front()));
    if (c.facts.interface_functions > 0)
      p.work.push_back(fmt::format("keep its {:.0f} interface functions callable from C (extern \"C\"; oxidize ffi {})",
                                   c.facts.interface_functions, c.facts.name));
    p.vulns_avoided = scaled(c.economics.avoided_by_port, remaining(p.end));
    p.outcome = fmt::format("{} in Rust: {:.0f}% of the tree's risk", c.facts.name, 100 * c.facts.risk_share);
    if (!p.beyond_horizon) {
      add(r.plan_person_days, p.person_days);
      ported[i] = p.end;
    }
    at = p.end;
    r.phases.push_back(std::move(p));
  }

  // The scenarios, with the defaults; the headline ranges run the status
  // quo and the plan again with the vulnerability densities and the
  // hardening effect at their low and high ends.
  ScenarioRules none;
  r.scenarios.push_back(simulate(r, a, "status quo", "all code stays C/C++, growing at its current pace", none));
  ScenarioRules policy;
  policy.rust_from = r.rust_from;
  r.scenarios.push_back(simulate(r, a, "new code in Rust from " + util::format_date(r.rust_from),
                                 "Android's approach: the C/C++ stays and ages, new code is Rust", policy));
  // Rewrite the riskiest shipped component, however large, as soon as the
  // team can: Google's 2024 comparison of rewriting against new code in Rust.
  std::size_t target = r.components.size();
  for (std::size_t i = 0; target == r.components.size() && i < r.components.size(); ++i)
    if (r.components[i].facts.ships && r.components[i].facts.c_lines > 0) target = i;
  if (target < r.components.size()) {
    ScenarioRules rewrite;
    rewrite.ported.assign(r.components.size(), 0);
    const auto& c = r.components[target];
    rewrite.ported[target] = foundations.end + calendar(c.economics.port_person_days.value / (team * capacity));
    r.scenarios.push_back(simulate(
        r, a, "rewrite " + c.facts.name,
        fmt::format("{} ported by the whole team after the foundations, done {}; new code stays C/C++", c.facts.name,
                    util::format_date(rewrite.ported[target])),
        rewrite));
  }
  ScenarioRules plan;
  plan.rust_from = r.rust_from;
  plan.hardened_from = foundations.end;
  plan.ported = ported;
  r.scenarios.push_back(simulate(r, a, "this plan", "the phases below: hardening, new code in Rust, the ports", plan));

  auto at_end = [&](bool high) {
    Assumptions x = a;
    for (auto& v : x.values)
      if (v.key == "c_vulns_per_mloc" || v.key == "hardening_reduction") v.value = high ? v.high : v.low;
      else if (v.key == "rust_vulns_per_mloc") v.value = high ? v.low : v.high;
    return x;
  };
  const Assumptions lo = at_end(false), hi = at_end(true);
  const double quo = r.scenarios.front().total, planned = r.scenarios.back().total;
  const double quo_lo = simulate(r, lo, "", "", none).total, plan_lo = simulate(r, lo, "", "", plan).total;
  const double quo_hi = simulate(r, hi, "", "", none).total, plan_hi = simulate(r, hi, "", "", plan).total;
  r.status_quo_vulns = {quo, quo_lo, quo_hi};
  r.plan_vulns_avoided = {quo - planned, quo_lo - plan_lo, quo_hi - plan_hi};
  return r;
}

}  // namespace oxidize::plan
