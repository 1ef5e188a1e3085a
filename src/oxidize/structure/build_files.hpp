#pragma once
// The libraries a tree's build files name: CMake, meson, autoconf, Makefiles
// and Cargo manifests, read as text (nothing is configured or run). Each
// mention keeps where it was written and the name as written, so a person
// can check it; matching names to libraries is external_deps' job. A build
// file that does not parse costs a warning and the mentions found before the
// damage, never a crash. docs/dependencies.md lists what each reader
// understands and what it misses.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oxidize::structure {

enum class BuildSystem : std::uint8_t { cmake, meson, autoconf, make, cargo };

// By file name: CMakeLists.txt and *.cmake; meson.build; configure.ac and
// configure.in; Makefile, makefile, GNUmakefile, Makefile.am, *.mk, *.mak;
// Cargo.toml. Nothing else is a build file here.
std::optional<BuildSystem> build_system_for(std::string_view path);
std::string_view build_system_name(BuildSystem b);

enum class MentionKind : std::uint8_t {
  cmake_find_package,    // find_package(ZLIB ...)
  cmake_pkg_config,      // pkg_check_modules(P zlib) / pkg_search_module
  cmake_link,            // target_link_libraries(t z OpenSSL::SSL) / link_libraries
  cmake_find_library,    // find_library(VAR NAMES z)
  cmake_check_library,   // check_library_exists(z inflate "" HAVE_Z)
  meson_dependency,      // dependency('zlib')
  meson_find_library,    // cc.find_library('m')
  autoconf_pkg_config,   // PKG_CHECK_MODULES([X], [libxml-2.0 >= 2.9]) / PKG_CHECK_EXISTS
  autoconf_check_lib,    // AC_CHECK_LIB([z], ...) / AC_SEARCH_LIBS([f], [a b])
  make_link,             // -lfoo in a LIBS/LDLIBS/LDFLAGS/LDADD/LIBADD line or a compiler command
  make_pkg_config,       // pkg-config --libs foo
  cargo_dependency,      // a crate in [dependencies], [dev-dependencies], ...
};

std::string_view mention_kind_name(MentionKind k);  // "cmake_find_package", ...

struct BuildMention {
  std::string file;        // the build file's path, as given
  std::uint32_t line = 0;  // 1-based
  std::string name;        // as written, minus version constraints ("libxml-2.0", "OpenSSL::SSL", "z")
  MentionKind kind = MentionKind::cmake_find_package;
  // Where it sits: the target of a target_link_libraries, the variable of a
  // Makefile line, the Cargo table ("dev-dependencies",
  // "target.cfg(unix).dependencies", "workspace.dependencies"). May be empty.
  std::string context;
  bool local = false;  // Cargo: a path dependency, a crate of the tree itself
};

struct BuildFileScan {
  std::vector<BuildMention> mentions;  // in file order
  std::vector<std::string> warnings;   // "PATH:LINE: what went wrong" (the text is the build file's, escape it)
};

// The mentions in one build file. `path` decides the reader (see
// build_system_for); a path that is no build file gives nothing. Pure: no
// I/O, the caller reads the file.
BuildFileScan scan_build_file(std::string_view path, std::string_view text);

}  // namespace oxidize::structure
