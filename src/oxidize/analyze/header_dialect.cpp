#include "oxidize/analyze/header_dialect.hpp"

namespace oxidize::analyze {

using lex::Token;
using lex::TokenKind;

HeaderDialectSink::Prev HeaderDialectSink::classify_identifier(std::string_view id, Prev before,
                                                               bool at_boundary) {
  if (before == Prev::kw_class) return Prev::class_name;
  switch (id.size()) {
    case 3:
      if (lex::spelled(id, "std")) return Prev::kw_std;
      break;
    case 5:
      if (lex::spelled(id, "class")) return Prev::kw_class;
      break;
    case 6:
      if (lex::spelled(id, "public") && at_boundary) return Prev::access;
      if (lex::spelled(id, "extern")) return Prev::kw_extern;
      break;
    case 7:
      if (lex::spelled(id, "private") && at_boundary) return Prev::access;
      break;
    case 8:
      if (lex::spelled(id, "template")) return Prev::kw_template;
      if (lex::spelled(id, "operator")) return Prev::kw_operator;
      break;
    case 9:
      if (lex::spelled(id, "namespace")) return Prev::kw_namespace;
      if (lex::spelled(id, "protected") && at_boundary) return Prev::access;
      break;
    default: break;
  }
  return Prev::other;
}

void HeaderDialectSink::consider(const Token& token) {
  switch (token.kind) {
    case TokenKind::comment:
    case TokenKind::doc_comment: return;
    case TokenKind::directive: in_directive_ = true; return;
    case TokenKind::directive_end: in_directive_ = false; return;
    default: break;
  }
  if (in_directive_) return;
  const std::string_view text = token.text(source_);
  const bool is_punct = token.kind == TokenKind::punct;
  switch (prev_) {
    case Prev::other: break;
    case Prev::kw_namespace: cpp_ = token.kind == TokenKind::identifier || lex::spelled(text, "{"); break;
    case Prev::kw_template: cpp_ = lex::spelled(text, "<"); break;
    case Prev::kw_class: break;
    case Prev::class_name: cpp_ = lex::spelled(text, "{") || lex::spelled(text, ":") || lex::spelled(text, "final"); break;
    case Prev::access: cpp_ = lex::spelled(text, ":"); break;
    case Prev::kw_operator: cpp_ = is_punct && !lex::spelled(text, ";") && !lex::spelled(text, ",") && !lex::spelled(text, ")"); break;
    case Prev::kw_std: cpp_ = lex::spelled(text, "::"); break;
    case Prev::kw_extern: cpp_ = lex::spelled(text, "\"C++\""); break;
  }
  prev_ = token.kind == TokenKind::identifier ? classify_identifier(text, prev_, at_boundary_) : Prev::other;
  at_boundary_ = is_punct && text.size() == 1 && (text[0] == '{' || text[0] == '}' || text[0] == ';');
}

}  // namespace oxidize::analyze
