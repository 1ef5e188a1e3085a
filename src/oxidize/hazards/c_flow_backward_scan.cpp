// A search down an array for a sentinel with nothing that stops the index
// at 0: `while (buf[len] != '/') len--;`, `for (; s[n - 1] == ' '; n--)`,
// the do-while alike. When the sentinel is not there (a string of spaces
// only, a path without '/'), the loop reads before the array: OXI-C0023
// (CWE-786), the ITC benchmark's "stack underrun". Reported at the read in
// the condition, at medium confidence: an earlier check this walk does not
// follow may have made sure the sentinel is there.
//
// Conservative by construction, so that a finding is one a reviewer fixes:
//   - the condition is one test of one element (`a[i]`, `a[i - 2]`, alone,
//     negated, compared with == or != or passed to one call), with no &&, ||
//     or ?: that could hold a bound, and the index named nowhere else in it;
//   - the array is one of the function's arrays or a member (`s.buf`,
//     `s->buf`), never a local pointer, which may point into the middle of a
//     buffer;
//   - the loop steps the index down (`i--`, `--i`, `i -= 2`), and the body
//     names it nowhere but in those steps and in index brackets: any test,
//     any other write, any break, return, goto or call that leaves ends the
//     search.
#include <fmt/format.h>

#include "oxidize/hazards/c_flow_model.hpp"

namespace oxidize::hazards::flow {

namespace {

// <ctype.h>'s tests of one character.
bool is_character_class(std::string_view name) {
  return name == "isspace" || name == "isblank" || name == "isdigit" || name == "isxdigit" || name == "isalpha" ||
         name == "isalnum" || name == "isupper" || name == "islower" || name == "ispunct" || name == "isprint" ||
         name == "isgraph" || name == "iscntrl";
}

bool leaves_loop(std::string_view t) {
  return t == "break" || t == "return" || t == "goto" || t == "throw" || t == "exit" || t == "abort" ||
         t == "_exit" || t == "longjmp" || t == "siglongjmp";
}

}  // namespace

void FunctionFlow::backward_scan(Range cond, Range body, Range step) {
  cond = unwrap_condition(cond);
  if (cond.size() < 4) return;
  // The one element read: `[` after a name, holding `i` or `i - K`.
  std::size_t open = npos;
  for (std::size_t k = cond.begin; k < cond.end; ++k) {
    const std::string_view t = v_.text(k);
    if (t == "&&" || t == "||" || t == "?" || t == "," || t == "<" || t == ">" || t == "<=" || t == ">=" ||
        t == "=" || t == "++" || t == "--" || t == "+=" || t == "-=" || v_.is_string(k))
      return;
    if (t != "[") continue;
    if (open != npos) return;  // two reads: not a plain search
    open = k;
  }
  if (open == npos || open == cond.begin || !v_.is_identifier(open - 1)) return;
  const std::size_t close = v_.match(open);
  if (close == npos || close >= cond.end) return;
  const Range inner{open + 1, close};
  const bool plain = inner.size() == 1;
  const bool minus = inner.size() == 3 && v_.is(inner.begin + 1, "-") && v_.is_number(inner.begin + 2);
  if ((!plain && !minus) || !v_.is_identifier(inner.begin)) return;
  const std::string_view index = v_.text(inner.begin);
  const Var* counter = find(index);
  if (counter == nullptr || counter->kind != Kind::scalar) return;
  for (std::size_t k = cond.begin; k < cond.end; ++k)
    if (k != inner.begin && v_.text(k) == index) return;
  const std::size_t base = open - 1;
  const std::string_view array = v_.text(base);
  const bool member = base > 1 && (v_.is(base - 1, ".") || v_.is(base - 1, "->")) && v_.is_identifier(base - 2);
  // The element itself is what is tested, against a character: `a[i] != 'Z'`,
  // `' ' == a[i]`, `isspace(a[i])`. A search for a count or a flag
  // (`bl_count[bits] == 0`, `wm[level].enable`) leans on an invariant of
  // the program, not on what a string holds.
  const bool negated = cond.begin < open - 1 && v_.is(cond.begin, "!");
  const Range tested = unwrap_condition(negated ? Range{cond.begin + 1, cond.end} : cond);
  const std::size_t read_begin = member ? base - 2 : base;
  const auto equality = [&](std::size_t k) { return v_.is(k, "==") || v_.is(k, "!="); };
  bool character_test = false;
  if (tested.begin == read_begin && close + 3 == tested.end && equality(close + 1))
    character_test = v_.kind(close + 2) == lex::TokenKind::character;  // a[i] != 'Z'
  else if (tested.end == close + 1 && tested.begin + 2 == read_begin && equality(tested.begin + 1))
    character_test = v_.kind(tested.begin) == lex::TokenKind::character;  // 'Z' != a[i]
  else if (tested.begin + 2 == read_begin && v_.is(tested.begin + 1, "(") && v_.match(tested.begin + 1) == close + 1 &&
           close + 2 == tested.end)
    character_test = is_character_class(v_.text(tested.begin));  // isspace(a[i])
  if (!character_test) return;
  // The array: one of the function's arrays, or a member.
  if (!member) {
    const Var* a = find(array);
    if (a == nullptr || a->kind != Kind::array) return;
  }
  // The index only goes down, and nothing in the body tests it or leaves.
  bool steps_down = false;
  const auto step_at = [&](std::size_t k, Range r) {
    // `i--`, `--i`, `i -= K`
    if (k + 1 < r.end && v_.is(k + 1, "--")) return true;
    if (k > r.begin && v_.is(k - 1, "--")) return true;
    return k + 2 < r.end && v_.is(k + 1, "-=") && v_.is_number(k + 2);
  };
  for (const Range r : {body, step}) {
    for (std::size_t k = r.begin; k < r.end; ++k) {
      if (leaves_loop(v_.text(k))) return;
      if (v_.text(k) != index || !v_.is_identifier(k)) continue;
      if (k > r.begin && (v_.is(k - 1, ".") || v_.is(k - 1, "->"))) continue;  // a member of that name
      if (step_at(k, r)) {
        steps_down = true;
        continue;
      }
      // Read as an index, `a[i]` or `a[i - 1]`, and nothing else.
      const bool indexes = k > r.begin && v_.is(k - 1, "[") &&
                           (v_.is(k + 1, "]") || (v_.is(k + 1, "-") && v_.is_number(k + 2) && v_.is(k + 3, "]")));
      if (!indexes) return;
    }
  }
  if (!steps_down) return;
  // What the loop looks for: a character, or the end of a run of one class.
  std::string when;
  if (v_.kind(tested.begin) == lex::TokenKind::character)
    when = fmt::format("'{}' holds no {} below where the search starts", array, v_.text(tested.begin));
  else if (close + 2 < tested.end && v_.kind(close + 2) == lex::TokenKind::character)
    when = fmt::format("'{}' holds no {} below where the search starts", array, v_.text(close + 2));
  else
    when = fmt::format("every character of '{}' below where the search starts {} {}()", array,
                       negated ? "fails" : "passes", v_.text(tested.begin));
  report(RuleId::before_start_of_buffer, Confidence::medium, open,
         fmt::format("'{}' goes down with nothing to stop it at 0: if {}, the loop reads before the start of '{}'",
                     index, when, array));
}

}  // namespace oxidize::hazards::flow
