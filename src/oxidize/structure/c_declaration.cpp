#include "oxidize/structure/c_declaration.hpp"

#include <array>

#include "oxidize/lex/c_lexer.hpp"

namespace oxidize::structure {

namespace {

using lex::TokenKind;

// Parameter lists inside parameter lists (a callback taking a callback...):
// deeper than this is refused, so hostile input cannot exhaust the stack.
constexpr unsigned k_max_depth = 8;

bool is_punct(const CToken& t, std::string_view p) { return t.kind == TokenKind::punct && t.text == p; }
bool is_word(const CToken& t) { return t.kind == TokenKind::identifier; }

bool is_qualifier(std::string_view w) {
  return w == "const" || w == "volatile" || w == "restrict" || w == "__restrict" || w == "__restrict__" ||
         w == "__const" || w == "__volatile__" || w == "_Atomic" || w == "__unaligned";
}
bool is_const_word(std::string_view w) { return w == "const" || w == "__const"; }

bool is_storage(std::string_view w) {
  return w == "typedef" || w == "extern" || w == "static" || w == "inline" || w == "__inline" ||
         w == "__inline__" || w == "__forceinline" || w == "register" || w == "auto" || w == "_Thread_local" ||
         w == "__thread" || w == "thread_local" || w == "__extension__" || w == "_Noreturn" || w == "noreturn";
}

// Words followed by a parenthesised argument that says nothing about the type.
bool is_attribute_keyword(std::string_view w) {
  return w == "__attribute__" || w == "__attribute" || w == "__declspec" || w == "__asm__" || w == "__asm" ||
         w == "asm" || w == "_Alignas" || w == "alignas" || w == "__nonnull" || w == "__wur" || w == "__THROW";
}

struct BuiltinWords {
  unsigned void_ = 0, char_ = 0, short_ = 0, int_ = 0, long_ = 0, signed_ = 0, unsigned_ = 0, float_ = 0,
           double_ = 0, bool_ = 0, other = 0;

  bool add(std::string_view w) {
    if (w == "void") ++void_;
    else if (w == "char") ++char_;
    else if (w == "short") ++short_;
    else if (w == "int") ++int_;
    else if (w == "long") ++long_;
    else if (w == "signed" || w == "__signed__" || w == "__signed") ++signed_;
    else if (w == "unsigned") ++unsigned_;
    else if (w == "float") ++float_;
    else if (w == "double") ++double_;
    else if (w == "_Bool" || w == "bool") ++bool_;
    else if (w == "_Complex" || w == "__int128" || w == "_Float128" || w == "__float128" || w == "_Decimal64") ++other;
    else return false;
    return true;
  }
  bool any() const {
    return void_ + char_ + short_ + int_ + long_ + signed_ + unsigned_ + float_ + double_ + bool_ + other > 0;
  }
  // The canonical spelling, or "" for a combination C has no use for.
  std::string canonical() const {
    if (other > 0) return "";  // complex, 128-bit: no C-ABI Rust type
    const std::string sign = unsigned_ > 0 ? "unsigned " : "";
    if (void_ > 0) return "void";
    if (bool_ > 0) return "bool";
    if (float_ > 0) return "float";
    if (double_ > 0) return long_ > 0 ? "long double" : "double";
    if (char_ > 0) return unsigned_ > 0 ? "unsigned char" : signed_ > 0 ? "signed char" : "char";
    if (short_ > 0) return sign + "short";
    if (long_ >= 2) return sign + "long long";
    if (long_ == 1) return sign + "long";
    return sign + "int";
  }
};

struct Specifiers {
  CType base;
  bool is_typedef = false;
  bool is_extern = false;
  bool has_body = false;
  std::size_t body_begin = 0;
  std::size_t body_end = 0;
  std::string_view pending_name;  // the declarator's name, already read as a word
};

struct Declarator {
  std::string_view name;
  std::vector<bool> pointers;
  std::vector<std::string> dims;
  bool nested = false;  // ( *name ) ...
  std::vector<bool> inner_pointers;
  std::vector<std::string> inner_dims;
  bool has_params = false;
  std::vector<CParam> params;
  bool variadic = false;
  std::string bits;
};

class Parser {
 public:
  Parser(std::span<const CToken> t, const CTypeNames& typedefs) : t_(t), typedefs_(typedefs) {}

