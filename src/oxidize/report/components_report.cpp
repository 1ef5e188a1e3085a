#include "oxidize/report/components_report.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "oxidize/report/json_writer.hpp"
#include "oxidize/report/report.hpp"
#include "oxidize/util/text.hpp"
#include "oxidize/version.hpp"

namespace oxidize::report {

using nlohmann::ordered_json;
using structure::ComponentSummary;

namespace {

std::string percent(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? std::string("-") : fmt::format("{:.1f}%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

std::string languages_text(const ComponentSummary& s) {
  std::string out;
  const std::uint64_t code = s.totals.lines.code;
  for (const auto& [language, lines] : s.code_by_language) {
    if (lines == 0) continue;
    if (!out.empty()) out += " ";
    out += fmt::format("{} {}", discover::language_key(language), percent(lines, code));
  }
  return out;
}

}  // namespace

void components_table(util::Output& out, const ComponentsView& v, bool color) {
  const std::string header = fmt::format("{:<32} {:>6} {:>9} {:>7} {:>6} {:>7} {:>8} {:>8} {:>7}  {}", "Component",
                                         "Files", "Code", "Funcs", "MaxCCN", "Hazards", "Calls in", "Calls out",
                                         "Unsafe", "Languages");
  out.write(color ? "\x1b[1m" + header + "\x1b[0m\n" : header + "\n");
  out.write(std::string(header.size(), '-') + "\n");
  for (const auto& s : v.rows) {
    const auto& c = v.components.list[s.component];
    out.print("{:<32} {:>6} {:>9} {:>7} {:>6} {:>7} {:>8} {:>8} {:>7}  {}\n", util::escape_for_terminal(c.name),
              s.totals.files, util::with_thousands(s.totals.lines.code), s.totals.functions, s.totals.ccn_max,
              s.totals.hazards.findings, s.calls_in, s.calls_out,
              s.rust_functions == 0 ? std::string("-") : percent(s.rust_unsafe_functions, s.rust_functions),
              languages_text(s));
  }
  const auto& inc = v.includes;
  out.print("{} components. Includes: {} of {} project includes resolve ({} ambiguous, {} not found), {} system. "
            "Calls: {} of {} resolve to a function of the tree ({} ambiguous, {} macros, {} through pointers, {} external).\n",
            v.components.list.size(), util::with_thousands(inc.resolved()), util::with_thousands(inc.project()),
            inc.counts[static_cast<std::size_t>(structure::IncludeHow::ambiguous)],
            inc.counts[static_cast<std::size_t>(structure::IncludeHow::not_found)],
            util::with_thousands(inc.counts[static_cast<std::size_t>(structure::IncludeHow::system)]),
            util::with_thousands(v.calls.resolved()), util::with_thousands(v.calls.target.size()),
            util::with_thousands(v.calls.counts[static_cast<std::size_t>(structure::CallHow::ambiguous)]),
            util::with_thousands(v.calls.counts[static_cast<std::size_t>(structure::CallHow::macro)]),
            util::with_thousands(v.calls.counts[static_cast<std::size_t>(structure::CallHow::indirect)]),
            util::with_thousands(v.calls.counts[static_cast<std::size_t>(structure::CallHow::external)]));
}

void components_json(util::Output& out, const ComponentsView& v) {
  JsonWriter json(out);
  json.begin_object();
  json.member("schema_version", k_schema_version);
  json.member("tool", {{"name", "oxidize"}, {"version", k_version}});
  json.member("command", "components");
  ordered_json roots = ordered_json::array();
  for (const auto& r : v.snapshot.info.roots) roots.push_back(util::to_valid_utf8(r));
  json.member("roots", roots);
  ordered_json includes = ordered_json::object();
  for (std::size_t h = 0; h < v.includes.counts.size(); ++h)
    includes[std::string(structure::include_how_name(static_cast<structure::IncludeHow>(h)))] = v.includes.counts[h];
  json.member("includes", includes);
  ordered_json calls = ordered_json::object();
  for (std::size_t h = 0; h < v.calls.counts.size(); ++h)
    calls[std::string(structure::call_how_name(static_cast<structure::CallHow>(h)))] = v.calls.counts[h];
  json.member("calls", calls);
  json.key("components");
  json.begin_array();
  for (const auto& s : v.rows) {
    const auto& c = v.components.list[s.component];
    ordered_json j;
    j["name"] = util::to_valid_utf8(c.name);
    if (!util::is_valid_utf8(c.name)) j["name_base64"] = util::base64(c.name);
    j["rule"] = structure::component_rule_name(c.rule);
    j["files"] = s.totals.files;
    j["code"] = s.totals.lines.code;
    j["comment"] = s.totals.lines.comment;
    j["blank"] = s.totals.lines.blank;
    ordered_json languages = ordered_json::object();
    for (const auto& [language, lines] : s.code_by_language) languages[std::string(discover::language_key(language))] = lines;
    j["code_by_language"] = languages;
    j["functions"] = s.totals.functions;
    j["ccn_sum"] = s.totals.ccn_sum;
    j["ccn_max"] = s.totals.ccn_max;
    j["complex_nloc"] = s.totals.complex_nloc;
    j["hazards"] = s.totals.hazards.findings;
    j["rust_functions"] = s.rust_functions;
    j["rust_unsafe_functions"] = s.rust_unsafe_functions;
    j["unsafe_rust_share"] = s.unsafe_rust_share();
    j["calls_in"] = s.calls_in;
    j["calls_out"] = s.calls_out;
    j["includes_in"] = s.includes_in;
    json.value(j);
  }
  json.end();
  json.end();
  json.finish();
}

void components_csv(util::Output& out, const ComponentsView& v) {
  out.write("component,rule,files,code,functions,ccn_sum,ccn_max,hazards,rust_functions,rust_unsafe_functions,"
            "calls_in,calls_out,includes_in\n");
  for (const auto& s : v.rows) {
    const auto& c = v.components.list[s.component];
    out.print("{},{},{},{},{},{},{},{},{},{},{},{},{}\n", util::csv_field(c.name), structure::component_rule_name(c.rule),
              s.totals.files, s.totals.lines.code, s.totals.functions, s.totals.ccn_sum, s.totals.ccn_max,
              s.totals.hazards.findings, s.rust_functions, s.rust_unsafe_functions, s.calls_in, s.calls_out,
              s.includes_in);
  }
}

}  // namespace oxidize::report
