// The expressions of a C/C++ function body, token by token: variables read,
// written, indexed and dereferenced (out-of-bounds, NULL, freed and
// uninitialised accesses), assignments (what a pointer points to now) and
// frees (double, non-heap, offset, mismatched).
#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "oxidize/hazards/c_flow_model.hpp"

namespace oxidize::hazards::flow {

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
  const lex::TokenKind k = v_.kind(p);
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
  // Every assignment operator ends with `=`: most tokens are settled by their last byte.
  const std::string_view t = v_.text(i);
  if (t.empty() || (t.back() != '=' && t.back() != '+' && t.back() != '-')) return false;
  return is_assignment_operator(t) || t == "++" || t == "--";
}

std::size_t FunctionFlow::token(std::size_t i, std::size_t end, int depth) {
  if (v_.kind(i) != lex::TokenKind::identifier) return i + 1;
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
  // A member (`a.b`, `a->b`) is not a variable of this function; a
  // qualified call (`std::tie(a, b)`, `std::strcpy(d, s)`) is a call.
  if (i > 0 && v_.is(i - 1, "::") && v_.is(i + 1, "(")) return call(i);
  // C++: a method may take any argument by reference (`in.get(c)`): a bare
  // name passed to one may come back written.
  if (file_.cpp() && i > 0 && (v_.is(i - 1, ".") || v_.is(i - 1, "->")) && v_.is(i + 1, "(")) {
    const auto args = v_.arguments(i + 1);
    for (std::size_t n = 0; n < args.size(); ++n) {
      const std::string_view name = single_name(args[n]);
      if (const Var* var = name.empty() ? nullptr : find(name); var != nullptr && !var->written.itself)
        change(name).written.itself = true;
    }
    return i + 1;
  }
  if (i > 0 && (v_.is(i - 1, ".") || v_.is(i - 1, "->") || v_.is(i - 1, "::"))) return i + 1;
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
        c.written.itself = true;
        c.written.contents = true;
        c.value.reset();
      }
    return close + 1;
  }
  if (t == "delete") {
    std::size_t k = i + 1;
    Allocator by = Allocator::new_single;
    if (v_.is(k, "[") && v_.is(k + 1, "]")) {
      by = Allocator::new_array;
      k += 2;
    }
    if (v_.is_identifier(k) && (v_.is(k + 1, ";") || v_.is(k + 1, ")"))) release(v_.text(k), i, by);
    return k;
  }
  if (v_.is(i + 1, "(")) return call(i);
  // An object-like macro of this file whose body assigns (`GETBREAK;`):
  // the names it uses may be written here.
  if (const auto* names = file_.statement_macro(t)) {
    for (auto name : *names) {
      const Var* var = find(name);
      if (var == nullptr || var->kind == Kind::array) continue;
      change(name).written_elsewhere();
    }
    return i + 1;
  }
  // C++ stream extraction (`in >> x`) writes its right operand.
  if (file_.cpp() && i > 0 && v_.is(i - 1, ">>") && !v_.is(i + 1, "[") && !v_.is(i + 1, ".") && !v_.is(i + 1, "->")) {
    if (const Var* var = find(t); var != nullptr && (!var->written.itself || var->value)) {
      Var& c = change(t);
      c.written.itself = true;
      c.value.reset();
    }
    return i + 1;
  }
  if (const Var* var = find(t)) {
    // The common case, settled without the full look: a structure (its
    // members are not followed), or a plain read of a written scalar or
    // pointer in the middle of an expression.
    if (var->kind == Kind::other && !v_.is(i + 1, "=")) return i + 1;
    if (var->written.itself && !var->unchecked && (var->kind == Kind::scalar || var->kind == Kind::pointer) && i > 0 &&
        !v_.is(i - 1, "*") && !v_.is(i - 1, "&") && !v_.is(i - 1, "(") && !v_.is(i - 1, "++") &&
        !v_.is(i - 1, "--") && !v_.is(i - 1, ")")) {
      const std::size_t next = i + 1 < v_.size() ? i + 1 : i;
      if (v_.kind(next) == lex::TokenKind::punct && v_.end(next) - v_.begin(next) <= 2) {
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
    // `pp = &p`: the address is kept by a pointer the analysis follows
    // (writes through it are applied to p, and passing it on forgets p).
    const std::size_t amp = v_.is(i - 1, "&") ? i - 1 : i - 2;
    if (amp > 1 && v_.is(amp - 1, "=") && v_.is_identifier(amp - 2) && !v_.is(i + 1, "[") && !v_.is(i + 1, ".") &&
        !v_.is(i + 1, "->")) {
      const Var* holder = find(v_.text(amp - 2));
      if (holder != nullptr && holder->kind == Kind::pointer && holder->local) return i + 1;
    }
    // Its address escapes: anything may write it from here on.
    change(name).written_elsewhere();
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
      if (member && !find(name)->written.contents) change(name).written.contents = true;
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
    if (!var->written.contents) change(name).written.contents = true;
    dereference(name, *find(name), i, is_write_after(after));
    return i + 1;
  }
  if (after_star && !v_.is(i + 1, ".") && !v_.is(i + 1, "->") && !v_.is(i + 1, "[")) {
    dereference(name, *var, i, is_write_after(i + 1));
    var = find(name);
    // *pp = rhs where pp = &p: p is assigned.
    if (var->points.target == Target::address && v_.is(i + 1, "=") && !(i >= 2 && v_.is(i - 2, "*"))) {
      const std::string_view pointee = var->extent.base;
      if (const Var* p = find(pointee); p != nullptr && p->kind != Kind::array) {
        const std::size_t rhs_end = expression_end(i + 2, end);
        assign(pointee, {i + 2, rhs_end}, i);
        var = find(name);
      }
    }
    // **pp where pp = &p: the second dereference is of p.
    if (i >= 2 && v_.is(i - 2, "*") && is_unary_at(i - 2) && var->points.target == Target::address) {
      const std::string_view inner = var->extent.base;
      if (Var* p = find(inner); p != nullptr && p->kind == Kind::pointer) dereference(inner, *p, i, is_write_after(i + 1));
      var = find(name);
    }
    if (var->kind == Kind::pointer && var->extent.offset_known && var->extent.length >= 0)
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
      if (var->kind == Kind::pointer) pointer_arithmetic(name, *find(name), i);
      return i + 1;
    }
  }
  // Increments: pointer offsets and integer values.
  if (v_.is(i + 1, "++") || v_.is(i + 1, "--") || after_incdec || v_.is(i + 1, "+=") || v_.is(i + 1, "-=")) {
    if (!var->written.itself && var->local && var->kind == Kind::scalar)
      report(RuleId::uninitialized_read, uninitialized_confidence(name, *var, i), i,
             fmt::format("'{}' is updated before it is initialised", name));
    Var& c = change(name);
    c.written.itself = true;
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
      pointer_arithmetic(name, c, i);
      if (known && c.extent.offset_known) c.extent.offset += delta;
      else c.extent.offset_known = false;
      if (v_.is(i + 1, "--") || v_.is(i + 1, "-=") || (after_incdec && v_.is(i - 1, "--"))) {
        c.extent.advanced_line = 0;
      } else if (c.points.target == Target::heap) {
        // `while (isspace(*s)) s++;`: moved forward on every turn of a loop.
        for (auto e = entries_.rbegin(); e != entries_.rend(); ++e)
          if (e->body == Body::loop || e->body == Body::do_block) {
            c.extent.advanced_line = v_.line(i);
            break;
          }
      }
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
      const std::string_view a = var->kind == Kind::array ? name : var->extent.base;
      const std::string_view b = other->kind == Kind::array ? v_.text(i + 2) : other->extent.base;
      // Both of known size (not `extern char _start[]`, linker symbols
      // that bound one region).
      if (!a.empty() && !b.empty() && a != b &&
          (var->points.target == Target::array || var->points.target == Target::heap) &&
          (other->points.target == Target::array || other->points.target == Target::heap) && var->extent.length > 0 &&
          other->extent.length > 0)
        report(RuleId::pointer_subtraction_unrelated, Confidence::high, i,
               fmt::format("'{}' and '{}' point into different objects ('{}' and '{}')", name, v_.text(i + 2), a, b));
    }
  }
  // A plain read.
  if (!var->written.itself && var->local && (var->kind == Kind::scalar || var->kind == Kind::pointer)) {
    report(RuleId::uninitialized_read, uninitialized_confidence(name, *var, i), i,
           fmt::format("'{}' is read before it is initialised", name));
    change(name).written.itself = true;  // one finding per variable
  }
  return i + 1;
}

