// The history pass: when the scanned root is in a git repository, the facts
// of its history up to the commit scanned (history/), kept in the snapshot
// with paths relative to the scanned root like its files. A history that
// cannot be read costs a warning, never the scan.
#include <filesystem>

#include "oxidize/history/history_facts.hpp"
#include "oxidize/pipeline/pass.hpp"
#include "oxidize/source/git_repository.hpp"

namespace oxidize::pipeline {

namespace {

// The scanned root relative to the work tree's root ("" for the root
// itself, "src/" for a folder in it): the history's paths are the
// repository's, the snapshot's are the root's.
std::optional<std::string> root_within_work_tree(const std::string& root) {
  namespace fs = std::filesystem;
  const auto tree = source::find_work_tree(root);
  if (!tree) return std::nullopt;
  std::error_code ec;
  const fs::path abs = fs::canonical(root, ec);
  if (ec || !fs::is_directory(abs, ec)) return std::nullopt;
  const fs::path rel = abs.lexically_relative(fs::canonical(tree->workdir, ec));
  if (rel.empty() || *rel.begin() == "..") return std::nullopt;
  const std::string text = rel.generic_string();
  return text == "." ? std::string() : text + "/";
}

}  // namespace

PassResult read_history_facts(Context& context) {
  const ScanOptions& o = context.options;
  if (!o.history || o.roots.size() != 1 || context.snapshot.info.commit.empty()) return {};
  // A tree read at a commit has the repository's paths; a folder on disk has
  // paths below its own place in the work tree.
  std::string prefix;
  if (o.revision.empty()) {
    const auto within = root_within_work_tree(o.roots.front());
    if (!within) return {};
    prefix = *within;
  }
  if (context.hooks.earlier_history) {
    if (auto earlier = context.hooks.earlier_history(context.snapshot.info)) {
      context.snapshot.history = std::move(*earlier);
      context.perf_notes.push_back("history: taken from an earlier snapshot of the same commit and options");
      return {};
    }
  }
  history::HistoryOptions options = *o.history;
  options.repository = o.roots.front();
  options.revision = context.snapshot.info.commit;
  options.threads = o.threads;
  options.languages = o.languages;
  history::HistoryHooks hooks;
  hooks.on_warning = context.hooks.on_warning;
  if (context.hooks.progress) hooks.progress = &context.hooks.progress->history;
  hooks.perf = &context.perf;
  auto history = history::read_history(options, hooks);
  if (!history) {
    model::Warning w{"", "history not read: " + history.error()};
    if (context.hooks.on_warning) context.hooks.on_warning(w);
    context.snapshot.warnings.push_back(std::move(w));
    return {};
  }
  if (!prefix.empty()) {
    std::erase_if(history->files, [&](const model::FileHistory& f) { return !f.path.starts_with(prefix); });
    for (auto& f : history->files) f.path.erase(0, prefix.size());
  }
  context.snapshot.history = std::move(*history);
  return {};
}

}  // namespace oxidize::pipeline