  std::optional<CDeclaration> declaration() {
    Specifiers sp;
    if (!specifiers(sp, {})) return std::nullopt;
    CDeclaration out;
    out.is_typedef = sp.is_typedef;
    out.is_extern = sp.is_extern;
    out.has_body = sp.has_body;
    out.body_begin = sp.body_begin;
    out.body_end = sp.body_end;
    if (at_end() && sp.pending_name.empty()) return out;
    std::string_view pending = sp.pending_name;
    while (true) {
      Declarator d;
      if (!declarator(d, pending, 0, /*in_record=*/true)) return std::nullopt;
      pending = {};
      CType type = build(sp.base, d);
      out.declarators.push_back({std::string(d.name), std::move(type), d.bits});
      skip_initializer();
      if (at_end()) break;
      if (!is_punct(t_[i_], ",")) return std::nullopt;
      ++i_;
    }
    return out;
  }

  std::optional<CType> type_name() {
    Specifiers sp;
    if (!specifiers(sp, {}) || !sp.pending_name.empty() || sp.is_typedef) return std::nullopt;
    Declarator d;
    if (!at_end() && !declarator(d, {}, 0, false)) return std::nullopt;
    if (!at_end() || !d.name.empty()) return std::nullopt;
    return build(sp.base, d);
  }

  std::optional<CFunction> signature(std::string_view name) {
    Specifiers sp;
    if (!specifiers(sp, name)) return std::nullopt;
    if (!sp.pending_name.empty()) return std::nullopt;  // the name must come next
    Declarator d;
    if (!declarator(d, {}, 0, false)) return std::nullopt;
    if (d.name != name || d.nested || !d.has_params || !d.dims.empty()) return std::nullopt;
    CFunction fn;
    fn.name = std::string(name);
    fn.type.result = sp.base;
    fn.type.result.pointers.insert(fn.type.result.pointers.end(), d.pointers.begin(), d.pointers.end());
    fn.type.params = std::move(d.params);
    fn.type.variadic = d.variadic;
    // What follows the list: K&R parameter declarations, or attributes.
    std::vector<CParam> declared;
    while (!at_end()) {
      const std::size_t begin = i_;
      std::size_t depth = 0;
      while (!at_end() && !(depth == 0 && is_punct(t_[i_], ";"))) {
        if (is_punct(t_[i_], "(") || is_punct(t_[i_], "[")) ++depth;
        else if ((is_punct(t_[i_], ")") || is_punct(t_[i_], "]")) && depth > 0) --depth;
        ++i_;
      }
      if (at_end()) break;  // trailing attributes without a `;`
      Parser inner(t_.subspan(begin, i_ - begin), typedefs_);
      auto decl = inner.declaration();
      if (!decl) return std::nullopt;
      for (auto& dd : decl->declarators) {
        if (!decay(dd.type)) return std::nullopt;
        declared.push_back({std::move(dd.name), std::move(dd.type)});
      }
      ++i_;
    }
    if (!declared.empty()) {
      // The list holds names only: each reads as an unnamed type so far.
      for (CParam& p : fn.type.params) {
        if (!p.name.empty() || p.type.base != CBase::name || !p.type.pointers.empty()) return std::nullopt;
        p.name = p.type.name;
        CType type;
        type.name = "int";  // C89: an undeclared parameter is an int
        for (CParam& dp : declared)
          if (dp.name == p.name) type = dp.type;
        p.type = std::move(type);
      }
      fn.old_style = true;
    }
    return fn;
  }

 private:
  bool at_end() const { return i_ >= t_.size(); }
  bool next_is(std::string_view p) const { return i_ + 1 < t_.size() && is_punct(t_[i_ + 1], p); }

  // Skips a balanced group starting at the opening token at i_.
  bool skip_group() {
    std::size_t depth = 0;
    for (; i_ < t_.size(); ++i_) {
      const CToken& k = t_[i_];
      if (is_punct(k, "(") || is_punct(k, "[") || is_punct(k, "{")) {
        ++depth;
      } else if (is_punct(k, ")") || is_punct(k, "]") || is_punct(k, "}")) {
        if (depth == 0) return false;
        if (--depth == 0) {
          ++i_;
          return true;
        }
      }
    }
    return false;
  }

  // Attributes between tokens: __attribute__((...)), [[...]].
  void skip_attributes() {
    while (!at_end()) {
      if (is_word(t_[i_]) && is_attribute_keyword(t_[i_].text)) {
        ++i_;
        if (!at_end() && is_punct(t_[i_], "(")) skip_group();
      } else if (is_punct(t_[i_], "[") && next_is("[")) {
        skip_group();
      } else {
        return;
      }
    }
  }

