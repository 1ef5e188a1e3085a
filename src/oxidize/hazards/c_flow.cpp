// C and C++ hazards: library calls and the data flow inside one function.
//
// Each function body is read once, statement by statement, front to back,
// with a small abstract state per variable: its kind (scalar, pointer,
// array), whether it was written, a known integer value or loop range, and
// for pointers what they point to (NULL, a heap block of known length, a
// freed block, an array, a string literal, a local). The walk is
// path-insensitive but branch-aware, and every simplification errs toward
// silence (docs/rules.md, "How the flow analysis decides"):
//  - a branch that ends in return/break/continue/goto/exit is undone when it
//    closes; the `then` branch of an if/else is undone before the `else`;
//  - each `case` starts from the state at the switch; a goto label forgets
//    what is known (any path may arrive there);
//  - a loop's range holds in its body; what the body changes is unknown after it;
//  - a value that is not understood is unknown, and unknown never reports.
#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <fmt/format.h>

#include "oxidize/hazards/c_library.hpp"
#include "oxidize/hazards/expression.hpp"
#include "oxidize/hazards/name_table.hpp"
#include "oxidize/hazards/raw_finding.hpp"

namespace oxidize::hazards {

namespace {

using Range = TokenView::Range;
constexpr std::size_t npos = TokenView::npos;
constexpr int k_max_recursion = 32;  // nested assignments/conditions deeper than this are not followed

// A 512-bit Bloom filter of names: most identifiers of a body (calls,
// types, macros, members) are no variable, and this answers "surely not"
// without a hash-table lookup.
class NameFilter {
 public:
  void add(std::size_t h) {
    bits_[(h >> 6) & 7] |= std::uint64_t{1} << (h & 63);
    bits_[(h >> 15) & 7] |= std::uint64_t{1} << ((h >> 9) & 63);
  }
  bool may_contain(std::size_t h) const {
    return (bits_[(h >> 6) & 7] >> (h & 63) & 1) != 0 && (bits_[(h >> 15) & 7] >> ((h >> 9) & 63) & 1) != 0;
  }
  void clear() { bits_.fill(0); }

 private:
  std::array<std::uint64_t, 8> bits_{};
};

enum class Kind : std::uint8_t { unknown, scalar, pointer, array, other };
enum class Target : std::uint8_t { unknown, null, heap, freed, array, literal, address };
enum class Allocator : std::uint8_t { none, malloc, new_single, new_array };

struct Var;
using VarMap = NameTable<struct Var>;

struct Var {
  Kind kind = Kind::unknown;
  bool local = false;        // automatic storage of this function (not static, not a parameter)
  bool parameter = false;
  bool initialized = true;   // the variable itself was written
  bool contents_written = true;  // array or heap block: some element was written
  std::optional<Interval> value;  // known integer value, or the loop's range
  std::array<std::int64_t, 3> dims{-1, -1, -1};  // array dimensions
  std::int64_t elem_size = 0;   // bytes per element, if a basic type
  std::string_view type;        // the base type's last word
  // Pointers.
  Target target = Target::unknown;
  Allocator allocator = Allocator::none;
  std::uint32_t target_line = 0;  // where it was allocated, freed or set to NULL
  std::size_t alloc_token = 0;    // the allocation call (where a missing check is reported)
  std::int64_t length = -1;       // elements of what it points into (-1 unknown)
  std::int64_t offset = 0;        // elements from the start of that
  bool offset_known = true;
  std::string_view base;          // the array or variable it points into
  bool base_local = false;        // ... which is a local of this function
  bool unchecked = false;         // allocation result not yet compared with NULL
  bool null_by_compare = false;   // NULL because a condition said so on this path
  bool freed_conditionally = false;  // freed on some path only (a branch that fell through)
  bool null_maybe = false;           // NULL on some path only
  std::uint32_t decl_line = 0;       // where it was declared (or last known to be uninitialised)
  std::uint32_t maybe_depth = 0;     // nesting where the "some path" fact was joined
  bool loop_carried = false;         // uninitialised, but assigned in an enclosing loop's body
  bool sized_by_strlen = false;      // allocated with a size computed from a strlen
  bool from_strlen = false;          // a scalar assigned from an expression with strlen
  bool smallest_caller = false;      // `length` is the smallest of what callers pass
  // The tokens of the branch (condition through body) that made a "maybe" fact.
  TokenView::Range maybe_origin{0, 0};
};

// C and C++ keywords that cannot name a variable or a type word here. A
// switch on the first byte: this runs for most identifiers.
bool is_keyword(std::string_view t) {
  if (t.size() < 2 || t.size() > 14) return false;
  switch (t[0]) {
    case 'r': return t == "return";
    case 'i': return t == "if";
    case 'e': return t == "else";
    case 'w': return t == "while";
    case 'f': return t == "for";
    case 'd': return t == "do" || t == "default" || t == "decltype";
    case 's': return t == "switch" || t == "sizeof" || t == "static_assert";
    case 'c': return t == "case" || t == "continue" || t == "co_return";
    case 'b': return t == "break";
    case 'g': return t == "goto";
    case 't': return t == "typeof" || t == "throw";
    case 'a': return t == "alignof";
    // `new` and `delete` name variables in C (the kernel has thousands).
    case '_': return t == "__typeof__" || t == "_Alignof" || t == "_Static_assert";
    default: return false;
  }
}

bool is_assignment_operator(std::string_view t) {
  return t == "=" || t == "+=" || t == "-=" || t == "*=" || t == "/=" || t == "%=" || t == "&=" || t == "|=" ||
         t == "^=" || t == "<<=" || t == ">>=";
}

bool is_null_literal(std::string_view t) { return t == "NULL" || t == "nullptr" || t == "0"; }

enum class Body : std::uint8_t { plain, if_then, else_branch, loop, switch_block, do_block };

struct Entry {
  bool braces = false;
  Body body = Body::plain;
  std::size_t undo = 0;       // undo-log position at entry
  bool terminated = false;    // a return/break/continue/goto/exit ran at this level
  bool leaves = false;        // ... and it was a return, goto or exit
  bool after_return = false;  // ... and nothing but a label can reach what follows
  std::string_view null_var{};        // if_then: the pointer this branch knows is NULL
  std::string_view else_null_var{};   // if_then: the pointer the else branch knows is NULL
  std::string_view nonnull_var{};     // the pointer this branch knows is not NULL
  std::string_view else_nonnull_var{};  // if_then: the pointer the else branch knows is not NULL
  std::vector<std::string_view> else_nonnull_more{};  // if_then: `!a || !b`: more of them
  std::size_t macro_args = static_cast<std::size_t>(-1);  // an iterator macro's `(`: its cursor is reassigned
  std::string_view forget_var{};       // `if (buf != default_buf)`: in this branch buf points elsewhere
  std::string_view else_forget_var{};  // if_then: the same for the else branch (`==`)
  std::string_view loop_var{};        // loop: the variable the range is for
  bool dead = false;       // the condition is never true here: nothing in it runs
  bool else_dead = false;  // if_then: the condition is always true, so the else never runs
  bool infinite = false;   // loop: no condition, or always true: left only by break, return, goto
  bool always = false;     // if_then: the condition is known true here; loop: the body runs at least once
  Range cond{0, 0};        // the condition's tokens (if and loops)
  std::string_view refine_var{};    // a variable whose range the condition narrows
  Interval refine{};                // ... in this branch
  Interval else_refine{};           // if_then: ... in the else branch
  std::optional<Interval> refine_before{};  // its range before the branch
  std::size_t body_begin = 0;  // the body's first token (`{` or the statement)
  std::size_t then_begin = static_cast<std::size_t>(-1);  // else_branch: its then branch's body
};

class FileContext;

// What the callers in this file pass for one parameter of one function:
// the length of the buffer (in elements) when every call site knows it.
struct ArgumentFact {
  bool known = true;   // false as soon as one call site passes something unknown
  std::int64_t length = -1;
  std::int64_t elem_size = 0;
  std::uint32_t line = 0;  // a call site, for the message
  bool heap = false;       // some caller passes heap memory
  bool agree = true;       // every caller passes the same length (else `length` is the smallest)
};
using CallFacts = std::unordered_map<std::string_view, std::vector<ArgumentFact>>;

// Buffers reused from one function to the next (their capacity stays).
struct FlowScratch {
  VarMap vars;
  NameFilter names;  // every name ever put in `vars` this function
  std::vector<std::pair<std::string_view, std::optional<Var>>> undo;
  std::vector<Entry> entries;
  void clear() {
    vars.clear();
    names.clear();
    undo.clear();
    entries.clear();
  }
};

class FunctionFlow final : public ExpressionContext {
 public:
  FunctionFlow(const TokenView& v, const FileContext& file, RawFindings& out, FlowScratch& scratch,
               CallFacts* record, const std::vector<ArgumentFact>* given)
      : v_(v), file_(file), out_(out), vars_(scratch.vars), names_(scratch.names), record_(record), given_(given),
        undo_(scratch.undo),
        entries_(scratch.entries) {
    scratch.clear();
  }

  // Reads the body; `record` collects what this function passes to the
  // file's other functions; `given` is what its callers pass it (second pass).
  void run(const parse::FunctionFacts& fn);

  // ExpressionContext
  std::optional<Interval> value_of(std::string_view name) const override;
  std::optional<std::int64_t> size_of(const TokenView& v, Range what) const override;

 private:
  // State.
  Var* find(std::string_view name);
  const Var* find(std::string_view name) const;
  Var& change(std::string_view name);
  // Undoes changes back to log position `to`; with keep_writes, "was
  // written" facts stay (a path that did not continue may still have written).
  void rollback(std::size_t to, bool keep_writes = true);
  void forget_everything();
  void forget_names(std::size_t begin, std::size_t end);

  // Structure.
  void parameters(const parse::FunctionFacts& fn, std::size_t body_open);
  std::size_t statement(std::size_t i, std::size_t end);
  std::size_t control_header(std::size_t i, std::string_view keyword);
  void push(Entry e);
  void enter(Entry& e);
  // Forgets what the body starting at `body_begin` assigns; with `maybe`,
  // NULL and freed become "on some path" instead of unknown.
  void havoc_assigned(std::size_t body_begin, bool maybe = false);
  void join_branch(const Entry& e);
  void checked_in(Range cond);
  bool constant_condition(Range cond) const;
  bool correlated(const Var& var) const;
  Range unwrap_condition(Range cond) const;
  bool do_forever(const Entry& e) const;
  Confidence across(std::uint32_t from, std::uint32_t to, Confidence c) const;
  Confidence uninitialized_confidence(std::string_view name, const Var& var, std::size_t at) const {
    if (var.loop_carried) return Confidence::low;  // written later in the loop: another iteration may run first
    if (macro_call_ && !assigned_anywhere(name)) return Confidence::low;  // a macro may assign it
    // Inside the arguments of a macro-like call (sizeof-like ARRAY_SIZE(p->x),
    // offsetof-like MLX5_ADDR_OF(..., field[0])): maybe never evaluated.
    if (at < unknown_call_until_) return Confidence::low;
    return across(var.decl_line, v_.line(at), Confidence::high);
  }
  // A fact true on some path only: medium where that path leads straight
  // here, low inside a branch opened since (its condition may exclude the path).
  Confidence maybe(const Var& var) const {
    return entries_.size() > var.maybe_depth && correlated(var) ? Confidence::low : Confidence::medium;
  }
  void open_body(Entry e, std::size_t next);
  void close_entry(bool else_follows);
  void end_statement(std::size_t next);
  void loop_header(Range header, Entry& e);
  void returned(std::size_t begin, std::size_t end);
  // A jump: `leaves` for return, goto and calls that do not return (they
  // leave every enclosing construct); break and continue only this one.
  void terminate(bool leaves);
  std::size_t statement_end(std::size_t i, std::size_t end) const;
  bool data_braces(std::size_t open) const;
  void survey(std::size_t open, std::size_t close);
  bool assigned_anywhere(std::string_view name) const;
  bool escapes(std::string_view name) const;
  std::size_t expression_end(std::size_t i, std::size_t end) const;
  std::optional<std::size_t> declaration(std::size_t i, std::size_t end);

  // Expressions.
  void scan(std::size_t begin, std::size_t end, int depth);
  std::size_t token(std::size_t i, std::size_t end, int depth);
  std::size_t variable(std::size_t i, std::size_t end, int depth);
  void assign(std::string_view name, Range rhs, std::size_t at);
  // A call at `i` (the callee's name); returns where scanning goes on.
  std::size_t call(std::size_t i);
  std::string arg_text(Range r) const;
  bool length_taken_before(Range arg, std::size_t at) const;
  bool sized_by_strlen(Range arg) const;
  bool is_unary_at(std::size_t i) const;
  bool is_write_after(std::size_t i) const;
  // `element`: the access reaches a whole element (every dimension
  // indexed), not a row of a multi-dimensional array that decays to a pointer.
  void access(std::string_view name, Var& var, std::size_t at, std::optional<Interval> index, bool write,
              bool through_loop, bool element = true);
  void dereference(std::string_view name, Var& var, std::size_t at, bool write);
  void release(std::string_view name, std::size_t at, const LibraryCall& how, Allocator by);
  void condition(Range cond, Entry& then_entry);
  std::optional<std::int64_t> destination_bytes(Range arg) const;
  std::string_view single_name(Range r) const;
  Range strip_casts(Range r) const;

  void report(RuleId rule, Confidence c, std::size_t at, std::string message) {
    // Code that cannot run (after a return, in an `if (0)`) reports nothing.
    if (!entries_.empty() && (entries_.back().dead || entries_.back().after_return)) return;
    out_.push_back({rule, c, at, std::move(message)});
  }
  std::optional<bool> truth(Range cond) const;
  bool short_circuits(Range r) const;

  const TokenView& v_;
  const FileContext& file_;
  RawFindings& out_;
  VarMap& vars_;
  NameFilter& names_;
  CallFacts* record_;
  const std::vector<ArgumentFact>* given_;
  std::vector<std::pair<std::string_view, std::optional<Var>>>& undo_;
  std::vector<Entry>& entries_;
  std::optional<Entry> pending_body_;  // set by a control header: the entry its body opens with
  std::string_view function_name_;
  bool expect_do_while_ = false;
  std::string_view pending_else_null_;  // the pointer the coming else branch knows is NULL
  bool pending_else_dead_ = false;      // the coming else branch never runs
  std::string_view pending_else_nonnull_;
  std::string_view pending_else_refine_var_;
  std::string_view pending_else_forget_;
  Interval pending_else_refine_{};
  // From a first look at the whole body (survey): names assigned anywhere,
  // names used other than by indexing (a buffer that escapes), and whether
  // an upper-case macro is invoked (it may assign locals out of sight).
  Range body_{0, 0};
  bool macro_call_ = false;
  std::size_t unknown_call_until_ = 0;  // the `)` of the innermost-reaching call to an unknown function
  std::size_t loop_body_begin_ = 0;     // where the body being entered starts
  std::size_t pending_then_begin_ = static_cast<std::size_t>(-1);
  bool guarded_condition_ = false;      // scanning a condition with && or ||: NULL checks may guard it
};

// What the file says outside functions: global arrays and pointers, integer macros.
class FileContext {
 public:
  FileContext(const TokenView& v, const SourceNotes& notes, std::span<const parse::FunctionFacts> functions);
  bool may_be_global(std::size_t h) const { return global_names_.may_contain(h); }
  const Var* global(std::string_view name) const { return globals_.find(name); }
  const std::vector<std::uint32_t>& conditional_lines() const { return conditional_lines_; }
  const std::string_view* string_macro(std::string_view name) const {
    const auto it = string_macros_.find(name);
    return it == string_macros_.end() ? nullptr : &it->second;
  }
  // A function defined in this file (not a macro): its name without qualifiers.
  bool defines(std::string_view name) const { return defined_.count(name) != 0; }
  bool is_function_macro(std::string_view name) const { return function_macros_.count(name) != 0; }
  // The names a function-like macro of this file uses, or null.
  const std::vector<std::string_view>* macro_body(std::string_view name) const {
    const auto it = function_macros_.find(name);
    return it == function_macros_.end() ? nullptr : it->second;
  }
  std::optional<std::int64_t> macro(std::string_view name) const {
    const auto it = macros_.find(name);
    if (it == macros_.end()) return std::nullopt;
    return it->second;
  }

