#pragma once
// The model the C/C++ flow analysis works on, shared by its source files
// (c_file_context.cpp, c_flow.cpp, c_flow_expressions.cpp, c_flow_calls.cpp):
// the abstract state of a variable, the stack of open branches, what callers
// pass, the file's globals and macros, and the FunctionFlow that walks one
// function body. Internal to hazards/: find_c_hazards (raw_finding.hpp) is
// the entry point.
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
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "oxidize/hazards/c_library.hpp"
#include "oxidize/hazards/expression.hpp"
#include "oxidize/hazards/name_table.hpp"
#include "oxidize/hazards/raw_finding.hpp"
#include "oxidize/parse/qualified_name.hpp"

namespace oxidize::hazards::flow {

using Range = TokenView::Range;
constexpr std::size_t npos = TokenView::npos;

// `text == "literal"`, which the flow analysis writes hundreds of times on
// its hot paths: the length first, then the bytes in place. Chosen over
// std::string_view's own operator (an exact match beats its conversion of
// the literal), which compared through an out-of-line call to memcmp: a few
// % of the whole hazard analysis. `!=` and `"literal" == text` use it too.
template <std::size_t N>
[[gnu::always_inline]] inline bool operator==(std::string_view text, const char (&literal)[N]) {
  if (text.size() != N - 1) return false;
  for (std::size_t k = 0; k < N - 1; ++k)
    if (text[k] != literal[k]) return false;
  return true;
}
constexpr int k_max_recursion = 32;  // nested assignments/conditions deeper than this are not followed
// Branches, loops and blocks open at once beyond which the rest of a function
// is not read. Each level re-reads what it holds (a loop's body on entry and
// exit, a join's changes), so the cost of a body is its size times its depth:
// this keeps it linear. The deepest function of the kernel reaches about 100.
constexpr std::size_t k_max_nesting = 256;

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
// The VarMap's touch trackers (name_table.hpp): what changed since the last
// label, and since the last call that forgot the globals' values.
constexpr std::size_t k_labels_tracker = 0;
constexpr std::size_t k_globals_tracker = 1;

// Where a pointer points, as the walk knows it on the paths that reach
// here: one value, changed by set() and forget(), and merged by one rule
// where paths meet (join(), for a branch that may or may not have run).
struct PointsTo {
  Target target = Target::unknown;
  std::uint32_t line = 0;    // where it was allocated, freed or set to NULL
  bool by_compare = false;   // NULL because a condition said so on this path (undone when the branch closes)
  bool some_paths = false;   // NULL or freed on some paths only: a branch that did it fell through
  // The branch that made it "some paths": its nesting when joined, its
  // tokens (condition through body) and its condition.
  std::uint32_t depth = 0;
  TokenView::Range origin{0, 0};
  TokenView::Range cond{0, 0};

  // Surely `t` on this path (by_compare, the branch's own mark, is kept).
  void set(Target t, std::uint32_t at_line) {
    target = t;
    line = at_line;
    some_paths = false;
  }
  void forget() {
    target = Target::unknown;
    by_compare = false;
    some_paths = false;
  }
  bool null_some_paths() const { return target == Target::null && some_paths; }
  bool freed_some_paths() const { return target == Target::freed && some_paths; }
  // The merge rule. After a branch that may or may not have run (`before`:
  // the state on the path that skipped it; null when the variable was new):
  // the same target stays; NULL or freed inside the branch becomes "on some
  // paths" (made by the branch at `depth`, `origin`, `cond`; a later join
  // widens it to the enclosing branch); anything else is unknown.
  void join(const PointsTo* before, std::uint32_t at_depth, TokenView::Range at_origin, TokenView::Range at_cond) {
    if (target == Target::null || target == Target::freed) {
      some_paths = true;
      depth = at_depth;
      origin = at_origin;
      cond = at_cond;
    } else if (before != nullptr && before->target != target) {
      target = Target::unknown;
    }
  }
};

// Whether a variable, and what it holds, were written on the paths that
// reach here. The merge rule where paths meet (join()): written on any path
// counts as written, since a write on a path the walk did not continue may
// still have happened, and forgetting it would report reads of memory that
// is written.
struct Written {
  bool itself = true;         // the variable was written
  bool contents = true;       // array or heap block: some element was written
  bool loop_carried = false;  // not written yet, but assigned in an enclosing loop's body
  std::uint32_t decl_line = 0;  // where it was declared (or last known to be unwritten)

