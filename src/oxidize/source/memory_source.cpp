#include "oxidize/source/memory_source.hpp"

#include "oxidize/source/path_rules.hpp"

namespace oxidize::source {

namespace {

class MemoryFile final : public SourceFile {
 public:
  explicit MemoryFile(std::string_view bytes) : bytes_(bytes) {}
  std::optional<util::FileStamp> stamp() const override { return std::nullopt; }
  tl::expected<std::string_view, util::ReadFailure> read() override { return bytes_; }
  std::optional<util::FileStamp> read_stamp() const override { return std::nullopt; }

 private:
  std::string_view bytes_;
};

}  // namespace

MemorySource::MemorySource(std::map<std::string, std::string> files, discover::LanguageMap languages)
    : files_(std::move(files)), languages_(std::move(languages)) {}

void MemorySource::for_each(unsigned /*threads*/, const Visit& visit, Problems& /*problems*/) {
  for (const auto& [path, bytes] : files_) {
    const auto facts = classify_path(path, languages_);
    if (!facts) continue;
    MemoryFile file(bytes);
    file.rel_path = path;
    const auto slash = path.rfind('/');
    file.name = slash == std::string::npos ? std::string_view(path) : std::string_view(path).substr(slash + 1);
    file.language = facts->language;
    file.exclusion = facts->exclusion;
    file.exclusion_root = facts->exclusion_root;
    visit(0, file);
  }
}

}  // namespace oxidize::source