 private:
  VarMap globals_;
  NameFilter global_names_;
  std::unordered_map<std::string_view, std::int64_t> macros_;
  std::vector<std::uint32_t> conditional_lines_;
  std::unordered_map<std::string_view, std::string_view, NameHash> string_macros_;
  std::unordered_map<std::string_view, std::size_t, NameHash> defined_;
  std::unordered_map<std::string_view, const std::vector<std::string_view>*, NameHash> function_macros_;
};

std::string_view unqualified(std::string_view name) {
  if (const auto colons = name.rfind("::"); colons != std::string_view::npos) name.remove_prefix(colons + 2);
  return name;
}

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

// Reads the declarator list of a declaration whose type words end before
// `i`: calls `each(name_index, dims_ranges, is_pointer, init_range)`.
struct Declarator {
  std::size_t name = npos;
  int stars = 0;
  std::array<Range, 3> dims{};
  int ndims = 0;
  bool unsized_array = false;
  Range init{0, 0};
};

// Parses one declarator starting at `i` (after the type words or a comma);
// returns the index after it (at `,` or `;`) or npos when it is not one.
std::size_t parse_declarator(const TokenView& v, std::size_t i, std::size_t end, Declarator& d) {
  while (i < end && (v.is(i, "*") || v.is(i, "const") || v.is(i, "restrict") || v.is(i, "__restrict") ||
                     v.is(i, "volatile"))) {
    if (v.is(i, "*")) ++d.stars;
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
  if (words >= 2) return j - 1;
  return npos;
}

FileContext::FileContext(const TokenView& v, const SourceNotes& notes, std::span<const parse::FunctionFacts> functions) {
  // A macro defined twice with different values (one per #if branch) is
  // not known: which one holds depends on the configuration.
  std::unordered_set<std::string_view> ambiguous;
  for (const auto& m : notes.macros) {
    const auto [it, fresh] = macros_.emplace(m.name, m.value);
    if (!fresh && it->second != m.value) ambiguous.insert(m.name);
  }
  for (auto name : ambiguous) macros_.erase(name);
  conditional_lines_ = notes.conditional_lines;
  for (const auto& m : notes.string_macros) string_macros_[m.name] = m.literal;
  for (const auto& m : notes.function_macros) function_macros_[m.name] = &m.body_names;
  for (std::size_t k = 0; k < functions.size(); ++k) defined_[unqualified(functions[k].name)] = k;
  const MacroContext constants(macros_);
  // Global declarations: statements at brace depth 0, outside function
  // bodies (which are skipped whole by their matching brace).
  std::size_t fn = 0;
  std::size_t i = 0;
  const std::size_t n = v.size();
  while (i < n) {
    while (fn < functions.size() && functions[fn].body_end < v.token(i).begin) ++fn;
    if (v.is(i, "{")) {
      const std::size_t close = v.match(i);
      i = close == npos ? i + 1 : close + 1;
      continue;
    }
    // One declaration candidate: from here to the next `;` at this depth.
    std::size_t end = i;
    while (end < n && !v.is(end, ";") && !v.is(end, "{") && !v.is(end, "}")) {
      const std::size_t m = v.match(end);
      end = (m != npos && m > end && !v.is(end, "{")) ? m + 1 : end + 1;
    }
    if (end >= n || !v.is(end, ";")) {
      i = end > i ? end : i + 1;  // a stray `}` at file scope: step over it
      continue;
    }
    std::size_t k = i;
    bool is_static = false;
    while (k < end && (v.is(k, "static") || v.is(k, "extern") || v.is(k, "const"))) {
      is_static = is_static || v.is(k, "static");
      ++k;
    }
    (void)is_static;
    const std::size_t first = type_words_end(v, k, end);
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
        if (decl.ndims > 0) {
          g.length = g.dims[0];
          g.target = Target::array;
          g.base = v.text(decl.name);
        }
        if (!v.is(decl.name + 1, "(")) {
          globals_[v.text(decl.name)] = g;
          global_names_.add(NameHash{}(v.text(decl.name)));
        }
        d = next + 1;
        if (v.is(next, ";")) break;
      }
    }
    i = end + 1;
  }
}

// ---------------------------------------------------------------------------
// State

Var* FunctionFlow::find(std::string_view name) {
  const std::size_t h = NameHash{}(name);
  const bool maybe_local = names_.may_contain(h);
  if (!maybe_local && !file_.may_be_global(h)) return nullptr;
  if (maybe_local) {
    if (Var* var = vars_.find(name, h)) return var;
  }
  if (const Var* g = file_.global(name)) {
    names_.add(h);
    // A global seen first in this function: copy it in, so that changes stay here.
    return &vars_.insert(name, *g);
  }
  return nullptr;
}

const Var* FunctionFlow::find(std::string_view name) const {
  const std::size_t h = NameHash{}(name);
  if (names_.may_contain(h)) {
    if (const Var* var = vars_.find(name, h)) return var;
  }
  if (!file_.may_be_global(h)) return nullptr;
  return file_.global(name);
}

Var& FunctionFlow::change(std::string_view name) {
  Var* var = find(name);
  if (var == nullptr) {
    undo_.emplace_back(name, std::nullopt);
    names_.add(NameHash{}(name));
    return vars_.insert(name, Var{});
  }
  undo_.emplace_back(name, *var);
  return *var;
}

void FunctionFlow::rollback(std::size_t to, bool keep_writes) {
  while (undo_.size() > to) {
    auto& [name, old] = undo_.back();
    if (old && !keep_writes) {
      vars_[name] = *old;
    } else if (old) {
      // "Was written" only grows: a write on a path that did not continue
      // may still have happened, and forgetting it would report reads of
      // memory that is written.
      Var& now = vars_[name];
      const bool initialized = now.initialized;
      const bool written = now.contents_written;
      now = *old;
      now.initialized = now.initialized || initialized;
      now.contents_written = now.contents_written || written;
    } else {
      vars_.erase(name);
    }
    undo_.pop_back();
  }
}

// The names in [begin, end) may hold anything now (an iterator macro's cursor).
void FunctionFlow::forget_names(std::size_t begin, std::size_t end) {
  for (std::size_t k = begin; k < end && end != npos; ++k) {
    if (!v_.is_identifier(k) || find(v_.text(k)) == nullptr) continue;
    Var& c = change(v_.text(k));
    c.value.reset();
    if (c.kind != Kind::array) {
      c.target = Target::unknown;
      c.offset_known = false;
      c.null_maybe = false;
      c.freed_conditionally = false;
    }
  }
}

void FunctionFlow::forget_everything() {
  vars_.for_each([&](std::string_view name, Var& var) {
    undo_.emplace_back(name, var);
    var.initialized = true;
    var.contents_written = true;
    var.value.reset();
    if (var.kind != Kind::array) {
      var.target = Target::unknown;
      var.offset_known = false;
      var.unchecked = false;
      var.null_by_compare = false;
    }
  });
}

std::optional<Interval> FunctionFlow::value_of(std::string_view name) const {
  if (const Var* var = find(name); var != nullptr && var->value) return var->value;
  if (auto m = file_.macro(name)) return Interval::point(*m);
  return std::nullopt;
}

std::optional<std::int64_t> FunctionFlow::size_of(const TokenView& v, Range what) const {
  if (auto basic = basic_type_size(v, what)) return basic;
  // sizeof array_variable, sizeof(array_variable), sizeof *p
  if (what.size() == 1 && v.is_identifier(what.begin)) {
    const Var* var = find(v.text(what.begin));
    if (var == nullptr) return std::nullopt;
    if (var->kind == Kind::pointer) return 8;
    if (var->kind == Kind::array && var->elem_size > 0) {
      std::int64_t size = var->elem_size;
      for (auto d : var->dims) {
        if (d == -1) break;
        size *= d;
      }
      return var->dims[0] >= 0 ? std::optional<std::int64_t>(size) : std::nullopt;
    }
    if (var->kind == Kind::scalar && var->elem_size > 0) return var->elem_size;
  }
  if (what.size() == 2 && v.is(what.begin, "*") && v.is_identifier(what.begin + 1)) {
    const Var* var = find(v.text(what.begin + 1));
    if (var != nullptr && var->kind == Kind::pointer && var->elem_size > 0) return var->elem_size;
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------
// Structure

void FunctionFlow::parameters(const parse::FunctionFacts& fn, std::size_t body_open) {
  // The parameter list: the `(` after the function's own name, searched back
  // from the body to the previous declaration's end.
  std::string_view name = fn.name;
  if (const auto colons = name.rfind("::"); colons != std::string_view::npos) name.remove_prefix(colons + 2);
  std::size_t start = body_open;
  while (start > 0 && !v_.is(start - 1, ";") && !v_.is(start - 1, "}") && body_open - start < 512) --start;
  for (std::size_t i = start; i + 1 < body_open; ++i) {
    if (!(v_.is_identifier(i) && v_.text(i) == name && v_.is(i + 1, "("))) continue;
    const auto params = v_.arguments(i + 1);
    for (std::size_t n = 0; n < params.size(); ++n) {
      const Range& p = params[n];
      // The parameter's name is its last identifier before any `[`.
      std::size_t last = npos;
      bool pointer = false;
      for (std::size_t k = p.begin; k < p.end; ++k) {
        if (v_.is(k, "[")) {
          pointer = true;
          break;
        }
        if (v_.is(k, "*")) pointer = true;
        if (v_.is_identifier(k)) last = k;
        if (v_.is(k, "(")) {  // a function-pointer parameter: (*name)(...)
          last = npos;
          break;
        }
      }
      if (last == npos || last == p.begin) continue;
      Var& var = change(v_.text(last));
      var = Var{};
      const auto size = basic_type_size(v_, {p.begin, last});
      var.kind = pointer ? Kind::pointer : size ? Kind::scalar : Kind::other;
      var.parameter = true;
      var.elem_size = pointer ? 0 : (size ? *size : 0);
      if (pointer) {
        std::size_t type_end = last;
        while (type_end > p.begin && v_.is(type_end - 1, "*")) --type_end;
        if (auto s = basic_type_size(v_, {p.begin, type_end})) var.elem_size = *s;
      }
      // Every caller in this file passes a buffer of a known length.
      if (pointer && given_ != nullptr && n < given_->size() && (*given_)[n].known && (*given_)[n].length >= 0 &&
          (var.elem_size == 0 || var.elem_size == (*given_)[n].elem_size)) {
        var.target = (*given_)[n].heap ? Target::heap : Target::array;
        var.length = (*given_)[n].length;
        var.smallest_caller = !(*given_)[n].agree;
        var.elem_size = (*given_)[n].elem_size;
        var.base = v_.text(last);
        var.offset = 0;
        var.offset_known = true;
        var.target_line = (*given_)[n].line;
      }
    }
    return;
  }
}

void FunctionFlow::run(const parse::FunctionFacts& fn) {
  const std::size_t open = v_.index_at_offset(fn.body_begin);
  const std::size_t close = v_.match(open);
  if (open >= v_.size() || !v_.is(open, "{") || close == npos) return;
  function_name_ = fn.name;
  survey(open, close);
  parameters(fn, open);
  entries_.push_back(Entry{.braces = true, .body = Body::plain});
  std::size_t i = open + 1;
  while (i < close) i = statement(i, close);
}

void FunctionFlow::survey(std::size_t open, std::size_t close) {
  body_ = {open + 1, close};
  for (std::size_t k = open + 1; k < close; ++k) {
    if (!v_.is_identifier(k) || !v_.is(k + 1, "(")) continue;
    const std::string_view t = v_.text(k);
    const bool upper = t.size() >= 2 && std::all_of(t.begin(), t.end(), [](char c) {
      return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    });
    if ((upper && library_call(t) == nullptr) || file_.is_function_macro(t)) {
      macro_call_ = true;
      return;
    }
  }
}

// Asked only when a finding is about to be made, so a plain scan of the body.
bool FunctionFlow::assigned_anywhere(std::string_view name) const {
  for (std::size_t k = body_.begin; k < body_.end; ++k) {
    if (!v_.is_identifier(k) || v_.text(k) != name || v_.is(k - 1, ".") || v_.is(k - 1, "->")) continue;
    if (is_write_after(k + 1) || v_.is(k - 1, "&") || v_.is(k - 1, "++") || v_.is(k - 1, "--")) return true;
  }
  return false;
}

// Used other than by indexing: passed on, assigned to a pointer, its address taken.
bool FunctionFlow::escapes(std::string_view name) const {
  for (std::size_t k = body_.begin; k < body_.end; ++k) {
    if (!v_.is_identifier(k) || v_.text(k) != name || v_.is(k - 1, ".") || v_.is(k - 1, "->")) continue;
    if (!v_.is(k + 1, "[") && !v_.is(k - 1, "sizeof")) return true;
  }
  return false;
}

void FunctionFlow::push(Entry e) {
  e.undo = undo_.size();
  e.body_begin = loop_body_begin_;
  if (!entries_.empty() && (entries_.back().dead || entries_.back().after_return)) e.dead = true;
  entries_.push_back(e);
}

// A control statement's body begins at `next`: with braces it opens when the
// `{` is read; otherwise it is one statement (a braceless entry).
void FunctionFlow::open_body(Entry e, std::size_t next) {
  loop_body_begin_ = next;
  if (v_.is(next, "{")) {
    e.braces = true;
    pending_body_ = e;
  } else {
    e.braces = false;
    push(e);
    enter(entries_.back());
  }
}

// What a branch knows on entry: a pointer the condition found NULL, or not NULL.
void FunctionFlow::enter(Entry& e) {
  if (!e.forget_var.empty() && find(e.forget_var) != nullptr) {
    Var& c = change(e.forget_var);
    c.target = Target::unknown;
    c.offset_known = false;
  }
  if (!e.refine_var.empty()) {
    if (Var* var = find(e.refine_var); var != nullptr && var->value) {
      e.refine_before = var->value;
      if (e.refine.lo > e.refine.hi) {
        e.dead = true;  // the test can never pass here
      } else {
        change(e.refine_var).value = e.refine;
      }
    }
  }
  if (!e.null_var.empty()) {
    Var& var = change(e.null_var);
    var.target = Target::null;
    var.null_by_compare = true;
  }
  if (!e.nonnull_var.empty()) {
    if (Var* var = find(e.nonnull_var); var != nullptr && var->target == Target::null) {
      Var& c = change(e.nonnull_var);
      c.target = Target::unknown;
      c.null_by_compare = false;
    }
  }
  if (e.body == Body::loop || e.body == Body::do_block) havoc_assigned(loop_body_begin_);
}

// A loop's later iterations see what its body assigns: those variables are
// unknown from the start of the body (NULL before the loop may not be NULL
// on the second pass).
void FunctionFlow::havoc_assigned(std::size_t body_begin, bool maybe) {
  std::size_t end = body_begin;
  if (v_.is(body_begin, "{")) {
    end = v_.match(body_begin);
    if (end == npos) return;
  } else {
    end = statement_end(body_begin, v_.size());
  }
  for (std::size_t k = body_begin; k < end; ++k) {
    if (!v_.is_identifier(k)) continue;
    const bool assigned = is_write_after(k + 1) || (k > 0 && (v_.is(k - 1, "&") || v_.is(k - 1, "++") || v_.is(k - 1, "--")));
    if (!assigned || (k > 0 && (v_.is(k - 1, ".") || v_.is(k - 1, "->")))) continue;
    Var* var = find(v_.text(k));
    if (var == nullptr) continue;
    Var& c = change(v_.text(k));
    c.value.reset();
    c.offset_known = false;
    if (maybe && c.target == Target::null && !c.null_maybe) {
      c.null_maybe = true;
      c.maybe_depth = static_cast<std::uint32_t>(entries_.size());
      c.maybe_origin = {body_begin, end};
    } else if (maybe && c.target == Target::freed && !c.freed_conditionally) {
      c.freed_conditionally = true;
      c.maybe_depth = static_cast<std::uint32_t>(entries_.size());
      c.maybe_origin = {body_begin, end};
    } else if (!maybe && (c.target == Target::null || c.target == Target::freed)) {
      c.target = Target::unknown;
    }
    // Written by a plain `=` somewhere in the loop: a read before it may see
    // another iteration's value (`x += 1` alone reads it uninitialised).
    if (!c.initialized && v_.is(k + 1, "=")) c.loop_carried = true;
  }
}

void FunctionFlow::terminate(bool leaves) {
  if (entries_.empty()) return;
  entries_.back().terminated = true;
  entries_.back().leaves = entries_.back().leaves || leaves;
  entries_.back().after_return = true;
}

void FunctionFlow::close_entry(bool else_follows) {
  if (entries_.size() <= 1) return;
  const Entry e = entries_.back();
  entries_.pop_back();
  if (e.body == Body::if_then && else_follows) {
    // The else branch starts from the state before the then branch; what
    // the then branch assigned is unknown after both (havoc at the else's end).
    rollback(e.undo);
    pending_else_null_ = e.else_null_var;
    pending_else_nonnull_ = e.else_nonnull_var;
    pending_else_dead_ = e.else_dead;
    pending_else_refine_var_ = e.refine_var;
    pending_else_forget_ = e.else_forget_var;
    pending_else_refine_ = e.else_refine;
    pending_then_begin_ = e.terminated || e.dead ? npos : e.body_begin;
  } else if (e.dead) {
    rollback(e.undo, false);  // it never ran
  } else if (e.body == Body::loop || e.body == Body::do_block) {
    // Left by its condition or a break: what the body assigned holds on
    // some paths only; an endless loop is left only where the body breaks
    // out, after assigning what it looked for (unknown, not maybe).
    const bool forever = (e.body == Body::loop && e.infinite) || (e.body == Body::do_block && do_forever(e));
    if (forever) {
      rollback(e.undo);
    } else if (e.always) {
      // At least one pass: its frees and NULLs hold after it; values vary by pass.
      for (std::size_t k = e.undo; k < undo_.size(); ++k)
        if (Var* var = find(undo_[k].first)) var->value.reset();
    } else {
      join_branch(e);
    }
    havoc_assigned(e.body_begin, !forever && !e.always);
    if (e.macro_args != npos) forget_names(e.macro_args, v_.match(e.macro_args));
  } else if (e.terminated) {
    // It cannot fall through: no trace after it, and what its condition
    // said holds on the path that goes on (`if (!p) return;`: p is set).
    rollback(e.undo);
    if (e.body == Body::if_then) {
      std::vector<std::string_view> set = e.else_nonnull_more;
      if (!e.else_nonnull_var.empty()) set.push_back(e.else_nonnull_var);
      for (auto name : set) {
        if (Var* var = name.empty() ? nullptr : find(name); var != nullptr && var->target == Target::null) {
          Var& c = change(name);
          c.target = Target::unknown;
          c.null_maybe = false;
        }
      }
    }
    if (e.body == Body::switch_block) havoc_assigned(e.body_begin);
  } else if ((e.body == Body::if_then && e.always) || (e.body == Body::else_branch && e.always)) {
    // A branch known to run: what it did holds after it.
  } else if (e.body == Body::if_then || e.body == Body::else_branch) {
    join_branch(e);
  } else if (e.body == Body::switch_block) {
    // The state is the last case's; what other cases assigned is unknown.
    havoc_assigned(e.body_begin);
    join_branch(e);
  }
  if (e.body == Body::else_branch && e.then_begin != npos) havoc_assigned(e.then_begin);
  if (!e.null_var.empty()) {
    if (Var* var = find(e.null_var); var != nullptr && var->null_by_compare) {
      var->target = Target::unknown;
      var->null_by_compare = false;
    }
  }
  if (!e.loop_var.empty()) {
    if (Var* var = find(e.loop_var)) var->value.reset();
  }
  if (!e.refine_var.empty() && e.refine_before) {
    // `if (i > 1) continue;`: after it, the other side of the test holds.
    const bool narrowed = e.body == Body::if_then && e.terminated && !e.dead && !else_follows &&
                          e.else_refine.lo <= e.else_refine.hi;
    if (Var* var = find(e.refine_var)) var->value = narrowed ? e.else_refine : *e.refine_before;
  }
  if (e.body == Body::do_block) expect_do_while_ = true;
}

// `if (!(p = kmalloc(...)))`: the allocation made inside a condition is
// tested by it.
void FunctionFlow::checked_in(Range cond) {
  for (std::size_t k = cond.begin; k < cond.end; ++k) {
    if (!v_.is_identifier(k)) continue;
    const Var* var = find(v_.text(k));
    if (var != nullptr && var->unchecked) change(v_.text(k)).unchecked = false;
  }
}

// A condition without variables (`1`, `true`, `MAX > 0` with macros): it
// cannot change while the loop runs.
bool FunctionFlow::constant_condition(Range cond) const {
  for (std::size_t k = cond.begin; k < cond.end; ++k)
    if (v_.is_identifier(k) && find(v_.text(k)) != nullptr) return false;
  return true;
}

// Whether a branch opened since a "maybe" fact was joined tests something
// the fact's own branch tested or assigned (`if (!p) { free(q); err = 1; }
// ... if (!err) use(q)`): then the paths are correlated and the finding low.
// Calls (`rand()`) do not count as shared names.
bool FunctionFlow::correlated(const Var& var) const {
  const Range origin = var.maybe_origin;
  if (origin.empty()) return true;
  const auto names_in = [&](Range r, auto&& each) {
    for (std::size_t k = r.begin; k < r.end; ++k)
      if (v_.is_identifier(k) && !v_.is(k + 1, "(") && !v_.is(k - 1, ".") && !v_.is(k - 1, "->")) each(v_.text(k));
  };
  for (std::size_t d = var.maybe_depth; d < entries_.size(); ++d) {
    bool shared = false;
    names_in(entries_[d].cond, [&](std::string_view later) {
      names_in(origin, [&](std::string_view earlier) { shared = shared || later == earlier; });
    });
    if (shared || entries_[d].cond.empty()) return true;
  }
  return false;
}

// do { ... } while (1): read from the tokens after the body's `}`.
bool FunctionFlow::do_forever(const Entry& e) const {
  if (!v_.is(e.body_begin, "{")) return false;
  const std::size_t close = v_.match(e.body_begin);
  if (close == npos || !v_.is(close + 1, "while") || !v_.is(close + 2, "(")) return false;
  const std::size_t cond_close = v_.match(close + 2);
  return cond_close != npos && truth({close + 3, cond_close}) == true;
}

// After a branch that may or may not have run: a value it set is unknown,
// a pointer it set to NULL or freed is NULL or freed on some path only.
void FunctionFlow::join_branch(const Entry& e) {
  // Where the fact came from: the branch's condition through its body.
  const std::size_t body_end = v_.is(e.body_begin, "{") ? v_.match(e.body_begin) : statement_end(e.body_begin, v_.size());
  const Range origin{e.cond.empty() ? e.body_begin : e.cond.begin, body_end == npos ? e.body_begin : body_end};
  std::unordered_set<std::string_view> seen;
  for (std::size_t k = e.undo; k < undo_.size(); ++k) {
    Var* var = find(undo_[k].first);
    if (var == nullptr || !seen.insert(undo_[k].first).second) continue;
    var->value.reset();
    // Pointing elsewhere on the other path: unknown (NULL and freed become "maybe" below).
    const auto& before = undo_[k].second;
    if (before && before->target != var->target && var->target != Target::null && var->target != Target::freed) {
      var->target = Target::unknown;
      var->offset_known = false;
    }
    var->offset_known = var->offset_known && undo_[k].second && undo_[k].second->offset == var->offset;
    // Each enclosing branch that closes widens the fact's origin to itself
    // (its condition and body) and moves its depth out.
    if (var->target == Target::null || var->target == Target::freed) {
      if (var->target == Target::null) var->null_maybe = true;
      else var->freed_conditionally = true;
      var->maybe_depth = static_cast<std::uint32_t>(entries_.size());
      var->maybe_origin = origin;
    }
  }
}

// A preprocessor conditional between where a fact was learnt and where it
// is used may hold code (for another configuration) that changes it: less sure.
Confidence FunctionFlow::across(std::uint32_t from, std::uint32_t to, Confidence c) const {
  const auto& lines = file_.conditional_lines();
  const auto it = std::upper_bound(lines.begin(), lines.end(), from);
  if (it != lines.end() && *it < to) return Confidence::low;
  return c;
}

// A statement just completed (at `;` or a body's `}`); `next` is the token
// after it. Braceless bodies whose one statement this was complete too.
void FunctionFlow::end_statement(std::size_t next) {
  while (entries_.size() > 1 && !entries_.back().braces) {
    const Body body = entries_.back().body;
    const bool else_follows = body == Body::if_then && v_.is(next, "else");
    close_entry(else_follows);
    if (else_follows || body == Body::do_block) return;
  }
}

std::size_t FunctionFlow::expression_end(std::size_t i, std::size_t end) const {
  // To the next `,` or `;` at this depth, or an unmatched closer.
  while (i < end) {
    if (v_.is(i, ",") || v_.is(i, ";")) return i;
    const std::size_t m = v_.match(i);
    if (m != npos) {
      if (m < i) return i;  // a closer of an enclosing bracket
      i = m + 1;
      continue;
    }
    ++i;
  }
  return end;
}

bool FunctionFlow::data_braces(std::size_t open) const {
  if (open == 0) return false;
  const std::string_view before = v_.text(open - 1);
  if (before == "=" || before == "," || before == "(" || before == "return" || before == "struct" ||
      before == "union" || before == "enum" || before == ")")
    return before != ")" || (v_.match(open - 1) != npos && v_.match(open - 1) > 0 &&
                             !v_.is_identifier(v_.match(open - 1) - 1));  // (type){...}, not if (x) {
  // struct tag { ... }
  if (open >= 2 && v_.is_identifier(open - 1) &&
      (v_.is(open - 2, "struct") || v_.is(open - 2, "union") || v_.is(open - 2, "enum")))
    return true;
  // __packed, __aligned(8) between the tag and the brace are not followed.
  return false;
}

std::size_t FunctionFlow::statement_end(std::size_t i, std::size_t end) const {
  while (i < end && !v_.is(i, ";")) {
    const std::size_t m = v_.match(i);
    if (m != npos) {
      if (m < i) return i;
      // A block inside a statement (a lambda, a statement expression) is
      // read as code; braces of data (an initialiser, a struct body, a
      // compound literal) are skipped.
      if (v_.is(i, "{") && !data_braces(i)) return i;
      i = m + 1;
      continue;
    }
    ++i;
  }
  return i;
}

std::size_t FunctionFlow::statement(std::size_t i, std::size_t end) {
  const std::string_view t = v_.text(i);
  if (t == "{" && !pending_body_ && data_braces(i) && !v_.is(i - 1, ")")) {
    const std::size_t close = v_.match(i);
    return close == npos ? i + 1 : close + 1;
  }
  if (t == "{") {
    Entry e = pending_body_.value_or(Entry{.braces = true, .body = Body::plain});
    // `list_for_each_entry(pos, head, member) {`: an iterator macro's body is a loop's.
    if (!pending_body_ && i > 0 && v_.is(i - 1, ")")) {
      const std::size_t open = v_.match(i - 1);
      if (open != npos && open > 0 && v_.is_identifier(open - 1) && !is_keyword(v_.text(open - 1))) {
        e.body = Body::loop;
        e.macro_args = open;
      }
    }
    pending_body_.reset();
    e.braces = true;
    loop_body_begin_ = i;
    push(e);
    enter(entries_.back());
    return i + 1;
  }
  pending_body_.reset();
  if (t == "}") {
    // Close braceless bodies left open (a statement without its `;`), then the block.
    while (entries_.size() > 1 && !entries_.back().braces) close_entry(false);
    if (entries_.size() > 1) {
      const Body body = entries_.back().body;
      const bool else_follows = body == Body::if_then && v_.is(i + 1, "else");
      close_entry(else_follows);
      if (!else_follows && body != Body::do_block && body != Body::plain) end_statement(i + 1);
    }
    return i + 1;
  }
  if (t == ";") {
    end_statement(i + 1);
    return i + 1;
  }
  if (v_.is_identifier(i)) {
    if (t == "if" || t == "while" || t == "for" || t == "switch") return control_header(i, t);
    if (t == "else") {
      Entry e{.body = Body::else_branch};
      e.null_var = pending_else_null_;
      e.nonnull_var = pending_else_nonnull_;
      e.dead = pending_else_dead_;
      e.then_begin = pending_then_begin_;
      e.forget_var = pending_else_forget_;
      pending_else_forget_ = {};
      e.refine_var = pending_else_refine_var_;
      e.refine = pending_else_refine_;
      pending_else_refine_var_ = {};
      pending_then_begin_ = npos;
      pending_else_null_ = {};
      pending_else_nonnull_ = {};
      pending_else_dead_ = false;
      open_body(e, i + 1);
      return i + 1;
    }
    if (t == "do") {
      open_body(Entry{.body = Body::do_block}, i + 1);
      return i + 1;
    }
    if (t == "return" || t == "co_return") {
      const std::size_t semi = statement_end(i + 1, end);
      returned(i + 1, semi);
      guarded_condition_ = short_circuits({i + 1, semi});
      scan(i + 1, semi, 0);
      guarded_condition_ = false;
      terminate(true);
      return semi;
    }
    if (t == "break" || t == "continue" || t == "goto") {
      // A break straight in a switch ends its case, not the path.
      if (t == "break" && entries_.back().body == Body::switch_block) entries_.back().after_return = true;
      else terminate(t == "goto");
      return statement_end(i + 1, end);
    }
    if (t == "case" || t == "default") {
      // Each case starts from the state at the switch's `{`.
      for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
        if (it->body != Body::switch_block) continue;
        while (&entries_.back() != &*it) entries_.pop_back();
        rollback(it->undo);
        it->terminated = false;
        it->after_return = false;
        break;
      }
      std::size_t k = i + 1;
      while (k < end && !(v_.is(k, ":") && !v_.is(k + 1, ":"))) ++k;
      return k + 1;
    }
    if (t == "typedef") return statement_end(i + 1, end);  // a local type, no variable
    const bool keyword_statement = t == "delete" || t == "new" || t == "throw";
    if (v_.is(i + 1, ":") && !is_keyword(t)) {
      // A goto label: any path may arrive here.
      forget_everything();
      if (!entries_.empty()) entries_.back().after_return = false;
      return i + 2;
    }
    if (!keyword_statement) {
      if (auto after = declaration(i, end)) return *after;
    }
  }
  const std::size_t semi = statement_end(i, end);
  if (semi == i) {
    scan(i, i + 1, 0);
    return i + 1;
  }
  guarded_condition_ = short_circuits({i, semi});
  scan(i, semi, 0);
  guarded_condition_ = false;
  return semi;
}

bool FunctionFlow::short_circuits(Range r) const {
  for (std::size_t k = r.begin; k < r.end; ++k)
    if (v_.is(k, "&&") || v_.is(k, "||") || v_.is(k, "?")) return true;
  return false;
}

std::size_t FunctionFlow::control_header(std::size_t i, std::string_view keyword) {
  const std::size_t open = i + 1;
  const std::size_t close = v_.is(open, "(") ? v_.match(open) : npos;
  if (close == npos) return i + 1;
  if (keyword == "while" && expect_do_while_) {
    // The condition of a do-while: no body follows.
    expect_do_while_ = false;
    guarded_condition_ = short_circuits({open + 1, close});
    scan(open + 1, close, 0);
    guarded_condition_ = false;
    return close + 1;
  }
  expect_do_while_ = false;
  Entry e;
  guarded_condition_ = short_circuits({open + 1, close});
  if (keyword == "if") {
    e.body = Body::if_then;
    condition({open + 1, close}, e);
    scan(open + 1, close, 0);
    checked_in({open + 1, close});
    const auto known = truth({open + 1, close});
    e.dead = known == false;
    e.else_dead = known == true;
    e.always = known == true;
    e.cond = {open + 1, close};
  } else if (keyword == "switch") {
    e.body = Body::switch_block;
    scan(open + 1, close, 0);
  } else if (keyword == "while") {
    e.body = Body::loop;
    condition({open + 1, close}, e);
    e.null_var = {};
    scan(open + 1, close, 0);
    checked_in({open + 1, close});
    const auto known = truth({open + 1, close});
    e.dead = known == false;
    // Endless only when the condition is a constant (`while (1)`); true now
    // but on variables (`while (flag == 0)`) means at least one pass.
    e.infinite = known == true && constant_condition({open + 1, close});
    e.always = known == true;
    e.cond = {open + 1, close};
  } else {
    e.body = Body::loop;
    loop_header({open + 1, close}, e);
  }
  guarded_condition_ = false;
  open_body(e, close + 1);
  return close + 1;
}


std::optional<std::size_t> FunctionFlow::declaration(std::size_t i, std::size_t end) {
  std::size_t k = i;
  bool is_static = false;
  while (k < end && (v_.is(k, "static") || v_.is(k, "const") || v_.is(k, "register") || v_.is(k, "volatile") ||
                     v_.is(k, "auto") || v_.is(k, "extern"))) {
    is_static = is_static || v_.is(k, "static") || v_.is(k, "extern");
    ++k;
  }
  // A known variable cannot start a declaration (`x * y;` is an expression).
  if (k < end && find(v_.text(k)) != nullptr) return std::nullopt;
  // A function pointer: `int (*name)(params) [= init];`. Its parameter
  // names are not variables of this function.
  {
    std::size_t j = k;
    while (j < end && (v_.is_identifier(j) || v_.is(j, "*")) && !is_keyword(v_.text(j))) ++j;
    std::size_t name_end = j + 3;  // after the name, past any `[N]`
    while (v_.is(name_end, "[") && v_.match(name_end) != npos) name_end = v_.match(name_end) + 1;
    if (j > k && v_.is(j, "(") && v_.is(j + 1, "*") && v_.is_identifier(j + 2) && v_.is(name_end, ")") &&
        v_.is(name_end + 1, "(")) {
      const std::size_t params_close = v_.match(name_end + 1);
      if (params_close != npos) {
        const std::size_t semi = statement_end(params_close + 1, end);
        Var fresh;
        fresh.kind = Kind::pointer;
        fresh.local = !is_static;
        fresh.decl_line = v_.line(j + 2);
        fresh.initialized = is_static || v_.is(params_close + 1, "=");
        if (v_.is(params_close + 1, "=")) scan(params_close + 2, semi, 0);
        change(v_.text(j + 2)) = fresh;
        return semi;
      }
    }
  }
  const std::size_t first = type_words_end(v_, k, end);
  if (first == npos) return std::nullopt;
  // Check the whole declarator list parses before changing any state.
  std::size_t d = first;
  std::vector<Declarator> decls;
  while (true) {
    Declarator decl;
    const std::size_t next = parse_declarator(v_, d, end, decl);
    if (next == npos) return std::nullopt;
    decls.push_back(decl);
    if (v_.is(next, ";")) {
      d = next;
      break;
    }
    d = next + 1;
  }
  const std::string_view type = v_.text(first - 1);
  const auto type_size = basic_type_size(v_, {k, first});
  for (const Declarator& decl : decls) {
    const std::string_view name = v_.text(decl.name);
    Var fresh;
    fresh.local = !is_static;
    fresh.type = type;
    // A scalar is a basic type; a structure or an unknown typedef is not
    // followed (its members are written one by one).
    fresh.kind = decl.ndims > 0   ? Kind::array
                 : decl.stars > 0 ? Kind::pointer
                 : type_size      ? Kind::scalar
                                  : Kind::other;
    fresh.elem_size = decl.stars > (decl.ndims > 0 ? 0 : 1) ? 8 : (type_size ? *type_size : 0);
    if (decl.ndims > 0 && decl.stars > 0) fresh.elem_size = 8;
    fresh.initialized = is_static || !decl.init.empty() || fresh.kind == Kind::array;
    fresh.decl_line = v_.line(decl.name);
    fresh.contents_written = is_static || !decl.init.empty();
    bool variable_length = false;
    for (int n = 0; n < std::min(decl.ndims, 3); ++n) {
      if (auto size = evaluate(v_, decl.dims[n], *this); size && size->is_point()) {
        fresh.dims[n] = size->lo;
      } else if (n == 0) {
        // Not a constant: a VLA if a variable of this function sizes it
        // (an unknown macro from a header is a constant we cannot see).
        for (std::size_t t = decl.dims[n].begin; t < decl.dims[n].end; ++t) {
          const Var* var = v_.is_identifier(t) ? find(v_.text(t)) : nullptr;
          if (var != nullptr && (var->local || var->parameter) && var->kind == Kind::scalar) variable_length = true;
        }
      }
    }
    if (decl.ndims > 0) {
      if (decl.unsized_array && !decl.init.empty()) {
        // char s[] = "abc"; int a[] = {1, 2, 3};
        if (decl.init.size() == 1 && v_.is_string(decl.init.begin))
          fresh.dims[0] = static_cast<std::int64_t>(v_.text(decl.init.begin).size()) - 1;
        else if (v_.is(decl.init.begin, "{"))
          fresh.dims[0] = static_cast<std::int64_t>(v_.arguments(decl.init.begin).size());
      }
      fresh.length = fresh.dims[0];
      fresh.target = Target::array;
      fresh.base = name;
      fresh.base_local = fresh.local;
    }
    if (variable_length && !is_static)
      report(RuleId::variable_length_array, Confidence::medium, decl.name,
             fmt::format("'{}' is a variable-length array: its size comes from a variable at run time", name));
    if (!decl.init.empty()) scan(decl.init.begin, decl.init.end, 0);
    change(name) = fresh;
    if (!decl.init.empty() && fresh.kind != Kind::array) assign(name, decl.init, decl.name);
  }
  return d;
}

void FunctionFlow::loop_header(Range header, Entry& e) {
  // for (init; cond; step)
  std::array<Range, 3> parts{};
  std::size_t part = 0;
  std::size_t begin = header.begin;
  for (std::size_t i = header.begin; i < header.end && part < 3; ++i) {
    const std::size_t m = v_.match(i);
    if (m != npos && m > i) {
      i = m;
      continue;
    }
    if (v_.is(i, ";")) {
      parts[part++] = {begin, i};
      begin = i + 1;
    }
  }
  if (part != 2) {  // a range-based for, or something else
    scan(header.begin, header.end, 0);
    return;
  }
  parts[2] = {begin, header.end};
  e.infinite = parts[1].empty() || (truth(parts[1]) == true && constant_condition(parts[1]));
  e.cond = parts[1];
  if (!parts[0].empty() && !declaration(parts[0].begin, parts[0].end + 1)) scan(parts[0].begin, parts[0].end, 0);
  scan(parts[1].begin, parts[1].end, 0);
  // The step: what it changes is unknown in the body (except the loop variable's range).
  for (std::size_t i = parts[2].begin; i < parts[2].end; ++i) {
    if (!v_.is_identifier(i)) continue;
    if (Var* var = find(v_.text(i))) {
      Var& c = change(v_.text(i));
      c.value.reset();
      if (c.kind == Kind::pointer) c.offset_known = false;
      (void)var;
    }
  }
  // The loop variable and its range: `i = a; i < b; i++` and the like.
  const Range cond = parts[1];
  if (cond.size() < 3) return;
  std::size_t var_at = npos;
  std::string_view op;
  Range bound{0, 0};
  if (v_.is_identifier(cond.begin) && find(v_.text(cond.begin)) != nullptr) {
    var_at = cond.begin;
    op = v_.text(cond.begin + 1);
    bound = {cond.begin + 2, cond.end};
  } else if (v_.is_identifier(cond.end - 1) && v_.is(cond.end - 2, ">") ) {
    var_at = cond.end - 1;
    op = "<";
    bound = {cond.begin, cond.end - 2};
  } else if (v_.is_identifier(cond.end - 1) && v_.is(cond.end - 2, ">=")) {
    var_at = cond.end - 1;
    op = "<=";
    bound = {cond.begin, cond.end - 2};
  }
  if (var_at == npos) return;
  const std::string_view name = v_.text(var_at);
  // The step must move the variable by one.
  const Range step = parts[2];
  bool up = false;
  bool down = false;
  if (step.size() == 2 && ((v_.text(step.begin) == name && v_.is(step.begin + 1, "++")) ||
                           (v_.is(step.begin, "++") && v_.text(step.begin + 1) == name)))
    up = true;
  if (step.size() == 2 && ((v_.text(step.begin) == name && v_.is(step.begin + 1, "--")) ||
                           (v_.is(step.begin, "--") && v_.text(step.begin + 1) == name)))
    down = true;
  if (step.size() == 3 && v_.text(step.begin) == name && v_.is(step.begin + 2, "1")) {
    up = v_.is(step.begin + 1, "+=");
    down = v_.is(step.begin + 1, "-=");
  }
  if (!up && !down) return;
  // The start: the value the init gave (read before the step reset it).
  std::optional<Interval> start;
  if (!parts[0].empty()) {
    for (std::size_t i = parts[0].begin; i + 2 <= parts[0].end; ++i)
      if (v_.text(i) == name && v_.is(i + 1, "=")) start = evaluate(v_, {i + 2, expression_end(i + 2, parts[0].end)}, *this);
  }
  const auto limit = evaluate(v_, bound, *this);
  if (!start || !limit || !start->is_point() || !limit->is_point()) return;
  Interval range;
  if (up && (op == "<" || op == "<=" || op == "!=")) {
    range = {start->lo, op == "<=" ? limit->lo : limit->lo - 1};
  } else if (down && (op == ">" || op == ">=")) {
    range = {op == ">=" ? limit->lo : limit->lo + 1, start->lo};
  } else {
    return;
  }
  if (range.lo > range.hi) {
    e.dead = true;  // the body never runs
    return;
  }
  Var& var = change(name);
  var.value = range;
  e.loop_var = name;
}

// `if (cond)`: a pointer compared with NULL is checked from here on; the
// branch where it is NULL knows so.
// `likely(x)`, `unlikely(x)`, `!!(x)` and redundant parentheses say the same as `x`.
Range FunctionFlow::unwrap_condition(Range cond) const {
  for (int guard = 0; guard < 8; ++guard) {
    if (cond.size() >= 3 && v_.is(cond.begin, "(") && v_.match(cond.begin) == cond.end - 1) {
      cond = {cond.begin + 1, cond.end - 1};
    } else if (cond.size() >= 4 && (v_.is(cond.begin, "likely") || v_.is(cond.begin, "unlikely")) &&
               v_.is(cond.begin + 1, "(") && v_.match(cond.begin + 1) == cond.end - 1) {
      cond = {cond.begin + 2, cond.end - 1};
    } else if (cond.size() >= 3 && v_.is(cond.begin, "!") && v_.is(cond.begin + 1, "!")) {
      cond = {cond.begin + 2, cond.end};
    } else {
      break;
    }
  }
  return cond;
}

void FunctionFlow::condition(Range cond, Entry& then_entry) {
  cond = unwrap_condition(cond);
  for (std::size_t i = cond.begin; i < cond.end; ++i) {
    if (!v_.is_identifier(i)) continue;
    Var* var = find(v_.text(i));
    if (var != nullptr && var->kind != Kind::array && var->unchecked) change(v_.text(i)).unchecked = false;
  }
  std::string_view null_name;
  std::string_view nonnull_name;
  const auto pointer_at = [&](std::size_t i) -> std::string_view {
    if (!v_.is_identifier(i)) return {};
    const Var* var = find(v_.text(i));
    return var != nullptr && var->kind == Kind::pointer ? v_.text(i) : std::string_view();
  };
  if (cond.size() == 2 && v_.is(cond.begin, "!")) null_name = pointer_at(cond.begin + 1);
  if (cond.size() == 1) nonnull_name = pointer_at(cond.begin);
  // IS_ERR_OR_NULL(p): p may be NULL in the then branch, is valid in the else.
  if (cond.size() == 4 && v_.is(cond.begin, "IS_ERR_OR_NULL") && v_.is(cond.begin + 1, "(")) {
    const std::string_view name = pointer_at(cond.begin + 2);
    if (!name.empty()) then_entry.else_nonnull_var = name;
  }
  // A range test on a variable with a known range narrows it in each branch:
  // `if (j < 3)` inside `for (j = 0; j < 4; j++)`.
  if (cond.size() >= 3 && v_.is_identifier(cond.begin)) {
    const Var* var = find(v_.text(cond.begin));
    const std::string_view op = v_.text(cond.begin + 1);
    const auto bound = evaluate(v_, {cond.begin + 2, cond.end}, *this);
    if (var != nullptr && var->value && bound && bound->is_point() &&
        (op == "<" || op == "<=" || op == ">" || op == ">=")) {
      const Interval now = *var->value;
      const std::int64_t b = bound->lo;
      Interval yes = now;
      Interval no = now;
      if (op == "<") { yes.hi = std::min(now.hi, b - 1); no.lo = std::max(now.lo, b); }
      if (op == "<=") { yes.hi = std::min(now.hi, b); no.lo = std::max(now.lo, b + 1); }
      if (op == ">") { yes.lo = std::max(now.lo, b + 1); no.hi = std::min(now.hi, b); }
      if (op == ">=") { yes.lo = std::max(now.lo, b); no.hi = std::min(now.hi, b - 1); }
      then_entry.refine_var = v_.text(cond.begin);
      then_entry.refine = yes;
      then_entry.else_refine = no;
    }
  }
  if (cond.size() == 3 && !is_null_literal(v_.text(cond.begin + 2))) {
    // p != q (q a buffer or pointer): where they differ, p no longer points where it did.
    const std::string_view op = v_.text(cond.begin + 1);
    const std::string_view p = pointer_at(cond.begin);
    const Var* q = v_.is_identifier(cond.begin + 2) ? find(v_.text(cond.begin + 2)) : nullptr;
    if (!p.empty() && q != nullptr && (q->kind == Kind::array || q->kind == Kind::pointer)) {
      if (op == "!=") then_entry.forget_var = p;
      if (op == "==") then_entry.else_forget_var = p;
    }
  }
  if (cond.size() == 3) {
    const std::string_view op = v_.text(cond.begin + 1);
    std::string_view name = pointer_at(cond.begin);
    bool null_other = is_null_literal(v_.text(cond.begin + 2));
    if (name.empty()) {
      name = pointer_at(cond.begin + 2);
      null_other = is_null_literal(v_.text(cond.begin));
    }
    if (!name.empty() && null_other) {
      if (op == "==") null_name = name;
      if (op == "!=") nonnull_name = name;
    }
  }
  then_entry.null_var = null_name;
  then_entry.else_nonnull_var = null_name;
  then_entry.nonnull_var = nonnull_name;
  then_entry.else_null_var = nonnull_name;
  // `p && ...` and `p != NULL && ...`: p is not NULL in the then branch
  // (not when a top-level `||` offers another way in).
  bool top_level_or = false;
  for (std::size_t k = cond.begin; k < cond.end; ++k) {
    const std::size_t m = v_.match(k);
    if (m != npos && m > k) {
      k = m;
      continue;
    }
    top_level_or = top_level_or || v_.is(k, "||");
  }
  if (null_name.empty() && nonnull_name.empty() && !top_level_or) {
    std::size_t begin = cond.begin;
    for (std::size_t k = cond.begin; k <= cond.end; ++k) {
      if (k < cond.end) {
        const std::size_t m = v_.match(k);
        if (m != npos && m > k) {
          k = m;
          continue;
        }
        if (!v_.is(k, "&&")) continue;
      }
      const Range part{begin, k};
      std::string_view name;
      if (part.size() == 1) name = pointer_at(part.begin);
      if (part.size() == 3 && v_.is(part.begin + 1, "!=") && is_null_literal(v_.text(part.begin + 2)))
        name = pointer_at(part.begin);
      if (!name.empty() && then_entry.nonnull_var.empty()) then_entry.nonnull_var = name;
      begin = k + 1;
    }
  }
  // `!a || !b` (or `a == NULL || ...`): when the then branch cannot fall
  // through, each of them is set after it.
  if (null_name.empty()) {
    std::size_t begin = cond.begin;
    bool disjunction = false;
    std::vector<std::string_view> names;
    for (std::size_t k = cond.begin; k <= cond.end; ++k) {
      if (k < cond.end) {
        const std::size_t m = v_.match(k);
        if (m != npos && m > k) {
          k = m;
          continue;
        }
        if (v_.is(k, "&&")) return;
        if (!v_.is(k, "||")) continue;
        disjunction = true;
      }
      const Range part = unwrap_condition({begin, k});
      if (part.size() == 2 && v_.is(part.begin, "!")) names.push_back(pointer_at(part.begin + 1));
      if (part.size() == 3 && v_.is(part.begin + 1, "==") && is_null_literal(v_.text(part.begin + 2)))
        names.push_back(pointer_at(part.begin));
      begin = k + 1;
    }
    if (disjunction) then_entry.else_nonnull_more = std::move(names);
  }
}

// Whether a condition is always true or always false with what is known
// (`if (0)`, `if (flag > 1)` with flag == 1, `if (i == 10)` in a loop to 9).
std::optional<bool> FunctionFlow::truth(Range cond) const {
  cond = unwrap_condition(cond);
  if (cond.empty()) return std::nullopt;
  if (v_.is(cond.begin, "!")) {
    const Range rest{cond.begin + 1, cond.end};
    if (rest.size() == 1 || (v_.is(rest.begin, "(") && v_.match(rest.begin) == rest.end - 1)) {
      const auto inner = truth(rest);
      if (inner) return !*inner;
      return std::nullopt;
    }
  }
  // One comparison at the top level.
  std::size_t op = npos;
  for (std::size_t i = cond.begin; i < cond.end; ++i) {
    const std::size_t m = v_.match(i);
    if (m != npos && m > i) {
      i = m;
      continue;
    }
    const std::string_view t = v_.text(i);
    if (t == "&&" || t == "||" || t == "?" || t == "=") return std::nullopt;
    if (t == "==" || t == "!=" || t == "<" || t == "<=" || t == ">" || t == ">=") {
      if (op != npos) return std::nullopt;
      op = i;
    }
  }
  if (op == npos) {
    const auto value = evaluate(v_, cond, *this);
    if (!value) return std::nullopt;
    if (value->lo == 0 && value->hi == 0) return false;
    if (value->lo > 0 || value->hi < 0) return true;
    return std::nullopt;
  }
  const auto a = evaluate(v_, {cond.begin, op}, *this);
  const auto b = evaluate(v_, {op + 1, cond.end}, *this);
  if (!a || !b) return std::nullopt;
  const std::string_view t = v_.text(op);
  if (t == "==" || t == "!=") {
    const bool equal_always = a->is_point() && b->is_point() && a->lo == b->lo;
    const bool never_equal = a->hi < b->lo || b->hi < a->lo;
    if (equal_always) return t == "==";
    if (never_equal) return t == "!=";
    return std::nullopt;
  }
  // Normalise to a < b or a <= b.
  Interval l = *a;
  Interval r = *b;
  bool strict = t == "<" || t == ">";
  if (t == ">" || t == ">=") std::swap(l, r);
  if (strict) {
    if (l.hi < r.lo) return true;
    if (l.lo >= r.hi) return false;
  } else {
    if (l.hi <= r.lo) return true;
    if (l.lo > r.hi) return false;
  }
  return std::nullopt;
}

void FunctionFlow::returned(std::size_t begin, std::size_t end) {
  const Range r = strip_casts({begin, end});
  // return &local;  return local_array;  return p (pointing into a local)
  std::string_view name;
  bool address = false;
  if (r.size() == 2 && v_.is(r.begin, "&")) {
    name = single_name({r.begin + 1, r.end});
    address = true;
  } else {
    name = single_name(r);
  }
  if (name.empty()) return;
  const Var* var = find(name);
  if (var == nullptr) return;
  if ((address && var->local) || (var->kind == Kind::array && var->local)) {
    report(RuleId::return_local_address, Confidence::high, r.begin,
           fmt::format("returns the address of local '{}', which ends with the function", name));
  } else if (var->kind == Kind::pointer && (var->target == Target::array || var->target == Target::address) &&
             var->base_local) {
    report(RuleId::return_local_address, Confidence::medium, r.begin,
           fmt::format("returns '{}', which points into local '{}'", name, var->base));
  }
}

// ---------------------------------------------------------------------------
// Expressions

void FunctionFlow::scan(std::size_t begin, std::size_t end, int depth) {
  if (depth > k_max_recursion) return;
  std::size_t i = begin;
  while (i < end) {
    // A structure's body declares members, it reads nothing.
    if (v_.is(i, "{") && i > 0 &&
        (v_.is(i - 1, "struct") || v_.is(i - 1, "union") || v_.is(i - 1, "enum") ||
         (i > 1 && v_.is_identifier(i - 1) &&
          (v_.is(i - 2, "struct") || v_.is(i - 2, "union") || v_.is(i - 2, "enum"))))) {
      const std::size_t close = v_.match(i);
      i = close == npos || close >= end ? i + 1 : close + 1;
      continue;
    }
    i = token(i, end, depth);
  }
}

std::string_view FunctionFlow::single_name(Range r) const {
  while (r.size() >= 3 && v_.is(r.begin, "(") && v_.match(r.begin) == r.end - 1) r = {r.begin + 1, r.end - 1};
  if (r.size() == 1 && v_.is_identifier(r.begin)) return v_.text(r.begin);
  return {};
}

// Drops leading casts `(type *)` and redundant parentheses.
Range FunctionFlow::strip_casts(Range r) const {
  for (int guard = 0; guard < 8 && r.size() >= 2 && v_.is(r.begin, "("); ++guard) {
    const std::size_t close = v_.match(r.begin);
    if (close == npos || close >= r.end) break;
    if (close == r.end - 1) {
      r = {r.begin + 1, r.end - 1};
      continue;
    }
    bool type = close > r.begin + 1;
    for (std::size_t k = r.begin + 1; k < close && type; ++k)
      type = (v_.is_identifier(k) && find(v_.text(k)) == nullptr) || v_.is(k, "*") || v_.is(k, "::");
    if (!type) break;
    r.begin = close + 1;
  }
  return r;
}

bool FunctionFlow::is_unary_at(std::size_t i) const {
  if (i == 0) return true;
  const std::size_t p = i - 1;
  const lex::TokenKind k = v_.token(p).kind;
  if (k == lex::TokenKind::number || k == lex::TokenKind::string || k == lex::TokenKind::character) return false;
  if (k == lex::TokenKind::identifier) return is_keyword(v_.text(p));
  if (v_.is(p, "]")) return false;
  if (v_.is(p, ")")) {
    // `(type *) *p` is a cast; `(a) * b` a product.
    const std::size_t open = v_.match(p);
    if (open == npos) return false;
    // `(struct firmware **)&firmware`: a group ending in `*` is a cast.
    if (p > open + 1 && v_.is(p - 1, "*")) return true;
    // `if (x) *p = 0;`: after a control statement's condition, an operator is unary.
    if (open > 0 && (v_.is(open - 1, "if") || v_.is(open - 1, "while") || v_.is(open - 1, "for") ||
                     v_.is(open - 1, "switch")))
      return true;
    for (std::size_t k2 = open + 1; k2 < p; ++k2)
      if (!(v_.is(k2, "*") || (v_.is_identifier(k2) && find(v_.text(k2)) == nullptr))) return false;
    return p > open + 1;
  }
  return true;
}

bool FunctionFlow::is_write_after(std::size_t i) const {
  const std::string_view t = v_.text(i);
  return is_assignment_operator(t) || t == "++" || t == "--";
}

std::size_t FunctionFlow::token(std::size_t i, std::size_t end, int depth) {
  const lex::Token& tok = v_.token(i);
  if (tok.kind != lex::TokenKind::identifier) return i + 1;
  const std::string_view t = v_.text(i);
  if (t == "sizeof" || t == "typeof" || t == "__typeof__" || t == "decltype" || t == "alignof" || t == "_Alignof" ||
      t == "__alignof__" || t == "offsetof" || t == "__builtin_offsetof") {
    // Not evaluated: nothing in the operand is read.
    if (v_.is(i + 1, "(")) {
      const std::size_t close = v_.match(i + 1);
      return close == npos ? i + 1 : close + 1;
    }
    std::size_t k = i + 1;
    while (k < end && v_.is(k, "*")) ++k;
    if (k < end && v_.is(k, "(") && v_.match(k) != npos) k = v_.match(k) + 1;
    else if (k < end && v_.is_identifier(k)) ++k;
    while (k + 1 < end && (v_.is(k, ".") || v_.is(k, "->") || v_.is(k, "["))) {
      if (v_.is(k, "[")) {
        const std::size_t close = v_.match(k);
        if (close == npos) break;
        k = close + 1;
      } else {
        k += 2;
      }
    }
    return k;
  }
  if (i > 0 && (v_.is(i - 1, ".") || v_.is(i - 1, "->") || v_.is(i - 1, "::"))) return i + 1;  // a member
  if (i > 0 && (v_.is(i - 1, "struct") || v_.is(i - 1, "union") || v_.is(i - 1, "enum"))) return i + 1;  // a tag
  if (t == "asm" || t == "__asm__" || t == "__asm") {
    // Inline assembly: its operands may all be outputs.
    std::size_t open = i + 1;
    while (open < end && v_.is_identifier(open)) ++open;  // volatile, goto, inline
    const std::size_t close = v_.is(open, "(") ? v_.match(open) : npos;
    if (close == npos) return i + 1;
    for (std::size_t k = open; k < close; ++k)
      if (v_.is_identifier(k) && find(v_.text(k)) != nullptr) {
        Var& c = change(v_.text(k));
        c.initialized = true;
        c.contents_written = true;
        c.value.reset();
      }
    return close + 1;
  }
  if (t == "delete") {
    static constexpr LibraryCall k_delete{.kind = CallKind::release};
    std::size_t k = i + 1;
    Allocator by = Allocator::new_single;
    if (v_.is(k, "[") && v_.is(k + 1, "]")) {
      by = Allocator::new_array;
      k += 2;
    }
    if (v_.is_identifier(k) && (v_.is(k + 1, ";") || v_.is(k + 1, ")"))) release(v_.text(k), i, k_delete, by);
    return k;
  }
  if (v_.is(i + 1, "(")) return call(i);
  if (const Var* var = find(t)) {
    // The common case, settled without the full look: a structure (its
    // members are not followed), or a plain read of a written scalar or
    // pointer in the middle of an expression.
    if (var->kind == Kind::other && !v_.is(i + 1, "=")) return i + 1;
    if (var->initialized && !var->unchecked && (var->kind == Kind::scalar || var->kind == Kind::pointer) && i > 0 &&
        !v_.is(i - 1, "*") && !v_.is(i - 1, "&") && !v_.is(i - 1, "(") && !v_.is(i - 1, "++") &&
        !v_.is(i - 1, "--") && !v_.is(i - 1, ")")) {
      const lex::Token& next = v_.token(i + 1 < v_.size() ? i + 1 : i);
      if (next.kind == lex::TokenKind::punct && next.end - next.begin <= 2) {
        const std::string_view n = v_.text(i + 1);
        if (n == ")" || n == "," || n == ";" || n == "<" || n == ">" || n == "==" || n == "!=" || n == "<=" ||
            n == ">=" || n == "&&" || n == "||" || n == "?" || n == ":" || n == "|" || n == "^" || n == "/" ||
            n == "%" || n == "<<" || n == ">>")
          return i + 1;
      }
    }
    return variable(i, end, depth);
  }
  // An unknown name assigned a value: a global we did not see declared.
  if (v_.is(i + 1, "=") && (i == 0 || !is_unary_at(i) || !v_.is(i - 1, "*"))) return variable(i, end, depth);
  return i + 1;
}

std::size_t FunctionFlow::variable(std::size_t i, std::size_t end, int depth) {
  const std::string_view name = v_.text(i);
  // Casts between the operator and the name do not change what it does:
  // `*(char *)p = 0` writes through p.
  std::size_t before = i;
  while (before >= 3 && v_.is(before - 1, ")")) {
    const std::size_t open = v_.match(before - 1);
    if (open == npos || open == 0 || !is_unary_at(before) || v_.is_identifier(open - 1)) break;
    bool type = open + 1 < before - 1;
    for (std::size_t k = open + 1; k < before - 1 && type; ++k)
      type = v_.is(k, "*") || (v_.is_identifier(k) && find(v_.text(k)) == nullptr);
    if (!type) break;
    before = open;
  }
  const bool after_star = (i > 0 && v_.is(i - 1, "*") && is_unary_at(i - 1)) ||
                          (before != i && v_.is(before - 1, "*") && is_unary_at(before - 1));
  const bool after_amp = (i > 0 && v_.is(i - 1, "&") && is_unary_at(i - 1)) ||
                         (i > 1 && v_.is(i - 1, "(") && v_.is(i - 2, "&") && v_.is(i + 1, ")") && is_unary_at(i - 2));
  const bool after_incdec = i > 0 && (v_.is(i - 1, "++") || v_.is(i - 1, "--"));
  // Plain assignment: x = rhs
  if (v_.is(i + 1, "=") && !after_star) {
    const std::size_t rhs_end = expression_end(i + 2, end);
    scan(i + 2, rhs_end, depth + 1);
    assign(name, {i + 2, rhs_end}, i);
    return rhs_end;
  }
  Var* var = find(name);
  if (var == nullptr) return i + 1;
  // Compared with NULL anywhere (`p == NULL ? ... : p->x`, `return p && p->x`): checked.
  if (var->unchecked && ((i > 0 && v_.is(i - 1, "!")) ||
                         ((v_.is(i + 1, "==") || v_.is(i + 1, "!=")) && is_null_literal(v_.text(i + 2))) ||
                         v_.is(i + 1, "&&") || v_.is(i + 1, "?") || v_.is(i + 1, "||"))) {
    change(name).unchecked = false;
    var = find(name);
  }
  if (after_amp) {
    // Its address escapes: anything may write it from here on.
    Var& c = change(name);
    c.initialized = true;
    c.contents_written = true;
    c.value.reset();
    if (c.kind == Kind::pointer || c.kind == Kind::unknown) {
      c.target = Target::unknown;
      c.offset_known = false;
      c.null_by_compare = false;
    }
    return i + 1;
  }
  // Indexing: name[a][b]
  if (v_.is(i + 1, "[")) {
    const std::size_t close = v_.match(i + 1);
    if (close == npos) return i + 1;
    std::size_t last = close;
    int indexed = 1;
    while (v_.is(last + 1, "[") && v_.match(last + 1) != npos) {
      last = v_.match(last + 1);
      ++indexed;
    }
    int dims = 0;
    while (dims < 3 && var->dims[dims] != -1) ++dims;
    // An element passed on (`f(buf[2])` of a 2-D array, `&buf[1]`) may be written there.
    const bool element = var->kind != Kind::array || indexed >= std::max(dims, 1);
    const bool write = is_write_after(last + 1) || after_incdec;
    // buf[i].field or buf[i]->field: an element's member, not the element;
    // whether it is written is decided after the member chain.
    const bool member = v_.is(last + 1, ".") || v_.is(last + 1, "->");
    std::size_t chain = last + 1;
    while (v_.is(chain, ".") || v_.is(chain, "->")) chain += 2;
    const bool member_write = member && is_write_after(chain);
    const bool taken_address = i > 0 && v_.is(i - 1, "&");
    if (!taken_address) {
      const Range index{i + 2, close};
      const auto value = evaluate(v_, index, *this);
      bool through_loop = false;
      for (std::size_t k = index.begin; k < index.end; ++k)
        if (const Var* iv = find(v_.text(k)); iv != nullptr && iv->value && !iv->value->is_point()) through_loop = true;
      // A member access counts as a write for "read before written": the
      // structure's other members are not followed.
      if (var->kind == Kind::pointer) dereference(name, *find(name), i, write || member);
      if (member && !find(name)->contents_written) change(name).contents_written = true;
      access(name, *find(name), i, value, write || member_write, through_loop, element);
      // Inner dimensions of a multi-dimensional array.
      var = find(name);
      std::size_t open = close + 1;
      for (int dim = 1; dim < 3 && var->kind == Kind::array && v_.is(open, "[") && var->dims[dim] > 0; ++dim) {
        const std::size_t inner_close = v_.match(open);
        if (inner_close == npos) break;
        if (auto inner = evaluate(v_, {open + 1, inner_close}, *this); inner && inner->hi >= var->dims[dim])
          report(write ? RuleId::out_of_bounds_write : RuleId::out_of_bounds_read, Confidence::high, i,
                 fmt::format("index {} of dimension {} of '{}' is past its end ({} elements)", inner->hi, dim + 1,
                             name, var->dims[dim]));
        open = inner_close + 1;
      }
    }
    return i + 1;
  }
  if (v_.is(i + 1, "->")) {
    const std::size_t member_end = i + 3;
    std::size_t after = member_end;
    while (v_.is(after, ".") || v_.is(after, "->")) after += 2;
    // A member of the structure: its other members are not followed, so
    // this is no read of unwritten memory.
    if (!var->contents_written) change(name).contents_written = true;
    dereference(name, *find(name), i, is_write_after(after));
    return i + 1;
  }
  if (after_star && !v_.is(i + 1, ".") && !v_.is(i + 1, "->") && !v_.is(i + 1, "[")) {
    dereference(name, *var, i, is_write_after(i + 1));
    var = find(name);
    // **pp where pp = &p: the second dereference is of p.
    if (i >= 2 && v_.is(i - 2, "*") && is_unary_at(i - 2) && var->target == Target::address) {
      const std::string_view inner = var->base;
      if (Var* p = find(inner); p != nullptr && p->kind == Kind::pointer) dereference(inner, *p, i, is_write_after(i + 1));
      var = find(name);
    }
    if (var->kind == Kind::pointer && var->offset_known && var->length >= 0)
      access(name, *var, i, Interval::point(0), is_write_after(i + 1), false);
    // *pp = local_buffer: the local escapes through a parameter.
    if (var->parameter && v_.is(i + 1, "=")) {
      const std::size_t rhs_end = expression_end(i + 2, end);
      const Range rhs = strip_casts({i + 2, rhs_end});
      std::string_view target = single_name(rhs);
      bool address = false;
      if (target.empty() && rhs.size() == 2 && v_.is(rhs.begin, "&")) {
        target = single_name({rhs.begin + 1, rhs.end});
        address = true;
      }
      const Var* t = target.empty() ? nullptr : find(target);
      if (t != nullptr && t->local && (address || t->kind == Kind::array))
        report(RuleId::return_local_address, Confidence::medium, i,
               fmt::format("stores the address of local '{}' through parameter '{}'", target, name));
    }
    return i + 1;
  }
  // *(p + k), *(p - k)
  if (i >= 2 && v_.is(i - 1, "(") && v_.is(i - 2, "*") && is_unary_at(i - 2)) {
    const std::size_t close = v_.match(i - 1);
    if (close != npos && (v_.is(i + 1, "+") || v_.is(i + 1, "-"))) {
      auto k = evaluate(v_, {i + 2, close}, *this);
      if (k && v_.is(i + 1, "-")) k = Interval{-k->hi, -k->lo};
      bool through_loop = false;
      for (std::size_t t = i + 2; t < close; ++t)
        if (const Var* iv = find(v_.text(t)); iv != nullptr && iv->value && !iv->value->is_point()) through_loop = true;
      const bool write = is_write_after(close + 1);
      if (var->kind == Kind::pointer) dereference(name, *find(name), i, write);
      access(name, *find(name), i, k, write, through_loop);
      return i + 1;
    }
  }
  // Increments: pointer offsets and integer values.
  if (v_.is(i + 1, "++") || v_.is(i + 1, "--") || after_incdec || v_.is(i + 1, "+=") || v_.is(i + 1, "-=")) {
    if (!var->initialized && var->local && var->kind == Kind::scalar)
      report(RuleId::uninitialized_read, uninitialized_confidence(name, *var, i), i,
             fmt::format("'{}' is updated before it is initialised", name));
    Var& c = change(name);
    c.initialized = true;
    std::int64_t delta = 0;
    bool known = true;
    if (v_.is(i + 1, "++") || (after_incdec && v_.is(i - 1, "++"))) delta = 1;
    else if (v_.is(i + 1, "--") || (after_incdec && v_.is(i - 1, "--"))) delta = -1;
    else {
      const std::size_t rhs_end = expression_end(i + 2, end);
      auto k = evaluate(v_, {i + 2, rhs_end}, *this);
      known = k && k->is_point();
      if (known) delta = v_.is(i + 1, "+=") ? k->lo : -k->lo;
    }
    if (c.kind == Kind::pointer) {
      if (known && c.offset_known) c.offset += delta;
      else c.offset_known = false;
    } else if (c.value && c.value->is_point() && known) {
      c.value = Interval::point(c.value->lo + delta);
    } else {
      c.value.reset();
    }
    return i + 1;
  }
  // Pointer subtraction: a - b with both pointing into known, different objects.
  if (v_.is(i + 1, "-") && v_.is_identifier(i + 2) && !v_.is(i + 3, "[") && !v_.is(i + 3, "->") && !v_.is(i + 3, "(")) {
    const Var* other = find(v_.text(i + 2));
    if (other != nullptr && (var->kind == Kind::array || var->kind == Kind::pointer) &&
        (other->kind == Kind::array || other->kind == Kind::pointer)) {
      const std::string_view a = var->kind == Kind::array ? name : var->base;
      const std::string_view b = other->kind == Kind::array ? v_.text(i + 2) : other->base;
      // Both of known size (not `extern char _start[]`, linker symbols
      // that bound one region).
      if (!a.empty() && !b.empty() && a != b &&
          (var->target == Target::array || var->target == Target::heap) &&
          (other->target == Target::array || other->target == Target::heap) && var->length > 0 &&
          other->length > 0)
        report(RuleId::pointer_subtraction_unrelated, Confidence::high, i,
               fmt::format("'{}' and '{}' point into different objects ('{}' and '{}')", name, v_.text(i + 2), a, b));
    }
  }
  // A plain read.
  if (!var->initialized && var->local && (var->kind == Kind::scalar || var->kind == Kind::pointer)) {
    report(RuleId::uninitialized_read, uninitialized_confidence(name, *var, i), i,
           fmt::format("'{}' is read before it is initialised", name));
    change(name).initialized = true;  // one finding per variable
  }
  return i + 1;
}

void FunctionFlow::dereference(std::string_view name, Var& var, std::size_t at, bool write) {
  if (var.kind != Kind::pointer && var.kind != Kind::unknown) return;
  if (!var.initialized && var.local) {
    report(RuleId::uninitialized_read, uninitialized_confidence(name, var, at), at,
           fmt::format("pointer '{}' is dereferenced before it is initialised", name));
    change(name).initialized = true;
    return;
  }
  switch (var.target) {
    case Target::null:
      if (guarded_condition_) return;  // `p && p->x`: the check is in the same condition
      report(RuleId::null_dereference,
             var.null_maybe ? maybe(var)
                            : across(var.target_line, v_.line(at),
                                     var.null_by_compare ? Confidence::medium : Confidence::high),
             at,
             var.null_by_compare
                 ? fmt::format("'{}' is dereferenced where the condition just found it NULL", name)
                 : fmt::format("'{}' is dereferenced but was set to NULL on line {}", name, var.target_line));
      change(name).target = Target::unknown;
      return;
    case Target::freed:
      report(RuleId::use_after_free,
             var.freed_conditionally ? maybe(var) : across(var.target_line, v_.line(at), Confidence::high), at,
             fmt::format("'{}' is used after it was freed on line {}", name, var.target_line));
      change(name).target = Target::unknown;
      return;
    case Target::heap:
      if (var.unchecked) {
        // Reported at the allocation, where the check belongs.
        report(RuleId::alloc_unchecked, Confidence::medium, var.alloc_token,
               fmt::format("the result of this allocation ('{}') is used on line {} without a NULL check", name,
                           v_.line(at)));
        change(name).unchecked = false;
      }
      if (!write && !var.contents_written && var.offset_known) {
        report(RuleId::uninitialized_read, Confidence::low, at,
               fmt::format("heap memory '{}' points to is read before anything was written to it", name));
        change(name).contents_written = true;
      }
      if (write) change(name).contents_written = true;
      return;
    case Target::address: {
      // *p where p = &x: reading x before x was written.
      const Var* pointee = find(var.base);
      if (!write && pointee != nullptr && !pointee->initialized && pointee->local &&
          (pointee->kind == Kind::scalar || pointee->kind == Kind::pointer)) {
        report(RuleId::uninitialized_read, Confidence::high, at,
               fmt::format("'{}' points to '{}', which is read before it is initialised", name, var.base));
        change(var.base).initialized = true;
      }
      return;
    }
    default:
      return;
  }
}

void FunctionFlow::access(std::string_view name, Var& var, std::size_t at, std::optional<Interval> index, bool write,
                          bool through_loop, bool element) {
  if (write && !var.contents_written) change(name).contents_written = true;
  if (!index) return;
  std::int64_t length = -1;
  std::int64_t offset = 0;
  std::string_view of = name;
  if (var.kind == Kind::array) {
    length = var.dims[0];
  } else if (var.kind == Kind::pointer || var.kind == Kind::unknown) {
    if (var.target != Target::heap && var.target != Target::array && var.target != Target::literal) return;
    if (!var.offset_known) return;
    length = var.length;
    offset = var.offset;
    of = var.base.empty() ? name : var.base;
  } else {
    return;
  }
  const std::int64_t lo = index->lo + offset;
  const std::int64_t hi = index->hi + offset;
  const char* how = through_loop ? "the loop makes the index reach" : "index";
  // `i > 0 && a[i - 1]`, `i ? a[i - 1] : 0`: a guard in the same expression
  // may exclude the loop's end values.
  const Confidence sure = through_loop && guarded_condition_ ? Confidence::low : Confidence::high;
  // Callers pass different lengths: only an access that every call reaches
  // (not inside a branch or loop the function may use to tell them apart).
  if (var.smallest_caller && entries_.size() > 1) return;
  if (lo < 0) {
    report(RuleId::before_start_of_buffer, sure, at, fmt::format("{} {} is before the start of '{}'", how, lo, of));
  } else if (length >= 0 && hi >= length) {
    report(write ? RuleId::out_of_bounds_write : RuleId::out_of_bounds_read, sure, at,
           fmt::format("{} {} is past the end of '{}' ({} element{})", how, hi, of, length, length == 1 ? "" : "s"));
  } else if (var.kind == Kind::array && var.local && !write && !var.contents_written && index->is_point() &&
             element && !escapes(name)) {
    report(RuleId::uninitialized_read, Confidence::medium, at,
           fmt::format("'{}' is read before any element was written", name));
    change(name).contents_written = true;
  }
  if (write && !var.contents_written) change(name).contents_written = true;
}

// Whether lengths and offsets counted for `b` count the same for `a`: the
// same element type, or basic types of the same size.
bool same_units(const Var& a, const Var& b) {
  if (a.elem_size > 0 && b.elem_size > 0) return a.elem_size == b.elem_size;
  return !a.type.empty() && a.type == b.type;
}

void FunctionFlow::assign(std::string_view name, Range rhs_full, std::size_t at) {
  Var& var = change(name);
  const Kind declared = var.kind;
  var.initialized = true;
  var.from_strlen = false;
  for (std::size_t t = rhs_full.begin; t < rhs_full.end && !var.from_strlen; ++t)
    var.from_strlen = v_.is(t, "strlen") || v_.is(t, "strnlen");
  var.null_by_compare = false;
  var.freed_conditionally = false;
  var.null_maybe = false;
  var.value.reset();
  const Range rhs = strip_casts(rhs_full);
  const auto line = v_.line(at);
  const auto set_pointer = [&](Target target) {
    if (var.kind == Kind::unknown) var.kind = Kind::pointer;
    var.target = target;
    var.target_line = line;
    var.offset = 0;
    var.offset_known = true;
    var.length = -1;
    var.base = {};
    var.base_local = false;
    var.unchecked = false;
    var.allocator = Allocator::none;
    var.contents_written = true;
    var.sized_by_strlen = false;
    var.smallest_caller = false;
  };
  if (rhs.empty()) return;
  // NULL, 0, nullptr
  if (rhs.size() == 1 && is_null_literal(v_.text(rhs.begin)) && declared != Kind::scalar) {
    if (declared == Kind::pointer || v_.text(rhs.begin) != "0") {
      set_pointer(Target::null);
      return;
    }
  }
  if (declared == Kind::array) return;
  // Allocations: malloc(...), new T[n]
  if (v_.is_identifier(rhs.begin) && v_.is(rhs.begin + 1, "(")) {
    const LibraryCall* lib = library_call(v_.text(rhs.begin));
    const std::size_t close = v_.match(rhs.begin + 1);
    if (lib != nullptr && close == rhs.end - 1 &&
        (lib->kind == CallKind::allocate || lib->kind == CallKind::reallocate || lib->kind == CallKind::duplicate)) {
      set_pointer(Target::heap);
      var.alloc_token = rhs.begin;
      // Sized from a string's length: directly, or through a variable that holds one.
      for (std::size_t t = rhs.begin; t < rhs.end && !var.sized_by_strlen; ++t) {
        const Var* term = v_.is_identifier(t) ? find(v_.text(t)) : nullptr;
        var.sized_by_strlen = v_.is(t, "strlen") || v_.is(t, "strnlen") || (term != nullptr && term->from_strlen);
      }
      var.allocator = Allocator::malloc;
      // __GFP_NOFAIL allocations do not return NULL.
      bool nofail = false;
      for (std::size_t t = rhs.begin; t < rhs.end && !nofail; ++t) nofail = v_.is(t, "__GFP_NOFAIL");
      var.unchecked = lib->may_fail && !nofail;
      var.contents_written = lib->zeroes || lib->kind != CallKind::allocate;
      var.base = name;
      const auto args = v_.arguments(rhs.begin + 1);
      std::optional<std::int64_t> elements;
      const std::int64_t elem = var.elem_size;
      if (lib->count_arg >= 0 && static_cast<std::size_t>(lib->count_arg) < args.size() &&
          static_cast<std::size_t>(lib->size_arg) < args.size()) {
        const auto count = evaluate(v_, args[lib->count_arg], *this);
        const auto size = evaluate(v_, args[lib->size_arg], *this);
        if (count && size && count->is_point() && size->is_point() && elem > 0 && count->lo * size->lo % elem == 0)
          elements = count->lo * size->lo / elem;
        else if (count && count->is_point() && elem == 0 && v_.is(args[lib->size_arg].begin, "sizeof") &&
                 (args[lib->size_arg].size() == 2 ||
                  (v_.is(args[lib->size_arg].begin + 1, "(") &&
                   v_.match(args[lib->size_arg].begin + 1) == args[lib->size_arg].end - 1)))
          elements = count->lo;  // calloc(5, sizeof(struct s)) into a struct pointer: one element each
      } else if (lib->size_arg >= 0 && static_cast<std::size_t>(lib->size_arg) < args.size()) {
        const auto size = evaluate(v_, args[lib->size_arg], *this);
        if (size && size->is_point() && elem > 0 && size->lo % elem == 0) elements = size->lo / elem;
      }
      if (elements) var.length = *elements;
      return;
    }
  }
  if (v_.is(rhs.begin, "new") && find("new") == nullptr) {  // in C, `new` may be a variable
    set_pointer(Target::heap);
    var.base = name;
    std::size_t k = rhs.begin + 1;
    while (k < rhs.end && !v_.is(k, "[") && !v_.is(k, "(") && !v_.is(k, "{")) ++k;
    if (k < rhs.end && v_.is(k, "[")) {
      var.allocator = Allocator::new_array;
      const std::size_t close = v_.match(k);
      if (close != npos) {
        if (auto n = evaluate(v_, {k + 1, close}, *this); n && n->is_point()) var.length = n->lo;
      }
    } else {
      var.allocator = Allocator::new_single;
      var.length = 1;
    }
    return;
  }
  // A string literal.
  if (v_.is_string(rhs.begin)) {
    set_pointer(Target::literal);
    var.base = v_.text(rhs.begin);
    if (rhs.size() == 1) var.length = static_cast<std::int64_t>(v_.text(rhs.begin).size()) - 1;
    return;
  }
  // &x, &x[k], array, array + k, p, p + k
  std::size_t k = rhs.begin;
  bool address = false;
  if (v_.is(k, "&")) {
    address = true;
    ++k;
  }
  if (k < rhs.end && v_.is_identifier(k)) {
    const std::string_view source = v_.text(k);
    const Var* src = find(source);
    if (src != nullptr && src != &var) {
      // The offset added to the source pointer (`&a[k]`, `p + k`).
      Interval extra = Interval::point(0);
      bool extra_known = true;
      std::size_t after = k + 1;
      if (address && v_.is(after, "[")) {
        const std::size_t close = v_.match(after);
        const auto e = close == npos ? std::nullopt : evaluate(v_, {after + 1, close}, *this);
        extra_known = e.has_value();
        if (e) extra = *e;
        after = close == npos ? rhs.end : close + 1;
      }
      if (after < rhs.end && (v_.is(after, "+") || v_.is(after, "-"))) {
        const auto e = evaluate(v_, {after + 1, rhs.end}, *this);
        extra_known = e.has_value();
        if (e) extra = v_.is(after, "-") ? Interval{-e->hi, -e->lo} : *e;
        after = rhs.end;
      }
      if (after == rhs.end && (src->kind != Kind::scalar || address)) {
        const Var copy = *src;
        if (address && copy.kind != Kind::array && v_.is(k + 1, "[")) {
          // &p[i]: a pointer into what p points to.
          if (copy.target != Target::array && copy.target != Target::heap) {
            var.target = Target::unknown;
            var.offset_known = false;
            return;
          }
          address = false;
        }
        if (address && !(copy.kind == Kind::array && v_.is(k + 1, "["))) {
          set_pointer(Target::address);
          var.base = source;
          var.base_local = copy.local;
          var.length = copy.kind == Kind::array ? copy.dims[0] : 1;
          return;
        }
        if (copy.kind == Kind::array) {
          set_pointer(Target::array);
          var.base = source;
          var.base_local = copy.local;
          var.length = copy.dims[1] == -1 ? copy.dims[0] : -1;
          if (var.elem_size == 0 && var.type == copy.type) var.elem_size = copy.elem_size;
          // Through a cast to another element type, counts change units.
          if (!same_units(var, copy)) var.length = -1;
        } else if (copy.kind == Kind::pointer || copy.target != Target::unknown) {
          const Kind kind = var.kind == Kind::unknown ? Kind::pointer : var.kind;
          const std::int64_t elem = var.elem_size;
          const bool was_param = var.parameter;
          const bool same = var.kind == Kind::unknown || same_units(var, copy);
          const std::string_view type = var.kind == Kind::unknown ? copy.type : var.type;
          var = copy;
          var.type = type;
          if (!same) var.length = -1;
          var.kind = kind;
          var.local = false;
          var.parameter = was_param;
          var.elem_size = elem;
          var.initialized = true;
          if (copy.target == Target::freed) var.target = Target::unknown;  // too clever to follow
        } else {
          return;
        }
        if (extra_known && extra.is_point() && var.offset_known) var.offset += extra.lo;
        else var.offset_known = false;
        return;
      }
    }
  }
  // (int *)(intptr_t)(2 * a - 6) with a == 3: NULL too.
  if (declared == Kind::pointer) {
    if (const auto value = evaluate(v_, rhs, *this); value && value->lo == 0 && value->hi == 0) {
      set_pointer(Target::null);
      return;
    }
  }
  // An integer expression.
  if (declared != Kind::pointer) {
    if (auto value = evaluate(v_, rhs, *this)) {
      var.value = value;
      return;
    }
  }
  if (var.kind == Kind::pointer || var.kind == Kind::unknown) {
    var.target = Target::unknown;
    var.offset_known = false;
    var.unchecked = false;
    var.contents_written = true;
  }
}

std::optional<std::int64_t> FunctionFlow::destination_bytes(Range arg) const {
  const std::string_view name = single_name(strip_casts(arg));
  if (name.empty()) return std::nullopt;
  const Var* var = find(name);
  if (var == nullptr) return std::nullopt;
  if (var->kind == Kind::array && var->dims[0] >= 0 && var->elem_size > 0 && var->dims[1] == -1)
    return var->dims[0] * var->elem_size;
  if (var->kind == Kind::pointer && (var->target == Target::heap || var->target == Target::array) &&
      var->offset_known && var->offset == 0 && var->length >= 0 && var->elem_size > 0)
    return var->length * var->elem_size;
  return std::nullopt;
}

void FunctionFlow::release(std::string_view name, std::size_t at, const LibraryCall& how, Allocator by) {
  (void)how;
  Var* var = find(name);
  if (var == nullptr) return;
  if (var->kind == Kind::array) {
    report(RuleId::free_not_heap, Confidence::high, at, fmt::format("'{}' is an array, not heap memory", name));
    return;
  }
  // A parameter's buffer comes from the caller: what it is was seen there.
  const bool from_caller = var->parameter;
  switch (var->target) {
    case Target::freed:
      report(RuleId::double_free,
             var->freed_conditionally ? maybe(*var) : across(var->target_line, v_.line(at), Confidence::high), at,
             fmt::format("'{}' was already freed on line {}", name, var->target_line));
      return;
    case Target::array:
    case Target::address:
    case Target::literal:
      if (from_caller) {
        report(RuleId::free_not_heap, Confidence::medium, at,
               fmt::format("'{}' is freed, but every caller in this file passes a buffer that is not heap memory",
                           name));
        return;
      }
      report(RuleId::free_not_heap, Confidence::high, at,
             fmt::format("'{}' points to {}, not heap memory", name,
                         var->target == Target::literal ? std::string("a string literal")
                                                        : fmt::format("'{}'", var->base)));
      return;
    case Target::heap:
      if (var->offset_known && var->offset != 0) {
        report(RuleId::free_offset_pointer, Confidence::high, at,
               fmt::format("'{}' was moved {} element{} past the start of its block", name, var->offset,
                           var->offset == 1 ? "" : "s"));
      } else if (var->allocator != Allocator::none && by != Allocator::none && var->allocator != by) {
        static constexpr const char* names[] = {"", "malloc", "new", "new[]"};
        static constexpr const char* releases[] = {"", "free", "delete", "delete[]"};
        report(RuleId::dealloc_mismatch, Confidence::high, at,
               fmt::format("'{}' was allocated with {} on line {} but released with {}", name,
                           names[static_cast<int>(var->allocator)], var->target_line,
                           releases[static_cast<int>(by)]));
      }
      break;
    default:
      break;
  }
  Var& c = change(name);
  c.target = Target::freed;
  c.target_line = v_.line(at);
  c.freed_conditionally = false;

}


// The length of the string a literal (or adjacent literals) spells, escapes
// counted as one character; nothing when the range is not only literals.
// The text between a literal's quotes (prefixes like L or u8 dropped).
std::string_view literal_body(std::string_view t) {
  const std::size_t open = t.find('"');
  if (open == std::string_view::npos || t.size() < open + 2) return t;
  return t.substr(open + 1, t.size() - open - 2);
}

// The characters a string literal token spells (escapes count as one).
std::optional<std::int64_t> literal_text_length(std::string_view t) {
  std::int64_t length = 0;
  {
    const std::size_t open = t.find('"');
    if (open == std::string_view::npos || t.size() < open + 2 || t.find('R') < open) return std::nullopt;
    t = t.substr(open + 1, t.size() - open - 2);
    for (std::size_t k = 0; k < t.size(); ++k) {
      if (t[k] == '\\' && k + 1 < t.size()) {
        ++k;
        if (t[k] == 'x') while (k + 1 < t.size() && std::isxdigit(static_cast<unsigned char>(t[k + 1]))) ++k;
        else if (t[k] >= '0' && t[k] <= '7')
          for (int d = 0; d < 2 && k + 1 < t.size() && t[k + 1] >= '0' && t[k + 1] <= '7'; ++d) ++k;
      }
      ++length;
    }
  }
  return length;
}

std::optional<std::int64_t> literal_length(const TokenView& v, Range r, const FileContext* file = nullptr) {
  if (r.empty()) return std::nullopt;
  std::int64_t length = 0;
  for (std::size_t i = r.begin; i < r.end; ++i) {
    std::string_view text = v.text(i);
    if (!v.is_string(i)) {
      // A macro of this file whose body is one string (`#define UNLIMITED "unlimited"`).
      const std::string_view* literal = file != nullptr && v.is_identifier(i) ? file->string_macro(text) : nullptr;
      if (literal == nullptr) return std::nullopt;
      text = *literal;
    }
    const auto n = literal_text_length(text);
    if (!n) return std::nullopt;
    length += *n;
  }
  return length;
}

// The longest output a printf format can produce, or nothing when a
// conversion is unbounded (%s without precision, floating point).
std::optional<std::int64_t> format_max_length(std::string_view f) {
  std::int64_t total = 0;
  for (std::size_t k = 0; k < f.size(); ++k) {
    if (f[k] == '\\') {
      ++k;
      ++total;
      continue;
    }
    if (f[k] != '%') {
      ++total;
      continue;
    }
    if (k + 1 < f.size() && f[k + 1] == '%') {
      ++k;
      ++total;
      continue;
    }
    ++k;
    while (k < f.size() && std::strchr("-+ #0", f[k]) != nullptr) ++k;
    std::int64_t width = 0;
    while (k < f.size() && std::isdigit(static_cast<unsigned char>(f[k]))) width = width * 10 + (f[k++] - '0');
    if (k < f.size() && f[k] == '*') return std::nullopt;
    std::int64_t precision = -1;
    if (k < f.size() && f[k] == '.') {
      ++k;
      precision = 0;
      if (k < f.size() && f[k] == '*') return std::nullopt;
      while (k < f.size() && std::isdigit(static_cast<unsigned char>(f[k]))) precision = precision * 10 + (f[k++] - '0');
    }
    bool wide = false;
    while (k < f.size() && std::strchr("hlLqjzt", f[k]) != nullptr) {
      if (f[k] != 'h') wide = true;
      ++k;
    }
    if (k >= f.size()) return std::nullopt;
    std::int64_t n;
    switch (f[k]) {
      case 'd': case 'i': n = wide ? 20 : 11; break;
      case 'u': n = wide ? 20 : 10; break;
      case 'x': case 'X': n = wide ? 16 : 8; break;
      case 'o': n = wide ? 22 : 11; break;
      case 'c': n = 1; break;
      case 'p': n = 18; break;
      case 's':
        if (precision < 0) return std::nullopt;
        n = precision;
        break;
      default: return std::nullopt;
    }
    total += std::max(n, width);
  }
  return total;
}

// scanf: a %s or %[ without a width.
bool scanf_unbounded(std::string_view f) {
  for (std::size_t k = 0; k < f.size(); ++k) {
    if (f[k] != '%') continue;
    ++k;
    if (k < f.size() && f[k] == '%') continue;
    if (k < f.size() && f[k] == '*') continue;  // assigned nowhere
    bool width = false;
    while (k < f.size() && std::isdigit(static_cast<unsigned char>(f[k]))) {
      width = true;
      ++k;
    }
    bool allocates = false;
    while (k < f.size() && std::strchr("hlLqjztm", f[k]) != nullptr) {
      if (f[k] == 'm') allocates = true;
      ++k;
    }
    if (k < f.size() && (f[k] == 's' || f[k] == '[') && !width && !allocates) return true;
  }
  return false;
}

bool has_string(const TokenView& v, Range r) {
  for (std::size_t i = r.begin; i < r.end; ++i)
    if (v.is_string(i)) return true;
  return false;
}

// The argument's source text for a message (`ca->ai_canonname`, `*path`), cut short.
std::string FunctionFlow::arg_text(Range r) const {
  if (r.empty()) return {};
  const std::uint32_t begin = v_.token(r.begin).begin;
  const std::uint32_t end = v_.token(r.end - 1).end;
  std::string text(v_.source().substr(begin, std::min<std::uint32_t>(end - begin, 60)));
  for (char& c : text)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return text;
}

// `strlen(src)` (or sizeof/strnlen of it) earlier in the body: the usual sign
// of a length check before the copy.
bool FunctionFlow::length_taken_before(Range arg, std::size_t at) const {
  const Range a = strip_casts(arg);
  std::size_t k = a.begin;
  while (k < a.end && (v_.is(k, "&") || v_.is(k, "*") || v_.is(k, "("))) ++k;
  if (k >= a.end || !v_.is_identifier(k)) return false;
  const std::string_view name = v_.text(k);
  for (std::size_t t = body_.begin; t + 2 < at; ++t) {
    if (!(v_.is(t, "strlen") || v_.is(t, "strnlen") || v_.is(t, "wcslen")) || !v_.is(t + 1, "(")) continue;
    const std::size_t close = v_.match(t + 1);
    for (std::size_t u = t + 2; u < close && u < at; ++u)
      if (v_.is_identifier(u) && v_.text(u) == name) return true;
  }
  return false;
}

bool FunctionFlow::sized_by_strlen(Range arg) const {
  const Range a = strip_casts(arg);
  std::size_t k = a.begin;
  while (k < a.end && (v_.is(k, "*") || v_.is(k, "("))) ++k;
  if (k >= a.end || !v_.is_identifier(k)) return false;
  const Var* var = find(v_.text(k));
  return var != nullptr && var->sized_by_strlen;
}

std::size_t FunctionFlow::call(std::size_t i) {
  const std::string_view callee = v_.text(i);
  const LibraryCall* lib = library_call(callee);
  const auto args = v_.arguments(i + 1);
  const auto arg_name = [&](std::size_t n) -> std::string_view {
    return n < args.size() ? single_name(strip_casts(args[n])) : std::string_view();
  };
  const auto mark_written = [&](std::size_t n) {
    // The buffer an argument names: `buf`, `buf + 2`, `&buf[1]`, `buf[0]`, `(char *)buf`.
    if (n >= args.size()) return;
    const Range a = strip_casts(args[n]);
    std::size_t k = a.begin;
    while (k < a.end && (v_.is(k, "&") || v_.is(k, "("))) ++k;
    const std::string_view name = k < a.end && v_.is_identifier(k) ? v_.text(k) : std::string_view();
    if (name.empty()) return;
    Var* var = find(name);
    if (var != nullptr && !var->contents_written) change(name).contents_written = true;
  };
  // sizeof(pointer) where a size is expected: the size of the pointer, not the buffer.
  const auto check_sizeof = [&](Range r) {
    for (std::size_t k = r.begin; k + 1 < r.end; ++k) {
      if (!v_.is(k, "sizeof")) continue;
      std::string_view name;
      if (v_.is(k + 1, "(") && v_.match(k + 1) == k + 3) name = v_.is_identifier(k + 2) ? v_.text(k + 2) : "";
      else if (v_.is_identifier(k + 1) && !v_.is(k + 2, "[") && !v_.is(k + 2, "->") && !v_.is(k + 2, "."))
        name = v_.text(k + 1);
      const Var* var = name.empty() ? nullptr : find(name);
      if (var != nullptr && var->kind == Kind::pointer)
        report(RuleId::sizeof_pointer, Confidence::medium, k,
               fmt::format("sizeof '{}' is the size of a pointer, not of what it points to", name));
    }
  };
  // assert(p), BUG_ON(!p): the program stops (or warns) unless p is set.
  if ((callee == "assert" || callee == "ASSERT" || callee == "BUG_ON" || callee == "WARN_ON" ||
       callee == "WARN_ON_ONCE" || callee == "WARN" || callee == "VM_BUG_ON") &&
      !args.empty()) {
    const bool negated = callee != "assert" && callee != "ASSERT";
    Entry probe;
    condition(args[0], probe);
    std::vector<std::string_view> set = negated ? probe.else_nonnull_more : std::vector<std::string_view>{};
    set.push_back(negated ? probe.else_nonnull_var : probe.nonnull_var);
    for (auto name : set) {
      if (Var* var = name.empty() ? nullptr : find(name); var != nullptr && var->target == Target::null) {
        Var& c = change(name);
        c.target = Target::unknown;
        c.null_maybe = false;
      }
    }
  }
  if (lib == nullptr && file_.defines(callee)) {
    for (std::size_t n = 0; n < args.size(); ++n) {
      const std::string_view name = single_name(strip_casts(args[n]));
      const Var* var = name.empty() ? nullptr : find(name);
      // A function of this file (not a macro) given an uninitialised pointer.
      if (var != nullptr && var->kind == Kind::pointer && var->local && !var->initialized)
        report(RuleId::uninitialized_read, uninitialized_confidence(name, *var, i), i,
               fmt::format("uninitialised pointer '{}' is passed to {}", name, callee));
      if (record_ == nullptr) continue;
      ArgumentFact fact;
      fact.line = v_.line(i);
      fact.known = false;
      if (var != nullptr && var->kind == Kind::array && var->dims[0] >= 0 && var->dims[1] == -1) {
        fact = {true, var->dims[0], var->elem_size, v_.line(i), false, true};
      } else if (var != nullptr && var->kind == Kind::pointer &&
                 (var->target == Target::array || var->target == Target::heap) && var->offset_known &&
                 var->length >= 0) {
        fact = {true, var->length - var->offset, var->elem_size, v_.line(i), var->target == Target::heap, true};
      }
      auto& facts = (*record_)[callee];
      if (facts.size() <= n) facts.resize(n + 1, ArgumentFact{true, -1, 0, 0, false, true});
      ArgumentFact& merged = facts[n];
      merged.heap = merged.heap || fact.heap;
      if (!fact.known || (merged.length >= 0 && merged.elem_size != fact.elem_size)) {
        merged.known = false;
      } else if (merged.known && merged.length < 0) {
        merged.length = fact.length;
        merged.elem_size = fact.elem_size;
        merged.line = fact.line;
      } else if (merged.known && merged.length != fact.length) {
        // Callers disagree (camellia's setup_tail gets 26 and 34 words):
        // the smallest holds only where every call goes (see access()).
        merged.agree = false;
        merged.length = std::min(merged.length, fact.length);
      }
    }
  }
  // A macro of this file may assign any local its body names.
  if (const auto* names = lib == nullptr ? file_.macro_body(callee) : nullptr) {
    for (auto name : *names) {
      Var* var = find(name);
      if (var == nullptr || var->kind == Kind::array) continue;
      Var& c = change(name);
      c.initialized = true;
      c.value.reset();
      if (c.target == Target::null || c.target == Target::freed) c.target = Target::unknown;
    }
  }
  if (lib == nullptr) {
    // An unknown function may write through any pointer it is given, and
    // may be a macro that assigns its arguments (va_start, FD_ZERO).
    const bool macro_like = !file_.defines(callee);
    if (macro_like && v_.match(i + 1) != npos) unknown_call_until_ = std::max(unknown_call_until_, v_.match(i + 1));
    // An iterator macro (`list_for_each_entry(pos, head, member) {`) assigns its cursor.
    const std::size_t close = v_.match(i + 1);
    const bool loop_macro = macro_like && ((close != npos && v_.is(close + 1, "{")) ||
                                           callee.find("for_each") != std::string_view::npos);
    for (std::size_t n = 0; n < args.size(); ++n) {
      mark_written(n);
      // A macro may assign any name in its arguments (read_poll_timeout's
      // `val`, list_for_each_entry's cursor), in any order.
      // Only a bare name (or its address) can be assigned that way; deeper
      // expressions are read, and the scan of the arguments reads them.
      const Range a = args[n];
      const std::size_t k = a.size() == 1 ? a.begin : (a.size() == 2 && v_.is(a.begin, "&")) ? a.begin + 1 : npos;
      if (macro_like && k != npos && v_.is_identifier(k)) {
        Var* var = find(v_.text(k));
        if (var == nullptr) continue;
        if (!var->initialized) change(v_.text(k)).initialized = true;
        // A bare name given to a macro may come back assigned (swap(a, b), get_user(x, p)).
        const bool bare = a.size() == 1;
        if ((loop_macro && var->target == Target::freed) || ((loop_macro || bare) && var->target == Target::null)) {
          Var& c = change(v_.text(k));
          c.target = Target::unknown;
          c.value.reset();
        }
      }
    }
    return i + 1;
  }
  switch (lib->kind) {
    case CallKind::release:
      // The arguments are evaluated before the block is freed:
      // devm_kfree(p->dev, p) reads p->dev first.
      if (const auto name = arg_name(static_cast<std::size_t>(lib->pointer_arg)); !name.empty()) {
        const std::size_t close = v_.match(i + 1);
        if (close != npos) scan(i + 2, close, 1);
        release(name, i, *lib, Allocator::malloc);
        return close == npos ? i + 1 : close + 1;
      }
      return i + 1;
    case CallKind::no_return:
      terminate(true);
      return i + 1;
    case CallKind::read_line_unbounded:
      report(RuleId::gets_call, Confidence::high, i, fmt::format("{} cannot limit the line to the buffer's size", callee));
      mark_written(0);
      return i + 1;
    case CallKind::stack_allocate:
      report(RuleId::alloca_call, Confidence::medium, i, fmt::format("{} allocates a run-time size on the stack", callee));
      return i + 1;
    case CallKind::copy_unbounded: {
      if (args.size() < 2) return i + 1;
      const auto bytes = destination_bytes(args[0]);
      const auto length = literal_length(v_, args[1], &file_);
      const auto source = destination_bytes(args[1]);  // an array of known size
      if (bytes && length) {
        if (*length + 1 > *bytes)
          report(RuleId::out_of_bounds_write, Confidence::high, i,
                 fmt::format("{} copies {} bytes into '{}', which holds {}", callee, *length + 1,
                             arg_text(args[0]), *bytes));
      } else if (bytes && source && *source <= *bytes) {
        // The source array, NUL included, fits the destination: proven.
      } else {
        // Evidence of a bound: the source's length taken earlier in the
        // function (a check), or a destination sized from a strlen.
        const bool bounded = length || length_taken_before(args[1], i) || length_taken_before(args[0], i) ||
                             sized_by_strlen(args[0]);
        report(RuleId::strcpy_unbounded, bounded ? Confidence::low : Confidence::medium, i,
               fmt::format("{} into '{}' is not bounded by its size{}", callee, arg_text(args[0]),
                           bounded ? " (a length is checked or allocated for nearby)" : ""));
      }
      mark_written(0);
      return i + 1;
    }
    case CallKind::append_unbounded:
      if (!args.empty()) {
        const bool bounded = (args.size() > 1 && length_taken_before(args[1], i)) || length_taken_before(args[0], i) ||
                             sized_by_strlen(args[0]);
        report(RuleId::strcat_unbounded, bounded ? Confidence::low : Confidence::medium, i,
               fmt::format("{} appends to '{}' without knowing the room left", callee, arg_text(args[0])));
      }
      return i + 1;
    case CallKind::format_unbounded: {
      if (args.size() < 2) return i + 1;
      const auto bytes = destination_bytes(args[0]);
      const auto fmt_length = literal_length(v_, args[1]);
      std::optional<std::int64_t> max;
      if (fmt_length && args[1].size() == 1) max = format_max_length(literal_body(v_.text(args[1].begin)));
      if (bytes && max && *max + 1 <= *bytes) {
        // The longest output fits: proven.
      } else if (bytes && max) {
        report(RuleId::sprintf_unbounded, Confidence::medium, i,
               fmt::format("{} can write {} bytes into '{}', which holds {}", callee, *max + 1, arg_text(args[0]),
                           *bytes));
      } else if (max) {
        // No unbounded conversion: at most `max` bytes, a small known amount.
        report(RuleId::sprintf_unbounded, Confidence::low, i,
               fmt::format("{} into '{}' writes up to {} bytes; the buffer's size is not known here", callee,
                           arg_text(args[0]), *max + 1));
      } else {
        report(RuleId::sprintf_unbounded, Confidence::medium, i,
               fmt::format("{} into '{}' can write more than the buffer holds", callee, arg_text(args[0])));
      }
      if (!has_string(v_, args[1]) && !lib->va_list)
        report(RuleId::format_not_literal, Confidence::medium, i, fmt::format("the format of {} is not a literal", callee));
      mark_written(0);
      return i + 1;
    }
    case CallKind::bounded_string: {
      if (args.size() < 3) return i + 1;
      const auto bytes = destination_bytes(args[0]);
      const auto n = evaluate(v_, args[2], *this);
      if (bytes && n && n->hi > *bytes)
        report(RuleId::out_of_bounds_write, Confidence::high, i,
               fmt::format("{} may write {} bytes into '{}', which holds {}", callee, n->hi, v_.text(args[0].begin), *bytes));
      else
        report(RuleId::strn_error_prone, Confidence::low, i,
               fmt::format("{} may leave '{}' without a terminating NUL", callee, v_.text(args[0].begin)));
      check_sizeof(args[2]);
      mark_written(0);
      return i + 1;
    }
    case CallKind::memory: {
      if (args.size() < 3) return i + 1;
      const std::size_t dest = static_cast<std::size_t>(lib->pointer_arg);
      const auto bytes = destination_bytes(args[dest]);
      const auto n = evaluate(v_, args[2], *this);
      // `sizeof dst` / `sizeof(dst)` is the destination's own size: fine.
      const std::string_view dest_name = arg_name(dest);
      bool sized_by_dest = false;
      for (std::size_t k = args[2].begin; k < args[2].end; ++k)
        if (v_.is(k, "sizeof") && !dest_name.empty() &&
            (v_.text(k + 1) == dest_name || (v_.is(k + 1, "(") && v_.text(k + 2) == dest_name)))
          sized_by_dest = true;
      if (bytes && n && n->hi > *bytes) {
        report(RuleId::out_of_bounds_write, Confidence::high, i,
               fmt::format("{} of {} bytes into '{}', which holds {}", callee, n->hi, v_.text(args[dest].begin), *bytes));
      } else if (callee != "memset" && args.size() >= 2 && n) {
        const std::size_t src = dest == 0 ? 1 : 0;
        if (const auto src_bytes = destination_bytes(args[src]); src_bytes && n->hi > *src_bytes)
          report(RuleId::out_of_bounds_read, Confidence::high, i,
                 fmt::format("{} reads {} bytes from '{}', which holds {}", callee, n->hi, v_.text(args[src].begin),
                             *src_bytes));
      } else if (!n && !sized_by_dest) {
        report(RuleId::mem_size_unproven, Confidence::low, i,
               fmt::format("the size given to {} is not tied to the size of '{}'", callee, v_.text(args[dest].begin)));
      }
      check_sizeof(args[2]);
      mark_written(dest);
      return i + 1;
    }
    case CallKind::format: {
      const std::size_t f = static_cast<std::size_t>(lib->format_arg);
      for (std::size_t n = 0; n < f && n < args.size(); ++n) mark_written(n);  // snprintf's buffer
      if (f >= args.size() || has_string(v_, args[f])) return i + 1;
      const std::string_view name = single_name(args[f]);
      const Var* var = name.empty() ? nullptr : find(name);
      if (var != nullptr && var->parameter && lib->va_list) return i + 1;  // a printf-like wrapper passing its format on
      Confidence c = args.size() == f + 1 ? Confidence::high : Confidence::medium;
      if (var != nullptr && var->parameter) c = Confidence::low;
      report(RuleId::format_not_literal, c, i, fmt::format("the format of {} is not a string literal", callee));
      return i + 1;
    }
    case CallKind::scan: {
      const std::size_t f = static_cast<std::size_t>(lib->format_arg);
      for (std::size_t n = f + 1; n < args.size(); ++n) {
        const Range a = args[n];
        if (a.size() == 2 && v_.is(a.begin, "&")) {
          if (Var* var = find(v_.text(a.begin + 1))) {
            (void)var;
            change(v_.text(a.begin + 1)).initialized = true;
          }
        }
        mark_written(n);
      }
      if (f < args.size() && args[f].size() == 1 && v_.is_string(args[f].begin) &&
          scanf_unbounded(v_.text(args[f].begin)))
        report(RuleId::scanf_unbounded, Confidence::high, i,
               fmt::format("{} reads a string with %s or %[ but no field width", callee));
      return i + 1;
    }
    case CallKind::allocate:
    case CallKind::reallocate:
    case CallKind::duplicate: {
      if (lib->size_arg < 0 || static_cast<std::size_t>(lib->size_arg) >= args.size()) return i + 1;
      const Range size = args[lib->size_arg];
      if (v_.is(size.begin, "strlen") && v_.is(size.begin + 1, "(") && v_.match(size.begin + 1) == size.end - 1)
        report(RuleId::strlen_alloc_no_nul, Confidence::high, i,
               fmt::format("{} of strlen(...) bytes leaves no room for the terminating NUL", callee));
      check_sizeof(size);
      if (lib->count_arg < 0) {
        // n * size with n not a constant: the product can wrap around.
        bool product = false;
        for (std::size_t k = size.begin; k < size.end; ++k) {
          const std::size_t m = v_.match(k);
          if (m != npos && m > k) {
            k = m;
            continue;
          }
          if (v_.is(k, "*") && !is_unary_at(k)) product = true;  // `sizeof *p` is no product
        }
        if (product && !evaluate(v_, size, *this))
          report(RuleId::alloc_size_overflow, Confidence::low, i,
                 fmt::format("the size given to {} is a product that can overflow", callee));
      }
      return i + 1;
    }
  }
  return i + 1;
}

}  // namespace

void find_c_hazards(const TokenView& view, const SourceNotes& notes, std::span<const parse::FunctionFacts> functions,
                    RawFindings& out) {
  const FileContext file(view, notes, functions);
  FlowScratch scratch;
  // First pass: every function alone, recording what callers pass.
  CallFacts calls;
  std::vector<RawFindings> per_function(functions.size());
  for (std::size_t k = 0; k < functions.size(); ++k) {
    if (functions[k].body_end <= functions[k].body_begin) continue;
    FunctionFlow flow(view, file, per_function[k], scratch, &calls, nullptr);
    flow.run(functions[k]);
  }
  // Second pass: functions whose callers all pass buffers of known length
  // are read again with those lengths (their first findings are replaced).
  for (std::size_t k = 0; k < functions.size(); ++k) {
    const auto it = calls.find(unqualified(functions[k].name));
    if (it == calls.end() || functions[k].body_end <= functions[k].body_begin) continue;
    const bool any = std::any_of(it->second.begin(), it->second.end(),
                                 [](const ArgumentFact& f) { return f.known && f.length >= 0; });
    if (!any) continue;
    per_function[k].clear();
    FunctionFlow flow(view, file, per_function[k], scratch, nullptr, &it->second);
    flow.run(functions[k]);
  }
  for (auto& found : per_function)
    for (auto& f : found) out.push_back(std::move(f));
}

}  // namespace oxidize::hazards
