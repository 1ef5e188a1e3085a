#pragma once
// `oxidize ffi COMPONENT`: the Rust side of a C component's boundary, the
// way a porting team starts one. extern "C" declarations for the functions
// other components call, #[repr(C)] mirrors of the records they pass (when
// the headers spell the fields out; opaque structs otherwise), the globals
// they share; every item with a `///` comment on what makes it hard
// (returned pointers' ownership, callbacks, variadics, errno, unions,
// bitfields). What cannot be declared is listed with the reason. The output
// compiles with rustc (edition 2021, Rust 1.63 and later).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "oxidize/model/snapshot.hpp"
#include "oxidize/structure/c_header_types.hpp"
#include "oxidize/structure/components.hpp"
#include "oxidize/structure/interface.hpp"

namespace oxidize::structure {

struct BindingFunction {
  std::string name;
  std::string signature;  // FunctionFacts::signature
  std::string file;
  std::uint32_t line = 0;
  std::uint16_t traits = 0;  // SignatureTrait bits
  std::uint64_t calls = 0;
  std::vector<std::string> callers;  // component names
  bool cpp = false;                  // defined in a C++ file
};

struct BindingGlobal {
  std::string name;
  std::string file;
  std::uint32_t line = 0;
};

struct BindingInput {
  std::string component;
  std::string source;  // what was scanned, for the header comment
  std::vector<BindingFunction> functions;       // most called first
  std::vector<BindingFunction> header_statics;  // no symbol: listed, not declared
  std::vector<BindingGlobal> globals;
  std::vector<std::string> rust_exports;  // for a Rust component: its side of the boundary
  std::vector<std::string> rust_imports;
};

// The input for one component, from its interface (structure/interface).
BindingInput binding_input(const model::Snapshot& snapshot, const Components& components, const CallGraph& calls,
                           const ComponentInterface& interface);

struct Bindings {
  std::string text;  // the Rust source
  std::size_t functions_declared = 0;
  std::size_t not_declared = 0;  // functions and globals left out, each with its reason in the text
  std::size_t records = 0;       // mirrored field for field
  std::size_t opaque = 0;        // opaque structs
  std::size_t globals = 0;
};

// `headers_read` is how many headers `headers` came from, `headers_note`
// why none were read (empty when they were).
Bindings rust_bindings(const BindingInput& input, const CHeaderTypes& headers, std::size_t headers_read,
                       std::string_view headers_note);

}  // namespace oxidize::structure
