#include "oxidize/source/git_repository.hpp"

#include <git2.h>

#include <memory>

namespace oxidize::source {

void ensure_libgit2() {
  // Never shut down: objects may outlive any scope we could pick, and the
  // process ends soon after the last use anyway.
  static const int once = [] {
    const int count = git_libgit2_init();
    // libgit2 hashes every object it reads again to check its id (SHA-1
    // with collision detection): a fifth of reading a history's blobs. git
    // itself does not (zlib and the pack's checks catch damage; fsck
    // checks ids), and neither do we.
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    return count;
  }();
  (void)once;
}

std::string git_error_text() {
  const git_error* e = git_error_last();
  return e != nullptr && e->message != nullptr ? std::string(e->message) : std::string("unknown libgit2 error");
}

void RepositoryDeleter::operator()(git_repository* repo) const { git_repository_free(repo); }

tl::expected<Repository, std::string> open_repository(const std::string& path) {
  ensure_libgit2();
  git_repository* raw = nullptr;
  if (git_repository_open_ext(&raw, path.c_str(), 0, nullptr) != 0)
    return tl::unexpected(path + ": not a git repository (" + git_error_text() + ")");
  return Repository(raw);
}

std::optional<WorkTree> find_work_tree(const std::string& path) {
  ensure_libgit2();
  git_repository* raw = nullptr;
  if (git_repository_open_ext(&raw, path.c_str(), 0, nullptr) != 0) return std::nullopt;
  const Repository repo(raw);
  const char* workdir = git_repository_workdir(raw);
  if (workdir == nullptr) return std::nullopt;
  WorkTree tree;
  tree.workdir = workdir;
  while (tree.workdir.size() > 1 && tree.workdir.back() == '/') tree.workdir.pop_back();
  git_oid oid;
  if (git_reference_name_to_id(&oid, raw, "HEAD") == 0) {
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, &oid);
    tree.head = hex;
  }
  return tree;
}

}  // namespace oxidize::source
