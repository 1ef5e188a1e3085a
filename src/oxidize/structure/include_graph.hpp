#pragma once
// The include graph: every #include of every file resolved to a file of the
// tree, the way a compiler would find it, in this order (docs/structure.md):
//   1. "x.h" next to the including file;
//   2. the folders compile_commands.json gives that file (-iquote for "x.h",
//      then -I/-isystem/-idirafter), when the database names it;
//   3. guessed include roots: the tree's root, every folder named `include`,
//      and folders that build files name (-I, include_directories);
//   4. any file of the tree whose path ends with the include's path, when
//      exactly one does, or one shares the longest folder prefix with the
//      includer;
// otherwise an angled include is a system header (noted, not followed) and
// a quoted one is not found (generated, or outside the tree). Resolving
// looks only at the files whose name matches (an index by file name), so
// 60,000 files with 300 include roots cost no product of the two.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "oxidize/model/snapshot.hpp"
#include "oxidize/structure/compile_database.hpp"

namespace oxidize::structure {

enum class IncludeHow : std::uint8_t {
  relative,          // next to the includer
  compile_commands,  // a folder of the compilation database
  include_root,      // a guessed include root
  unique_suffix,     // the one file of the tree with that path ending
  ambiguous,         // several files fit equally well: no edge
  system,            // <x.h> not in the tree
  not_found,         // "x.h" not in the tree
  macro,             // #include MACRO: not followed
  count_,
};
std::string_view include_how_name(IncludeHow how);
inline constexpr std::uint32_t k_no_file = 0xffffffffU;

struct IncludeEdge {
  std::uint32_t from = 0;       // index into Snapshot::files
  std::uint32_t directive = 0;  // index into that file's structure.includes
  std::uint32_t to = k_no_file;
  IncludeHow how = IncludeHow::not_found;
};

struct IncludeGraph {
  std::vector<IncludeEdge> edges;                       // by includer, in file order
  std::vector<std::uint32_t> first_edge;                // per file: index of its first edge (size files+1)
  std::array<std::uint64_t, static_cast<std::size_t>(IncludeHow::count_)> counts{};
  std::vector<std::string> roots;                       // the guessed include roots used
  std::vector<std::string> warnings;

  // Edges of one file.
  std::span<const IncludeEdge> of(std::uint32_t file) const {
    return {edges.data() + first_edge[file], edges.data() + first_edge[file + 1]};
  }
  // Includes that resolved to a file of the tree (ambiguous ones are project
  // includes that did not).
  std::uint64_t resolved() const;
  std::uint64_t project() const;  // resolved + ambiguous + quoted not found
};

struct IncludeSettings {
  std::vector<std::string> extra_roots;  // from build files, relative to the root
  const CompileDatabase* database = nullptr;
};

// Guessed include roots: ".", every folder named `include` (and its `uapi`
// and `generated` subfolders that hold headers), plus `extra`.
std::vector<std::string> guess_include_roots(const model::Snapshot& snapshot, const std::vector<std::string>& extra);

IncludeGraph resolve_includes(const model::Snapshot& snapshot, const IncludeSettings& settings);

}  // namespace oxidize::structure
