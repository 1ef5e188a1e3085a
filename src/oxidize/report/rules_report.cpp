#include "oxidize/report/rules_report.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "oxidize/report/hazards_report.hpp"
#include "oxidize/report/json_writer.hpp"
#include "oxidize/util/text.hpp"
#include "oxidize/version.hpp"

namespace oxidize::report {

using nlohmann::ordered_json;

std::string_view rule_language_key(hazards::RuleLanguage language) {
  switch (language) {
    case hazards::RuleLanguage::c_family: return "c_family";
    case hazards::RuleLanguage::cpp: return "cpp";
    case hazards::RuleLanguage::rust: return "rust";
  }
  return "?";
}

namespace {

bool selected_rule(const model::RuleSet& selected, const hazards::Rule& rule) {
  return selected.test(static_cast<std::size_t>(rule.key));
}

}  // namespace

void rules_table(util::Output& out, const model::RuleSet& selected) {
  out.print("{:<10} {:<26} {:<9} {:<10} {:<8} {}\n", "Rule", "Name", "Severity", "Confidence", "CWE", "Title");
  for (const auto& rule : hazards::all_rules()) {
    if (!selected_rule(selected, rule)) continue;
    out.print("{:<10} {:<26} {:<9} {:<10} {:<8} {}\n", rule.id, rule.name, hazards::severity_name(rule.severity),
              hazards::confidence_name(rule.confidence), rule.cwe.empty() ? "-" : rule.cwe, rule.title);
  }
}

void rules_json(util::Output& out, const model::RuleSet& selected) {
  JsonWriter json(out);
  json.begin_object();
  json.member("schema_version", k_schema_version);
  json.member("tool", {{"name", "oxidize"}, {"version", k_version}});
  json.member("command", "rules");
  json.key("rules");
  json.begin_array();
  for (const auto& rule : hazards::all_rules()) {
    if (!selected_rule(selected, rule)) continue;
    ordered_json related = ordered_json::array();
    const auto cwes = rule_cwes(rule);
    for (std::size_t i = rule.cwe.empty() ? 0 : 1; i < cwes.size(); ++i) related.push_back(cwes[i]);
    ordered_json j;
    j["id"] = rule.id;
    j["name"] = rule.name;
    j["cwe"] = rule.cwe.empty() ? ordered_json(nullptr) : ordered_json(rule.cwe);
    j["related_cwe"] = std::move(related);
    j["severity"] = hazards::severity_name(rule.severity);
    j["confidence"] = hazards::confidence_name(rule.confidence);
    j["language"] = rule_language_key(rule.language);
    j["title"] = rule.title;
    j["why"] = rule.why;
    j["safer"] = rule.safer;
    j["rust"] = rule.rust;
    json.value(j);
  }
  json.end();
  json.end();
  json.finish();
}

void rules_csv(util::Output& out, const model::RuleSet& selected) {
  out.write("id,name,cwe,related_cwe,severity,confidence,language,title,why,safer,rust\n");
  for (const auto& rule : hazards::all_rules()) {
    if (!selected_rule(selected, rule)) continue;
    out.print("{},{},{},{},{},{},{},{},{},{},{}\n", rule.id, rule.name, rule.cwe, util::csv_field(rule.related_cwe),
              hazards::severity_name(rule.severity), hazards::confidence_name(rule.confidence),
              rule_language_key(rule.language), util::csv_field(rule.title), util::csv_field(rule.why),
              util::csv_field(rule.safer), util::csv_field(rule.rust));
  }
}

}  // namespace oxidize::report