// C++ only (OXI-C1006): arithmetic on a pointer not known to point into an
// array or a heap block. Medium when it points to a single object (`p =
// &x`), low when what it points to is unknown (a parameter may well point
// into an array).
void FunctionFlow::pointer_arithmetic(std::string_view name, const Var& var, std::size_t at) {
  if (!file_.cpp() || var.kind != Kind::pointer) return;
  if (var.points.target == Target::array || var.points.target == Target::heap || var.points.target == Target::literal) return;
  const bool single = var.points.target == Target::address && var.extent.length == 1;
  report(RuleId::cpp_pointer_arithmetic, single ? Confidence::medium : Confidence::low, at,
         single ? fmt::format("'{}' points to the single object '{}': arithmetic on it leaves the object", name,
                              var.extent.base)
                : fmt::format("arithmetic on '{}', which is not known to point into an array", name));
}

void FunctionFlow::dereference(std::string_view name, Var& var, std::size_t at, bool write) {
  if (var.kind != Kind::pointer && var.kind != Kind::unknown) return;
  if (!var.written.itself && var.local) {
    report(RuleId::uninitialized_read, uninitialized_confidence(name, var, at), at,
           fmt::format("pointer '{}' is dereferenced before it is initialised", name));
    change(name).written.itself = true;
    return;
  }
  switch (var.points.target) {
    case Target::null:
      if (guarded_condition_) return;  // `p && p->x`: the check is in the same condition
      report(RuleId::null_dereference,
             var.points.null_some_paths() ? maybe(var)
                            : across(var.points.line, v_.line(at),
                                     var.points.by_compare ? Confidence::medium : Confidence::high),
             at,
             var.points.by_compare
                 ? fmt::format("'{}' is dereferenced where the condition just found it NULL", name)
                 : fmt::format("'{}' is dereferenced but was set to NULL on line {}", name, var.points.line));
      change(name).points.target = Target::unknown;
      return;
    case Target::freed:
      report(RuleId::use_after_free,
             var.points.freed_some_paths() ? maybe(var) : across(var.points.line, v_.line(at), Confidence::high), at,
             fmt::format("'{}' is used after it was freed on line {}", name, var.points.line));
      change(name).points.target = Target::unknown;
      return;
    case Target::heap:
      if (var.unchecked) {
        // Reported at the allocation, where the check belongs.
        report(RuleId::alloc_unchecked, Confidence::medium, var.alloc_token,
               fmt::format("the result of this allocation ('{}') is used on line {} without a NULL check", name,
                           v_.line(at)));
        change(name).unchecked = false;
      }
      if (!write && !var.written.contents && var.extent.offset_known) {
        report(RuleId::uninitialized_read, Confidence::low, at,
               fmt::format("heap memory '{}' points to is read before anything was written to it", name));
        change(name).written.contents = true;
      }
      if (write) change(name).written.contents = true;
      return;
    case Target::address: {
      // *p where p = &x: reading x before x was written.
      const Var* pointee = find(var.extent.base);
      if (!write && pointee != nullptr && !pointee->written.itself && pointee->local &&
          (pointee->kind == Kind::scalar || pointee->kind == Kind::pointer)) {
        report(RuleId::uninitialized_read, Confidence::high, at,
               fmt::format("'{}' points to '{}', which is read before it is initialised", name, var.extent.base));
        change(var.extent.base).written.itself = true;
      }
      return;
    }
    default:
      return;
  }
}

