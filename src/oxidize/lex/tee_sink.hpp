#pragma once
// Hands each token to two sinks, so that several analyses share one lexer pass.
#include "oxidize/lex/token.hpp"

namespace oxidize::lex {

template <class A, class B>
struct TeeSink {
  A& a;
  B& b;
  void operator()(const Token& t) {
    a(t);
    b(t);
  }
};

}  // namespace oxidize::lex
