#include "oxidize/structure/c_header_types.hpp"

#include <algorithm>

namespace oxidize::structure {

namespace {

using lex::TokenKind;

bool is_punct(const CToken& t, std::string_view p) { return t.kind == TokenKind::punct && t.text == p; }
bool is_word(const CToken& t, std::string_view w) { return t.kind == TokenKind::identifier && t.text == w; }

// One file-scope declaration's tokens without its `;`, and where preprocessor
// lines were taken out of it (indices into `tokens`).
struct Statement {
  std::vector<CToken> tokens;
  std::vector<std::size_t> directives;
};

// Splits a header into file-scope statements: `;` at depth 0 ends one,
// a function body ends (and drops) one, extern "C" { } is transparent.
template <class OnStatement>
void each_statement(const std::vector<CToken>& t, OnStatement&& on_statement) {
  Statement st;
  std::size_t depth = 0;         // (, [ and { inside the statement
  std::size_t transparent = 0;   // open extern "C" blocks
  for (std::size_t i = 0; i < t.size(); ++i) {
    const CToken& k = t[i];
    if (k.kind == TokenKind::directive) {
      while (i < t.size() && t[i].kind != TokenKind::directive_end) ++i;
      st.directives.push_back(st.tokens.size());
      continue;
    }
    if (k.kind == TokenKind::directive_end) continue;
    if (depth == 0 && st.tokens.empty() && is_word(k, "extern") && i + 2 < t.size() &&
        t[i + 1].kind == TokenKind::string && is_punct(t[i + 2], "{")) {
      ++transparent;
      i += 2;
      continue;
    }
    if (depth == 0 && is_punct(k, "}")) {
      if (transparent > 0) --transparent;
      st = {};
      continue;
    }
    if (depth == 0 && is_punct(k, ";")) {
      if (!st.tokens.empty()) on_statement(st);
      st = {};
      continue;
    }
    const bool opens = is_punct(k, "(") || is_punct(k, "[") || is_punct(k, "{");
    if (opens) {
      // `) {` at the top: a function's body, not a declaration.
      if (depth == 0 && is_punct(k, "{") && !st.tokens.empty() && is_punct(st.tokens.back(), ")")) {
        std::size_t body = 0;
        for (; i < t.size(); ++i) {
          if (t[i].kind != TokenKind::punct) continue;
          if (t[i].text == "{") ++body;
          else if (t[i].text == "}" && --body == 0) break;
        }
        st = {};
        continue;
      }
      ++depth;
    } else if ((is_punct(k, ")") || is_punct(k, "]") || is_punct(k, "}")) && depth > 0) {
      --depth;
    }
    st.tokens.push_back(k);
  }
}

bool is_builtin_word(std::string_view w) {
  return w == "void" || w == "char" || w == "short" || w == "int" || w == "long" || w == "signed" ||
         w == "unsigned" || w == "float" || w == "double" || w == "_Bool";
}

// Each object-like #define: its name, the tokens of its body, its line.
template <class OnDefine>
void each_define(const std::vector<CToken>& t, OnDefine&& on_define) {
  for (std::size_t i = 0; i + 2 < t.size(); ++i) {
    if (t[i].kind != TokenKind::directive || !is_word(t[i + 1], "define") || t[i + 2].kind != TokenKind::identifier)
      continue;
    const CToken& name = t[i + 2];
    std::size_t end = i + 3;
    while (end < t.size() && t[end].kind != TokenKind::directive_end) ++end;
    // `#define F(x)`: the `(` touches the name; a function-like macro.
    const bool function_like = i + 3 < end && is_punct(t[i + 3], "(") &&
                               t[i + 3].text.data() == name.text.data() + name.text.size();
    if (!function_like) on_define(name.text, std::span<const CToken>(t).subspan(i + 3, end - (i + 3)), name.line);
    i = end;
  }
}

// A declaration's tokens for a message: spaced only between words.
std::string field_text(std::span<const CToken> tokens) {
  std::string out;
  bool word_before = false;
  for (const CToken& t : tokens) {
    const bool word = t.kind == TokenKind::identifier || t.kind == TokenKind::number;
    if (word && word_before) out += ' ';
    word_before = word;
    out += t.text;
    if (out.size() > 60) {
      out += " ...";
      break;
    }
  }
  return out;
}

class Reader {
 public:
  explicit Reader(CHeaderTypes& out) : out_(out) {}

