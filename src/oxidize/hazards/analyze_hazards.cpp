#include "oxidize/hazards/analyze_hazards.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <tuple>

#include "oxidize/hazards/raw_finding.hpp"
#include "oxidize/hazards/token_view.hpp"
#include "oxidize/util/hash.hpp"

namespace oxidize::hazards {

namespace {

using discover::Language;

// The physical line holding byte `offset`: [begin, end) of the source.
std::pair<std::size_t, std::size_t> line_around(std::string_view source, std::size_t offset) {
  std::size_t begin = offset;
  while (begin > 0 && source[begin - 1] != '\n') --begin;
  const std::size_t newline = source.find('\n', offset);
  std::size_t end = newline == std::string_view::npos ? source.size() : newline;
  if (end > begin && source[end - 1] == '\r') --end;
  return {begin, end};
}

// Columns count code points, as SARIF's default "utf16CodeUnits" would for
// the BMP; continuation bytes of UTF-8 do not start a column.
std::uint32_t column_of(std::string_view source, std::size_t line_begin, std::size_t offset) {
  std::uint32_t column = 1;
  for (std::size_t k = line_begin; k < offset; ++k)
    if ((static_cast<unsigned char>(source[k]) & 0xC0) != 0x80) ++column;
  return column;
}

std::string snippet_of(std::string_view line) {
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  if (line.size() > k_snippet_bytes) {
    std::size_t cut = k_snippet_bytes;
    // Never split a UTF-8 sequence: back up to a lead byte.
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    line = line.substr(0, cut);
  }
  return std::string(line);
}

std::string without_whitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') out.push_back(c);
  return out;
}

// The function whose definition (signature or body) holds `offset` and `line`.
const parse::FunctionFacts* enclosing(std::span<const parse::FunctionFacts> functions, std::uint32_t offset,
                                      std::uint32_t line) {
  const auto it = std::upper_bound(functions.begin(), functions.end(), offset,
                                   [](std::uint32_t o, const parse::FunctionFacts& f) { return o < f.body_begin; });
  if (it != functions.begin()) {
    const auto& f = *std::prev(it);
    if (offset <= f.body_end) return &f;
  }
  // In a signature: between the name and the body's `{`.
  if (it != functions.end() && line >= it->start_line && offset < it->body_begin) return &*it;
  return nullptr;
}

}  // namespace

std::vector<Finding> analyze_hazards(const HazardInput& input) {
  // C hazards live in function bodies (a header of macros and declarations
  // has none): no bodies, nothing to read. C++ constructs (a `new` in a
  // namespace-scope initialiser) can stand outside any function.
  const bool cpp = input.language == Language::cpp || input.language == Language::cpp_header;
  if (input.language != Language::rust && !cpp && input.functions.empty()) return {};
  const TokenView view(input.source, input.tokens);
  RawFindings raw;
  if (input.language == Language::rust) {
    find_rust_hazards(view, raw);
  } else {
    if (!input.functions.empty()) find_c_hazards(view, input.notes, input.functions, cpp, input.project_functions, raw);
    if (cpp) find_cpp_hazards(view, raw);
  }
  if (raw.empty()) return {};

  std::vector<Finding> findings;
  findings.reserve(raw.size());
  for (RawFinding& r : raw) {
    const lex::Token& token = view.token(r.token);
    const auto [begin, end] = line_around(input.source, token.begin);
    Finding f;
    f.rule = r.rule;
    f.confidence = r.confidence;
    f.line = token.line;
    f.column = column_of(input.source, begin, token.begin);
    if (const auto* fn = enclosing(input.functions, token.begin, token.line)) f.function = fn->name;
    f.message = std::move(r.message);
    f.snippet = snippet_of(input.source.substr(begin, end - begin));
    findings.push_back(std::move(f));
  }
  std::sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.line, a.column, a.rule, b.confidence) < std::tie(b.line, b.column, b.rule, a.confidence);
  });
  // One finding per rule and place (the most confident one).
  findings.erase(std::unique(findings.begin(), findings.end(),
                             [](const Finding& a, const Finding& b) {
                               return a.line == b.line && a.column == b.column && a.rule == b.rule;
                             }),
                 findings.end());

  // Fingerprints: what the finding is, not where; identical findings in the
  // same function are told apart by their order.
  std::map<std::string, std::uint32_t> seen;
  for (Finding& f : findings) {
    std::string key(rule(f.rule).id);
    key += '\0';
    key += f.function;
    key += '\0';
    key += without_whitespace(f.snippet);
    const std::uint32_t occurrence = seen[key]++;
    key += '\0';
    key += std::to_string(occurrence);
    f.fingerprint = util::content_hash(key);
    for (const Suppression& s : input.notes.suppressions) {
      if (s.covers(rule(f.rule).id, f.line)) {
        f.suppressed = true;
        f.suppression_reason = s.reason;
        break;
      }
    }
  }
  return findings;
}

}  // namespace oxidize::hazards
