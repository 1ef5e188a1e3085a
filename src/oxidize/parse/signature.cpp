#include "oxidize/parse/signature.hpp"

#include "oxidize/lex/c_lexer.hpp"
#include "oxidize/lex/rust_lexer.hpp"
#include "oxidize/parse/qualified_name.hpp"

namespace oxidize::parse {

using lex::spelled;
using lex::Token;
using lex::TokenKind;

namespace {

struct Code {
  std::string_view text;
  TokenKind kind;
  bool space_before;  // whitespace separated it from the previous token
};

// The code tokens of a signature, with what separated them.
template <class Lex>
void code_tokens(std::string_view bytes, std::vector<Code>& out, Lex lex_fn) {
  out.clear();
  std::uint32_t last_end = 0;
  bool gap = false;
  auto sink = [&](const Token& t) {
    if (t.kind >= TokenKind::comment) {
      gap = true;  // a comment or a directive separates like a space
      return;
    }
    const bool space = gap || (t.begin > last_end && !out.empty());
    out.push_back({t.text(bytes), t.kind, space});
    last_end = t.end;
    gap = false;
  };
  lex_fn(bytes, sink);
}

bool is_punct(const Code& c, std::string_view p) { return c.kind == TokenKind::punct && c.text == p; }

// The index of the `(` that opens the parameter list: the one after the
// function's own name at the top level; the last top-level one otherwise.
std::size_t params_open(const std::vector<Code>& t, std::string_view name) {
  std::size_t depth = 0;
  std::size_t fallback = t.size();
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    if (is_punct(t[i], "(") || is_punct(t[i], "[")) {
      ++depth;
      continue;
    }
    if (is_punct(t[i], ")") || is_punct(t[i], "]")) {
      if (depth > 0) --depth;
      continue;
    }
    if (depth == 0 && t[i].kind == TokenKind::identifier && is_punct(t[i + 1], "(")) {
      if (t[i].text == name) return i + 1;
      fallback = i + 1;
    }
  }
  return fallback;
}

// The parameters: [begin, end) token ranges between top-level commas.
// Returns the index of the list's closing `)` (t.size() when it is missing).
std::size_t each_param(const std::vector<Code>& t, std::size_t open, auto&& on_param) {
  std::size_t depth = 0;
  std::size_t begin = open + 1;
  for (std::size_t i = open; i < t.size(); ++i) {
    if (is_punct(t[i], "(") || is_punct(t[i], "[") || is_punct(t[i], "<")) {
      ++depth;
    } else if (is_punct(t[i], ")") || is_punct(t[i], "]") || is_punct(t[i], ">")) {
      if (depth > 0) --depth;
      if (depth == 0) {
        if (i > begin) on_param(begin, i);
        return i;
      }
    } else if (depth == 1 && is_punct(t[i], ",")) {
      if (i > begin) on_param(begin, i);
      begin = i + 1;
    }
  }
  return t.size();
}

// A K&R definition declares its parameters between the `)` and the body:
// `int deflate(strm, flush) z_streamp strm; int flush;` (zlib, old BSD
// code). Each `;`-terminated declaration is a [begin, end) range.
void each_old_style_declaration(const std::vector<Code>& t, std::size_t close, auto&& on_param) {
  std::size_t depth = 0;
  std::size_t begin = close + 1;
  for (std::size_t i = close + 1; i < t.size(); ++i) {
    if (is_punct(t[i], "(") || is_punct(t[i], "[")) {
      ++depth;
    } else if (is_punct(t[i], ")") || is_punct(t[i], "]")) {
      if (depth > 0) --depth;
    } else if (depth == 0 && is_punct(t[i], ";")) {
      if (i > begin) on_param(begin, i);
      begin = i + 1;
    }
  }
}

// A function pointer behind a typedef shows only in the typedef's name:
// curl_write_callback, alloc_func (zlib), work_func_t, irq_handler_t, foo_cb.
bool names_callback_type(std::string_view w) {
  if (w.size() > 2 && w.ends_with("_t")) w.remove_suffix(2);
  auto ends_with = [&](std::string_view suffix) {
    if (w.size() <= suffix.size()) return false;
    for (std::size_t k = 0; k < suffix.size(); ++k) {
      const char c = w[w.size() - suffix.size() + k];
      if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != suffix[k]) return false;
    }
    return true;
  };
  return ends_with("callback") || ends_with("_cb") || ends_with("func") || ends_with("_fn") ||
         ends_with("handler") || ends_with("hook");
}

// The parameter's own name (`cb` in `foo_cb cb`) is its last identifier.
bool is_last_identifier(const std::vector<Code>& t, std::size_t i, std::size_t e) {
  for (std::size_t k = i + 1; k < e; ++k)
    if (t[k].kind == TokenKind::identifier) return false;
  return true;
}

// `struct handler *h`: a record's tag, not a typedef.
bool after_tag(const std::vector<Code>& t, std::size_t i, std::size_t b) {
  return i > b && t[i - 1].kind == TokenKind::identifier &&
         (spelled(t[i - 1].text, "struct") || spelled(t[i - 1].text, "union") || spelled(t[i - 1].text, "enum"));
}

