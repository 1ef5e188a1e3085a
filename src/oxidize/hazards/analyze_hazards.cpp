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

bool is_any(const TokenView& view, std::size_t i, std::string_view a, std::string_view b) {
  return view.is_punct(i) && (view.is(i, a) || view.is(i, b));
}

// Where a statement ends: `;`, or a block's brace.
bool statement_boundary(const TokenView& view, std::size_t i) {
  return view.is_punct(i) && (view.is(i, ";") || view.is(i, "{") || view.is(i, "}"));
}

// The code tokens of the statement that holds token `at`, as the
// fingerprint sees them: back to the `;`, `{` or `}` before it and on to the
// one after it, bracketed groups taken whole (a `for (...;...;...)` header,
// a call's arguments), and widened to the outermost bracket around `at` (a
// finding in a condition or a loop header belongs to that statement). No
// comment, whitespace or line number takes part. At most k_statement_tokens
// tokens on each side of `at`, so that a giant initialiser costs nothing.
std::string statement_tokens(const TokenView& view, std::size_t at) {
  constexpr std::size_t k_statement_tokens = 128;
  const std::size_t npos = TokenView::npos;
  const std::size_t low = at > k_statement_tokens ? at - k_statement_tokens : 0;
  const std::size_t high = std::min(view.size(), at + k_statement_tokens + 1);
  // The outermost ( or [ around `at` that opens inside this block.
  std::size_t first = at;
  std::size_t last = at;  // inclusive
  if (is_any(view, at, "(", "[") && view.match(at) != npos && view.match(at) > at) last = view.match(at);
  for (std::size_t i = at; i > low;) {
    --i;
    if (view.is_punct(i) && (view.is(i, "{") || view.is(i, "}"))) break;
    const std::size_t m = view.match(i);
    if (is_any(view, i, ")", "]") && m != npos && m < i) {
      i = m;
      continue;
    }
    if (is_any(view, i, "(", "[") && (m == npos || m > at)) {
      first = i;
      if (m != npos) last = std::max(last, m);
    }
  }
  // Back to the statement's start, and on to its end.
  std::size_t begin = first;
  while (begin > low && !statement_boundary(view, begin - 1)) {
    const std::size_t m = view.match(begin - 1);
    begin = is_any(view, begin - 1, ")", "]") && m != npos && m < begin - 1 ? m : begin - 1;
  }
  std::size_t end = last + 1;
  while (end < high && !statement_boundary(view, end)) {
    const std::size_t m = view.match(end);
    end = is_any(view, end, "(", "[") && m != npos && m > end ? m + 1 : end + 1;
  }
  begin = std::max(begin, low);
  end = std::min(end, high);
  std::string out;
  for (std::size_t i = begin; i < end; ++i) {
    out += view.text(i);
    out += '\x1f';  // no token holds it
  }
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

// The lines a suppression covers, first to last. A comment with code before
// it on its first line, or after it on its last line, covers its own lines
// (a trailing comment after `gets(b);`); a comment alone on its lines covers
// the next line, and only that one (as NOLINTNEXTLINE does).
std::pair<std::uint32_t, std::uint32_t> covered_lines(const Suppression& s, const TokenView& view) {
  const std::string_view source = view.source();
  const auto no_newline = [&](std::uint32_t from, std::uint32_t to) {
    return from <= to && to <= source.size() && source.substr(from, to - from).find('\n') == std::string_view::npos;
  };
  const std::size_t after = view.index_at_offset(s.begin);  // the first code token after the comment
  const bool code_before = after > 0 && no_newline(view.token(after - 1).end, s.begin);
  const bool code_after = after < view.size() && no_newline(s.end, view.token(after).begin);
  if (code_before || code_after) return {s.first_line, s.last_line};
  return {s.last_line + 1, s.last_line + 1};
}

// The first suppression (in file order) that covers a rule on a line. The
// lexer gives comments in file order, so the lines they cover ascend and the
// ones that can cover a line are found by a binary search, not by trying
// each (a file with thousands of suppressions and findings); any other
// order falls back to trying each.
class SuppressionIndex {
 public:
  SuppressionIndex(std::span<const Suppression> all, const TokenView& view) : all_(all) {
    covered_.reserve(all.size());
    for (const Suppression& s : all) covered_.push_back(covered_lines(s, view));
    ordered_ = std::adjacent_find(covered_.begin(), covered_.end(), [](const auto& a, const auto& b) {
                 return b.first < a.first || b.second < a.second;
               }) == covered_.end();
  }

  const Suppression* covering(std::string_view rule_id, std::uint32_t line) const {
    std::size_t k = 0;
    if (ordered_) {
      // The first one whose covered lines do not end before `line`.
      k = static_cast<std::size_t>(
          std::partition_point(covered_.begin(), covered_.end(), [&](const auto& c) { return c.second < line; }) -
          covered_.begin());
    }
    for (; k < covered_.size(); ++k) {
      if (ordered_ && covered_[k].first > line) break;  // this one and all after it begin later
      if (line >= covered_[k].first && line <= covered_[k].second && all_[k].names(rule_id)) return &all_[k];
    }
    return nullptr;
  }

 private:
  std::span<const Suppression> all_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> covered_;
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
    if (!input.functions.empty()) find_c_hazards(view, input.notes, input.functions, cpp, input.project_functions, raw);
    if (cpp) find_cpp_hazards(view, raw);
  }
  if (raw.empty()) return {};

  // Each finding with the code tokens of its statement, for the fingerprint.
  struct Placed {
    Finding finding;
    std::string statement;
  };
  std::vector<Placed> placed;
  placed.reserve(raw.size());
  const std::vector<Place> places = places_of(input.source, view, raw);
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
    placed.push_back({std::move(f), statement_tokens(view, r.token)});
  }
  std::sort(placed.begin(), placed.end(), [](const Placed& x, const Placed& y) {
    const Finding& a = x.finding;
    const Finding& b = y.finding;
    return std::tie(a.line, a.column, a.rule, b.confidence) < std::tie(b.line, b.column, b.rule, a.confidence);
  });
  // One finding per rule and place (the most confident one).
  placed.erase(std::unique(placed.begin(), placed.end(),
                           [](const Placed& x, const Placed& y) {
                             const Finding& a = x.finding;
                             const Finding& b = y.finding;
                             return a.line == b.line && a.column == b.column && a.rule == b.rule;
                           }),
               placed.end());

  // Fingerprints: what the finding is, not where: the rule, the function,
  // the code tokens of the statement, and for identical ones in the same
  // function their order (docs/rules.md, "Fingerprints").
  std::vector<Finding> findings;
  findings.reserve(placed.size());
  std::map<std::string, std::uint32_t> seen;
  for (Placed& p : placed) {
    Finding& f = findings.emplace_back(std::move(p.finding));
    std::string key(rule(f.rule).id);
    key += '\0';
    key += f.function;
    key += '\0';
    key += p.statement;
    const std::uint32_t occurrence = seen[key]++;
    key += '\0';
    key += std::to_string(occurrence);
    f.fingerprint = util::content_hash(key);
  }

  // Suppressions: each covers the lines decided by the code around it.
  const SuppressionIndex suppressions(input.notes.suppressions, view);
  for (Finding& f : findings) {
    if (const Suppression* s = suppressions.covering(rule(f.rule).id, f.line)) {
      f.suppressed = true;
      f.suppression_reason = s->reason;
    }
  }
  return findings;
}

}  // namespace oxidize::hazards
