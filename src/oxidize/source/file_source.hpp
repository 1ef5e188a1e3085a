#pragma once
// Where the files of a scan come from. The pipeline's analysis pass asks a
// source to hand out its files, on as many worker threads as it likes, and
// reads each one only when it needs its bytes (a file whose stamp matches the
// cache is never read). Three sources exist:
//   - FilesystemSource: the parallel directory walk of a root on disk;
//   - GitTreeSource: the tree of a commit, read as blobs through libgit2,
//     with no checkout (what the history issue analyses past trees with);
//   - MemorySource: files held in memory, for tests and fuzzing.
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "oxidize/discover/exclusion.hpp"
#include "oxidize/discover/language.hpp"
#include "oxidize/discover/walker.hpp"
#include "oxidize/util/file_reader.hpp"

namespace oxidize::source {

// A name for a file's bytes that a source knows without reading them: git's
// object id of a blob (SHA-1). Equal ids mean equal bytes.
using ContentId = std::array<unsigned char, 20>;

// One file offered by a source, valid during the visit call only.
class SourceFile {
 public:
  virtual ~SourceFile() = default;
  std::string_view rel_path;            // relative to the source's root, '/'-separated
  std::string_view name;                // the last component
  discover::Language language{};        // from the name (".h" still ambiguous)
  discover::Exclusion exclusion{};      // vendored by a directory; generated is decided later
  std::string_view exclusion_root;      // the vendored directory, relative to the root

  // What the source knows of the file without reading it: the filesystem's
  // stat, or nullopt where there is nothing of the kind (git, memory).
  virtual std::optional<util::FileStamp> stamp() const = 0;
  // The bytes, valid until this worker's next read.
  virtual tl::expected<std::string_view, util::ReadFailure> read() = 0;
  // The stamp of what read() returned (for the next scan's cache), if any.
  virtual std::optional<util::FileStamp> read_stamp() const = 0;
  // The id of the bytes, when the source names them without reading (git
  // blobs; nullopt on disk and in memory). A caller that meets the same id
  // again, at another path or in another commit, may reuse what it learnt
  // instead of reading: `oxidize history` analyses each blob of a history once.
  virtual std::optional<ContentId> content_id() const { return std::nullopt; }
};

// Problems met by a source: counted per reason, a warning line for most.
// (skipped() comes from the walk's interface.)
class Problems : public discover::Problems {
 public:
  virtual void warn(std::string_view path, std::string message) = 0;
};

// Called on the worker thread that has the file; `worker` < the thread count.
using Visit = std::function<void(unsigned worker, SourceFile& file)>;

class FileSource {
 public:
  virtual ~FileSource() = default;
  // Hands out every file of the source; returns when all were visited.
  // Worker indices are below `threads`.
  virtual void for_each(unsigned threads, const Visit& visit, Problems& problems) = 0;
};

}  // namespace oxidize::source
