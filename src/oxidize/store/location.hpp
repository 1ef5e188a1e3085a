#pragma once
// Where a tree's store lives by default: .oxidize/oxidize.db at the root of
// the scanned tree (the repository root in a git work tree: the caller
// decides which). The .oxidize folder carries its own .gitignore ("*"), so
// neither the database nor its WAL files ever show in `git status`, whatever
// the repository's own ignore rules say.
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace oxidize::store {

inline constexpr std::string_view k_store_dir = ".oxidize";
inline constexpr std::string_view k_store_file = "oxidize.db";

// ROOT/.oxidize/oxidize.db
std::string default_store_path(std::string_view root);

// Creates `dir` (and its parents) and, when missing, `dir/.gitignore`
// holding "*". An existing .gitignore is left as the user wrote it.
tl::expected<void, std::string> prepare_store_dir(const std::string& dir);

}  // namespace oxidize::store
