// SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, IDE viewers). One run;
// the driver lists every selected rule with its CWE as tags and as
// relationships into a CWE taxonomy; each result points at a path relative to
// %SRCROOT% and carries oxidize's fingerprint, so that a result keeps its
// identity when unrelated lines above it move. Validated against the OASIS
// schema by the CLI tests.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <numeric>

#include <nlohmann/json.hpp>

#include "oxidize/config/project_config.hpp"
#include "oxidize/parse/qualified_name.hpp"
#include "oxidize/report/baseline.hpp"
#include "oxidize/report/hazards_report.hpp"
#include "oxidize/report/json_writer.hpp"
#include "oxidize/util/hash.hpp"
#include "oxidize/util/text.hpp"
#include "oxidize/util/uri.hpp"
#include "oxidize/version.hpp"

namespace oxidize::report {

using nlohmann::ordered_json;

namespace {

constexpr std::string_view k_schema_uri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr std::string_view k_src_root = "%SRCROOT%";

std::string_view level(hazards::Severity s) {
  switch (s) {
    case hazards::Severity::critical:
    case hazards::Severity::high: return "error";
    case hazards::Severity::medium: return "warning";
    case hazards::Severity::low: return "note";
  }
  return "warning";
}

// GitHub ranks alerts by `security-severity` (0.0-10.0, CVSS-like bands).
std::string_view security_severity(hazards::Severity s) {
  switch (s) {
    case hazards::Severity::critical: return "9.0";
    case hazards::Severity::high: return "7.5";
    case hazards::Severity::medium: return "5.0";
    case hazards::Severity::low: return "2.0";
  }
  return "5.0";
}

// "CWE-120" -> "120" (the id of the taxon in the CWE taxonomy).
std::string_view cwe_number(std::string_view cwe) {
  return cwe.starts_with("CWE-") ? cwe.substr(4) : cwe;
}

std::string cwe_uri(std::string_view cwe) {
  return fmt::format("https://cwe.mitre.org/data/definitions/{}.html", cwe_number(cwe));
}

// Our own rule texts, escaped so that Markdown shows them as written.
std::string markdown_text(std::string_view s) {
  std::string out;
  for (const char c : s) {
    if (c == '\\' || c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<' || c == '>' || c == '#')
      out += '\\';
    out += c;
  }
  return out;
}

ordered_json rule_json(const hazards::Rule& rule, const std::string& rules_doc_uri,
                       const std::map<std::string_view, std::size_t>& taxon_index) {
  const auto cwes = rule_cwes(rule);
  ordered_json j;
  j["id"] = rule.id;
  j["name"] = rule.name;
  j["shortDescription"] = {{"text", rule.title}};
  j["fullDescription"] = {{"text", rule.why}};
  std::string text = fmt::format("{}\n\nSafer C/C++: {}\n\nRust: {}", rule.why, rule.safer, rule.rust);
  std::string markdown = fmt::format("{}\n\n**Safer C/C++:** {}\n\n**Rust:** {}", markdown_text(rule.why),
                                     markdown_text(rule.safer), markdown_text(rule.rust));
  if (!cwes.empty()) {
    std::string links;
    for (const auto cwe : cwes) links += fmt::format("{}[{}]({})", links.empty() ? "" : ", ", cwe, cwe_uri(cwe));
    markdown += "\n\n**Weaknesses:** " + links;
    std::string names;
    for (const auto cwe : cwes) names += fmt::format("{}{}", names.empty() ? "" : ", ", cwe);
    text += "\n\nWeaknesses: " + names;
  }
  j["help"] = {{"text", text}, {"markdown", markdown}};
  j["helpUri"] = rules_doc_uri + "#" + hazards::rule_anchor(rule);
  j["defaultConfiguration"] = {{"level", level(rule.severity)}};
  if (!cwes.empty()) {
    ordered_json relationships = ordered_json::array();
    for (const auto cwe : cwes) {
      relationships.push_back(
          {{"target",
            {{"id", cwe_number(cwe)}, {"index", taxon_index.at(cwe)}, {"toolComponent", {{"name", "CWE"}, {"index", 0}}}}},
           {"kinds", ordered_json::array({"relevant"})}});
    }
    j["relationships"] = std::move(relationships);
  }
  ordered_json tags = ordered_json::array({"security", "memory-safety"});
  for (const auto cwe : cwes) {
    std::string tag = "external/cwe/" + std::string(cwe);
    std::transform(tag.begin(), tag.end(), tag.begin(), [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    tags.push_back(tag);
  }
  j["properties"] = {{"tags", std::move(tags)},
                     {"precision", hazards::confidence_name(rule.confidence)},
                     {"security-severity", security_severity(rule.severity)}};
  return j;
}

ordered_json location_json(const model::HazardRow& row) {
  const hazards::Finding& f = *row.finding;
  const std::string& path = row.file->path;
  ordered_json artifact;
  // A path is relative to %SRCROOT%, except under an absolute root among several.
  if (path.starts_with('/')) {
    artifact["uri"] = util::file_uri(path, false);
  } else {
    artifact["uri"] = util::percent_encode_path(path);
    artifact["uriBaseId"] = k_src_root;
  }
  ordered_json region;
  region["startLine"] = std::max<std::uint32_t>(f.line, 1);  // GitHub rejects a result without one
  if (f.column > 0) region["startColumn"] = f.column;
  ordered_json physical;
  physical["artifactLocation"] = std::move(artifact);
  physical["region"] = std::move(region);
  // The snippet is the whole (trimmed) source line: the context of the
  // region, which starts at the finding's column.
  if (!f.snippet.empty())
    physical["contextRegion"] = {{"startLine", std::max<std::uint32_t>(f.line, 1)},
                                 {"snippet", {{"text", util::to_valid_utf8(f.snippet)}}}};
  ordered_json loc;
  loc["physicalLocation"] = std::move(physical);
  if (!f.function.empty()) {
    const std::string name = util::to_valid_utf8(f.function);
    loc["logicalLocations"] = ordered_json::array({{{"name", std::string(parse::unqualified_name(name))},
                                                    {"fullyQualifiedName", name},
                                                    {"kind", "function"}}});
  }
  return loc;
}

ordered_json result_json(const model::HazardRow& row, std::size_t rule_index, const std::string& fingerprint_key) {
  const hazards::Finding& f = *row.finding;
  const hazards::Rule& rule = f.rule_info();
  ordered_json j;
  j["ruleId"] = rule.id;
  j["ruleIndex"] = rule_index;
  j["level"] = level(rule.severity);
  j["message"] = {{"text", f.message.empty() ? std::string(rule.title) : util::to_valid_utf8(f.message)}};
  j["locations"] = ordered_json::array({location_json(row)});
  j["partialFingerprints"] = {{fingerprint_key, util::hash_hex(f.fingerprint)}};
  if (f.suppressed) {
    ordered_json suppression = {{"kind", "inSource"}, {"status", "accepted"}};
    if (!f.suppression_reason.empty()) suppression["justification"] = util::to_valid_utf8(f.suppression_reason);
    j["suppressions"] = ordered_json::array({suppression});
  }
  j["properties"] = {{"severity", hazards::severity_name(rule.severity)},
                     {"confidence", hazards::confidence_name(f.confidence)}};
  return j;
}

// Which rows become results: all of them up to `max`; over it the most severe,
// then most confident ones (ties: path and line order, the rows' own order).
// Decided before anything is written, as one flag per row, so that the kept
// results can be streamed in report order.
std::vector<bool> kept_results(const std::vector<model::HazardRow>& rows, std::size_t max) {
  std::vector<bool> kept(rows.size(), true);
  if (rows.size() <= max) return kept;
  std::vector<std::size_t> order(rows.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  // A strict total order (the index breaks ties), so the first `max` under it
  // are exactly what a stable sort would put first.
  const auto before = [&](std::size_t a, std::size_t b) {
    const hazards::Finding& fa = *rows[a].finding;
    const hazards::Finding& fb = *rows[b].finding;
    const auto sa = fa.rule_info().severity, sb = fb.rule_info().severity;
    if (sa != sb) return sa > sb;
    if (fa.confidence != fb.confidence) return fa.confidence > fb.confidence;
    return a < b;
  };
  std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(max), order.end(), before);
  for (std::size_t i = max; i < order.size(); ++i) kept[order[i]] = false;
  return kept;
}

}  // namespace

void hazards_sarif(util::Output& out, const HazardsReport& report, std::size_t max_results) {
  const auto& rows = report.selection.rows;

  // The CWE taxonomy: every weakness a selected rule relates to, in table order.
  std::vector<const hazards::Rule*> rules;
  std::array<std::size_t, model::k_rule_count> rule_index{};
  std::map<std::string_view, std::size_t> taxon_index;
  ordered_json taxa = ordered_json::array();
  for (const auto& rule : hazards::all_rules()) {
    if (!report.filter.rules.test(static_cast<std::size_t>(rule.key))) continue;
    if (rule.severity < report.filter.min_severity) continue;
    rule_index[static_cast<std::size_t>(rule.key)] = rules.size();
    rules.push_back(&rule);
    for (const auto cwe : rule_cwes(rule)) {
      if (taxon_index.contains(cwe)) continue;
      taxon_index[cwe] = taxa.size();
      taxa.push_back({{"id", cwe_number(cwe)}, {"name", cwe}, {"helpUri", cwe_uri(cwe)}});
    }
  }

  ordered_json driver;
  driver["name"] = "oxidize";
  driver["version"] = k_version;
  driver["semanticVersion"] = k_version;
  driver["informationUri"] = config::k_project_uri;
  ordered_json rule_list = ordered_json::array();
  for (const auto* rule : rules) rule_list.push_back(rule_json(*rule, report.rules_doc_uri, taxon_index));
  driver["rules"] = std::move(rule_list);
  driver["supportedTaxonomies"] = ordered_json::array({{{"name", "CWE"}, {"index", 0}}});

  const std::size_t dropped = sarif_results_dropped(rows.size(), max_results);
  ordered_json invocation = {{"executionSuccessful", true}};
  if (dropped > 0) {
    invocation["toolExecutionNotifications"] = ordered_json::array({
        {{"level", "warning"},
         {"descriptor", {{"id", "results-truncated"}}},
         {"message",
          {{"text", fmt::format("{} of {} results were left out to stay within GitHub code scanning's limit of {} "
                                "results per run: the least severe and least confident ones",
                                dropped, rows.size(), max_results)}}}}});
  }

  // The document's skeleton by hand, down to the results, which are streamed
  // one by one (json_writer.hpp); the rest is small and written whole.
  JsonWriter json(out);
  json.begin_object();
  json.member("$schema", k_schema_uri);
  json.member("version", "2.1.0");
  json.key("runs");
  json.begin_array();
  json.begin_object();
  json.member("tool", {{"driver", std::move(driver)}});
  json.member("taxonomies", ordered_json::array({{{"name", "CWE"},
                                                   {"organization", "MITRE"},
                                                   {"shortDescription", {{"text", "The MITRE Common Weakness Enumeration"}}},
                                                   {"informationUri", "https://cwe.mitre.org/"},
                                                   {"taxa", std::move(taxa)}}}));
  json.member("invocations", ordered_json::array({invocation}));
  json.member("originalUriBaseIds", {{k_src_root, {{"uri", util::file_uri(report.source_root, true)}}}});
  json.member("columnKind", "unicodeCodePoints");

  json.key("results");
  json.begin_array();
  const std::string fingerprint_key = fmt::format("{}{}", k_sarif_fingerprint_prefix, report.fingerprint_version);
  const std::vector<bool> kept = kept_results(rows, max_results);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (!kept[i]) continue;
    json.value(result_json(rows[i], rule_index[static_cast<std::size_t>(rows[i].finding->rule)], fingerprint_key));
  }
  json.end();

  json.member("properties", {{"resultsTotal", rows.size()},
                             {"resultsDropped", dropped},
                             {"summary", hazard_counts_json(report.selection.counts)}});
  json.end();  // the run
  json.end();  // runs
  json.end();
  json.finish();
}

SarifOutput hazards_sarif(const HazardsReport& report, std::size_t max_results) {
  util::StringOutput out;
  hazards_sarif(out, report, max_results);
  return {out.text(), sarif_results_dropped(report.selection.rows.size(), max_results)};
}

}  // namespace oxidize::report
