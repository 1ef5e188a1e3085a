#pragma once
// The few libgit2 facts the pipeline needs besides ignore rules: the work
// tree a path is in and its HEAD (recorded in each snapshot, and where the
// store lives), and resolving a revision to a commit (the git tree source).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <tl/expected.hpp>

struct git_repository;

namespace oxidize::source {

// Initialises libgit2 once per process (thread-safe).
void ensure_libgit2();
// The message of libgit2's last error on this thread.
std::string git_error_text();

struct WorkTree {
  std::string workdir;  // absolute, without a trailing '/'
  std::string head;     // HEAD's commit id (40 hex digits), empty in a repository without commits
};

// The work tree containing `path`, or nullopt outside any (or in a bare or
// broken repository: those are the ignore filter's to report).
std::optional<WorkTree> find_work_tree(const std::string& path);

// RAII for a git_repository*.
struct RepositoryDeleter {
  void operator()(git_repository* repo) const;
};
using Repository = std::unique_ptr<git_repository, RepositoryDeleter>;

tl::expected<Repository, std::string> open_repository(const std::string& path);

// The size of a blob from its object header, without inflating the blob: a
// blob of hundreds of megabytes is refused by size before it is read. nullopt
// when the header cannot be read (a missing object).
std::optional<std::uint64_t> blob_size(git_repository* repo, const unsigned char (&id)[20]);

}  // namespace oxidize::source
