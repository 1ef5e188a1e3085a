#pragma once
// What the per-file analysis knows about one file: the unit that later stages
// (functions, hazards, the content-hash cache) extend and that the scan
// aggregates.
#include <cstdint>
#include <string>
#include <vector>

#include "oxidize/discover/language.hpp"
#include "oxidize/hazards/finding.hpp"
#include "oxidize/lex/token.hpp"
#include "oxidize/parse/function_facts.hpp"
#include "oxidize/parse/structure_facts.hpp"

namespace oxidize::model {

struct FileFacts {
  discover::Language language = discover::Language::c;
  lex::LineCounts lines;
  std::uint64_t bytes = 0;
  std::uint64_t hash = 0;  // XXH3-64 of the file's bytes
  bool binary = false;     // a NUL byte in the first block: not counted
  lex::Unterminated unterminated = lex::Unterminated::none;
  std::uint32_t unterminated_line = 0;
  // Why the content marks the file as generated ("DO NOT EDIT"...), or
  // empty; names (foo.pb.cc) are judged by the scope policy, not here.
  std::string generated_why;
  // Function definitions in file order, and structural problems met on the way.
  std::vector<parse::FunctionFacts> functions;
  std::vector<parse::ParseIssue> parse_issues;
  // Hazard findings in (line, column, rule) order, suppressed ones included
  // (marked); empty unless the analysis was asked for them.
  std::vector<hazards::Finding> hazards;
  // Includes, call sites, macros, records and extern data (structure/ builds
  // the graphs from them); empty unless the analysis was asked for them.
  parse::FileStructure structure;
};

}  // namespace oxidize::model
