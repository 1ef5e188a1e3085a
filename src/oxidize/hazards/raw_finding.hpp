#pragma once
// What a detector reports: the rule, how sure it is, the token the finding
// points at and a message. analyze_hazards() turns these into Findings
// (line, column, function, snippet, fingerprint, suppression).
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "oxidize/hazards/project_functions.hpp"
#include "oxidize/hazards/rules.hpp"
#include "oxidize/hazards/source_notes.hpp"
#include "oxidize/hazards/token_view.hpp"
#include "oxidize/parse/function_facts.hpp"

namespace oxidize::hazards {

struct RawFinding {
  RuleId rule;
  Confidence confidence;
  std::size_t token;  // index into the TokenView
  std::string message;
};

using RawFindings = std::vector<RawFinding>;

// C and C++: library calls and the data flow inside each function body
// (c_flow*.cpp); `cpp` turns on the C++-only rules that need the flow
// (pointer arithmetic on a pointer to a single object); `project` (or null)
// says which of the project's functions behave as library ones.
void find_c_hazards(const TokenView& view, const SourceNotes& notes, std::span<const parse::FunctionFacts> functions,
                    bool cpp, const ProjectFunctions* project, RawFindings& out);
// C++ constructs: new/delete, named and C-style casts (cpp_constructs.cpp).
void find_cpp_hazards(const TokenView& view, RawFindings& out);
// Rust's unsafe inventory (rust_unsafe.cpp).
void find_rust_hazards(const TokenView& view, RawFindings& out);

}  // namespace oxidize::hazards
