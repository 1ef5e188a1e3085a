#pragma once
// Rust's unsafe inventory per file and per crate, as cargo-geiger reports
// it: unsafe functions, blocks ("expressions"), impls and traits, plus the
// operations that need them (static mut, raw dereference, transmute) and
// extern blocks. A crate is the nearest directory above a file holding a
// Cargo.toml; files outside any crate are grouped as "(no Cargo.toml)".
// Counts every non-suppressed OXI-R finding, whatever --min-confidence says:
// an inventory, not a list of defects.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "oxidize/model/scope.hpp"
#include "oxidize/model/snapshot.hpp"

namespace oxidize::model {

// Indexed by the OXI-R rule's position (R0001 first).
inline constexpr std::size_t k_rust_rule_count = 8;

struct UnsafeCounts {
  std::uint64_t files = 0;              // Rust files
  std::uint64_t files_with_unsafe = 0;  // ... with at least one unsafe item
  std::array<std::uint64_t, k_rust_rule_count> by_rule{};
  std::uint64_t total() const;
};

struct CrateUnsafe {
  std::string crate;  // directory of its Cargo.toml, relative like the paths ("." for a root)
  UnsafeCounts counts;
};

struct FileUnsafe {
  const FileRecord* file;
  UnsafeCounts counts;
};

struct RustUnsafeSummary {
  std::vector<CrateUnsafe> crates;  // sorted by crate
  std::vector<FileUnsafe> files;    // files with unsafe items, sorted by path
  UnsafeCounts total;
};

inline constexpr const char* k_no_crate = "(no Cargo.toml)";

RustUnsafeSummary summarize_rust_unsafe(const Snapshot& scan, Scope scope);

}  // namespace oxidize::model
