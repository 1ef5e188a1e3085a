#pragma once
// The FFI surface of a function: how much of it sits on a language boundary,
// where neither compiler checks what the other side assumes (who owns a
// pointer, how long a buffer is, whether a callback outlives the call).
// Counted from the signatures and call sites the lexer pass already has
// (docs/risk.md, "FFI surface"):
//   - a function called from another language: a Rust `extern "C" fn` or
//     `#[no_mangle]`/`#[export_name]` function (C calls it), a C/C++ function
//     with external linkage that a Rust `extern` block of the tree imports
//     (Rust calls it), a JNI entry point (`Java_...`, Java calls it). It
//     counts 1, plus 1 for each contract its signature leaves unchecked: a
//     raw pointer parameter, a callback, a union, a returned pointer, `...`;
//   - in Rust, each call of a function a Rust `extern` block of the tree
//     imports from C.
// Bindings a tool generates into a file the tree does not hold (bindgen's
// output in OUT_DIR, cxx bridges, Python's C API) are not seen.
#include <string_view>
#include <unordered_set>

#include "oxidize/discover/language.hpp"
#include "oxidize/model/snapshot.hpp"
#include "oxidize/parse/function_facts.hpp"

namespace oxidize::risk {

// The names of the functions the tree's Rust code imports from C.
class ForeignImports {
 public:
  explicit ForeignImports(const model::Snapshot& snapshot);
  // `name` as a call site writes it: a path (`ffi::png_read`) counts by its last segment.
  bool imported(std::string_view name) const;
  bool empty() const { return names_.empty(); }

 private:
  std::unordered_set<std::string_view> names_;  // views into the snapshot's facts
};

// The function's own part of the FFI surface (0: no boundary); calls into C
// are counted by the caller from the call sites (ForeignImports::imported).
double boundary_points(const parse::FunctionFacts& function, discover::Language language,
                       const ForeignImports& imports);

}  // namespace oxidize::risk
