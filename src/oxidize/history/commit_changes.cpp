#include "oxidize/history/commit_changes.hpp"

#include <git2.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <unordered_map>

#include <fmt/format.h>

#include "oxidize/analyze/analyze_file.hpp"
#include "oxidize/source/path_rules.hpp"
#include "oxidize/util/stopwatch.hpp"

namespace oxidize::history {

namespace {

struct Deleter {
  void operator()(git_commit* c) const { git_commit_free(c); }
  void operator()(git_tree* t) const { git_tree_free(t); }
  void operator()(git_diff* d) const { git_diff_free(d); }
  void operator()(git_blob* b) const { git_blob_free(b); }
};
using TreePtr = std::unique_ptr<git_tree, Deleter>;
using BlobPtr = std::unique_ptr<git_blob, Deleter>;

// One side of a changed source file, found by the tree diff.
struct Side {
  std::string path;
  git_oid id{};
  git_filemode_t mode{};
};

struct TreeChange {
  std::optional<Side> old_side;
  std::optional<Side> new_side;
};

bool is_file(git_filemode_t mode) { return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE; }

// The two trees compared entry by entry, descending only into subtrees whose
// ids differ: a commit that touches three files costs three paths of the
// tree, not the whole tree (libgit2's general diff walks every entry, which
// took most of the history's time on curl). Only regular files whose names
// make them source files are reported; symbolic links and submodules are not
// source (the tree source skips them too).
class TreeDiff {
 public:
  TreeDiff(git_repository* repo, const discover::LanguageMap& languages, std::vector<TreeChange>& out,
           std::vector<std::string>& problems)
      : repo_(repo), languages_(languages), out_(out), problems_(problems) {}

  void compare(const git_tree* old_tree, const git_tree* new_tree, const std::string& prefix) {
    // Entries are found by name with libgit2's binary search over the sorted
    // entries: no map to build for trees of hundreds of entries that are
    // mostly unchanged.
    const std::size_t new_count = new_tree ? git_tree_entrycount(new_tree) : 0;
    for (std::size_t i = 0; i < new_count; ++i) {
      const git_tree_entry* n = git_tree_entry_byindex(new_tree, i);
      const git_tree_entry* o = old_tree ? git_tree_entry_byname(old_tree, git_tree_entry_name(n)) : nullptr;
      if (o && git_oid_equal(git_tree_entry_id(o), git_tree_entry_id(n)) &&
          git_tree_entry_filemode(o) == git_tree_entry_filemode(n))
        continue;  // the same subtree or file: nothing below changed
      entry_pair(o, n, prefix);
    }
    const std::size_t old_count = old_tree ? git_tree_entrycount(old_tree) : 0;
    for (std::size_t i = 0; i < old_count; ++i) {
      const git_tree_entry* o = git_tree_entry_byindex(old_tree, i);
      if (!new_tree || !git_tree_entry_byname(new_tree, git_tree_entry_name(o))) entry_pair(o, nullptr, prefix);
    }
  }

 private:
  void entry_pair(const git_tree_entry* o, const git_tree_entry* n, const std::string& prefix) {
    const git_tree_entry* any = n ? n : o;
    const std::string path = prefix + git_tree_entry_name(any);
    const bool o_tree = o && git_tree_entry_filemode(o) == GIT_FILEMODE_TREE;
    const bool n_tree = n && git_tree_entry_filemode(n) == GIT_FILEMODE_TREE;
    if (o_tree || n_tree) {
      const std::string_view name = git_tree_entry_name(any);
      if (name == ".git" || name == ".hg" || name == ".svn" || name == ".bzr") return;
      const TreePtr old_sub = o_tree ? lookup(o) : nullptr;
      const TreePtr new_sub = n_tree ? lookup(n) : nullptr;
      if ((o_tree && !old_sub) || (n_tree && !new_sub)) return;  // reported by lookup
      compare(old_sub.get(), new_sub.get(), path + "/");
    }
    const bool o_file = o && is_file(git_tree_entry_filemode(o));
    const bool n_file = n && is_file(git_tree_entry_filemode(n));
    if (!o_file && !n_file) return;
    if (!source::classify_path(path, languages_)) return;
    TreeChange change;
    if (o_file) change.old_side = Side{path, *git_tree_entry_id(o), git_tree_entry_filemode(o)};
    if (n_file) change.new_side = Side{path, *git_tree_entry_id(n), git_tree_entry_filemode(n)};
    out_.push_back(std::move(change));
  }

