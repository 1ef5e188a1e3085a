#pragma once
// The parallel directory walk. Worker threads share one stack of tasks (a
// directory to list, or a batch of files from one listed directory) and hand
// each source file to a callback on the same thread, so that discovery,
// reading and lexing overlap and no file list is ever materialised. Output
// order is restored later by sorting (see scan/), which keeps results
// byte-identical whatever the thread count.
//
// Symlinks are not followed unless asked; when they are, every directory is
// entered at most once (by device and inode), so loops end. FIFOs, sockets
// and devices are never opened. Problems are reported through the Problems
// interface and the walk goes on.
#include <dirent.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "oxidize/discover/exclusion.hpp"
#include "oxidize/discover/git_filter.hpp"
#include "oxidize/discover/language.hpp"
#include "oxidize/discover/skip.hpp"

namespace oxidize::discover {


class Problems {
 public:
  virtual ~Problems() = default;
  // `warn` false: counted, no warning line (e.g. symlinks not followed).
  virtual void skipped(Skip why, std::string_view path, std::string_view detail, bool warn) = 0;
};

// An open directory, shared by the file batches listed from it.
class Directory {
 public:
  Directory(DIR* dir, std::string rel, Exclusion exclusion, std::string exclusion_root);
  ~Directory();
  Directory(const Directory&) = delete;
  Directory& operator=(const Directory&) = delete;

  int fd() const;
  const std::string& rel() const { return rel_; }  // "" for the root
  Exclusion exclusion() const { return exclusion_; }
  // The vendored directory (relative to the root) this one is inside, if any.
  const std::string& exclusion_root() const { return exclusion_root_; }

 private:
  DIR* dir_;
  std::string rel_;
  Exclusion exclusion_;
  std::string exclusion_root_;
};

struct FoundFile {
  const Directory& dir;
  std::string_view name;    // entry name inside dir
  std::string rel_path;     // relative to the scanned root ("a/b.c")
  Language language;        // from the name (".h" still ambiguous)
  Exclusion exclusion;      // vendored by a directory; generated is decided later
};

struct WalkOptions {
  unsigned threads = 1;
  bool follow_symlinks = false;
  LanguageMap languages;
};

// Called on the worker thread that reached the file; `worker` < threads.
using FileCallback = std::function<void(unsigned worker, const FoundFile& file)>;

// Walks `root` (a directory, or a single file). `filter` may be null (no
// ignore rules). Returns when every reachable file has been handed out.
void walk(const std::string& root, const WalkOptions& options, const GitFilter* filter,
          const FileCallback& on_file, Problems& problems);

}  // namespace oxidize::discover
