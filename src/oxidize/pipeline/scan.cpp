#include "oxidize/pipeline/scan.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <mutex>

#include "oxidize/analyze/analyze_file.hpp"
#include "oxidize/discover/git_filter.hpp"
#include "oxidize/util/file_reader.hpp"

namespace oxidize::pipeline {

using discover::Skip;

namespace {

// Collects skips and warnings from every worker thread.
class Collector final : public discover::Problems {
 public:
  Collector(std::string prefix, model::Snapshot& result, const ScanHooks& hooks)
      : prefix_(std::move(prefix)), result_(result), hooks_(hooks) {}

  void skipped(Skip why, std::string_view path, std::string_view detail, bool warn) override {
    const std::lock_guard lock(mutex_);
    ++result_.skipped[static_cast<std::size_t>(why)];
    if (!warn) return;
    model::Warning w{prefix_ + std::string(path), std::string(detail)};
    if (hooks_.on_warning) hooks_.on_warning(w);
    result_.warnings.push_back(std::move(w));
  }

  void warn(std::string_view path, std::string message) {
    const std::lock_guard lock(mutex_);
    model::Warning w{prefix_ + std::string(path), std::move(message)};
    if (hooks_.on_warning) hooks_.on_warning(w);
    result_.warnings.push_back(std::move(w));
  }

