#include "oxidize/source/filesystem_source.hpp"

#include <memory>
#include <optional>
#include <vector>

#include "oxidize/discover/git_filter.hpp"

namespace oxidize::source {

namespace {

// A file found by the walk: stat'ed only when asked, read into the worker's buffer.
class DiskFile final : public SourceFile {
 public:
  DiskFile(const discover::FoundFile& found, util::FileReader& reader, bool follow_symlinks)
      : found_(found), reader_(reader), follow_symlinks_(follow_symlinks), name_(found.name) {
    rel_path = found.rel_path;
    name = found.name;
    language = found.language;
    exclusion = found.exclusion;
    if (found.exclusion == discover::Exclusion::vendored) exclusion_root = found.dir.exclusion_root();
  }
  std::optional<util::FileStamp> stamp() const override {
    return util::stamp_at(found_.dir.fd(), name_.c_str(), follow_symlinks_);
  }
  tl::expected<std::string_view, util::ReadFailure> read() override {
    auto bytes = reader_.read(found_.dir.fd(), name_.c_str(), follow_symlinks_);
    read_ok_ = bytes.has_value();
    return bytes;
  }
  std::optional<util::FileStamp> read_stamp() const override {
    if (!read_ok_) return std::nullopt;
    return reader_.last_stamp();
  }

 private:
  const discover::FoundFile& found_;
  util::FileReader& reader_;
  bool follow_symlinks_;
  std::string name_;  // NUL-terminated for openat
  bool read_ok_ = false;
};

}  // namespace

FilesystemSource::FilesystemSource(std::string root, FilesystemOptions options)
    : root_(std::move(root)), options_(std::move(options)) {}

void FilesystemSource::for_each(unsigned threads, const Visit& visit, Problems& problems) {
  std::optional<discover::GitFilter> filter;
  if (options_.use_gitignore) {
    auto opened = discover::GitFilter::open(root_);
    if (opened) filter = std::move(*opened);
    else problems.warn("", opened.error() + "; scanning without .gitignore rules");
  }
  discover::WalkOptions walk_options;
  walk_options.threads = std::max(1u, threads);
  walk_options.follow_symlinks = options_.follow_symlinks;
  walk_options.languages = options_.languages;

  // One reused read buffer per worker (see util/file_reader.hpp).
  std::vector<std::unique_ptr<util::FileReader>> readers;
  for (unsigned i = 0; i < walk_options.threads; ++i)
    readers.push_back(std::make_unique<util::FileReader>(options_.max_file_bytes));

  const discover::FileCallback on_file = [&](unsigned worker, const discover::FoundFile& found) {
    DiskFile file(found, *readers[worker], options_.follow_symlinks);
    visit(worker, file);
  };
  discover::walk(root_, walk_options, filter ? &*filter : nullptr, on_file, problems);
}

}  // namespace oxidize::source
