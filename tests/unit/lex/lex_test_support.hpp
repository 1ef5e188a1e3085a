#pragma once
// Helpers for lexer tests: collect tokens, describe them compactly.
#include <string>
#include <string_view>
#include <vector>

#include "oxidize/lex/token.hpp"

namespace oxidize::lex::testing {

struct Collect {
  std::vector<Token> tokens;
  void operator()(const Token& t) { tokens.push_back(t); }
};

// "kind:text" per token, comments included, e.g. {"identifier:int", "punct:;"}.
inline std::vector<std::string> describe(std::string_view src, const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const auto& t : tokens)
    out.push_back(std::string(token_kind_name(t.kind)) + ":" + std::string(t.text(src)));
  return out;
}

inline LineCounts lc(std::uint64_t code, std::uint64_t comment, std::uint64_t blank) {
  LineCounts c;
  c.code = code;
  c.comment = comment;
  c.blank = blank;
  return c;
}

}  // namespace oxidize::lex::testing

namespace oxidize::lex {
inline void PrintTo(const LineCounts& c, std::ostream* os) {
  *os << "{code " << c.code << ", comment " << c.comment << ", blank " << c.blank << "}";
}
}  // namespace oxidize::lex
