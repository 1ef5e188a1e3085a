#include "oxidize/history/history_facts.hpp"

#include <git2.h>
#include <malloc.h>

#include <algorithm>
#include <mutex>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>

#include "oxidize/analyze/analyze_file.hpp"
#include "oxidize/history/commit_changes.hpp"
#include "oxidize/history/line_ages.hpp"
#include "oxidize/source/git_repository.hpp"
#include "oxidize/source/git_tree_source.hpp"

namespace oxidize::history {

namespace {

using model::GitTime;

// The change facts of a file or function while the walk adds them up.
struct Tally {
  model::ChangeFacts facts;
  std::vector<std::uint32_t> authors;  // author indices, duplicates removed at the end

  void add(const CommitRecord& c, std::uint64_t added, std::uint64_t deleted, GitTime now) {
    auto& f = facts;
    ++f.commits;
    f.fix_commits += c.fix ? 1 : 0;
    f.security_fix_commits += c.security ? 1 : 0;
    f.lines_added += added;
    f.lines_deleted += deleted;
    // The windows are the days up to "now": later commits (a --now in the past) are outside.
    if (c.author_time <= now && c.author_time > now - model::k_window_12m) {
      f.churn_12m += added + deleted;
      ++f.commits_12m;
      if (c.author_time > now - model::k_window_3m) f.churn_3m += added + deleted;
    }
    f.first_change = f.first_change == 0 ? c.author_time : std::min(f.first_change, c.author_time);
    f.last_change = std::max(f.last_change, c.author_time);
    if (authors.empty() || authors.back() != c.author) authors.push_back(c.author);
  }
  void merge(Tally&& other) {
    auto& f = facts;
    const auto& o = other.facts;
    f.commits += o.commits;
    f.fix_commits += o.fix_commits;
    f.security_fix_commits += o.security_fix_commits;
    f.lines_added += o.lines_added;
    f.lines_deleted += o.lines_deleted;
    f.churn_12m += o.churn_12m;
    f.churn_3m += o.churn_3m;
    f.commits_12m += o.commits_12m;
    if (o.first_change != 0) f.first_change = f.first_change == 0 ? o.first_change : std::min(f.first_change, o.first_change);
    f.last_change = std::max(f.last_change, o.last_change);
    authors.insert(authors.end(), other.authors.begin(), other.authors.end());
  }
  model::ChangeFacts finish() {
    std::sort(authors.begin(), authors.end());
    authors.erase(std::unique(authors.begin(), authors.end()), authors.end());
    facts.authors = static_cast<std::uint32_t>(authors.size());
    return facts;
  }
};

struct FileTally {
  Tally change;
  std::unordered_map<std::string, Tally> functions;  // by name, in the versions the commits wrote
  std::uint32_t renames = 0;
};

// Lines added and deleted per function of the new version, for one file change.
// Added lines go to the functions whose lines they are; deleted lines to the
// function the deletion happened in (the one the hunk's new lines start in,
// or, for a pure deletion, the one holding the lines on both sides of it).
void tally_functions(FileTally& tally, const FileChange& change, const CommitRecord& commit, GitTime now) {
  if (change.functions.empty()) return;
  std::unordered_map<const std::string*, std::pair<std::uint64_t, std::uint64_t>> touched;
  std::unordered_map<std::string_view, const std::string*> by_name;  // one entry per name: same-name functions share it
  for (const auto& f : change.functions) by_name.try_emplace(f.name, &f.name);
  for (const auto& h : change.hunks) {
    bool deleted_placed = false;
    if (h.new_lines > 0) {
      const std::uint32_t first = h.new_start;
      const std::uint32_t last = h.new_start + h.new_lines - 1;
      for (const auto& f : change.functions) {
        if (f.end_line < first || f.start_line > last) continue;
        const std::uint32_t overlap = std::min(f.end_line, last) - std::max(f.start_line, first) + 1;
        auto& t = touched[by_name[f.name]];
        t.first += overlap;
        if (!deleted_placed) {
          t.second += h.old_lines;
          deleted_placed = true;
        }
      }
    } else {
      // Lines new_start and new_start + 1 surround the deletion.
      for (const auto& f : change.functions) {
        if (f.start_line <= h.new_start && h.new_start < f.end_line) {
          touched[by_name[f.name]].second += h.old_lines;
          break;
        }
      }
    }
  }
  for (const auto& [name, lines] : touched) tally.functions[*name].add(commit, lines.first, lines.second, now);
}

// What the last commit's tree holds, per source file.
struct HeadFile {
  std::string path;
  std::uint32_t lines = 0;  // as git counts them (a last line without '\n' counts)
  std::vector<FunctionSpan> functions;
};

std::uint32_t git_line_count(std::string_view bytes) {
  const auto newlines = static_cast<std::uint32_t>(std::count(bytes.begin(), bytes.end(), '\n'));
  return newlines + (!bytes.empty() && bytes.back() != '\n' ? 1 : 0);
}

// Collects the tree source's problems as warnings.
class WarningList final : public source::Problems {
 public:
  void skipped(discover::Skip, std::string_view path, std::string_view detail, bool warn) override {
    if (warn) this->warn(path, std::string(detail));
  }
  void warn(std::string_view path, std::string message) override {
    const std::lock_guard lock(mutex_);
    warnings.push_back({std::string(path), std::move(message)});
  }
  std::vector<model::Warning> warnings;