  void join(const Written& other) {
    itself = itself || other.itself;
    contents = contents || other.contents;
  }
};

// What a pointer points into and where in it: the bounds its accesses are
// checked against. The merge rule where paths meet (join()): the offset
// holds only when both paths point to the same kind of target at the same
// offset.
struct Extent {
  std::int64_t length = -1;         // elements of what it points into (-1 unknown)
  std::int64_t offset = 0;          // elements from the start of that
  bool offset_known = true;
  std::uint32_t advanced_line = 0;  // a loop's step moved it forward (`for (; *p; p++)`): where
  std::string_view base;            // the array or variable it points into
  bool base_local = false;          // ... which is a local of this function
  bool smallest_caller = false;     // `length` is the smallest of what callers pass

  void join(const Extent* before, bool same_target) {
    offset_known = offset_known && same_target && before != nullptr && before->offset == offset;
  }
};

struct Var {
  Kind kind = Kind::unknown;
  bool local = false;        // automatic storage of this function (not static, not a parameter)
  bool parameter = false;
  Written written;
  std::optional<Interval> value;  // known integer value, or the loop's range
  std::array<std::int64_t, 3> dims{-1, -1, -1};  // array dimensions
  std::int64_t elem_size = 0;   // bytes per element, if a basic type
  std::string_view type;        // the base type's last word
  TokenView::Range size_tokens{0, 0};  // an array's first dimension as written, when not evaluated (`[MAX_PATH]`);
                                       // of a pointer parameter, what every caller's array says (ArgumentFact)
  bool unsigned_type = false;   // an unsigned integer type (unsigned char, uint8_t, size_t)
  // Pointers.
  PointsTo points;
  Allocator allocator = Allocator::none;
  std::size_t alloc_token = 0;    // the allocation call (where a missing check is reported)
  Extent extent;
  bool unchecked = false;         // allocation result not yet compared with NULL
  bool sized_by_strlen = false;      // allocated with a size computed from a strlen
  bool from_strlen = false;          // a scalar assigned from an expression with strlen
  std::int64_t caller_literal = -1;  // a pointer parameter every caller gives a literal: the longest (ArgumentFact)
  // Forgets where a pointer points (reassigned out of sight).
  void forget_target() {
    points.forget();
    extent.offset_known = false;
    extent.advanced_line = 0;
    unchecked = false;
  }
  // The merge rule where a branch that may not have run closes, from the
  // state on the path that skipped it (`before`; null when the branch
  // declared the variable): an integer value that either path may hold is
  // unknown (no hull of the two: a hull of two callers' values gave eight
  // false highs in the kernel); where it points joins (PointsTo::join); an
  // offset holds only when both paths agree. What was written joins in
  // rollback (Written::join).
  void join(const Var* before, std::uint32_t depth, TokenView::Range origin, TokenView::Range cond) {
    value.reset();
    const Target was = points.target;
    points.join(before != nullptr ? &before->points : nullptr, depth, origin, cond);
    extent.join(before != nullptr ? &before->extent : nullptr, points.target == was);
  }
  // Written out of sight (its address escaped, a label any path reaches):
  // nothing known of its value or target holds.
  void written_elsewhere() {
    written.itself = true;
    written.contents = true;
    value.reset();
    if (kind != Kind::array) forget_target();
  }
};

// C and C++ keywords that cannot name a variable or a type word here. A
// switch on the first byte: this runs for most identifiers.
inline bool is_keyword(std::string_view t) {
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

// A word of an unsigned integer type.
inline bool unsigned_type_word(std::string_view t) {
  return t == "unsigned" || t == "size_t" || t == "uint8_t" || t == "uint16_t" || t == "uint32_t" ||
         t == "uint64_t" || t == "u8" || t == "u16" || t == "u32" || t == "u64" || t == "uintptr_t" || t == "bool" ||
         t == "_Bool";
}

// An upper-case name of two characters or more (`MAX_PATH`,
// `PNG_STRING_NEWLINE`): a macro by convention.
inline bool upper_case_name(std::string_view t) {
  return t.size() >= 2 && std::all_of(t.begin(), t.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
         });
}

inline bool is_assignment_operator(std::string_view t) {
  return t == "=" || t == "+=" || t == "-=" || t == "*=" || t == "/=" || t == "%=" || t == "&=" || t == "|=" ||
         t == "^=" || t == "<<=" || t == ">>=";
}

inline bool is_null_literal(std::string_view t) { return t == "NULL" || t == "nullptr" || t == "0"; }

// What is known of the type of a format's argument: a small integer type
// prints fewer digits (`%02x` of an unsigned char is two).
struct ArgumentType {
  std::int64_t bytes = 0;  // 0: unknown
  bool is_unsigned = false;
  std::int64_t string_capacity = -1;  // a char array of known size: the longest string it holds (-1 unknown)
};

// What a body assigns to one name, its initialiser included: whether every
// assignment is a literal (`p = cond ? "a" : "b"`, an element of a table of
// literals), whether there is any, and the longest of those literals (-1
// when one has no length to tell: a catalogue's `_("...")` may be
// translated longer). Taking its address or stepping it is not a literal.
struct LiteralAssignments {
  bool only_literals = true;
  bool any = false;
  std::int64_t longest = 0;
  bool holds_only_literals() const { return only_literals && any; }
};

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
  std::optional<Interval> counter_range{};  // while loop: loop_var's range in the body, set once the body's havoc is done
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
struct Declarator;

// What the callers in this file pass for one parameter of one function:
// the length of the buffer (in elements) when every call site knows it.
struct ArgumentFact {
  bool known = true;   // false as soon as one call site passes something unknown
  std::int64_t length = -1;
  std::int64_t elem_size = 0;
  std::uint32_t line = 0;  // a call site, for the message
  bool heap = false;       // some caller passes heap memory
  bool agree = true;       // every caller passes the same length (else `length` is the smallest)
  // An integer argument every caller passes alike, as a constant the walk
  // knows (`set_entry(5)`).
  bool value_known = true;
  std::optional<Interval> value;
  // A character array every caller passes with the same size as written,
  // when no number is known for it (`TCHAR path[MAX_PATH]`, MAX_PATH from a
  // system header): the parameter holds an array of that size.
  bool size_tokens_known = true;
  TokenView::Range size_tokens{0, 0};
  // A string every caller passes as a literal, or as a local that holds
  // only literals (`logpixel(..., "component 0 error")`): the longest.
  bool literal_known = true;
  std::int64_t longest_literal = -1;
};
using CallFacts = std::unordered_map<std::string_view, std::vector<ArgumentFact>>;

// Buffers reused from one function to the next (their capacity stays).
struct FlowScratch {
  VarMap vars;
  NameFilter names;  // every name ever put in `vars` this function
  std::vector<std::pair<std::string_view, std::optional<Var>>> undo;
  std::vector<Entry> entries;
  NameSet joined;    // join_branch's names seen, reused
  NameSet havocked;  // havoc_assigned's names changed, reused
  void clear() {
    vars.clear();
    names.clear();
    undo.clear();
    entries.clear();
  }
};

// What bound_checked_before, allocated_from_lengths and
// length_compared_before ask of the conditions and assignments before a
// copy, read once per function (a function of 50,000 copies asks 50,000
// times): for each name, the end of the first `if`/`while` condition that
// holds it, or `sizeof` of it; the targets assigned from a strlen sum;
// the relational `if` conditions with a string length in them.
struct CopyEvidence {
  std::unordered_map<std::string_view, std::size_t, NameHash> in_condition;  // name -> first condition's `)`
  std::unordered_map<std::string_view, std::size_t, NameHash> sizeof_in_condition;
  std::unordered_map<std::string_view, std::size_t, NameHash> measured_in_condition;  // `(tp - tmp) > size`
  std::unordered_map<std::string, std::size_t> assigned_length;  // target tokens -> first strlen after its `=`
  std::size_t strlen_comparison = npos;                          // `)` of the first `if (strlen(..) < ..)`
  std::vector<std::pair<std::size_t, std::string_view>> compared_names;  // `)` and name, ascending
  std::size_t compared_seen = 0;  // compared_names[0, seen) were asked about
  std::size_t variable_comparison = npos;  // `)` of the first of them whose name held a strlen result
};

// A character array as declared (a variable, or a member of the file's
// structs): its element type, its size as written, its bytes if known.
struct DeclaredArray {
  std::string_view type;
  TokenView::Range size_tokens{0, 0};
  std::int64_t bytes = -1;
};

class FunctionFlow final : public ExpressionContext {
 public:
  FunctionFlow(const TokenView& v, const FileContext& file, RawFindings& out, FlowScratch& scratch,
               CallFacts* record, const std::vector<ArgumentFact>* given)
      : v_(v), file_(file), out_(out), vars_(scratch.vars), names_(scratch.names), record_(record), given_(given),
        undo_(scratch.undo),
        entries_(scratch.entries), joined_(scratch.joined), havocked_(scratch.havocked) {
    scratch.clear();
  }

