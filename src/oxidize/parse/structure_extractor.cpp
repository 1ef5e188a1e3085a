#include "oxidize/parse/structure_extractor.hpp"

#include <algorithm>
#include <cstring>

namespace oxidize::parse {

using lex::spelled;
using lex::Token;
using lex::TokenKind;

namespace {

bool is_punct(TokenKind kind, std::string_view text, char c) {
  return kind == TokenKind::punct && text.size() == 1 && text[0] == c;
}

// A name spelled across tokens (`ns :: f`) without the spaces.
std::string_view without_spaces(std::string_view text, std::string& buffer) {
  if (text.find_first_of(" \t\r\n\\") == std::string_view::npos) return text;
  buffer.clear();
  for (const char c : text)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\\') buffer.push_back(c);
  return buffer;
}

}  // namespace

void StructureExtractor::directive_edge(const Token& token) {
  directive_ = token.kind == TokenKind::directive ? DirectiveState::name : DirectiveState::none;
}

void StructureExtractor::in_directive(const Token& token) {
  const std::string_view text = token.text(source_);
  switch (directive_) {
    case DirectiveState::name:
      if (token.kind != TokenKind::identifier) directive_ = DirectiveState::rest;
      else if (spelled(text, "include") || spelled(text, "include_next") || spelled(text, "import"))
        directive_ = DirectiveState::include_target;
      else if (spelled(text, "define")) directive_ = DirectiveState::define_name;
      else directive_ = DirectiveState::rest;
      return;
    case DirectiveState::include_target:
      if (token.kind == TokenKind::string && text.size() >= 2 && (text[0] == '"' || text[0] == '<')) {
        // An unterminated header name (`#include <x` at end of line) keeps its text.
        const char close = text[0] == '"' ? '"' : '>';
        const std::string_view inner = text.back() == close ? text.substr(1, text.size() - 2) : text.substr(1);
        out_.includes.push_back(
            {std::string(inner), token.line, text[0] == '"' ? IncludeForm::quoted : IncludeForm::angled});
      } else if (token.kind == TokenKind::identifier) {
        out_.includes.push_back({std::string(text), token.line, IncludeForm::macro});
      }
      directive_ = DirectiveState::rest;
      return;
    case DirectiveState::define_name:
      if (token.kind == TokenKind::identifier) {
        define_name_ = token;
        directive_ = DirectiveState::define_params;
      } else {
        directive_ = DirectiveState::rest;
      }
      return;
    case DirectiveState::define_params:
      // `#define F(x)`: the `(` touches the name; `#define F (x)` is an object-like macro.
      if (token.kind == TokenKind::punct && spelled(text, "(") && token.begin == define_name_.end)
        out_.macros.push_back({std::string(define_name_.text(source_)), define_name_.line});
      directive_ = DirectiveState::rest;
      return;
    case DirectiveState::rest:
    case DirectiveState::none: return;
  }
}

void StructureExtractor::code(const Token& token) {
  const std::string_view text = token.text(source_);
  switch (token.kind) {
    case TokenKind::identifier: identifier(token, text); break;
    case TokenKind::punct: punct(token, text); break;
    case TokenKind::string:
      // extern "C" { ... } (C++ linkage block, Rust foreign block) and
      // extern "C" int x; alike: the next `{`, if any, is the block's. Rust's
      // extern "Rust" { ... } declares Rust functions (the allocator's
      // hooks): no foreign block.
      if (prev_kind_ == TokenKind::identifier && spelled(prev_, "extern") && !(rust_ && spelled(text, "\"Rust\"")))
        linkage_pending_ = true;
      if (record_pending_ && !record_base_clause_) record_pending_ = false;
      break;
    case TokenKind::number:
      // `unsigned flags : 3;` inside a struct: a bitfield.
      if (top() == Brace::record && untracked_depth_ == 0 && is_punct(prev_kind_, prev_, ':') &&
          prev2_kind_ == TokenKind::identifier && !out_.records.empty())
        out_.records.back().has_bitfields = true;
      if (record_pending_ && !record_base_clause_) record_pending_ = false;
      break;
    default:
      if (record_pending_ && !record_base_clause_) record_pending_ = false;
      break;
  }
  prev2_kind_ = prev_kind_;
  prev2_ = prev_;
  prev_kind_ = token.kind;
  prev_ = text;
  prev_begin_ = token.begin;
}

void StructureExtractor::identifier(const Token& token, std::string_view text) {
  const bool continues_name = qual_open_ && prev_kind_ == TokenKind::punct && spelled(prev_, "::");
  if (!continues_name) qual_begin_ = token.begin;
  qual_open_ = false;
  if (!groups_.empty() && !groups_.back().bracket) {
    groups_.back().name_begin = token.begin;
    groups_.back().name_length = token.end - token.begin;
  }
  if (foreign_fn_pending_) {
    foreign_fn_pending_ = false;
    out_.imports.push_back({std::string(text), token.line});
    return;
  }
  switch (text[0]) {
    case 'e':
      if (!rust_ && spelled(text, "errno")) errno_offsets_.push_back(token.begin);
      if (spelled(text, "extern") && !rust_ && at_declaration_scope()) {
        extern_decl_ = true;
        extern_cancelled_ = false;
        extern_name_frozen_ = false;
        extern_name_ = {};
        return;
      }
      break;
    case 's':
      if (spelled(text, "struct")) {
        start_record(token.line, false);
        return;
      }
      break;
    case 'u':
      if (spelled(text, "union")) {
        start_record(token.line, true);
        return;
      }
      break;
    case 'c':
      if (!rust_ && spelled(text, "class") && !(prev_kind_ == TokenKind::identifier && spelled(prev_, "enum"))) {
        start_record(token.line, false);
        return;
      }
      break;
    case 'n':
      if (!rust_ && spelled(text, "namespace")) linkage_pending_ = true;
      break;
    case 'f':
      if (rust_ && spelled(text, "fn")) {
        linkage_pending_ = false;  // extern "C" fn f() { ...: a function, not a foreign block
        if (top() == Brace::foreign && untracked_depth_ == 0) {
          foreign_fn_pending_ = true;
          return;
        }
      }
      break;
    default: break;
  }
  if (record_pending_ && !record_base_clause_) {
    record_name_ = text;
    record_line_ = token.line;
  }
  if (extern_decl_ && !extern_name_frozen_) extern_name_ = text;
}

void StructureExtractor::start_record(std::uint32_t line, bool is_union) {
  record_pending_ = true;
  record_union_ = is_union;
  record_base_clause_ = false;
  record_name_ = {};
  record_line_ = line;
}

void StructureExtractor::punct(const Token& token, std::string_view text) {
  const bool single = text.size() == 1;
  const char c = text[0];
  if (spelled(text, "::")) {
    qual_open_ = prev_kind_ == TokenKind::identifier;
    if (record_pending_ && !record_base_clause_) record_name_ = {};  // struct a::b: the name is what follows
    return;
  }
  qual_open_ = false;
  if (!single) {
    if (record_pending_ && !record_base_clause_) record_pending_ = false;
    if (extern_decl_ && (spelled(text, "->") || spelled(text, "=="))) extern_cancelled_ = true;
    return;
  }
  switch (c) {
    case '(': {
      // `int f(void);` at file scope: a prototype, once its `;` comes.
      if (proto_ == Proto::none && !rust_ && at_declaration_scope() && prev_kind_ == TokenKind::identifier &&
          !is_keyword_before_paren(prev_) &&
          ((prev2_kind_ == TokenKind::identifier && declares(prev2_)) ||
           (prev2_kind_ == TokenKind::punct && spelled(prev2_, "*")))) {
        proto_ = Proto::params;
        proto_depth_ = groups_.size();
        proto_name_ = prev_;
        proto_line_ = token.line;
      }
      open_paren(token);
      if (extern_decl_ && !extern_name_frozen_) extern_cancelled_ = true;  // a prototype, not data
      linkage_pending_ = false;  // extern "C" int f(void) { ...: a function's body follows
      Group g;
      // `struct item (*make)(void);` declares a pointer; it calls nothing.
      g.after_type = prev_kind_ == TokenKind::identifier && declares(prev_) && !is_keyword_before_paren(prev_);
      if (groups_.size() < k_max_groups) groups_.push_back(g);
      else ++untracked_groups_;
      break;
    }
    case '[':
      if (extern_decl_) extern_name_frozen_ = true;
      if (groups_.size() < k_max_groups) {
        Group g;
        g.bracket = true;
        if (prev_kind_ == TokenKind::identifier) {  // t[i](x): the call goes through `t`
          g.name_begin = prev_begin_;
          g.name_length = static_cast<std::uint32_t>(prev_.size());
        }
        groups_.push_back(g);
      } else {
        ++untracked_groups_;
      }
      break;
    case ')':
    case ']':
      if (untracked_groups_ > 0) {
        --untracked_groups_;
      } else if (!groups_.empty()) {
        closed_ = groups_.back();
        closed_is_paren_ = c == ')';
        groups_.pop_back();
        if (proto_ == Proto::params && groups_.size() == proto_depth_) proto_ = Proto::after;
      }
      break;
    case '*':
      if (!groups_.empty() && is_punct(prev_kind_, prev_, '(')) groups_.back().star_first = true;
      break;
    case '{': {
      Brace kind = Brace::block;
      if (record_pending_ && !record_name_.empty()) {
        kind = Brace::record;
        if (untracked_depth_ == 0)
          out_.records.push_back({std::string(record_name_), record_line_, record_union_, false});
      } else if (linkage_pending_) {
        kind = rust_ ? Brace::foreign : Brace::transparent;
      } else if (rust_ && prev_kind_ == TokenKind::identifier && spelled(prev_, "extern")) {
        kind = Brace::foreign;  // extern { ... }: the C ABI by default
      }
      record_pending_ = false;
      linkage_pending_ = false;
      extern_decl_ = false;
      proto_ = Proto::none;  // a definition's body
      if (braces_.size() < k_max_tracked_depth && untracked_depth_ == 0) braces_.push_back(kind);
      else ++untracked_depth_;
      if (kind != Brace::transparent && kind != Brace::foreign) ++opaque_depth_;
      return;
    }
    case '}':
      if (untracked_depth_ > 0) {
        --untracked_depth_;
        if (opaque_depth_ > 0) --opaque_depth_;
      } else if (!braces_.empty()) {
        if (braces_.back() != Brace::transparent && braces_.back() != Brace::foreign && opaque_depth_ > 0)
          --opaque_depth_;
        braces_.pop_back();
      }
      record_pending_ = false;
      extern_decl_ = false;
      return;
    case ';':
      if (extern_decl_ && !extern_cancelled_ && !extern_name_.empty() && at_declaration_scope())
        out_.globals.push_back({std::string(extern_name_), token.line});
      if (proto_ == Proto::after && at_declaration_scope())
        out_.prototypes.push_back({std::string(proto_name_), proto_line_});
      proto_ = Proto::none;
      extern_decl_ = false;
      record_pending_ = false;
      linkage_pending_ = false;
      return;
    case '=':
    case ',':
      if (extern_decl_) extern_name_frozen_ = true;
      if (proto_ == Proto::after) {
        if (c == ',' && at_declaration_scope()) out_.prototypes.push_back({std::string(proto_name_), proto_line_});
        proto_ = Proto::none;  // `= ...`: a pointer initialised, not a prototype
      }
      break;
    case ':':
      if (record_pending_) record_base_clause_ = true;  // class a : public b {
      return;
    default: break;
  }
  if (record_pending_ && !record_base_clause_) record_pending_ = false;
}

void StructureExtractor::open_paren(const Token& token) {
  if (opaque_depth_ == 0 && untracked_depth_ == 0) return;  // outside every body: declarations, macros at file scope
  if (prev_kind_ == TokenKind::identifier) {
    if (is_keyword_before_paren(prev_)) return;
    CallKind kind = CallKind::direct;
    std::string_view name = prev_;
    if (prev2_kind_ == TokenKind::punct && (spelled(prev2_, ".") || spelled(prev2_, "->"))) {
      kind = CallKind::member;
    } else if (prev2_kind_ == TokenKind::identifier && declares(prev2_)) {
      return;  // `int f(void);`, `struct s (`: a declaration
    } else if (prev2_kind_ == TokenKind::punct && spelled(prev2_, "::") && qual_begin_ < prev_begin_) {
      name = without_spaces(source_.substr(qual_begin_, prev_begin_ + prev_.size() - qual_begin_), spaced_name_);
    }
    add_call(name, token.line, prev_begin_, kind);
    return;
  }
  if (prev_kind_ != TokenKind::punct || prev_.size() != 1) return;
  if (prev_[0] == ')' && closed_is_paren_ && closed_.star_first && !closed_.after_type && closed_.name_length > 0)
    add_call(source_.substr(closed_.name_begin, closed_.name_length), token.line, prev_begin_, CallKind::pointer);
  else if (prev_[0] == ']' && !closed_is_paren_ && closed_.name_length > 0)
    add_call(source_.substr(closed_.name_begin, closed_.name_length), token.line, prev_begin_, CallKind::pointer);
}

void StructureExtractor::add_call(std::string_view name, std::uint32_t line, std::uint32_t offset, CallKind kind) {
  std::uint32_t index = 0;
  if (const auto found = name_index_.find(name); found != name_index_.end()) {
    index = found->second;
  } else {
    index = static_cast<std::uint32_t>(pass_names_.size());
    // Names must stay valid until finish(): source bytes do; a name joined
    // from a spaced spelling gets a stable copy.
    if (name.data() == spaced_name_.data()) name = joined_names_.emplace_back(name);
    pass_names_.push_back(name);
    name_index_.emplace(name, index);
  }
  calls_.push_back({index, line, offset, kind});
}

bool StructureExtractor::is_keyword_before_paren(std::string_view w) const {
  if (rust_) {
    return spelled(w, "if") || spelled(w, "while") || spelled(w, "match") || spelled(w, "return") ||
           spelled(w, "for") || spelled(w, "in") || spelled(w, "as") || spelled(w, "else") || spelled(w, "fn") ||
           spelled(w, "let") || spelled(w, "mut") || spelled(w, "move") || spelled(w, "impl") || spelled(w, "dyn") ||
           spelled(w, "Fn") || spelled(w, "FnMut") || spelled(w, "FnOnce") || spelled(w, "where") ||
           spelled(w, "unsafe") || spelled(w, "loop") || spelled(w, "break") || spelled(w, "pub") ||
           spelled(w, "crate") || spelled(w, "extern");
  }
  switch (w.size()) {
    case 2: return spelled(w, "if") || spelled(w, "do");
    case 3: return spelled(w, "for") || spelled(w, "asm") || spelled(w, "new");
    case 4: return spelled(w, "case") || spelled(w, "else");
    case 5: return spelled(w, "while") || spelled(w, "throw") || spelled(w, "catch") || spelled(w, "__asm");
    case 6:
      return spelled(w, "switch") || spelled(w, "return") || spelled(w, "sizeof") || spelled(w, "typeof") ||
             spelled(w, "delete") || spelled(w, "typeid");
    case 7:
      return spelled(w, "alignof") || spelled(w, "alignas") || spelled(w, "defined") || spelled(w, "__asm__") ||
             spelled(w, "_Pragma");
    case 8:
      return spelled(w, "_Alignof") || spelled(w, "decltype") || spelled(w, "_Generic") || spelled(w, "noexcept") ||
             spelled(w, "volatile") || spelled(w, "operator") || spelled(w, "_Alignas") || spelled(w, "requires") ||
             spelled(w, "co_await");
    case 9: return spelled(w, "__alignof") || spelled(w, "__typeof") || spelled(w, "co_return");
    case 10: return spelled(w, "__typeof__") || spelled(w, "__declspec");
    case 11: return spelled(w, "__alignof__") || spelled(w, "__attribute");
    case 12: return spelled(w, "__volatile__");
    case 13: return spelled(w, "__attribute__") || spelled(w, "static_assert") || spelled(w, "__extension__");
    case 14: return spelled(w, "_Static_assert") || spelled(w, "typeof_unqual");
    default: return false;
  }
}

// After a word, a name followed by `(` is declared rather than called,
// unless the word is one that takes an expression.
bool StructureExtractor::declares(std::string_view w) const {
  if (rust_)
    return spelled(w, "fn") || spelled(w, "struct") || spelled(w, "enum") || spelled(w, "union") ||
           spelled(w, "trait") || spelled(w, "type") || spelled(w, "macro_rules");
  return !(spelled(w, "return") || spelled(w, "else") || spelled(w, "do") || spelled(w, "case") ||
           spelled(w, "throw") || spelled(w, "co_return") || spelled(w, "co_yield") || spelled(w, "co_await") ||
           spelled(w, "goto") || spelled(w, "not") || spelled(w, "and") || spelled(w, "or") ||
           spelled(w, "__extension__") || spelled(w, "sizeof"));
}

FileStructure StructureExtractor::finish(std::vector<FunctionFacts>& functions) {
  // Bodies do not nest (a lambda belongs to its function), and functions
  // come in file order: a binary search finds the body around an offset.
  auto body_at = [&](std::uint32_t offset) -> std::uint32_t {
    auto it = std::upper_bound(functions.begin(), functions.end(), offset,
                               [](std::uint32_t o, const FunctionFacts& f) { return o < f.body_begin; });
    if (it == functions.begin()) return k_no_function;
    --it;
    if (offset > it->body_end) return k_no_function;
    return static_cast<std::uint32_t>(it - functions.begin());
  };
  // Keep the calls inside bodies, and only the names they use.
  std::vector<std::uint32_t> renumber(pass_names_.size(), k_no_function);
  NameList names;
  out_.calls.reserve(calls_.size());
  for (const PendingCall& call : calls_) {
    const std::uint32_t fn = body_at(call.offset);
    if (fn == k_no_function) continue;
    std::uint32_t& index = renumber[call.callee];
    if (index == k_no_function) {
      index = static_cast<std::uint32_t>(names.size());
      names.push_back(pass_names_[call.callee]);
    }
    out_.calls.push_back(CallSite::make(index, call.line, fn, call.kind));
  }
  names.shrink_to_fit();
  out_.names = std::move(names);
  for (const std::uint32_t offset : errno_offsets_) {
    const std::uint32_t fn = body_at(offset);
    if (fn != k_no_function) functions[fn].traits |= k_uses_errno;
  }
  name_index_.clear();
  pass_names_.clear();
  calls_.clear();
  // The facts of every file stay in memory for the whole run: no growth slack.
  out_.includes.shrink_to_fit();
  out_.macros.shrink_to_fit();
  out_.records.shrink_to_fit();
  out_.globals.shrink_to_fit();
  out_.prototypes.shrink_to_fit();
  return std::move(out_);
}

}  // namespace oxidize::parse
