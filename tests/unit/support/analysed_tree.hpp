#pragma once
// A snapshot built in memory the way the scan builds it: each file analysed
// with functions and the structure extractor on (and the hazards when asked),
// files in path order. For the tests of structure/ (components, graphs,
// interface) and risk/.
#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "oxidize/analyze/analyze_file.hpp"
#include "oxidize/model/snapshot.hpp"

namespace oxidize::test {

inline discover::Language language_of(std::string_view path) {
  if (path.ends_with(".h")) return discover::Language::c_header;
  if (path.ends_with(".rs")) return discover::Language::rust;
  if (path.ends_with(".cpp")) return discover::Language::cpp;
  return discover::Language::c;
}

inline model::Snapshot analysed_tree(std::vector<std::pair<std::string, std::string>> files, bool hazards = false) {
  std::sort(files.begin(), files.end());
  model::Snapshot s;
  for (auto& [path, code] : files) {
    model::FileRecord r;
    r.path = path;
    r.facts = analyze::analyze_file(path.substr(path.rfind('/') + 1), code, language_of(path),
                                    {.functions = true, .hazards = hazards, .structure = true});
    s.files.push_back(std::move(r));
  }
  return s;
}

}  // namespace oxidize::test
