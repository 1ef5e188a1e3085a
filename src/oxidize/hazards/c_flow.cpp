// The C/C++ flow analysis (the model is in c_flow_model.hpp): the state of
// the variables (lookup, change, undo), the structure of a body (statements,
// branches, loops, switch, labels) and the conditions that narrow what is
// known; and find_c_hazards, which runs it over every function of a file.
#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "oxidize/hazards/c_flow_model.hpp"

namespace oxidize::hazards::flow {

// ---------------------------------------------------------------------------
// State

// The same token's name is looked up again and again (token(), then
// variable(), then change()...): half of all lookups repeat one of the last
// two. Those are remembered, by where the name's bytes are, until the table
// adds or erases a name. Names are views of the file's bytes (or string
// literals), as the table's own keys must be.
Var* FunctionFlow::find(std::string_view name) {
  if (vars_.version() != memo_version_) {
    memo_ = {};
    memo_version_ = vars_.version();
  }
  for (const Memo& m : memo_) {
    if (m.data == name.data() && m.size == name.size()) {
      if (m.index == VarMap::k_absent) return nullptr;
      vars_.touch_index(m.index);
      return &vars_.at(m.index);
    }
  }
  std::uint32_t index = VarMap::k_absent;
  const std::size_t h = NameHash{}(name);
  const bool maybe_local = names_.may_contain(h);
  if (maybe_local) index = vars_.find_index(name, h);
  if (index == VarMap::k_absent && (maybe_local || file_.may_be_global(h))) {
    if (const Var* g = file_.global(name)) {
      names_.add(h);
      // A global seen first in this function: copy it in, so that changes stay here.
      vars_.insert(name, *g);
      index = vars_.find_index(name, h);
      memo_ = {};
      memo_version_ = vars_.version();
    }
  }
  memo_[1] = memo_[0];
  memo_[0] = {name.data(), name.size(), index};
  return index == VarMap::k_absent ? nullptr : &vars_.at(index);
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
      // "Was written" only grows (Written::join).
      Var& now = vars_[name];
      const Written written = now.written;
      now = *old;
      now.written.join(written);
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
    if (c.kind != Kind::array) c.forget_target();
  }
}

// The first time, every variable is looked at; after that only those
// changed since the last time (the others had their values reset then, or
// were no globals): a body of thousands of calls and variables costs what
// changed between the calls, not every variable at every call.
//
// A global pointer's target goes too: a function of the file or one out of
// sight may set it (`newargv = NULL; if (!grow_argv(n)) return;
// newargv[0] = ...` where grow_argv reallocates it).
void FunctionFlow::forget_global_values() {
  std::vector<std::string_view> names;
  const auto collect = [&](std::string_view name, Var& var) {
    if (var.local || var.parameter) return;
    if (var.value || (var.kind == Kind::pointer && var.points.target != Target::unknown)) names.push_back(name);
  };
  if (vars_.tracking(k_globals_tracker)) vars_.take_touched(k_globals_tracker, collect);
  else vars_.for_each(collect);
  for (auto name : names) {
    Var& var = change(name);
    var.value.reset();
    if (var.kind == Kind::pointer) var.forget_target();
  }
  vars_.take_touched(k_globals_tracker, [](std::string_view, Var&) {});  // only just reset
  vars_.start_tracking(k_globals_tracker);
  globals_with_values_ = 0;
}

// The first label forgets every variable; a later one only those changed
// since the label before (the others are still as that one left them, and
// forgetting them again would change nothing): thousands of labels and
// variables cost what changed between the labels.
void FunctionFlow::forget_everything() {
  const auto forget = [&](std::string_view name, Var& var) {
    undo_.emplace_back(name, var);
    var.written_elsewhere();
  };
  if (vars_.tracking(k_labels_tracker)) vars_.take_touched(k_labels_tracker, forget);
  else vars_.for_each(forget);
  vars_.start_tracking(k_labels_tracker);
}

std::optional<Interval> FunctionFlow::value_of(std::string_view name) const {
  const Var* var = find(name);
  if (var != nullptr && var->value) return var->value;
  if (auto m = file_.macro(name)) return Interval::point(*m);
  if (var == nullptr || (!var->local && !var->parameter))
    if (auto c = file_.constant(name)) return Interval::point(*c);
  return std::nullopt;
}

