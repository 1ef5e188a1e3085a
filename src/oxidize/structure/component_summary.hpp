#pragma once
// What `oxidize components` shows of each component: its size per language,
// functions and complexity, hazards, unsafe Rust share, and how tied it is
// to the rest of the tree (calls and includes that cross its boundary).
#include <cstdint>
#include <utility>
#include <vector>

#include "oxidize/model/aggregate.hpp"
#include "oxidize/structure/call_graph.hpp"
#include "oxidize/structure/components.hpp"
#include "oxidize/structure/include_graph.hpp"
#include "oxidize/structure/interface.hpp"

namespace oxidize::structure {

struct ComponentSummary {
  std::uint32_t component = 0;  // index into Components::list
  model::Totals totals;         // files, lines, functions, complexity, hazards
  std::vector<std::pair<discover::Language, std::uint64_t>> code_by_language;  // largest first
  std::uint64_t rust_functions = 0;
  std::uint64_t rust_unsafe_functions = 0;  // `unsafe fn`, or holding an unsafe block
  std::uint64_t calls_in = 0;     // resolved calls from other components into this one
  std::uint64_t calls_out = 0;    // ... from this one into others
  std::uint64_t includes_in = 0;  // #includes of its files from other components
  // From its interface (add_interfaces): the functions other components
  // call, and the FFI difficulty of keeping them callable from C.
  std::uint64_t interface_functions = 0;  // C, C++ and Rust
  std::uint64_t exported_headers = 0;
  std::uint64_t crossing_records = 0;
  FfiSurface interface;
  FfiDifficulty ffi;

  // Unsafe Rust share: of the Rust functions, those that are or hold unsafe
  // code; 0 without Rust.
  double unsafe_rust_share() const {
    return rust_functions == 0 ? 0.0 : static_cast<double>(rust_unsafe_functions) / static_cast<double>(rust_functions);
  }
};

std::vector<ComponentSummary> summarize_components(const model::Snapshot& snapshot, const Components& components,
                                                   const IncludeGraph& includes, const CallGraph& calls,
                                                   std::uint32_t ccn_threshold = 15);

// Copies each component's interface figures into its row (`interfaces` in
// Components::list order, as describe_interfaces returns them).
void add_interfaces(std::vector<ComponentSummary>& rows, const std::vector<ComponentInterface>& interfaces);

}  // namespace oxidize::structure
