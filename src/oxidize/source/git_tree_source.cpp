#include "oxidize/source/git_tree_source.hpp"

#include <git2.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <thread>

#include "oxidize/source/git_repository.hpp"
#include "oxidize/source/path_rules.hpp"

namespace oxidize::source {

namespace {

struct ObjectDeleter {
  void operator()(git_object* o) const { git_object_free(o); }
  void operator()(git_tree* t) const { git_tree_free(t); }
  void operator()(git_blob* b) const { git_blob_free(b); }
  void operator()(git_commit* c) const { git_commit_free(c); }
};

struct Listing {
  const GitTreeOptions* options;
  std::vector<GitTreeSource::Entry>* entries;
  std::vector<std::string>* submodules;
  std::vector<std::string>* symlinks;
};

bool skip(const GitTreeOptions& options, std::string_view folder, const git_oid* id) {
  if (!options.skip_folder) return false;
  ContentId tree_id;
  std::memcpy(tree_id.data(), id->id, tree_id.size());
  return options.skip_folder(folder, tree_id);
}

int list_entry(const char* root, const git_tree_entry* entry, void* payload) {
  auto& listing = *static_cast<Listing*>(payload);
  const char* name = git_tree_entry_name(entry);
  std::string path = std::string(root) + name;
  const git_filemode_t mode = git_tree_entry_filemode(entry);
  if (mode == GIT_FILEMODE_TREE) {
    // VCS folders are never entered (the walk's rule): return 1 skips the subtree.
    const std::string_view dir(name);
    if (dir == ".git" || dir == ".hg" || dir == ".svn" || dir == ".bzr") return 1;
    return skip(*listing.options, path, git_tree_entry_id(entry)) ? 1 : 0;
  }
  if (mode == GIT_FILEMODE_COMMIT) {
    listing.submodules->push_back(std::move(path));
    return 0;
  }
  const auto facts = classify_path(path, listing.options->languages);
  if (!facts) return 0;
  if (mode == GIT_FILEMODE_LINK) {
    listing.symlinks->push_back(std::move(path));
    return 0;
  }
  GitTreeSource::Entry e;
  e.path = std::move(path);
  std::memcpy(e.oid.data(), git_tree_entry_id(entry)->id, e.oid.size());
  e.language = facts->language;
  e.exclusion = facts->exclusion;
  e.exclusion_root = facts->exclusion_root;
  listing.entries->push_back(std::move(e));
  return 0;
}

// A blob of the tree, read when asked into memory libgit2 owns.
class BlobFile final : public SourceFile {
 public:
  BlobFile(git_repository* repo, const GitTreeSource::Entry& entry, std::size_t max_bytes)
      : repo_(repo), entry_(entry), max_bytes_(max_bytes) {
    rel_path = entry.path;
    const auto slash = entry.path.rfind('/');
    name = slash == std::string::npos ? std::string_view(entry.path) : std::string_view(entry.path).substr(slash + 1);
    language = entry.language;
    exclusion = entry.exclusion;
    exclusion_root = entry.exclusion_root;
  }
  std::optional<util::FileStamp> stamp() const override { return std::nullopt; }
  tl::expected<std::string_view, util::ReadFailure> read() override {
    git_oid oid;
    std::memcpy(oid.id, entry_.oid.data(), entry_.oid.size());
    if (const auto size = blob_size(repo_, oid.id); size && *size > max_bytes_)
      return tl::unexpected(util::ReadFailure{util::ReadError::too_large, "larger than the size limit"});
    git_blob* raw = nullptr;
    if (git_blob_lookup(&raw, repo_, &oid) != 0)
      return tl::unexpected(util::ReadFailure{util::ReadError::io, "cannot read blob: " + git_error_text()});
    blob_.reset(raw);
    const auto size = static_cast<std::size_t>(git_blob_rawsize(raw));
    if (size > max_bytes_) return tl::unexpected(util::ReadFailure{util::ReadError::too_large, "larger than the size limit"});
    return std::string_view(static_cast<const char*>(git_blob_rawcontent(raw)), size);
  }
  std::optional<util::FileStamp> read_stamp() const override { return std::nullopt; }
  std::optional<ContentId> content_id() const override { return entry_.oid; }