  TreePtr lookup(const git_tree_entry* entry) {
    git_tree* raw = nullptr;
    if (git_tree_lookup(&raw, repo_, git_tree_entry_id(entry)) != 0) {
      problems_.push_back(fmt::format("unreadable tree {}", git_tree_entry_name(entry)));
      return nullptr;
    }
    return TreePtr(raw);
  }

  git_repository* repo_;
  const discover::LanguageMap& languages_;
  std::vector<TreeChange>& out_;
  std::vector<std::string>& problems_;
};

// Deleted and added paths of one commit paired as renames: first the same
// content under another name, then what git's similarity detection (libgit2's,
// 50% by default, as `git log -M`) pairs among the rest.
void pair_renames(git_repository* repo, const git_tree* old_tree, const git_tree* new_tree,
                  std::vector<TreeChange>& changes) {
  std::vector<std::size_t> added, deleted;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    if (!changes[i].old_side) added.push_back(i);
    if (!changes[i].new_side) deleted.push_back(i);
  }
  if (added.empty() || deleted.empty()) return;
  const auto join = [&](std::size_t from, std::size_t to) {
    changes[to].old_side = std::move(changes[from].old_side);
    changes[from].old_side.reset();  // marks the deletion as used
  };
  // Exact renames.
  for (std::size_t a : added) {
    for (std::size_t d : deleted) {
      if (changes[d].old_side && git_oid_equal(&changes[d].old_side->id, &changes[a].new_side->id)) {
        join(d, a);
        break;
      }
    }
  }
  std::vector<std::string> paths;
  std::vector<std::size_t> open_added;
  for (std::size_t a : added)
    if (!changes[a].old_side) open_added.push_back(a), paths.push_back(changes[a].new_side->path);
  bool open_deleted = false;
  for (std::size_t d : deleted)
    if (changes[d].old_side) open_deleted = true, paths.push_back(changes[d].old_side->path);
  if (!open_deleted || open_added.empty()) {
    std::erase_if(changes, [](const TreeChange& c) { return !c.old_side && !c.new_side; });
    return;
  }
  // Similar content: libgit2's detection, on just these paths.
  std::vector<char*> spec;
  for (auto& p : paths) spec.push_back(p.data());
  git_diff_options opts;
  git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
  opts.flags = GIT_DIFF_DISABLE_PATHSPEC_MATCH;
  opts.pathspec = {spec.data(), spec.size()};
  git_diff* raw = nullptr;
  if (git_diff_tree_to_tree(&raw, repo, const_cast<git_tree*>(old_tree), const_cast<git_tree*>(new_tree), &opts) == 0) {
    const std::unique_ptr<git_diff, Deleter> diff(raw);
    git_diff_find_options find;
    git_diff_find_options_init(&find, GIT_DIFF_FIND_OPTIONS_VERSION);
    find.flags = GIT_DIFF_FIND_RENAMES;
    find.rename_limit = 1000;  // git's default
    if (git_diff_find_similar(diff.get(), &find) == 0) {
      std::unordered_map<std::string_view, std::size_t> by_new, by_old;
      for (std::size_t a : open_added) by_new.emplace(changes[a].new_side->path, a);
      for (std::size_t d : deleted)
        if (changes[d].old_side) by_old.emplace(changes[d].old_side->path, d);
      for (std::size_t i = 0; i < git_diff_num_deltas(diff.get()); ++i) {
        const git_diff_delta* delta = git_diff_get_delta(diff.get(), i);
        if (delta->status != GIT_DELTA_RENAMED) continue;
        const auto a = by_new.find(delta->new_file.path);
        const auto d = by_old.find(delta->old_file.path);
        if (a == by_new.end() || d == by_old.end() || !changes[d->second].old_side) continue;
        join(d->second, a->second);
      }
    }
  }
  std::erase_if(changes, [](const TreeChange& c) { return !c.old_side && !c.new_side; });
}

void add_hunk(FileChange& change, const Hunk& h) {
  change.hunks.push_back(h);
  change.lines_added += h.new_lines;
  change.lines_deleted += h.old_lines;
}

int on_hunk(const git_diff_delta*, const git_diff_hunk* hunk, void* payload) {
  add_hunk(*static_cast<FileChange*>(payload),
           {static_cast<std::uint32_t>(hunk->old_start), static_cast<std::uint32_t>(hunk->old_lines),
            static_cast<std::uint32_t>(hunk->new_start), static_cast<std::uint32_t>(hunk->new_lines)});
  return 0;
}

int on_binary(const git_diff_delta*, const git_diff_binary*, void* payload) {
  static_cast<FileChange*>(payload)->binary = true;
  return 0;
}

std::uint32_t git_line_count(std::string_view bytes) {
  const auto newlines = static_cast<std::uint32_t>(std::count(bytes.begin(), bytes.end(), '\n'));
  return newlines + (!bytes.empty() && bytes.back() != '\n' ? 1 : 0);
}

// git's rule: a NUL byte in the first 8000 bytes makes a blob binary.
bool looks_binary(std::string_view bytes) {
  return std::memchr(bytes.data(), 0, std::min<std::size_t>(bytes.size(), 8000)) != nullptr;
}

// The lines two versions share at their start and at their end, found by
// comparing bytes: the line diff then runs on the middle only. xdiff trims
// these too, but only after splitting and hashing every line of both
// versions, which for a one-line change to a 5,000-line file was nearly all
// of the history's diff time. Both cuts fall on line starts, so the middle
// holds whole lines and the hunks only move by the prefix's line count.
struct Trim {
  std::size_t prefix_bytes = 0;
  std::uint32_t prefix_lines = 0;
  std::size_t old_suffix_at = 0;  // where the common suffix starts in each version
  std::size_t new_suffix_at = 0;
};

Trim common_ends(std::string_view a, std::string_view b) {
  Trim t;
  const std::size_t limit = std::min(a.size(), b.size());
  const auto mismatch = std::mismatch(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(limit), b.begin());
  std::size_t p = static_cast<std::size_t>(mismatch.first - a.begin());
  // Back to the start of the line the first difference is in.
  while (p > 0 && a[p - 1] != '\n') --p;
  t.prefix_bytes = p;
  t.prefix_lines = static_cast<std::uint32_t>(std::count(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(p), '\n'));
  // The common suffix, not reaching into the prefix of either version, cut
  // back until it starts a line in both (the prefix's end is a line start).
  std::size_t s = 0;
  const std::size_t room = std::min(a.size(), b.size()) - p;
  while (s < room && a[a.size() - 1 - s] == b[b.size() - 1 - s]) ++s;
  const auto line_start = [p](std::string_view v, std::size_t at) { return at == p || v[at - 1] == '\n'; };
  while (s > 0 && !(line_start(a, a.size() - s) && line_start(b, b.size() - s))) --s;
  t.old_suffix_at = a.size() - s;
  t.new_suffix_at = b.size() - s;
  return t;
}

}  // namespace