std::optional<Interval> FunctionFlow::call_value(std::string_view function) const {
  // What the C library promises: rand() and random() give 0 to RAND_MAX
  // (2^31 - 1 with glibc).
  if ((function == "rand" || function == "random") && find(function) == nullptr && !file_.defines(function))
    return Interval{0, 2147483647};
  // A variable of that name (a function pointer) is not the file's function.
  if (const Var* var = find(function); var != nullptr && (var->local || var->parameter)) return std::nullopt;
  if (auto c = file_.returns_constant(function)) return Interval::point(*c);
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
  const std::string_view name = unqualified_name(fn.name);
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
        var.points.target = (*given_)[n].heap ? Target::heap : Target::array;
        var.extent.length = (*given_)[n].length;
        var.extent.smallest_caller = !(*given_)[n].agree;
        var.elem_size = (*given_)[n].elem_size;
        var.extent.base = v_.text(last);
        var.extent.offset = 0;
        var.extent.offset_known = true;
        var.points.line = (*given_)[n].line;
      }
      // Every caller in this file passes an array of the same size as written
      // (a parameter typed through a typedef, `PTSTR path`, is a pointer too).
      if (var.kind != Kind::scalar && given_ != nullptr && n < given_->size() && (*given_)[n].size_tokens_known &&
          !(*given_)[n].size_tokens.empty())
        var.size_tokens = (*given_)[n].size_tokens;
      // Every caller in this file passes a literal string.
      if (var.kind != Kind::scalar && given_ != nullptr && n < given_->size() && (*given_)[n].literal_known &&
          (*given_)[n].longest_literal >= 0)
        var.caller_literal = (*given_)[n].longest_literal;
      // Every caller in this file passes an integer the walk knows.
      if (!pointer && var.kind == Kind::scalar && given_ != nullptr && n < given_->size() &&
          (*given_)[n].value_known && (*given_)[n].value)
        var.value = (*given_)[n].value;
    }
    return;
  }
}

void FunctionFlow::run(const parse::FunctionFacts& fn) {
  const std::size_t open = v_.index_at_offset(fn.body_begin);
  const std::size_t close = v_.match(open);
  if (open >= v_.size() || !v_.is(open, "{") || close == npos) return;
  function_name_ = fn.name;
  body_ = {open + 1, close};
  parameters(fn, open);
  entries_.push_back(Entry{.braces = true, .body = Body::plain});
  std::size_t i = open + 1;
  while (i < close && !too_deep_) i = statement(i, close);
}

// Asked only when a finding is about to be made: the body is read on the
// first question, not for every function.
bool FunctionFlow::macro_call() const {
  if (macro_call_) return *macro_call_;
  macro_call_ = false;
  for (std::size_t k = body_.begin; k < body_.end; ++k) {
    if (!v_.is_identifier(k) || !v_.is(k + 1, "(")) continue;
    const std::string_view t = v_.text(k);
    if ((upper_case_name(t) && file_.library(t) == nullptr) ||
        (file_.is_function_macro(t) && file_.project_function(t) == nullptr)) {
      macro_call_ = true;
      break;
    }
  }
  return *macro_call_;
}

// Asked only when a finding is about to be made: the body is read once, on
// the first question (a body with thousands of findings asks thousands).
bool FunctionFlow::assigned_anywhere(std::string_view name) const {
  if (!assigned_names_) {
    assigned_names_.emplace();
    for (std::size_t k = body_.begin; k < body_.end; ++k) {
      if (!v_.is_identifier(k) || v_.is(k - 1, ".") || v_.is(k - 1, "->")) continue;
      if (is_write_after(k + 1) || v_.is(k - 1, "&") || v_.is(k - 1, "++") || v_.is(k - 1, "--"))
        assigned_names_->insert(v_.text(k));
    }
  }
  return assigned_names_->count(name) != 0;
}

// Used other than by indexing: passed on, assigned to a pointer, its address taken.
bool FunctionFlow::escapes(std::string_view name) const {
  if (!escaping_names_) {
    escaping_names_.emplace();
    for (std::size_t k = body_.begin; k < body_.end; ++k) {
      if (!v_.is_identifier(k) || v_.is(k - 1, ".") || v_.is(k - 1, "->")) continue;
      if (!v_.is(k + 1, "[") && !v_.is(k - 1, "sizeof")) escaping_names_->insert(v_.text(k));
    }
  }
  return escaping_names_->count(name) != 0;
}

