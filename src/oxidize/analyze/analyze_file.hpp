#pragma once
// The per-file analysis: a pure function from (path, bytes) to file facts.
// No I/O, no shared state: that is what lets the scan run it on every core,
// cache it by content hash and fuzz it directly.
#include <string_view>

#include "oxidize/model/file_facts.hpp"
#include "oxidize/discover/language.hpp"

namespace oxidize::analyze {

using model::FileFacts;

// A NUL byte within the first k_binary_probe bytes marks a binary file (the
// rule git and ripgrep use).
inline constexpr std::size_t k_binary_probe = 8192;

struct AnalyzeOptions {
  bool functions = true;  // find function definitions (off: inventory only)
  bool hazards = false;   // find memory-safety hazards (runs the function parser too)
};

// `language` is what the file name said; an ambiguous ".h" may come back as
// a C++ header. `file_name` is the last path component, for the name-based
// generated-code rules.
model::FileFacts analyze_file(std::string_view file_name, std::string_view bytes,
                       discover::Language language, const AnalyzeOptions& options = {});

}  // namespace oxidize::analyze
