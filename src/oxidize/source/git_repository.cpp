#include "oxidize/source/git_repository.hpp"

#include <git2.h>
#include <sys/stat.h>

#include <cstring>
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

namespace {

// A path that is itself a git directory (HEAD, objects/ and refs/ in it): a
// bare clone or mirror. libgit2 opens one without `core.bare = true` in its
// config (mirrors made by copying, some tools' caches) as a repository whose
// work tree is the parent folder, and then reads .mailmap and oxidize.toml
// from that folder instead of from HEAD; git treats it as bare.
bool is_git_directory(const std::string& path) {
  struct stat st {};
  const auto has = [&](const char* name, bool dir) {
    return ::stat((path + "/" + name).c_str(), &st) == 0 && (dir ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode));
  };
  return has("HEAD", false) && has("objects", true) && has("refs", true);
}

}  // namespace

tl::expected<Repository, std::string> open_repository(const std::string& path) {
  ensure_libgit2();
  git_repository* raw = nullptr;
  if (is_git_directory(path) && git_repository_open_bare(&raw, path.c_str()) == 0) return Repository(raw);
  if (git_repository_open_ext(&raw, path.c_str(), 0, nullptr) != 0)
    return tl::unexpected(path + ": not a git repository (" + git_error_text() + ")");
  return Repository(raw);
}

std::optional<std::uint64_t> blob_size(git_repository* repo, const unsigned char (&id)[20]) {
  git_odb* odb = nullptr;
  if (git_repository_odb(&odb, repo) != 0) return std::nullopt;
  git_oid oid;
  std::memcpy(oid.id, id, sizeof oid.id);
  std::size_t size = 0;
  git_object_t type = GIT_OBJECT_INVALID;
  const int rc = git_odb_read_header(&size, &type, odb, &oid);
  git_odb_free(odb);
  if (rc != 0) return std::nullopt;
  return static_cast<std::uint64_t>(size);
}

std::optional<WorkTree> find_work_tree(const std::string& path) {
  ensure_libgit2();
  if (is_git_directory(path)) return std::nullopt;  // a bare repository has no work tree
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
