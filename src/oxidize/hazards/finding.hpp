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
  // Identity across runs: a hash of the rule, the function, the snippet with
  // whitespace removed and the number of identical earlier findings in the
  // file, so it survives lines moving above it (docs/rules.md, "Fingerprints").
  std::uint64_t fingerprint = 0;
  bool suppressed = false;
  std::string suppression_reason;  // text after `oxidize:ignore[...]`, may be empty

  const Rule& rule_info() const { return hazards::rule(rule); }
};

inline constexpr std::size_t k_snippet_bytes = 200;

}  // namespace oxidize::hazards
