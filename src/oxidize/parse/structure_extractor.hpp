#pragma once
// The structure extractor: a lexer sink that records, in the same pass as the
// inventory and the function parser, what the include graph, the call graph
// and the interface of a component are built from (parse/structure_facts.hpp).
//
// Hand-written on the token stream rather than with a C/C++ front end
// (libclang) because it must cost next to nothing on top of the lexer pass
// (the kernel's 60,000 files without a configured build) and read code that
// does not compile. It is lexical, so its limits are documented
// (docs/structure.md):
//  - Every preprocessor branch is read (as cscope and GNU global do): a call
//    under #ifdef is a call.
//  - A call is a name followed by `(` inside braces, unless the name is a
//    keyword (if, sizeof, __attribute__...) or the name is itself preceded by
//    a type word (`int f(void);` declares; `return f(x);` calls).
//    `a.f(`/`a->f(` is a member call, `(*f)(`, `t[i](` and `g()(` go
//    through a pointer. Macro invocations look like calls: the resolver
//    tells them apart with the macros defined in the tree.
//  - Calls outside every function body are dropped by finish().
// State is a handful of counters and bounded stacks: deep nesting costs no
// stack, and a million braces cost a counter.
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "oxidize/lex/token.hpp"
#include "oxidize/parse/function_facts.hpp"
#include "oxidize/parse/structure_facts.hpp"

namespace oxidize::parse {

class StructureExtractor {
 public:
  enum class Dialect : std::uint8_t { c_family, rust };
  StructureExtractor(std::string_view source, Dialect dialect) : source_(source), rust_(dialect == Dialect::rust) {}

  // Inline, with the common token (no `(`, no directive) as the fast path.
  [[gnu::always_inline]] inline void operator()(const lex::Token& token) {
    if (token.kind >= lex::TokenKind::comment) {
      if (token.kind == lex::TokenKind::directive || token.kind == lex::TokenKind::directive_end) directive_edge(token);
      return;
    }
    if (directive_ != DirectiveState::none) {
      in_directive(token);
      return;
    }
    code(token);
  }

  // Attributes each call to the function whose body holds it (dropping the
  // others), marks the functions that use errno, and returns the facts.
  FileStructure finish(std::vector<FunctionFacts>& functions);

  // Brace nesting deeper than this is still counted, but records and extern
  // blocks inside it are not tracked.
  static constexpr std::size_t k_max_tracked_depth = 1024;
  static constexpr std::size_t k_max_groups = 256;

 private:
  enum class DirectiveState : std::uint8_t { none, name, include_target, define_name, define_params, rest };
  enum class Brace : std::uint8_t { block, transparent, record, foreign };
  struct Group {  // an open `(` or `[`
    bool bracket = false;
    bool star_first = false;  // `(*`
    bool after_type = false;  // `T (`: a declarator, not an expression
    // For pointer calls: the last identifier inside a `(`, the one before a `[`.
    std::uint32_t name_begin = 0;
    std::uint32_t name_length = 0;
  };
  struct PendingCall {
    std::uint32_t callee;
    std::uint32_t line;
    std::uint32_t offset;
    CallKind kind;
  };

  void directive_edge(const lex::Token& token);
  void in_directive(const lex::Token& token);
  void code(const lex::Token& token);
  void open_paren(const lex::Token& token);
  void identifier(const lex::Token& token, std::string_view text);
  void punct(const lex::Token& token, std::string_view text);
  // struct/union/class seen: a record definition may follow.
  void start_record(std::uint32_t line, bool is_union);
  void add_call(std::string_view name, std::uint32_t line, std::uint32_t offset, CallKind kind);
  bool is_keyword_before_paren(std::string_view name) const;
  bool declares(std::string_view word) const;
  Brace top() const { return braces_.empty() ? Brace::transparent : braces_.back(); }
  bool at_declaration_scope() const { return untracked_depth_ == 0 && opaque_depth_ == 0; }

  std::string_view source_;
  bool rust_;
  FileStructure out_;
  std::unordered_map<std::string_view, std::uint32_t> name_index_;
  std::vector<std::string_view> pass_names_;  // callee names by index, until finish()
  std::vector<PendingCall> calls_;
  std::vector<std::uint32_t> errno_offsets_;
  std::string spaced_name_;  // a qualified name spelled with spaces, joined
  std::deque<std::string> joined_names_;  // the keys of such names

  // Preprocessor line.
  DirectiveState directive_ = DirectiveState::none;
  lex::Token define_name_{};  // the name after #define, kept when a `(` touches it

  // The last two code tokens.
  lex::TokenKind prev_kind_ = lex::TokenKind::unknown;
  std::string_view prev_;
  std::uint32_t prev_begin_ = 0;
  lex::TokenKind prev2_kind_ = lex::TokenKind::unknown;
  std::string_view prev2_;
  // A qualified name being read (a::b::c): where it began.
  std::uint32_t qual_begin_ = 0;
  bool qual_open_ = false;  // the last `::` continued a name

  // Nesting.
  std::vector<Brace> braces_;
  std::uint32_t untracked_depth_ = 0;  // braces beyond k_max_tracked_depth
  std::uint32_t opaque_depth_ = 0;     // open braces that are not transparent (bodies, records, initialisers)
  std::vector<Group> groups_;
  std::uint32_t untracked_groups_ = 0;
  Group closed_;            // the group the last `)`/`]` closed
  bool closed_is_paren_ = false;

  // A record or linkage block about to open.
  bool record_pending_ = false;
  bool record_union_ = false;
  bool record_base_clause_ = false;
  std::string_view record_name_;
  std::uint32_t record_line_ = 0;
  bool linkage_pending_ = false;  // extern "C" / namespace: the next `{` is transparent
  // `extern T name;` at declaration scope.
  bool extern_decl_ = false;
  bool extern_cancelled_ = false;
  std::string_view extern_name_;
  bool extern_name_frozen_ = false;
  // A prototype at declaration scope: its parameter list, then its `;`.
  enum class Proto : std::uint8_t { none, params, after };
  Proto proto_ = Proto::none;
  std::size_t proto_depth_ = 0;  // the group count outside its parameter list
  std::string_view proto_name_;
  std::uint32_t proto_line_ = 0;
  // Rust: `fn` inside an extern block declares an imported function.
  bool foreign_fn_pending_ = false;
};

}  // namespace oxidize::parse
