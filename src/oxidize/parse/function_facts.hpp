#pragma once
// What the function parsers report for each function definition. Metric
// definitions (what counts as a decision, how nesting is measured) are in
// docs/functions.md; they follow pmccabe and lizard where those agree.
#include <cstdint>
#include <string>
#include <vector>

namespace oxidize::parse {

// What a function's signature says about it as an interface: the bits of
// FunctionFacts::traits (found by parse/signature.cpp, errno by the structure
// extractor). Of a C/C++ `static` function outside a class only the linkage
// is read (and errno).
enum SignatureTrait : std::uint16_t {
  k_internal_linkage = 1 << 0,  // C/C++ `static` outside a class; Rust: not `pub`
  k_inline = 1 << 1,
  k_variadic = 1 << 2,          // `...`
  k_pointer_param = 1 << 3,     // a raw pointer, array or C++ reference parameter
  k_callback_param = 1 << 4,    // a function pointer parameter
  k_struct_by_value = 1 << 5,   // `struct s x`: a struct passed by value
  k_union_param = 1 << 6,       // a union passed or pointed to
  k_returns_pointer = 1 << 7,   // who owns what comes back?
  k_rust_export = 1 << 8,       // Rust: #[no_mangle] or #[export_name]
  k_rust_extern_abi = 1 << 9,   // Rust: extern "C" fn
  k_uses_errno = 1 << 10,       // reads or writes errno in its body
};

struct FunctionFacts {
  std::string name;              // qualified: ns::Class::method, Type::method (Rust impl)
  std::uint32_t start_line = 0;  // line of the function's name
  std::uint32_t end_line = 0;    // line of the closing brace
  std::uint32_t body_begin = 0;  // byte offsets of the body's `{` and `}`: where
  std::uint32_t body_end = 0;    // the hazard analysis finds the body's tokens
  std::uint32_t nloc = 0;        // lines from name to closing brace holding code
  std::uint32_t ccn = 1;         // McCabe: 1 + decisions
  std::uint32_t ccn_modified = 1;  // a whole switch/match counts once
  std::uint32_t params = 0;
  std::uint32_t max_nesting = 0;  // deepest block nesting inside the body
  std::uint32_t tokens = 0;       // tokens from name to closing brace
  bool is_unsafe = false;         // Rust: `unsafe fn`
  std::uint32_t unsafe_blocks = 0;  // Rust: `unsafe { ... }` blocks inside
  // Where the declaration begins (its first token: `static`, a return type,
  // an attribute): the signature is the bytes up to body_begin.
  std::uint32_t signature_begin = 0;
  // What the signature says about the function as an interface
  // (parse/signature.hpp): bits of SignatureTrait.
  std::uint16_t traits = 0;
  // The signature as one line (comments dropped, spaces collapsed), kept for
  // functions that can be called from another file only: what `oxidize ffi`
  // turns into Rust declarations. Empty for static functions.
  std::string signature;

  bool has(std::uint16_t trait) const { return (traits & trait) != 0; }
};

// A structural problem found while parsing (unbalanced braces, too deep),
// reported as one warning naming the line; the rest of the file is still analysed.
struct ParseIssue {
  std::uint32_t line = 0;
  std::string message;
};

struct FunctionResult {
  std::vector<FunctionFacts> functions;
  std::vector<ParseIssue> issues;
};

}  // namespace oxidize::parse