  bool specifiers(Specifiers& sp, std::string_view function_name) {
    BuiltinWords builtin;
    bool tag = false;
    std::vector<std::string_view> words;
    while (!at_end()) {
      const CToken& k = t_[i_];
      if (k.kind == TokenKind::string) {  // extern "C"
        ++i_;
        continue;
      }
      if (is_punct(k, "[") && next_is("[")) {
        skip_group();
        continue;
      }
      if (!is_word(k)) break;
      const std::string_view w = k.text;
      if (!function_name.empty() && w == function_name && next_is("(")) break;
      if (is_qualifier(w)) {
        if (is_const_word(w)) sp.base.is_const = true;
        ++i_;
        continue;
      }
      if (is_storage(w)) {
        if (w == "typedef") sp.is_typedef = true;
        else if (w == "extern") sp.is_extern = true;
        ++i_;
        continue;
      }
      if (is_attribute_keyword(w)) {
        skip_attributes();
        continue;
      }
      if (builtin.add(w)) {
        ++i_;
        continue;
      }
      if (w == "struct" || w == "union" || w == "enum" || w == "class") {
        if (tag || builtin.any()) return false;
        tag = true;
        sp.base.base = w == "union" ? CBase::union_tag : w == "enum" ? CBase::enum_tag : CBase::struct_tag;
        ++i_;
        skip_attributes();
        if (!at_end() && is_word(t_[i_])) {
          sp.base.name = std::string(t_[i_].text);
          ++i_;
          skip_attributes();
        }
        if (!at_end() && is_punct(t_[i_], ":")) {  // enum e : int {, class c : base {
          while (!at_end() && !is_punct(t_[i_], "{")) ++i_;
        }
        if (!at_end() && is_punct(t_[i_], "{")) {
          sp.has_body = true;
          sp.body_begin = i_ + 1;
          if (!skip_group()) return false;
          sp.body_end = i_ - 1;
        } else if (sp.base.name.empty()) {
          return false;
        }
        continue;
      }
      if (next_is("(")) {
        // A name before `(` once a type is known is a declarator (a
        // prototype); before any type it is a macro with arguments, unless
        // a declarator in parentheses follows (`size_t (*cb)(...)`).
        if (builtin.any() || tag || !words.empty()) break;
        const bool nested = i_ + 2 < t_.size() && (is_punct(t_[i_ + 2], "*") || is_punct(t_[i_ + 2], "^"));
        if (!nested) {
          ++i_;
          if (!skip_group()) return false;
          continue;
        }
      }
      words.push_back(w);
      ++i_;
    }
    // No `*`, `(` or name follows: the last word names the declarator when
    // the rest still holds a type (`size_t n`, `unsigned long n`, `z_stream FAR s`).
    // Stopped at a word: the function's name, or a name before its `(`.
    const bool declarator_follows =
        !at_end() && (is_punct(t_[i_], "*") || is_punct(t_[i_], "(") || is_punct(t_[i_], "^") || is_word(t_[i_]));
    if (!declarator_follows && !words.empty() && (builtin.any() || tag || words.size() >= 2)) {
      sp.pending_name = words.back();
      words.pop_back();
    }
    if (tag) return true;
    if (builtin.any()) {
      sp.base.base = CBase::builtin;
      sp.base.name = builtin.canonical();
      return !sp.base.name.empty();
    }
    if (words.empty()) return false;  // implicit int: not C99
    std::string_view pick;
    for (const std::string_view w : words)
      if (typedefs_.contains(w)) pick = w;
    if (pick.empty())
      for (const std::string_view w : words)
        if (!looks_like_attribute_macro(w)) pick = w;
    if (pick.empty()) pick = words.back();
    sp.base.base = CBase::name;
    sp.base.name = std::string(pick);
    return true;
  }

  void pointers(std::vector<bool>& out) {
    while (!at_end() && is_punct(t_[i_], "*")) {
      out.push_back(false);
      ++i_;
      while (!at_end() && is_word(t_[i_])) {
        const std::string_view w = t_[i_].text;
        if (is_qualifier(w)) {
          if (is_const_word(w)) out.back() = true;
        } else if (is_attribute_keyword(w)) {
          skip_attributes();
          continue;
        } else if (!(looks_like_attribute_macro(w) && i_ + 1 < t_.size() &&
                     (is_word(t_[i_ + 1]) || is_punct(t_[i_ + 1], "*")))) {
          break;  // the name
        }
        ++i_;
      }
    }
  }

  bool dims(std::vector<std::string>& out) {
    while (!at_end() && is_punct(t_[i_], "[")) {
      ++i_;
      std::string dim;
      std::size_t depth = 0;
      while (!at_end() && !(depth == 0 && is_punct(t_[i_], "]"))) {
        if (is_punct(t_[i_], "[")) ++depth;
        else if (is_punct(t_[i_], "]")) --depth;
        dim += t_[i_].text;
        ++i_;
      }
      if (at_end()) return false;
      ++i_;
      out.push_back(std::move(dim));
    }
    return true;
  }

