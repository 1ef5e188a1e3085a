#pragma once
// What the structure commands (components, graph, ffi, deps) share: the scan
// with the structure extractor on, then the tree's components, include graph
// and call graph, built from the snapshot and from the few files of the tree
// that are not source (oxidize.toml, Cargo.toml, compile_commands.json,
// build files), read here so that structure/ stays free of I/O.
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <tl/expected.hpp>

#include "oxidize/cli/scan_flags.hpp"
#include "oxidize/pipeline/scan.hpp"
#include "oxidize/structure/build_include_roots.hpp"
#include "oxidize/structure/call_graph.hpp"
#include "oxidize/structure/compile_database.hpp"
#include "oxidize/structure/components.hpp"
#include "oxidize/structure/include_graph.hpp"

namespace oxidize::cli {

struct StructureFlags {
  ScanFlags scan;
  std::string compile_commands;  // --compile-commands FILE ("" = look in the root and build/)
  // Read the git history too (hotspots): with the message patterns of
  // oxidize.toml, up to the commit scanned, kept in the snapshot.
  bool history = false;
};

void add_structure_flags(CLI::App& cmd, StructureFlags& flags);

struct StructureRun {
  config::ProjectConfig project;  // oxidize.toml as read (or empty)
  pipeline::ScanResult scan;
  structure::BuildFiles build_files;  // the tree's build files, read from disk
  structure::CompileDatabase database;
  structure::Components components;
  structure::IncludeGraph includes;
  structure::CallGraph calls;
  unsigned threads = 1;
};

// Scans (functions, hazards and structure), then builds the components and
// both graphs. Problems with build files or the database are warnings on
// stderr; an error is one line for the user.
tl::expected<std::unique_ptr<StructureRun>, std::string> run_structure(const StructureFlags& flags);

}  // namespace oxidize::cli
