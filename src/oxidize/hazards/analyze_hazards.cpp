#include "oxidize/hazards/analyze_hazards.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <span>
#include <tuple>

#include "oxidize/hazards/raw_finding.hpp"
#include "oxidize/hazards/token_view.hpp"
#include "oxidize/util/hash.hpp"

namespace oxidize::hazards {

namespace {

using discover::Language;

// Where each finding stands: the physical line holding its token ([begin,
// end) of the source, without a trailing '\r') and its column, counted in
// code points as SARIF's default "utf16CodeUnits" would for the BMP
// (continuation bytes of UTF-8 do not start a column).
struct Place {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::uint32_t column = 1;
};

// The places of all findings in one walk over the source, in offset order:
// every byte is read a bounded number of times however many findings share
// a line (50,000 on one line cost what one does), instead of searching the
// line around each finding.
std::vector<Place> places_of(std::string_view source, const TokenView& view, const RawFindings& raw) {
  std::vector<std::size_t> order(raw.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  const auto offset = [&](std::size_t k) -> std::size_t { return view.begin(raw[k].token); };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return offset(a) < offset(b); });
  std::vector<Place> places(raw.size());
  std::size_t line_begin = 0;
  std::size_t line_end = 0;  // where its '\n' is (or the source's end)
  bool have_line = false;
  std::size_t counted_to = 0;  // the column is known up to this offset
  std::uint32_t column = 1;
  for (const std::size_t k : order) {
    const std::size_t at = offset(k);
    if (!have_line || at > line_end) {
      // A later line: it begins after the last '\n' before `at` (searched
      // from where the previous line ended) and ends at the next one.
      const std::size_t from = have_line ? line_end : 0;
      const auto newline = source.substr(from, at - from).rfind('\n');
      line_begin = newline == std::string_view::npos ? 0 : from + newline + 1;
      const std::size_t next = source.find('\n', at);
      line_end = next == std::string_view::npos ? source.size() : next;
      have_line = true;
      counted_to = line_begin;
      column = 1;
    }
    for (; counted_to < at; ++counted_to)
      if ((static_cast<unsigned char>(source[counted_to]) & 0xC0) != 0x80) ++column;
    std::size_t end = line_end;
    if (end > line_begin && source[end - 1] == '\r') --end;
    places[k] = {line_begin, end, column};
  }
  return places;
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

// The first suppression (in file order) that covers a rule on a line. The
// lexer gives comments in file order, so their lines ascend and the ones
// that can cover a line are found by a binary search, not by trying each
// (a file with thousands of suppressions and findings); any other order
// falls back to trying each.
class SuppressionIndex {
 public:
  explicit SuppressionIndex(std::span<const Suppression> all) : all_(all) {
    ordered_ = std::adjacent_find(all.begin(), all.end(), [](const Suppression& a, const Suppression& b) {
                 return b.first_line < a.first_line || b.last_line < a.last_line;
               }) == all.end();
  }

  const Suppression* covering(std::string_view rule_id, std::uint32_t line) const {
    std::size_t k = 0;
    if (ordered_) {
      // The first one whose covered lines (first_line to last_line + 1) do not end before `line`.
      k = static_cast<std::size_t>(
          std::partition_point(all_.begin(), all_.end(),
                               [&](const Suppression& s) { return std::uint64_t{s.last_line} + 1 < line; }) -
          all_.begin());
    }
    for (; k < all_.size(); ++k) {
      if (ordered_ && all_[k].first_line > line) break;  // this one and all after it begin later
      if (all_[k].covers(rule_id, line)) return &all_[k];
    }
    return nullptr;
  }

 private:
  std::span<const Suppression> all_;
  bool ordered_ = false;
};

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
    if (!input.functions.empty()) find_c_hazards(view, input.notes, input.functions, cpp, raw);
    if (cpp) find_cpp_hazards(view, raw);
  }
  if (raw.empty()) return {};

  const std::vector<Place> places = places_of(input.source, view, raw);
  std::vector<Finding> findings;
  findings.reserve(raw.size());
  std::size_t snippet_line = std::string_view::npos;  // the line `snippet` was cut from
  std::string snippet;
  for (std::size_t k = 0; k < raw.size(); ++k) {
    RawFinding& r = raw[k];
    const lex::Token token = view.token(r.token);
    const Place& place = places[k];
    Finding f;
    f.rule = r.rule;
    f.confidence = r.confidence;
    f.line = token.line;
    f.column = place.column;
    if (const auto* fn = enclosing(input.functions, token.begin, token.line)) f.function = fn->name;
    f.message = std::move(r.message);
    if (place.begin != snippet_line) {  // trimmed once per line, not per finding on it
      snippet = snippet_of(input.source.substr(place.begin, place.end - place.begin));
      snippet_line = place.begin;
    }
    f.snippet = snippet;
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
  const SuppressionIndex suppressions(input.notes.suppressions);
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
    if (const Suppression* s = suppressions.covering(rule(f.rule).id, f.line)) {
      f.suppressed = true;
      f.suppression_reason = s->reason;
    }
  }
  return findings;
}

}  // namespace oxidize::hazards
