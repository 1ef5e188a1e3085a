#pragma once
// The include folders build files name: `-I` flags (Makefiles, autoconf's
// CPPFLAGS, meson's c_args), CMake's include_directories() and
// target_include_directories(), meson's include_directories(). Only literal
// folders resolve; `$(srcdir)`, `${CMAKE_CURRENT_SOURCE_DIR}` and
// `@top_srcdir@` stand for the build file's own folder or the root, and any
// other variable makes the folder unknown (skipped).
#include <string>
#include <string_view>
#include <vector>

namespace oxidize::structure {

struct BuildFile {
  std::string path;  // relative to the root
  std::string text;
};
using BuildFiles = std::vector<BuildFile>;

// Is this file name one of the build files read (CMakeLists.txt, *.cmake,
// meson.build, configure.ac, configure.in, Makefile, Makefile.am, GNUmakefile,
// *.mk, Kbuild, Cargo.toml)?
bool is_build_file_name(std::string_view name);

// Folders relative to the root, normalised, each once, in order met.
std::vector<std::string> include_roots_from_build_files(const BuildFiles& files);

}  // namespace oxidize::structure
