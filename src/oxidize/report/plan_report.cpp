#include "oxidize/report/plan_report.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "oxidize/report/json_writer.hpp"
#include "oxidize/report/report.hpp"
#include "oxidize/util/date.hpp"
#include "oxidize/util/text.hpp"
#include "oxidize/version.hpp"

namespace oxidize::report {

using nlohmann::ordered_json;

namespace {

std::string n0(double x) { return util::with_thousands(static_cast<unsigned long long>(std::llround(std::max(0.0, x)))); }

// "12 (5-30)": a value with its range, rounded to what it can mean.
std::string range(const plan::Estimate& e, int digits = 0) {
  if (digits == 0 && e.high < 10) digits = 1;  // small counts keep a decimal
  if (digits == 0) return fmt::format("{} ({}-{})", n0(e.value), n0(e.low), n0(e.high));
  return fmt::format("{:.{}f} ({:.{}f}-{:.{}f})", e.value, digits, e.low, digits, e.high, digits);
}

std::string money(double usd) {
  if (usd >= 1e6) return fmt::format("${:.1f}M", usd / 1e6);
  if (usd >= 1e3) return fmt::format("${:.0f}k", usd / 1e3);
  return fmt::format("${:.0f}", usd);
}

// Text from the scanned tree, made safe for a Markdown table cell.
std::string cell(std::string_view s) {
  std::string out;
  for (char c : util::to_valid_utf8(s)) {
    if (c == '|') out += "\\|";
    else if (c == '\n' || c == '\r') out += ' ';
    else if (c == '`') out += '\'';
    else if (c == '<') out += "&lt;";
    else out += c;
  }
  return out;
}

ordered_json estimate_json(const plan::Estimate& e) { return {{"value", e.value}, {"low", e.low}, {"high", e.high}}; }

std::string date(std::int64_t t) { return util::format_date(t); }

// "1 finding", "3 findings".
std::string count(std::uint64_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", util::with_thousands(n), n == 1 ? one : many);
}

// The components of one strategy, "a, b and c" (names from the tree, as cells), or "none".
std::string names_of(const plan::Roadmap& r, plan::Strategy s) {
  std::vector<std::string> names;
  for (const auto& c : r.components)
    if (c.strategy == s && c.facts.ships) names.push_back(cell(c.facts.name));
  if (names.empty()) return "none";
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

}  // namespace

void plan_markdown(util::Output& out, const PlanView& v) {
  const plan::Roadmap& r = v.roadmap;
  const plan::Assumptions& a = r.assumptions;
  const model::Snapshot& s = v.snapshot;
  const double horizon = a["horizon_years"];
  const auto& quo = r.scenarios.front();
  const auto& planned = r.scenarios.back();

  out.print("# Memory-safety roadmap: {}\n\n", cell(v.tree_name));
  out.print("Made by oxidize {} from the tree{}{}, for a team of {} starting {}. Every number is traceable to a fact "
            "of the tree or an assumption (appendix); ranges come from each assumption's low and high ends.\n\n",
            k_version, s.info.commit.empty() ? "" : " at commit " + s.info.commit.substr(0, 12),
            s.history ? fmt::format(" (history of {} commits up to {})", util::with_thousands(s.history->info.commits),
                                    date(s.history->info.now))
                      : " (no git history: code ages assumed)",
            a.team, date(r.start));

  out.write("## Executive summary\n\n");
  const double share_rust = r.c_lines + r.rust_lines > 0 ? r.rust_lines / (r.c_lines + r.rust_lines) : 0;
  out.print("- **The code**: {} lines of C/C++ and {} of Rust ({:.1f}% memory-safe) in {}; {}; {}.\n",
            n0(r.c_lines), n0(r.rust_lines), 100 * share_rust, count(r.components.size(), "component", "components"),
            count(v.findings, "hazard finding", "hazard findings"),
            r.history ? fmt::format("about {} lines of C/C++ a year are new or rewritten", n0(r.growth_lines_per_year))
                      : std::string("how fast it changes is unknown without history: no new code is simulated"));
  out.print("- **If nothing changes**: {} memory-safety vulnerabilities expected to surface over {:g} years in "
            "the shipped code, {} of them in code not yet written.\n",
            range(r.status_quo_vulns), horizon, [&] {
              plan::Estimate fresh;
              for (const auto& c : r.components) {
                if (!c.facts.ships) continue;
                fresh.value += c.economics.vulns_from_new_code.value;
                fresh.low += c.economics.vulns_from_new_code.low;
                fresh.high += c.economics.vulns_from_new_code.high;
              }
              return range(fresh);
            }());
  const auto& cost = r.cost_per_vulnerability_usd;
  std::string actions;
  auto action = [&](plan::Strategy strategy, std::string_view what) {
    const std::string names = names_of(r, strategy);
    if (names != "none") actions += fmt::format("; {} {}", what, names);
  };
  action(plan::Strategy::port, "port");
  action(plan::Strategy::rust_beside, "write new code in Rust beside the C of");
  action(plan::Strategy::harden, "harden in place");
  out.print("- **This plan**: new code in Rust from **{}**{}; {} person-days ({} at {}/day) within the {:g}-year "
            "horizon.\n",
            date(r.rust_from), actions, range(r.plan_person_days),
            money(r.plan_person_days.value * a["person_day_cost_usd"]), money(a["person_day_cost_usd"]), horizon);
  out.print("- **What it saves**: {} vulnerabilities avoided over {:g} years (the simulation below: {:.1f} expected "
            "against {:.1f}); at {} ({}-{}) a vulnerability, about {}.\n\n",
            range(r.plan_vulns_avoided, 1), horizon, planned.total, quo.total, money(cost.value), money(cost.low),
            money(cost.high), money(r.plan_vulns_avoided.value * cost.value));

  out.write("## Strategy per component\n\n");
  out.write("| component | C/C++ lines | risk | strategy | why | port (person-days) | vulns over horizon |\n");
  out.write("|---|---|---|---|---|---|---|\n");
  for (const auto& c : r.components) {
    out.print("| {} | {} | {:.1f}% | {} | {} | {} | {} |\n", cell(c.facts.name), n0(c.facts.c_lines),
              100 * c.facts.risk_share, plan::strategy_name(c.strategy), cell(c.reason),
              c.facts.c_lines > 0 && c.facts.ships ? range(c.economics.port_person_days) : "-",
              c.facts.c_lines > 0 && c.facts.ships ? range(c.economics.vulns_status_quo, 1) : "-");
  }
  out.write("\nRisk is each component's share of the tree's risk mass (`oxidize hotspots`, docs/risk.md).\n\n");

  out.write("## Phases\n\n");
  const std::int64_t horizon_end = util::add_months(r.start, static_cast<int>(std::lround(horizon * 12)));
  for (std::size_t i = 0; i < r.phases.size(); ++i) {
    const plan::Phase& p = r.phases[i];
    out.print("### {}. {} ({} to {}){}\n\n", i + 1, cell(p.name), date(p.start), date(p.end),
              p.beyond_horizon ? fmt::format(" - ends after the horizon ({})", date(horizon_end)) : "");
    for (const auto& w : p.work) out.print("- {}\n", cell(w));
    out.print("- effort: {} person-days\n", range(p.person_days));
    out.print("- outcome: {}", cell(p.outcome));
    if (p.vulns_avoided.value > 0)
      out.print("; {} memory-safety vulnerabilities avoided within the horizon", range(p.vulns_avoided, 1));
    out.write("\n\n");
  }
  if (r.phases.size() == 1) out.write("No component is worth a port of its own at this team size (table above).\n\n");

  out.print("## New code in Rust from {}\n\n", date(r.rust_from));
  out.print("From {} (the end of the {:g}-month ramp-up), new code is written in Rust: new files, new features, and "
            "rewrites of functions that change anyway. C/C++ changes are limited to fixes. Components marked "
            "rust-beside get Rust modules next to their C, called through `extern \"C\"` (`oxidize ffi COMPONENT` "
            "writes the declarations).\n\n",
            date(r.rust_from), a["ramp_up_months"]);

  out.print("## Simulation over {:g} years\n\n", horizon);
  out.write("Expected memory-safety vulnerabilities surfacing each year (the model of Google's 2024 analysis: a "
            "line's vulnerabilities surface at a rate that decays exponentially with its age; docs/economics.md).\n\n");
  out.write("| scenario |");
  for (const auto& y : quo.years) out.print(" year {} |", y.year);
  out.write(" total |\n|---|");
  for (std::size_t i = 0; i <= quo.years.size(); ++i) out.write("---|");
  out.write("\n");
  for (const auto& sc : r.scenarios) {
    out.print("| {} |", cell(sc.name));
    for (const auto& y : sc.years) out.print(" {:.1f} |", y.vulns);
    out.print(" **{:.1f}** |\n", sc.total);
  }
  out.write("\n");
  for (const auto& sc : r.scenarios) out.print("- *{}*: {}\n", cell(sc.name), cell(sc.description));
  if (!quo.years.empty() && quo.years.front().vulns > 0)
    out.print("\n**Calibrate it.** The model expects {:.1f} memory-safety vulnerabilities in the first year from "
              "Android's density ({:g} per million lines). If this project fixed K of them last year, set "
              "`c_vulns_per_mloc = {:.0f} x K` in the assumptions file and every count here scales with it.\n",
              quo.years.front().vulns, a["c_vulns_per_mloc"], a["c_vulns_per_mloc"] / quo.years.front().vulns);
  out.write("\n");

  out.write("## Training plan\n\n");
  out.print("- The {} of the migration team: {:g} months of ramp-up at {:.0f}% productivity (docs/economics.md), "
            "starting {}.\n",
            count(a.team, "engineer", "engineers"), a["ramp_up_months"], 100 * a["ramp_up_productivity"], date(r.start));
  out.write("- Material: *The Rust Programming Language* (the Rust Book) and Google's *Comprehensive Rust* course, "
            "including its Android and bare-metal chapters for FFI and `unsafe`.\n");
  out.write("- Practice on the first port: pair an experienced Rust reviewer with each engineer; review every `unsafe` "
            "block (`oxidize hazards --rules OXI-R` lists them).\n");
  out.write("- Reviewers of C/C++ changes learn the hazard rules (`oxidize hazards --list-rules`).\n\n");

  out.write("## External dependencies\n\n");
  if (v.deps.libraries.empty()) {
    out.write("No external C/C++ library found in the includes or build files (`oxidize deps`).\n\n");
  } else {
    out.write("| library | files | replacement | maturity |\n|---|---|---|---|\n");
    for (const auto& lib : v.deps.libraries) {
      const auto& rep = lib.library.replacements;
      out.print("| {} | {} | {} | {} |\n", cell(lib.library.name), lib.files_max,
                rep.empty() ? std::string("-") : cell(rep.front().crate),
                rep.empty() ? std::string("-") : std::string(structure::maturity_name(rep.front().maturity)));
    }
    out.write("\nReplace a library when the component that uses it is ported; until then, keep it current and "
              "hardened (`oxidize deps` gives the evidence and a source for each replacement).\n\n");
  }

  out.write("## Transparency: what to publish each quarter\n\n");
  out.write("- the memory-safe share of the code and its trend, with the projected dates for 50% and 95% (`oxidize "
            "history`);\n");
  out.write("- hazard findings new and fixed since the last quarter (`oxidize diff`), by CWE;\n");
  out.write("- the share of new code written in Rust since the policy date, and every exception;\n");
  out.write("- the phases done against this plan's dates, and memory-safety vulnerabilities reported in the quarter "
            "against the simulation's expectation;\n");
  out.write("- `unsafe` Rust: functions and blocks, and their share of the Rust code (`oxidize components`).\n\n");

  out.write("## CWE coverage of the hazards found\n\n");
  if (v.cwe_counts.empty()) {
    out.write("No hazard finding at the default confidence.\n\n");
  } else {
    out.write("| CWE | findings |\n|---|---|\n");
    for (const auto& [cwe, n] : v.cwe_counts) out.print("| {} | {} |\n", cell(cwe), util::with_thousands(n));
    out.write("\n");
  }

  out.write("## What this plan does not know\n\n");
  if (!r.history)
    out.print("- The history: without git, code ages are assumed ({:g} years) and growth is unknown (none is "
              "simulated).\n",
              a["unknown_age_years"]);
  out.print("- This project's own vulnerability density: the counts use Android's ({:g} per million lines of "
            "C/C++); a mature, heavily fuzzed library may see a quarter of that. Calibrate them on the project's "
            "own memory-safety fixes (the Simulation section says how).\n",
            a["c_vulns_per_mloc"]);
  out.write("- How fast this team ports: the porting rate is an assumption, not a measurement; measure the first "
            "port and set `port_lines_per_person_day`.\n");
  out.write("- Which vulnerabilities are exploitable: the breach probability is an assumption, and the cost figures "
            "are industry averages (IBM), not this organisation's.\n");
  out.write("- Whether the build can take Rust: the toolchain, the targets and the project's own rules (a kernel's "
            "Rust support, a platform without a Rust compiler) are not checked.\n");
  out.write("- Code outside the tree: dependencies, generated code and vendored code are not counted unless asked "
            "(`--include-vendored`, `--include-generated`).\n");
  out.write("- The risk ranking's accuracy: on the CVE backtests it finds 86% of later-vulnerable files in the top "
            "20% of files with history, 67% without (docs/validation.md).\n\n");

  out.write("## Sign-off\n\n");
  out.write("| role | name | date | signature |\n|---|---|---|---|\n");
  out.write("| Chief technology officer | | | |\n| Chief information security officer | | | |\n"
            "| Engineering lead of the migration | | | |\n\n");

  out.write("## Appendix: assumptions\n\n");
  out.print("{}\n\n", v.assumptions_file.empty() ? "Defaults (no assumptions file)."
                                                 : "From " + cell(v.assumptions_file) + " over the defaults.");
  out.write("| assumption | value | range | unit | source |\n|---|---|---|---|---|\n");
  for (const auto& x : a.values)
    out.print("| {}{} | {:g} | {:g}-{:g} | {} | {} |\n", x.key, x.overridden ? " (set)" : "", x.value, x.low, x.high,
              x.unit, x.source);
  out.print("\nTeam: {}; start: {}; test code is {:.0f}% of product code ({}).\n", a.team, date(r.start),
            100 * r.test_share, r.tree_has_tests ? "tests present" : "little test code: ports cost more");
}

void plan_json(util::Output& out, const PlanView& v) {
  const plan::Roadmap& r = v.roadmap;
  const plan::Assumptions& a = r.assumptions;
  JsonWriter json(out);
  json.begin_object();
  json.member("schema_version", k_schema_version);
  json.member("tool", {{"name", "oxidize"}, {"version", k_version}});
  json.member("command", "plan");
  json.member("tree", util::to_valid_utf8(v.tree_name));
  json.member("commit", v.snapshot.info.commit);
  json.member("history", r.history);
  json.member("team", a.team);
  json.member("start", date(r.start));
  json.member("rust_from", date(r.rust_from));
  json.member("summary", {{"c_lines", r.c_lines},
                          {"rust_lines", r.rust_lines},
                          {"growth_lines_per_year", r.growth_lines_per_year},
                          {"findings", v.findings},
                          {"status_quo_vulns", estimate_json(r.status_quo_vulns)},
                          {"plan_vulns_avoided", estimate_json(r.plan_vulns_avoided)},
                          {"plan_person_days", estimate_json(r.plan_person_days)}});
  json.key("components");
  json.begin_array();
  for (const auto& c : r.components) {
    const auto& e = c.economics;
    ordered_json j;
    j["name"] = util::to_valid_utf8(c.facts.name);
    j["strategy"] = plan::strategy_name(c.strategy);
    j["reason"] = util::to_valid_utf8(c.reason);
    j["c_lines"] = c.facts.c_lines;
    j["rust_lines"] = c.facts.rust_lines;
    j["complex_lines"] = c.facts.complex_lines;
    j["risk_share"] = c.facts.risk_share;
    j["interface_functions"] = c.facts.interface_functions;
    j["entry_points"] = c.facts.entry_points;
    j["young_share"] = c.facts.young_share;
    j["freshness"] = c.facts.freshness;
    j["ships"] = c.facts.ships;
    ordered_json files = ordered_json::array();
    for (const auto& f : c.facts.riskiest_files) files.push_back(util::to_valid_utf8(f));
    j["riskiest_files"] = files;
    j["vulns_status_quo"] = estimate_json(e.vulns_status_quo);
    j["vulns_from_new_code"] = estimate_json(e.vulns_from_new_code);
    j["port_person_days"] = estimate_json(e.port_person_days);
    j["harden_person_days"] = estimate_json(e.harden_person_days);
    j["beside_person_days"] = estimate_json(e.beside_person_days);
    j["avoided_by_port"] = estimate_json(e.avoided_by_port);
    j["avoided_by_harden"] = estimate_json(e.avoided_by_harden);
    j["avoided_by_beside"] = estimate_json(e.avoided_by_beside);
    j["cost_per_vulnerability_usd"] = estimate_json(e.cost_per_vulnerability_usd);
    json.value(j);
  }
  json.end();
  json.key("phases");
  json.begin_array();
  for (const auto& p : r.phases) {
    ordered_json j;
    j["name"] = util::to_valid_utf8(p.name);
    j["start"] = date(p.start);
    j["end"] = date(p.end);
    j["person_days"] = estimate_json(p.person_days);
    ordered_json work = ordered_json::array();
    for (const auto& w : p.work) work.push_back(util::to_valid_utf8(w));
    j["work"] = work;
    j["outcome"] = util::to_valid_utf8(p.outcome);
    j["vulns_avoided"] = estimate_json(p.vulns_avoided);
    j["beyond_horizon"] = p.beyond_horizon;
    json.value(j);
  }
  json.end();
  json.key("scenarios");
  json.begin_array();
  for (const auto& sc : r.scenarios) {
    ordered_json years = ordered_json::array();
    for (const auto& y : sc.years) years.push_back({{"year", y.year}, {"vulns", y.vulns}});
    json.value({{"name", util::to_valid_utf8(sc.name)},
                {"description", util::to_valid_utf8(sc.description)},
                {"years", years},
                {"total", sc.total}});
  }
  json.end();
  ordered_json cwe = ordered_json::array();
  for (const auto& [name, n] : v.cwe_counts) cwe.push_back({{"cwe", name}, {"findings", n}});
  json.member("cwe", cwe);
  ordered_json deps = ordered_json::array();
  for (const auto& lib : v.deps.libraries) {
    ordered_json d;
    d["library"] = lib.library.id;
    d["files"] = lib.files_max;
    if (!lib.library.replacements.empty()) {
      d["replacement"] = lib.library.replacements.front().crate;
      d["maturity"] = structure::maturity_name(lib.library.replacements.front().maturity);
    }
    deps.push_back(std::move(d));
  }
  json.member("dependencies", deps);
  ordered_json assumptions = ordered_json::array();
  for (const auto& x : a.values)
    assumptions.push_back({{"key", x.key},
                           {"value", x.value},
                           {"low", x.low},
                           {"high", x.high},
                           {"unit", x.unit},
                           {"source", x.source},
                           {"set", x.overridden}});
  json.member("assumptions", assumptions);
  json.end();
  json.finish();
}

}  // namespace oxidize::report
