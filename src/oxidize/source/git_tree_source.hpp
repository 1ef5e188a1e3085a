#pragma once
// The files of a commit's tree, read as blobs through libgit2: no checkout,
// no work tree needed, any commit of the history. The tree is listed once;
// workers then read blobs in parallel, each through its own repository
// handle (libgit2 objects must not be shared between threads). Symbolic
// links are counted and not followed; submodules are reported, not entered.
// Each file offers its blob id as its content_id(); a caller reading many
// commits of one history can also leave out folders it already knows by
// their tree id (GitTreeOptions::skip_folder), so that listing a commit costs
// what changed since the last one it read.
#include <array>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "oxidize/source/file_source.hpp"

namespace oxidize::source {

struct GitTreeOptions {
  discover::LanguageMap languages;
  std::size_t max_file_bytes = std::size_t{1} << 30;
  // Asked before each folder is listed, the root first (as ""), with git's
  // id of the folder's tree: true leaves the folder out, with all it holds
  // (its files are not offered, its symlinks and submodules not reported).
  // Called on the thread that opens the source.
  std::function<bool(std::string_view folder, const ContentId& tree_id)> skip_folder;
};

class GitTreeSource final : public FileSource {
 public:
  // `revision`: anything git rev-parse takes to a commit (HEAD, a branch, an id).
  static tl::expected<std::unique_ptr<GitTreeSource>, std::string> open(const std::string& repository,
                                                                         const std::string& revision,
                                                                         GitTreeOptions options);
  static tl::expected<std::unique_ptr<GitTreeSource>, std::string> open(const std::string& repository,
                                                                         const std::string& revision,
                                                                         discover::LanguageMap languages = {},
                                                                         std::size_t max_file_bytes = std::size_t{1} << 30);

  const std::string& commit() const { return commit_; }  // 40 hex digits
  void for_each(unsigned threads, const Visit& visit, Problems& problems) override;

  // A source file of the tree.
  struct Entry {
    std::string path;
    ContentId oid{};
    discover::Language language{};
    discover::Exclusion exclusion{};
    std::string exclusion_root;
  };

 private:
  GitTreeSource() = default;
  std::string repository_;  // the path the repository was opened from
  std::string commit_;
  std::vector<Entry> entries_;
  std::vector<std::string> submodules_;
  std::vector<std::string> symlinks_;
  std::size_t max_file_bytes_ = 0;
};

}  // namespace oxidize::source
