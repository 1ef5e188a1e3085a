// The first pass: one FileSource per root.
#include <sys/stat.h>

#include "oxidize/pipeline/pass.hpp"
#include "oxidize/source/filesystem_source.hpp"
#include "oxidize/source/git_tree_source.hpp"

namespace oxidize::pipeline {

namespace {

// What a root contributes to each path: nothing when it is the only root,
// "ROOT/" when several are scanned, so that paths stay distinct.
std::string root_prefix(const std::string& root, std::size_t root_count) {
  if (root_count == 1) return {};
  std::string prefix = root;
  while (prefix.size() > 1 && prefix.back() == '/') prefix.pop_back();
  struct stat st {};
  if (::stat(root.c_str(), &st) == 0 && !S_ISDIR(st.st_mode)) {
    // A file root: its path already ends with the name the walk reports.
    const auto slash = prefix.rfind('/');
    return slash == std::string::npos ? std::string() : prefix.substr(0, slash + 1);
  }
  return prefix + "/";
}

}  // namespace

PassResult open_sources(Context& context) {
  const ScanOptions& o = context.options;
  if (!o.revision.empty()) {
    if (o.roots.size() != 1) return tl::unexpected(std::string("a revision is read from one repository: give one path"));
    auto git = source::GitTreeSource::open(o.roots.front(), o.revision, o.languages, o.max_file_bytes);
    if (!git) return tl::unexpected(git.error());
    context.snapshot.info.source = "git";
    context.snapshot.info.commit = (*git)->commit();
    context.sources.push_back({o.roots.front(), "", std::move(*git)});
    return {};
  }
  for (const auto& root : o.roots) {
    source::FilesystemOptions fs;
    fs.follow_symlinks = o.follow_symlinks;
    fs.use_gitignore = o.use_gitignore;
    fs.max_file_bytes = o.max_file_bytes;
    fs.languages = o.languages;
    context.sources.push_back(
        {root, root_prefix(root, o.roots.size()), std::make_unique<source::FilesystemSource>(root, std::move(fs))});
  }
  return {};
}

}  // namespace oxidize::pipeline
