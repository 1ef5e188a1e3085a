#pragma once
// What the hazard analysis needs from the parts of a file that are not code
// the parser follows: inline suppressions in comments, and object-like macros
// whose body is one integer (`#define MAX 10`), which bound arrays and loops.
// A lexer sink; cheap on the fast path (one kind test per code token).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "oxidize/lex/code_tokens.hpp"
#include "oxidize/lex/token.hpp"

namespace oxidize::hazards {

// `oxidize:ignore[OXI-C0001,OXI-C0002] reason` in a comment silences those
// rules: a comment after code (or before code on its last line) covers its
// own lines, a comment alone on its lines covers the line after it
// (analyze_hazards decides which, from the code tokens). `[*]` silences
// every rule.
struct Suppression {
  std::uint32_t first_line = 0;
  std::uint32_t last_line = 0;  // the comment's last line
  std::uint32_t begin = 0;      // the comment's bytes [begin, end)
  std::uint32_t end = 0;
  std::vector<std::string> rules;  // known rule ids, or "*"
  std::string reason;
  bool names(std::string_view rule_id) const;
};

// A malformed ignore comment, or one naming an unknown rule: one warning
// (path:line) per comment.
struct NoteProblem {
  std::uint32_t line = 0;
  std::string message;
};

// A function-like macro defined in the file and the names its body uses: a
// call to it may assign any of them (`#define LOAD() next = strm->next_in`).
struct FunctionMacro {
  std::string_view name;
  std::vector<std::string_view> body_names;  // at most k_macro_body_names
  // Its first tokens from the `(` of its parameters on (`( n ) alloca ( n
  // )`): enough to see a macro that only forwards to a library function.
  std::vector<std::string_view> tokens;  // at most k_macro_tokens
};
inline constexpr std::size_t k_macro_body_names = 256;
inline constexpr std::size_t k_macro_tokens = 32;

struct IntegerMacro {
  std::string_view name;
  std::int64_t value;
};

// `#define NAME "text"`: a string the copy rules can measure.
struct StringMacro {
  std::string_view name;
  std::string_view literal;  // the string token, quotes included
};

struct SourceNotes {
  std::vector<Suppression> suppressions;
  std::vector<NoteProblem> problems;  // malformed suppressions, in file order
  std::vector<StringMacro> string_macros;
  std::vector<IntegerMacro> macros;  // in file order; a later #define wins
  // Lines of #if/#ifdef/#ifndef/#elif/#else/#endif, ascending: code between
  // two points of a function may differ by configuration.
  std::vector<std::uint32_t> conditional_lines;
  // For each of them: +1 opens (`#if`, `#ifdef`, `#ifndef`), 0 switches (`#elif`, `#else`), -1 closes.
  std::vector<std::int8_t> conditional_kinds;
  // Function-like macros defined in the file: a call to one may assign the
  // caller's locals out of sight.
  std::vector<FunctionMacro> function_macros;
  // Object-like macros whose body assigns (`#define GETBREAK inchar =
  // getchar(); ...`): naming one in a statement may assign the names it uses.
  std::vector<FunctionMacro> statement_macros;
};

// Parses the suppression in one comment's text: true with `out` filled when
// it names at least one known rule (or `*`). `problem` is set when the
// comment holds the ignore marker malformed or naming unknown rules (the
// known ones still count).
bool parse_suppression(std::string_view comment, std::uint32_t first_line, Suppression& out, std::string& problem);

// Parses a C integer literal (decimal, hex, octal, binary, with u/l
// suffixes and ' separators); false if it is not one or does not fit.
bool parse_integer(std::string_view text, std::int64_t& value);

class SourceNotesSink {
 public:
  // With `code` set, every code token is appended to it as well (Rust, where
  // no parser filters the stream).
  SourceNotesSink(std::string_view source, lex::CodeTokens* code = nullptr)
      : source_(source), code_(code) {}

  [[gnu::always_inline]] inline void operator()(const lex::Token& token) {
    if (token.kind < lex::TokenKind::comment) {
      if (code_ != nullptr) code_->push_back(token, source_);
      if (define_step_ != 0) define_token(token);
      if (collecting_) {
        FunctionMacro& m = notes_.function_macros.back();
        if (token.kind == lex::TokenKind::identifier && m.body_names.size() < k_macro_body_names)
          m.body_names.push_back(token.text(source_));
        if (m.tokens.size() < k_macro_tokens) m.tokens.push_back(token.text(source_));
      }
      if (collecting_statement_) statement_token(token);
      return;
    }
    other(token);
  }

  SourceNotes take() { return std::move(notes_); }

 private:
  void other(const lex::Token& token);
  void define_token(const lex::Token& token);
  void statement_token(const lex::Token& token);

  std::string_view source_;
  lex::CodeTokens* code_;
  SourceNotes notes_;
  // `#define NAME value`: 1 after `#`, 2 after `define`, 3 after the name,
  // 4 after a `-` or `(`, 5 after the number, 6 after a closing `)`; 0 idle.
  int define_step_ = 0;
  bool collecting_ = false;  // in the body of a function-like #define
  bool collecting_statement_ = false;  // in the body of an object-like #define starting with a name
  bool statement_assigns_ = false;     // ... which has an assignment
  bool define_negative_ = false;
  bool define_paren_ = false;
  std::string_view define_name_;
  std::int64_t define_value_ = 0;
  std::string_view define_string_;  // step 7: a string body
};

}  // namespace oxidize::hazards
