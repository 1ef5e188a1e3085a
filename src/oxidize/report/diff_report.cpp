#include "oxidize/report/diff_report.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "oxidize/report/snapshots_report.hpp"
#include "oxidize/util/hash.hpp"
#include "oxidize/util/text.hpp"
#include "oxidize/version.hpp"

namespace oxidize::report {

using nlohmann::ordered_json;

namespace {

std::string_view change_name(model::FileChangeKind kind) {
  switch (kind) {
    case model::FileChangeKind::added: return "added";
    case model::FileChangeKind::removed: return "removed";
    case model::FileChangeKind::changed: return "changed";
  }
  return "?";
}

std::string signed_count(std::int64_t n) {
  if (n == 0) return "0";
  const std::string digits = util::with_thousands(static_cast<unsigned long long>(n < 0 ? -n : n));
  return (n < 0 ? "-" : "+") + digits;
}

std::int64_t code_delta(const model::FileChange& f) {
  return static_cast<std::int64_t>(f.code_after) - static_cast<std::int64_t>(f.code_before);
}

// "snapshot 3 (2026-12-06T21:15:40Z, commit 0123456789ab)"
std::string describe(const model::SnapshotInfo& info) {
  std::string out = fmt::format("snapshot {} ({}", info.id, util::escape_for_terminal(info.created_at));
  if (!info.commit.empty()) out += ", commit " + short_commit(info.commit);
  return out + ")";
}

std::size_t shown(std::size_t size, std::size_t max_rows) { return max_rows == 0 ? size : std::min(size, max_rows); }

void more(std::string& out, std::size_t size, std::size_t max_rows) {
  if (max_rows != 0 && size > max_rows)
    out += fmt::format("  ... and {} more (--format json lists them all)\n", util::with_thousands(size - max_rows));
}

// Compiler style, as `oxidize hazards` prints a finding.
std::string hazard_line(std::string_view what, const model::HazardChange& h) {
  const hazards::Finding& f = h.finding;
  const hazards::Rule& rule = f.rule_info();
  std::string out = fmt::format("  {:<5}  {}:{}:{}: {} {} {}", what, util::escape_for_terminal(h.path), f.line,
                                f.column, hazards::severity_name(rule.severity), rule.id, rule.name);
  if (!f.function.empty()) out += " in " + util::escape_for_terminal(f.function);
  return out + ": " + util::escape_for_terminal(f.message) + "\n";
}

std::string languages_table(const model::SnapshotDiff& d, const std::string& bold, const std::string& reset) {
  const auto row = [](std::string_view label, const model::LanguageLines& l) {
    return fmt::format("{:<12} {:>8} {:>8} {:>12} {:>12} {:>10}\n", label, util::with_thousands(l.files_before),
                       util::with_thousands(l.files_after), util::with_thousands(l.code_before),
                       util::with_thousands(l.code_after), signed_count(l.code_delta()));
  };
  const std::string header = fmt::format("{:<12} {:>8} {:>8} {:>12} {:>12} {:>10}", "Language", "Files", "Files",
                                         "Code", "Code", "Change");
  const std::string sub = fmt::format("{:<12} {:>8} {:>8} {:>12} {:>12}", "", "before", "after", "before", "after");
  const std::string rule(header.size(), '-');
  std::string out = bold + header + reset + "\n" + bold + sub + reset + "\n" + rule + "\n";
  for (const auto& l : d.languages) out += row(discover::language_name(l.language), l);
  out += rule + "\n";
  return out + row("Total", d.total);
}

}  // namespace

std::string diff_table(const model::SnapshotDiff& d, TableStyle style, std::size_t max_rows) {
  const std::string bold = style.color ? "\x1b[1m" : "";
  const std::string reset = style.color ? "\x1b[0m" : "";
  std::string out = fmt::format("Comparing {} with {}\n", describe(d.before), describe(d.after));
  if (d.before.tree == d.after.tree) out += fmt::format("Tree: {}\n", util::escape_for_terminal(d.after.tree));
  else
    out += fmt::format("Trees: {} -> {}\n", util::escape_for_terminal(d.before.tree),
                       util::escape_for_terminal(d.after.tree));

  out += fmt::format("\n{}Files: {} added, {} removed, {} changed, {} unchanged{}\n", bold,
                     util::with_thousands(d.files_added), util::with_thousands(d.files_removed),
                     util::with_thousands(d.files_changed), util::with_thousands(d.files_unchanged), reset);
  for (std::size_t i = 0; i < shown(d.files.size(), max_rows); ++i) {
    const model::FileChange& f = d.files[i];
    out += fmt::format("  {:<7}  {:>8}  {}\n", change_name(f.kind), signed_count(code_delta(f)),
                       util::escape_for_terminal(f.path));
  }
  more(out, d.files.size(), max_rows);

  out += "\n" + languages_table(d, bold, reset);

  out += fmt::format("\n{}Functions: {} -> {} ({} added, {} removed, {} with another CCN){}\n", bold,
                     util::with_thousands(d.functions_before), util::with_thousands(d.functions_after),
                     util::with_thousands(d.functions_added), util::with_thousands(d.functions_removed),
                     util::with_thousands(d.functions_changed.size()), reset);
  for (std::size_t i = 0; i < shown(d.functions_changed.size(), max_rows); ++i) {
    const model::FunctionChange& f = d.functions_changed[i];
    out += fmt::format("  CCN {:>4} -> {:<4} {:>6}  {}:{}  {}\n", f.ccn_before, f.ccn_after,
                       fmt::format("({})", signed_count(f.ccn_delta())), util::escape_for_terminal(f.path),
                       f.start_line, util::escape_for_terminal(f.name));
  }
  more(out, d.functions_changed.size(), max_rows);

  out += fmt::format("\n{}Hazards: {} -> {} ({} new, {} fixed) at {} confidence or more{}\n", bold,
                     util::with_thousands(d.hazards_before), util::with_thousands(d.hazards_after),
                     util::with_thousands(d.hazards_new.size()), util::with_thousands(d.hazards_fixed.size()),
                     hazards::confidence_name(d.options.min_confidence), reset);
  for (std::size_t i = 0; i < shown(d.hazards_new.size(), max_rows); ++i) out += hazard_line("new", d.hazards_new[i]);
  more(out, d.hazards_new.size(), max_rows);
  for (std::size_t i = 0; i < shown(d.hazards_fixed.size(), max_rows); ++i)
    out += hazard_line("fixed", d.hazards_fixed[i]);
  more(out, d.hazards_fixed.size(), max_rows);
  return out;
}

namespace {

ordered_json lines_json(const model::LanguageLines& l) {
  return {{"files_before", l.files_before}, {"files_after", l.files_after}, {"code_before", l.code_before},
          {"code_after", l.code_after},     {"code_delta", l.code_delta()}};
}

// The fields of a finding in `oxidize hazards --format json`, so a tool
// reads both the same way.
ordered_json hazard_json(const model::HazardChange& h) {
  const hazards::Finding& f = h.finding;
  const hazards::Rule& rule = f.rule_info();
  ordered_json j;
  put_path(j, "path", h.path);
  j["line"] = f.line;
  j["column"] = f.column;
  j["function"] = util::to_valid_utf8(f.function);
  j["rule"] = rule.id;
  j["name"] = rule.name;
  j["severity"] = hazards::severity_name(rule.severity);
  j["confidence"] = hazards::confidence_name(f.confidence);
  j["message"] = util::to_valid_utf8(f.message);
  j["snippet"] = util::to_valid_utf8(f.snippet);
  j["fingerprint"] = util::hash_hex(f.fingerprint);
  return j;
}

}  // namespace

std::string diff_json(const model::SnapshotDiff& d) {
  ordered_json doc;
  doc["schema_version"] = k_schema_version;
  doc["tool"] = {{"name", "oxidize"}, {"version", k_version}};
  doc["command"] = "diff";
  doc["before"] = snapshot_info_json(d.before);
  doc["after"] = snapshot_info_json(d.after);
  doc["scope"] = {{"include_vendored", d.options.scope.include_vendored},
                  {"include_generated", d.options.scope.include_generated},
                  {"min_confidence", hazards::confidence_name(d.options.min_confidence)}};

  ordered_json files = ordered_json::array();
  for (const auto& f : d.files) {
    ordered_json j;
    put_path(j, "path", f.path);
    j["change"] = change_name(f.kind);
    j["language"] = discover::language_key(f.language);
    j["code_before"] = f.code_before;
    j["code_after"] = f.code_after;
    j["code_delta"] = code_delta(f);
    files.push_back(std::move(j));
  }
  doc["files"] = {{"added", d.files_added},
                  {"removed", d.files_removed},
                  {"changed", d.files_changed},
                  {"unchanged", d.files_unchanged},
                  {"list", std::move(files)}};

  ordered_json languages = ordered_json::array();
  for (const auto& l : d.languages) {
    ordered_json j = {{"language", discover::language_key(l.language)}, {"name", discover::language_name(l.language)}};
    j.update(lines_json(l));
    languages.push_back(std::move(j));
  }
  doc["languages"] = std::move(languages);
  doc["total"] = lines_json(d.total);

  ordered_json changed = ordered_json::array();
  for (const auto& f : d.functions_changed) {
    ordered_json j;
    put_path(j, "path", f.path);
    j["function"] = util::to_valid_utf8(f.name);
    j["start_line"] = f.start_line;
    j["ccn_before"] = f.ccn_before;
    j["ccn_after"] = f.ccn_after;
    j["ccn_delta"] = f.ccn_delta();
    j["nloc_before"] = f.nloc_before;
    j["nloc_after"] = f.nloc_after;
    changed.push_back(std::move(j));
  }
  doc["functions"] = {{"before", d.functions_before},
                      {"after", d.functions_after},
                      {"added", d.functions_added},
                      {"removed", d.functions_removed},
                      {"changed", std::move(changed)}};

  ordered_json added = ordered_json::array(), fixed = ordered_json::array();
  for (const auto& h : d.hazards_new) added.push_back(hazard_json(h));
  for (const auto& h : d.hazards_fixed) fixed.push_back(hazard_json(h));
  doc["hazards"] = {{"before", d.hazards_before},
                    {"after", d.hazards_after},
                    {"new", std::move(added)},
                    {"fixed", std::move(fixed)}};
  return doc.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace oxidize::report
