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
#include "oxidize/report/baseline.hpp"
#include "oxidize/report/hazards_report.hpp"
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
    const auto colons = name.rfind("::");
    loc["logicalLocations"] = ordered_json::array({{{"name", colons == std::string::npos ? name : name.substr(colons + 2)},
                                                    {"fullyQualifiedName", name},
                                                    {"kind", "function"}}});
  }
  return loc;
}

ordered_json result_json(const model::HazardRow& row, std::size_t rule_index) {
  const hazards::Finding& f = *row.finding;
  const hazards::Rule& rule = f.rule_info();
  ordered_json j;
  j["ruleId"] = rule.id;
  j["ruleIndex"] = rule_index;
  j["level"] = level(rule.severity);
  j["message"] = {{"text", f.message.empty() ? std::string(rule.title) : util::to_valid_utf8(f.message)}};
  j["locations"] = ordered_json::array({location_json(row)});
  j["partialFingerprints"] = {{k_sarif_fingerprint_key, util::hash_hex(f.fingerprint)}};
  if (f.suppressed) {
    ordered_json suppression = {{"kind", "inSource"}, {"status", "accepted"}};
    if (!f.suppression_reason.empty()) suppression["justification"] = util::to_valid_utf8(f.suppression_reason);
    j["suppressions"] = ordered_json::array({suppression});
  }
  j["properties"] = {{"severity", hazards::severity_name(rule.severity)},
                     {"confidence", hazards::confidence_name(f.confidence)}};
  return j;
}

// Over the limit, keep the most severe and most confident results (ties:
// path and line order), and report them in path and line order again.
std::vector<const model::HazardRow*> limit_results(const std::vector<model::HazardRow>& rows, std::size_t max) {
  std::vector<const model::HazardRow*> kept;
  kept.reserve(std::min(rows.size(), max));
  for (const auto& r : rows) kept.push_back(&r);
  if (kept.size() <= max) return kept;
  std::stable_sort(kept.begin(), kept.end(), [](const model::HazardRow* a, const model::HazardRow* b) {
    const auto sa = a->finding->rule_info().severity, sb = b->finding->rule_info().severity;
    if (sa != sb) return sa > sb;
    return a->finding->confidence > b->finding->confidence;
  });
  kept.resize(max);
  std::sort(kept.begin(), kept.end());  // rows are in report order: pointer order is that order
  return kept;
}

}  // namespace

SarifOutput hazards_sarif(const HazardsReport& report, std::size_t max_results) {
  SarifOutput out;
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

  ordered_json run;
  run["tool"] = {{"driver", std::move(driver)}};
  run["taxonomies"] = ordered_json::array({{{"name", "CWE"},
                                            {"organization", "MITRE"},
                                            {"shortDescription", {{"text", "The MITRE Common Weakness Enumeration"}}},
                                            {"informationUri", "https://cwe.mitre.org/"},
                                            {"taxa", std::move(taxa)}}});

  const auto kept = limit_results(rows, max_results);
  out.results_dropped = rows.size() - kept.size();
  ordered_json invocation = {{"executionSuccessful", true}};
  if (out.results_dropped > 0) {
    invocation["toolExecutionNotifications"] = ordered_json::array({
        {{"level", "warning"},
         {"descriptor", {{"id", "results-truncated"}}},
         {"message",
          {{"text", fmt::format("{} of {} results were left out to stay within GitHub code scanning's limit of {} "
                                "results per run: the least severe and least confident ones",
                                out.results_dropped, rows.size(), max_results)}}}}});
  }
  run["invocations"] = ordered_json::array({invocation});
  run["originalUriBaseIds"] = {
      {k_src_root, {{"uri", util::file_uri(report.source_root, true)}}}};
  run["columnKind"] = "unicodeCodePoints";

  ordered_json results = ordered_json::array();
  for (const auto* row : kept)
    results.push_back(result_json(*row, rule_index[static_cast<std::size_t>(row->finding->rule)]));
  run["results"] = std::move(results);

  ordered_json summary = hazard_counts_json(report.selection.counts);
  run["properties"] = {{"resultsTotal", rows.size()},
                       {"resultsDropped", out.results_dropped},
                       {"summary", std::move(summary)}};

  ordered_json doc;
  doc["$schema"] = k_schema_uri;
  doc["version"] = "2.1.0";
  doc["runs"] = ordered_json::array({std::move(run)});
  out.text = doc.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
  return out;
}

}  // namespace oxidize::report
