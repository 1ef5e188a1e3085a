#pragma once
// The external dependency plan's facts: which external libraries a tree
// uses, by what evidence, and what could replace each. A pure function of
// its inputs (no I/O): the includes that did not resolve to a file of the
// tree, the build files' mentions (build_files.hpp) and the table
// (dependency_table.hpp). What the table does not know is listed too, so
// the plan shows its own blind spots instead of hiding them.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "oxidize/model/snapshot.hpp"
#include "oxidize/structure/build_files.hpp"
#include "oxidize/structure/include_graph.hpp"
#include "oxidize/structure/dependency_table.hpp"

namespace oxidize::structure {

// One include spelling that no file of the tree satisfied, over all files.
struct UnresolvedInclude {
  std::string header;      // as written between <> or "": "openssl/ssl.h"
  bool angled = false;     // <...> rather than "..."
  std::uint32_t files = 0; // files that include it
  std::string example;     // one place it is included, "path:line"
};

struct HeaderUse {
  std::string header;
  std::uint32_t files = 0;
  std::string example;  // "path:line"
};

struct ExternalLibrary {
  LibraryEntry library;                // the table's entry (id, name, replacements, ...)
  std::vector<HeaderUse> headers;      // most included first
  std::vector<BuildMention> mentions;  // build files and Cargo crates naming it, in input order
  // Files that include its headers: at least the count of its most included
  // header, at most the sum over its headers (a file including two of them
  // is counted once per header; the include lists do not say which files).
  std::uint32_t files_min = 0;
  std::uint32_t files_max = 0;
};

// Angled includes the table does not know, by first path component
// ("foo/bar.h" in group "foo"; a header without a directory is its own group).
struct UnknownHeaderGroup {
  std::string group;
  std::vector<HeaderUse> headers;  // most included first
  std::uint32_t files_min = 0;
  std::uint32_t files_max = 0;
};

// A library name in the build files that the table does not know
// (find_package, pkg-config, meson dependency(), -l, AC_CHECK_LIB, ...).
// target_link_libraries items are not listed: most are the tree's own targets.
struct UnknownBuildName {
  std::string name;                    // as written (the first in sort order when spellings differ)
  std::vector<BuildMention> mentions;  // in input order
};

// A crate the tree's Cargo manifests depend on (path dependencies, the
// tree's own crates, are left out).
struct RustCrate {
  std::string name;  // as written (the first in sort order when spellings differ: libz-sys, libz_sys)
  CrateKind kind = CrateKind::rust;
  std::string library;                 // the C library underneath, when the table knows it ("openssl")
  std::vector<std::string> replaces;   // ids of libraries the table lists this crate as a replacement for
  std::vector<BuildMention> mentions;  // in input order
  bool c_underneath() const { return kind == CrateKind::c_binding || kind == CrateKind::c_build; }
};

struct ExternalDeps {
  std::vector<ExternalLibrary> libraries;      // most files first, then most mentions, then id
  std::vector<UnknownHeaderGroup> unknown_headers;  // most files first
  std::vector<UnknownBuildName> unknown_names;  // by name
  std::vector<RustCrate> crates;                // C bindings first, then C build helpers, OS bindings, Rust; by name
  std::uint32_t system_headers = 0;    // distinct spellings of C, C++, POSIX, compiler and SDK headers
  std::uint32_t system_names = 0;      // build-file mentions of toolchain or OS libraries (-lm, Threads)
  std::uint32_t tool_names = 0;        // find_package of programs (Perl, Doxygen)
  std::uint32_t unmatched_quoted = 0;  // "..." includes neither known nor system: the tree's own, generated or configured headers
  std::uint32_t includes_read = 0;     // the inputs, for the summary
  std::uint32_t mentions_read = 0;
  std::string table_reviewed;          // when the table's entries were last checked ("2026-12")
};

// The includes no file of the tree satisfied (system or not found), one
// entry per spelling and form, with the number of distinct files that
// include it: the first input of find_external_deps.
std::vector<UnresolvedInclude> unresolved_includes(const model::Snapshot& snapshot, const IncludeGraph& graph);

ExternalDeps find_external_deps(std::span<const UnresolvedInclude> includes, std::span<const BuildMention> mentions,
                                const DependencyTable& table = builtin_dependency_table());

}  // namespace oxidize::structure
