#pragma once
// What the directory walk decides from names, decided from a whole path for
// the sources that have paths but no directories to walk (git trees, memory):
// the language from the file name, version-control folders never entered,
// and vendored code under a vendored directory name.
#include <optional>
#include <string>
#include <string_view>

#include "oxidize/discover/exclusion.hpp"
#include "oxidize/discover/language.hpp"

namespace oxidize::source {

struct PathFacts {
  discover::Language language;
  discover::Exclusion exclusion = discover::Exclusion::none;
  std::string exclusion_root;  // the vendored directory, e.g. "third_party"
};

// nullopt: not a source file, or under a folder the walk never enters.
std::optional<PathFacts> classify_path(std::string_view rel_path, const discover::LanguageMap& languages);

}  // namespace oxidize::source
