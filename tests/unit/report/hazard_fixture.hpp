#pragma once
// A scan result with hand-built findings for the hazard report tests: plain
// ones, a suppressed one, a low-confidence one, excluded files, and a file
// whose name, function, message and source line hold quotes, backslashes,
// control characters and invalid UTF-8.
#include <string>

#include "oxidize/hazards/finding.hpp"
#include "oxidize/pipeline/scan.hpp"

namespace oxidize::test {

inline hazards::Finding finding(hazards::RuleId rule, std::uint32_t line, std::uint32_t column, std::string function,
                                std::string message, std::string snippet, std::uint64_t fingerprint,
                                hazards::Confidence confidence = hazards::Confidence::high) {
  hazards::Finding f;
  f.rule = rule;
  f.confidence = confidence;
  f.line = line;
  f.column = column;
  f.function = std::move(function);
  f.message = std::move(message);
  f.snippet = std::move(snippet);
  f.fingerprint = fingerprint;
  return f;
}

inline const std::string k_hostile_path = "dir/q\"u,o\\te\x1b[31m\t\r\xff.c";

inline model::Snapshot hazard_scan() {
  using hazards::Confidence;
  using hazards::RuleId;
  model::Snapshot scan;
  scan.info.roots = {"tree"};

  model::FileRecord hostile;
  hostile.path = k_hostile_path;
  hostile.facts.hazards.push_back(finding(RuleId::gets_call, 3, 5, "f\xff\x1b[2J::g",
                                          "gets into 'b\x1b]0;evil\x07' of any length",
                                          "gets(b\x1b[2J\"\\\t\r\xff);", 0x0123456789abcdefULL));
  scan.files.push_back(std::move(hostile));

  model::FileRecord a;
  a.path = "src/a.c";
  a.facts.hazards.push_back(finding(RuleId::strcpy_unbounded, 5, 3, "copy", "strcpy into 'dst'",
                                    "strcpy(dst, src);", 0x1111, Confidence::medium));
  a.facts.hazards.push_back(finding(RuleId::strn_error_prone, 7, 3, "copy", "strncpy into 'dst'",
                                    "strncpy(dst, src, n);", 0x2222, Confidence::low));
  a.facts.hazards.push_back(finding(RuleId::gets_call, 12, 3, "main", "gets into 'buf'", "gets(buf);", 0x3333));
  auto suppressed = finding(RuleId::strcpy_unbounded, 20, 3, "main", "strcpy into 'out'", "strcpy(out, \"x\");",
                            0x4444, Confidence::medium);
  suppressed.suppressed = true;
  suppressed.suppression_reason = "literal fits";
  a.facts.hazards.push_back(suppressed);
  scan.files.push_back(std::move(a));

  model::FileRecord clean;
  clean.path = "src/b.c";
  scan.files.push_back(std::move(clean));

  model::FileRecord excluded;
  excluded.path = "tests/t.c";
  excluded.hazards_excluded = true;
  excluded.facts.hazards.push_back(finding(RuleId::gets_call, 1, 1, "t", "gets", "gets(x);", 0x5555));
  scan.files.push_back(std::move(excluded));

  model::FileRecord vendored;
  vendored.path = "third_party/z.c";
  vendored.exclusion = discover::Exclusion::vendored;
  vendored.facts.hazards.push_back(finding(RuleId::sprintf_unbounded, 1, 1, "z", "sprintf", "sprintf(b, f);", 0x6666));
  scan.files.push_back(std::move(vendored));
  return scan;
}

}  // namespace oxidize::test
