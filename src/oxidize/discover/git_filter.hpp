#pragma once
// .gitignore handling, with git's own meaning: inside a git work tree, a file
// is scanned when `git ls-files --cached --others --exclude-standard` would
// list it: tracked files always, untracked files unless .gitignore,
// .git/info/exclude or the global excludes file (core.excludesFile, else
// $XDG_CONFIG_HOME/git/ignore) ignores them. Outside a work tree no ignore
// file applies (the kernel's source package ships a .gitignore that ignores
// everything). Rules are evaluated by libgit2, so they match git's.
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include <tl/expected.hpp>

struct git_repository;

namespace oxidize::discover {

class GitFilter {
 public:
  // The filter for the work tree containing `root` (a directory or file), or
  // nullopt when `root` is in no work tree. An error means a repository was
  // found but could not be read (a broken .git): the caller warns and scans
  // without ignore rules.
  static tl::expected<std::optional<GitFilter>, std::string> open(const std::string& root);

  GitFilter(GitFilter&&) noexcept;
  GitFilter& operator=(GitFilter&&) noexcept;
  ~GitFilter();

  // Paths are relative to the scanned root, '/'-separated, without a trailing slash.
  bool include_file(std::string_view rel) const;
  // False for an ignored directory with nothing tracked below it, for a
  // submodule, and for an untracked nested repository (git lists neither's
  // contents).
  bool descend_dir(std::string_view rel) const;

  const std::string& workdir() const { return workdir_; }

 private:
  GitFilter() = default;
  std::string to_workdir(std::string_view rel) const;
  bool ignored(const std::string& workdir_rel, bool is_dir) const;

  struct RepoDeleter {
    void operator()(git_repository* repo) const;
  };
  std::unique_ptr<git_repository, RepoDeleter> repo_;
  std::string workdir_;        // absolute, with a trailing '/'
  std::string prefix_;         // the scanned root relative to workdir_, "" or "sub/dir/"
  std::unordered_set<std::string> tracked_files_;
  std::unordered_set<std::string> tracked_dirs_;
  std::unordered_set<std::string> submodules_;
  // libgit2 objects are not safe for concurrent use; ignore queries are rare
  // (only for untracked paths), so one lock is enough.
  std::unique_ptr<std::mutex> mutex_ = std::make_unique<std::mutex>();
};

}  // namespace oxidize::discover
