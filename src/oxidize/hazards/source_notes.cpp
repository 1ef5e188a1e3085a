#include "oxidize/hazards/source_notes.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <limits>

#include "oxidize/hazards/rules.hpp"

namespace oxidize::hazards {

namespace {

constexpr std::string_view k_marker = "oxidize:ignore";
constexpr std::string_view k_usage = "oxidize:ignore[RULE-ID,...] reason";

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

bool Suppression::names(std::string_view rule_id) const {
  return std::any_of(rules.begin(), rules.end(), [&](const std::string& r) { return r == "*" || r == rule_id; });
}

bool parse_suppression(std::string_view comment, std::uint32_t first_line, Suppression& out, std::string& problem) {
  const std::size_t at = comment.find(k_marker);
  if (at == std::string_view::npos) return false;
  std::string_view rest = comment.substr(at + k_marker.size());
  if (!rest.starts_with('[')) {
    problem = "malformed suppression: 'oxidize:ignore' without '[' (write " + std::string(k_usage) + ")";
    return false;
  }
  rest.remove_prefix(1);
  const std::size_t close = rest.find(']');
  if (close == std::string_view::npos || rest.substr(0, close).find('\n') != std::string_view::npos) {
    problem = "malformed suppression: 'oxidize:ignore[' without ']' (write " + std::string(k_usage) + ")";
    return false;
  }
  Suppression s;
  s.first_line = first_line;
  s.last_line = first_line + static_cast<std::uint32_t>(std::count(comment.begin(), comment.end(), '\n'));
  std::string_view ids = rest.substr(0, close);
  std::string unknown;
  while (!ids.empty()) {
    const std::size_t comma = ids.find(',');
    const std::string_view id = trim(ids.substr(0, comma));
    if (id == "*" || find_rule(id) != nullptr) {
      s.rules.emplace_back(id);
    } else if (!id.empty()) {
      if (!unknown.empty()) unknown += ", ";
      unknown += "'" + std::string(id) + "'";
      // Ids are exact; a case slip is worth naming.
      std::string upper(id);
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (find_rule(upper) != nullptr) unknown += " (did you mean '" + upper + "'?)";
    }
    if (comma == std::string_view::npos) break;
    ids.remove_prefix(comma + 1);
  }
  if (!unknown.empty())
    problem = "unknown rule " + unknown + " in oxidize:ignore[...] (oxidize hazards --list-rules shows them)";
  else if (s.rules.empty())
    problem = "malformed suppression: no rule id in 'oxidize:ignore[]' (write " + std::string(k_usage) + ")";
  if (s.rules.empty()) return false;
  std::string_view reason = rest.substr(close + 1);
  // The reason ends with the comment: drop a block comment's closing `*/`.
  if (reason.size() >= 2 && reason.substr(reason.size() - 2) == "*/") reason.remove_suffix(2);
  const std::size_t newline = reason.find('\n');
  s.reason = std::string(trim(reason.substr(0, newline)));
  out = std::move(s);
  return true;
}

bool parse_integer(std::string_view text, std::int64_t& value) {
  // Drop the suffix (u, l, ll, in any case and order).
  while (!text.empty() && (text.back() == 'u' || text.back() == 'U' || text.back() == 'l' || text.back() == 'L'))
    text.remove_suffix(1);
  if (text.empty()) return false;
  unsigned base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    base = 16;
    text.remove_prefix(2);
  } else if (text.size() > 2 && text[0] == '0' && (text[1] == 'b' || text[1] == 'B')) {
    base = 2;
    text.remove_prefix(2);
  } else if (text.size() > 1 && text[0] == '0') {
    base = 8;
    text.remove_prefix(1);
  }
  std::uint64_t v = 0;
  for (char c : text) {
    if (c == '\'') continue;
    unsigned digit;
    if (c >= '0' && c <= '9') digit = static_cast<unsigned>(c - '0');
    else if (c >= 'a' && c <= 'f') digit = static_cast<unsigned>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') digit = static_cast<unsigned>(c - 'A' + 10);
    else return false;  // a float, or not a number
    if (digit >= base) return false;
    if (v > (std::numeric_limits<std::uint64_t>::max() - digit) / base) return false;
    v = v * base + digit;
  }
  if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return false;
  value = static_cast<std::int64_t>(v);
  return true;
}

void SourceNotesSink::other(const lex::Token& token) {
  switch (token.kind) {
    case lex::TokenKind::comment:
    case lex::TokenKind::doc_comment: {
      const std::string_view text = token.text(source_);
      // memchr-fast rejection first: almost no comment holds the marker.
      if (text.find("oxidize:") == std::string_view::npos) return;
      Suppression s;
      std::string problem;
      if (parse_suppression(text, token.line, s, problem)) {
        s.begin = token.begin;
        s.end = token.end;
        notes_.suppressions.push_back(std::move(s));
      }
      if (!problem.empty()) notes_.problems.push_back({token.line, std::move(problem)});
      return;
    }
    case lex::TokenKind::directive:
      define_step_ = 1;
      return;
    case lex::TokenKind::directive_end:
      collecting_ = false;
      if (collecting_statement_ && !statement_assigns_) notes_.statement_macros.pop_back();
      collecting_statement_ = false;
      if (define_step_ == 5 && !define_paren_) {
        notes_.macros.push_back({define_name_, define_negative_ ? -define_value_ : define_value_});
      } else if (define_step_ == 6) {
        notes_.macros.push_back({define_name_, define_negative_ ? -define_value_ : define_value_});
      } else if (define_step_ == 7) {
        notes_.string_macros.push_back({define_name_, define_string_});
      }
      define_step_ = 0;
      return;
    default:
      return;
  }
}

void SourceNotesSink::statement_token(const lex::Token& token) {
  if (token.kind == lex::TokenKind::identifier) {
    auto& names = notes_.statement_macros.back().body_names;
    if (names.size() < k_macro_body_names) names.push_back(token.text(source_));
  } else if (token.kind == lex::TokenKind::punct) {
    const std::string_view t = token.text(source_);
    if (t == "=" || t == "++" || t == "--" || (t.size() >= 2 && t.back() == '=' && t != "==" && t != "!=" &&
                                               t != "<=" && t != ">="))
      statement_assigns_ = true;
  }
}

void SourceNotesSink::define_token(const lex::Token& token) {
  const std::string_view text = token.text(source_);
  const auto fail = [this] { define_step_ = -1; };
  switch (define_step_) {
    case 1:
      if (token.kind == lex::TokenKind::identifier && text == "define") {
        define_step_ = 2;
        return;
      }
      if (token.kind == lex::TokenKind::identifier &&
          (text.starts_with("if") || text.starts_with("el") || text == "endif")) {
        notes_.conditional_lines.push_back(token.line);
        notes_.conditional_kinds.push_back(text == "endif" ? -1 : text.starts_with("el") ? 0 : 1);
      }
      fail();
      return;
    case 2:
      if (token.kind != lex::TokenKind::identifier) return fail();
      define_name_ = text;
      define_negative_ = false;
      define_paren_ = false;
      define_step_ = 3;
      return;
    case 3:
      // A `(` straight after the name makes a function-like macro.
      if (text == "(" && token.begin == static_cast<std::uint32_t>(define_name_.data() + define_name_.size() - source_.data())) {
        notes_.function_macros.push_back({define_name_, {}, {}});
        collecting_ = true;
        return fail();
      }
      [[fallthrough]];
    case 4:
      if (text == "(" && !define_paren_ && !define_negative_) {
        define_paren_ = true;
        define_step_ = 4;
        return;
      }
      if (text == "-" && !define_negative_) {
        define_negative_ = true;
        define_step_ = 4;
        return;
      }
      if (token.kind == lex::TokenKind::number && parse_integer(text, define_value_)) {
        define_step_ = 5;
        return;
      }
      if (token.kind == lex::TokenKind::string && !define_paren_ && !define_negative_) {
        define_string_ = text;
        define_step_ = 7;
        return;
      }
      if (token.kind == lex::TokenKind::identifier && define_step_ == 3) {
        // An object-like macro whose body starts with a name: kept if it assigns.
        notes_.statement_macros.push_back({define_name_, {}, {}});
        collecting_statement_ = true;
        statement_assigns_ = false;  // the name itself is added by the sink's operator()
      }
      return fail();
    case 5:
      if (define_paren_ && text == ")") {
        define_step_ = 6;
        return;
      }
      return fail();
    default:
      return fail();  // more tokens: not a plain integer
  }
}

}  // namespace oxidize::hazards
