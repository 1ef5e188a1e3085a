# Every dependency is a Debian 12 package (scripts/install-deps.sh installs
# them); nothing is downloaded at configure or build time.
find_package(Threads REQUIRED)
find_package(CLI11 REQUIRED)
find_package(fmt REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(tl-expected REQUIRED)
# toml++ (oxidize.toml): Debian ships it as a shared library with a CMake
# package (tomlplusplus::tomlplusplus, which also sets TOML_SHARED_LIB).
find_package(tomlplusplus 3 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBGIT2 REQUIRED IMPORTED_TARGET libgit2)
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
# The snapshot store (store/): SQLite's C API, Debian's libsqlite3-dev.
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
# Commit-message patterns of the history facts (history/message_patterns):
# PCRE2 with its JIT, Debian's libpcre2-dev.
pkg_check_modules(PCRE2 REQUIRED IMPORTED_TARGET libpcre2-8)
if(OXIDIZE_TESTS)
  find_package(GTest REQUIRED)
endif()
