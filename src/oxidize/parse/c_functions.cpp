#include "oxidize/parse/c_functions.hpp"

#include <algorithm>
#include <utility>

namespace oxidize::parse {

using lex::Token;
using lex::TokenKind;

namespace {

bool is_punct(const Token& t, std::string_view text, std::string_view what) {
  return t.kind == TokenKind::punct && text == what;
}

// Identifiers that take a parenthesised argument without being a function's
// name: attributes and specifiers before or after a parameter list.
bool is_attribute_keyword(std::string_view id) {
  // Annotation macros the kernel puts before a function's name.
  if (lex::spelled(id, "__printf") || lex::spelled(id, "__scanf") || lex::spelled(id, "__alloc_size") ||
      lex::spelled(id, "__section") || lex::spelled(id, "__diagnose_as"))
    return true;
  return lex::spelled(id, "__attribute__") || lex::spelled(id, "__attribute") || lex::spelled(id, "__declspec") || lex::spelled(id, "alignas") ||
         lex::spelled(id, "_Alignas") || lex::spelled(id, "__aligned") || lex::spelled(id, "throw") || lex::spelled(id, "noexcept") || lex::spelled(id, "asm") ||
         lex::spelled(id, "__asm__") || lex::spelled(id, "__asm") || lex::spelled(id, "decltype") || lex::spelled(id, "requires");
}

// After a parameter list, any __name(...) is an annotation macro
// (__acquires(x), __releases(x), __must_hold(x) in the kernel), never the name.
bool is_trailing_annotation(std::string_view id) {
  return is_attribute_keyword(id) || (id.size() > 2 && id[0] == '_' && id[1] == '_');
}

bool is_record_keyword(std::string_view id) {
  return lex::spelled(id, "struct") || lex::spelled(id, "class") || lex::spelled(id, "union") || lex::spelled(id, "enum");
}

// C++ keywords after which `(` never starts a parameter list.
bool is_not_a_name(std::string_view id) {
  // `void (*f(int))(int)`: a type keyword before `(` starts a declarator group.
  if (lex::spelled(id, "void") || lex::spelled(id, "int") || lex::spelled(id, "char") ||
      lex::spelled(id, "long") || lex::spelled(id, "short") || lex::spelled(id, "unsigned") ||
      lex::spelled(id, "signed") || lex::spelled(id, "float") || lex::spelled(id, "double") ||
      lex::spelled(id, "const") || lex::spelled(id, "volatile") || lex::spelled(id, "bool"))
    return true;
  return lex::spelled(id, "if") || lex::spelled(id, "while") || lex::spelled(id, "for") || lex::spelled(id, "switch") || lex::spelled(id, "return") ||
         lex::spelled(id, "sizeof") || lex::spelled(id, "typeof") || lex::spelled(id, "__typeof__") || lex::spelled(id, "static_assert") ||
         lex::spelled(id, "_Static_assert") || lex::spelled(id, "alignof") || lex::spelled(id, "defined");
}

}  // namespace

void CFunctionParser::structural(const Token& token) {
  const std::string_view text = token.text(source_);
  if (body_.is_open()) {
    in_body(token, text);
    return;
  }
  if (opaque_depth_ > 0) {
    if (is_punct(token, text, "{")) ++opaque_depth_;
    else if (is_punct(token, text, "}")) --opaque_depth_;
    if (opaque_depth_ == 0) reset_declaration();
    return;
  }
  in_declaration(token, text);
}

void CFunctionParser::close_function() {
  result_.functions.push_back(body_.take());
  reset_declaration();
}

// Inside a candidate's parentheses: notes `name, (params)` among its
// arguments, for a definition written through a macro. Called before the
// token changes the depth.
void CFunctionParser::track_wrapped_definition(const Token& token, std::string_view text) {
  Declaration& d = decl_;
  const std::uint32_t top = d.params_base + 1;  // the depth of the candidate's own arguments
  if (d.in_wrapped) {
    // Inside the `( ... )` argument: count its parameters as a list's.
    if (lex::spelled(text, ")") && d.paren_depth == top + 1) {
      d.in_wrapped = false;
      if (d.wrapped_tokens && !d.wrapped_void) ++d.wrapped_params;
      return;
    }
    if (d.paren_depth == top + 1 && lex::spelled(text, ",")) {
      ++d.wrapped_params;
      return;
    }
    d.wrapped_void = !d.wrapped_tokens && token.kind == TokenKind::identifier && lex::spelled(text, "void");
    d.wrapped_tokens = true;
    return;
  }
  if (d.paren_depth != top) return;
  if (lex::spelled(text, ",")) {
    d.prev_arg_ident = d.arg_single ? d.arg_ident : std::string_view();
    d.arg_ident = {};
    d.arg_single = false;
    d.arg_started = false;
    return;
  }
  if (lex::spelled(text, "(") && !d.arg_started && !d.prev_arg_ident.empty() && d.wrapped_name.empty()) {
    d.wrapped_name.assign(d.prev_arg_ident);
    d.wrapped_params = 0;
    d.wrapped_tokens = false;
    d.wrapped_void = false;
    d.in_wrapped = true;
    d.arg_started = true;
    return;
  }
  if (lex::spelled(text, ")")) return;
  // Identifiers only (`PNGAPI png_create_info_struct`: a calling
  // convention's macro, then the name): the last one names the function.
  d.arg_single = (!d.arg_started || d.arg_single) && token.kind == TokenKind::identifier;
  d.arg_ident = d.arg_single ? text : std::string_view();
  d.arg_started = true;
}

namespace {

// A macro's name: capitals, digits and underscores (`PNG_FUNCTION`).
bool is_macro_name(std::string_view name) {
  if (name.size() < 2) return false;
  for (const char c : name)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

}  // namespace

void CFunctionParser::start_candidate(std::uint32_t line) {
  Declaration& d = decl_;
  d.has_candidate = true;
  d.candidate = d.qual;
  d.candidate_line = line;
  d.in_params = true;
  d.params_base = 0;
  d.after_params = false;
  d.init_list = false;
  d.has_equals = false;  // `X(a) .f = g, MACRO_END` then a definition: the `=` was the macro's
  d.record_after_params = false;
  d.knr = false;
  d.params = 0;
  d.param_angle = 0;
  d.param_tokens = false;
  d.param_is_void = false;
  d.params_identifiers_only = true;
  d.arg_ident = {};
  d.arg_single = false;
  d.prev_arg_ident = {};
  d.arg_started = false;
  d.wrapped_name.clear();
  d.wrapped_params = 0;
  d.wrapped_tokens = false;
  d.wrapped_void = false;
  d.in_wrapped = false;
  d.tokens_since_candidate = 1;  // the name
  d.lines_since_candidate = 1;
  d.last_line = line;
}

void CFunctionParser::in_declaration(const Token& token, std::string_view text) {
  Declaration& d = decl_;
  if (d.begin == k_no_offset) d.begin = token.begin;
  if (d.has_candidate) {
    ++d.tokens_since_candidate;
    if (token.line != d.last_line) {
      ++d.lines_since_candidate;
      d.last_line = token.line;
    }
  }
  const TokenKind prev_kind = d.prev_kind;
  const std::string_view prev = d.prev_text;
  const std::uint32_t prev_line = d.prev_line;
  d.prev_kind = token.kind;
  d.prev_text = text;
  d.prev_line = token.line;

  // Template arguments after a name (Foo<T>::bar): skipped for names, parens
  // and braces; a `;`, `{` or `}` inside means the `<` was a comparison.
  if (d.angle_depth > 0 && d.paren_depth == 0) {
    if (token.kind == TokenKind::punct) {
      if (lex::spelled(text, "<")) ++d.angle_depth;
      else if (lex::spelled(text, ">")) --d.angle_depth;
      else if (lex::spelled(text, ">>")) d.angle_depth = d.angle_depth >= 2 ? d.angle_depth - 2 : 0;
      else if (lex::spelled(text, ";") || lex::spelled(text, "{") || lex::spelled(text, "}")) d.angle_depth = 0;
      else return;
      if (d.angle_depth > 0) return;
      if (lex::spelled(text, ">") || lex::spelled(text, ">>")) return;
    } else {
      return;
    }
  }

  bool operator_params = false;
  if (d.operator_name) {
    // operator== / operator() / operator[] / operator new[] / operator""_km /
    // operator const char*. In C, `operator` is an ordinary name
    // (`int operator;`): a token that cannot continue an operator name ends
    // the attempt, and is then read as usual.
    switch (operator_step(token, text)) {
      case OperatorStep::more: return;
      case OperatorStep::parameters: operator_params = true; break;
      case OperatorStep::not_an_operator: d.qual.assign("operator"); break;
    }
  }

  if (d.in_params && d.paren_depth >= 1) {
    // Inside the candidate's parameter list.
    track_wrapped_definition(token, text);
    if (token.kind == TokenKind::punct) {
      if (lex::spelled(text, "(")) {
        ++d.paren_depth;
      } else if (lex::spelled(text, ")")) {
        if (--d.paren_depth == d.params_base) {
          d.in_params = false;
          d.after_params = true;
          if (d.param_tokens && !d.param_is_void) ++d.params;
        }
        return;
      }
      if (d.paren_depth == d.params_base + 1) {
        if (lex::spelled(text, "<")) ++d.param_angle;
        else if (lex::spelled(text, ">") && d.param_angle > 0) --d.param_angle;
        else if (lex::spelled(text, ">>")) d.param_angle = d.param_angle >= 2 ? d.param_angle - 2 : 0;
        else if (lex::spelled(text, ",") && d.param_angle == 0) ++d.params;
      }
      if (!lex::spelled(text, ",")) d.params_identifiers_only = false;
    } else if (token.kind != TokenKind::identifier) {
      d.params_identifiers_only = false;
    }
    d.param_is_void = !d.param_tokens && token.kind == TokenKind::identifier && lex::spelled(text, "void");
    d.param_tokens = true;
    return;
  }

  if (token.kind == TokenKind::punct) {
    if (lex::spelled(text, "(")) {
      // After a parameter list, `__name(...)` right after a `)` is an
      // annotation (`__releases(x) __acquires(y)`); after a type word it is
      // the next candidate (`SEC("x") int __encap(...)`).
      const bool annotation = is_attribute_keyword(prev) ||
                              (d.after_params && d.ident_after_close && is_trailing_annotation(prev));
      if (operator_params ||
          (d.paren_depth == 0 && d.init_brace_depth == 0 && !d.init_list &&
           prev_kind == TokenKind::identifier && !is_not_a_name(prev) && !annotation)) {
        knr_.reset();  // a new parameter list: no K&R definition is pending
        start_candidate(prev_line);
        d.paren_depth = 1;
        return;
      }
      if (d.paren_depth == 1 && d.star_group && prev_kind == TokenKind::identifier && !d.has_candidate) {
        // void (*get_handler(int signo))(int): the name inside `(*...)`.
        d.qual.assign(prev);
        start_candidate(prev_line);
        d.params_base = 1;
        d.paren_depth = 2;
        return;
      }
      knr_.reset();
      if (d.paren_depth == 0) d.group_start = true;
      ++d.paren_depth;
      return;
    }
    if (lex::spelled(text, ")")) {
      if (d.paren_depth > 0) --d.paren_depth;
      if (d.paren_depth == 0) d.star_group = false;
      return;
    }
    if (d.paren_depth > 0) {
      if (d.group_start && d.paren_depth == 1) d.star_group = lex::spelled(text, "*");
      d.group_start = false;
      return;
    }
    if (lex::spelled(text, "{")) {
      if (knr_ && lex::spelled(prev, ";") && !d.has_candidate) {
        decl_ = std::move(*knr_);
        knr_.reset();
        decl_.knr = true;
        open_brace_in_declaration(token);
        return;
      }
      knr_.reset();
      if (d.init_list && (prev_kind == TokenKind::identifier || lex::spelled(prev, ">") || d.init_brace_depth > 0)) {
        ++d.init_brace_depth;  // a brace initialiser in a constructor's initialiser list
        return;
      }
      open_brace_in_declaration(token);
      return;
    }
    if (lex::spelled(text, "}")) {
      if (d.init_brace_depth > 0) {
        --d.init_brace_depth;
        return;
      }
      if (scopes_.empty()) {
        if (!stray_brace_reported_) {
          issue(token.line, "stray '}' at file scope (unbalanced braces); ignored");
          stray_brace_reported_ = true;
        }
      } else {
        scopes_.pop_back();
      }
      knr_.reset();
      reset_declaration();
      return;
    }
    if (d.record_after_params) ++d.record_tokens;
    if (d.init_brace_depth > 0) return;
    if (lex::spelled(text, ";")) {
      d.record_after_params = false;  // `unsigned ir, class;`: a K&R declaration
      if (d.after_params && d.params_identifiers_only && !d.init_list && d.params > 0) {
        // Maybe K&R: int f(a, b) int a; char *b; { ... }. The parameter
        // declarations are read as ordinary declarations; the definition
        // happens if a `{` comes straight after one of their `;`.
        knr_ = d;
        knr_->tokens_since_candidate = d.tokens_since_candidate;
      } else if (knr_ && d.has_candidate) {
        knr_.reset();  // a prototype among them: not K&R after all
      }
      const bool keep = knr_.has_value();
      auto saved = std::move(knr_);
      reset_declaration();
      if (keep) knr_ = std::move(saved);
      decl_.prev_kind = TokenKind::punct;
      decl_.prev_text = text;
      return;
    }
    if (lex::spelled(text, ",") && d.after_params && !d.params_identifiers_only && !d.init_list) {
      // `QUIRK(0x1057, NULL), { ... }`: a list element, not a signature.
      d.after_params = false;
      d.has_candidate = false;
      return;
    }
    if (lex::spelled(text, ":")) {
      if (d.after_params) {
        d.init_list = true;
      } else if (lex::spelled(prev, "public") || lex::spelled(prev, "private") || lex::spelled(prev, "protected")) {
        reset_declaration();
      }
      return;
    }
    if (lex::spelled(text, "=")) {
      d.has_equals = true;
      d.after_params = false;
      return;
    }
    if (lex::spelled(text, "::")) {
      if (prev_kind == TokenKind::identifier || lex::spelled(prev, ">")) d.qual += "::";
      else d.qual = "::";
      return;
    }
    if (lex::spelled(text, "~")) {
      if (!lex::spelled(prev, "::")) d.qual.clear();
      d.qual += '~';
      return;
    }
    if (lex::spelled(text, "<") && prev_kind == TokenKind::identifier && !d.after_params && !lex::spelled(prev, "operator")) {
      d.angle_depth = 1;
      return;
    }
    return;
  }

  if (token.kind == TokenKind::string) {
    if (lex::spelled(prev, "extern") && (lex::spelled(text, "\"C\"") || lex::spelled(text, "\"C++\""))) d.extern_block_pending = true;
    return;
  }
  if (token.kind != TokenKind::identifier) return;
  if (d.paren_depth > 0) {  // inside a group that is no parameter list
    d.group_start = false;
    return;
  }
  d.ident_after_close = lex::spelled(prev, ")");

  // Identifiers at the top level of a declaration.
  if (d.record_after_params) {
    if (!is_trailing_annotation(text)) {  // `struct __packed blob {`: the tag is blob
      ++d.record_tokens;
      if (d.record_tokens == 1) d.record_name.assign(text);
    }
  } else if (d.after_params && is_record_keyword(text)) {
    // `MACRO(x)` without a `;`, then `struct s {`: decided at the `{` (a
    // signature holds no type definition; K&R parameter types may name one).
    d.record_after_params = true;
    d.record_enum = lex::spelled(text, "enum");
    d.record_tokens = 0;
    d.record_name.clear();
  }
  if (d.tag_name_expected) {
    d.tag_name_expected = false;
    if (!is_attribute_keyword(text)) d.tag_name = text;
  }
  if (!d.has_candidate && d.tag == Tag::none) {
    if (lex::spelled(text, "class") || lex::spelled(text, "struct") || lex::spelled(text, "union")) {
      d.tag = Tag::record;
      d.tag_name_expected = true;
    } else if (lex::spelled(text, "enum")) {
      d.tag = Tag::enumeration;
    } else if (lex::spelled(text, "namespace")) {
      d.tag = Tag::name_space;
      d.tag_name_expected = true;
    }
  }
  if (lex::spelled(text, "operator") && !d.after_params) {
    d.qual = (lex::spelled(prev, "::") ? d.qual : std::string()) + "operator";
    d.operator_name = true;
    d.operator_part = OperatorPart::start;
    return;
  }
  if (lex::spelled(prev, "::")) d.qual.append(text);
  else if (lex::spelled(prev, "~")) d.qual.append(text);
  else d.qual.assign(text);
}

CFunctionParser::OperatorStep CFunctionParser::operator_step(const Token& token, std::string_view text) {
  Declaration& d = decl_;
  const bool punct = token.kind == TokenKind::punct;
  const bool ident = token.kind == TokenKind::identifier;
  auto append = [&](OperatorPart part) {
    if (ident && d.operator_part != OperatorPart::literal) d.qual += ' ';
    d.qual.append(text);
    d.operator_part = part;
    return OperatorStep::more;
  };
  auto params = [&] {
    d.operator_name = false;
    return OperatorStep::parameters;
  };
  auto stop = [&] {
    d.operator_name = false;
    return OperatorStep::not_an_operator;
  };
  switch (d.operator_part) {
    case OperatorPart::start:
      if (punct) {
        if (lex::spelled(text, "(")) return append(OperatorPart::open_paren);
        if (lex::spelled(text, "[")) return append(OperatorPart::open_bracket);
        if (lex::spelled(text, ";") || lex::spelled(text, "{") || lex::spelled(text, "}") ||
            lex::spelled(text, ")") || lex::spelled(text, "]") || lex::spelled(text, ".") ||
            lex::spelled(text, ":") || lex::spelled(text, "?"))
          return stop();
        return append(OperatorPart::symbol);  // + == -> <<= , ...
      }
      if (ident) {
        if (lex::spelled(text, "new") || lex::spelled(text, "delete")) return append(OperatorPart::allocation);
        return append(OperatorPart::conversion);  // operator bool, operator const char*
      }
      if (token.kind == TokenKind::string) return append(OperatorPart::literal);  // operator""_km
      return stop();
    case OperatorPart::open_paren:
      return lex::spelled(text, ")") ? append(OperatorPart::symbol) : stop();
    case OperatorPart::open_bracket:
      return lex::spelled(text, "]") ? append(OperatorPart::symbol) : stop();
    case OperatorPart::allocation:
      if (lex::spelled(text, "[")) return append(OperatorPart::open_bracket);
      return lex::spelled(text, "(") ? params() : stop();
    case OperatorPart::literal:
      if (ident) return append(OperatorPart::symbol);
      return lex::spelled(text, "(") ? params() : stop();
    case OperatorPart::conversion:
      if (ident || lex::spelled(text, "*") || lex::spelled(text, "&") || lex::spelled(text, "&&") ||
          lex::spelled(text, "::"))
        return append(OperatorPart::conversion);
      return lex::spelled(text, "(") ? params() : stop();
    case OperatorPart::symbol:
      return lex::spelled(text, "(") ? params() : stop();
  }
  return stop();
}

void CFunctionParser::open_brace_in_declaration(const Token& token) {
  Declaration& d = decl_;
  if (d.record_after_params && d.record_tokens <= 1) {
    // `LIST_HEAD(x)` then `struct s {`: the candidate was a macro call.
    const bool is_enum = d.record_enum;
    std::string name = d.record_name;
    reset_declaration();
    decl_.tag = is_enum ? Tag::enumeration : Tag::record;
    decl_.tag_name = std::move(name);
  }
  if (d.has_candidate && (d.after_params || d.knr) && !d.has_equals && !d.in_params) {
    FunctionFacts seed;
    seed.name = qualified(d.candidate);
    seed.start_line = d.candidate_line;
    seed.params = d.params;
    if (!d.wrapped_name.empty() && !d.knr && is_macro_name(d.candidate)) {
      // PNG_FUNCTION(png_structp, png_create_png_struct, (...), PNG_ALLOCATED)
      seed.name = d.wrapped_name;
      seed.params = d.wrapped_params;
    }
    seed.tokens = d.tokens_since_candidate;
    seed.nloc = d.lines_since_candidate;
    seed.signature_begin = d.begin == k_no_offset ? token.begin : d.begin;
    body_.open(std::move(seed), token);
    return;
  }
  if (scopes_.size() >= k_max_scopes) {
    if (!deep_scope_reported_) {
      issue(token.line, "declarations nested deeper than 256 scopes; the rest of this block is not searched for functions");
      deep_scope_reported_ = true;
    }
    opaque_depth_ = 1;
    opaque_line_ = token.line;
    return;
  }
  if (d.extern_block_pending && !d.has_candidate) {
    scopes_.push_back({ScopeKind::extern_block, {}});
  } else if ((d.tag == Tag::record || d.tag == Tag::name_space) && !d.has_candidate && !d.has_equals) {
    scopes_.push_back({ScopeKind::named, d.tag_name});
  } else {
    opaque_depth_ = 1;  // initialiser, enum body, or something unknown
    opaque_line_ = token.line;
    return;
  }
  reset_declaration();
}

std::string CFunctionParser::qualified(const std::string& name) const {
  std::string out;
  for (const auto& s : scopes_) {
    if (s.kind != ScopeKind::named || s.name.empty()) continue;
    out += s.name;
    out += "::";
  }
  if (name.rfind("::", 0) == 0) return name.substr(2);  // ::f is global
  return out + name;
}

void CFunctionParser::reset_declaration() {
  // Field by field, keeping the strings' buffers: this runs at every `;` and
  // `}` outside function bodies, and reallocating three strings each time showed.
  std::string tag_name = std::move(decl_.tag_name);
  std::string qual = std::move(decl_.qual);
  std::string candidate = std::move(decl_.candidate);
  decl_ = Declaration{};
  tag_name.clear();
  qual.clear();
  candidate.clear();
  decl_.tag_name = std::move(tag_name);
  decl_.qual = std::move(qual);
  decl_.candidate = std::move(candidate);
}

void CFunctionParser::issue(std::uint32_t line, std::string message) {
  result_.issues.push_back({line, std::move(message)});
}

FunctionResult CFunctionParser::finish() {
  if (body_.is_open()) {
    const std::uint32_t line = body_.facts().start_line;
    issue(line, body_.abandon());
  } else if (opaque_depth_ > 0) {
    issue(opaque_line_, "block opened here is not closed at end of file (unbalanced braces); the rest of the file was not searched for functions");
  }
  return std::move(result_);
}

}  // namespace oxidize::parse