 private:
  git_repository* repo_;
  const GitTreeSource::Entry& entry_;
  std::size_t max_bytes_;
  std::unique_ptr<git_blob, ObjectDeleter> blob_;
};

}  // namespace

tl::expected<std::unique_ptr<GitTreeSource>, std::string> GitTreeSource::open(const std::string& repository,
                                                                                const std::string& revision,
                                                                                discover::LanguageMap languages,
                                                                                std::size_t max_file_bytes) {
  GitTreeOptions options;
  options.languages = std::move(languages);
  options.max_file_bytes = max_file_bytes;
  return open(repository, revision, std::move(options));
}

tl::expected<std::unique_ptr<GitTreeSource>, std::string> GitTreeSource::open(const std::string& repository,
                                                                                const std::string& revision,
                                                                                GitTreeOptions options) {
  auto repo = open_repository(repository);
  if (!repo) return tl::unexpected(repo.error());
  git_object* raw = nullptr;
  if (git_revparse_single(&raw, repo->get(), revision.c_str()) != 0)
    return tl::unexpected(repository + ": unknown revision '" + revision + "' (" + git_error_text() + ")");
  std::unique_ptr<git_object, ObjectDeleter> object(raw);
  git_object* peeled = nullptr;
  if (git_object_peel(&peeled, object.get(), GIT_OBJECT_COMMIT) != 0)
    return tl::unexpected(repository + ": '" + revision + "' is not a commit (" + git_error_text() + ")");
  std::unique_ptr<git_commit, ObjectDeleter> commit(reinterpret_cast<git_commit*>(peeled));
  git_tree* tree_raw = nullptr;
  if (git_commit_tree(&tree_raw, commit.get()) != 0)
    return tl::unexpected(repository + ": cannot read the tree of '" + revision + "' (" + git_error_text() + ")");
  std::unique_ptr<git_tree, ObjectDeleter> tree(tree_raw);

  std::unique_ptr<GitTreeSource> source(new GitTreeSource());
  source->repository_ = repository;
  source->max_file_bytes_ = options.max_file_bytes;
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, git_commit_id(commit.get()));
  source->commit_ = hex;
  if (skip(options, "", git_tree_id(tree.get()))) return source;
  Listing listing{&options, &source->entries_, &source->submodules_, &source->symlinks_};
  if (git_tree_walk(tree.get(), GIT_TREEWALK_PRE, list_entry, &listing) != 0)
    return tl::unexpected(repository + ": cannot list the tree of '" + revision + "' (" + git_error_text() + ")");
  return source;
}

void GitTreeSource::for_each(unsigned threads, const Visit& visit, Problems& problems) {
  for (const auto& path : symlinks_) problems.skipped(discover::Skip::symlink, path, "symbolic link not followed", false);
  for (const auto& path : submodules_) problems.warn(path, "submodule: reported, not entered");
  // Blobs are read on `threads` workers, each with its own repository handle.
  std::atomic<std::size_t> next{0};
  const auto work = [&](unsigned worker) {
    auto repo = open_repository(repository_);
    if (!repo) {
      problems.warn("", repo.error());
      return;
    }
    for (std::size_t i = next++; i < entries_.size(); i = next++) {
      BlobFile file(repo->get(), entries_[i], max_file_bytes_);
      visit(worker, file);
    }
  };
  const unsigned n = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(entries_.size())));
  std::vector<std::thread> pool;
  for (unsigned w = 1; w < n; ++w) pool.emplace_back(work, w);
  work(0);
  for (auto& t : pool) t.join();
}

}  // namespace oxidize::source
