#pragma once
// The body of the function being read, shared by the C and Rust parsers:
// opened at the body's `{`, fed every token up to the matching `}`, then
// taken as finished facts. Keeps the counts every language measures the
// same way (tokens, NLOC, nesting, end line); decisions stay with each parser.
#include <cstdint>
#include <string>
#include <utility>

#include "oxidize/lex/token.hpp"
#include "oxidize/parse/function_facts.hpp"

namespace oxidize::parse {

class FunctionBody {
 public:
  bool is_open() const { return open_; }
  FunctionFacts& facts() { return facts_; }

  // `seed` holds the name, start line, parameters and the signature's tokens
  // and lines; `brace` is the body's `{`.
  void open(FunctionFacts seed, const lex::Token& brace) {
    facts_ = std::move(seed);
    facts_.body_begin = brace.begin;
    open_ = true;
    depth_ = 1;
    last_line_ = brace.line;
  }

  // Every token of the body, braces included: tokens and NLOC.
  void count(const lex::Token& token) {
    ++facts_.tokens;
    if (token.line != last_line_) {
      ++facts_.nloc;
      last_line_ = token.line;
    }
  }

  void open_block() {
    ++depth_;
    if (depth_ - 1 > facts_.max_nesting) facts_.max_nesting = depth_ - 1;
  }

  // A `}`: true when it closes the body, whose facts are then complete.
  bool close_block(const lex::Token& brace) {
    if (--depth_ != 0) return false;
    facts_.end_line = brace.line;
    facts_.body_end = brace.begin;
    open_ = false;
    return true;
  }

  FunctionFacts take() { return std::exchange(facts_, FunctionFacts{}); }

  // Ends a body still open at end of file; the warning for the user.
  std::string abandon() {
    open_ = false;
    return "function '" + facts_.name + "' is not closed at end of file (unbalanced braces); not counted";
  }

 private:
  FunctionFacts facts_;
  bool open_ = false;
  std::uint32_t depth_ = 0;
  std::uint32_t last_line_ = 0;
};

}  // namespace oxidize::parse
