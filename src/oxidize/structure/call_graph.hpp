#pragma once
// The lexical call graph: each call site of each function resolved by name
// to a function defined in the tree, in this order (docs/structure.md):
//   1. a function of the same file (C++ and Rust: of the caller's own class
//      or impl first);
//   2. a static function of a header the file includes (directly or not);
//   3. the one function of that name with external linkage; when there are
//      several, the one the include graph makes visible (defined in an
//      included header, or in the .c of an included .h) or, failing that, in
//      the caller's folder;
// and otherwise: several candidates left is `ambiguous` (no edge), a
// function-like macro of the tree is `macro`, any other name `external` (the
// C library, a dependency). Calls through function pointers (`(*f)()`, and
// `a->f()` in C) are `indirect`: counted, never guessed.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "oxidize/model/snapshot.hpp"
#include "oxidize/structure/include_graph.hpp"

namespace oxidize::structure {

enum class CallHow : std::uint8_t {
  same_file,
  included,   // a static function of an included header
  unique,     // the one definition with external linkage
  narrowed,   // one of several, picked by the include graph or the folder
  ambiguous,  // several definitions, none preferred
  macro,      // a function-like macro of the tree
  external,   // defined outside the tree
  indirect,   // through a pointer
  count_,
};
std::string_view call_how_name(CallHow how);
inline constexpr std::uint32_t k_no_target = 0xffffffffU;

struct FunctionRef {
  std::uint32_t file = 0;      // index into Snapshot::files
  std::uint32_t function = 0;  // index into that file's functions
};

struct CallGraph {
  // Functions get ids in file order: file i's functions are
  // function_base[i] .. function_base[i+1]-1; calls likewise with call_base.
  std::vector<std::uint32_t> function_base;
  std::vector<std::uint32_t> call_base;
  std::vector<std::uint32_t> file_of;  // per function id: its file
  std::vector<std::uint32_t> target;  // per call: the callee's function id, or k_no_target
  std::vector<CallHow> how;           // per call
  std::array<std::uint64_t, static_cast<std::size_t>(CallHow::count_)> counts{};

  std::uint32_t function_count() const { return function_base.empty() ? 0 : function_base.back(); }
  std::uint32_t id_of(FunctionRef f) const { return function_base[f.file] + f.function; }
  FunctionRef function(std::uint32_t id) const;
  // Calls that found their callee in the tree.
  std::uint64_t resolved() const;
};

CallGraph resolve_calls(const model::Snapshot& snapshot, const IncludeGraph& includes);

}  // namespace oxidize::structure
