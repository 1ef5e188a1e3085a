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

// "132 high"; "-" without an interface.
std::string ffi_text(const structure::FfiDifficulty& d) {
  if (d.level == structure::FfiClass::none) return "-";
  return fmt::format("{} {}", util::with_thousands(d.points), structure::ffi_class_name(d.level));
}

ordered_json interface_json(const ComponentSummary& s) {
  const structure::FfiSurface& f = s.interface;
  ordered_json j;
  j["functions"] = s.interface_functions;
  j["c_functions"] = f.functions;
  j["header_statics"] = f.header_statics;
  j["exported_headers"] = s.exported_headers;
  j["pointer_params"] = f.traits.pointer_params;
  j["callbacks"] = f.traits.callbacks;
  j["variadic"] = f.traits.variadic;
  j["struct_by_value"] = f.traits.struct_by_value;
  j["union_params"] = f.traits.union_params;
  j["returns_pointer"] = f.traits.returns_pointer;
  j["uses_errno"] = f.traits.uses_errno;
  j["crossing_records"] = s.crossing_records;
  j["union_records"] = f.union_records;
  j["bitfield_records"] = f.bitfield_records;
  j["shared_globals"] = f.shared_globals;
  j["rust_boundary"] = f.rust_boundary;
  return j;
}

}  // namespace

void components_table(util::Output& out, const ComponentsView& v, bool color) {
  const std::string header = fmt::format("{:<32} {:>6} {:>9} {:>7} {:>6} {:>7} {:>8} {:>8} {:>6} {:>11} {:>7}  {}",
                                         "Component", "Files", "Code", "Funcs", "MaxCCN", "Hazards", "Calls in",
                                         "Calls out", "Iface", "FFI", "Unsafe", "Languages");
  out.write(color ? "\x1b[1m" + header + "\x1b[0m\n" : header + "\n");
  out.write(std::string(header.size(), '-') + "\n");
  for (const auto& s : v.rows) {
    const auto& c = v.components.list[s.component];
    out.print("{:<32} {:>6} {:>9} {:>7} {:>6} {:>7} {:>8} {:>8} {:>6} {:>11} {:>7}  {}\n",
              util::escape_for_terminal(c.name), s.totals.files, util::with_thousands(s.totals.lines.code),
              s.totals.functions, s.totals.ccn_max, s.totals.hazards.findings, s.calls_in, s.calls_out,
              s.interface_functions, ffi_text(s.ffi),
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
    j["interface"] = interface_json(s);
    j["ffi"] = {{"points", s.ffi.points}, {"per_item", s.ffi.per_item}, {"class", structure::ffi_class_name(s.ffi.level)}};
    json.value(j);
  }
  json.end();
  json.end();
  json.finish();
}

void components_csv(util::Output& out, const ComponentsView& v) {
  out.write("component,rule,files,code,functions,ccn_sum,ccn_max,hazards,rust_functions,rust_unsafe_functions,"
            "calls_in,calls_out,includes_in,interface_functions,exported_headers,ffi_points,ffi_per_item,ffi_class\n");
  for (const auto& s : v.rows) {
    const auto& c = v.components.list[s.component];
    out.print("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{:.2f},{}\n", util::csv_field(c.name),
              structure::component_rule_name(c.rule), s.totals.files, s.totals.lines.code, s.totals.functions,
              s.totals.ccn_sum, s.totals.ccn_max, s.totals.hazards.findings, s.rust_functions, s.rust_unsafe_functions,
              s.calls_in, s.calls_out, s.includes_in, s.interface_functions, s.exported_headers, s.ffi.points,
              s.ffi.per_item, structure::ffi_class_name(s.ffi.level));
  }
}

}  // namespace oxidize::report
