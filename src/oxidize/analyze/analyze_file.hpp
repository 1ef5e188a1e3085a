#pragma once
// The per-file analysis: a pure function from (name, bytes) to file facts.
// No I/O and no state shared between calls: that is what lets the pipeline
// run it on every core, cache it by content hash and fuzz it directly.
//
// One lexer pass feeds the extractors a file needs, declared per file by
// Extractors::for_file: the function parser, the C/C++ dialect of an
// ambiguous `.h`, the hazard notes (the detectors then read the tokens
// the parser recorded), and the structure extractor (includes, call sites).
#include <string_view>
#include <vector>

#include "oxidize/discover/language.hpp"
#include "oxidize/hazards/project_functions.hpp"
#include "oxidize/lex/code_tokens.hpp"
#include "oxidize/lex/token.hpp"
#include "oxidize/model/file_facts.hpp"

namespace oxidize::analyze {

using model::FileFacts;

// A NUL byte within the first k_binary_probe bytes marks a binary file (the
// rule git and ripgrep use).
inline constexpr std::size_t k_binary_probe = 8192;

struct AnalyzeOptions {
  bool functions = true;  // find function definitions (off: inventory only)
  bool hazards = false;   // find memory-safety hazards (runs the function parser too)
  bool structure = false;  // includes, call sites, signatures (runs the function parser too)
  // oxidize.toml's `[hazards.functions]` (owned by the caller), or null.
  const hazards::ProjectFunctions* project_functions = nullptr;
};

// What rides on the lexer pass for one file.
struct Extractors {
  bool functions = false;       // function definitions and metrics (parse/)
  bool header_dialect = false;  // decides C or C++ for an ambiguous .h
  bool hazards = false;         // token recording and source notes, then hazards/
  bool structure = false;       // includes, calls, records (parse/structure_extractor), then signatures
  const hazards::ProjectFunctions* project_functions = nullptr;  // what the hazard detectors are told
  static Extractors for_file(const AnalyzeOptions& options, discover::Language language,
                             std::string_view file_name);
};

// Analyses files one after another, reusing its buffers (one per worker).
class Analyzer {
 public:
  explicit Analyzer(AnalyzeOptions options) : options_(options) {}
  // `language` is what the file name said; an ambiguous ".h" may come back
  // as a C++ header. `file_name` is the last path component.
  FileFacts analyze(std::string_view file_name, std::string_view bytes, discover::Language language);

 private:
  static constexpr std::size_t k_kept_tokens = std::size_t{1} << 22;  // 32 MiB of them
  AnalyzeOptions options_;
  lex::CodeTokens tokens_;  // the code tokens the hazard detectors read
};

// One file, with a fresh Analyzer (tests, fuzzers).
FileFacts analyze_file(std::string_view file_name, std::string_view bytes, discover::Language language,
                       const AnalyzeOptions& options = {});

}  // namespace oxidize::analyze
