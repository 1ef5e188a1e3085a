#pragma once
// The files under a root on disk: the parallel walk (discover/walker), with
// git's ignore rules when the root is in a work tree, each file read into its
// worker's reused buffer only when asked.
#include <string>

#include "oxidize/source/file_source.hpp"

namespace oxidize::source {

struct FilesystemOptions {
  bool follow_symlinks = false;
  bool use_gitignore = true;
  std::size_t max_file_bytes = std::size_t{1} << 30;
  discover::LanguageMap languages;
};

class FilesystemSource final : public FileSource {
 public:
  FilesystemSource(std::string root, FilesystemOptions options);
  void for_each(unsigned threads, const Visit& visit, Problems& problems) override;

 private:
  std::string root_;
  FilesystemOptions options_;
};

}  // namespace oxidize::source
