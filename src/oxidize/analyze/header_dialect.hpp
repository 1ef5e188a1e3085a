#pragma once
// Deciding whether a ".h" header is C or C++ from its tokens. A header is C++
// when, outside preprocessor lines, it uses a construct that C has no
// spelling for: `namespace NAME {` / `namespace {`, `template <`,
// `class NAME {` / `class NAME :` / `class NAME final`, an access specifier
// `public:` / `private:` / `protected:`, `operator` followed by an operator,
// `std ::`, or `extern "C++"`. Identifiers that are merely C++ keywords
// (`class`, `new`, `this` as C member names, common in the kernel) are not
// evidence on their own. Everything else is a C header.
#include <string_view>

#include "oxidize/lex/token.hpp"

namespace oxidize::analyze {

class HeaderDialectSink {
 public:
  explicit HeaderDialectSink(std::string_view source) : source_(source) {}

  // Inline fast path: once decided, and inside directives (most tokens of
  // the kernel's register headers), a token costs one or two tests.
  void operator()(const lex::Token& token) {
    if (cpp_ || (in_directive_ && token.kind != lex::TokenKind::directive_end)) return;
    consider(token);
  }
  bool is_cpp() const { return cpp_; }

 private:
  void consider(const lex::Token& token);

  // What the previous significant token (comments skipped) was, as far as
  // the rules care. Keeping this instead of the token text means most tokens
  // cost one length or byte check (the sink sees every token of every .h).
  enum class Prev : unsigned char {
    other, kw_namespace, kw_template, kw_class, class_name, access, kw_operator, kw_std, kw_extern
  };
  static Prev classify_identifier(std::string_view id, Prev before, bool at_boundary);

  std::string_view source_;
  bool cpp_ = false;
  bool in_directive_ = false;
  Prev prev_ = Prev::other;
  bool at_boundary_ = true;  // previous token was '{', '}' or ';' (or none)
};

}  // namespace oxidize::analyze
