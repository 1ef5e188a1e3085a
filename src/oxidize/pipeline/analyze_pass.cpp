// The analysis pass: every file of every source, read and analysed on the
// source's worker threads, or taken from the analysis cache: not even read
// when its stamp matches, not analysed when its content was seen before.
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <memory>
#include <mutex>

#include <fmt/format.h>

#include "oxidize/analyze/analyze_file.hpp"
#include "oxidize/pipeline/facts_lookup.hpp"
#include "oxidize/pipeline/pass.hpp"
#include "oxidize/pipeline/scope.hpp"
#include "oxidize/util/hash.hpp"

namespace oxidize::pipeline {

using discover::Skip;

namespace {

// Collects skips and warnings from every worker thread.
class Collector final : public source::Problems {
 public:
  Collector(std::string prefix, model::Snapshot& snapshot, const ScanHooks& hooks)
      : prefix_(std::move(prefix)), snapshot_(snapshot), hooks_(hooks) {}

  void skipped(Skip why, std::string_view path, std::string_view detail, bool warn) override {
    const std::lock_guard lock(mutex_);
    ++snapshot_.skipped[static_cast<std::size_t>(why)];
    if (warn) add({prefix_ + std::string(path), std::string(detail)});
  }
  void warn(std::string_view path, std::string message) override {
    const std::lock_guard lock(mutex_);
    add({prefix_ + std::string(path), std::move(message)});
  }

