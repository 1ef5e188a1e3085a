#include "oxidize/parse/preprocessor_branches.hpp"

#include <cstring>

namespace oxidize::parse {

using lex::TokenKind;

bool PreprocessorBranches::accept_slow(const lex::Token& token, std::string_view source) {
  switch (token.kind) {
    case TokenKind::directive:
      in_directive_ = true;
      directive_tokens_ = 0;
      name_ = {};
      condition_length_ = 0;
      return false;
    case TokenKind::directive_end:
      in_directive_ = false;
      apply_directive();
      return false;
    case TokenKind::comment:
    case TokenKind::doc_comment: return false;  // `#if 0 /* why */` is still `#if 0`
    default: break;
  }
  if (in_directive_) {
    ++directive_tokens_;
    const std::string_view text = token.text(source);
    if (directive_tokens_ == 1) {
      if (token.kind == TokenKind::identifier) name_ = text;
    } else if (condition_length_ + text.size() <= sizeof condition_) {
      std::memcpy(condition_ + condition_length_, text.data(), text.size());
      condition_length_ += text.size();
    } else {
      condition_length_ = sizeof condition_ + 1;  // too long to be a plain 0
    }
    return false;
  }
  return active();
}

bool PreprocessorBranches::condition_is_zero() const {
  if (condition_length_ > sizeof condition_) return false;
  const std::string_view c(condition_, condition_length_);
  return c == "0" || c == "(0)" || c == "false" || c == "(false)";
}

void PreprocessorBranches::apply_directive() {
  const bool zero = condition_is_zero();
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