std::uint16_t c_traits(const std::vector<Code>& t, std::string_view qualified_name) {
  std::uint16_t traits = 0;
  const std::size_t open = params_open(t, unqualified_name(qualified_name));
  // Before the name: linkage, inline, a returned pointer.
  for (std::size_t i = 0; i + 1 < open && i < t.size(); ++i) {
    const std::string_view w = t[i].text;
    if (t[i].kind == TokenKind::identifier) {
      // `static` in a class is a class member; in a namespace or at file
      // scope the function is local to its file.
      if (spelled(w, "static") && qualified_name.find("::") == std::string_view::npos) traits |= k_internal_linkage;
      else if (spelled(w, "inline") || spelled(w, "__inline") || spelled(w, "__inline__") ||
               spelled(w, "__always_inline") || spelled(w, "__forceinline"))
        traits |= k_inline;
    } else if (spelled(w, "*")) {
      traits |= k_returns_pointer;
    }
  }
  if (open >= t.size()) return traits;
  auto classify = [&](std::size_t b, std::size_t e) {
    bool pointer = false, callback = false, record = false;
    for (std::size_t i = b; i < e; ++i) {
      const std::string_view w = t[i].text;
      if (t[i].kind == TokenKind::punct) {
        if (spelled(w, "...")) traits |= k_variadic;
        else if (spelled(w, "*") || spelled(w, "[") || spelled(w, "&") || spelled(w, "&&")) pointer = true;
        else if (spelled(w, "(") && i + 1 < e && (is_punct(t[i + 1], "*") || is_punct(t[i + 1], "^")))
          callback = true;  // void (*cb)(int)
      } else if (t[i].kind == TokenKind::identifier) {
        if (spelled(w, "struct")) record = true;
        else if (spelled(w, "union")) {
          record = true;
          traits |= k_union_param;
        } else if (spelled(w, "std") && i + 2 < e && (t[i + 2].text == "function")) {
          callback = true;
        } else if (names_callback_type(w) && !is_last_identifier(t, i, e) && !after_tag(t, i, b)) {
          callback = true;  // mini_write_callback cb
        }
      }
    }
    if (callback) traits |= k_callback_param;
    else if (pointer) traits |= k_pointer_param;
    else if (record) traits |= k_struct_by_value;
  };
  const std::size_t close = each_param(t, open, classify);
  if (close < t.size()) each_old_style_declaration(t, close, classify);
  return traits;
}

std::uint16_t rust_traits(const std::vector<Code>& t, std::string_view name) {
  std::uint16_t traits = k_internal_linkage;
  const std::size_t open = params_open(t, unqualified_name(name));
  for (std::size_t i = 0; i < open && i < t.size(); ++i) {
    const std::string_view w = t[i].text;
    if (t[i].kind != TokenKind::identifier) continue;
    if (spelled(w, "pub")) traits &= static_cast<std::uint16_t>(~k_internal_linkage);
    else if (spelled(w, "no_mangle") || spelled(w, "export_name")) traits |= k_rust_export;
    else if (spelled(w, "extern") && i + 1 < t.size() && (t[i + 1].kind == TokenKind::string || spelled(t[i + 1].text, "fn")))
      traits |= k_rust_extern_abi;
    else if (spelled(w, "inline")) traits |= k_inline;
  }
  if (open >= t.size()) return traits;
  std::size_t close = open;
  each_param(t, open, [&](std::size_t b, std::size_t e) {
    close = e;
    bool pointer = false, callback = false;
    for (std::size_t i = b; i < e; ++i) {
      const std::string_view w = t[i].text;
      if (spelled(w, "...")) traits |= k_variadic;
      else if (spelled(w, "*") && i + 1 < e && (spelled(t[i + 1].text, "mut") || spelled(t[i + 1].text, "const")))
        pointer = true;
      else if (spelled(w, "fn") || spelled(w, "Fn") || spelled(w, "FnMut") || spelled(w, "FnOnce")) callback = true;
      else if (spelled(w, "&")) pointer = true;
    }
    if (callback) traits |= k_callback_param;
    else if (pointer) traits |= k_pointer_param;
  });
  // After the parameters: `-> *mut T`.
  for (std::size_t i = close; i + 1 < t.size(); ++i)
    if (is_punct(t[i], "->") && is_punct(t[i + 1], "*")) traits |= k_returns_pointer;
  return traits;
}

std::string one_line(const std::vector<Code>& t) {
  std::string out;
  for (const Code& c : t) {
    if (c.space_before && !out.empty()) out.push_back(' ');
    out.append(c.text);
    if (out.size() > k_max_signature_bytes) return {};
  }
  return out;
}

}  // namespace

void describe_signatures(std::string_view source, std::vector<FunctionFacts>& functions, SignatureDialect dialect) {
  std::vector<Code> tokens;
  for (FunctionFacts& fn : functions) {
    if (fn.signature_begin >= fn.body_begin || fn.body_begin > source.size()) continue;
    const std::string_view bytes = source.substr(fn.signature_begin, fn.body_begin - fn.signature_begin);
    if (dialect == SignatureDialect::rust) {
      code_tokens(bytes, tokens, [](std::string_view b, auto& sink) { return lex::lex_rust(b, sink); });
      fn.traits |= rust_traits(tokens, fn.name);
    } else {
      // A `static` function outside a class is local to its file: nothing
      // but its linkage is ever asked of it (the interface is what other
      // files call), so its signature is not read. Half the kernel's
      // functions; this keeps the structure pass within its budget.
      if (bytes.size() > 7 && bytes.compare(0, 6, "static") == 0 &&
          (bytes[6] == ' ' || bytes[6] == '\t' || bytes[6] == '\n') && fn.name.find("::") == std::string::npos) {
        fn.traits |= k_internal_linkage;
        continue;
      }
      code_tokens(bytes, tokens, [](std::string_view b, auto& sink) { return lex::lex_c(b, sink); });
      fn.traits |= c_traits(tokens, fn.name);
    }
    if (!fn.has(k_internal_linkage)) fn.signature = one_line(tokens);
  }
}

}  // namespace oxidize::parse
