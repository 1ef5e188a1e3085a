// Rust's unsafe inventory, counted as cargo-geiger counts it: unsafe blocks,
// functions, impls and traits, plus the operations that need them (static
// mut, raw pointer dereference, transmute) and extern blocks (the FFI
// boundary).
#include <fmt/format.h>

#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "oxidize/hazards/raw_finding.hpp"

namespace oxidize::hazards {

namespace {

// Keywords after which a `*` is unary (`if *p == 0`, `return *p`).
bool keyword_before_operand(std::string_view t) {
  return t == "if" || t == "return" || t == "match" || t == "while" || t == "in" || t == "else" || t == "break" ||
         t == "let" || t == "mut" || t == "move" || t == "yield";
}

// Names declared as raw pointers: `p: *const T`, `let p = x as *mut T`,
// `let p = v.as_ptr()`, and names given another raw pointer or an offset of
// one (`let end = start.add(n)`, `let mut q = p`). A `*p` on them in an
// unsafe context is a raw dereference.
std::unordered_set<std::string_view> raw_pointer_names(const TokenView& v) {
  const std::size_t n = v.size();
  std::unordered_set<std::string_view> raw;
  std::vector<std::pair<std::size_t, std::size_t>> lets;  // (name, first token of the initialiser)
  for (std::size_t i = 0; i + 3 < n; ++i) {
    if (v.is_identifier(i) && v.is(i + 1, ":") && v.is(i + 2, "*") && (v.is(i + 3, "const") || v.is(i + 3, "mut")))
      raw.insert(v.text(i));
    if (!v.is(i, "let") || !v.is_identifier(i + 1)) continue;
    std::size_t name = i + 1;
    if (v.is(name, "mut")) ++name;
    if (!v.is_identifier(name)) continue;
    std::size_t k = name + 1;
    if (v.is(k, ":")) {  // a type: skip to the initialiser
      while (k < n && k < name + 64 && !v.is(k, "=") && !v.is(k, ";")) ++k;
    }
    if (!v.is(k, "=")) continue;
    lets.emplace_back(name, k + 1);
    for (std::size_t t = k + 1; t + 2 < n && t < k + 64 && !v.is(t, ";"); ++t) {
      const bool cast = v.is(t, "as") && v.is(t + 1, "*") && (v.is(t + 2, "const") || v.is(t + 2, "mut"));
      const bool method = v.is(t, ".") && (v.is(t + 1, "as_ptr") || v.is(t + 1, "as_mut_ptr"));
      const bool null = v.is(t, "::") && (v.is(t + 1, "null") || v.is(t + 1, "null_mut"));
      if (cast || method || null) {
        raw.insert(v.text(name));
        break;
      }
    }
  }
  // Copies and offsets of raw pointers are raw pointers; a few rounds reach
  // chains (`let p = start; let q = p.add(1);`).
  for (int round = 0; round < 4; ++round) {
    const std::size_t before = raw.size();
    for (const auto& [name, init] : lets) {
      if (raw.count(v.text(name)) != 0 || !v.is_identifier(init) || raw.count(v.text(init)) == 0) continue;
      const bool copy = v.is(init + 1, ";");
      const bool offset = v.is(init + 1, ".") &&
                          (v.is(init + 2, "add") || v.is(init + 2, "sub") || v.is(init + 2, "offset") ||
                           v.is(init + 2, "wrapping_add") || v.is(init + 2, "wrapping_sub") || v.is(init + 2, "cast"));
      if (copy || offset) raw.insert(v.text(name));
    }
    if (raw.size() == before) break;
  }
  return raw;
}

}  // namespace

void find_rust_hazards(const TokenView& v, RawFindings& out) {
  const std::size_t n = v.size();
  const std::unordered_set<std::string_view> raw = raw_pointer_names(v);
  std::size_t unsafe_depth_end = 0;  // the end of the unsafe block we are in
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view t = v.text(i);
    if (v.is_identifier(i)) {
      if (t == "unsafe") {
        const std::string_view next = v.text(i + 1);
        if (next == "{") {
          out.push_back({RuleId::rust_unsafe_block, Confidence::high, i, "unsafe block"});
          const std::size_t close = v.match(i + 1);
          if (close != TokenView::npos && close > unsafe_depth_end) unsafe_depth_end = close;
        } else if (next == "impl") {
          out.push_back({RuleId::rust_unsafe_impl, Confidence::high, i, "unsafe impl"});
        } else if (next == "trait" || (next == "auto" && v.is(i + 2, "trait"))) {
          out.push_back({RuleId::rust_unsafe_trait, Confidence::high, i, "unsafe trait"});
        } else if (v.is(i + 1, "extern") && (v.is(i + 2, "{") || (v.is_string(i + 2) && v.is(i + 3, "{")))) {
          // Rust 2024 writes extern blocks `unsafe extern "C" { ... }`.
          out.push_back({RuleId::rust_extern_block, Confidence::high, i, "extern block: foreign functions"});
        } else {
          // unsafe fn, unsafe extern "C" fn, pub unsafe fn
          std::size_t k = i + 1;
          if (v.is(k, "extern")) k += v.is_string(k + 1) ? 2 : 1;
          if (v.is(k, "fn")) {
            out.push_back({RuleId::rust_unsafe_fn, Confidence::high, i,
                           fmt::format("unsafe fn {}", std::string(v.text(k + 1)))});
            // Its body is an unsafe context too (raw dereferences need no block there).
            std::size_t body = k + 2;
            while (body < n && !v.is(body, "{") && !v.is(body, ";")) ++body;
            const std::size_t close = body < n && v.is(body, "{") ? v.match(body) : TokenView::npos;
            if (close != TokenView::npos && close > unsafe_depth_end) unsafe_depth_end = close;
          }
        }
      } else if (t == "static" && v.is(i + 1, "mut")) {
        out.push_back({RuleId::rust_static_mut, Confidence::high, i,
                       fmt::format("static mut {}", std::string(v.text(i + 2)))});
      } else if (t == "transmute" && (v.is(i + 1, "(") || v.is(i + 1, "::")) && !(i > 0 && v.is(i - 1, "use"))) {
        out.push_back({RuleId::rust_transmute, Confidence::high, i, "mem::transmute"});
      } else if (t == "extern" && !(i > 0 && v.is(i - 1, "unsafe"))) {
        std::size_t k = i + 1;
        if (v.is_string(k)) ++k;
        if (v.is(k, "{"))
          out.push_back({RuleId::rust_extern_block, Confidence::high, i, "extern block: foreign functions"});
      }
      continue;
    }
    // *p inside an unsafe block where p is a raw pointer.
    if (i < unsafe_depth_end && t == "*" && v.is_identifier(i + 1) && raw.count(v.text(i + 1)) != 0) {
      const bool unary = i == 0 || (v.is_identifier(i - 1) && keyword_before_operand(v.text(i - 1))) ||
                         !(v.is_identifier(i - 1) || v.is_number(i - 1) || v.is(i - 1, ")") || v.is(i - 1, "]"));
      if (unary)
        out.push_back({RuleId::rust_raw_pointer_deref, Confidence::medium, i,
                       fmt::format("dereference of raw pointer '{}'", std::string(v.text(i + 1)))});
    }
  }
}

}  // namespace oxidize::hazards
