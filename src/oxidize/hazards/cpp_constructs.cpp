// C++ constructs that step outside the type and lifetime system: raw owning
// new, manual delete, reinterpret_cast, const_cast and C-style pointer casts.
// Token patterns; the refinements that keep them quiet on safe uses are in
// docs/rules.md. All are inventory (rules.hpp, is_inventory): reported at
// low confidence and counted by `scan`, never default findings.
#include <fmt/format.h>

#include "oxidize/hazards/raw_finding.hpp"

namespace oxidize::hazards {

namespace {

// `new` handed straight to an owner (unique_ptr<T>(new T), p.reset(new T)) is
// owned from birth; placement new does not allocate.
bool owned_at_birth(const TokenView& v, std::size_t i) {
  if (i < 2 || !v.is(i - 1, "(")) return false;
  const std::string_view before = v.text(i - 2);
  return before == "reset" || before == ">" || before == "unique_ptr" || before == "shared_ptr" ||
         before == "make_unique" || before == "emplace_back" || before == "push_back";
}

bool is_type_word(const TokenView& v, std::size_t i) {
  if (!v.is_identifier(i)) return v.is(i, "::") || v.is(i, "*");
  const std::string_view t = v.text(i);
  return t != "return" && t != "sizeof" && t != "case" && t != "delete" && t != "new";
}

}  // namespace

void find_cpp_hazards(const TokenView& v, RawFindings& out) {
  const std::size_t n = v.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (v.is_identifier(i)) {
      const std::string_view t = v.text(i);
      if (t == "new") {
        if (v.is(i + 1, "(")) continue;  // placement new
        if (i > 0 && (v.is(i - 1, "operator") || v.is(i - 1, "::"))) continue;
        if (owned_at_birth(v, i)) continue;
        out.push_back({RuleId::cpp_raw_new, Confidence::low, i, "raw owning new: the pointer must be deleted by hand"});
      } else if (t == "delete") {
        if (i > 0 && (v.is(i - 1, "=") || v.is(i - 1, "operator"))) continue;  // = delete; operator delete
        out.push_back({RuleId::cpp_raw_delete, Confidence::low, i, "manual delete"});
      } else if (t == "reinterpret_cast") {
        // To a character type (char, unsigned char, std::byte, uint8_t, a
        // typedef of them): the sanctioned way to look at bytes, which may
        // alias anything and needs no alignment; said so in the message.
        bool bytes = false;
        if (v.is(i + 1, "<")) {
          for (std::size_t k = i + 2; k < n && k < i + 12 && !v.is(k, ">"); ++k) {
            const std::string_view w = v.text(k);
            bytes = bytes || w == "char" || w == "byte" || w == "uint8_t" || w == "u8" || w == "xmlChar" ||
                    w == "UChar" || w == "BYTE";
          }
        }
        out.push_back({RuleId::cpp_reinterpret_cast, Confidence::low, i,
                       bytes ? "reinterpret_cast to a byte pointer" : "reinterpret_cast reinterprets memory as another type"});
      } else if (t == "const_cast") {
        out.push_back({RuleId::cpp_const_cast, Confidence::low, i, "const_cast removes const"});
      }
      continue;
    }
    // ( type-words * ) operand: a C-style cast to a pointer type.
    if (!v.is(i, "(")) continue;
    const std::size_t close = v.match(i);
    if (close == TokenView::npos || close < i + 3 || !v.is(close - 1, "*")) continue;
    if (i > 0 && (v.is_identifier(i - 1) && v.text(i - 1) != "return")) continue;  // a call or a declarator
    if (i > 0 && (v.is(i - 1, ")") || v.is(i - 1, "]") || v.is(i - 1, ">"))) continue;
    bool type = v.is_identifier(i + 1);
    for (std::size_t k = i + 1; k < close && type; ++k) type = is_type_word(v, k);
    if (!type) continue;
    const std::size_t next = close + 1;
    if (next >= n || !(v.is_identifier(next) || v.is(next, "(") || v.is(next, "&") || v.is(next, "*"))) continue;
    out.push_back({RuleId::cpp_c_style_pointer_cast, Confidence::low, i,
                   fmt::format("C-style cast to '{}'", std::string(v.source().substr(v.begin(i + 1),
                                                                                    v.end(close - 1) - v.begin(i + 1))))});
  }
}

}  // namespace oxidize::hazards
