#include "oxidize/lex/token.hpp"

namespace oxidize::lex {

std::string_view token_kind_name(TokenKind kind) {
  switch (kind) {
    case TokenKind::identifier: return "identifier";
    case TokenKind::number: return "number";
    case TokenKind::string: return "string";
    case TokenKind::character: return "character";
    case TokenKind::punct: return "punct";
    case TokenKind::comment: return "comment";
    case TokenKind::doc_comment: return "doc_comment";
    case TokenKind::directive: return "directive";
    case TokenKind::directive_end: return "directive_end";
    case TokenKind::lifetime: return "lifetime";
    case TokenKind::unknown: return "unknown";
  }
  return "?";
}

std::string_view unterminated_name(Unterminated what) {
  switch (what) {
    case Unterminated::none: return "none";
    case Unterminated::block_comment: return "block comment";
    case Unterminated::string: return "string literal";
    case Unterminated::raw_string: return "raw string literal";
    case Unterminated::character: return "character literal";
  }
  return "?";
}

}  // namespace oxidize::lex
