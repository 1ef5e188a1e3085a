#include "oxidize/report/hotspots_report.hpp"

#include <algorithm>
#include <string>

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

std::size_t shown(std::size_t size, std::size_t top) { return top == 0 ? size : std::min(size, top); }

// A score as people read it: three significant digits.
std::string score_text(double s) { return fmt::format("{:.3g}", s); }

// What a factor's fact is, in words: "127", "3.5 points", "1,194 lines".
std::string fact_text(const risk::Factor& f) {
  switch (f.id) {
    case risk::FactorId::hazards: return fmt::format("{:g} points", f.fact);
    case risk::FactorId::exposure: return fmt::format("{:g} input reads and parsers", f.fact);
    case risk::FactorId::ffi: return fmt::format("{:g} at a language boundary", f.fact);
    case risk::FactorId::fixes: return fmt::format("{:g} fix commits", f.fact);
    case risk::FactorId::security_fixes: return fmt::format("{:g} security-fix commits", f.fact);
    case risk::FactorId::churn: return fmt::format("{:g} lines changed in 12 months", f.fact);
    case risk::FactorId::young: return fmt::format("{:.0f}% of lines under a year old", 100 * f.fact);
    case risk::FactorId::role: return f.fact > 0 ? "code that does not ship" : "product code";
    case risk::FactorId::size: return fmt::format("{} code lines", util::with_thousands(static_cast<unsigned long long>(f.fact)));
    case risk::FactorId::complexity: return fmt::format("McCabe {:g}, a switch once", f.fact);
    case risk::FactorId::count_: break;
  }
  return fmt::format("{:g}", f.fact);
}

// "complexity (McCabe 127, a switch once) x1.44e+03  fixes (43 fix commits) x6.63  ..." (the factors that
// change the score).
std::string explanation(const risk::RiskScore& r) {
  std::string out;
  for (const risk::Factor& f : r.factors) {
    if (f.multiplier == 1.0) continue;
    if (!out.empty()) out += "  ";
    out += fmt::format("{} ({}) x{:.3g}", risk::factor_name(f.id), fact_text(f), f.multiplier);
  }
  return out;
}

ordered_json factors_json(const risk::RiskScore& r) {
  ordered_json j = ordered_json::array();
  for (const risk::Factor& f : r.factors) {
    ordered_json x;
    x["name"] = risk::factor_name(f.id);
    x["fact"] = f.fact;
    x["multiplier"] = f.multiplier;
    x["known"] = f.known;
    j.push_back(std::move(x));
  }
  return j;
}

const parse::FunctionFacts& function_of(const model::Snapshot& s, const risk::FunctionRisk& f) {
  return s.files[f.file].facts.functions[f.function];
}

std::string history_line(const model::Snapshot& s, bool history) {
  if (!history || !s.history)
    return "History: not read (no git repository, or --no-history): fixes, security fixes, churn and code age do not count.";
  const auto& info = s.history->info;
  return fmt::format("History: {} commits up to {} ({}), now = {}.", util::with_thousands(info.commits),
                     info.head.substr(0, 12), info.walk, util::format_date(info.now));
}

}  // namespace

