#pragma once
// The hazard fixtures under tests/golden/hazards/ (and the known bugs under
// tests/bugs/hazards/) state what the detectors must find, inline, on the line
// a finding points at:
//
//   // EXPECT: OXI-C0001             a finding of that rule at medium or high confidence
//   // EXPECT: OXI-C0014=low         ... at exactly that confidence (low, medium or high)
//   // EXPECT: OXI-C0001 OXI-C0009   several rules on one line
//   // EXPECT: none                  no finding at all there, not even a low-confidence one
//   // EXPECT-SUPPRESSED: OXI-C0004 reason text
//                                    a finding silenced by `oxidize:ignore[...]`, whose
//                                    reason is exactly the text (which may be empty)
//
// A line may hold several markers; each runs to the next `// EXPECT` or the
// end of the line. The rules:
//  - a line without `EXPECT:` has no unsuppressed finding at medium or high
//    confidence: the fixed variants prove the rules stay quiet at the default
//    --min-confidence (low-confidence findings are allowed there, as they are
//    hidden by default; `EXPECT: none` forbids them too);
//  - on a line with `EXPECT:`, the medium and high findings are exactly the
//    rules listed without `=low`, and every listed rule is found (at the
//    confidence given, if one is);
//  - every suppressed finding is announced by `EXPECT-SUPPRESSED` with its
//    reason, and every `EXPECT-SUPPRESSED` is found.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "oxidize/analyze/analyze_file.hpp"
#include "oxidize/hazards/rules.hpp"

