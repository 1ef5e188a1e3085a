#include "oxidize/parse/preprocessor_branches.hpp"

namespace oxidize::parse {

using lex::TokenKind;

bool PreprocessorBranches::accept_slow(const lex::Token& token, std::string_view source) {
  switch (token.kind) {
    case TokenKind::directive:
      in_directive_ = true;
      directive_tokens_ = 0;
      name_ = {};
      condition_is_zero_ = false;
      return false;
    case TokenKind::directive_end:
      in_directive_ = false;
      apply_directive();
      return false;
    case TokenKind::comment:
    case TokenKind::doc_comment: return false;
    default: break;
  }
  if (in_directive_) {
    ++directive_tokens_;
    if (directive_tokens_ == 1 && token.kind == TokenKind::identifier) name_ = token.text(source);
    if (directive_tokens_ == 2) condition_is_zero_ = token.text(source) == "0";
    else if (directive_tokens_ > 2) condition_is_zero_ = false;  // `#if 0 || X` is not dead code
    return false;
  }
  return active();
}

void PreprocessorBranches::apply_directive() {
  const bool zero = condition_is_zero_ && directive_tokens_ == 2;
  if (lex::spelled(name_, "if") || lex::spelled(name_, "ifdef") || lex::spelled(name_, "ifndef")) {
    const bool taking = !(lex::spelled(name_, "if") && zero);
    stack_.push_back({taking, taking});
    if (!taking) ++inactive_levels_;
  } else if (lex::spelled(name_, "elif") || lex::spelled(name_, "else") || lex::spelled(name_, "elifdef") || lex::spelled(name_, "elifndef")) {
    if (stack_.empty()) return;  // stray: ignored
    Conditional& c = stack_.back();
    const bool taking = !c.taken && !(lex::spelled(name_, "elif") && zero);
    if (c.taking != taking) {
      if (taking) --inactive_levels_;
      else ++inactive_levels_;
    }
    c.taking = taking;
    c.taken = c.taken || taking;
  } else if (lex::spelled(name_, "endif")) {
    if (stack_.empty()) return;
    if (!stack_.back().taking) --inactive_levels_;
    stack_.pop_back();
  }
}

}  // namespace oxidize::parse
