#include "oxidize/plan/economics.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "oxidize/util/text.hpp"

namespace oxidize::plan {

namespace {

// Bindings written for new Rust code beside the C: at most this many interface functions.
constexpr double k_max_beside_bindings = 20;

// Evaluates `f` with the assumptions at their defaults, then with each set
// to the end that lowers the result, then to the end that raises it: the
// formulas below are monotonic in each assumption, so the ends are where
// every assumption sits at its own end. `raises` lists, for each key, true
// when a higher value raises the result.
template <typename F>
Estimate estimate(const Assumptions& a, F f, std::initializer_list<std::pair<std::string_view, bool>> keys) {
  Assumptions lo = a, hi = a;
  for (const auto& [key, raises] : keys) {
    for (auto& v : lo.values)
      if (v.key == key) v.value = raises ? v.low : v.high;
    for (auto& v : hi.values)
      if (v.key == key) v.value = raises ? v.high : v.low;
  }
  return {f(a), f(lo), f(hi)};
}

std::string lines_text(double lines) { return util::with_thousands(static_cast<unsigned long long>(std::llround(lines))); }

}  // namespace

std::string_view strategy_name(Strategy s) {
  switch (s) {
    case Strategy::port: return "port";
    case Strategy::rust_beside: return "rust-beside";
    case Strategy::harden: return "harden";
    case Strategy::leave: return "leave";
  }
  return "leave";
}

double vulns_in_existing_code(double lines, double freshness, double c_vulns_per_mloc, double lifetime,
                              double horizon) {
  return lines / 1e6 * c_vulns_per_mloc * freshness * (1 - std::exp(-horizon / lifetime));
}

double vulns_in_new_code(double lines_per_year, double vulns_per_mloc, double lifetime, double horizon) {
  return lines_per_year / 1e6 * vulns_per_mloc * (horizon - lifetime * (1 - std::exp(-horizon / lifetime)));
}

ComponentPlan plan_component(const ComponentFacts& facts, const Assumptions& a, bool tree_has_tests,
                             double team_year_person_days) {
  ComponentPlan out;
  out.facts = facts;
  ComponentEconomics& e = out.economics;
  const double growth = facts.young_share * facts.c_lines;  // new C/C++ lines a year, at the current pace

  auto existing = [&](const Assumptions& x) {
    // Freshness was computed with the default lifetime; other lifetimes move it too.
    const double age = facts.freshness > 0 ? -a["vulnerability_lifetime_years"] * std::log(facts.freshness) : 0;
    const double freshness = std::exp(-age / x["vulnerability_lifetime_years"]);
    return vulns_in_existing_code(facts.c_lines, freshness, x["c_vulns_per_mloc"], x["vulnerability_lifetime_years"],
                                  x["horizon_years"]);
  };
  auto fresh = [&](const Assumptions& x, std::string_view density) {
    return vulns_in_new_code(growth, x[density], x["vulnerability_lifetime_years"], x["horizon_years"]);
  };
  const std::initializer_list<std::pair<std::string_view, bool>> vuln_keys = {
      {"c_vulns_per_mloc", true}, {"vulnerability_lifetime_years", false}};
  e.vulns_from_new_code = estimate(a, [&](const Assumptions& x) { return fresh(x, "c_vulns_per_mloc"); }, vuln_keys);
  e.vulns_status_quo = estimate(
      a, [&](const Assumptions& x) { return existing(x) + fresh(x, "c_vulns_per_mloc"); }, vuln_keys);
  // A port leaves Rust's density, on the lines as they are and as they grow.
  e.avoided_by_port = estimate(
      a,
      [&](const Assumptions& x) {
        const double rust = (facts.c_lines / 1e6 * x["rust_vulns_per_mloc"]) * (1 - std::exp(-x["horizon_years"] / x["vulnerability_lifetime_years"])) +
                            fresh(x, "rust_vulns_per_mloc");
        return std::max(0.0, existing(x) + fresh(x, "c_vulns_per_mloc") - rust);
      },
      {{"c_vulns_per_mloc", true}, {"vulnerability_lifetime_years", false}, {"rust_vulns_per_mloc", false}});
  e.avoided_by_beside = estimate(
      a, [&](const Assumptions& x) { return std::max(0.0, fresh(x, "c_vulns_per_mloc") - fresh(x, "rust_vulns_per_mloc")); },
      {{"c_vulns_per_mloc", true}, {"vulnerability_lifetime_years", false}, {"rust_vulns_per_mloc", false}});
  e.avoided_by_harden = estimate(
      a, [&](const Assumptions& x) { return x["hardening_reduction"] * (existing(x) + fresh(x, "c_vulns_per_mloc")); },
      {{"c_vulns_per_mloc", true}, {"vulnerability_lifetime_years", false}, {"hardening_reduction", true}});

  const double simple_lines = std::max(0.0, facts.c_lines - facts.complex_lines);
  e.port_person_days = estimate(
      a,
      [&](const Assumptions& x) {
        const double effort_lines = simple_lines + facts.complex_lines * x["complex_code_multiplier"];
        const double tests = tree_has_tests ? 1.0 : x["no_tests_multiplier"];
        return effort_lines / x["port_lines_per_person_day"] * tests +
               facts.interface_functions * x["ffi_person_days_per_function"];
      },
      {{"port_lines_per_person_day", false}, {"complex_code_multiplier", true}, {"no_tests_multiplier", true},
       {"ffi_person_days_per_function", true}});
  const double targets = std::min(facts.entry_points, k_fuzz_targets_per_component);
  e.harden_person_days = estimate(
      a, [&](const Assumptions& x) { return x["hardening_person_days"] + targets * x["fuzz_target_person_days"]; },
      {{"hardening_person_days", true}, {"fuzz_target_person_days", true}});
  const double bindings = std::min(facts.interface_functions, k_max_beside_bindings);
  e.beside_person_days = estimate(
      a, [&](const Assumptions& x) { return bindings * x["ffi_person_days_per_function"]; },
      {{"ffi_person_days_per_function", true}});
  e.cost_per_vulnerability_usd = estimate(
      a,
      [&](const Assumptions& x) {
        return x["breach_probability"] * x["breach_cost_usd"] + x["response_person_days"] * x["person_day_cost_usd"];
      },
      {{"breach_probability", true}, {"breach_cost_usd", true}, {"response_person_days", true},
       {"person_day_cost_usd", true}});

  // The strategy, first rule that applies (docs/economics.md).
  const double share = facts.risk_share;
  const double port_years = e.port_person_days.value / std::max(1.0, team_year_person_days);
  if (!facts.ships) {
    out.strategy = Strategy::leave;
    out.reason = "tests, examples or documentation: not shipped";
  } else if (facts.c_lines < 1) {
    out.strategy = Strategy::leave;
    out.reason = "no C or C++ code";
  } else if (share < 0.02) {
    out.strategy = Strategy::leave;
    out.reason = fmt::format("{:.1f}% of the tree's risk: hardened with the rest, no phase of its own", 100 * share);
  } else if (port_years <= 1.0) {
    out.strategy = Strategy::port;
    out.reason = fmt::format("{:.0f}% of the tree's risk in {} lines; the team ports it in {:.1f} months", 100 * share,
                             lines_text(facts.c_lines), 12 * port_years);
  } else if (facts.young_share >= 0.05) {
    out.strategy = Strategy::rust_beside;
    out.reason = fmt::format("{:.0f}% of the risk, {} lines, {:.0f}% of them under a year old: too large to port "
                             "({:.1f} team-years), new code in Rust beside it",
                             100 * share, lines_text(facts.c_lines), 100 * facts.young_share, port_years);
  } else {
    out.strategy = Strategy::harden;
    out.reason = fmt::format("{:.0f}% of the risk in {} lines ({:.1f} team-years to port){}: harden it and fuzz "
                             "its {:.0f} input entry points",
                             100 * share, lines_text(facts.c_lines), port_years,
                             facts.history ? fmt::format(", {:.0f}% under a year old", 100 * facts.young_share) : "",
                             std::min(facts.entry_points, k_fuzz_targets_per_component));
  }
  return out;
}

}  // namespace oxidize::plan
