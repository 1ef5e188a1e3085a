#pragma once
// One hazard found in one file: what every output format renders. Built by
// the detectors with rule, place and message; analyze_hazards() then adds the
// function, the source line, the fingerprint and the suppression.
#include <cstdint>
#include <string>

#include "oxidize/hazards/rules.hpp"

namespace oxidize::hazards {

struct Finding {
  RuleId rule = RuleId::count_;
  Confidence confidence = Confidence::medium;
  std::uint32_t line = 0;    // 1-based
  std::uint32_t column = 0;  // 1-based, in Unicode code points (SARIF's default column kind)
  std::string function;      // the enclosing function's qualified name; empty at file scope
  std::string message;       // names the variable or call concerned
  std::string snippet;       // the source line, trimmed, at most k_snippet_bytes (cut at a UTF-8 boundary)
  // Identity across runs: a hash of the rule, the function, the code tokens
  // of the finding's statement and the number of identical earlier findings
  // in the function, so it survives comments, whitespace and lines moving
  // (docs/rules.md, "Fingerprints"; version k_fingerprint_version).
  std::uint64_t fingerprint = 0;
  bool suppressed = false;
  std::string suppression_reason;  // the ignore comment's text after its `]`, may be empty

  const Rule& rule_info() const { return hazards::rule(rule); }
};

inline constexpr std::size_t k_snippet_bytes = 200;

// Raised whenever what goes into a fingerprint changes: a baseline written
// with another version would match nothing. 1: the snippet without
// whitespace; 2: the statement's code tokens.
inline constexpr int k_fingerprint_version = 2;

}  // namespace oxidize::hazards