 private:
  std::mutex mutex_;
};

tl::expected<std::vector<HeadFile>, std::string> read_head(const HistoryOptions& options, const std::string& head,
                                                           std::vector<model::Warning>& warnings) {
  auto tree = source::GitTreeSource::open(options.repository, head, options.languages, options.max_blob_bytes);
  if (!tree) return tl::unexpected(tree.error());
  const unsigned threads = std::max(1u, options.threads);
  std::vector<std::vector<HeadFile>> per_worker(threads);
  std::vector<analyze::Analyzer> analyzers(threads, analyze::Analyzer(analyze::AnalyzeOptions{true, false}));
  WarningList problems;
  (*tree)->for_each(threads, [&](unsigned worker, source::SourceFile& file) {
    HeadFile out;
    out.path = std::string(file.rel_path);
    auto bytes = file.read();
    if (bytes) {
      out.lines = git_line_count(*bytes);
      if (options.functions) {
        auto facts = analyzers[worker].analyze(file.name, *bytes, file.language);
        if (!facts.binary)
          for (auto& f : facts.functions) out.functions.push_back({std::move(f.name), f.start_line, f.end_line});
      }
    } else {
      problems.warn(file.rel_path, "unreadable at the last commit: " + bytes.error().message);
    }
    per_worker[worker].push_back(std::move(out));
  }, problems);
  std::vector<HeadFile> files;
  for (auto& list : per_worker)
    for (auto& f : list) files.push_back(std::move(f));
  std::sort(files.begin(), files.end(), [](const HeadFile& a, const HeadFile& b) { return a.path < b.path; });
  warnings.insert(warnings.end(), problems.warnings.begin(), problems.warnings.end());
  return files;
}

// Resolves `revision` to a commit: its id and commit time.
tl::expected<std::pair<ObjectId, GitTime>, std::string> resolve(git_repository* repo, const HistoryOptions& options) {
  if (git_repository_is_empty(repo) == 1 || (options.revision == "HEAD" && git_repository_head_unborn(repo) == 1))
    return tl::unexpected(options.repository + ": the repository has no commits yet: no history to read");
  git_object* raw = nullptr;
  if (git_revparse_single(&raw, repo, options.revision.c_str()) != 0)
    return tl::unexpected(fmt::format("{}: unknown revision '{}' ({})", options.repository, options.revision,
                                      source::git_error_text()));
  git_object* peeled = nullptr;
  const int rc = git_object_peel(&peeled, raw, GIT_OBJECT_COMMIT);
  git_object_free(raw);
  if (rc != 0)
    return tl::unexpected(fmt::format("{}: '{}' is not a commit", options.repository, options.revision));
  auto* commit = reinterpret_cast<git_commit*>(peeled);
  ObjectId id;
  std::memcpy(id.data(), git_commit_id(commit)->id, id.size());
  const GitTime time = git_commit_time(commit);
  git_commit_free(commit);
  return std::pair{id, time};
}

}  // namespace

std::optional<Walk> walk_from_name(std::string_view name) {
  if (name == "first-parent") return Walk::first_parent;
  if (name == "no-merges") return Walk::no_merges;
  return std::nullopt;
}

std::string_view walk_name(Walk walk) { return walk == Walk::first_parent ? "first-parent" : "no-merges"; }

tl::expected<model::History, std::string> read_history(const HistoryOptions& options, const HistoryHooks& hooks) {
  auto classifier = MessageClassifier::compile(options.patterns);
  if (!classifier) return tl::unexpected("history patterns: " + classifier.error());
  auto repo = source::open_repository(options.repository);
  if (!repo) return tl::unexpected(repo.error());
  const auto head = resolve(repo->get(), options);
  if (!head) return tl::unexpected(head.error());

  model::History history;
  const auto phase = [&](const char* name, const util::Stopwatch& clock) {
    if (hooks.perf) hooks.perf->push_back({name, clock.seconds()});
  };
  const util::Stopwatch log_time;
  auto log = read_commit_log(repo->get(), head->first, options.walk, *classifier);
  if (!log) return tl::unexpected(log.error());
  phase("history: commit log", log_time);
  const auto warn = [&](model::Warning w) {
    if (hooks.on_warning) hooks.on_warning(w);
    history.warnings.push_back(std::move(w));
  };
  for (auto& w : log->warnings) warn(std::move(w));
  if (log->shallow)
    warn({"", "shallow clone: the history starts at the oldest commit fetched, so ages and counts are too young"});

  auto& info = history.info;
  info.head = to_hex(head->first);
  info.now = options.now.value_or(head->second);
  info.walk = walk_name(log->walk);
  info.renames = options.renames;
  info.shallow = log->shallow;
  const auto& commits = log->commits;
  for (const auto& c : commits) {
    info.commits += c.counted ? 1 : 0;
    info.merges += c.counted && c.merge ? 1 : 0;
    if (c.counted) info.first_commit = info.first_commit == 0 ? c.author_time : std::min(info.first_commit, c.author_time);
  }
  if (hooks.progress) hooks.progress->commits_total = commits.size();

  ChangeOptions change_options;
  change_options.languages = options.languages;
  change_options.renames = options.renames;
  change_options.functions = options.functions;
  change_options.max_blob_bytes = options.max_blob_bytes;
  VersionCache versions(std::size_t{256} << 20);
  change_options.versions = &versions;
  const unsigned threads = std::max(1u, options.threads);
#ifdef __GLIBC__
  // Every version read is a blob-sized buffer allocated and freed at once
  // (zlib's and libgit2's): with glibc's defaults, blocks above 128 KiB are
  // mapped and unmapped each time and the heap is trimmed and regrown, which
  // cost a quarter of the history's time on curl. Larger thresholds keep
  // them in the heap. The settings stay for the rest of the process, which
  // then keeps up to a few hundred MiB of freed heap instead of returning it.
  mallopt(M_MMAP_THRESHOLD, 4 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_TOP_PAD, 64 << 20);
#endif
  // A file's version written by one commit is the old side of the next
  // commit that changes it: libgit2 keeps blobs in its object cache only when
  // told to (by default it caches trees and commits, never blobs).
  git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_BLOB, static_cast<std::size_t>(1) << 20);
  // (Objects are read without re-hashing them: source::ensure_libgit2.)
  std::vector<ChangeReader> readers;
  for (unsigned i = 0; i < threads; ++i) {
    auto reader = ChangeReader::open(options.repository, change_options);
    if (!reader) return tl::unexpected(reader.error());
    readers.push_back(std::move(*reader));
  }