bool diff_lines(std::string_view old_bytes, std::string_view new_bytes, FileChange& change) {
  source::ensure_libgit2();  // libgit2's allocator, for callers that opened no repository (the fuzzer)
  git_diff_options opts;
  git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
  opts.context_lines = 0;  // hunks hold changed lines only: their sums are the numstat
  opts.interhunk_lines = 0;
  opts.flags = GIT_DIFF_INDENT_HEURISTIC;  // git's default placement of ambiguous hunks
  const Trim trim = common_ends(old_bytes, new_bytes);
  const std::string_view old_mid = old_bytes.substr(trim.prefix_bytes, trim.old_suffix_at - trim.prefix_bytes);
  const std::string_view new_mid = new_bytes.substr(trim.prefix_bytes, trim.new_suffix_at - trim.prefix_bytes);
  const std::size_t first = change.hunks.size();
  if (git_diff_buffers(old_mid.data(), old_mid.size(), nullptr, new_mid.data(), new_mid.size(), nullptr, &opts,
                       nullptr, on_binary, on_hunk, nullptr, &change) != 0) {
    change.hunks.resize(first);
    change.lines_added = change.lines_deleted = 0;
    return false;
  }
  for (std::size_t i = first; i < change.hunks.size(); ++i) {
    change.hunks[i].old_start += trim.prefix_lines;
    change.hunks[i].new_start += trim.prefix_lines;
  }
  return true;
}

