#include "oxidize/source/path_rules.hpp"

namespace oxidize::source {

std::optional<PathFacts> classify_path(std::string_view rel_path, const discover::LanguageMap& languages) {
  const auto slash = rel_path.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? rel_path : rel_path.substr(slash + 1);
  const auto language = languages.for_file_name(name);
  if (!language) return std::nullopt;
  PathFacts facts{*language, discover::Exclusion::none, {}};
  std::size_t begin = 0;
  while (slash != std::string_view::npos && begin < slash) {
    const std::size_t end = rel_path.find('/', begin);
    const std::string_view dir = rel_path.substr(begin, end - begin);
    // The walk's rule (discover/walker.cpp): VCS metadata is never read.
    if (dir == ".git" || dir == ".hg" || dir == ".svn" || dir == ".bzr") return std::nullopt;
    if (facts.exclusion == discover::Exclusion::none && discover::is_vendored_dir_name(dir)) {
      facts.exclusion = discover::Exclusion::vendored;
      facts.exclusion_root = std::string(rel_path.substr(0, end));
    }
    begin = end + 1;
  }
  return facts;
}

}  // namespace oxidize::source