  // Reads the body; `record` collects what this function passes to the
  // file's other functions; `given` is what its callers pass it (second pass).
  void run(const parse::FunctionFacts& fn);

  // ExpressionContext
  std::optional<Interval> value_of(std::string_view name) const override;
  std::optional<std::int64_t> size_of(const TokenView& v, Range what) const override;
  std::optional<Interval> call_value(std::string_view function) const override;

 private:
  // State.
  Var* find(std::string_view name);
  const Var* find(std::string_view name) const;
  Var& change(std::string_view name);
  // Undoes changes back to log position `to`; with keep_writes, "was
  // written" facts stay (a path that did not continue may still have written).
  void rollback(std::size_t to, bool keep_writes = true);
  void forget_everything();
  void forget_global_values();
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
  bool named_in(std::string_view name, Range r) const;
  // How many times `name` stands in the body before token `at` (as named_in counts).
  std::size_t places_before(std::string_view name, std::size_t at) const;
  Range unwrap_condition(Range cond) const;
  bool do_forever(const Entry& e) const;
  Confidence across(std::uint32_t from, std::uint32_t to, Confidence c) const;
  Confidence uninitialized_confidence(std::string_view name, const Var& var, std::size_t at) const {
    if (var.written.loop_carried) return Confidence::low;  // written later in the loop: another iteration may run first
    if (macro_call() && !assigned_anywhere(name)) return Confidence::low;  // a macro may assign it
    // Inside the arguments of a macro-like call (sizeof-like ARRAY_SIZE(p->x),
    // offsetof-like MLX5_ADDR_OF(..., field[0])): maybe never evaluated.
    if (at < unknown_call_until_) return Confidence::low;
    return across(var.written.decl_line, v_.line(at), Confidence::high);
  }
  // A fact true on some path only: medium where that path leads straight
  // here, low inside a branch opened since (its condition may exclude the path).
  Confidence maybe(const Var& var) const {
    return entries_.size() > var.points.depth && correlated(var) ? Confidence::low : Confidence::medium;
  }
  void open_body(Entry e, std::size_t next);
  void close_entry(bool else_follows);
  void end_statement(std::size_t next);
  void loop_header(Range header, Entry& e);
  void while_counter(Range cond, std::size_t body, Entry& e);
  // A search down an array with nothing to stop the index at 0 (c_flow_backward_scan.cpp).
  void backward_scan(Range cond, Range body, Range step);
  // `i < n`, `n > i`, `i >= 0`...: the counted variable's name, the operator
  // as if the variable were on the left, and the bound's tokens.
  struct CountedTest {
    std::size_t var_at = static_cast<std::size_t>(-1);
    std::string_view op;
    Range bound{0, 0};
  };
  std::optional<CountedTest> counted_test(Range cond) const;
  void range_for(Range header);
  void returned(std::size_t begin, std::size_t end);
  // A jump: `leaves` for return, goto and calls that do not return (they
  // leave every enclosing construct); break and continue only this one.
  void terminate(bool leaves);
  std::size_t statement_end(std::size_t i, std::size_t end) const;
  // A control statement's body from its first token: inside the braces, or the one statement.
  Range body_of(std::size_t first) const;
  bool data_braces(std::size_t open) const;
  bool macro_call() const;
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
  TokenView::RangeList call_arguments(std::size_t callee) const;
  void pointer_arithmetic(std::string_view name, const Var& var, std::size_t at);
  std::string arg_text(Range r) const;
  std::string_view leading_name(Range arg, bool through_deref) const;
  bool length_taken_before(Range arg, std::size_t at) const;
  bool bound_checked_before(Range dest, Range source, std::size_t at) const;
  bool allocated_from_lengths(Range dest, std::size_t at) const;
  std::optional<std::int64_t> constant_string_length(Range arg) const;
  bool length_compared_before(std::size_t at) const;
  std::optional<DeclaredArray> declared_array(Range r) const;
  std::optional<TokenView::Range> slot_stride(Range r) const;
  std::optional<TokenView::Range> stride_of_product(Range r) const;
  std::optional<TokenView::Range> stride_of_assignments(std::string_view name) const;
  bool stride_word(std::size_t t) const;
  std::optional<DeclaredArray> source_array(Range r) const;
  void unwritten_string_reads(std::string_view callee, const LibraryCall* lib, const TokenView::RangeList& args,
                              std::size_t at);
  bool source_fits(Range dest, Range source) const;
  bool strings_measured_before(std::string_view format, const TokenView::RangeList& args, std::size_t at) const;
  bool holds_only_literals(Range arg) const;
  bool sized_by_strlen(Range arg) const;
  bool is_unary_at(std::size_t i) const;
  bool is_write_after(std::size_t i) const;
  // `element`: the access reaches a whole element (every dimension
  // indexed), not a row of a multi-dimensional array that decays to a pointer.
  void access(std::string_view name, Var& var, std::size_t at, std::optional<Interval> index, bool write,
              bool through_loop, bool element = true);
  void dereference(std::string_view name, Var& var, std::size_t at, bool write);
  // A free-like call or a delete of `name`, by the deallocator `by`.
  void release(std::string_view name, std::size_t at, Allocator by);
  void condition(Range cond, Entry& then_entry);
  std::optional<std::int64_t> destination_bytes(Range arg) const;
  // Where a format argument comes from: a literal (a string, a string macro,
  // a variable given only literals), a name that looks like a macro from a
  // header (FORMAT_NEWLINE: most likely a literal), or anything else.
  enum class FormatOrigin : std::uint8_t { literal, macro_like, other };
  FormatOrigin format_origin(Range arg) const;
  LiteralAssignments literal_assignments(std::string_view name) const;
  const LiteralAssignments& literal_assignments_cached(std::string_view name) const;
  std::int64_t longest_literal(Range r) const;
  bool only_literals_assigned(std::string_view name) const {
    return literal_assignments_cached(name).holds_only_literals();
  }
  ArgumentType argument_type(Range arg) const;
  // snprintf/swprintf: a bound larger than the destination (bytes given
  // for wide characters, a stale constant).
  void bounded_format_size(std::string_view callee, const LibraryCall& lib, const TokenView::RangeList& args,
                           std::size_t at);
  std::string_view single_name(Range r) const;
  bool same_tokens(Range a, Range b) const;
  Range strip_casts(Range r) const;