namespace oxidize::test {

namespace golden_fs = std::filesystem;

inline std::string read_file_bytes(const golden_fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A path under the source tree.
inline golden_fs::path source_path(const char* relative) { return golden_fs::path(OXIDIZE_SOURCE_DIR) / relative; }

// The fixtures of one folder under the source tree, sorted by name.
inline std::vector<golden_fs::path> hazard_fixtures(const char* folder) {
  std::vector<golden_fs::path> out;
  const golden_fs::path dir = source_path(folder);
  if (!golden_fs::is_directory(dir)) return out;
  for (const auto& e : golden_fs::directory_iterator(dir))
    if (e.is_regular_file()) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

// analyze_file with functions and hazards, the language from the file name.
inline std::optional<model::FileFacts> analyze_fixture(const golden_fs::path& path, const std::string& text) {
  const discover::LanguageMap languages;
  const auto language = languages.for_file_name(path.filename().string());
  if (!language) return std::nullopt;
  return analyze::analyze_file(path.filename().string(), text, *language, {.functions = true, .hazards = true});
}

struct LineExpectation {
  bool has_expect = false;  // an `EXPECT:` marker (not only EXPECT-SUPPRESSED)
  bool none = false;        // `EXPECT: none`
  // rule id -> required confidence (empty: medium or high)
  std::map<std::string, std::string> rules;
  // rule id -> reason
  std::multimap<std::string, std::string> suppressed;
  std::vector<std::string> errors;  // malformed markers
};

inline std::string trim_copy(std::string s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

// line -> what it expects
inline std::map<std::uint32_t, LineExpectation> hazard_expectations(const std::string& text) {
  static const std::string k_marker = "// EXPECT";
  std::map<std::uint32_t, LineExpectation> out;
  std::istringstream lines(text);
  std::string line;
  std::uint32_t number = 0;
  while (std::getline(lines, line)) {
    ++number;
    std::size_t at = line.find(k_marker);
    while (at != std::string::npos) {
      const std::size_t next = line.find(k_marker, at + k_marker.size());
      std::string segment = line.substr(at + k_marker.size(), next == std::string::npos ? std::string::npos
                                                                                         : next - at - k_marker.size());
      LineExpectation& e = out[number];
      if (segment.starts_with(":")) {
        e.has_expect = true;
        std::istringstream words(segment.substr(1));
        std::string word;
        while (words >> word) {
          if (word == "none") {
            e.none = true;
            continue;
          }
          const auto eq = word.find('=');
          const std::string id = word.substr(0, eq);
          const std::string confidence = eq == std::string::npos ? "" : word.substr(eq + 1);
          if (hazards::find_rule(id) == nullptr) e.errors.push_back("unknown rule " + id);
          if (!confidence.empty() && !hazards::confidence_from_name(confidence))
            e.errors.push_back("unknown confidence " + confidence);
          e.rules[id] = confidence;
        }
        if (e.none && !e.rules.empty()) e.errors.push_back("`none` together with rules");
        if (!e.none && e.rules.empty()) e.errors.push_back("EXPECT: without a rule");
      } else if (segment.starts_with("-SUPPRESSED:")) {
        const std::string rest = trim_copy(segment.substr(12));
        const auto space = rest.find(' ');
        const std::string id = rest.substr(0, space);
        if (hazards::find_rule(id) == nullptr) e.errors.push_back("unknown rule " + id);
        e.suppressed.emplace(id, space == std::string::npos ? "" : trim_copy(rest.substr(space + 1)));
      } else {
        e.errors.push_back("malformed marker: " + trim_copy(k_marker + segment));
      }
      at = next;
    }
  }
  return out;
}

inline std::string describe(const hazards::Finding& f) {
  return std::string(f.rule_info().id) + "=" + std::string(hazards::confidence_name(f.confidence));
}

inline std::string describe_all(const std::vector<const hazards::Finding*>& fs) {
  if (fs.empty()) return "nothing";
  std::string s;
  for (const auto* f : fs) {
    if (!s.empty()) s += ", ";
    s += describe(*f);
  }
  return s;
}

// Every disagreement between a fixture and the detectors, one line each
// ("file:line: ..."), with what was found and the source line.
inline std::vector<std::string> check_hazard_fixture(const golden_fs::path& path) {
  const std::string text = read_file_bytes(path);
  const std::string where = path.filename().string() + ":";
  const auto facts = analyze_fixture(path, text);
  if (!facts) return {where + " not a source file"};
  auto expected = hazard_expectations(text);
  std::vector<std::string> source_lines;
  {
    std::istringstream in(text);
    std::string l;
    while (std::getline(in, l)) source_lines.push_back(trim_copy(l));
  }
  const auto source = [&](std::uint32_t line) {
    std::string s = line >= 1 && line <= source_lines.size() ? source_lines[line - 1] : "";
    if (const auto c = s.find("// EXPECT"); c != std::string::npos) s = trim_copy(s.substr(0, c));
    return "    | " + s;
  };
  std::map<std::uint32_t, std::vector<const hazards::Finding*>> found;
  for (const auto& f : facts->hazards) found[f.line].push_back(&f);
  std::set<std::uint32_t> lines;
  for (const auto& [line, e] : expected) lines.insert(line);
  for (const auto& [line, fs] : found) lines.insert(line);

  std::vector<std::string> problems;
  for (const std::uint32_t line : lines) {
    const std::string at = where + std::to_string(line) + ": ";
    const LineExpectation none_expected;
    const auto it = expected.find(line);
    const LineExpectation& e = it == expected.end() ? none_expected : it->second;
    for (const auto& error : e.errors) problems.push_back(at + error);
    std::vector<const hazards::Finding*> active;
    std::vector<const hazards::Finding*> suppressed;
    for (const auto* f : found[line]) (f->suppressed ? suppressed : active).push_back(f);

    // Suppressed findings: exactly those announced, with their reasons.
    auto announced = e.suppressed;
    for (const auto* f : suppressed) {
      const std::string id(f->rule_info().id);
      auto range = announced.equal_range(id);
      auto match = std::find_if(range.first, range.second,
                                [&](const auto& kv) { return kv.second == f->suppression_reason; });
      if (match != range.second) {
        announced.erase(match);
      } else {
        problems.push_back(at + "unexpected suppressed " + describe(*f) + " (reason \"" + f->suppression_reason +
                           "\": " + f->message + ")\n" + source(line));
      }
    }
    for (const auto& [id, reason] : announced)
      problems.push_back(at + "missing suppressed " + id + " with reason \"" + reason + "\"; found suppressed: " +
                         describe_all(suppressed) + "\n" + source(line));

    if (e.none) {
      if (!active.empty())
        problems.push_back(at + "expected no finding at all, found " + describe_all(active) + " (" +
                           active.front()->message + ")\n" + source(line));
      continue;
    }
    for (const auto& [id, confidence] : e.rules) {
      bool ok = false;
      for (const auto* f : active) {
        if (f->rule_info().id != id) continue;
        const std::string got(hazards::confidence_name(f->confidence));
        if (confidence.empty() ? f->confidence != hazards::Confidence::low : got == confidence) ok = true;
      }
      if (!ok)
        problems.push_back(at + "missing " + id + (confidence.empty() ? " (medium or high)" : "=" + confidence) +
                           "; found " + describe_all(active) + "\n" + source(line));
    }
    for (const auto* f : active) {
      if (f->confidence == hazards::Confidence::low) continue;
      const std::string id(f->rule_info().id);
      const auto want = e.rules.find(id);
      if (want == e.rules.end() || want->second == "low")
        problems.push_back(at + "unexpected " + describe(*f) + ": " + f->message + "\n" + source(line));
    }
  }
  return problems;
}

}  // namespace oxidize::test