void FunctionFlow::access(std::string_view name, Var& var, std::size_t at, std::optional<Interval> index, bool write,
                          bool through_loop, bool element) {
  if (write && !var.written.contents) change(name).written.contents = true;
  if (!index) return;
  std::int64_t length = -1;
  std::int64_t offset = 0;
  std::string_view of = name;
  if (var.kind == Kind::array) {
    length = var.dims[0];
  } else if (var.kind == Kind::pointer || var.kind == Kind::unknown) {
    if (var.points.target != Target::heap && var.points.target != Target::array && var.points.target != Target::literal) return;
    if (!var.extent.offset_known) return;
    length = var.extent.length;
    offset = var.extent.offset;
    of = var.extent.base.empty() ? name : var.extent.base;
  } else {
    return;
  }
  const std::int64_t lo = index->lo + offset;
  const std::int64_t hi = index->hi + offset;
  // "index 5 is past ..." or, through a range (a loop's, rand()'s, what the
  // callers pass), "the index can reach 5, past ...".
  const auto where = [&](std::int64_t reached, const char* what) {
    return through_loop ? fmt::format("the index can reach {}, {}", reached, what)
                        : fmt::format("index {} is {}", reached, what);
  };
  // `i > 0 && a[i - 1]`, `i ? a[i - 1] : 0`: a guard in the same expression
  // may exclude the loop's end values.
  const Confidence sure = through_loop && guarded_condition_ ? Confidence::low : Confidence::high;
  // Callers pass different lengths: only an access that every call reaches
  // (not inside a branch or loop the function may use to tell them apart).
  if (var.extent.smallest_caller && entries_.size() > 1) return;
  if (lo < 0) {
    report(RuleId::before_start_of_buffer, sure, at,
           fmt::format("{} '{}'", where(lo, "before the start of"), of));
  } else if (length >= 0 && hi >= length) {
    report(write ? RuleId::out_of_bounds_write : RuleId::out_of_bounds_read, sure, at,
           fmt::format("{} '{}' ({} element{})", where(hi, "past the end of"), of, length, length == 1 ? "" : "s"));
  } else if (var.kind == Kind::array && var.local && !write && !var.written.contents && index->is_point() &&
             element && !escapes(name)) {
    report(RuleId::uninitialized_read, Confidence::medium, at,
           fmt::format("'{}' is read before any element was written", name));
    change(name).written.contents = true;
  }
  if (write && !var.written.contents) change(name).written.contents = true;
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
  var.written.itself = true;
  var.from_strlen = false;
  for (std::size_t t = rhs_full.begin; t < rhs_full.end && !var.from_strlen; ++t)
    var.from_strlen = v_.is(t, "strlen") || v_.is(t, "strnlen");
  var.points.by_compare = false;
  var.points.some_paths = false;
  var.extent.advanced_line = 0;
  var.value.reset();
  const Range rhs = strip_casts(rhs_full);
  const auto line = v_.line(at);
  const auto set_pointer = [&](Target target) {
    if (var.kind == Kind::unknown) var.kind = Kind::pointer;
    if (!var.local && !var.parameter) ++globals_with_values_;  // a call may point it elsewhere
    var.points.set(target, line);
    var.extent.offset = 0;
    var.extent.offset_known = true;
    var.extent.length = -1;
    var.extent.base = {};
    var.extent.base_local = false;
    var.unchecked = false;
    var.allocator = Allocator::none;
    var.written.contents = true;
    var.sized_by_strlen = false;
    var.extent.smallest_caller = false;
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
  // C++: an object of a class type (`std::string s; s = buf;`, also when
  // its declaration was not followed, as with `std::` types) copies what it
  // is given; it points into nothing the analysis follows.
  if ((declared == Kind::other || declared == Kind::unknown) && file_.cpp()) {
    var.forget_target();
    return;
  }
  // A call to a function of this file that only ever returns NULL.
  if (v_.is_identifier(rhs.begin) && v_.is(rhs.begin + 1, "(") && v_.match(rhs.begin + 1) == rhs.end - 1 &&
      file_.returns_null(v_.text(rhs.begin)) && declared != Kind::scalar) {
    set_pointer(Target::null);
    return;
  }
  // Allocations: malloc(...), new T[n]
  if (v_.is_identifier(rhs.begin) && v_.is(rhs.begin + 1, "(")) {
    const LibraryCall* lib = file_.library(v_.text(rhs.begin));
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
      var.written.contents = lib->zeroes || lib->kind != CallKind::allocate;
      var.extent.base = name;
      const auto args = call_arguments(rhs.begin);  // a wrapper's in the library's order
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
      if (elements) var.extent.length = *elements;
      return;
    }
  }
  if (v_.is(rhs.begin, "new") && find("new") == nullptr) {  // in C, `new` may be a variable
    set_pointer(Target::heap);
    var.extent.base = name;
    std::size_t k = rhs.begin + 1;
    while (k < rhs.end && !v_.is(k, "[") && !v_.is(k, "(") && !v_.is(k, "{")) ++k;
    if (k < rhs.end && v_.is(k, "[")) {
      var.allocator = Allocator::new_array;
      const std::size_t close = v_.match(k);
      if (close != npos) {
        if (auto n = evaluate(v_, {k + 1, close}, *this); n && n->is_point()) var.extent.length = n->lo;
      }
    } else {
      var.allocator = Allocator::new_single;
      var.extent.length = 1;
    }
    return;
  }
  // A string literal.
  if (v_.is_string(rhs.begin)) {
    set_pointer(Target::literal);
    var.extent.base = v_.text(rhs.begin);
    if (rhs.size() == 1) var.extent.length = static_cast<std::int64_t>(v_.text(rhs.begin).size()) - 1;
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
          if (copy.points.target != Target::array && copy.points.target != Target::heap) {
            var.points.target = Target::unknown;
            var.extent.offset_known = false;
            return;
          }
          address = false;
        }
        if (address && !(copy.kind == Kind::array && v_.is(k + 1, "["))) {
          set_pointer(Target::address);
          var.extent.base = source;
          var.extent.base_local = copy.local;
          var.extent.length = copy.kind == Kind::array ? copy.dims[0] : 1;
          return;
        }
        if (copy.kind == Kind::array) {
          set_pointer(Target::array);
          var.extent.base = source;
          var.extent.base_local = copy.local;
          var.extent.length = copy.dims[1] == -1 ? copy.dims[0] : -1;
          if (var.elem_size == 0 && var.type == copy.type) var.elem_size = copy.elem_size;
          // Through a cast to another element type, counts change units.
          if (!same_units(var, copy)) var.extent.length = -1;
        } else if (copy.kind == Kind::pointer || copy.points.target != Target::unknown) {
          const Kind kind = var.kind == Kind::unknown ? Kind::pointer : var.kind;
          const std::int64_t elem = var.elem_size;
          const bool was_param = var.parameter;
          const bool same = var.kind == Kind::unknown || same_units(var, copy);
          const std::string_view type = var.kind == Kind::unknown ? copy.type : var.type;
          var = copy;
          var.type = type;
          if (!same) var.extent.length = -1;
          var.kind = kind;
          var.local = false;
          var.parameter = was_param;
          var.elem_size = elem;
          var.written.itself = true;
          if (copy.points.target == Target::freed) var.points.target = Target::unknown;  // too clever to follow
        } else {
          return;
        }
        if (extra_known && extra.is_point() && var.extent.offset_known) var.extent.offset += extra.lo;
        else var.extent.offset_known = false;
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
      if (!var.local && !var.parameter) ++globals_with_values_;
      return;
    }
  }
  if (var.kind == Kind::pointer || var.kind == Kind::unknown) {
    var.points.target = Target::unknown;
    var.extent.offset_known = false;
    var.unchecked = false;
    var.written.contents = true;
  }
}