  // First pass: the names typedefs declare, so that the second pass can tell
  // a type name from an attribute macro wherever the typedef sits.
  void collect_names(const Statement& st) {
    if (st.tokens.empty() || !is_word(st.tokens.front(), "typedef")) return;
    const auto decl = parse_c_declaration(st.tokens, out_.typedef_names);
    if (!decl) return;
    for (const auto& d : decl->declarators)
      if (!d.name.empty()) out_.typedef_names.insert(d.name);
  }

  // `#define NAME long` (a type, read like a typedef) and `#define NAME 64`
  // (an array size); other macros say nothing about types.
  void define(std::string_view name, std::span<const CToken> body, std::uint32_t line, const std::string& path,
              bool names_only) {
    if (body.empty()) return;
    const bool builtin_words = std::all_of(body.begin(), body.end(), [](const CToken& t) {
      return t.kind == TokenKind::identifier && is_builtin_word(t.text);
    });
    if (builtin_words) {
      if (names_only) {
        out_.typedef_names.emplace(name);
        return;
      }
      path_ = &path;
      if (auto type = parse_c_type(body, out_.typedef_names)) add_typedef(std::string(name), std::move(*type), line);
      return;
    }
    if (names_only) return;
    std::string_view value;
    if (body.size() == 1 && body[0].kind == TokenKind::number) value = body[0].text;
    else if (body.size() == 3 && is_punct(body[0], "(") && body[1].kind == TokenKind::number && is_punct(body[2], ")"))
      value = body[1].text;
    if (value.empty()) return;
    auto [it, added] = out_.numbers.try_emplace(std::string(name), CNumber{std::string(value), false});
    if (!added && it->second.value != value) it->second.conflicting = true;
  }

  void read(const Statement& st, const std::string& path) {
    path_ = &path;
    records_in(st);
    auto decl = parse_c_declaration(st.tokens, out_.typedef_names);
    if (!decl) return;
    const std::uint32_t line = st.tokens.front().line;
    if (decl->is_typedef) {
      std::string anonymous_as;
      for (auto& d : decl->declarators) {
        if (d.name.empty()) continue;
        CType type = std::move(d.type);
        const bool record = type.base == CBase::struct_tag || type.base == CBase::union_tag;
        if (record && type.name.empty() && decl->has_body) {
          // typedef struct { ... } name, *name_p;: the record is known by
          // the first name that is not a pointer.
          if (anonymous_as.empty() && type.pointers.empty() && type.dims.empty()) {
            anonymous_as = d.name;
            add_record(anonymous_as, type.base == CBase::union_tag, st, decl->body_begin, decl->body_end);
          }
          if (anonymous_as.empty()) continue;
          type.name = anonymous_as;
        }
        add_typedef(d.name, std::move(type), line);
      }
      return;
    }
    if (!decl->is_extern) return;
    for (auto& d : decl->declarators) {
      if (d.name.empty() || (d.type.base == CBase::function && d.type.pointers.empty())) continue;  // a prototype
      out_.externs.try_emplace(d.name, CExternData{std::move(d.type), path, line});
    }
  }

 private:
  // Every `struct|union TAG {` of the statement (nested ones too: C gives
  // their tags file scope).
  void records_in(const Statement& st) {
    const auto& t = st.tokens;
    for (std::size_t i = 0; i + 2 < t.size(); ++i) {
      if (!(is_word(t[i], "struct") || is_word(t[i], "union")) || t[i + 1].kind != TokenKind::identifier ||
          !is_punct(t[i + 2], "{"))
        continue;
      std::size_t depth = 0, close = i + 2;
      for (; close < t.size(); ++close) {
        if (is_punct(t[close], "{")) ++depth;
        else if (is_punct(t[close], "}") && --depth == 0) break;
      }
      if (close >= t.size()) return;
      add_record(std::string(t[i + 1].text), is_word(t[i], "union"), st, i + 3, close);
    }
  }

