#pragma once
// The command-line front end: one function per command, each returning the
// process exit code (0 ok, 1 a gate failed, 2 usage or input error).
#include <CLI/CLI.hpp>

namespace oxidize::cli {

// Registers `oxidize scan` on the app; the returned callable runs it after parsing.
std::function<int()> add_scan_command(CLI::App& app);
// Registers `oxidize functions`.
std::function<int()> add_functions_command(CLI::App& app);
// Registers `oxidize hazards`.
std::function<int()> add_hazards_command(CLI::App& app);
// Registers `oxidize snapshots` (the store's list) and `oxidize diff` (two snapshots compared).
std::function<int()> add_snapshots_command(CLI::App& app);
std::function<int()> add_diff_command(CLI::App& app);
// Registers `oxidize history`: the migration timeline and its projection, or
// with --by file|function the history facts of each file or function
// (cli/history_facts).
std::function<int()> add_history_command(CLI::App& app);
// Registers `oxidize components` (cli/structure_scan runs the structure pass).
std::function<int()> add_components_command(CLI::App& app);
// Registers `oxidize deps`: external libraries and their replacements.
std::function<int()> add_deps_command(CLI::App& app);
// Registers `oxidize graph`: the include, call or component graph (DOT, JSON).
std::function<int()> add_graph_command(CLI::App& app);
// Registers `oxidize hotspots`: risk per function, file and component (risk/).
std::function<int()> add_hotspots_command(CLI::App& app);
// Registers `oxidize plan`: the memory-safety roadmap (plan/).
std::function<int()> add_plan_command(CLI::App& app);
// Registers `oxidize ffi COMPONENT`: Rust declarations for a component's C interface.
std::function<int()> add_ffi_command(CLI::App& app);

}  // namespace oxidize::cli
