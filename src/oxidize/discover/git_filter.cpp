#include "oxidize/discover/git_filter.hpp"

#include <git2.h>
#include <sys/stat.h>

#include <climits>
#include <cstdlib>

namespace oxidize::discover {

namespace {

std::string git_error_text() {
  const git_error* e = git_error_last();
  return e != nullptr && e->message != nullptr ? e->message : "unknown libgit2 error";
}

struct Libgit2 {
  Libgit2() { git_libgit2_init(); }
  ~Libgit2() { git_libgit2_shutdown(); }
};

std::optional<std::string> real_path(const std::string& path) {
  char buf[PATH_MAX];
  if (::realpath(path.c_str(), buf) == nullptr) return std::nullopt;
  return std::string(buf);
}

}  // namespace

void GitFilter::RepoDeleter::operator()(git_repository* repo) const { git_repository_free(repo); }

GitFilter::GitFilter(GitFilter&&) noexcept = default;
GitFilter& GitFilter::operator=(GitFilter&&) noexcept = default;
GitFilter::~GitFilter() = default;

tl::expected<std::optional<GitFilter>, std::string> GitFilter::open(const std::string& root) {
  static Libgit2 library;
  git_repository* raw = nullptr;
  const int rc = git_repository_open_ext(&raw, root.c_str(), 0, nullptr);
  if (rc == GIT_ENOTFOUND) return std::optional<GitFilter>{};
  if (rc < 0) return tl::unexpected("cannot read the git repository: " + git_error_text());
  GitFilter filter;
  filter.repo_.reset(raw);
  if (git_repository_is_bare(raw)) return std::optional<GitFilter>{};
  const char* workdir = git_repository_workdir(raw);
  if (workdir == nullptr) return std::optional<GitFilter>{};

  const auto real_workdir = real_path(workdir);
  const auto real_root = real_path(root);
  if (!real_workdir || !real_root) return tl::unexpected(std::string("cannot resolve the work tree path"));
  filter.workdir_ = *real_workdir + "/";
  std::string root_dir = *real_root;
  struct stat st {};
  if (::stat(root_dir.c_str(), &st) == 0 && !S_ISDIR(st.st_mode))
    root_dir = root_dir.substr(0, root_dir.rfind('/'));
  if ((root_dir + "/").rfind(filter.workdir_, 0) != 0)
    return std::optional<GitFilter>{};  // e.g. the root is inside .git itself
  filter.prefix_ = (root_dir + "/").substr(filter.workdir_.size());
  if (filter.prefix_.rfind(".git/", 0) == 0) return std::optional<GitFilter>{};

  git_index* index = nullptr;
  if (git_repository_index(&index, raw) < 0)
    return tl::unexpected("cannot read the git index: " + git_error_text());
  const std::size_t count = git_index_entrycount(index);
  filter.tracked_files_.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const git_index_entry* entry = git_index_get_byindex(index, i);
    if (entry == nullptr || entry->path == nullptr) continue;
    std::string path = entry->path;
    if (entry->mode == GIT_FILEMODE_COMMIT) {
      filter.submodules_.insert(path);
    } else {
      filter.tracked_files_.insert(path);
    }
    for (auto slash = path.rfind('/'); slash != std::string::npos; slash = path.rfind('/', slash - 1)) {
      if (!filter.tracked_dirs_.insert(path.substr(0, slash)).second) break;
      if (slash == 0) break;
    }
  }
  git_index_free(index);
  return std::optional<GitFilter>{std::move(filter)};
}

std::string GitFilter::to_workdir(std::string_view rel) const {
  std::string path = prefix_;
  path.append(rel);
  if (!path.empty() && path.back() == '/') path.pop_back();
  return path;
}

bool GitFilter::ignored(const std::string& workdir_rel, bool is_dir) const {
  const std::lock_guard lock(*mutex_);
  int result = 0;
  const std::string query = is_dir ? workdir_rel + "/" : workdir_rel;
  if (git_ignore_path_is_ignored(&result, repo_.get(), query.c_str()) < 0) return false;
  return result == 1;
}

bool GitFilter::include_file(std::string_view rel) const {
  const std::string path = to_workdir(rel);
  if (tracked_files_.count(path) != 0) return true;
  return !ignored(path, false);
}

bool GitFilter::descend_dir(std::string_view rel) const {
  const std::string path = to_workdir(rel);
  if (path.empty()) return true;
  if (submodules_.count(path) != 0) return false;
  if (tracked_dirs_.count(path) != 0) return true;
  if (ignored(path, true)) return false;
  // An untracked directory holding its own repository: git lists it as one
  // entry and never looks inside.
  struct stat st {};
  return ::lstat((workdir_ + path + "/.git").c_str(), &st) != 0;
}

}  // namespace oxidize::discover
