#include <nlohmann/json.hpp>

#include "oxidize/report/json_writer.hpp"
#include "oxidize/report/report.hpp"
#include "oxidize/util/hash.hpp"
#include "oxidize/util/text.hpp"
#include "oxidize/version.hpp"

namespace oxidize::report {

using nlohmann::ordered_json;

namespace {

// Two decimals: enough for a mean or a share, and stable text across platforms.
double round2(double v) { return static_cast<double>(static_cast<long long>(v * 100.0 + 0.5)) / 100.0; }

ordered_json totals_base_json(const model::Totals& t) {
  return {{"files", t.files},
          {"code", t.lines.code},
          {"comment", t.lines.comment},
          {"blank", t.lines.blank},
          {"lines", t.lines.lines()},
          {"bytes", t.bytes},
          {"functions", t.functions},
          {"max_ccn", t.ccn_max},
          {"mean_ccn", round2(t.mean_ccn())},
          {"complex_nloc_share", round2(t.complex_nloc_share())}};
}

// Hazard counts at medium or high confidence (docs/output.md).
ordered_json hazard_totals_json(const model::HazardTotals& h) {
  ordered_json j;
  j["findings"] = h.findings;
  for (std::size_t s = h.by_severity.size(); s-- > 0;)
    j[std::string(hazards::severity_name(static_cast<hazards::Severity>(s)))] = h.by_severity[s];
  j["suppressed"] = h.suppressed;
  // Inventory constructs by rule name, at any confidence (only those present).
  ordered_json inventory = ordered_json::object();
  for (const auto& r : hazards::all_rules())
    if (const std::uint64_t n = h.inventory[static_cast<std::size_t>(r.key)]; n > 0) inventory[std::string(r.name)] = n;
  j["inventory"] = std::move(inventory);
  return j;
}

ordered_json totals_json(const model::Totals& t, bool hazards) {
  ordered_json j = totals_base_json(t);
  if (hazards) j["hazards"] = hazard_totals_json(t.hazards);
  return j;
}

std::string_view group_by_name(model::GroupBy by) {
  switch (by) {
    case model::GroupBy::language: return "language";
    case model::GroupBy::directory: return "directory";
    case model::GroupBy::file: return "file";
  }
  return "?";
}

}  // namespace

void put_warnings(JsonWriter& json, const std::vector<model::Warning>& warnings) {
  json.key("warnings");
  json.begin_array();
  for (const auto& w : warnings) {
    ordered_json j;
    put_path(j, "path", w.path);
    j["message"] = util::to_valid_utf8(w.message);
    json.value(j);
  }
  json.end();
}

void put_path(ordered_json& obj, std::string_view key, std::string_view path) {
  obj[std::string(key)] = util::to_valid_utf8(path);
  if (!util::is_valid_utf8(path)) obj[std::string(key) + "_base64"] = util::base64(path);
}

ordered_json function_json(const parse::FunctionFacts& fn) {
  ordered_json j;
  j["function"] = util::to_valid_utf8(fn.name);
  j["start_line"] = fn.start_line;
  j["end_line"] = fn.end_line;
  j["nloc"] = fn.nloc;
  j["ccn"] = fn.ccn;
  j["ccn_modified"] = fn.ccn_modified;
  j["params"] = fn.params;
  j["nesting"] = fn.max_nesting;
  j["tokens"] = fn.tokens;
  j["unsafe"] = fn.is_unsafe;
  j["unsafe_blocks"] = fn.unsafe_blocks;
  return j;
}

namespace {

ordered_json file_json(const model::FileRecord& f, bool hazards) {
  ordered_json j;
  put_path(j, "path", f.path);
  j["language"] = discover::language_key(f.facts.language);
  j["code"] = f.facts.lines.code;
  j["comment"] = f.facts.lines.comment;
  j["blank"] = f.facts.lines.blank;
  j["lines"] = f.facts.lines.lines();
  j["bytes"] = f.facts.bytes;
  j["hash"] = util::hash_hex(f.facts.hash);
  if (f.exclusion != discover::Exclusion::none) {
    j["excluded"] = discover::exclusion_key(f.exclusion);
    j["excluded_why"] = util::to_valid_utf8(f.exclusion_why);
  }
  if (hazards) {
    model::HazardTotals h;
    h.add(f);
    j["hazards"] = hazard_totals_json(h);
  }
  ordered_json functions = ordered_json::array();
  for (const auto& fn : f.facts.functions) functions.push_back(function_json(fn));
  j["functions"] = std::move(functions);
  return j;
}

}  // namespace

// The document's skeleton is written by hand; each group, file and warning is
// one value (json_writer.hpp), so memory does not grow with the tree.
void scan_json(util::Output& out, const model::Snapshot& scan, const model::Summary& summary) {
  JsonWriter json(out);
  json.begin_object();
  json.member("schema_version", k_schema_version);
  json.member("tool", {{"name", "oxidize"}, {"version", k_version}});
  json.member("command", "scan");
  ordered_json roots = ordered_json::array();
  for (const auto& r : scan.info.roots) roots.push_back(util::to_valid_utf8(r));
  json.member("roots", roots);
  json.member("group_by", group_by_name(summary.group_by));
  json.member("ccn_threshold", summary.ccn_threshold);
  if (summary.group_by == model::GroupBy::directory) json.member("depth", summary.depth);
  json.member("totals", totals_json(summary.counted, summary.hazards));

  if (summary.group_by != model::GroupBy::file) {
    json.key("groups");
    json.begin_array();
    for (const auto& row : summary.rows) {
      ordered_json g;
      if (summary.group_by == model::GroupBy::language) {
        g["language"] = row.key;
        if (const auto lang = discover::language_from_key(row.key)) g["name"] = discover::language_name(*lang);
      } else {
        put_path(g, "directory", row.key);
      }
      g.update(totals_json(row.totals, summary.hazards));
      json.value(g);
    }
    json.end();
  }

  json.key("files");
  json.begin_array();
  for (const auto& f : scan.files) json.value(file_json(f, summary.hazards));
  json.end();

  json.member("excluded", {{"vendored", totals_json(summary.vendored, summary.hazards)},
                           {"generated", totals_json(summary.generated, summary.hazards)}});

  ordered_json skipped = ordered_json::object();
  for (std::size_t i = 0; i < scan.skipped.size(); ++i)
    skipped[std::string(discover::skip_key(static_cast<discover::Skip>(i)))] = scan.skipped[i];
  json.member("skipped", skipped);

  put_warnings(json, scan.warnings);
  json.end();
  json.finish();
}

}  // namespace oxidize::report