  std::unordered_map<std::string, FileTally> tallies;  // by path, moved along renames of counted commits
  std::unordered_map<std::string, LineAges> ages;      // by path, moved along renames of first-parent commits
  // Blocks of commits: their diffs are read in parallel, then added up in order.
  double diff_wall = 0;
  double tally_wall = 0;
  constexpr std::size_t k_block = 512;
  std::vector<CommitChanges> block(k_block);
  for (std::size_t begin = 0; begin < commits.size(); begin += k_block) {
    const std::size_t end = std::min(commits.size(), begin + k_block);
    const util::Stopwatch diff_clock;
    std::atomic<std::size_t> next{begin};
    // Each worker takes runs of consecutive commits, so that the versions
    // one commit writes are still in its cache when the next one reads them.
    constexpr std::size_t k_run = 16;
    const auto work = [&](unsigned worker) {
      for (std::size_t run = next.fetch_add(k_run); run < end; run = next.fetch_add(k_run)) {
        for (std::size_t i = run; i < std::min(end, run + k_run); ++i) {
          block[i - begin] = readers[worker].read(commits[i]);
          if (hooks.progress) ++hooks.progress->commits_done;
        }
      }
    };
    std::vector<std::thread> pool;
    for (unsigned w = 1; w < threads && w < end - begin; ++w) pool.emplace_back(work, w);
    work(0);
    for (auto& t : pool) t.join();
    diff_wall += diff_clock.seconds();

    const util::Stopwatch tally_clock;
    for (std::size_t i = begin; i < end; ++i) {
      const CommitRecord& commit = commits[i];
      CommitChanges& changes = block[i - begin];
      for (auto& w : changes.warnings) warn(std::move(w));
      for (const FileChange& change : changes.files) {
        if (commit.counted) {
          if (change.kind == ChangeKind::renamed) {
            // The file's past moves with it; a file that lived at the new path before adds to it.
            auto node = tallies.extract(change.old_path);
            auto& target = tallies[change.path];
            if (!node.empty()) {
              target.change.merge(std::move(node.mapped().change));
              target.renames += node.mapped().renames;
              for (auto& [name, t] : node.mapped().functions) target.functions[name].merge(std::move(t));
            }
            ++target.renames;
          }
          auto& tally = tallies[change.path];
          tally.change.add(commit, change.lines_added, change.lines_deleted, info.now);
          tally_functions(tally, change, commit, info.now);
        }
        if (commit.on_chain) {
          if (change.kind == ChangeKind::renamed) {
            auto node = ages.extract(change.old_path);
            ages[change.path] = node.empty() ? LineAges{{}, false} : std::move(node.mapped());
          }
          if (change.kind == ChangeKind::deleted) {
            ages.erase(change.path);
            continue;
          }
          auto& lines = ages[change.path];
          if (change.kind == ChangeKind::added) lines = LineAges{};
          if (change.binary) {
            lines = LineAges{{}, false};
            continue;
          }
          if (!apply_hunks(lines, change.hunks, static_cast<std::uint32_t>(i)))
            warn({change.path, fmt::format("commit {}: its diff does not fit the lines known before; "
                                           "the file's line ages are unknown from here",
                                           to_hex(commit.id))});
        }
      }
      changes = {};
    }
    tally_wall += tally_clock.seconds();
  }
  if (hooks.perf) {
    hooks.perf->push_back({"history: diffs (wall)", diff_wall});
    double diff = 0, hunks = 0, functions = 0, loads = 0;
    for (const auto& r : readers)
      diff += r.diff_seconds, hunks += r.hunk_seconds, functions += r.function_seconds, loads += r.load_seconds;
    hooks.perf->push_back({"  blob reads (cpu)", loads});
    hooks.perf->push_back({"  tree diffs (cpu)", diff});
    hooks.perf->push_back({"  line diffs (cpu)", hunks});
    hooks.perf->push_back({"  functions (cpu)", functions});
    hooks.perf->push_back({"history: tally", tally_wall});
  }
  const util::Stopwatch head_time;