  void report(RuleId rule, Confidence c, std::size_t at, std::string message) {
    // Code that cannot run (after a return, in an `if (0)`) reports nothing.
    if (!entries_.empty() && (entries_.back().dead || entries_.back().after_return)) return;
    out_.push_back({rule, c, at, std::move(message)});
  }
  std::optional<bool> truth(Range cond) const;
  std::optional<bool> truth_of_unnegated(Range cond) const;  // truth() after its leading `!`s
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
  NameSet& joined_;
  NameSet& havocked_;
  std::optional<Entry> pending_body_;  // set by a control header: the entry its body opens with
  std::string_view function_name_;
  bool expect_do_while_ = false;
  std::string_view pending_else_null_;  // the pointer the coming else branch knows is NULL
  bool pending_else_dead_ = false;      // the coming else branch never runs
  std::string_view pending_else_nonnull_;
  std::string_view pending_else_refine_var_;
  std::string_view pending_else_forget_;
  Interval pending_else_refine_{};
  Range body_{0, 0};  // the body's tokens inside its braces
  mutable std::optional<bool> macro_call_;  // macro_call(), once asked
  int globals_with_values_ = 0;  // globals given a value in this function (an upper bound)
  std::size_t unknown_call_until_ = 0;  // the `)` of the innermost-reaching call to an unknown function
  std::size_t loop_body_begin_ = 0;     // where the body being entered starts
  std::size_t pending_then_begin_ = static_cast<std::size_t>(-1);
  bool guarded_condition_ = false;      // scanning a condition with && or ||: NULL checks may guard it
  bool too_deep_ = false;               // k_max_nesting reached: the rest of the body is not read
  // find()'s last two answers, by the name's place in the source (valid while
  // the table's version stays).
  struct Memo {
    const char* data = nullptr;
    std::size_t size = 0;
    std::uint32_t index = VarMap::k_absent;
  };
  std::array<Memo, 2> memo_{};
  std::uint64_t memo_version_ = static_cast<std::uint64_t>(-1);
  // What assigned_anywhere, escapes and length_taken_before ask of the whole
  // body, read once on first use instead of once per question: the names
  // assigned anywhere, the names used other than by indexing, and for each
  // name inside a strlen-like call's parentheses the first token where it is.
  mutable std::optional<std::unordered_set<std::string_view, NameHash>> assigned_names_;
  mutable std::optional<std::unordered_set<std::string_view, NameHash>> escaping_names_;
  mutable std::optional<std::unordered_map<std::string_view, std::size_t, NameHash>> length_taken_at_;
  mutable std::optional<CopyEvidence> copy_evidence_;
  mutable std::unordered_map<std::string_view, LiteralAssignments, NameHash> literal_only_;  // by name
  mutable std::unordered_map<std::string_view, std::optional<TokenView::Range>, NameHash> slot_strides_;  // by name
  // For each local array some *printf call of the body writes: whether every
  // one writes it from a literal that inserts no text.
  mutable std::optional<std::unordered_map<std::string_view, bool, NameHash>> formatted_from_literal_;
  const CopyEvidence& copy_evidence() const;
  // Where each name stands in the body (as correlated() counts names), ascending.
  mutable std::optional<std::unordered_map<std::string_view, std::vector<std::size_t>, NameHash>> name_places_;
  const std::unordered_map<std::string_view, std::vector<std::size_t>, NameHash>& name_places() const;
};

// What the file says outside functions: global arrays and pointers, integer macros.
class FileContext {
 public:
  FileContext(const TokenView& v, const SourceNotes& notes, std::span<const parse::FunctionFacts> functions, bool cpp,
              const ProjectFunctions* project = nullptr);
  bool cpp() const { return cpp_; }
  // What a callee does when it is a C library function or one the project
  // declared to behave as one; null otherwise.
  // A function the file defines is its own, not the C library's of the
  // same name (ipc/namespace.c's `static void free(struct ipc_namespace *,
  // struct kern_ipc_perm *)`).
  const LibraryCall* library(std::string_view name) const {
    if (const ProjectFunction* p = project_function(name)) return &p->call;
    return defines(name) ? nullptr : library_call(name);
  }
  // A wrapper declared in oxidize.toml, else a function-like macro of this
  // file that only forwards to a library function (`#define ALLOCA(n)
  // alloca(n)`, `#define xfree(p) free(p)`).
  const ProjectFunction* project_function(std::string_view name) const {
    if (const ProjectFunction* p = project_ == nullptr ? nullptr : project_->find(name)) return p;
    if (forwarding_macros_.empty()) return nullptr;
    const auto it = forwarding_macros_.find(name);
    return it == forwarding_macros_.end() ? nullptr : &it->second;
  }
  bool may_be_global(std::size_t h) const { return global_names_.may_contain(h); }
  const Var* global(std::string_view name) const { return globals_.find(name); }
  const std::vector<std::uint32_t>& conditional_lines() const { return conditional_lines_; }
  // A file-scope string that is never changed: `static const char help[] =
  // "..."`, or a pointer given literals only.
  bool literal_global(std::string_view name) const { return literal_globals_.count(name) != 0; }
  // A character-array member of the file's structs (`char curr[32*SL];`):
  // its element type's last word and its size as written. Null when no
  // struct of the file declares it, or two declare it differently.
  struct MemberArray {
    std::string_view type;
    TokenView::Range size_tokens{0, 0};
    std::int64_t bytes = -1;  // its size in bytes when the file's macros give it (-1 unknown)
  };
  // Read on the first question (few files copy into a member).
  const MemberArray* member_array(std::string_view name) const;
  // The longest string of a constant table of literals (`static const char
  // *const names[] = {"rgb", "rgba"}`, or a constant table of structures
  // initialised with literals only), or -1.
  std::int64_t literal_table(std::string_view name) const {
    const auto it = literal_tables_.find(name);
    return it == literal_tables_.end() ? -1 : it->second;
  }
  const std::string_view* string_macro(std::string_view name) const {
    const auto it = string_macros_.find(name);
    return it == string_macros_.end() ? nullptr : &it->second;
  }
  // A function defined in this file (not a macro): its name without qualifiers.
  bool defines(std::string_view name) const { return defined_.count(name) != 0; }
  // A function of this file whose every `return` returns NULL (a stub).
  bool returns_null(std::string_view name) const;
  // What a function of this file surely does with its pointer parameters
  // and the file's globals before anything can stop it (its summary for the
  // callers): bit k of `dereferences` = parameter k is dereferenced (`*p`,
  // `p[i]`, `p->x`, or handed to strlen, strcpy, puts and the like) before
  // any check of it; bit k of `frees` = parameter k is freed; `freed_globals`
  // = globals freed. Read only up to the first return, goto, break or exit
  // at any depth, and a parameter only while nothing but straight-line code
  // has touched it. Null when the name is not defined in this file, is
  // defined inside `#if`, or its definitions disagree.
  struct FunctionSummary {
    std::uint64_t dereferences = 0;
    std::uint64_t frees = 0;
    std::vector<std::string_view> freed_globals;
  };
  const FunctionSummary* summary(std::string_view name) const;
  // A function of this file whose every return gives the same number
  // (`static int feature_enabled(void) { return 0; }`), and no `#if` inside.
  std::optional<std::int64_t> returns_constant(std::string_view name) const;
  // A `const` scalar of file scope with a constant initialiser
  // (`static const int debug_flag = 0;`).
  std::optional<std::int64_t> constant(std::string_view name) const {
    const auto it = constants_.find(name);
    return it == constants_.end() ? std::nullopt : std::optional<std::int64_t>(it->second);
  }
  bool is_function_macro(std::string_view name) const { return function_macros_.count(name) != 0; }
  // The names an object-like macro of this file that assigns uses, or null.
  const std::vector<std::string_view>* statement_macro(std::string_view name) const {
    if (statement_macros_.empty()) return nullptr;
    const auto it = statement_macros_.find(name);
    return it == statement_macros_.end() ? nullptr : it->second;
  }
  // C++: argument `n` of a function of this file is a non-const reference,
  // which the call writes.
  bool writes_argument(std::string_view name, std::size_t n) const {
    if (n >= 64) return false;
    const auto it = reference_params_.find(name);
    return it != reference_params_.end() && (it->second >> n & 1) != 0;
  }
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
  const ProjectFunctions* project_ = nullptr;
  VarMap globals_;
  NameFilter global_names_;
  std::unordered_map<std::string_view, std::int64_t> macros_;
  std::vector<std::uint32_t> conditional_lines_;
  // The `#if` nesting after each of conditional_lines_, less an include
  // guard around the whole file.
  std::vector<std::int32_t> conditional_depth_;
  bool inside_conditional(std::uint32_t line) const;
  bool cpp_ = false;
  // returns_null(), read from the bodies on the first question about each name.
  const TokenView& v_;
  std::span<const parse::FunctionFacts> functions_;
  mutable std::unordered_map<std::string_view, bool, NameHash> returns_null_;
  mutable std::unordered_map<std::string_view, std::optional<std::int64_t>, NameHash> returns_constant_;
  mutable std::unordered_map<std::string_view, std::optional<FunctionSummary>, NameHash> summaries_;
  std::optional<FunctionSummary> summarize(const parse::FunctionFacts& fn) const;
  std::unordered_map<std::string_view, std::int64_t, NameHash> constants_;
  std::unordered_map<std::string_view, ProjectFunction, NameHash> forwarding_macros_;
  void find_forwarding_macros(const SourceNotes& notes);
  // For each function, the one before it with the same name (defined_ holds
  // the last of each name), or k_none.
  static constexpr std::size_t k_none = static_cast<std::size_t>(-1);
  std::vector<std::size_t> same_name_before_;
  std::unordered_map<std::string_view, std::string_view, NameHash> string_macros_;
  std::unordered_map<std::string_view, std::size_t, NameHash> defined_;
  std::unordered_map<std::string_view, const std::vector<std::string_view>*, NameHash> function_macros_;
  std::unordered_map<std::string_view, const std::vector<std::string_view>*, NameHash> statement_macros_;
  std::unordered_map<std::string_view, std::uint64_t, NameHash> reference_params_;
  std::unordered_set<std::string_view, NameHash> literal_globals_;
  void find_literal_globals(const TokenView& v, const std::vector<std::size_t>& declared);
  void reference_parameters(const TokenView& v, std::span<const parse::FunctionFacts> functions);
  mutable std::optional<std::unordered_map<std::string_view, MemberArray, NameHash>> member_arrays_;
  std::unordered_map<std::string_view, std::int64_t, NameHash> literal_tables_;
  void note_literal_table(const TokenView& v, std::size_t from, const Declarator& decl);
  void note_struct_table(const TokenView& v, bool is_const, const Declarator& decl);
  void note_literal_elements(const TokenView& v, const Declarator& decl);
  void find_member_arrays() const;
};

using parse::unqualified_name;


// Reads the declarator list of a declaration whose type words end before
// `i`: calls `each(name_index, dims_ranges, is_pointer, init_range)`.
struct Declarator {
  std::size_t name = npos;
  int stars = 0;
  std::array<Range, 3> dims{};
  int ndims = 0;
  bool unsized_array = false;
  bool reference = false;  // C++ `T &name = x`: an alias of x
  Range init{0, 0};
};

// Parses one declarator starting at `i` (after the type words or a comma);
// returns the index after it (at `,` or `;`) or npos when it is not one.
std::size_t parse_declarator(const TokenView& v, std::size_t i, std::size_t end, Declarator& d);
// The type words of a declaration starting at `i`; the index of the first
// declarator token, or npos.
std::size_t type_words_end(const TokenView& v, std::size_t i, std::size_t end);

// An expression that can only be a string literal: `"a" "b"`, `c ? "x" :
// "y"`, `_("text")`, a string macro of the file. What comes before the
// first top-level `?` is the condition and may be anything.
bool literal_expression(const TokenView& v, Range r, const FileContext& file);
// `c ? a : b`: the first token after the top-level `?` (r.begin without one).
std::size_t after_condition(const TokenView& v, TokenView::Range r);
// Token `t` is the destination of a library call that writes a buffer
// (`strcpy(t, ...)`, `snprintf(t, ...)`).
bool written_as_buffer(const TokenView& v, std::size_t t);

// Whether lengths and offsets counted for `b` count the same for `a`.
bool same_units(const Var& a, const Var& b);

}  // namespace oxidize::hazards::flow