std::shared_ptr<const std::string> VersionCache::find(const std::string& path, const ObjectId& id) {
  const std::lock_guard lock(mutex_);
  const auto it = entries_.find(path);
  if (it == entries_.end() || it->second.id != id) return nullptr;
  return it->second.bytes;
}

void VersionCache::keep(const std::string& path, const ObjectId& id, std::string_view bytes) {
  if (bytes.size() > budget_ / 16) return;  // one giant must not push out everything else
  auto copy = std::make_shared<const std::string>(bytes);
  const std::lock_guard lock(mutex_);
  if (bytes_ + bytes.size() > budget_) {
    entries_.clear();
    bytes_ = 0;
  }
  auto& entry = entries_[path];
  if (entry.bytes) bytes_ -= entry.bytes->size();
  entry = {id, std::move(copy)};
  bytes_ += bytes.size();
}

ChangeReader::ChangeReader(source::Repository repo, const ChangeOptions& options)
    : repo_(std::move(repo)), options_(&options), analyzer_(analyze::AnalyzeOptions{true, false}) {}

tl::expected<ChangeReader, std::string> ChangeReader::open(const std::string& repository, const ChangeOptions& options) {
  auto repo = source::open_repository(repository);
  if (!repo) return tl::unexpected(repo.error());
  return ChangeReader(std::move(*repo), options);
}

