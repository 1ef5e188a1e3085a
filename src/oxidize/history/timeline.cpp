#include "oxidize/history/timeline.hpp"

#include <git2.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <future>
#include <memory>
#include <mutex>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "oxidize/analyze/analyze_file.hpp"
#include "oxidize/model/aggregate.hpp"
#include "oxidize/pipeline/facts_lookup.hpp"
#include "oxidize/pipeline/scope.hpp"
#include "oxidize/source/git_repository.hpp"
#include "oxidize/source/git_tree_source.hpp"
#include "oxidize/util/date.hpp"

namespace oxidize::history {

using model::GitTime;

// ---------------------------------------------------------------------------
// Point selection: a pure function of the chain.

std::vector<std::size_t> select_points(std::span<const ChainCommit> chain, const model::TimelineEvery& every,
                                       std::optional<GitTime> since, GitTime now) {
  if (chain.empty()) return {};
  // The chain by committer time; of equal times the one nearer the tip last,
  // so that the last commit at or before a time is the one picked.
  std::vector<std::size_t> by_time(chain.size());
  for (std::size_t i = 0; i < chain.size(); ++i) by_time[i] = i;
  const auto earlier = [&](std::size_t a, std::size_t b) {
    return chain[a].time != chain[b].time ? chain[a].time < chain[b].time : a > b;
  };
  std::sort(by_time.begin(), by_time.end(), earlier);
  const auto pick = [&](GitTime at) -> std::optional<std::size_t> {
    const auto after = std::upper_bound(by_time.begin(), by_time.end(), at,
                                        [&](GitTime t, std::size_t i) { return t < chain[i].time; });
    if (after == by_time.begin()) return std::nullopt;
    return *(after - 1);
  };

  std::vector<std::size_t> points;
  if (every.kind == model::TimelineEvery::Kind::commits) {
    const std::size_t n = std::max<std::uint32_t>(every.commits, 1);
    for (std::size_t i = 0; i < chain.size(); ++i) {
      const std::size_t from_root = chain.size() - 1 - i;
      if (from_root % n == 0 && (!since || chain[i].time >= *since) && chain[i].time <= now) points.push_back(i);
    }
  } else {
    const unsigned step = every.kind == model::TimelineEvery::Kind::quarter ? 3 : 1;
    const GitTime start = since ? *since : chain[by_time.front()].time;
    util::CivilDate first = util::civil_of(start);
    first.month = (first.month - 1) / step * step + 1;
    first.day = 1;
    GitTime boundary = util::midnight(first);
    if (boundary < start) boundary = util::add_months(boundary, static_cast<int>(step));
    for (; boundary <= now; boundary = util::add_months(boundary, static_cast<int>(step))) {
      if (const auto i = pick(boundary)) points.push_back(*i);
    }
  }
  if (const auto last = pick(now)) points.push_back(*last);
  std::sort(points.begin(), points.end(), earlier);
  points.erase(std::unique(points.begin(), points.end()), points.end());
  return points;
}

namespace {

// ---------------------------------------------------------------------------
// libgit2 helpers.

struct CommitDeleter {
  void operator()(git_commit* c) const { git_commit_free(c); }
  void operator()(git_object* o) const { git_object_free(o); }
  void operator()(git_reference* r) const { git_reference_free(r); }
};
using Commit = std::unique_ptr<git_commit, CommitDeleter>;

std::string hex(const source::ContentId& id) {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string text(id.size() * 2, '0');
  for (std::size_t i = 0; i < id.size(); ++i) {
    text[2 * i] = k_digits[id[i] >> 4];
    text[2 * i + 1] = k_digits[id[i] & 15];
  }
  return text;
}

source::ContentId id_of(const git_oid* oid) {
  source::ContentId id;
  std::memcpy(id.data(), oid->id, id.size());
  return id;
}

std::string without_trailing_slash(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

// The name of the branch HEAD points to ("main"), or "HEAD".
std::string head_branch(git_repository* repo) {
  git_reference* raw = nullptr;
  if (git_reference_lookup(&raw, repo, "HEAD") != 0) return "HEAD";
  const std::unique_ptr<git_reference, CommitDeleter> head(raw);
  const char* target = git_reference_symbolic_target(raw);
  if (target == nullptr) return "HEAD";
  std::string_view name(target);
  if (name.starts_with("refs/heads/")) name.remove_prefix(11);
  return std::string(name);
}

// ---------------------------------------------------------------------------
// Warnings: each printed and kept once, however many points meet it.

class Warnings final : public source::Problems {
 public:
  explicit Warnings(const TimelineHooks& hooks) : hooks_(hooks) {}
  void skipped(discover::Skip, std::string_view path, std::string_view detail, bool warn) override {
    if (warn) add(path, std::string(detail));
  }
  void warn(std::string_view path, std::string message) override { add(path, std::move(message)); }
  std::vector<model::Warning> take() {
    const std::lock_guard lock(mutex_);
    return {seen_.begin(), seen_.end()};
  }

 private:
  void add(std::string_view path, std::string message) {
    const std::lock_guard lock(mutex_);
    model::Warning w{std::string(path), std::move(message)};
    if (seen_.contains(w)) return;
    if (hooks_.on_warning) hooks_.on_warning(w);
    seen_.insert(std::move(w));
  }
  const TimelineHooks& hooks_;
  std::mutex mutex_;
  std::set<model::Warning> seen_;
};

// ---------------------------------------------------------------------------
// What the timeline keeps of a blob: its contribution to a point's counts,
// before the scope (which depends on the path) is applied.

struct BlobSummary {
  bool counted = false;  // read, and not binary
  discover::Language language{};  // as analysed (a ".h" may be C++)
  std::uint64_t code = 0;
  std::uint64_t hazards = 0;  // as the scan counts them: not suppressed, medium or high confidence
  std::string generated_why;  // the content's own marker, if any
};

// A blob and what its analysis depends on besides the bytes: the language
// its name gave and the name's flags (the cache key's, pipeline/facts_lookup).
struct BlobKey {
  source::ContentId id{};
  std::uint8_t language = 0;
  std::uint8_t flags = 0;
  bool operator==(const BlobKey&) const = default;
};
struct BlobKeyHash {
  std::size_t operator()(const BlobKey& k) const {
    std::uint64_t h = 0;
    std::memcpy(&h, k.id.data(), sizeof h);  // a SHA-1: already uniform
    return static_cast<std::size_t>(h ^ (std::uint64_t{k.language} << 8) ^ k.flags);
  }
};

// Each blob's summary, computed by the first worker that asks for it; a
// worker asking while another computes it (the same bytes at two paths of
// one tree) waits for that result rather than computing it again.
class BlobMemo {
 public:
  template <typename Compute>
  BlobSummary get(const BlobKey& key, Compute compute, bool& computed) {
    std::promise<BlobSummary> promise;
    std::shared_future<BlobSummary> result;
    {
      const std::lock_guard lock(mutex_);
      auto [it, inserted] = map_.try_emplace(key);
      if (!inserted) {
        result = it->second;
      } else {
        it->second = promise.get_future().share();
      }
    }
    computed = !result.valid();
    if (!computed) return result.get();
    try {
      BlobSummary summary = compute();
      promise.set_value(summary);
      return summary;
    } catch (...) {
      promise.set_exception(std::current_exception());
      throw;
    }
  }

 private:
  std::mutex mutex_;
  std::unordered_map<BlobKey, std::shared_future<BlobSummary>, BlobKeyHash> map_;
};

// A folder of a tree, named by its tree id and its path (the path decides
// the languages, vendored marks and `[hazards] exclude` of what it holds).
struct FolderKey {
  source::ContentId tree{};
  std::string path;
  bool operator==(const FolderKey&) const = default;
};
struct FolderKeyHash {
  std::size_t operator()(const FolderKey& k) const {
    std::uint64_t h = 0;
    std::memcpy(&h, k.tree.data(), sizeof h);
    return static_cast<std::size_t>(h ^ std::hash<std::string>{}(k.path));
  }
};

// The folders a path is in: "" (the root), then each prefix before a '/'
// ("a/b/c.c": "", "a", "a/b"); never the path itself.
template <typename Visit>
void for_each_folder_above(std::string_view path, Visit visit) {
  visit(std::string_view());
  for (std::size_t slash = path.find('/'); slash != std::string_view::npos; slash = path.find('/', slash + 1))
    visit(path.substr(0, slash));
}

struct Worker {
  explicit Worker(analyze::AnalyzeOptions options) : analyzer(options) {}
  analyze::Analyzer analyzer;
  std::vector<std::pair<std::string, model::CodeCounts>> files;  // this point's counted files
};

class Builder {
 public:
  Builder(const TimelineOptions& options, const TimelineHooks& hooks, std::string git_dir)
      : o_(options), hooks_(hooks), git_dir_(std::move(git_dir)), warnings_(hooks) {
    for (unsigned i = 0; i < std::max(1u, o_.threads); ++i) workers_.push_back(std::make_unique<Worker>(k_analysis));
  }

  // The counts of the tree of `commit`, or nullopt (warned) when it cannot be
  // read. A folder met before with the same tree id at the same path is not
  // listed: its counts are taken from the memo. The folders that are listed
  // get their counts from the files offered in them (each blob summarised
  // once per run) and the known folders inside them, and join the memo.
  std::optional<model::CodeCounts> point(const std::string& commit) {
    std::vector<std::pair<std::string, source::ContentId>> listed;
    std::vector<std::pair<std::string, model::CodeCounts>> reused;
    source::GitTreeOptions tree_options;
    tree_options.languages = o_.languages;
    tree_options.max_file_bytes = o_.max_file_bytes;
    tree_options.skip_folder = [&](std::string_view folder, const source::ContentId& tree) {
      const auto known = folders_.find(FolderKey{tree, std::string(folder)});
      if (known != folders_.end()) {
        reused.emplace_back(std::string(folder), known->second);
        return true;
      }
      listed.emplace_back(std::string(folder), tree);
      return false;
    };
    auto source = source::GitTreeSource::open(git_dir_, commit, std::move(tree_options));
    if (!source) {
      warnings_.warn("", "commit " + commit + ": " + source.error() + " (left out of the timeline)");
      return std::nullopt;
    }
    stats_.folders_listed += listed.size();
    stats_.folders_reused += reused.size();
    if (!reused.empty() && reused.front().first.empty()) return reused.front().second;  // the whole tree is known

    (*source)->for_each(std::max(1u, o_.threads), [&](unsigned w, source::SourceFile& file) { visit(*workers_[w], file); },
                        warnings_);

    // Each listed folder's counts: the files and the known folders inside it.
    std::unordered_map<std::string_view, model::CodeCounts> by_folder;
    for (const auto& [folder, tree] : listed) by_folder[folder];
    const auto add_above = [&](std::string_view path, const model::CodeCounts& counts) {
      for_each_folder_above(path, [&](std::string_view folder) { by_folder[folder] += counts; });
    };
    for (auto& worker : workers_) {
      for (const auto& [path, counts] : worker->files) add_above(path, counts);
    }
    for (const auto& [folder, counts] : reused) add_above(folder, counts);
    for (const auto& [folder, tree] : listed) folders_.emplace(FolderKey{tree, folder}, by_folder[folder]);
    const model::CodeCounts total = by_folder[std::string_view()];
    for (auto& worker : workers_) worker->files.clear();
    return total;
  }

  Warnings& warnings() { return warnings_; }
  TimelineStats stats() const {
    TimelineStats stats = stats_;
    stats.blobs_analysed = blobs_analysed_.load();
    stats.blobs_from_memory = blobs_from_memory_.load();
    stats.blobs_from_cache = blobs_from_cache_.load();
    return stats;
  }

 private:
  static constexpr analyze::AnalyzeOptions k_analysis{.functions = true, .hazards = true};

  void visit(Worker& worker, source::SourceFile& file) {
    const auto id = file.content_id();
    const cache::FactsKey name_key = pipeline::facts_key(0, file, k_analysis);
    const BlobKey key{id.value_or(source::ContentId{}), name_key.language, name_key.flags};
    bool computed = true;
    const BlobSummary blob = id ? memo_.get(key, [&] { return summarize(worker, file); }, computed)
                                : summarize(worker, file);  // not for git trees: every blob has its id
    if (!computed) blobs_from_memory_.fetch_add(1, std::memory_order_relaxed);
    if (!blob.counted || !o_.scope.counts(pipeline::exclusion_of(file, blob.generated_why))) return;
    model::CodeCounts counts;
    counts.code_lines[static_cast<std::size_t>(blob.language)] = blob.code;
    counts.files = 1;
    if (blob.hazards > 0 && !pipeline::hazards_excluded(file, o_.hazard_excludes)) counts.hazards = blob.hazards;
    worker.files.emplace_back(std::string(file.rel_path), counts);
  }

  BlobSummary summarize(Worker& worker, source::SourceFile& file) {
    BlobSummary summary;
    auto bytes = file.read();
    if (!bytes) {
      warnings_.warn(file.rel_path, bytes.error().message + " (left out of the timeline)");
      return summary;
    }
    pipeline::FactsOrigin origin{};
    model::FileRecord record;
    record.facts = pipeline::facts_of(*bytes, file, worker.analyzer, k_analysis, o_.cache, origin);
    (origin == pipeline::FactsOrigin::cache ? blobs_from_cache_ : blobs_analysed_).fetch_add(1, std::memory_order_relaxed);
    if (hooks_.progress != nullptr) {
      hooks_.progress->blobs.fetch_add(1, std::memory_order_relaxed);
      hooks_.progress->bytes.fetch_add(bytes->size(), std::memory_order_relaxed);
    }
    if (record.facts.binary) return summary;
    summary.counted = true;
    summary.language = record.facts.language;
    summary.code = record.facts.lines.code;
    model::HazardTotals hazards;
    hazards.add(record);
    summary.hazards = hazards.findings;
    summary.generated_why = std::move(record.facts.generated_why);
    return summary;
  }

  const TimelineOptions& o_;
  const TimelineHooks& hooks_;
  std::string git_dir_;
  Warnings warnings_;
  std::vector<std::unique_ptr<Worker>> workers_;
  BlobMemo memo_;
  std::unordered_map<FolderKey, model::CodeCounts, FolderKeyHash> folders_;
  TimelineStats stats_;
  std::atomic<std::uint64_t> blobs_analysed_{0}, blobs_from_memory_{0}, blobs_from_cache_{0};
};

}  // namespace

tl::expected<TimelineResult, std::string> build_timeline(const TimelineOptions& o, const TimelineHooks& hooks) {
  TimelineResult result;
  model::TimelineInfo& info = result.timeline.info;
  const util::Stopwatch chain_time;

  // The repository, and where its chain starts.
  source::ensure_libgit2();
  git_repository* raw_repo = nullptr;
  if (const int rc = git_repository_open_ext(&raw_repo, o.repository.c_str(), 0, nullptr); rc != 0) {
    if (rc == GIT_ENOTFOUND) return tl::unexpected(o.repository + ": not in a git repository (history needs git)");
    return tl::unexpected(o.repository + ": cannot open the repository (" + source::git_error_text() + ")");
  }
  const source::Repository repo(raw_repo);
  const char* workdir = git_repository_workdir(raw_repo);
  const std::string git_dir = without_trailing_slash(git_repository_path(raw_repo));
  info.repository = without_trailing_slash(workdir != nullptr ? workdir : git_dir);
  info.shallow = git_repository_is_shallow(raw_repo) == 1;
  info.revision = o.revision.empty() ? "HEAD" : o.revision;
  if (o.revision.empty() && git_repository_head_unborn(raw_repo) == 1)
    return tl::unexpected(fmt::format("{}: the repository has no commits yet (branch '{}' is unborn): no history",
                                      o.repository, head_branch(raw_repo)));
  git_object* raw_object = nullptr;
  if (git_revparse_single(&raw_object, raw_repo, info.revision.c_str()) != 0)
    return tl::unexpected(o.repository + ": unknown revision '" + info.revision + "' (" + source::git_error_text() + ")");
  const std::unique_ptr<git_object, CommitDeleter> object(raw_object);
  git_object* peeled = nullptr;
  if (git_object_peel(&peeled, raw_object, GIT_OBJECT_COMMIT) != 0)
    return tl::unexpected(o.repository + ": '" + info.revision + "' is not a commit (" + source::git_error_text() + ")");
  Commit commit(reinterpret_cast<git_commit*>(peeled));

  // The first-parent chain, tip first.
  std::vector<ChainCommit> chain;
  std::vector<model::Warning> chain_warnings;
  for (;;) {
    chain.push_back({id_of(git_commit_id(commit.get())), static_cast<GitTime>(git_commit_time(commit.get()))});
    if (hooks.progress != nullptr) hooks.progress->commits.store(chain.size(), std::memory_order_relaxed);
    if (git_commit_parentcount(commit.get()) == 0) break;
    git_commit* parent = nullptr;
    if (git_commit_parent(&parent, commit.get(), 0) != 0) {
      // In a shallow clone this is where the history fetched ends (said below).
      if (!info.shallow)
        chain_warnings.push_back({"", fmt::format("cannot read the first parent of commit {} ({}): the history read "
                                                  "stops there",
                                                  hex(chain.back().id), source::git_error_text())});
      break;
    }
    commit.reset(parent);
  }
  if (info.shallow)
    chain_warnings.push_back({"", fmt::format("shallow clone: the history read starts at commit {} ({}); points "
                                              "before it are missing (git fetch --unshallow fetches the rest)",
                                              hex(chain.back().id), util::format_date(chain.back().time))});
  commit.reset();
  info.head = hex(chain.front().id);
  info.chain_commits = chain.size();
  info.now_given = o.now.has_value();
  info.now = o.now.value_or(chain.front().time);
  info.since = o.since_all ? std::nullopt
                           : std::optional<GitTime>(o.since.value_or(util::add_months(info.now, -k_default_window_months)));
  info.every = o.every;
  info.scope = o.scope;
  const std::vector<std::size_t> picks = select_points(chain, o.every, info.since, info.now);
  if (picks.empty())
    return tl::unexpected(fmt::format("{}: no commit of '{}' at or before {} (the oldest is of {})", o.repository,
                                      info.revision, util::format_date(info.now),
                                      util::format_date(std::min_element(chain.begin(), chain.end(),
                                                                         [](const auto& a, const auto& b) {
                                                                           return a.time < b.time;
                                                                         })->time)));
  result.perf.push_back({"first-parent chain", chain_time.seconds()});

  // The points, oldest first.
  const util::Stopwatch points_time;
  Builder builder(o, hooks, git_dir);
  for (const auto& w : chain_warnings) builder.warnings().warn(w.path, w.message);
  if (hooks.progress != nullptr) hooks.progress->points.store(static_cast<std::uint32_t>(picks.size()));
  for (const std::size_t i : picks) {
    const std::string id = hex(chain[i].id);
    if (auto counts = builder.point(id)) result.timeline.points.push_back({id, chain[i].time, *counts});
    if (hooks.progress != nullptr) hooks.progress->points_done.fetch_add(1, std::memory_order_relaxed);
  }
  result.perf.push_back({"points (read+analyze)", points_time.seconds()});
  result.stats = builder.stats();
  result.stats.chain_commits = chain.size();
  result.timeline.warnings = builder.warnings().take();
  return result;
}

}  // namespace oxidize::history
