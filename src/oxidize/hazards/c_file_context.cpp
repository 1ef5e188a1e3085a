// What the flow analysis knows of a C/C++ file outside its functions: the
// integer and string macros, the function-like macros and the names they
// use, the lines of preprocessor conditionals, the functions defined here,
// and the file-scope arrays and pointers with their sizes.
#include <string_view>
#include <unordered_set>

#include "oxidize/hazards/c_argument_reads.hpp"
#include "oxidize/hazards/c_flow_model.hpp"

namespace oxidize::hazards::flow {

namespace {

// A context for constant expressions at file scope: macros only.
class MacroContext final : public ExpressionContext {
 public:
  explicit MacroContext(const std::unordered_map<std::string_view, std::int64_t>& m) : m_(m) {}
  std::optional<Interval> value_of(std::string_view name) const override {
    const auto it = m_.find(name);
    if (it == m_.end()) return std::nullopt;
    return Interval::point(it->second);
  }
  std::optional<std::int64_t> size_of(const TokenView& v, Range what) const override {
    return basic_type_size(v, what);
  }

 private:
  const std::unordered_map<std::string_view, std::int64_t>& m_;
};


}  // namespace

// Parses one declarator starting at `i` (after the type words or a comma);
// returns the index after it (at `,` or `;`) or npos when it is not one.
std::size_t parse_declarator(const TokenView& v, std::size_t i, std::size_t end, Declarator& d) {
  while (i < end && (v.is(i, "*") || v.is(i, "const") || v.is(i, "restrict") || v.is(i, "__restrict") ||
                     v.is(i, "volatile"))) {
    if (v.is(i, "*")) ++d.stars;
    ++i;
  }
  // C++ references (`T &r = x`, `T *&r = p`): an alias, which must be
  // initialised (so `a & b;` stays an expression).
  if (i + 2 < end && v.is(i, "&") && v.is_identifier(i + 1) && v.is(i + 2, "=")) {
    d.reference = true;
    ++i;
  }
  if (i >= end || !v.is_identifier(i) || is_keyword(v.text(i))) return npos;
  d.name = i++;
  while (i < end && v.is(i, "[")) {
    const std::size_t close = v.match(i);
    if (close == npos || close >= end) return npos;
    if (d.ndims < 3) d.dims[d.ndims] = {i + 1, close};
    if (close == i + 1 && d.ndims == 0) d.unsized_array = true;
    ++d.ndims;
    i = close + 1;
  }
  // Attributes after the declarator (`__attribute__((aligned(8)))`, `__aligned(8)`).
  while (i < end && v.is_identifier(i) && i + 1 < end && v.is(i + 1, "(") && v.text(i).starts_with("__")) {
    const std::size_t close = v.match(i + 1);
    if (close == npos || close >= end) return npos;
    i = close + 1;
  }
  if (i < end && v.is(i, "=")) {
    std::size_t j = i + 1;
    while (j < end && !v.is(j, ",") && !v.is(j, ";")) {
      const std::size_t m = v.match(j);
      j = (m != npos && m > j) ? m + 1 : j + 1;
    }
    d.init = {i + 1, j};
    i = j;
  }
  if (i < end && (v.is(i, ",") || v.is(i, ";"))) return i;
  return npos;
}

// The type words of a declaration starting at `i`: identifiers (and
// `struct x`, `unsigned long`) followed by a declarator. Returns the index of
// the first declarator token, or npos.
std::size_t type_words_end(const TokenView& v, std::size_t i, std::size_t end) {
  std::size_t words = 0;
  std::size_t j = i;
  while (j < end && v.is_identifier(j) && !is_keyword(v.text(j))) {
    ++words;
    ++j;
    // Template arguments and `::` in C++ types: not followed here.
  }
  if (words == 0 || j >= end) return npos;
  // `T x` (two words at least, the last is the name) or `T *x`.
  if (v.is(j, "*")) return j;
  if (v.is(j, "&") && j + 2 < end && v.is_identifier(j + 1) && v.is(j + 2, "=")) return j;  // C++ `T &r = x`
  if (words >= 2) return j - 1;
  return npos;
}

// A function of this file whose every return statement returns NULL (any of
// them, for a name defined more than once). Asked of the callee of an
// assignment `p = f(...)`: its body is read then, once per name, instead
// of every body of the file up front.
bool FileContext::returns_null(std::string_view name) const {
  const auto found = defined_.find(name);
  if (found == defined_.end()) return false;
  if (const auto known = returns_null_.find(name); known != returns_null_.end()) return known->second;
  const auto stub = [&](const parse::FunctionFacts& fn) {
    if (inside_conditional(fn.start_line)) return false;  // one platform's stub
    const std::size_t open = v_.index_at_offset(fn.body_begin);
    const std::size_t close = open < v_.size() ? v_.match(open) : npos;
    if (close == npos) return false;
    std::size_t returns = 0;
    bool all_null = true;
    for (std::size_t t = open + 1; t < close && all_null; ++t) {
      if (!v_.is(t, "return")) continue;
      ++returns;
      // `return NULL;` or `return (NULL);`: NULL, nullptr or 0, in parentheses or not.
      std::size_t value = t + 1;
      std::size_t parens = 0;
      while (parens < 4 && v_.is(value, "(")) ++value, ++parens;
      all_null = v_.is(value, "NULL") || v_.is(value, "nullptr") || v_.is(value, "0");
      for (std::size_t p = 1; p <= parens && all_null; ++p) all_null = v_.is(value + p, ")");
      all_null = all_null && v_.is(value + parens + 1, ";");
    }
    return returns > 0 && all_null;
  };
  bool any = false;
  for (std::size_t k = found->second; k != k_none && !any; k = same_name_before_[k]) any = stub(functions_[k]);
  returns_null_.emplace(found->first, any);
  return any;
}

namespace {

// NULL, TS_INFO_BAD_ALG, OPT_HELP_STR: a constant or a macro by convention.
bool is_macro_like(std::string_view name) {
  if (name.empty() || name == "NULL") return true;
  for (const char c : name)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

// The `(` of a definition's parameter list: the first `name(` from its
// signature's start (npos when the name is spelled otherwise, as through
// PNG_FUNCTION).
std::size_t parameter_list(const TokenView& v, const parse::FunctionFacts& fn, std::string_view name) {
  const std::size_t open_body = v.index_at_offset(fn.body_begin);
  std::size_t k = v.index_at_offset(fn.signature_begin);
  while (k < open_body && !(v.is(k, "(") && k > 0 && v.is_identifier(k - 1) && v.text(k - 1) == name)) ++k;
  return k < open_body ? k : npos;
}

}  // namespace

std::optional<FileContext::FunctionSummary> FileContext::summarize(const parse::FunctionFacts& fn) const {
  if (inside_conditional(fn.start_line)) return std::nullopt;
  const std::string_view name = unqualified_name(fn.name);
  const std::size_t open = v_.index_at_offset(fn.body_begin);
  const std::size_t close = open < v_.size() ? v_.match(open) : npos;
  if (close == npos) return std::nullopt;
  const std::size_t k = parameter_list(v_, fn, name);
  if (k == npos) return std::nullopt;
  // The pointer parameters: their names, by position.
  const auto params = v_.arguments(k);
  std::vector<std::string_view> pointers(std::min<std::size_t>(params.size(), 64));
  for (std::size_t n = 0; n < pointers.size(); ++n) {
    bool pointer = false;
    std::string_view last;
    for (std::size_t t = params[n].begin; t < params[n].end; ++t) {
      if (v_.is(t, "*") || v_.is(t, "[")) pointer = true;
      if (v_.is(t, "[")) break;
      if (v_.is_identifier(t)) last = v_.text(t);
    }
    if (pointer && !last.empty() && !is_keyword(last)) pointers[n] = last;
  }
  const auto param_index = [&](std::string_view word) -> std::size_t {
    for (std::size_t n = 0; n < pointers.size(); ++n)
      if (!pointers[n].empty() && pointers[n] == word) return n;
    return npos;
  };
  FunctionSummary s;
  // Parameters no longer followed: met in a condition, in a nested block or
  // in a statement a condition controls, or assigned, or freed already.
  std::uint64_t touched = 0;
  const auto touch_range = [&](std::size_t from, std::size_t to) {
    for (std::size_t u = from; u < to && u < close; ++u)
      if (const std::size_t q = param_index(v_.text(u)); q != npos) touched |= std::uint64_t{1} << q;
  };
  std::unordered_set<std::string_view, NameHash> shadowed;  // locals named like a global
  int depth = 0;
  bool last_statement = false;  // a `return` at the top level: its expression still runs
  for (std::size_t t = open + 1; t < close; ++t) {
    const std::string_view w = v_.text(t);
    if (w == "{") {
      ++depth;
      continue;
    }
    if (w == "}") {
      --depth;
      continue;
    }
    if (w == ";" && depth == 0 && last_statement) break;
    if (w == "return" && depth == 0) {
      last_statement = true;
      continue;
    }
    if (w == "return" || w == "goto" || w == "break" || w == "continue" || w == "exit" || w == "abort" ||
        w == "longjmp" || w == "_exit" || w == "throw")
      break;
    if (depth > 0) {  // inside a controlled or nested block: nothing there is sure
      touch_range(t, t + 1);
      continue;
    }
    if (w == "if" || w == "while" || w == "for" || w == "switch" || w == "else" || w == "do") {
      std::size_t end = t;  // the header's last token
      if (v_.is(t + 1, "(") && v_.match(t + 1) != npos) end = v_.match(t + 1);
      touch_range(t + 1, end + 1);
      if (!v_.is(end + 1, "{") && w != "do") {
        // An unbraced body: up to its `;` (brackets skipped), not sure either.
        std::size_t u = end + 1;
        while (u < close && !v_.is(u, ";")) {
          const std::size_t m = v_.match(u);
          u = m != npos && m > u ? m + 1 : u + 1;
        }
        touch_range(end + 1, u + 1);
        t = u;
      } else {
        t = end;
      }
      continue;
    }
    if (w == "?" || w == "&&" || w == "||") {
      // The rest of the statement runs only sometimes.
      std::size_t u = t + 1;
      while (u < close && !v_.is(u, ";")) ++u;
      touch_range(t + 1, u);
      t = u;
      continue;
    }
    if (!v_.is_identifier(t)) continue;
    // A local declared with a global's name hides it.
    if ((v_.is(t + 1, "=") || v_.is(t + 1, ";") || v_.is(t + 1, "[") || v_.is(t + 1, ",")) &&
        (v_.is_identifier(t - 1) || v_.is(t - 1, "*")) && !is_keyword(v_.text(t - 1)))
      shadowed.insert(w);
    const bool freeing = (w == "free" || w == "kfree" || w == "g_free" || w == "OPENSSL_free") && v_.is(t + 1, "(") &&
                         v_.match(t + 1) == t + 3 && v_.is_identifier(t + 2);
    if (freeing) {
      const std::string_view freed = v_.text(t + 2);
      if (const std::size_t q = param_index(freed); q != npos) {
        if (!(touched >> q & 1)) s.frees |= std::uint64_t{1} << q;
        touched |= std::uint64_t{1} << q;
      } else if (global(freed) != nullptr && shadowed.count(freed) == 0) {
        s.freed_globals.push_back(freed);
      }
      t += 3;
      continue;
    }
    // A library call reading a parameter's string.
    if (v_.is(t + 1, "(") && defined_.count(w) == 0) {
      const unsigned reached = argument_reads(w).pointees;
      const auto args = reached != 0 ? v_.arguments(t + 1) : TokenView::RangeList{};
      for (std::size_t n = 0; n < args.size() && n < 32; ++n) {
        if (args[n].size() != 1 || (reached >> n & 1U) == 0) continue;
        const std::size_t q = param_index(v_.text(args[n].begin));
        if (q != npos && !(touched >> q & 1)) s.dereferences |= std::uint64_t{1} << q;
      }
      continue;
    }
    const std::size_t p = param_index(w);
    if (p == npos) continue;
    const std::uint64_t bit = std::uint64_t{1} << p;
    if (touched & bit) continue;
    const bool star = v_.is(t - 1, "*") && !v_.is_identifier(t - 2) && !v_.is(t - 2, ")") && !v_.is(t - 2, "]") &&
                      !v_.is_number(t - 2);
    const bool deref = star || v_.is(t + 1, "[") || v_.is(t + 1, "->");
    const bool assigned = !star && (is_assignment_operator(v_.text(t + 1)) || v_.is(t + 1, "++") ||
                                    v_.is(t + 1, "--") || v_.is(t - 1, "++") || v_.is(t - 1, "--") ||
                                    v_.is(t - 1, "&"));
    if (assigned) touched |= bit;
    else if (deref) s.dereferences |= bit;
  }
  return s;
}

const FileContext::FunctionSummary* FileContext::summary(std::string_view name) const {
  const auto found = defined_.find(name);
  if (found == defined_.end()) return nullptr;
  auto known = summaries_.find(name);
  if (known == summaries_.end()) {
    std::optional<FunctionSummary> merged;
    bool first = true;
    for (std::size_t k = found->second; k != k_none; k = same_name_before_[k]) {
      auto s = summarize(functions_[k]);
      if (!s) {
        merged.reset();
        break;
      }
      if (first) {
        merged = std::move(s);
        first = false;
      } else {
        merged->dereferences &= s->dereferences;
        merged->frees &= s->frees;
        if (merged->freed_globals != s->freed_globals) merged->freed_globals.clear();
      }
    }
    known = summaries_.emplace(found->first, std::move(merged)).first;
  }
  return known->second ? &*known->second : nullptr;
}

// `#define ALLOCA(n) alloca(n)`, `#define ngx_free(p) (void) free(p)`: a
// function-like macro whose body is one call of a library function, every
// argument one of the macro's parameters, read as that function with its
// arguments mapped (as a declared wrapper is). Casts and parentheses around
// the call are allowed; anything else in the body (`memcpy(d, s, n) + n`)
// makes it no forwarder.
void FileContext::find_forwarding_macros(const SourceNotes& notes) {
  for (const FunctionMacro& m : notes.function_macros) {
    const auto& tk = m.tokens;
    if (tk.size() < 5 || tk.size() >= k_macro_tokens || tk[0] != "(") continue;
    // The parameters.
    std::vector<std::string_view> params;
    std::size_t k = 1;
    for (; k < tk.size() && tk[k] != ")"; ++k)
      if (tk[k] != ",") params.push_back(tk[k]);
    if (k >= tk.size()) continue;
    ++k;
    // Leading `(`s and casts: `( void )`, `( char * )`.
    std::size_t open_parens = 0;
    while (k < tk.size() && tk[k] == "(") {
      std::size_t c = k + 1;
      bool cast = true;
      while (c < tk.size() && tk[c] != ")" && tk[c] != "(") {
        const char first = tk[c].empty() ? '\0' : tk[c][0];
        cast = cast && (tk[c] == "*" || (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') || first == '_');
        ++c;
      }
      // `( type words [*] )` then the call: a cast.
      const bool type = cast && c < tk.size() && tk[c] == ")" && c > k + 1 && c + 1 < tk.size() &&
                        tk[c + 1] != "(" && tk[c + 1] != ")";
      if (type) {
        k = c + 1;
      } else {
        ++open_parens;
        ++k;
      }
    }
    if (k + 2 >= tk.size()) continue;
    const std::string_view callee = tk[k];
    const LibraryCall* lib = library_call(callee);
    if (lib == nullptr || tk[k + 1] != "(") continue;
    // The call's arguments: each one parameter, perhaps in parentheses.
    ProjectFunction f;
    f.call = *lib;
    std::size_t a = k + 2;
    bool ok = true;
    std::size_t mapped = 0;
    while (ok && a < tk.size() && tk[a] != ")") {
      std::size_t b = a;
      bool wrapped = false;
      if (tk[b] == "(") {
        wrapped = true;
        ++b;
      }
      const auto found = b < tk.size() ? std::find(params.begin(), params.end(), tk[b]) : params.end();
      if (found == params.end() || mapped >= k_max_mapped_arguments) {
        ok = false;
        break;
      }
      f.args[mapped++] = static_cast<std::int8_t>(found - params.begin());
      ++b;
      if (wrapped) {
        if (b >= tk.size() || tk[b] != ")") {
          ok = false;
          break;
        }
        ++b;
      }
      if (b < tk.size() && tk[b] == ",") ++b;
      else if (b >= tk.size() || tk[b] != ")") ok = false;
      a = b;
    }
    if (!ok || a >= tk.size()) continue;
    // Nothing after the call but the closing parentheses.
    std::size_t rest = a + 1;
    while (open_parens > 0 && rest < tk.size() && tk[rest] == ")") {
      --open_parens;
      ++rest;
    }
    if (open_parens != 0 || rest != tk.size()) continue;
    f.mapped = static_cast<std::uint8_t>(mapped);
    forwarding_macros_.emplace(m.name, f);
  }
}

bool FileContext::inside_conditional(std::uint32_t line) const {
  const auto after = std::lower_bound(conditional_lines_.begin(), conditional_lines_.end(), line);
  if (after == conditional_lines_.begin()) return false;
  const auto k = static_cast<std::size_t>(after - conditional_lines_.begin()) - 1;
  return k < conditional_depth_.size() && conditional_depth_[k] > 0;
}

std::optional<std::int64_t> FileContext::returns_constant(std::string_view name) const {
  const auto found = defined_.find(name);
  if (found == defined_.end()) return std::nullopt;
  if (const auto known = returns_constant_.find(name); known != returns_constant_.end()) return known->second;
  const MacroContext constants(macros_);
  const auto constant_of = [&](const parse::FunctionFacts& fn) -> std::optional<std::int64_t> {
    // A definition inside `#if` may be one platform's stub (`ssize_t
    // readlink(...) { return -1; }` for VxWorks) that others replace.
    if (inside_conditional(fn.start_line)) return std::nullopt;
    // A `#if` inside may hold other returns the parser did not follow.
    const auto lines = std::lower_bound(conditional_lines_.begin(), conditional_lines_.end(), fn.start_line);
    if (lines != conditional_lines_.end() && *lines <= fn.end_line) return std::nullopt;
    const std::size_t open = v_.index_at_offset(fn.body_begin);
    const std::size_t close = open < v_.size() ? v_.match(open) : npos;
    if (close == npos) return std::nullopt;
    std::optional<std::int64_t> value;
    for (std::size_t t = open + 1; t < close; ++t) {
      if (!v_.is(t, "return")) continue;
      std::size_t end = t + 1;
      while (end < close && !v_.is(end, ";")) ++end;
      const auto v = end > t + 1 ? evaluate(v_, {t + 1, end}, constants) : std::nullopt;
      if (!v || !v->is_point() || (value && *value != v->lo)) return std::nullopt;
      value = v->lo;
      t = end;
    }
    return value;
  };
  std::optional<std::int64_t> result;
  bool first = true;
  for (std::size_t k = found->second; k != k_none; k = same_name_before_[k]) {
    const auto c = constant_of(functions_[k]);
    if (!c || (!first && result != c)) {
      result.reset();
      break;
    }
    result = c;
    first = false;
  }
  returns_constant_.emplace(found->first, result);
  return result;
}

FileContext::FileContext(const TokenView& v, const SourceNotes& notes, std::span<const parse::FunctionFacts> functions,
                         bool cpp, const ProjectFunctions* project)
    : project_(project != nullptr && !project->empty() ? project : nullptr), cpp_(cpp), v_(v), functions_(functions) {
  // A macro defined twice with different values (one per #if branch) is
  // not known: which one holds depends on the configuration.
  std::unordered_set<std::string_view> ambiguous;
  for (const auto& m : notes.macros) {
    const auto [it, fresh] = macros_.emplace(m.name, m.value);
    if (!fresh && it->second != m.value) ambiguous.insert(m.name);
  }
  for (auto name : ambiguous) macros_.erase(name);
  conditional_lines_ = notes.conditional_lines;
  {
    std::int32_t depth = 0;
    conditional_depth_.reserve(notes.conditional_kinds.size());
    for (const std::int8_t kind : notes.conditional_kinds) conditional_depth_.push_back(depth += kind);
    // An include guard: the first directive opens, and the nesting first
    // comes back to zero at the last one.
    const auto closed = std::find(conditional_depth_.begin(), conditional_depth_.end(), 0);
    if (!conditional_depth_.empty() && conditional_depth_.front() == 1 && closed != conditional_depth_.end() &&
        closed + 1 == conditional_depth_.end())
      for (auto& d : conditional_depth_) d = std::max(0, d - 1);
  }
  for (const auto& m : notes.string_macros) string_macros_[m.name] = m.literal;
  for (const auto& m : notes.function_macros) function_macros_[m.name] = &m.body_names;
  find_forwarding_macros(notes);
  for (const auto& m : notes.statement_macros) statement_macros_[m.name] = &m.body_names;
  same_name_before_.assign(functions.size(), k_none);
  for (std::size_t k = 0; k < functions.size(); ++k) {
    const auto [it, fresh] = defined_.try_emplace(unqualified_name(functions[k].name), k);
    if (!fresh) {
      same_name_before_[k] = it->second;
      it->second = k;
    }
  }
  if (cpp) reference_parameters(v, functions);
  const MacroContext constants(macros_);
  // Global declarations: statements at brace depth 0, outside function
  // bodies (which are skipped whole by their matching brace).
  std::vector<std::size_t> literal_declared;  // names of globals initialised with a literal
  std::size_t fn = 0;
  std::size_t i = 0;
  const std::size_t n = v.size();
  while (i < n) {
    while (fn < functions.size() && functions[fn].body_end < v.begin(i)) ++fn;
    if (v.is(i, "{")) {
      const std::size_t close = v.match(i);
      i = close == npos ? i + 1 : close + 1;
      continue;
    }
    // One declaration candidate: from here to the next `;` at this depth.
    std::size_t end = i;
    while (end < n && !v.is(end, ";") && !(v.is(end, "{") && !(end > 0 && v.is(end - 1, "="))) && !v.is(end, "}")) {
      // An initialiser's braces (`= { ... }`) belong to the declaration.
      const std::size_t m = v.match(end);
      end = (m != npos && m > end) ? m + 1 : end + 1;
    }
    if (end >= n || !v.is(end, ";")) {
      i = end > i ? end : i + 1;  // a stray `}` at file scope: step over it
      continue;
    }
    // `typedef const char *png_const_charp;` names a type, not a variable.
    if (v.is(i, "typedef")) {
      i = end + 1;
      continue;
    }
    std::size_t k = i;
    bool is_const = false;
    while (k < end && (v.is(k, "static") || v.is(k, "extern") || v.is(k, "const"))) is_const = v.is(k++, "const") || is_const;
    const std::size_t first = type_words_end(v, k, end);
    for (std::size_t t = k; t < first && first != npos; ++t) is_const = is_const || v.is(t, "const");
    if (first != npos) {
      std::string_view type = v.text(first - 1);
      const auto type_size = basic_type_size(v, {k, first});
      std::size_t d = first;
      while (d < end) {
        Declarator decl;
        const std::size_t next = parse_declarator(v, d, end + 1, decl);
        if (next == npos) break;
        Var g;
        g.type = type;
        g.kind = decl.ndims > 0   ? Kind::array
                 : decl.stars > 0 ? Kind::pointer
                 : type_size      ? Kind::scalar
                                  : Kind::other;
        g.elem_size = decl.stars > 0 && decl.ndims > 0 ? 8 : decl.stars > 0 ? (type_size ? *type_size : 0)
                                                                           : (type_size ? *type_size : 0);
        if (decl.ndims > 0 && decl.stars == 0) g.elem_size = type_size ? *type_size : 0;
        for (int k2 = 0; k2 < std::min(decl.ndims, 3); ++k2) {
          if (auto size = evaluate(v, decl.dims[k2], constants); size && size->is_point()) g.dims[k2] = size->lo;
        }
        if (decl.ndims > 0 && g.dims[0] < 0) g.size_tokens = decl.dims[0];
        if (decl.ndims > 0) {
          g.extent.length = g.dims[0];
          g.points.target = Target::array;
          g.extent.base = v.text(decl.name);
        }
        if (!v.is(decl.name + 1, "(")) {
          globals_[v.text(decl.name)] = g;
          global_names_.add(NameHash{}(v.text(decl.name)));
          if (!decl.init.empty() && literal_expression(v, decl.init, *this)) literal_declared.push_back(decl.name);
          if (type == "char") note_literal_table(v, d, decl);
          else note_struct_table(v, is_const, decl);
          if (is_const && decl.stars == 0 && decl.ndims == 0 && type_size && !decl.init.empty())
            if (const auto value = evaluate(v, decl.init, constants); value && value->is_point())
              constants_[v.text(decl.name)] = value->lo;
        }
        d = next + 1;
        if (v.is(next, ";")) break;
      }
    }
    i = end + 1;
  }
  if (!literal_declared.empty()) find_literal_globals(v, literal_declared);
}

bool written_as_buffer(const TokenView& v, std::size_t t) {
  if (t < 2 || !v.is(t - 1, "(") || !v.is_identifier(t - 2)) return false;
  const LibraryCall* lib = library_call(v.text(t - 2));
  if (lib == nullptr) return false;
  switch (lib->kind) {
    case CallKind::copy_unbounded:
    case CallKind::append_unbounded:
    case CallKind::format_unbounded:
    case CallKind::bounded_string:
    case CallKind::memory:
    case CallKind::read_line_unbounded:
      return true;
    case CallKind::format:
      return lib->format_arg > 0;  // snprintf's buffer
    default:
      return false;
  }
}

std::size_t after_condition(const TokenView& v, Range r) {
  for (std::size_t t = r.begin; t < r.end; ++t) {
    if (v.is(t, "?")) return t + 1;
    const std::size_t m = v.match(t);
    if (m != npos && m > t && m < r.end) t = m;
  }
  return r.begin;
}

bool literal_expression(const TokenView& v, Range r, const FileContext& file) {
  if (r.empty()) return false;
  // `names[i]`, `preload_hosts[s->index++].exp`: an element of a constant
  // table that holds only literals.
  if (r.size() >= 4 && v.is_identifier(r.begin) && v.is(r.begin + 1, "[") && file.literal_table(v.text(r.begin)) >= 0) {
    const std::size_t close = v.match(r.begin + 1);
    if (close != npos && (close + 1 == r.end || (close + 3 == r.end && v.is(close + 1, ".") && v.is_identifier(close + 2))))
      return true;
  }
  // `{ 0x54, 0x4c, 'S', 0 }`: a character array spelled element by element.
  if (v.is(r.begin, "{") && v.match(r.begin) == r.end - 1 && r.size() > 2) {
    for (std::size_t t = r.begin + 1; t + 1 < r.end; ++t)
      if (!(v.is_number(t) || v.token(t).kind == lex::TokenKind::character || v.is(t, ","))) return false;
    return true;
  }
  bool literal = false;
  for (std::size_t t = after_condition(v, r); t < r.end; ++t) {
    if (v.is_string(t) || (v.is_identifier(t) && file.string_macro(v.text(t)) != nullptr)) {
      literal = true;
    } else if (v.is_identifier(t) && v.is(t + 1, "(") &&
               (v.text(t) == "_" || v.text(t) == "N_" || v.text(t) == "gettext" || v.text(t) == "_T" ||
                v.text(t) == "TEXT" || v.text(t) == "L")) {
      // Message catalogues and wide-text macros wrap a literal.
    } else if (!(v.is(t, ":") || v.is(t, "?") || v.is(t, "(") || v.is(t, ")"))) {
      return false;
    }
  }
  return literal;
}

void FileContext::find_literal_globals(const TokenView& v, const std::vector<std::size_t>& declared) {
  for (std::size_t index : declared) literal_globals_.insert(v.text(index));
  // Any other assignment or escape of the name, anywhere in the file, and
  // it may hold something else.
  std::size_t next_declared = 0;
  for (std::size_t t = 0; t < v.size(); ++t) {
    if (next_declared < declared.size() && declared[next_declared] == t) {
      ++next_declared;
      continue;
    }
    if (!v.is_identifier(t)) continue;
    const auto it = literal_globals_.find(v.text(t));
    if (it == literal_globals_.end()) continue;
    if (t > 0 && (v.is(t - 1, ".") || v.is(t - 1, "->"))) continue;  // a member of that name
    if ((t > 0 && v.is(t - 1, "&")) || is_assignment_operator(v.text(t + 1)) || written_as_buffer(v, t))
      literal_globals_.erase(it);
  }
}

// C++: which parameters of each function of the file are non-const lvalue
// references (`int &n`, `T *&p`): a call writes the variables it passes
// there, it does not read them. Overloads share a name: their masks are
// joined (a call may reach either).
void FileContext::reference_parameters(const TokenView& v, std::span<const parse::FunctionFacts> functions) {
  for (const auto& fn : functions) {
    const std::string_view name = unqualified_name(fn.name);
    const std::size_t k = parameter_list(v, fn, name);
    if (k == npos) continue;
    const auto params = v.arguments(k);
    std::uint64_t mask = 0;
    for (std::size_t n = 0; n < params.size() && n < 64; ++n) {
      // What the `&` refers to is const when `const` qualifies the level
      // right before it: `const T &x`, `T const &x`, `T *const &p` read;
      // `T &x` and `const T *&p` (a reference to a non-const pointer) write.
      bool constant = false;
      for (std::size_t t = params[n].begin; t < params[n].end; ++t) {
        if (v.is(t, "const")) constant = true;
        else if (v.is(t, "*")) constant = false;
        else if (v.is(t, "&")) {
          if (!constant) mask |= std::uint64_t{1} << n;
          break;
        }
      }
    }
    if (mask != 0) reference_params_[name] |= mask;
  }
}

// `static const char *const names[] = { "rgb", "rgba", NULL };`: a table of
// string literals that cannot change (the pointers are const): an element
// is at most as long as the longest literal (its spelling, escapes
// counted as written, is an upper bound).
void FileContext::note_literal_table(const TokenView& v, std::size_t from, const Declarator& decl) {
  if (decl.ndims != 1 || decl.stars != 1 || decl.init.size() < 3 || !v.is(decl.init.begin, "{") ||
      v.match(decl.init.begin) != decl.init.end - 1)
    return;
  bool const_pointer = false;
  for (std::size_t t = from; t + 1 < decl.name; ++t) const_pointer = const_pointer || (v.is(t, "*") && v.is(t + 1, "const"));
  if (!const_pointer) return;
  note_literal_elements(v, decl);
}

// `static const struct entry hosts[] = { { "a.example", "2037" }, { NULL, NULL } };`:
// a constant table of structures whose initialiser holds nothing but
// string literals, numbers, NULL, constants in capitals, braces and commas:
// every string member of every element is a literal.
void FileContext::note_struct_table(const TokenView& v, bool is_const, const Declarator& decl) {
  if (!is_const || decl.ndims != 1 || decl.stars != 0 || decl.init.size() < 5 || !v.is(decl.init.begin, "{") ||
      v.match(decl.init.begin) != decl.init.end - 1 || !v.is(decl.init.begin + 1, "{"))
    return;
  std::int64_t longest = -1;
  for (std::size_t t = decl.init.begin; t < decl.init.end; ++t) {
    const std::string_view s = v.text(t);
    if (v.is_string(t)) {
      if (s.size() < 2 || s.front() != '"') return;
      longest = std::max<std::int64_t>(longest, static_cast<std::int64_t>(s.size()) - 2);
    } else if (v.is_identifier(t)) {
      if (!is_macro_like(s)) return;  // a lowercase name may point anywhere
    } else if (!(v.is_number(t) || s == "{" || s == "}" || s == "," || s == "-" || s == "|" ||
                 v.token(t).kind == lex::TokenKind::character)) {
      return;
    }
  }
  if (longest >= 0) literal_tables_[v.text(decl.name)] = longest;
}

void FileContext::note_literal_elements(const TokenView& v, const Declarator& decl) {
  std::int64_t longest = 0;
  const auto elements = v.arguments(decl.init.begin);
  for (std::size_t e = 0; e < elements.size(); ++e) {
    const Range element = elements[e];
    if (element.empty()) continue;  // a trailing comma
    if (element.size() == 1 && (v.is(element.begin, "NULL") || v.is(element.begin, "0"))) continue;
    std::int64_t length = 0;
    for (std::size_t t = element.begin; t < element.end; ++t) {
      const std::string_view s = v.text(t);
      if (!v.is_string(t) || s.size() < 2 || s.front() != '"') return;  // not a plain literal
      length += static_cast<std::int64_t>(s.size()) - 2;
    }
    longest = std::max(longest, length);
  }
  literal_tables_[v.text(decl.name)] = longest;
}

const FileContext::MemberArray* FileContext::member_array(std::string_view name) const {
  if (!member_arrays_) find_member_arrays();
  const auto it = member_arrays_->find(name);
  return it == member_arrays_->end() || it->second.size_tokens.empty() ? nullptr : &it->second;
}

// The array members of the file's struct and union definitions: `struct s
// { ...; char name[SIZE]; ... }`, one declarator to a member statement. A
// name declared twice with a different size or type is dropped (marked by
// an empty size).
void FileContext::find_member_arrays() const {
  const TokenView& v = v_;
  const MacroContext constants(macros_);
  auto& member_arrays = member_arrays_.emplace();
  for (std::size_t i = 0; i + 2 < v.size(); ++i) {
    if (!(v.is(i, "struct") || v.is(i, "union"))) continue;
    std::size_t open = i + 1;
    if (v.is_identifier(open)) ++open;
    if (!v.is(open, "{")) continue;
    const std::size_t close = v.match(open);
    if (close == npos) continue;
    std::size_t start = open + 1;
    for (std::size_t k = open + 1; k < close; ++k) {
      if (v.is(k, "{") || v.is(k, "(")) {  // a nested struct or a function pointer: its own statement
        const std::size_t m = v.match(k);
        if (m == npos || m >= close) break;
        if (v.is(k, "{")) start = m + 1;
        k = m;
        continue;
      }
      if (!v.is(k, ";")) continue;
      // [start, k): `type words name [ size ]`
      if (k >= start + 5 && v.is(k - 1, "]") && v.match(k - 1) != npos) {
        const std::size_t bracket = v.match(k - 1);
        const std::size_t name = bracket - 1;
        if (bracket > start + 1 && v.is_identifier(name) && v.is_identifier(name - 1) && bracket + 1 < k - 1) {
          MemberArray found{v.text(name - 1), {bracket + 1, k - 1}};
          const auto elem = basic_type_size(v, {name - 1, name});
          if (const auto size = evaluate(v, found.size_tokens, constants); elem && size && size->is_point())
            found.bytes = size->lo * *elem;
          const auto [it, fresh] = member_arrays.try_emplace(v.text(name), found);
          if (!fresh) {
            bool same = it->second.type == found.type &&
                        it->second.size_tokens.size() == found.size_tokens.size();
            for (std::size_t n = 0; same && n < found.size_tokens.size(); ++n)
              same = v.text(it->second.size_tokens.begin + n) == v.text(found.size_tokens.begin + n);
            if (!same || it->second.bytes != found.bytes) it->second.size_tokens = {0, 0};
          }
        }
      }
      start = k + 1;
    }
  }
}

}  // namespace oxidize::hazards::flow
