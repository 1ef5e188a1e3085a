#pragma once
// The hazard analysis of one file: a pure function of the file's bytes, the
// code tokens the function parser followed, the functions it found and the
// notes (suppressions, integer macros). Runs in the same single pass over the
// file as the inventory: the lexer feeds the parser, which records tokens;
// the detectors then read those tokens, function by function.
#include <span>
#include <string_view>
#include <vector>

#include "oxidize/discover/language.hpp"
#include "oxidize/hazards/finding.hpp"
#include "oxidize/hazards/project_functions.hpp"
#include "oxidize/hazards/source_notes.hpp"
#include "oxidize/lex/code_tokens.hpp"
#include "oxidize/parse/function_facts.hpp"

namespace oxidize::hazards {

struct HazardInput {
  std::string_view source;
  const lex::CodeTokens& tokens;  // the code tokens the function parser followed
  std::span<const parse::FunctionFacts> functions;
  const SourceNotes& notes;
  discover::Language language;
  // oxidize.toml's `[hazards.functions]`, or null.
  const ProjectFunctions* project_functions = nullptr;
};

// Findings in (line, column, rule) order, with function, snippet,
// fingerprint and suppression filled in.
std::vector<Finding> analyze_hazards(const HazardInput& input);

}  // namespace oxidize::hazards
