#include "oxidize/report/snapshots_report.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "oxidize/util/text.hpp"
#include "oxidize/version.hpp"

namespace oxidize::report {

using nlohmann::ordered_json;

std::string short_commit(std::string_view commit) {
  return commit.empty() ? std::string("-") : util::escape_for_terminal(commit.substr(0, 12));
}

ordered_json snapshot_info_json(const model::SnapshotInfo& info) {
  ordered_json j;
  j["id"] = info.id;
  j["created_at"] = util::to_valid_utf8(info.created_at);
  j["tool_version"] = util::to_valid_utf8(info.tool_version);
  put_path(j, "tree", info.tree);
  ordered_json roots = ordered_json::array();
  for (const auto& r : info.roots) roots.push_back(util::to_valid_utf8(r));
  j["roots"] = std::move(roots);
  j["source"] = util::to_valid_utf8(info.source);
  j["commit"] = info.commit.empty() ? ordered_json(nullptr) : ordered_json(util::to_valid_utf8(info.commit));
  // Options are a JSON object as written by the scan; anything else is kept as text.
  ordered_json options = ordered_json::parse(info.options, nullptr, false);
  j["options"] = options.is_object() ? options : ordered_json(util::to_valid_utf8(info.options));
  return j;
}

std::string snapshots_table(std::string_view store_path, const std::vector<model::SnapshotListing>& list,
                            TableStyle style) {
  const std::string store = util::escape_for_terminal(store_path);
  if (list.empty()) return fmt::format("No snapshots in {} yet (each oxidize scan adds one)\n", store);
  std::size_t id_width = 2;
  for (const auto& l : list) id_width = std::max(id_width, std::to_string(l.info.id).size());
  const std::string header = fmt::format("{:>{}}  {:<20}  {:<12}  {:>8}  {:>12}  {:>10}  {:>8}  {}", "ID", id_width,
                                         "Created", "Commit", "Files", "Code", "Functions", "Findings", "Tree");
  std::string out = fmt::format("Snapshots in {}:\n", store);
  out += style.color ? "\x1b[1m" + header + "\x1b[0m\n" : header + "\n";
  for (const auto& l : list) {
    out += fmt::format("{:>{}}  {:<20}  {:<12}  {:>8}  {:>12}  {:>10}  {:>8}  {}\n", l.info.id, id_width,
                       util::escape_for_terminal(l.info.created_at), short_commit(l.info.commit),
                       util::with_thousands(l.totals.files), util::with_thousands(l.totals.code_lines),
                       util::with_thousands(l.totals.functions), util::with_thousands(l.totals.findings),
                       util::escape_for_terminal(l.info.tree));
  }
  return out;
}

std::string snapshots_json(std::string_view store_path, const std::vector<model::SnapshotListing>& list) {
  ordered_json doc;
  doc["schema_version"] = k_schema_version;
  doc["tool"] = {{"name", "oxidize"}, {"version", k_version}};
  doc["command"] = "snapshots";
  put_path(doc, "store", store_path);
  ordered_json snapshots = ordered_json::array();
  for (const auto& l : list) {
    ordered_json j = snapshot_info_json(l.info);
    j["totals"] = {{"files", l.totals.files},
                   {"code", l.totals.code_lines},
                   {"functions", l.totals.functions},
                   {"findings", l.totals.findings}};
    snapshots.push_back(std::move(j));
  }
  doc["snapshots"] = std::move(snapshots);
  return doc.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace oxidize::report