std::optional<std::int64_t> FunctionFlow::destination_bytes(Range arg) const {
  const std::string_view name = single_name(strip_casts(arg));
  if (name.empty()) return std::nullopt;
  const Var* var = find(name);
  if (var == nullptr) return std::nullopt;
  if (var->kind == Kind::array && var->dims[0] >= 0 && var->elem_size > 0 && var->dims[1] == -1)
    return var->dims[0] * var->elem_size;
  if (var->kind == Kind::pointer && (var->points.target == Target::heap || var->points.target == Target::array) &&
      var->extent.offset_known && var->extent.offset == 0 && var->extent.length >= 0 && var->elem_size > 0)
    return var->extent.length * var->elem_size;
  return std::nullopt;
}

void FunctionFlow::release(std::string_view name, std::size_t at, Allocator by) {
  Var* var = find(name);
  if (var == nullptr) return;
  if (var->kind == Kind::array) {
    report(RuleId::free_not_heap, Confidence::high, at, fmt::format("'{}' is an array, not heap memory", name));
    return;
  }
  // A parameter's buffer comes from the caller: what it is was seen there.
  const bool from_caller = var->parameter;
  switch (var->points.target) {
    case Target::freed:
      report(RuleId::double_free,
             var->points.freed_some_paths() ? maybe(*var) : across(var->points.line, v_.line(at), Confidence::high), at,
             fmt::format("'{}' was already freed on line {}", name, var->points.line));
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
                         var->points.target == Target::literal ? std::string("a string literal")
                                                        : fmt::format("'{}'", var->extent.base)));
      return;
    case Target::heap:
      if (var->extent.offset_known && var->extent.offset != 0) {
        report(RuleId::free_offset_pointer, Confidence::high, at,
               fmt::format("'{}' was moved {} element{} past the start of its block", name, var->extent.offset,
                           var->extent.offset == 1 ? "" : "s"));
      } else if (!var->extent.offset_known && var->extent.advanced_line != 0) {
        // Past its start whenever the loop ran once.
        report(RuleId::free_offset_pointer, Confidence::medium, at,
               fmt::format("'{}' was advanced by the loop on line {} and no longer points to the start of its "
                           "block",
                           name, var->extent.advanced_line));
      } else if (var->allocator != Allocator::none && by != Allocator::none && var->allocator != by) {
        static constexpr const char* names[] = {"", "malloc", "new", "new[]"};
        static constexpr const char* releases[] = {"", "free", "delete", "delete[]"};
        report(RuleId::dealloc_mismatch, Confidence::high, at,
               fmt::format("'{}' was allocated with {} on line {} but released with {}", name,
                           names[static_cast<int>(var->allocator)], var->points.line,
                           releases[static_cast<int>(by)]));
      }
      break;
    default:
      break;
  }
  Var& c = change(name);
  c.points.set(Target::freed, v_.line(at));
  if (!c.local && !c.parameter) ++globals_with_values_;  // a call may allocate it again

}


// The length of the string a literal (or adjacent literals) spells, escapes
// counted as one character; nothing when the range is not only literals.

}  // namespace oxidize::hazards::flow