  bool declarator(Declarator& d, std::string_view pending, unsigned depth, bool in_record) {
    if (pending.empty()) {
      pointers(d.pointers);
      // A calling-convention or attribute macro before the name (`void
      // ZEXPORT *f`, `int WINAPI f`).
      while (!at_end() && is_word(t_[i_]) && i_ + 1 < t_.size() && is_word(t_[i_ + 1]) &&
             looks_like_attribute_macro(t_[i_].text))
        ++i_;
      skip_attributes();
      if (!at_end() && is_word(t_[i_])) {
        d.name = t_[i_].text;
        ++i_;
      } else if (!at_end() && is_punct(t_[i_], "(") && i_ + 1 < t_.size() &&
                 (is_punct(t_[i_ + 1], "*") || is_punct(t_[i_ + 1], "^") ||
                  (is_word(t_[i_ + 1]) && looks_like_attribute_macro(t_[i_ + 1].text)))) {
        ++i_;
        while (!at_end() && is_word(t_[i_]) && looks_like_attribute_macro(t_[i_].text)) ++i_;
        if (!at_end() && is_punct(t_[i_], "^")) return false;  // a block (Apple)
        pointers(d.inner_pointers);
        if (d.inner_pointers.empty()) return false;
        if (!at_end() && is_word(t_[i_])) {
          d.name = t_[i_].text;
          ++i_;
        }
        if (!dims(d.inner_dims)) return false;
        if (at_end() || !is_punct(t_[i_], ")")) return false;  // a function returning a pointer to a function
        ++i_;
        d.nested = true;
      }
    } else {
      d.name = pending;
    }
    if (!dims(d.dims)) return false;
    if (!at_end() && is_word(t_[i_]) && i_ + 2 < t_.size() && is_punct(t_[i_ + 1], "(") &&
        is_punct(t_[i_ + 2], "(") && d.dims.empty()) {
      // OF((int a, char *b)): the macro old headers (zlib's) wrap a
      // prototype's parameters in, for compilers without prototypes.
      i_ += 2;
      if (!params(d, depth)) return false;
      d.has_params = true;
      if (at_end() || !is_punct(t_[i_], ")")) return false;
      ++i_;
    } else if (!at_end() && is_punct(t_[i_], "(")) {
      if (!d.dims.empty()) return false;
      if (!params(d, depth)) return false;
      d.has_params = true;
    }
    if (d.nested && !d.has_params) return false;  // a pointer to an array
    skip_attributes();
    if (in_record && !at_end() && is_punct(t_[i_], ":")) {
      ++i_;
      while (!at_end() && !is_punct(t_[i_], ",")) d.bits += t_[i_++].text;
      if (d.bits.empty()) return false;
    }
    skip_attributes();
    return true;
  }

  void skip_initializer() {
    if (at_end() || !is_punct(t_[i_], "=")) return;
    std::size_t depth = 0;
    while (!at_end() && !(depth == 0 && is_punct(t_[i_], ","))) {
      if (is_punct(t_[i_], "(") || is_punct(t_[i_], "[") || is_punct(t_[i_], "{")) ++depth;
      else if ((is_punct(t_[i_], ")") || is_punct(t_[i_], "]") || is_punct(t_[i_], "}")) && depth > 0) --depth;
      ++i_;
    }
  }

  bool params(Declarator& d, unsigned depth) {
    if (depth >= k_max_depth) return false;
    ++i_;  // (
    if (!at_end() && is_punct(t_[i_], ")")) {
      ++i_;
      return true;
    }
    while (!at_end()) {
      if (is_punct(t_[i_], "...")) {
        d.variadic = true;
        ++i_;
      } else {
        Specifiers sp;
        if (!specifiers(sp, {})) return false;
        Declarator pd;
        const bool named_or_declared = !sp.pending_name.empty() || (!at_end() && !is_punct(t_[i_], ",") &&
                                                                    !is_punct(t_[i_], ")"));
        if (named_or_declared && !declarator(pd, sp.pending_name, depth + 1, false)) return false;
        CType type = build(sp.base, pd);
        const bool only_void = type.base == CBase::builtin && type.name == "void" && type.pointers.empty() &&
                               pd.name.empty() && d.params.empty();
        if (!only_void) {
          if (!decay(type)) return false;
          d.params.push_back({std::string(pd.name), std::move(type)});
        }
      }
      if (at_end()) return false;
      if (is_punct(t_[i_], ")")) {
        ++i_;
        return true;
      }
      if (!is_punct(t_[i_], ",")) return false;
      ++i_;
    }
    return false;
  }

