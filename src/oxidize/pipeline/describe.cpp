// The last scan pass: what the snapshot is of, and how it was made.
#include <ctime>
#include <filesystem>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "oxidize/hazards/finding.hpp"
#include "oxidize/pipeline/pass.hpp"
#include "oxidize/source/git_repository.hpp"
#include "oxidize/util/stopwatch.hpp"
#include "oxidize/version.hpp"

namespace oxidize::pipeline {

namespace {

// The options that change what a snapshot holds (not -j, not the progress line).
std::string options_json(const ScanOptions& o) {
  nlohmann::ordered_json j;
  j["functions"] = o.functions;
  j["hazards"] = o.hazards;
  if (o.hazards) j["fingerprint_version"] = hazards::k_fingerprint_version;
  j["structure"] = o.structure;
  j["gitignore"] = o.use_gitignore;
  j["follow_symlinks"] = o.follow_symlinks;
  j["max_file_bytes"] = o.max_file_bytes;
  nlohmann::ordered_json ext = nlohmann::ordered_json::object();
  for (const auto& [e, language] : o.languages.extra) ext[e] = discover::language_key(language);
  j["ext"] = ext;
  nlohmann::ordered_json excludes = nlohmann::ordered_json::array();
  for (const auto& glob : o.hazard_excludes) excludes.push_back(glob.pattern());
  j["hazard_excludes"] = excludes;
  if (!o.revision.empty()) j["revision"] = o.revision;
  if (o.history) {
    nlohmann::ordered_json h;
    h["walk"] = history::walk_name(o.history->walk);
    h["renames"] = o.history->renames;
    h["functions"] = o.history->functions;
    if (o.history->now) h["now"] = *o.history->now;
    h["fix_patterns"] = o.history->patterns.fix;
    h["security_patterns"] = o.history->patterns.security;
    j["history"] = h;
  }
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace

PassResult describe_snapshot(Context& context) {
  namespace fs = std::filesystem;
  model::SnapshotInfo& info = context.snapshot.info;
  const ScanOptions& o = context.options;
  info.roots = o.roots;
  info.tool_version = k_version;
  info.created_at = util::utc_now_iso8601();
  std::error_code ec;
  fs::path tree = o.roots.size() == 1 ? fs::absolute(o.roots.front(), ec).lexically_normal() : fs::current_path(ec);
  if (o.roots.size() == 1 && o.revision.empty() && !fs::is_directory(tree, ec)) tree = tree.parent_path();
  info.tree = tree.string();
  while (info.tree.size() > 1 && info.tree.back() == '/') info.tree.pop_back();
  if (info.source == "filesystem" && o.roots.size() == 1) {
    if (const auto work_tree = source::find_work_tree(o.roots.front())) info.commit = work_tree->head;
  }
  info.options = options_json(o);
  return {};
}

}  // namespace oxidize::pipeline
