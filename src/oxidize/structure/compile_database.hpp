#pragma once
// compile_commands.json (the JSON compilation database of CMake, Bear,
// Meson...): the include folders each file is compiled with, so that its
// includes resolve exactly as the compiler resolves them. Folders are made
// relative to the scanned root; those outside it (system folders) are kept
// apart only as "system". A malformed database, or entries naming files not
// in the tree, are warnings: the include graph falls back to its guesses.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace oxidize::structure {

struct IncludeFolders {
  std::vector<std::string> quote;   // -iquote: for "..." only
  std::vector<std::string> search;  // -I, -isystem, -idirafter: for both forms, in order
};

struct CompileDatabase {
  // Keyed by the file's path relative to the root.
  std::unordered_map<std::string, IncludeFolders> files;
  std::vector<std::string> warnings;
  bool present = false;
};

// Parses the database text; `root` is the scanned root's absolute path,
// `database_folder` the folder the file was found in (for relative
// "directory" entries).
CompileDatabase parse_compile_database(std::string_view json, std::string_view root);

// Splits a shell command line as the database's "command" field spells it:
// spaces separate, quotes and backslashes group.
std::vector<std::string> split_command(std::string_view command);

// "a/./b/../c" -> "a/c"; an absolute path stays absolute; ".." above the
// start is kept ("../x").
std::string normalize_path(std::string_view path);

}  // namespace oxidize::structure
