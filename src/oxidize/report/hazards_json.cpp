#include <nlohmann/json.hpp>

#include "oxidize/report/hazards_report.hpp"
#include "oxidize/report/json_writer.hpp"
#include "oxidize/util/hash.hpp"
#include "oxidize/util/text.hpp"
#include "oxidize/version.hpp"

namespace oxidize::report {

using nlohmann::ordered_json;

std::vector<std::string_view> rule_cwes(const hazards::Rule& rule) {
  std::vector<std::string_view> out;
  if (!rule.cwe.empty()) out.push_back(rule.cwe);
  std::string_view rest = rule.related_cwe;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    std::string_view one = rest.substr(0, comma);
    while (one.starts_with(' ')) one.remove_prefix(1);
    while (one.ends_with(' ')) one.remove_suffix(1);
    if (!one.empty()) out.push_back(one);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return out;
}

ordered_json hazard_counts_json(const model::HazardCounts& n) {
  ordered_json by_severity;
  for (std::size_t s = model::k_severity_count; s-- > 0;)
    by_severity[std::string(hazards::severity_name(static_cast<hazards::Severity>(s)))] = n.by_severity[s];
  ordered_json by_rule = ordered_json::object();
  for (const auto& rule : hazards::all_rules()) {
    const auto count = n.by_rule[static_cast<std::size_t>(rule.key)];
    if (count != 0) by_rule[std::string(rule.id)] = count;
  }
  ordered_json j;
  j["findings"] = n.findings;
  j["files"] = n.files;
  j["by_severity"] = std::move(by_severity);
  j["by_rule"] = std::move(by_rule);
  j["suppressed"] = n.suppressed;
  j["baseline_matched"] = n.baseline_matched;
  j["not_selected"] = {{"below_min_severity", n.below_min_severity},
                       {"below_min_confidence", n.below_min_confidence},
                       {"rule_not_selected", n.rule_not_selected}};
  j["excluded"] = {{"config", n.excluded_by_config},
                   {"vendored", n.excluded_vendored},
                   {"generated", n.excluded_generated}};
  return j;
}

namespace {

ordered_json finding_json(const model::HazardRow& row) {
  const hazards::Finding& f = *row.finding;
  const hazards::Rule& rule = f.rule_info();
  ordered_json j;
  j["path"] = util::to_valid_utf8(row.file->path);
  if (!util::is_valid_utf8(row.file->path)) j["path_base64"] = util::base64(row.file->path);
  j["line"] = f.line;
  j["column"] = f.column;
  j["function"] = util::to_valid_utf8(f.function);
  j["rule"] = rule.id;
  j["name"] = rule.name;
  ordered_json cwe = ordered_json::array();
  for (const auto c : rule_cwes(rule)) cwe.push_back(c);
  j["cwe"] = std::move(cwe);
  j["severity"] = hazards::severity_name(rule.severity);
  j["confidence"] = hazards::confidence_name(f.confidence);
  j["message"] = util::to_valid_utf8(f.message);
  j["snippet"] = util::to_valid_utf8(f.snippet);
  j["fingerprint"] = util::hash_hex(f.fingerprint);
  j["suppressed"] = f.suppressed;
  if (f.suppressed) j["suppression_reason"] = util::to_valid_utf8(f.suppression_reason);
  return j;
}

}  // namespace

// The skeleton by hand, one value per finding (json_writer.hpp): memory does
// not grow with the number of findings.
void hazards_json(util::Output& out, const HazardsReport& report) {
  const model::HazardFilter& filter = report.filter;
  JsonWriter json(out);
  json.begin_object();
  json.member("schema_version", k_schema_version);
  json.member("tool", {{"name", "oxidize"}, {"version", k_version}});
  json.member("command", "hazards");
  json.member("fingerprint_version", report.fingerprint_version);
  ordered_json roots = ordered_json::array();
  for (const auto& r : report.scan.info.roots) roots.push_back(util::to_valid_utf8(r));
  json.member("roots", roots);

  ordered_json not_selected = ordered_json::array();
  for (const auto& rule : hazards::all_rules())
    if (!filter.rules.test(static_cast<std::size_t>(rule.key))) not_selected.push_back(rule.id);
  ordered_json filters;
  filters["min_severity"] = hazards::severity_name(filter.min_severity);
  filters["min_confidence"] = hazards::confidence_name(filter.min_confidence);
  filters["excluded_rules"] = std::move(not_selected);
  filters["show_suppressed"] = filter.show_suppressed;
  filters["baseline"] = report.baseline_path.empty() ? ordered_json(nullptr)
                                                     : ordered_json(util::to_valid_utf8(report.baseline_path));
  filters["sort"] = report.sort;
  filters["top"] = report.top == 0 ? ordered_json(nullptr) : ordered_json(report.top);
  json.member("filters", filters);

  json.key("findings");
  json.begin_array();
  for (const auto& row : report.selection.rows) json.value(finding_json(row));
  json.end();
  ordered_json summary = hazard_counts_json(report.selection.counts);
  summary["beyond_top"] = report.selection.beyond_top;
  json.member("summary", summary);
  if (report.rust_unsafe != nullptr) {
    json.key("rust_unsafe");
    rust_unsafe_json(json, *report.rust_unsafe);
  }
  json.end();
  json.finish();
}

std::string hazards_json(const HazardsReport& report) {
  util::StringOutput out;
  hazards_json(out, report);
  return out.text();
}

}  // namespace oxidize::report