  static CType build(const CType& base, Declarator& d) {
    if (!d.has_params) {
      CType t = base;
      t.pointers.insert(t.pointers.end(), d.pointers.begin(), d.pointers.end());
      t.dims = std::move(d.dims);
      return t;
    }
    auto fn = std::make_shared<CFunctionType>();
    fn->result = base;
    fn->result.pointers.insert(fn->result.pointers.end(), d.pointers.begin(), d.pointers.end());
    fn->params = std::move(d.params);
    fn->variadic = d.variadic;
    CType t;
    t.base = CBase::function;
    t.function = std::move(fn);
    if (d.nested) {
      t.pointers = std::move(d.inner_pointers);
      t.dims = std::move(d.inner_dims);
    }
    return t;
  }

  // What a parameter's type means: an array is a pointer to its element, a
  // function a pointer to it.
  static bool decay(CType& t) {
    if (t.dims.size() > 1) return false;
    if (t.dims.size() == 1) {
      t.dims.clear();
      t.pointers.push_back(false);
    }
    if (t.base == CBase::function && t.pointers.empty()) t.pointers.push_back(false);
    return true;
  }

  std::span<const CToken> t_;
  const CTypeNames& typedefs_;
  std::size_t i_ = 0;
};

bool contains_any(std::string_view word, std::initializer_list<std::string_view> parts) {
  for (const std::string_view p : parts)
    if (word.find(p) != std::string_view::npos) return true;
  return false;
}

}  // namespace

std::vector<CToken> c_tokens(std::string_view text) {
  std::vector<CToken> out;
  auto sink = [&](const lex::Token& t) {
    if (t.kind == TokenKind::comment || t.kind == TokenKind::doc_comment) return;
    out.push_back({t.text(text), t.kind, t.line});
  };
  lex::lex_c(text, sink);
  return out;
}

bool same_type(const CType& a, const CType& b) {
  if (a.base != b.base || a.name != b.name || a.is_const != b.is_const || a.pointers != b.pointers || a.dims != b.dims)
    return false;
  if (a.base != CBase::function) return true;
  if (!a.function || !b.function) return a.function == b.function;
  const CFunctionType& f = *a.function;
  const CFunctionType& g = *b.function;
  if (f.variadic != g.variadic || f.params.size() != g.params.size() || !same_type(f.result, g.result)) return false;
  for (std::size_t i = 0; i < f.params.size(); ++i)
    if (!same_type(f.params[i].type, g.params[i].type)) return false;
  return true;
}

bool looks_like_attribute_macro(std::string_view w) {
  if (w.size() > 2 && w[0] == '_' && w[1] == '_') return true;  // __cdecl, __stdcall, __wur
  for (const char c : w)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return contains_any(w, {"EXPORT", "EXTERN", "API", "CALL", "FAR", "NEAR", "DECL", "INLINE", "ATTR", "PUBLIC",
                          "DEPRECATED", "WARN", "UNUSED", "NORETURN", "LOCAL", "VISIBLE", "PRINTF", "FORMAT",
                          "NONNULL", "PURE", "HIDDEN", "WINAPI", "CDECL"});
}

std::optional<CDeclaration> parse_c_declaration(std::span<const CToken> tokens, const CTypeNames& typedefs) {
  for (const CToken& t : tokens)
    if (t.kind == TokenKind::directive || t.kind == TokenKind::directive_end) return std::nullopt;
  return Parser(tokens, typedefs).declaration();
}

std::optional<CType> parse_c_type(std::span<const CToken> tokens, const CTypeNames& typedefs) {
  for (const CToken& t : tokens)
    if (t.kind == TokenKind::directive || t.kind == TokenKind::directive_end) return std::nullopt;
  return Parser(tokens, typedefs).type_name();
}

std::optional<CFunction> parse_c_signature(std::string_view signature, std::string_view name,
                                           const CTypeNames& typedefs) {
  const std::vector<CToken> tokens = c_tokens(signature);
  for (const CToken& t : tokens) {
    // C++ has no C ABI to bind: references, scopes, templates, operators.
    if (t.kind == TokenKind::punct && (t.text == "::" || t.text == "&" || t.text == "&&" || t.text == "<"))
      return std::nullopt;
    if (t.kind == TokenKind::identifier && (t.text == "template" || t.text == "operator")) return std::nullopt;
    if (t.kind >= TokenKind::comment) return std::nullopt;
  }
  return Parser(tokens, typedefs).signature(name);
}

}  // namespace oxidize::structure
