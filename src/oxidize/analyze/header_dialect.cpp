#include "oxidize/analyze/header_dialect.hpp"

namespace oxidize::analyze {

using lex::Token;
using lex::TokenKind;

void HeaderDialectSink::operator()(const Token& token) {
  if (cpp_) return;
  switch (token.kind) {
    case TokenKind::comment:
    case TokenKind::doc_comment: return;
    case TokenKind::directive: in_directive_ = true; return;
    case TokenKind::directive_end: in_directive_ = false; return;
    default: break;
  }
  if (in_directive_) return;
  const std::string_view text = token.text(source_);
  const std::string_view p1 = prev_.text(source_);
  const std::string_view p2 = prev2_.text(source_);
  const bool p1_ident = prev_.kind == TokenKind::identifier;
  const bool p2_ident = prev2_.kind == TokenKind::identifier;

  if (p1_ident && p1 == "namespace" && (token.kind == TokenKind::identifier || text == "{"))
    cpp_ = true;
  else if (p1_ident && p1 == "template" && text == "<")
    cpp_ = true;
  else if (p2_ident && p2 == "class" && p1_ident &&
           (text == "{" || text == ":" || text == "final"))
    cpp_ = true;
  else if (p1_ident && (p1 == "public" || p1 == "private" || p1 == "protected") && text == ":" &&
           (prev2_.kind == TokenKind::punct && (p2 == "{" || p2 == "}" || p2 == ";")))
    cpp_ = true;
  else if (p1_ident && p1 == "operator" && token.kind == TokenKind::punct && text != ";" &&
           text != "," && text != ")")
    cpp_ = true;
  else if (p1_ident && p1 == "std" && text == "::")
    cpp_ = true;
  else if (p1_ident && p1 == "extern" && text == "\"C++\"")
    cpp_ = true;

  prev2_ = prev_;
  prev_ = token;
}

}  // namespace oxidize::analyze
