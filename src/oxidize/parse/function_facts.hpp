#pragma once
// What the function parsers report for each function definition. Metric
// definitions (what counts as a decision, how nesting is measured) are in
// docs/functions.md; they follow pmccabe and lizard where those agree.
#include <cstdint>
#include <string>
#include <vector>

namespace oxidize::parse {

struct FunctionFacts {
  std::string name;              // qualified: ns::Class::method, Type::method (Rust impl)
  std::uint32_t start_line = 0;  // line of the function's name
  std::uint32_t end_line = 0;    // line of the closing brace
  std::uint32_t body_begin = 0;  // byte offsets of the body's `{` and `}`: where
  std::uint32_t body_end = 0;    // the hazard analysis finds the body's tokens
  std::uint32_t nloc = 0;        // lines from name to closing brace holding code
  std::uint32_t ccn = 1;         // McCabe: 1 + decisions
  std::uint32_t ccn_modified = 1;  // a whole switch/match counts once
  std::uint32_t params = 0;
  std::uint32_t max_nesting = 0;  // deepest block nesting inside the body
  std::uint32_t tokens = 0;       // tokens from name to closing brace
  bool is_unsafe = false;         // Rust: `unsafe fn`
  std::uint32_t unsafe_blocks = 0;  // Rust: `unsafe { ... }` blocks inside
};

// A structural problem found while parsing (unbalanced braces, too deep),
// reported as one warning naming the line; the rest of the file is still analysed.
struct ParseIssue {
  std::uint32_t line = 0;
  std::string message;
};

struct FunctionResult {
  std::vector<FunctionFacts> functions;
  std::vector<ParseIssue> issues;
};

}  // namespace oxidize::parse