void FunctionFlow::push(Entry e) {
  e.undo = undo_.size();
  e.body_begin = loop_body_begin_;
  if (!entries_.empty() && (entries_.back().dead || entries_.back().after_return)) e.dead = true;
  entries_.push_back(e);
  if (entries_.size() > k_max_nesting) too_deep_ = true;
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
    c.points.target = Target::unknown;
    c.extent.offset_known = false;
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
    // The condition found it NULL: surely so on this path.
    Var& var = change(e.null_var);
    var.points.set(Target::null, var.points.line);
    var.points.by_compare = true;
  }
  if (!e.nonnull_var.empty()) {
    if (Var* var = find(e.nonnull_var); var != nullptr && var->points.target == Target::null) {
      Var& c = change(e.nonnull_var);
      c.points.target = Target::unknown;
      c.points.by_compare = false;
    }
  }
  if (e.body == Body::loop || e.body == Body::do_block) havoc_assigned(loop_body_begin_);
  if (e.counter_range && find(e.loop_var) != nullptr) change(e.loop_var).value = e.counter_range;
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
  havocked_.clear();
  for (std::size_t k = body_begin; k < end; ++k) {
    if (!v_.is_identifier(k)) continue;
    const bool assigned = is_write_after(k + 1) || (k > 0 && (v_.is(k - 1, "&") || v_.is(k - 1, "++") || v_.is(k - 1, "--")));
    if (!assigned || (k > 0 && (v_.is(k - 1, ".") || v_.is(k - 1, "->")))) continue;
    Var* var = find(v_.text(k));
    if (var == nullptr) continue;
    // Assigned again in the same body: the first time logged its state before
    // the body and did all the rest but this (a body assigning one variable at
    // each of thousands of nested levels logged it thousands of times per level).
    if (!havocked_.insert(v_.text(k))) {
      if (!var->written.itself && v_.is(k + 1, "=")) var->written.loop_carried = true;
      continue;
    }
    Var& c = change(v_.text(k));
    c.value.reset();
    c.extent.offset_known = false;
    const bool null_or_freed = c.points.target == Target::null || c.points.target == Target::freed;
    if (maybe && null_or_freed && !c.points.some_paths) {
      c.points.some_paths = true;
      c.points.depth = static_cast<std::uint32_t>(entries_.size());
      c.points.origin = {body_begin, end};
    } else if (!maybe && null_or_freed) {
      c.points.target = Target::unknown;
    }
    // Written by a plain `=` somewhere in the loop: a read before it may see
    // another iteration's value (`x += 1` alone reads it uninitialised).
    if (!c.written.itself && v_.is(k + 1, "=")) c.written.loop_carried = true;
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
    // A dead then branch never ran: nothing it initialised holds.
    rollback(e.undo, !e.dead);
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
        if (Var* var = name.empty() ? nullptr : find(name); var != nullptr && var->points.target == Target::null) {
          change(name).points.forget();
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
    if (Var* var = find(e.null_var); var != nullptr && var->points.by_compare) {
      var->points.target = Target::unknown;
      var->points.by_compare = false;
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
  const Range origin = var.points.origin;
  if (origin.empty()) return true;
  const auto names_in = [&](Range r, auto&& each) {
    for (std::size_t k = r.begin; k < r.end; ++k)
      if (v_.is_identifier(k) && !v_.is(k + 1, "(") && !v_.is(k - 1, ".") && !v_.is(k - 1, "->")) each(v_.text(k));
  };
  // The very same test as the branch that made the fact (`if (flag == 10)
  // free(p); ... if (flag == 10) use(p)`): that path is taken here, not
  // excluded.
  for (std::size_t d = var.points.depth; d < entries_.size(); ++d)
    if (!var.points.cond.empty() && same_tokens(var.points.cond, entries_[d].cond)) return false;
  for (std::size_t d = var.points.depth; d < entries_.size(); ++d) {
    if (entries_[d].always) continue;  // a test known to pass excludes no path
    bool shared = false;
    names_in(entries_[d].cond, [&](std::string_view later) { shared = shared || named_in(later, origin); });
    if (shared || entries_[d].cond.empty()) return true;
  }
  return false;
}

// Whether `name` stands in `r` as correlated() counts names (not called, not
// a member). Where each name stands in the body is read once, on the first
// question: a body with thousands of "maybe" findings, each asking about a
// branch of thousands of tokens, read that branch once per finding.
const std::unordered_map<std::string_view, std::vector<std::size_t>, NameHash>& FunctionFlow::name_places() const {
  if (!name_places_) {
    name_places_.emplace();
    for (std::size_t k = body_.begin; k < body_.end; ++k)
      if (v_.is_identifier(k) && !v_.is(k + 1, "(") && !v_.is(k - 1, ".") && !v_.is(k - 1, "->"))
        (*name_places_)[v_.text(k)].push_back(k);
  }
  return *name_places_;
}

std::size_t FunctionFlow::places_before(std::string_view name, std::size_t at) const {
  const auto found = name_places().find(name);
  if (found == name_places().end()) return 0;
  const auto& places = found->second;
  return static_cast<std::size_t>(std::lower_bound(places.begin(), places.end(), at) - places.begin());
}

bool FunctionFlow::named_in(std::string_view name, Range r) const {
  name_places();
  if (r.begin >= body_.begin && r.end <= body_.end) {
    const auto found = name_places_->find(name);
    if (found == name_places_->end()) return false;
    const auto& places = found->second;
    const auto first = std::lower_bound(places.begin(), places.end(), r.begin);
    return first != places.end() && *first < r.end;
  }
  for (std::size_t k = r.begin; k < r.end; ++k)  // not within the body: read it (never seen)
    if (v_.is_identifier(k) && !v_.is(k + 1, "(") && !v_.is(k - 1, ".") && !v_.is(k - 1, "->") && v_.text(k) == name)
      return true;
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
  // The first undo entry of each name holds its state before the branch.
  joined_.clear();
  for (std::size_t k = e.undo; k < undo_.size(); ++k) {
    Var* var = find(undo_[k].first);
    if (var == nullptr || !joined_.insert(undo_[k].first)) continue;
    const auto& before = undo_[k].second;
    // Each enclosing branch that closes widens a "some paths" fact's origin
    // to itself (its condition and body) and moves its depth out.
    var->join(before ? &*before : nullptr, static_cast<std::uint32_t>(entries_.size()), origin, e.cond);
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

Range FunctionFlow::body_of(std::size_t first) const {
  if (v_.is(first, "{")) {
    const std::size_t close = v_.match(first);
    return close == npos ? Range{first, first} : Range{first + 1, close};
  }
  return {first, std::min(statement_end(first, v_.size()), v_.size())};
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
      // An initialiser can guard itself too (`long from = i ? a[i - 1] : 0;`).
      guarded_condition_ = short_circuits({i, statement_end(i, end)});
      const auto after = declaration(i, end);
      guarded_condition_ = false;
      if (after) return *after;
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
    if (v_.kind(k) == lex::TokenKind::punct && (v_.is(k, "&&") || v_.is(k, "||") || v_.is(k, "?"))) return true;
  return false;
}

std::size_t FunctionFlow::control_header(std::size_t i, std::string_view keyword) {
  const std::size_t open = i + 1;
  const std::size_t close = v_.is(open, "(") ? v_.match(open) : npos;
  if (close == npos) return i + 1;
  if (keyword == "while" && expect_do_while_) {
    // The condition of a do-while: no body follows.
    expect_do_while_ = false;
    if (i > 0 && v_.is(i - 1, "}")) {
      if (const std::size_t body = v_.match(i - 1); body != npos && body < i - 1)
        backward_scan({open + 1, close}, {body + 1, i - 1}, {0, 0});
    }
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
    if (!e.dead && !e.infinite) {
      while_counter({open + 1, close}, close + 1, e);
      backward_scan({open + 1, close}, body_of(close + 1), {0, 0});
    }
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
  bool is_extern = false;
  while (k < end && (v_.is(k, "static") || v_.is(k, "const") || v_.is(k, "register") || v_.is(k, "volatile") ||
                     v_.is(k, "auto") || v_.is(k, "extern"))) {
    is_static = is_static || v_.is(k, "static") || v_.is(k, "extern");
    is_extern = is_extern || v_.is(k, "extern");
    ++k;
  }
  // `extern int vsnprintf(char *, size_t, const char *, va_list);` in a
  // body declares, it calls nothing.
  if (is_extern) {
    std::size_t t = k;
    while (t < end && !v_.is(t, ";") && !v_.is(t, "=")) ++t;
    if (t < end && v_.is(t, ";")) return t;
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
        fresh.written.decl_line = v_.line(j + 2);
        fresh.written.itself = is_static || v_.is(params_close + 1, "=");
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
    if (decl.reference) {
      // Binding reads nothing; what is written through the alias is written
      // to what it names, which the analysis then stops following.
      if (const std::string_view bound = single_name(decl.init); !bound.empty() && find(bound) != nullptr)
        change(bound).written_elsewhere();
      else
        scan(decl.init.begin, decl.init.end, 0);
      Var alias;
      alias.kind = Kind::other;
      change(name) = alias;
      continue;
    }
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
    for (std::size_t t = k; t < first && decl.stars == 0; ++t)
      fresh.unsigned_type = fresh.unsigned_type || unsigned_type_word(v_.text(t));
    if (decl.ndims > 0 && decl.stars > 0) fresh.elem_size = 8;
    fresh.written.itself = is_static || !decl.init.empty() || fresh.kind == Kind::array;
    fresh.written.decl_line = v_.line(decl.name);
    fresh.written.contents = is_static || !decl.init.empty();
    bool variable_length = false;
    for (int n = 0; n < std::min(decl.ndims, 3); ++n) {
      if (auto size = evaluate(v_, decl.dims[n], *this); size && size->is_point()) {
        fresh.dims[n] = size->lo;
      } else if (n == 0) {
        fresh.size_tokens = decl.dims[0];
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
      fresh.extent.length = fresh.dims[0];
      fresh.points.target = Target::array;
      fresh.extent.base = name;
      fresh.extent.base_local = fresh.local;
    }
    if (variable_length && !is_static)
      report(RuleId::variable_length_array, Confidence::low, decl.name,
             fmt::format("'{}' is a variable-length array: its size comes from a variable at run time", name));
    // Declared before its initialiser is read (C's scope rule: `int *p = &v`
    // keeps v's state in p; `T *p = malloc(sizeof p)` sees p's type).
    Var declared = fresh;
    declared.written.itself = true;  // its own initialiser is no read of it
    change(name) = declared;
    if (!decl.init.empty()) scan(decl.init.begin, decl.init.end, 0);
    change(name) = fresh;
    if (!decl.init.empty() && fresh.kind != Kind::array) assign(name, decl.init, decl.name);
  }
  return d;
}

// `for (const unsigned char c : text)`: c is declared, and given a value
// each time round; the range expression is read.
void FunctionFlow::range_for(Range header) {
  std::size_t colon = npos;
  for (std::size_t k = header.begin; k < header.end; ++k) {
    if (v_.is(k, ":")) {
      colon = k;
      break;
    }
    const std::size_t m = v_.match(k);
    if (m != npos && m > k) k = m;
  }
  if (colon == npos || colon < header.begin + 2 || !v_.is_identifier(colon - 1)) {
    scan(header.begin, header.end, 0);
    return;
  }
  scan(colon + 1, header.end, 0);
  std::size_t k = header.begin;
  while (k < colon - 1 && (v_.is(k, "const") || v_.is(k, "auto") || v_.is(k, "volatile"))) ++k;
  Var fresh;
  fresh.written.decl_line = v_.line(colon - 1);
  bool stars = false;
  bool reference = false;
  for (std::size_t t = k; t < colon - 1; ++t) {
    stars = stars || v_.is(t, "*");
    reference = reference || v_.is(t, "&") || v_.is(t, "&&");
  }
  const auto type_size = k < colon - 1 ? basic_type_size(v_, {k, colon - 1}) : std::nullopt;
  fresh.kind = reference ? Kind::other : stars ? Kind::pointer : type_size ? Kind::scalar : Kind::other;
  fresh.local = !reference;  // `auto &x : v` names the container's elements
  if (fresh.kind == Kind::scalar) {
    fresh.elem_size = *type_size;
    for (std::size_t t = k; t < colon - 1; ++t) fresh.unsigned_type = fresh.unsigned_type || unsigned_type_word(v_.text(t));
  }
  change(v_.text(colon - 1)) = fresh;
}

void FunctionFlow::loop_header(Range header, Entry& e) {
  // for (init; cond; step)
  const auto split = v_.split_top_level(header, ";");
  if (split.size() != 3) {  // a range-based for, or something else
    range_for(header);
    return;
  }
  const std::array<Range, 3> parts{split[0], split[1], split[2]};
  e.infinite = parts[1].empty() || (truth(parts[1]) == true && constant_condition(parts[1]));
  e.cond = parts[1];
  if (!e.infinite) backward_scan(parts[1], body_of(header.end + 1), parts[2]);
  if (!parts[0].empty() && !declaration(parts[0].begin, parts[0].end + 1)) scan(parts[0].begin, parts[0].end, 0);
  scan(parts[1].begin, parts[1].end, 0);
  // The step: what it changes is unknown in the body (except the loop
  // variable's range). A pointer it assigns (`curr = next`) points where
  // the walk cannot follow, in the body and after the loop: the init's
  // `curr = NULL` holds only if the body never runs, which the walk cannot
  // tell (the list was checked non-empty before).
  for (std::size_t i = parts[2].begin; i < parts[2].end; ++i) {
    if (!v_.is_identifier(i)) continue;
    if (find(v_.text(i)) == nullptr) continue;
    Var& c = change(v_.text(i));
    c.value.reset();
    if (c.kind == Kind::pointer) {
      c.extent.offset_known = false;
      if (i + 1 < parts[2].end && v_.is(i + 1, "=") && (i == parts[2].begin || v_.is(i - 1, ",")))
        c.forget_target();
      // `p++`, `++p`, `p += n`: after the loop it points past its start
      // unless the body never ran.
      else if (c.points.target == Target::heap &&
               ((i + 1 < parts[2].end && (v_.is(i + 1, "++") || v_.is(i + 1, "+="))) ||
                (i > parts[2].begin && v_.is(i - 1, "++"))))
        c.extent.advanced_line = v_.line(i);
    }
  }
  // The loop variable and its range: `i = a; i < b; i++` and the like.
  const auto test = counted_test(parts[1]);
  if (!test) return;
  const std::string_view op = test->op;
  const Range bound = test->bound;
  const std::string_view name = v_.text(test->var_at);
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

std::optional<FunctionFlow::CountedTest> FunctionFlow::counted_test(Range cond) const {
  if (cond.size() < 3) return std::nullopt;
  CountedTest t;
  if (v_.is_identifier(cond.begin) && find(v_.text(cond.begin)) != nullptr) {
    t.var_at = cond.begin;
    t.op = v_.text(cond.begin + 1);
    t.bound = {cond.begin + 2, cond.end};
  } else if (v_.is_identifier(cond.end - 1) && v_.is(cond.end - 2, ">")) {
    t.var_at = cond.end - 1;
    t.op = "<";
    t.bound = {cond.begin, cond.end - 2};
  } else if (v_.is_identifier(cond.end - 1) && v_.is(cond.end - 2, ">=")) {
    t.var_at = cond.end - 1;
    t.op = "<=";
    t.bound = {cond.begin, cond.end - 2};
  } else {
    return std::nullopt;
  }
  return t;
}

// `i = 4; while (i >= 0) { ...; i--; }`: a while loop that counts like a
// for loop. Only when the body is braced, its last statement moves the
// variable by one (`i--`, `++i`, `i -= 1`) and nothing else in it writes
// the variable: then every pass but the last sees a value between the start
// and the bound, as in `for (i = 4; i >= 0; i--)`. A `continue` skips the
// step and repeats a value already in the range.
void FunctionFlow::while_counter(Range cond, std::size_t body, Entry& e) {
  const auto test = counted_test(unwrap_condition(cond));
  if (!test || !v_.is(body, "{")) return;
  const std::size_t close = v_.match(body);
  if (close == npos || close < body + 4 || !v_.is(close - 1, ";")) return;
  const std::string_view name = v_.text(test->var_at);
  // The last statement: `i--;`, `--i;`, `i++;`, `++i;`, `i -= 1;`, `i += 1;`.
  std::size_t step = npos;
  bool up = false;
  if (v_.text(close - 3) == name && (v_.is(close - 2, "--") || v_.is(close - 2, "++"))) {
    step = close - 3;
    up = v_.is(close - 2, "++");
  } else if (v_.text(close - 2) == name && (v_.is(close - 3, "--") || v_.is(close - 3, "++"))) {
    step = close - 3;
    up = v_.is(close - 3, "++");
  } else if (close >= body + 5 && v_.text(close - 4) == name && v_.is(close - 2, "1") &&
             (v_.is(close - 3, "-=") || v_.is(close - 3, "+="))) {
    step = close - 4;
    up = v_.is(close - 3, "+=");
  }
  if (step == npos || !(v_.is(step - 1, ";") || v_.is(step - 1, "{") || v_.is(step - 1, "}"))) return;
  const bool down = !up;
  for (std::size_t k = body + 1; k < step; ++k) {
    if (v_.text(k) != name || !v_.is_identifier(k) || v_.is(k - 1, ".") || v_.is(k - 1, "->")) continue;
    if (is_write_after(k + 1) || v_.is(k - 1, "&") || v_.is(k - 1, "++") || v_.is(k - 1, "--")) return;
  }
  const Var* var = find(name);
  const auto limit = evaluate(v_, test->bound, *this);
  if (var == nullptr || !var->value || !var->value->is_point() || !limit || !limit->is_point()) return;
  const Interval start = *var->value;
  const std::string_view op = test->op;
  Interval range;
  if (up && (op == "<" || op == "<=" || op == "!=")) {
    range = {start.lo, op == "<=" ? limit->lo : limit->lo - 1};
  } else if (down && (op == ">" || op == ">=")) {
    range = {op == ">=" ? limit->lo : limit->lo + 1, start.lo};
  } else {
    return;
  }
  if (range.lo > range.hi) {
    e.dead = true;  // the body never runs
    return;
  }
  e.loop_var = name;
  e.counter_range = range;
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
  // `if (j < 3)` inside `for (j = 0; j < 4; j++)`. The first of several
  // `&&` conjuncts narrows the then branch only (`if (i > 0 && a[i - 1])`),
  // and a bare name is tested against zero (`if (i && ...)`).
  Range test = cond;
  bool conjunct = false;
  // Only an `if`: a loop left by its condition knows nothing of one
  // conjunct, so a loop's `&&` condition narrows nothing.
  bool narrow = true;
  if (const auto parts = v_.split_top_level(cond, "&&"); parts.size() > 1) {
    test = unwrap_condition(parts[0]);
    conjunct = true;
    narrow = then_entry.body == Body::if_then;
  }
  if (narrow && test.size() == 1 && v_.is_identifier(test.begin)) {
    const Var* var = find(v_.text(test.begin));
    if (var != nullptr && var->kind == Kind::scalar && var->value && var->value->lo == 0 && var->value->hi > 0) {
      then_entry.refine_var = v_.text(test.begin);
      then_entry.refine = Interval{1, var->value->hi};
      then_entry.else_refine = conjunct ? *var->value : Interval::point(0);
    }
  }
  if (narrow && test.size() >= 3 && v_.is_identifier(test.begin)) {
    const Range cond_range = cond;
    cond = test;
    const Var* var = find(v_.text(cond.begin));
    const std::string_view op = v_.text(cond.begin + 1);
    const auto bound = evaluate(v_, {cond.begin + 2, cond.end}, *this);
    if (var != nullptr && var->value && bound && bound->is_point() &&
        (op == "<" || op == "<=" || op == ">" || op == ">=" || op == "==" || op == "!=")) {
      const Interval now = *var->value;
      const std::int64_t b = bound->lo;
      Interval yes = now;
      Interval no = now;
      // == and != narrow only at an end of the range (`if (i == MAX) return;`
      // inside `for (i = 0; i <= MAX; i++)` leaves i < MAX after it).
      Interval equal{std::max(now.lo, b), std::min(now.hi, b)};
      Interval other = now;
      if (b == now.lo) other.lo = b + 1;
      else if (b == now.hi) other.hi = b - 1;
      if (op == "==") { yes = equal; no = other; }
      if (op == "!=") { yes = other; no = equal; }
      if (op == "<") { yes.hi = std::min(now.hi, b - 1); no.lo = std::max(now.lo, b); }
      if (op == "<=") { yes.hi = std::min(now.hi, b); no.lo = std::max(now.lo, b + 1); }
      if (op == ">") { yes.lo = std::max(now.lo, b + 1); no.hi = std::min(now.hi, b); }
      if (op == ">=") { yes.lo = std::max(now.lo, b); no.hi = std::min(now.hi, b - 1); }
      then_entry.refine_var = v_.text(cond.begin);
      then_entry.refine = yes;
      then_entry.else_refine = conjunct ? now : no;
    }
    cond = cond_range;
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
  const bool top_level_or = v_.has_top_level(cond, "||");
  if (null_name.empty() && nonnull_name.empty() && !top_level_or) {
    const auto conjuncts = v_.split_top_level(cond, "&&");
    for (std::size_t n = 0; n < conjuncts.size() && then_entry.nonnull_var.empty(); ++n) {
      const Range part = conjuncts[n];
      if (part.size() == 1) then_entry.nonnull_var = pointer_at(part.begin);
      if (part.size() == 3 && v_.is(part.begin + 1, "!=") && is_null_literal(v_.text(part.begin + 2)))
        then_entry.nonnull_var = pointer_at(part.begin);
    }
  }
  // `!a || !b` (or `a == NULL || ...`): when the then branch cannot fall
  // through, each of them is set after it.
  if (null_name.empty() && top_level_or && !v_.has_top_level(cond, "&&")) {
    const auto disjuncts = v_.split_top_level(cond, "||");
    std::vector<std::string_view> names;
    for (std::size_t n = 0; n < disjuncts.size(); ++n) {
      const Range part = unwrap_condition(disjuncts[n]);
      if (part.size() == 2 && v_.is(part.begin, "!")) names.push_back(pointer_at(part.begin + 1));
      if (part.size() == 3 && v_.is(part.begin + 1, "==") && is_null_literal(v_.text(part.begin + 2)))
        names.push_back(pointer_at(part.begin));
    }
    then_entry.else_nonnull_more = std::move(names);
  }
}

// Whether a condition is always true or always false with what is known
// (`if (0)`, `if (flag > 1)` with flag == 1, `if (i == 10)` in a loop to 9).
// `!x` and `!(...)` are peeled in a loop, not by recursion: `!(!(!(...)))`
// nested 200,000 deep overflowed the stack.
std::optional<bool> FunctionFlow::truth(Range cond) const {
  bool negated = false;
  for (;;) {
    cond = unwrap_condition(cond);
    if (cond.empty() || !v_.is(cond.begin, "!")) break;
    const Range rest{cond.begin + 1, cond.end};
    if (!(rest.size() == 1 || (v_.is(rest.begin, "(") && v_.match(rest.begin) == rest.end - 1))) break;
    negated = !negated;
    cond = rest;
  }
  const auto known = truth_of_unnegated(cond);
  if (known && negated) return !*known;
  return known;
}

std::optional<bool> FunctionFlow::truth_of_unnegated(Range cond) const {
  if (cond.empty()) return std::nullopt;
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
  } else if (var->kind == Kind::pointer && (var->points.target == Target::array || var->points.target == Target::address) &&
             var->extent.base_local) {
    report(RuleId::return_local_address, Confidence::medium, r.begin,
           fmt::format("returns '{}', which points into local '{}'", name, var->extent.base));
  }
}


}  // namespace oxidize::hazards::flow

namespace oxidize::hazards {

using flow::ArgumentFact;
using flow::CallFacts;
using flow::FileContext;
using flow::FlowScratch;
using flow::FunctionFlow;
using flow::unqualified_name;

void find_c_hazards(const TokenView& view, const SourceNotes& notes, std::span<const parse::FunctionFacts> functions,
                    bool cpp, const ProjectFunctions* project, RawFindings& out) {
  const FileContext file(view, notes, functions, cpp, project);
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
  // (or size as written) are read again with those lengths (their first
  // findings are replaced).
  for (std::size_t k = 0; k < functions.size(); ++k) {
    const auto it = calls.find(unqualified_name(functions[k].name));
    if (it == calls.end() || functions[k].body_end <= functions[k].body_begin) continue;
    const bool any = std::any_of(it->second.begin(), it->second.end(), [](const ArgumentFact& f) {
      return (f.known && f.length >= 0) || (f.value_known && f.value) ||
             (f.size_tokens_known && !f.size_tokens.empty()) || (f.literal_known && f.longest_literal >= 0);
    });
    if (!any) continue;
    per_function[k].clear();
    FunctionFlow flow(view, file, per_function[k], scratch, nullptr, &it->second);
    flow.run(functions[k]);
  }
  for (auto& found : per_function)
    for (auto& f : found) out.push_back(std::move(f));
}

}  // namespace oxidize::hazards