CommitChanges ChangeReader::read(const CommitRecord& record) {
  CommitChanges out;
  const auto warn = [&](std::string path, std::string what) {
    out.warnings.push_back(
        {std::move(path), fmt::format("commit {}: {} ({})", to_hex(record.id), what, source::git_error_text())});
  };
  git_oid oid;
  std::memcpy(oid.id, record.id.data(), record.id.size());
  git_commit* commit_raw = nullptr;
  if (git_commit_lookup(&commit_raw, repo_.get(), &oid) != 0) {
    warn("", "unreadable commit, its changes are left out");
    return out;
  }
  const std::unique_ptr<git_commit, Deleter> commit(commit_raw);
  git_tree* tree_raw = nullptr;
  if (git_commit_tree(&tree_raw, commit.get()) != 0) {
    warn("", "unreadable tree, its changes are left out");
    return out;
  }
  const TreePtr tree(tree_raw);
  TreePtr parent_tree;
  if (git_commit_parentcount(commit.get()) > 0) {
    git_commit* parent_raw = nullptr;
    if (git_commit_parent(&parent_raw, commit.get(), 0) == 0) {
      const std::unique_ptr<git_commit, Deleter> parent(parent_raw);
      git_tree* ptree = nullptr;
      if (git_commit_tree(&ptree, parent.get()) != 0) {
        warn("", "unreadable parent tree, its changes are left out");
        return out;
      }
      parent_tree.reset(ptree);
    }
    // An unreadable parent is where the history starts (the commit log said
    // so once): the commit is compared with the empty tree, as a root is.
  }

  const util::Stopwatch diff_time;
  std::vector<TreeChange> changes;
  std::vector<std::string> problems;
  TreeDiff(repo_.get(), options_->languages, changes, problems).compare(parent_tree.get(), tree.get(), "");
  for (auto& p : problems) warn("", p + ", the files below it are left out");
  if (options_->renames) pair_renames(repo_.get(), parent_tree.get(), tree.get(), changes);
  std::sort(changes.begin(), changes.end(), [](const TreeChange& a, const TreeChange& b) {
    return (a.new_side ? a.new_side->path : a.old_side->path) < (b.new_side ? b.new_side->path : b.old_side->path);
  });
  diff_seconds += diff_time.seconds();

  for (auto& tc : changes) {
    FileChange change;
    change.kind = !tc.old_side ? ChangeKind::added
                  : !tc.new_side ? ChangeKind::deleted
                  : tc.old_side->path != tc.new_side->path ? ChangeKind::renamed
                                                            : ChangeKind::modified;
    change.old_path = tc.old_side ? tc.old_side->path : tc.new_side->path;
    change.path = tc.new_side ? tc.new_side->path : tc.old_side->path;
    const util::Stopwatch hunk_time;
    BlobPtr old_blob, new_blob;
    std::shared_ptr<const std::string> old_kept;
    std::string_view old_bytes, new_bytes;
    const auto load = [&](const Side& side, BlobPtr& blob, std::string_view& bytes) {
      ObjectId id;
      std::memcpy(id.data(), side.id.id, id.size());
      if (&blob == &old_blob && options_->versions) {
        if ((old_kept = options_->versions->find(side.path, id))) {
          bytes = *old_kept;
          return !looks_binary(bytes);
        }
      }
      // Refused by size first: a giant blob is never inflated.
      if (const auto size = source::blob_size(repo_.get(), side.id.id); size && *size > options_->max_blob_bytes)
        return false;
      git_blob* raw = nullptr;
      if (git_blob_lookup(&raw, repo_.get(), &side.id) != 0) {
        warn(side.path, "unreadable blob, counted without its lines");
        return false;
      }
      blob.reset(raw);
      const auto size = static_cast<std::uint64_t>(git_blob_rawsize(raw));
      if (size > options_->max_blob_bytes) return false;  // too large: as binary
      bytes = std::string_view(static_cast<const char*>(git_blob_rawcontent(raw)), size);
      if (&blob == &new_blob && options_->versions) options_->versions->keep(side.path, id, bytes);
      return !looks_binary(bytes);
    };
    bool text = true;
    const util::Stopwatch load_time;
    const bool same_content = tc.old_side && tc.new_side && git_oid_equal(&tc.old_side->id, &tc.new_side->id);
    if (!same_content) {
      if (tc.old_side) text = load(*tc.old_side, old_blob, old_bytes) && text;
      if (tc.new_side) text = load(*tc.new_side, new_blob, new_bytes) && text;
    }
    load_seconds += load_time.seconds();
    if (!text) {
      change.binary = true;
    } else if (same_content) {
      // A pure rename or a mode change: no lines.
    } else if (!tc.old_side) {
      if (const auto n = git_line_count(new_bytes); n > 0) add_hunk(change, {0, 0, 1, n});
    } else if (!tc.new_side) {
      if (const auto n = git_line_count(old_bytes); n > 0) add_hunk(change, {1, n, 0, 0});
    } else if (!diff_lines(old_bytes, new_bytes, change)) {
      warn(change.path, "cannot diff, counted without its lines");
    }
    hunk_seconds += hunk_time.seconds();
    if (options_->functions && record.counted && change.kind != ChangeKind::deleted && !change.binary &&
        !change.hunks.empty()) {
      const util::Stopwatch function_time;
      const auto facts = source::classify_path(change.path, options_->languages);
      const auto slash = change.path.rfind('/');
      const std::string_view name = slash == std::string::npos ? std::string_view(change.path)
                                                               : std::string_view(change.path).substr(slash + 1);
      auto analysed = analyzer_.analyze(name, new_bytes, facts->language);
      change.functions.reserve(analysed.functions.size());
      for (auto& f : analysed.functions) change.functions.push_back({std::move(f.name), f.start_line, f.end_line});
      function_seconds += function_time.seconds();
    }
    out.files.push_back(std::move(change));
  }
  return out;
}

}  // namespace oxidize::history
