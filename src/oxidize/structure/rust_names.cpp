#include "oxidize/structure/rust_names.hpp"

#include <fmt/format.h>

#include "oxidize/util/text.hpp"

namespace oxidize::structure {

namespace {

// Rust 2021's strict and reserved keywords, and the weak ones that would
// read as syntax where a name stands (union, macro_rules), plus 2024's gen.
constexpr std::string_view k_keywords[] = {
    "abstract", "as",     "async",   "await",    "become", "box",   "break",       "const",  "continue",
    "crate",    "do",     "dyn",     "else",     "enum",   "extern", "false",      "final",  "fn",
    "for",      "gen",    "if",      "impl",     "in",     "let",   "loop",        "macro",  "macro_rules",
    "match",    "mod",    "move",    "mut",      "override", "priv", "pub",        "ref",    "return",
    "self",     "Self",   "static",  "struct",   "super",  "trait", "true",        "try",    "type",
    "typeof",   "union",  "unsafe",  "unsized",  "use",    "virtual", "where",     "while",  "yield",
};

bool is_keyword(std::string_view w) {
  for (const std::string_view k : k_keywords)
    if (k == w) return true;
  return false;
}

}  // namespace

std::optional<std::string> rust_identifier(std::string_view c_name) {
  if (c_name.empty()) return std::nullopt;
  for (std::size_t i = 0; i < c_name.size(); ++i) {
    const char c = c_name[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    if (!letter && !(i > 0 && c >= '0' && c <= '9')) return std::nullopt;
  }
  if (c_name == "self" || c_name == "Self" || c_name == "super" || c_name == "crate" || c_name == "_")
    return std::string(c_name) + "_";
  if (is_keyword(c_name)) return "r#" + std::string(c_name);
  return std::string(c_name);
}

bool renamed_identifier(std::string_view c_name, std::string_view rust_name) {
  if (rust_name.starts_with("r#")) rust_name.remove_prefix(2);
  return rust_name != c_name;
}

std::string rust_comment_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7f) {
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    const std::size_t n = util::utf8_sequence_length(s, i);
    if (n == 0 || c < 0x80) {  // a control byte or an invalid one
      out += fmt::format("\\x{:02X}", c);
      ++i;
      continue;
    }
    // Decode the code point to show it by number.
    std::uint32_t cp = c & (n == 2 ? 0x1fU : n == 3 ? 0x0fU : 0x07U);
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3fU);
    out += fmt::format("\\u{{{:X}}}", cp);
    i += n;
  }
  return out;
}

}  // namespace oxidize::structure