void hotspots_table(util::Output& out, const HotspotsView& v, bool color) {
  const model::Snapshot& s = v.snapshot;
  const risk::Hotspots& h = v.hotspots;
  auto bold = [&](const std::string& text) { return color ? "\x1b[1m" + text + "\x1b[0m\n" : text + "\n"; };
  out.write(bold(fmt::format("Risk hotspots: score = risk mass / (10 + code lines)^{:g}; --explain shows the factors",
                             v.weights.size)));
  out.write(history_line(s, h.history) + "\n");
  if (v.files) {
    out.write("\n");
    const std::string header = fmt::format("{:>5} {:>9} {:>8} {:>6} {:>7} {:>5} {:>5}  {}", "Rank", "Score", "Code",
                                           "CCN", "Hazards", "Input", "Fixes", "File");
    out.write(bold(header));
    for (std::size_t i = 0; i < shown(h.files.size(), v.top); ++i) {
      const risk::FileRisk& f = h.files[i];
      out.print("{:>5} {:>9} {:>8} {:>6} {:>7} {:>5} {:>5}  {}\n", i + 1, score_text(f.risk.score),
                util::with_thousands(static_cast<unsigned long long>(f.facts.code_lines)), f.facts.complexity,
                fmt::format("{:g}", f.facts.hazard_points), f.facts.exposure,
                f.facts.history ? fmt::format("{:g}", f.facts.fixes) : std::string("-"),
                util::escape_for_terminal(s.files[f.file].path));
      if (v.explain) out.write("      " + explanation(f.risk) + "\n");
    }
    out.print("{} files scored\n", util::with_thousands(h.files.size()));
  }
  if (v.functions) {
    out.write("\n");
    const std::string header = fmt::format("{:>5} {:>9} {:>6} {:>6} {:>7} {:>5} {:>5}  {}", "Rank", "Score", "NLOC",
                                           "CCN", "Hazards", "Input", "Fixes", "Function");
    out.write(bold(header));
    for (std::size_t i = 0; i < shown(h.functions.size(), v.top); ++i) {
      const risk::FunctionRisk& f = h.functions[i];
      const auto& fn = function_of(s, f);
      out.print("{:>5} {:>9} {:>6} {:>6} {:>7} {:>5} {:>5}  {}:{} {}\n", i + 1, score_text(f.score), fn.nloc,
                f.facts.complexity, fmt::format("{:g}", f.facts.hazard_points), f.facts.exposure,
                f.facts.history ? fmt::format("{:g}", f.facts.fixes) : std::string("-"),
                util::escape_for_terminal(s.files[f.file].path), fn.start_line, util::escape_for_terminal(fn.name));
      if (v.explain) out.write("      " + explanation(risk::score(f.facts, v.weights)) + "\n");
    }
    out.print("{} functions scored\n", util::with_thousands(h.functions.size()));
  }
  if (v.components_list) {
    out.write("\n");
    const std::string header = fmt::format("{:>5} {:>9} {:>6} {:>9} {:>7} {:>6}  {:<28} {}", "Rank", "Score", "Files",
                                           "Code", "Hazards", "Fixes", "Component", "Riskiest files");
    out.write(bold(header));
    for (std::size_t i = 0; i < shown(h.components.size(), v.top); ++i) {
      const risk::ComponentRisk& c = h.components[i];
      std::string top;
      for (std::uint32_t t : c.top_files) {
        if (!top.empty()) top += ", ";
        top += util::escape_for_terminal(s.files[h.files[t].file].path);
      }
      out.print("{:>5} {:>9} {:>6} {:>9} {:>7} {:>6}  {:<28} {}\n", i + 1, score_text(c.score), c.files,
                util::with_thousands(static_cast<unsigned long long>(c.facts.code_lines)),
                fmt::format("{:g}", c.facts.hazard_points),
                c.facts.history ? fmt::format("{:g}", c.facts.fixes) : std::string("-"),
                util::escape_for_terminal(v.components.list[c.component].name), top);
      if (v.explain)
        out.print("      mass {:.3g} (its files' masses summed) x size ({} code lines) {:.3g}\n", c.mass,
                  util::with_thousands(static_cast<unsigned long long>(c.facts.code_lines)),
                  risk::size_factor(c.facts.code_lines, v.weights));
    }
    out.print("{} components scored\n", h.components.size());
  }
}

