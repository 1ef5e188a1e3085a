#pragma once
// Function definitions in C and C++, found in the token stream of the C lexer
// in the same pass as the inventory (a lexer sink), with McCabe complexity
// and the other per-function metrics.
//
// The parser is a streaming state machine, never recursive: brace depth and
// scopes are counters and a bounded stack, so a file with 100,000 nested
// blocks costs memory, not stack. Rules (details and known limits in
// docs/functions.md):
//  - Preprocessor conditionals: the structure follows the first branch of
//    each #if/#ifdef/#ifndef (the #else branch of an `#if 0`), so a brace or a
//    signature split across branches never derails the rest of the file.
//  - At file, namespace, class and extern "C" scope, tokens since the last
//    `;`, `{` or `}` form a declaration. A `{` opens a function body when the
//    declaration has a parameter list `name(...)` that was closed at the top
//    level (optionally followed by qualifiers, attributes such as
//    `__acquires(x)`, a trailing return type, a constructor's initialiser list
//    or K&R parameter declarations) and no `=` came before it. Otherwise the
//    `{` opens a namespace, class/struct/union or extern block (scopes whose
//    functions are searched too), or an opaque block (initialiser, enum).
//  - In a body, every token counts toward the function: lambdas and local
//    classes belong to the enclosing function.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "oxidize/lex/code_tokens.hpp"
#include "oxidize/lex/token.hpp"
#include "oxidize/parse/function_body.hpp"
#include "oxidize/parse/function_facts.hpp"
#include "oxidize/parse/preprocessor_branches.hpp"

namespace oxidize::parse {

namespace detail {

// The C/C++ keywords that are decisions, in a 64-slot table addressed by a
// hash of length and first and last byte (collision-free: checked at compile
// time), so that most identifiers cost one probe.
enum class Effect : std::uint8_t { none, decision, case_label, switch_statement };
struct Keyword {
  const char* text = "";
  std::size_t length = 0;
  Effect effect = Effect::none;
};
constexpr std::size_t keyword_slot(std::string_view t) {
  return (t.size() * 7 + static_cast<unsigned char>(t.front()) + static_cast<unsigned char>(t.back()) * 3) & 63;
}
constexpr std::array<Keyword, 64> make_keywords() {
  constexpr Keyword words[] = {{"if", 2, Effect::decision},     {"for", 3, Effect::decision},
                               {"while", 5, Effect::decision},  {"catch", 5, Effect::decision},
                               {"case", 4, Effect::case_label}, {"switch", 6, Effect::switch_statement}};
  std::array<Keyword, 64> table{};
  for (const auto& w : words) {
    auto& slot = table[keyword_slot(std::string_view(w.text, w.length))];
    if (slot.length != 0) throw "keyword hash collision";  // not a constant expression: fails to compile
    slot = w;
  }
  return table;
}
inline constexpr std::array<Keyword, 64> k_keywords = make_keywords();

}  // namespace detail

class CFunctionParser {
 public:
  explicit CFunctionParser(std::string_view source) : source_(source) { reset_declaration(); }

  // Inline, with the body of a function as the fast path: most tokens of a
  // C file are inside function bodies, and this runs for every one of them.
  [[gnu::always_inline]] inline void operator()(const lex::Token& token) {
    if (!branches_.accept(token, source_)) return;
    if (recorded_ != nullptr) recorded_->push_back(token, source_);
    if (body_.is_open()) in_body(token, token.text(source_));
    else structural(token);
  }
  // Reports a body still open at end of file; returns everything found.
  FunctionResult finish();

  // Appends every code token the parser follows (the same preprocessor
  // branches) to `out`: the token stream the hazard analysis reads.
  void record_tokens(lex::CodeTokens* out) { recorded_ = out; }

  // Deeper declaration scopes (namespace/class nesting) than this are
  // treated as opaque blocks, with one warning.
  static constexpr std::size_t k_max_scopes = 256;

 private:
  enum class ScopeKind : std::uint8_t { named, extern_block };
  struct Scope {
    ScopeKind kind;
    std::string name;  // namespace or class name ("" for anonymous)
  };
  enum class Tag : std::uint8_t { none, record, enumeration, name_space };
  // Where an operator name stands: after `operator`, inside `()`/`[]`, after
  // new/delete, after `""`, in a conversion type, or complete.
  enum class OperatorPart : std::uint8_t { start, open_paren, open_bracket, allocation, literal, conversion, symbol };
  enum class OperatorStep : std::uint8_t { more, parameters, not_an_operator };
  OperatorStep operator_step(const lex::Token& token, std::string_view text);

