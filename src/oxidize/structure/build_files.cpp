#include "oxidize/structure/build_files.hpp"

#include <array>

#include "oxidize/structure/build_file_text.hpp"

namespace oxidize::structure {

namespace {

constexpr std::array<std::string_view, 5> k_build_system_names = {"cmake", "meson", "autoconf", "make", "cargo"};
constexpr std::array<std::string_view, 12> k_mention_kind_names = {
    "cmake_find_package", "cmake_pkg_config",   "cmake_link",          "cmake_find_library",
    "cmake_check_library", "meson_dependency",  "meson_find_library",  "autoconf_pkg_config",
    "autoconf_check_lib",  "make_link",         "make_pkg_config",     "cargo_dependency"};
static_assert(k_mention_kind_names.size() == static_cast<std::size_t>(MentionKind::cargo_dependency) + 1);

}  // namespace

std::optional<BuildSystem> build_system_for(std::string_view path) {
  const auto slash = path.find_last_of("/\\");
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (name == "CMakeLists.txt" || (name.ends_with(".cmake") && name.size() > 6)) return BuildSystem::cmake;
  if (name == "meson.build") return BuildSystem::meson;
  if (name == "configure.ac" || name == "configure.in") return BuildSystem::autoconf;
  if (name == "Makefile" || name == "makefile" || name == "GNUmakefile" || name == "Makefile.am" ||
      (name.ends_with(".mk") && name.size() > 3) || (name.ends_with(".mak") && name.size() > 4))
    return BuildSystem::make;
  if (name == "Cargo.toml") return BuildSystem::cargo;
  return std::nullopt;
}

std::string_view build_system_name(BuildSystem b) { return k_build_system_names[static_cast<std::size_t>(b)]; }

std::string_view mention_kind_name(MentionKind k) { return k_mention_kind_names[static_cast<std::size_t>(k)]; }

BuildFileScan scan_build_file(std::string_view path, std::string_view text) {
  BuildFileScan out;
  const auto system = build_system_for(path);
  if (!system) return out;
  switch (*system) {
    case BuildSystem::cmake: detail::scan_cmake(path, text, out); break;
    case BuildSystem::meson: detail::scan_meson(path, text, out); break;
    case BuildSystem::autoconf: detail::scan_autoconf(path, text, out); break;
    case BuildSystem::make: detail::scan_make(path, text, out); break;
    case BuildSystem::cargo: detail::scan_cargo(path, text, out); break;
  }
  return out;
}

}  // namespace oxidize::structure