  void add_record(const std::string& name, bool is_union, const Statement& st, std::size_t begin, std::size_t end) {
    CRecordBody body;
    body.is_union = is_union;
    body.file = *path_;
    body.line = begin > 0 ? st.tokens[begin - 1].line : 0;
    const auto directive_inside = std::find_if(st.directives.begin(), st.directives.end(),
                                               [&](std::size_t at) { return at > begin && at < end; });
    if (directive_inside != st.directives.end()) body.opaque_why = "its fields depend on #if lines";
    else read_fields(std::span<const CToken>(st.tokens).subspan(begin, end - begin), body);
    auto& table = is_union ? out_.unions : out_.structs;
    auto [it, added] = table.try_emplace(name, std::move(body));
    if (added || !it->second.opaque_why.empty()) return;
    // Defined again (another #if branch, another platform's header): trust
    // neither unless both say the same.
    const CRecordBody& again = body;  // not moved from: try_emplace found the name
    bool same = again.opaque_why.empty() && again.fields.size() == it->second.fields.size();
    for (std::size_t f = 0; same && f < again.fields.size(); ++f)
      same = again.fields[f].name == it->second.fields[f].name &&
             same_type(again.fields[f].type, it->second.fields[f].type);
    if (!same) it->second.opaque_why = "it is defined differently in two places (" + it->second.file + ", " +
                                       *path_ + ")";
  }

  void read_fields(std::span<const CToken> t, CRecordBody& body) {
    std::size_t begin = 0, depth = 0;
    for (std::size_t i = 0; i <= t.size(); ++i) {
      if (i < t.size()) {
        if (is_punct(t[i], "(") || is_punct(t[i], "[") || is_punct(t[i], "{")) ++depth;
        else if ((is_punct(t[i], ")") || is_punct(t[i], "]") || is_punct(t[i], "}")) && depth > 0) --depth;
        if (!(depth == 0 && is_punct(t[i], ";"))) continue;
      }
      const auto field = t.subspan(begin, i - begin);
      begin = i + 1;
      if (field.empty()) continue;
      const auto decl = parse_c_declaration(field, out_.typedef_names);
      if (!decl) {
        body.opaque_why = "it has a field not understood: " + field_text(field);
        return;
      }
      if (decl->has_body) {
        body.opaque_why = "it nests a struct or union";
        return;
      }
      if (decl->declarators.empty()) {
        body.opaque_why = "it has an anonymous member";
        return;
      }
      for (const auto& d : decl->declarators) {
        if (!d.bits.empty()) {
          body.opaque_why = "it has bitfields";
          return;
        }
        if (d.name.empty() || (d.type.base == CBase::function && d.type.pointers.empty())) {
          body.opaque_why = "it has a field not understood: " + field_text(field);
          return;
        }
        body.fields.push_back({d.name, d.type});
      }
    }
  }

  void add_typedef(const std::string& name, CType type, std::uint32_t line) {
    auto [it, added] = out_.typedefs.try_emplace(name, CTypedef{type, *path_, line, {}});
    if (added || same_type(it->second.type, type)) return;
    for (const CType& other : it->second.alternatives)
      if (same_type(other, type)) return;
    it->second.alternatives.push_back(std::move(type));
  }

  CHeaderTypes& out_;
  const std::string* path_ = nullptr;
};

}  // namespace

CHeaderTypes read_header_types(std::span<const HeaderText> headers) {
  CHeaderTypes out;
  std::vector<std::vector<CToken>> tokens;
  tokens.reserve(headers.size());
  for (const HeaderText& h : headers) tokens.push_back(c_tokens(h.text));
  Reader reader(out);
  for (std::size_t h = 0; h < headers.size(); ++h) {
    each_statement(tokens[h], [&](const Statement& st) { reader.collect_names(st); });
    each_define(tokens[h], [&](std::string_view name, std::span<const CToken> body, std::uint32_t line) {
      reader.define(name, body, line, headers[h].path, /*names_only=*/true);
    });
  }
  for (std::size_t h = 0; h < headers.size(); ++h) {
    each_define(tokens[h], [&](std::string_view name, std::span<const CToken> body, std::uint32_t line) {
      reader.define(name, body, line, headers[h].path, /*names_only=*/false);
    });
    each_statement(tokens[h], [&](const Statement& st) { reader.read(st, headers[h].path); });
  }
  return out;
}

}  // namespace oxidize::structure