  void structural(const lex::Token& token);
  void in_body(const lex::Token& token, std::string_view text) {
    body_.count(token);
    const bool after_close_brace = last_body_close_brace_;
    last_body_close_brace_ = false;
    if (token.kind == lex::TokenKind::punct) {
      if (text.size() == 1) {
        switch (text[0]) {
          case '{':
            body_.open_block();
            return;
          case '}':
            if (body_.close_block(token)) close_function();
            last_body_close_brace_ = true;
            return;
          case '?': add_decision(true); return;
          default: return;
        }
      }
      if (text.size() == 2 && ((text[0] == '&' && text[1] == '&') || (text[0] == '|' && text[1] == '|')))
        add_decision(true);
      return;
    }
    if (token.kind != lex::TokenKind::identifier) return;
    // Keywords that are decisions: one table probe per identifier (a hash of
    // length and first and last byte), so that the common case, no keyword,
    // costs one well-predicted branch instead of a switch on the length.
    const auto& k = detail::k_keywords[detail::keyword_slot(text)];
    if (k.length != text.size()) return;
    for (std::size_t i = 0; i < k.length; ++i)  // at most 6 bytes: no memcmp call
      if (k.text[i] != text[i]) return;
    // `catch` is a decision only where C++ puts it, right after a try block's
    // `}`; in C it is an ordinary name (`t->catch = catch;` in the kernel).
    if (k.effect == detail::Effect::decision && k.text[0] == 'c' && !after_close_brace) return;
    switch (k.effect) {
      case detail::Effect::decision: add_decision(true); return;
      case detail::Effect::case_label: add_decision(false); return;  // a switch counts once in the modified CCN
      case detail::Effect::switch_statement: ++body_.facts().ccn_modified; return;
      case detail::Effect::none: return;
    }
  }

  void add_decision(bool modified_too) {
    FunctionFacts& f = body_.facts();
    ++f.ccn;
    if (modified_too) ++f.ccn_modified;
  }
  void close_function();
  void in_declaration(const lex::Token& token, std::string_view text);
  void open_brace_in_declaration(const lex::Token& token);
  void start_candidate(std::uint32_t line);
  void track_wrapped_definition(const lex::Token& token, std::string_view text);
  void reset_declaration();
  void issue(std::uint32_t line, std::string message);
  std::string qualified(const std::string& name) const;

  static constexpr std::uint32_t k_no_offset = 0xffffffffU;
  std::string_view source_;
  lex::CodeTokens* recorded_ = nullptr;
  FunctionResult result_;
  PreprocessorBranches branches_;
  std::vector<Scope> scopes_;
  std::uint32_t opaque_depth_ = 0;  // inside an initialiser/enum/too-deep block at declaration scope
  std::uint32_t opaque_line_ = 0;   // where that block opened

  FunctionBody body_;  // the function whose body is open, if any
  bool last_body_close_brace_ = false;  // the previous body token was `}`

  // The declaration being read at declaration scope.
  struct Declaration {
    std::uint32_t begin = k_no_offset;  // byte offset of the declaration's first token
    std::uint32_t paren_depth = 0;
    std::uint32_t angle_depth = 0;   // template arguments after a name
    bool has_equals = false;         // `=` at the top level: an initialiser follows
    Tag tag = Tag::none;             // class/struct/union, enum or namespace keyword seen
    std::string tag_name;
    bool tag_name_expected = false;
    bool extern_block_pending = false;  // extern "C"
    std::string qual;                // qualified name being built (a::b::~c)
    bool operator_name = false;      // collecting `operator` + symbol
    OperatorPart operator_part = OperatorPart::start;
    // The candidate function: the last `name(` at the top level.
    bool has_candidate = false;
    bool in_params = false;          // inside the candidate's parameter list
    std::uint32_t params_base = 0;   // paren depth outside the parameter list (1 in `(*f(...))`)
    bool group_start = false;        // a non-parameter `(` was the last token
    bool star_group = false;         // that group began with `*`: a declarator `(*name(...))`
    bool ident_after_close = false;  // the last identifier came straight after a `)`
    bool record_after_params = false;  // struct/union/enum/class after a parameter list
    bool record_enum = false;
    std::uint32_t record_tokens = 0;
    std::string record_name;
    bool after_params = false;       // its `)` closed at the top level
    bool init_list = false;          // `:` after the parameters (constructor)
    std::uint32_t init_brace_depth = 0;
    bool knr = false;                // K&R parameter declarations follow
    bool params_identifiers_only = true;
    std::string candidate;
    std::uint32_t candidate_line = 0;
    std::uint32_t params = 0;
    std::uint32_t param_angle = 0;
    bool param_tokens = false;
    bool param_is_void = false;
    // A definition through a macro that takes the name and the parameter
    // list as arguments (libpng's `PNG_FUNCTION(type, name, (args), attrs)`):
    // the argument of identifiers right before a `(...)` argument (its last
    // one), and
    // that group's parameters.
    std::string_view arg_ident;       // the current argument's last identifier, if it holds only identifiers
    bool arg_single = false;          // the current argument holds only identifiers so far
    std::string_view prev_arg_ident;  // the previous argument, when it was one identifier
    bool arg_started = false;         // the current argument has a token
    std::string wrapped_name;
    std::uint32_t wrapped_params = 0;
    bool wrapped_tokens = false;
    bool wrapped_void = false;
    bool in_wrapped = false;
    std::uint32_t tokens_since_candidate = 0;
    std::uint32_t lines_since_candidate = 0;
    std::uint32_t last_line = 0;
    // Previous significant token.
    lex::TokenKind prev_kind = lex::TokenKind::unknown;
    std::string_view prev_text;
    std::uint32_t prev_line = 0;
  } decl_;
  // A K&R candidate whose parameter declarations are being read.
  std::optional<Declaration> knr_;

  bool stray_brace_reported_ = false;
  bool deep_scope_reported_ = false;
};

}  // namespace oxidize::parse
