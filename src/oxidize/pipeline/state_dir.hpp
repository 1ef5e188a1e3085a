#pragma once
// Where oxidize keeps what it learns about a tree between runs (the snapshot
// store and the analysis cache): `.oxidize/` at the root of the scanned tree,
// which in a git work tree is the repository's root. The folder holds its own
// `.gitignore` (`*`), so it never shows in `git status`.
#include <string>
#include <vector>

#include <tl/expected.hpp>

namespace oxidize::pipeline {

inline constexpr const char* k_state_dir_name = ".oxidize";

// The `.oxidize` folder for these roots (it may not exist yet): under the
// work tree of the first root, else under the root (a file root: its
// folder; several roots: the working directory's).
std::string state_dir(const std::vector<std::string>& roots);

// Creates `dir` (and its parents) and, when missing, its `.gitignore`
// holding "*"; an existing .gitignore is left as the user wrote it.
tl::expected<void, std::string> prepare_state_dir(const std::string& dir);

}  // namespace oxidize::pipeline