void hotspots_json(util::Output& out, const HotspotsView& v) {
  const model::Snapshot& s = v.snapshot;
  const risk::Hotspots& h = v.hotspots;
  JsonWriter json(out);
  json.begin_object();
  json.member("schema_version", k_schema_version);
  json.member("tool", {{"name", "oxidize"}, {"version", k_version}});
  json.member("command", "hotspots");
  ordered_json roots = ordered_json::array();
  for (const auto& r : s.info.roots) roots.push_back(util::to_valid_utf8(r));
  json.member("roots", roots);
  ordered_json history;
  history["read"] = h.history && s.history.has_value();
  if (h.history && s.history) {
    history["head"] = s.history->info.head;
    history["now"] = util::format_date(s.history->info.now);
    history["commits"] = s.history->info.commits;
    history["walk"] = s.history->info.walk;
  }
  json.member("history", history);
  const risk::RiskWeights& w = v.weights;
  json.member("weights", {{"complexity", w.complexity},
                          {"hazards", w.hazards},
                          {"exposure", w.exposure},
                          {"ffi", w.ffi},
                          {"fixes", w.fixes},
                          {"security_fixes", w.security_fixes},
                          {"churn", w.churn},
                          {"young", w.young},
                          {"size", w.size},
                          {"non_product", w.non_product}});
  if (v.files) {
    json.key("files");
    json.begin_array();
    for (std::size_t i = 0; i < shown(h.files.size(), v.top); ++i) {
      const risk::FileRisk& f = h.files[i];
      ordered_json j;
      put_path(j, "path", s.files[f.file].path);
      j["score"] = f.risk.score;
      j["mass"] = f.risk.mass;
      j["code"] = static_cast<std::uint64_t>(f.facts.code_lines);
      j["role"] = risk::path_role_name(f.facts.role);
      j["factors"] = factors_json(f.risk);
      json.value(j);
    }
    json.end();
  }
  if (v.functions) {
    json.key("functions");
    json.begin_array();
    for (std::size_t i = 0; i < shown(h.functions.size(), v.top); ++i) {
      const risk::FunctionRisk& f = h.functions[i];
      const auto& fn = function_of(s, f);
      ordered_json j;
      put_path(j, "path", s.files[f.file].path);
      j["function"] = util::to_valid_utf8(fn.name);
      j["line"] = fn.start_line;
      j["score"] = f.score;
      j["mass"] = f.mass;
      j["factors"] = factors_json(risk::score(f.facts, v.weights));
      json.value(j);
    }
    json.end();
  }
  if (v.components_list) {
    json.key("components");
    json.begin_array();
    for (std::size_t i = 0; i < shown(h.components.size(), v.top); ++i) {
      const risk::ComponentRisk& c = h.components[i];
      ordered_json j;
      j["name"] = util::to_valid_utf8(v.components.list[c.component].name);
      j["score"] = c.score;
      j["mass"] = c.mass;
      j["files"] = c.files;
      j["code"] = static_cast<std::uint64_t>(c.facts.code_lines);
      j["max_complexity"] = static_cast<std::uint64_t>(c.facts.complexity);
      j["hazard_points"] = c.facts.hazard_points;
      j["exposure"] = c.facts.exposure;
      if (c.facts.history) {
        j["fixes"] = c.facts.fixes;
        j["security_fixes"] = c.facts.security_fixes;
        j["churn_12m"] = c.facts.churn_12m;
        j["young_share"] = c.facts.young_share;
      }
      ordered_json top = ordered_json::array();
      for (std::uint32_t t : c.top_files) {
        ordered_json p;
        put_path(p, "path", s.files[h.files[t].file].path);
        top.push_back(std::move(p));
      }
      j["riskiest_files"] = std::move(top);
      json.value(j);
    }
    json.end();
  }
  json.end();
  json.finish();
}

void hotspots_csv(util::Output& out, const HotspotsView& v) {
  const model::Snapshot& s = v.snapshot;
  const risk::Hotspots& h = v.hotspots;
  out.write("path,score,function\n");
  if (v.files)
    for (std::size_t i = 0; i < shown(h.files.size(), v.top); ++i) {
      const risk::FileRisk& f = h.files[i];
      out.print("{},{:.9g},\n", util::csv_field(s.files[f.file].path), f.risk.score);
    }
  if (v.functions)
    for (std::size_t i = 0; i < shown(h.functions.size(), v.top); ++i) {
      const risk::FunctionRisk& f = h.functions[i];
      out.print("{},{:.9g},{}\n", util::csv_field(s.files[f.file].path), f.score,
                util::csv_field(function_of(s, f).name));
    }
}

}  // namespace oxidize::report