  auto head_files = read_head(options, info.head, history.warnings);
  if (!head_files) return tl::unexpected(head_files.error());
  phase("history: last tree", head_time);
  history.files.reserve(head_files->size());
  for (auto& file : *head_files) {
    model::FileHistory out;
    out.path = file.path;
    FileTally* tally = nullptr;
    if (const auto it = tallies.find(file.path); it != tallies.end()) {
      tally = &it->second;
      out.change = tally->change.finish();
      out.renames = tally->renames;
    }
    const LineAges* line_ages = nullptr;
    if (const auto it = ages.find(file.path); it != ages.end() && it->second.known) {
      if (it->second.commit_of_line.size() == file.lines) {
        line_ages = &it->second;
      } else {
        warn({file.path, fmt::format("line ages hold {} lines where the file has {}; its ages are left out",
                                     it->second.commit_of_line.size(), file.lines)});
      }
    }
    if (line_ages) out.age = summarize_ages(std::span(line_ages->commit_of_line), commits, info.now);
    for (auto& f : file.functions) {
      model::FunctionHistory fh;
      fh.name = std::move(f.name);
      fh.start_line = f.start_line;
      fh.end_line = f.end_line;
      if (tally)
        if (const auto it = tally->functions.find(fh.name); it != tally->functions.end()) {
          Tally copy = it->second;  // same-name functions share one tally
          fh.change = copy.finish();
        }
      if (line_ages && fh.start_line >= 1 && fh.end_line <= file.lines && fh.start_line <= fh.end_line)
        fh.age = summarize_ages(std::span(line_ages->commit_of_line).subspan(fh.start_line - 1, fh.end_line - fh.start_line + 1),
                                commits, info.now);
      out.functions.push_back(std::move(fh));
    }
    history.files.push_back(std::move(out));
  }
  std::sort(history.warnings.begin(), history.warnings.end());
  return history;
}

}  // namespace oxidize::history
