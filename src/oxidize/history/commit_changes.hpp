#pragma once
// What one commit changed in the source files: per file, the zero-context
// hunks of its diff against the first parent (each hunk is exactly the lines
// deleted and the lines added, so their sums are git's --numstat), renames
// when asked, and the functions of the new version that the hunks fall into.
// One ChangeReader per worker thread: it owns its repository handle (libgit2
// objects are not shared between threads) and its analyser.
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "oxidize/analyze/analyze_file.hpp"
#include "oxidize/discover/language.hpp"
#include "oxidize/history/commit_log.hpp"
#include "oxidize/source/git_repository.hpp"

namespace oxidize::history {

struct Hunk {
  std::uint32_t old_start = 0;  // as in "@@ -old_start,old_lines +new_start,new_lines @@"
  std::uint32_t old_lines = 0;
  std::uint32_t new_start = 0;
  std::uint32_t new_lines = 0;
};

// A function of a file's new version: where the hunks are mapped to.
struct FunctionSpan {
  std::string name;
  std::uint32_t start_line = 0;
  std::uint32_t end_line = 0;
};

enum class ChangeKind : std::uint8_t { added, deleted, modified, renamed };

struct FileChange {
  ChangeKind kind = ChangeKind::modified;
  std::string old_path;  // differs from path only for a rename
  std::string path;
  bool binary = false;   // no line counts (git's "-  -")
  std::uint32_t lines_added = 0;
  std::uint32_t lines_deleted = 0;
  std::vector<Hunk> hunks;  // in file order
  std::vector<FunctionSpan> functions;  // of the new version; filled when asked and the language has functions
};

struct CommitChanges {
  std::vector<FileChange> files;
  std::vector<model::Warning> warnings;
};

// The zero-context hunks turning `old_bytes` into `new_bytes` (both text),
// appended to `change` with its line counts: git's line diff (libgit2's
// xdiff, indent heuristic) run on the lines between the versions' common
// first and last lines only. False (nothing added) when the diff fails.
bool diff_lines(std::string_view old_bytes, std::string_view new_bytes, FileChange& change);

// The last version of each file that a worker read, shared by all workers:
// the version one commit writes is the old side of the next commit that
// changes the file, and taking it from here instead of inflating it again
// from the pack saves a third of the blob reads. Bounded: past the budget
// the cache starts over.
class VersionCache {
 public:
  explicit VersionCache(std::size_t budget_bytes) : budget_(budget_bytes) {}
  std::shared_ptr<const std::string> find(const std::string& path, const ObjectId& id);
  void keep(const std::string& path, const ObjectId& id, std::string_view bytes);

 private:
  struct Entry {
    ObjectId id{};
    std::shared_ptr<const std::string> bytes;
  };
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::size_t bytes_ = 0;
  std::size_t budget_;
};

struct ChangeOptions {
  discover::LanguageMap languages;
  bool renames = true;
  bool functions = true;
  // Blobs above this size count as binary (no line counts, no functions): a
  // generated or vendored giant must not stall the walk.
  std::uint64_t max_blob_bytes = std::uint64_t{16} << 20;
  VersionCache* versions = nullptr;  // shared by the readers; none: every version is read from git
};

class ChangeReader {
 public:
  static tl::expected<ChangeReader, std::string> open(const std::string& repository, const ChangeOptions& options);
  // The changes `commit` made to source files, against its first parent (the
  // empty tree for a root commit). Never fails: what cannot be read is a warning.
  CommitChanges read(const CommitRecord& commit);

  // Seconds spent so far in each part (for --perf).
  double diff_seconds = 0;       // the tree diff and rename detection
  double load_seconds = 0;       // reading the blobs of the files changed
  double hunk_seconds = 0;       // the line diffs of the files changed (reading included)
  double function_seconds = 0;   // reading and parsing new versions for their functions

 private:
  ChangeReader(source::Repository repo, const ChangeOptions& options);
  source::Repository repo_;
  const ChangeOptions* options_;
  analyze::Analyzer analyzer_;
};

}  // namespace oxidize::history
