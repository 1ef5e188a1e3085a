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

  void operator()(const lex::Token& token);
  bool is_cpp() const { return cpp_; }

 private:
  std::string_view source_;
  bool cpp_ = false;
  bool in_directive_ = false;
  // The two previous significant tokens (comments skipped).
  lex::Token prev_{lex::TokenKind::unknown, 0, 0, 0};
  lex::Token prev2_{lex::TokenKind::unknown, 0, 0, 0};
};

}  // namespace oxidize::analyze
