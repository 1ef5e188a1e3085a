#pragma once
// Field-by-field comparison of two snapshots, naming the first difference:
// the store's round-trip tests and the crash-test writer's verifier both
// need "equal in every field", and a message that says where they are not.
#include <fmt/format.h>

#include <bit>
#include <cstdint>
#include <string>

#include "oxidize/model/snapshot.hpp"
#include "oxidize/util/text.hpp"

namespace oxidize::test {

namespace detail {

inline std::string show(const std::string& s) { return "\"" + util::escape_for_terminal(s) + "\""; }
template <class T>
std::string show(const T& v) {
  return fmt::format("{}", v);
}

}  // namespace detail

#define OXIDIZE_SAME(where, a, b)                                                                               \
  do {                                                                                                          \
    if (!((a) == (b)))                                                                                          \
      return fmt::format("{}: {} != {}", where, detail::show(a), detail::show(b));                             \
  } while (false)

inline std::string first_difference(const parse::FunctionFacts& a, const parse::FunctionFacts& b,
                                    const std::string& w) {
  OXIDIZE_SAME(w + ".name", a.name, b.name);
  OXIDIZE_SAME(w + ".start_line", a.start_line, b.start_line);
  OXIDIZE_SAME(w + ".end_line", a.end_line, b.end_line);
  OXIDIZE_SAME(w + ".body_begin", a.body_begin, b.body_begin);
  OXIDIZE_SAME(w + ".body_end", a.body_end, b.body_end);
  OXIDIZE_SAME(w + ".nloc", a.nloc, b.nloc);
  OXIDIZE_SAME(w + ".ccn", a.ccn, b.ccn);
  OXIDIZE_SAME(w + ".ccn_modified", a.ccn_modified, b.ccn_modified);
  OXIDIZE_SAME(w + ".params", a.params, b.params);
  OXIDIZE_SAME(w + ".max_nesting", a.max_nesting, b.max_nesting);
  OXIDIZE_SAME(w + ".tokens", a.tokens, b.tokens);
  OXIDIZE_SAME(w + ".is_unsafe", a.is_unsafe, b.is_unsafe);
  OXIDIZE_SAME(w + ".unsafe_blocks", a.unsafe_blocks, b.unsafe_blocks);
  return {};
}

inline std::string first_difference(const hazards::Finding& a, const hazards::Finding& b, const std::string& w) {
  OXIDIZE_SAME(w + ".rule", std::string(a.rule_info().id), std::string(b.rule_info().id));
  OXIDIZE_SAME(w + ".confidence", static_cast<int>(a.confidence), static_cast<int>(b.confidence));
  OXIDIZE_SAME(w + ".line", a.line, b.line);
  OXIDIZE_SAME(w + ".column", a.column, b.column);
  OXIDIZE_SAME(w + ".function", a.function, b.function);
  OXIDIZE_SAME(w + ".message", a.message, b.message);
  OXIDIZE_SAME(w + ".snippet", a.snippet, b.snippet);
  OXIDIZE_SAME(w + ".fingerprint", a.fingerprint, b.fingerprint);
  OXIDIZE_SAME(w + ".suppressed", a.suppressed, b.suppressed);
  OXIDIZE_SAME(w + ".suppression_reason", a.suppression_reason, b.suppression_reason);
  return {};
}

inline std::string first_difference(const model::FileRecord& a, const model::FileRecord& b, const std::string& w) {
  OXIDIZE_SAME(w + ".path", a.path, b.path);
  OXIDIZE_SAME(w + ".exclusion", static_cast<int>(a.exclusion), static_cast<int>(b.exclusion));
  OXIDIZE_SAME(w + ".exclusion_why", a.exclusion_why, b.exclusion_why);
  OXIDIZE_SAME(w + ".hazards_excluded", a.hazards_excluded, b.hazards_excluded);
  const model::FileFacts& x = a.facts;
  const model::FileFacts& y = b.facts;
  OXIDIZE_SAME(w + ".language", static_cast<int>(x.language), static_cast<int>(y.language));
  OXIDIZE_SAME(w + ".lines.code", x.lines.code, y.lines.code);
  OXIDIZE_SAME(w + ".lines.comment", x.lines.comment, y.lines.comment);
  OXIDIZE_SAME(w + ".lines.blank", x.lines.blank, y.lines.blank);
  OXIDIZE_SAME(w + ".bytes", x.bytes, y.bytes);
  OXIDIZE_SAME(w + ".hash", x.hash, y.hash);
  OXIDIZE_SAME(w + ".binary", x.binary, y.binary);
  OXIDIZE_SAME(w + ".unterminated", static_cast<int>(x.unterminated), static_cast<int>(y.unterminated));
  OXIDIZE_SAME(w + ".unterminated_line", x.unterminated_line, y.unterminated_line);
  OXIDIZE_SAME(w + ".generated_why", x.generated_why, y.generated_why);
  OXIDIZE_SAME(w + ".functions.size()", x.functions.size(), y.functions.size());
  for (std::size_t i = 0; i < x.functions.size(); ++i)
    if (auto d = first_difference(x.functions[i], y.functions[i], fmt::format("{}.functions[{}]", w, i)); !d.empty())
      return d;
  OXIDIZE_SAME(w + ".parse_issues.size()", x.parse_issues.size(), y.parse_issues.size());
  for (std::size_t i = 0; i < x.parse_issues.size(); ++i) {
    OXIDIZE_SAME(fmt::format("{}.parse_issues[{}].line", w, i), x.parse_issues[i].line, y.parse_issues[i].line);
    OXIDIZE_SAME(fmt::format("{}.parse_issues[{}].message", w, i), x.parse_issues[i].message,
                 y.parse_issues[i].message);
  }
  OXIDIZE_SAME(w + ".hazards.size()", x.hazards.size(), y.hazards.size());
  for (std::size_t i = 0; i < x.hazards.size(); ++i)
    if (auto d = first_difference(x.hazards[i], y.hazards[i], fmt::format("{}.hazards[{}]", w, i)); !d.empty())
      return d;
  return {};
}

inline std::string first_difference(const model::ChangeFacts& a, const model::ChangeFacts& b, const std::string& w) {
  OXIDIZE_SAME(w + ".commits", a.commits, b.commits);
  OXIDIZE_SAME(w + ".fix_commits", a.fix_commits, b.fix_commits);
  OXIDIZE_SAME(w + ".security_fix_commits", a.security_fix_commits, b.security_fix_commits);
  OXIDIZE_SAME(w + ".authors", a.authors, b.authors);
  OXIDIZE_SAME(w + ".lines_added", a.lines_added, b.lines_added);
  OXIDIZE_SAME(w + ".lines_deleted", a.lines_deleted, b.lines_deleted);
  OXIDIZE_SAME(w + ".churn_12m", a.churn_12m, b.churn_12m);
  OXIDIZE_SAME(w + ".churn_3m", a.churn_3m, b.churn_3m);
  OXIDIZE_SAME(w + ".commits_12m", a.commits_12m, b.commits_12m);
  OXIDIZE_SAME(w + ".first_change", a.first_change, b.first_change);
  OXIDIZE_SAME(w + ".last_change", a.last_change, b.last_change);
  return {};
}

// Doubles by their bits: "exactly as written" (NaN and -0.0 included).
inline std::string first_difference(const model::AgeFacts& a, const model::AgeFacts& b, const std::string& w) {
  OXIDIZE_SAME(w + ".lines", a.lines, b.lines);
  OXIDIZE_SAME(w + ".median_age_days", std::bit_cast<std::uint64_t>(a.median_age_days),
               std::bit_cast<std::uint64_t>(b.median_age_days));
  OXIDIZE_SAME(w + ".young_share", std::bit_cast<std::uint64_t>(a.young_share),
               std::bit_cast<std::uint64_t>(b.young_share));
  return {};
}

inline std::string first_difference(const model::History& a, const model::History& b, const std::string& w) {
  OXIDIZE_SAME(w + ".info.head", a.info.head, b.info.head);
  OXIDIZE_SAME(w + ".info.now", a.info.now, b.info.now);
  OXIDIZE_SAME(w + ".info.walk", a.info.walk, b.info.walk);
  OXIDIZE_SAME(w + ".info.renames", a.info.renames, b.info.renames);
  OXIDIZE_SAME(w + ".info.shallow", a.info.shallow, b.info.shallow);
  OXIDIZE_SAME(w + ".info.commits", a.info.commits, b.info.commits);
  OXIDIZE_SAME(w + ".info.merges", a.info.merges, b.info.merges);
  OXIDIZE_SAME(w + ".info.first_commit", a.info.first_commit, b.info.first_commit);
  OXIDIZE_SAME(w + ".files.size()", a.files.size(), b.files.size());
  for (std::size_t i = 0; i < a.files.size(); ++i) {
    const model::FileHistory& x = a.files[i];
    const model::FileHistory& y = b.files[i];
    const std::string f = fmt::format("{}.files[{}]", w, i);
    OXIDIZE_SAME(f + ".path", x.path, y.path);
    if (auto d = first_difference(x.change, y.change, f + ".change"); !d.empty()) return d;
    if (auto d = first_difference(x.age, y.age, f + ".age"); !d.empty()) return d;
    OXIDIZE_SAME(f + ".renames", x.renames, y.renames);
    OXIDIZE_SAME(f + ".functions.size()", x.functions.size(), y.functions.size());
    for (std::size_t j = 0; j < x.functions.size(); ++j) {
      const model::FunctionHistory& p = x.functions[j];
      const model::FunctionHistory& q = y.functions[j];
      const std::string g = fmt::format("{}.functions[{}]", f, j);
      OXIDIZE_SAME(g + ".name", p.name, q.name);
      OXIDIZE_SAME(g + ".start_line", p.start_line, q.start_line);
      OXIDIZE_SAME(g + ".end_line", p.end_line, q.end_line);
      if (auto d = first_difference(p.change, q.change, g + ".change"); !d.empty()) return d;
      if (auto d = first_difference(p.age, q.age, g + ".age"); !d.empty()) return d;
    }
  }
  OXIDIZE_SAME(w + ".warnings.size()", a.warnings.size(), b.warnings.size());
  for (std::size_t i = 0; i < a.warnings.size(); ++i) {
    OXIDIZE_SAME(fmt::format("{}.warnings[{}].path", w, i), a.warnings[i].path, b.warnings[i].path);
    OXIDIZE_SAME(fmt::format("{}.warnings[{}].message", w, i), a.warnings[i].message, b.warnings[i].message);
  }
  return {};
}

// Empty when equal in every field except info.id (the store assigns it).
inline std::string first_difference(const model::Snapshot& a, const model::Snapshot& b) {
  OXIDIZE_SAME("info.created_at", a.info.created_at, b.info.created_at);
  OXIDIZE_SAME("info.tool_version", a.info.tool_version, b.info.tool_version);
  OXIDIZE_SAME("info.tree", a.info.tree, b.info.tree);
  OXIDIZE_SAME("info.roots.size()", a.info.roots.size(), b.info.roots.size());
  for (std::size_t i = 0; i < a.info.roots.size(); ++i)
    OXIDIZE_SAME(fmt::format("info.roots[{}]", i), a.info.roots[i], b.info.roots[i]);
  OXIDIZE_SAME("info.source", a.info.source, b.info.source);
  OXIDIZE_SAME("info.commit", a.info.commit, b.info.commit);
  OXIDIZE_SAME("info.options", a.info.options, b.info.options);
  for (std::size_t i = 0; i < a.skipped.size(); ++i)
    OXIDIZE_SAME(fmt::format("skipped[{}]", i), a.skipped[i], b.skipped[i]);
  OXIDIZE_SAME("warnings.size()", a.warnings.size(), b.warnings.size());
  for (std::size_t i = 0; i < a.warnings.size(); ++i) {
    OXIDIZE_SAME(fmt::format("warnings[{}].path", i), a.warnings[i].path, b.warnings[i].path);
    OXIDIZE_SAME(fmt::format("warnings[{}].message", i), a.warnings[i].message, b.warnings[i].message);
  }
  OXIDIZE_SAME("files.size()", a.files.size(), b.files.size());
  for (std::size_t i = 0; i < a.files.size(); ++i)
    if (auto d = first_difference(a.files[i], b.files[i], fmt::format("files[{}]", i)); !d.empty()) return d;
  OXIDIZE_SAME("history.has_value()", a.history.has_value(), b.history.has_value());
  if (a.history)
    if (auto d = first_difference(*a.history, *b.history, "history"); !d.empty()) return d;
  return {};
}

#undef OXIDIZE_SAME

}  // namespace oxidize::test
