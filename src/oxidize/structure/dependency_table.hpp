#pragma once
// The table of external C libraries and their memory-safe replacements, as
// data: data/dependencies.toml, compiled into the binary (cmake/EmbedText.cmake)
// and parsed once on first use. docs/dependencies.md documents every field.
// The table answers one question for the detection: which library (or the
// system) does this header spelling, build name or crate belong to? Names
// are compared without regard to ASCII case, crates also with '-' and '_'
// taken as equal (as Cargo does).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <tl/expected.hpp>

namespace oxidize::structure {

// How ready a replacement is; what each value means is in docs/dependencies.md.
enum class Maturity : std::uint8_t { production, drop_in, usable, partial, binding, experimental };

std::string_view maturity_name(Maturity m);  // "production", "drop_in", ...
std::optional<Maturity> maturity_from_name(std::string_view name);

struct Replacement {
  std::string crate;
  Maturity maturity = Maturity::usable;
  std::string note;    // what it covers and what it does not
  std::string source;  // where the note's claims can be checked (http or https URL)
};

struct LibraryEntry {
  std::string id;    // stable, lower case: "zlib", "openssl"
  std::string name;  // for people: "OpenSSL"
  std::string homepage;
  std::vector<std::string> headers;          // exact spellings: "zlib.h"
  std::vector<std::string> header_prefixes;  // directories, ending in '/': "openssl/"
  std::vector<std::string> pkg_config;       // pkg-config modules: "libxml-2.0"
  std::vector<std::string> cmake;            // find_package names: "LibXml2"
  std::vector<std::string> meson;            // dependency() names meson knows besides pkg-config's
  std::vector<std::string> link;             // linker names: "z" for -lz
  std::vector<std::string> debian;           // Debian development packages
  std::vector<std::string> crates;           // Rust crates that bind the C library (C underneath)
  std::vector<Replacement> replacements;     // at least one
};

// Which column of the table a build-file name is looked up in.
enum class NameKind : std::uint8_t { pkg_config, cmake, meson, link, crate };

// What the table says a Rust crate is.
enum class CrateKind : std::uint8_t {
  rust,       // nothing known: ordinary Rust
  c_binding,  // binds a C library ("-sys" crates, and the table's `crates`)
  c_build,    // builds or finds C code at build time (cc, cmake, bindgen, ...)
  os,         // binds the operating system's own interfaces (libc, windows-sys)
};

std::string_view crate_kind_name(CrateKind k);  // "rust", "c_binding", "c_build", "os"

class DependencyTable {
 public:
  // Parses the table's TOML; `source_name` names it in errors
  // ("dependencies.toml:12: ..."). Strict: an unknown key, a missing field,
  // a name claimed by two libraries or a malformed URL is an error, since the
  // table is our own data and a typo must not pass silently.
  static tl::expected<DependencyTable, std::string> parse(std::string_view text, std::string_view source_name);

  const std::vector<LibraryEntry>& libraries() const { return libraries_; }
  const std::string& reviewed() const { return reviewed_; }  // "YYYY-MM" the entries were last checked

  // The library an include spelling belongs to (exact header, else the
  // longest matching prefix), or null. Backslashes count as '/' and a
  // leading "./" is ignored.
  const LibraryEntry* library_for_header(std::string_view header) const;
  // C, C++, POSIX, compiler, Windows and Apple SDK headers.
  bool is_system_header(std::string_view header) const;

  // The library a build-file name belongs to, or null.
  const LibraryEntry* library_for_name(NameKind kind, std::string_view name) const;
  // Names provided by the toolchain or the OS (-lm, find_package(Threads)).
  bool is_system_name(NameKind kind, std::string_view name) const;
  // find_package names of programs, not libraries (Perl, Doxygen, PkgConfig).
  bool is_tool(std::string_view cmake_name) const;

  CrateKind crate_kind(std::string_view crate) const;
  // The libraries that list `crate` among their replacements.
  std::vector<const LibraryEntry*> libraries_replaced_by(std::string_view crate) const;

 private:
  using Index = std::unordered_map<std::string, std::size_t>;  // folded name -> library
  struct Prefix {
    std::string text;  // folded
    std::size_t library;
  };
  using NameSet = std::vector<std::string>;  // folded, sorted
  static bool contains(const NameSet& set, const std::string& folded);
  // Adds the entry's names to the indexes; an error names the duplicate.
  tl::expected<void, std::string> index_library(std::size_t i);

  std::vector<LibraryEntry> libraries_;
  std::string reviewed_;
  Index headers_;
  std::vector<Prefix> prefixes_;  // longest first
  Index names_[5];                // by NameKind
  NameSet system_headers_;
  std::vector<std::string> system_prefixes_;  // folded
  NameSet system_names_[5];                   // by NameKind
  NameSet tools_;
  NameSet os_crates_;
  NameSet build_crates_;
};

// The text of data/dependencies.toml as compiled into the binary.
std::string_view builtin_dependency_toml();

// The table compiled into the binary. Throws std::logic_error if the
// embedded data does not parse (a build defect the unit tests catch first).
const DependencyTable& builtin_dependency_table();

// A name folded for comparison: ASCII lower case; for crates '_' becomes '-'.
std::string fold_name(std::string_view name, NameKind kind);

}  // namespace oxidize::structure