 private:
  std::string prefix_;
  model::Snapshot& result_;
  const ScanHooks& hooks_;
  std::mutex mutex_;
};

Skip skip_for(util::ReadError error) {
  switch (error) {
    case util::ReadError::not_found: return Skip::vanished;
    case util::ReadError::permission: return Skip::unreadable_file;
    case util::ReadError::not_regular: return Skip::not_regular;
    case util::ReadError::too_large: return Skip::too_large;
    case util::ReadError::symlink: return Skip::symlink;
    case util::ReadError::io: return Skip::unreadable_file;
  }
  return Skip::unreadable_file;
}

// What a root contributes to each path: nothing when it is the only root,
// "ROOT/" when several are scanned, so that paths stay distinct.
std::string root_prefix(const std::string& root, std::size_t root_count) {
  if (root_count == 1) return {};
  std::string prefix = root;
  while (prefix.size() > 1 && prefix.back() == '/') prefix.pop_back();
  struct stat st {};
  if (::stat(root.c_str(), &st) == 0 && !S_ISDIR(st.st_mode)) {
    // A file root: its path already ends with the name the walk reports.
    const auto slash = prefix.rfind('/');
    return slash == std::string::npos ? std::string() : prefix.substr(0, slash + 1);
  }
  return prefix + "/";
}

struct Worker {
  explicit Worker(std::size_t max_bytes) : reader(max_bytes) {}
  util::FileReader reader;
  std::vector<model::FileRecord> files;
  // Time spent in each part of the per-file work, for --perf.
  double read_seconds = 0;
  double analyze_seconds = 0;
};

void scan_root(const std::string& root, const std::string& prefix, const ScanOptions& options,
               const ScanHooks& hooks, std::vector<Worker>& workers, model::Snapshot& result) {
  Collector collector(prefix, result, hooks);

  std::optional<discover::GitFilter> filter;
  if (options.use_gitignore) {
    auto opened = discover::GitFilter::open(root);
    if (opened) filter = std::move(*opened);
    else collector.warn("", opened.error() + "; scanning without .gitignore rules");
  }

  discover::WalkOptions walk_options;
  walk_options.threads = options.threads;
  walk_options.follow_symlinks = options.follow_symlinks;
  walk_options.languages = options.languages;

  const discover::FileCallback on_file = [&](unsigned index, const discover::FoundFile& found) {
    Worker& worker = workers[index];
    const std::string name(found.name);
    const util::Stopwatch read_time;
    auto bytes = worker.reader.read(found.dir.fd(), name.c_str(), options.follow_symlinks);
    worker.read_seconds += read_time.seconds();
    if (!bytes) {
      const Skip why = skip_for(bytes.error().error);
      collector.skipped(why, found.rel_path, bytes.error().message, why != Skip::symlink);
      return;
    }
    model::FileRecord record;
    const util::Stopwatch analyze_time;
    record.facts = analyze::analyze_file(found.name, *bytes, found.language,
                                          {.functions = options.functions, .hazards = options.hazards});
    worker.analyze_seconds += analyze_time.seconds();
    if (hooks.progress != nullptr) {
      hooks.progress->files.fetch_add(1, std::memory_order_relaxed);
      hooks.progress->bytes.fetch_add(bytes->size(), std::memory_order_relaxed);
    }
    if (record.facts.binary) {
      collector.skipped(Skip::binary, found.rel_path, "binary file (NUL byte in the first 8 KiB): not counted", true);
      return;
    }
    if (record.facts.unterminated != lex::Unterminated::none) {
      collector.warn(found.rel_path + ":" + std::to_string(record.facts.unterminated_line),
                     "unterminated " + std::string(lex::unterminated_name(record.facts.unterminated)) +
                         " runs to end of file (counted as it stands)");
    }
    for (const auto& issue : record.facts.parse_issues)
      collector.warn(found.rel_path + ":" + std::to_string(issue.line), issue.message);
    if (found.exclusion == discover::Exclusion::vendored) {
      record.exclusion = discover::Exclusion::vendored;
      record.exclusion_why = "under vendored directory " + prefix + found.dir.exclusion_root();
    } else if (!record.facts.generated_why.empty()) {
      record.exclusion = discover::Exclusion::generated;
      record.exclusion_why = record.facts.generated_why;
    }
    // Only files with findings are matched: the globs cost nothing elsewhere.
    record.hazards_excluded =
        !record.facts.hazards.empty() && config::matches_any(options.hazard_excludes, found.rel_path);
    record.path = prefix + found.rel_path;
    worker.files.push_back(std::move(record));
  };

  discover::walk(root, walk_options, filter ? &*filter : nullptr, on_file, collector);
}

}  // namespace

ScanResult run_scan(const ScanOptions& options, const ScanHooks& hooks) {
  ScanResult out;
  model::Snapshot& result = out.snapshot;
  result.info.roots = options.roots;
  std::vector<Worker> workers;
  workers.reserve(options.threads);
  for (unsigned i = 0; i < std::max(1u, options.threads); ++i) workers.emplace_back(options.max_file_bytes);

  // Stages 1+2: discover, read and analyze, all roots.
  util::Stopwatch walk_time;
  for (const auto& root : options.roots)
    scan_root(root, root_prefix(root, options.roots.size()), options, hooks, workers, result);
  const double walk_seconds = walk_time.seconds();
  out.perf.push_back({"discover+read+analyze", walk_seconds});
  // Where the workers' time went, summed over threads: reading (open, read,
  // close), analysis (hash, lex, classify), and the rest (listing
  // directories, waiting for work, bookkeeping).
  double read_total = 0, analyze_total = 0;
  for (const auto& w : workers) {
    read_total += w.read_seconds;
    analyze_total += w.analyze_seconds;
  }
  const double thread_seconds = walk_seconds * static_cast<double>(workers.size());
  out.perf.push_back({"  read (thread-s)", read_total});
  out.perf.push_back({"  analyze (thread-s)", analyze_total});
  out.perf.push_back({"  walk+idle (thread-s)", std::max(0.0, thread_seconds - read_total - analyze_total)});

  // Stage 3: merge and sort, so that output never depends on thread timing.
  util::Stopwatch sort_time;
  std::size_t total = 0;
  for (const auto& w : workers) total += w.files.size();
  result.files.reserve(total);
  for (auto& w : workers) {
    std::move(w.files.begin(), w.files.end(), std::back_inserter(result.files));
    w.files.clear();
  }
  std::sort(result.files.begin(), result.files.end(),
            [](const model::FileRecord& a, const model::FileRecord& b) { return a.path < b.path; });
  std::sort(result.warnings.begin(), result.warnings.end());
  out.perf.push_back({"merge+sort", sort_time.seconds()});
  return out;
}

}  // namespace oxidize::pipeline