 private:
  void add(model::Warning w) {
    if (hooks_.on_warning) hooks_.on_warning(w);
    snapshot_.warnings.push_back(std::move(w));
  }
  std::string prefix_;
  model::Snapshot& snapshot_;
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

struct Worker {
  explicit Worker(analyze::AnalyzeOptions options) : analyzer(options) {}
  analyze::Analyzer analyzer;
  std::vector<model::FileRecord> files;
  // Time spent in each part of the per-file work, for --perf.
  double read_seconds = 0;
  double analyze_seconds = 0;
};

// Stamps are kept per absolute path, so a cache may serve several roots.
std::string absolute_root(const std::string& root) {
  char buf[PATH_MAX];
  if (::realpath(root.c_str(), buf) == nullptr) return {};
  struct stat st {};
  std::string abs = buf;
  if (::stat(buf, &st) == 0 && S_ISDIR(st.st_mode)) {
    if (abs.back() != '/') abs += '/';
  } else {
    abs.resize(abs.rfind('/') + 1);  // a file root: the walk reports its name
  }
  return abs;
}

}  // namespace

PassResult analyze_files(Context& context) {
  const ScanOptions& o = context.options;
  cache::AnalysisCache* cache = o.cache;
  const unsigned threads = std::max(1u, o.threads);
  const analyze::AnalyzeOptions analyze_options{.functions = o.functions,
                                                .hazards = o.hazards,
                                                .structure = o.structure,
                                                .project_functions = o.project_functions.get()};
  std::vector<std::unique_ptr<Worker>> workers;
  for (unsigned i = 0; i < threads; ++i) workers.push_back(std::make_unique<Worker>(analyze_options));

  const util::Stopwatch walk_time;
  for (RootSource& root : context.sources) {
    Collector collector(root.prefix, context.snapshot, context.hooks);
    // A file's stamp key is the hash of its absolute path, seeded by the root's.
    const std::string abs_root = cache != nullptr ? absolute_root(root.root) : std::string();
    const std::uint64_t root_seed = util::content_hash(abs_root);
    const source::Visit visit = [&](unsigned index, source::SourceFile& file) {
      Worker& worker = *workers[index];
      const bool stamped = !abs_root.empty();
      const std::uint64_t path_key = stamped ? util::seeded_hash(file.rel_path, root_seed) : 0;
      std::optional<model::FileFacts> facts;
      // 1. A file the cache saw with the same stamp is not read.
      if (stamped) {
        if (const auto known = cache->trusted_stamp(path_key)) {
          if (const auto now = file.stamp(); now && *now == known->stamp) {
            facts = cache->find(facts_key(known->content_hash, file, analyze_options));
            if (facts) cache->stats.unchanged.fetch_add(1, std::memory_order_relaxed);
          }
        }
      }
      if (!facts) {
        const util::Stopwatch read_time;
        auto bytes = file.read();
        worker.read_seconds += read_time.seconds();
        if (!bytes) {
          const Skip why = skip_for(bytes.error().error);
          collector.skipped(why, file.rel_path, bytes.error().message, why != Skip::symlink);
          return;
        }
        const util::Stopwatch analyze_time;
        // 2. Content seen before (another path, an earlier commit) is not analysed.
        FactsOrigin origin{};
        facts = facts_of(*bytes, file, worker.analyzer, analyze_options, cache, origin);
        if (const auto stamp = file.read_stamp(); cache != nullptr && stamp && stamped)
          cache->remember_stamp(path_key, *stamp, facts->hash);
        worker.analyze_seconds += analyze_time.seconds();
      }
      if (context.hooks.progress != nullptr) {
        context.hooks.progress->files.fetch_add(1, std::memory_order_relaxed);
        context.hooks.progress->bytes.fetch_add(facts->bytes, std::memory_order_relaxed);
      }
      if (facts->binary) {
        collector.skipped(Skip::binary, file.rel_path, "binary file (NUL byte in the first 8 KiB): not counted", true);
        return;
      }
      if (facts->unterminated != lex::Unterminated::none) {
        collector.warn(std::string(file.rel_path) + ":" + std::to_string(facts->unterminated_line),
                       "unterminated " + std::string(lex::unterminated_name(facts->unterminated)) +
                           " runs to end of file (counted as it stands)");
      }
      for (const auto& issue : facts->parse_issues)
        collector.warn(std::string(file.rel_path) + ":" + std::to_string(issue.line), issue.message);
      model::FileRecord record;
      record.facts = std::move(*facts);
      apply_scope(record, file, root.prefix, o.hazard_excludes);
      record.path = root.prefix + std::string(file.rel_path);
      worker.files.push_back(std::move(record));
    };
    root.source->for_each(threads, visit, collector);
  }

  // Where the workers' time went, summed over threads: reading (open, read,
  // close), analysis (hash, lex, classify), and the rest (listing
  // directories, waiting for work, bookkeeping).
  double read_total = 0, analyze_total = 0;
  std::size_t total = 0;
  for (const auto& w : workers) {
    read_total += w->read_seconds;
    analyze_total += w->analyze_seconds;
    total += w->files.size();
  }
  const double thread_seconds = walk_time.seconds() * static_cast<double>(workers.size());
  context.perf.push_back({"  read (thread-s)", read_total});
  context.perf.push_back({"  analyze (thread-s)", analyze_total});
  context.perf.push_back({"  walk+idle (thread-s)", std::max(0.0, thread_seconds - read_total - analyze_total)});
  if (cache != nullptr) {
    context.perf_notes.push_back(fmt::format("cache: {} files unchanged (not read), {} known by content, {} analysed",
                                             cache->stats.unchanged.load(), cache->stats.content_hits.load(),
                                             cache->stats.analysed.load()));
  }
  context.snapshot.files.reserve(context.snapshot.files.size() + total);
  for (auto& w : workers) {
    std::move(w->files.begin(), w->files.end(), std::back_inserter(context.snapshot.files));
    w->files.clear();
  }
  return {};
}

PassResult sort_snapshot(Context& context) {
  auto& files = context.snapshot.files;
  std::sort(files.begin(), files.end(), [](const model::FileRecord& a, const model::FileRecord& b) { return a.path < b.path; });
  std::sort(context.snapshot.warnings.begin(), context.snapshot.warnings.end());
  return {};
}

}  // namespace oxidize::pipeline
