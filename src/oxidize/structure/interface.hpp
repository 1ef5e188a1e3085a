#pragma once
// The interface surface of each component: what the rest of the tree uses
// of it, and so what a port must keep callable from C (docs/structure.md,
// "Interface surface and FFI difficulty"):
//   - interface functions: defined in the component, called from another
//     component through a resolved call, with the calls and the callers;
//   - static functions of its headers that other components call: no symbol
//     to link against, so a Rust port needs a C shim or a rewrite;
//   - exported headers: its headers other components #include;
//   - the traits of the interface functions' signatures (pointers,
//     callbacks, variadics, structs by value, returned pointers, errno);
//   - the records those signatures name (`struct x`, `union y`, or a record's
//     own name), with the union and bitfield marks of their definition;
//   - shared globals: extern data declared in its headers that other
//     components include;
//   - for Rust, its #[no_mangle] / extern "C" functions and the C functions
//     its extern blocks import.
// A pure function of the snapshot and the graphs: no I/O.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "oxidize/model/snapshot.hpp"
#include "oxidize/structure/call_graph.hpp"
#include "oxidize/structure/components.hpp"
#include "oxidize/structure/ffi_difficulty.hpp"
#include "oxidize/structure/include_graph.hpp"

namespace oxidize::structure {

struct InterfaceFunction {
  std::uint32_t id = 0;                // CallGraph function id
  std::uint64_t calls = 0;             // resolved calls from other components
  std::vector<std::uint32_t> callers;  // the calling components, ascending
};

struct ExportedHeader {
  std::uint32_t file = 0;        // index into Snapshot::files
  std::uint64_t includes = 0;    // #includes of it from other components
  std::uint32_t components = 0;  // how many other components include it
};

struct CrossingRecord {
  std::string name;
  bool is_union = false;
  bool has_bitfields = false;
  std::uint32_t file = k_no_file;  // the definition read (k_no_file: none in the tree)
  std::uint32_t line = 0;
  std::uint32_t functions = 0;  // interface functions whose signature names it
};

struct SharedGlobal {
  std::uint32_t file = 0;         // the header that declares it
  std::uint32_t declaration = 0;  // index into that file's structure.globals
};

struct ImportedFunction {
  std::uint32_t file = 0;
  std::uint32_t declaration = 0;  // index into that file's structure.imports
};

struct ComponentInterface {
  std::uint32_t component = 0;                // index into Components::list
  std::vector<InterfaceFunction> functions;   // most called first, then in file order
  std::vector<InterfaceFunction> header_statics;  // static (inline) functions of its headers others call
  std::uint64_t calls_in = 0;                 // calls into the functions above
  std::vector<ExportedHeader> headers;        // most included first, then by path
  InterfaceTraits traits;
  std::vector<CrossingRecord> records;        // by name
  std::vector<SharedGlobal> globals;          // in file order
  std::vector<std::uint32_t> rust_exports;    // function ids: #[no_mangle], #[export_name], extern "C" fn
  std::vector<ImportedFunction> rust_imports;  // extern "C" { fn ... } of its Rust files
  // Interface functions defined in C or C++ files (those the traits count).
  std::uint32_t c_functions = 0;
  FfiSurface surface;  // the counts the difficulty is computed from
  FfiDifficulty difficulty;
};

// One entry per component, in Components::list order.
std::vector<ComponentInterface> describe_interfaces(const model::Snapshot& snapshot, const Components& components,
                                                    const IncludeGraph& includes, const CallGraph& calls);

// The record names a C signature mentions: the tag after `struct`, `union`
// or `class`, and any other identifier in `record_names` (a C++ class, a
// record typedef'd to its own name), except the function's own name. Each
// once, in order met.
struct NamedRecord {
  std::string name;
  bool is_union = false;  // spelled `union name`
};
std::vector<NamedRecord> records_named(std::string_view signature, std::string_view function_name,
                                       const std::unordered_set<std::string_view>& record_names);

}  // namespace oxidize::structure
