#include "oxidize/structure/build_files.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace oxidize::structure {
namespace {

// 1-based line of the first occurrence of `needle`, so expectations name the
// line they mean instead of a number to recount.
std::uint32_t line_of(std::string_view text, std::string_view needle) {
  const auto at = text.find(needle);
  EXPECT_NE(at, std::string_view::npos) << needle;
  std::uint32_t line = 1;
  for (std::size_t i = 0; i < at && i < text.size(); ++i) line += text[i] == '\n';
  return line;
}

// "name:line:kind[:context][:local]" for each mention, for whole-list comparisons.
std::vector<std::string> summary(const BuildFileScan& scan) {
  std::vector<std::string> out;
  for (const auto& m : scan.mentions) {
    std::string s = m.name + ":" + std::to_string(m.line) + ":" + std::string(mention_kind_name(m.kind));
    if (!m.context.empty()) s += ":" + m.context;
    if (m.local) s += ":local";
    out.push_back(s);
  }
  return out;
}

std::string at(std::string_view text, std::string_view needle) { return std::to_string(line_of(text, needle)); }

// In the style of curl's CMakeLists.txt.
constexpr std::string_view k_cmake = R"(cmake_minimum_required(VERSION 3.7...3.16 FATAL_ERROR)
option(CURL_USE_OPENSSL "Use OpenSSL code. Experimental" ${_openssl_default})
if(CURL_USE_OPENSSL)
  find_package(OpenSSL REQUIRED)
  list(APPEND CURL_LIBS OpenSSL::SSL OpenSSL::Crypto)
endif()
find_package(ZLIB)
if(CURL_BROTLI)
  FIND_PACKAGE(Brotli REQUIRED)   # upper case: CMake commands ignore case
endif()
find_package(PkgConfig QUIET)
pkg_check_modules(LIBSSH2 libssh2>=1.2.8)
pkg_search_module(PC_NGHTTP2 REQUIRED "libnghttp2 >= 1.12" libngtcp2 >= 0.9)
check_library_exists("socket" "connect" "" HAVE_LIBSOCKET)
find_library(ZSTD_LIBRARY NAMES zstd zstd_static HINTS ${PC_ZSTD_LIBRARY_DIRS})
find_library(IDN2_LIBRARY idn2)
#[[ find_package(Commented)
    over two lines ]]
# find_package(AlsoCommented)
message(STATUS "find_package(NotACall) in a string")
set(x [=[ find_package(InABracket) ]=])
find_package(${DEP_NAME})
target_link_libraries(libcurl_shared PRIVATE ${CURL_LIBS} ws2_32 -lpsl
  $<$<BOOL:${WIN32}>:crypt32> /usr/lib/libfoo.a ZLIB::ZLIB "z;nghttp2")
link_libraries(m)
)";

TEST(BuildFiles, CMakeInTheStyleOfCurl) {
  const std::string_view t = k_cmake;
  const auto scan = scan_build_file("curl/CMakeLists.txt", t);
  EXPECT_TRUE(scan.warnings.empty()) << scan.warnings[0];
  const std::string tll = at(t, "ws2_32");
  const std::vector<std::string> expected = {
      "OpenSSL:" + at(t, "find_package(OpenSSL") + ":cmake_find_package",
      "ZLIB:" + at(t, "find_package(ZLIB") + ":cmake_find_package",
      "Brotli:" + at(t, "FIND_PACKAGE(Brotli") + ":cmake_find_package",
      "PkgConfig:" + at(t, "PkgConfig") + ":cmake_find_package",
      "libssh2:" + at(t, "libssh2>=") + ":cmake_pkg_config",
      "libnghttp2:" + at(t, "libnghttp2") + ":cmake_pkg_config",
      "libngtcp2:" + at(t, "libngtcp2") + ":cmake_pkg_config",
      "socket:" + at(t, "check_library_exists") + ":cmake_check_library",
      "zstd:" + at(t, "NAMES zstd") + ":cmake_find_library",
      "zstd_static:" + at(t, "NAMES zstd") + ":cmake_find_library",
      "idn2:" + at(t, "IDN2_LIBRARY") + ":cmake_find_library",
      "ws2_32:" + tll + ":cmake_link:libcurl_shared",
      "psl:" + tll + ":cmake_link:libcurl_shared",
      "ZLIB::ZLIB:" + at(t, "ZLIB::ZLIB") + ":cmake_link:libcurl_shared",
      "z:" + at(t, "ZLIB::ZLIB") + ":cmake_link:libcurl_shared",
      "nghttp2:" + at(t, "ZLIB::ZLIB") + ":cmake_link:libcurl_shared",
      "m:" + at(t, "link_libraries(m") + ":cmake_link",
  };
  EXPECT_EQ(summary(scan), expected);
  EXPECT_EQ(scan.mentions[0].file, "curl/CMakeLists.txt");
}

TEST(BuildFiles, CMakeDamageIsAWarningAndKeepsWhatCameBefore) {
  const auto scan = scan_build_file("CMakeLists.txt", "find_package(ZLIB)\ntarget_link_libraries(foo z\n");
  EXPECT_EQ(summary(scan), std::vector<std::string>{"ZLIB:1:cmake_find_package"});
  ASSERT_EQ(scan.warnings.size(), 1u);
  EXPECT_EQ(scan.warnings[0], "CMakeLists.txt:2: target_link_libraries( is never closed (read up to there)");
  for (const std::string_view bad : {"find_package(\"ZLIB)", "#[[ never closed", "set(x [[ open"}) {
    const auto s = scan_build_file("x.cmake", bad);
    EXPECT_TRUE(s.mentions.empty()) << bad;
    EXPECT_EQ(s.warnings.size(), 1u) << bad;
  }
}

// In the style of libxml2's meson.build.
constexpr std::string_view k_meson = R"(project('libxml2', 'c', version: '2.14.0', meson_version: '>= 1.1')
cc = meson.get_compiler('c')
# dependency('commented')
m_dep = cc.find_library('m', required: false)
threads_dep = dependency('threads', required: get_option('threads'))
zlib_dep = dependency('zlib', required: want_zlib)
lzma_dep = dependency(
    'liblzma',
    required: false,
)
icu_dep = dependency('icu-i18n', method: 'pkg-config', required: get_option('icu'))
readline_dep = dependency('readline', 'libedit', required: false)
name = 'dependency(\'instring\')'
doc = '''
dependency('inlongstring')
'''
xml_dep = declare_dependency(link_with: xml_lib)
sub_dep = cmake_proj.dependency('bundled')
ssl_dep = dependency(get_option('ssl') + '-ssl')
glued = dependency('lib' + suffix)
fdep = dependency(f'lib@x@')
iconv_dep = dependency(['iconv'], required: false)
)";

TEST(BuildFiles, MesonInTheStyleOfLibxml2) {
  const std::string_view t = k_meson;
  const auto scan = scan_build_file("libxml2/meson.build", t);
  EXPECT_TRUE(scan.warnings.empty());
  const std::vector<std::string> expected = {
      "m:" + at(t, "'m'") + ":meson_find_library",
      "threads:" + at(t, "'threads'") + ":meson_dependency",
      "zlib:" + at(t, "'zlib'") + ":meson_dependency",
      "liblzma:" + at(t, "'liblzma'") + ":meson_dependency",
      "icu-i18n:" + at(t, "'icu-i18n'") + ":meson_dependency",
      "readline:" + at(t, "'readline'") + ":meson_dependency",
      "libedit:" + at(t, "'libedit'") + ":meson_dependency",
      "iconv:" + at(t, "'iconv'") + ":meson_dependency",
  };
  EXPECT_EQ(summary(scan), expected);

  const auto broken = scan_build_file("meson.build", "z = dependency('zlib')\nx = dependency('never\n");
  EXPECT_EQ(summary(broken), std::vector<std::string>{"zlib:1:meson_dependency"});
  ASSERT_EQ(broken.warnings.size(), 1u);
  EXPECT_EQ(broken.warnings[0], "meson.build:2: a string is never closed on its line (read up to there)");
}

// In the style of curl's configure.ac.
constexpr std::string_view k_configure = R"(dnl AC_CHECK_LIB(commented, f)
AC_INIT([curl], [-], [a suitable curl mailing list: https://curl.se/mail/])
# AC_CHECK_LIB(alsocommented, f)
AC_CHECK_LIB(z, inflateEnd,
             [HAVE_LIBZ="1"
              LIBS="-lz $LIBS"],
             [AC_MSG_WARN([configure found only the libz lib, not the header file!])])
AS_IF([test "x$want_idn" = "xyes"], [
  AC_CHECK_LIB(idn2, idn2_lookup_ul, [IDN_ENABLED=1])
])
PKG_CHECK_MODULES([LIBXML], [libxml-2.0 >= 2.9.0
                             zlib])
PKG_CHECK_MODULES(NGHTTP2, libnghttp2>=1.12.0,
  [USE_NGHTTP2=1], [AC_MSG_ERROR([nghttp2 not found])])
AC_SEARCH_LIBS([gethostbyname], [nsl socket])
AC_CHECK_LIB([$ssl_lib], [SSL_connect])
PKG_CHECK_EXISTS([libbrotlidec], [have_brotli=yes])
AC_CHECK_LIB (spaced, f)
)";

TEST(BuildFiles, AutoconfInTheStyleOfCurl) {
  const std::string_view t = k_configure;
  const auto scan = scan_build_file("curl/configure.ac", t);
  EXPECT_TRUE(scan.warnings.empty());
  const std::vector<std::string> expected = {
      "z:" + at(t, "AC_CHECK_LIB(z") + ":autoconf_check_lib",
      "idn2:" + at(t, "AC_CHECK_LIB(idn2") + ":autoconf_check_lib",
      "libxml-2.0:" + at(t, "libxml-2.0") + ":autoconf_pkg_config",
      "zlib:" + at(t, "      zlib])") + ":autoconf_pkg_config",
      "libnghttp2:" + at(t, "libnghttp2>=") + ":autoconf_pkg_config",
      "nsl:" + at(t, "[nsl") + ":autoconf_check_lib",
      "socket:" + at(t, "[nsl") + ":autoconf_check_lib",
      "libbrotlidec:" + at(t, "[libbrotlidec]") + ":autoconf_pkg_config",
  };
  EXPECT_EQ(summary(scan), expected);

  const auto broken = scan_build_file("configure.ac", "AC_CHECK_LIB(m, sin)\nPKG_CHECK_MODULES([X], [a\n");
  EXPECT_EQ(summary(broken), std::vector<std::string>{"m:1:autoconf_check_lib"});
  ASSERT_EQ(broken.warnings.size(), 1u);
  EXPECT_EQ(broken.warnings[0], "configure.ac:2: PKG_CHECK_MODULES( is never closed (read up to there)");
}

constexpr std::string_view k_makefile =
    "# Makefile for a small tool\n"
    "CC ?= cc\n"
    "CFLAGS += -O2 -Wall $(shell pkg-config --cflags libpng)\n"
    "LDLIBS = -lm -lz \\\n"
    "         -lssl -lcrypto  # comment -lnotme\n"
    "LIBS += $(shell pkg-config --libs libpng16 'libcurl >= 7.0') -l$(EXTRA) -l:libstatic.a\n"
    "mytool_LDADD = -lyaml\n"
    "PKG_CONFIG ?= pkg-config\n"
    "GTK_LIBS := $(shell $(PKG_CONFIG) --libs gtk+-3.0)\n"
    "SRC = main.c -lnotalinkvariable\n"
    "\n"
    "all: tool\n"
    "tool: main.o util.o\n"
    "\t$(CC) -o $@ $^ $(LDLIBS) -lpthread\n"
    "list:\n"
    "\tls -la *.c | wc -l\n"
    "legacy:\n"
    "\t@gcc -o legacy legacy.c -lexpat\n";

TEST(BuildFiles, Makefile) {
  const std::string_view t = k_makefile;
  const auto scan = scan_build_file("tools/Makefile", t);
  EXPECT_TRUE(scan.warnings.empty());
  const std::vector<std::string> expected = {
      "libpng:" + at(t, "--cflags libpng") + ":make_pkg_config",
      "m:" + at(t, "-lm") + ":make_link:LDLIBS",
      "z:" + at(t, "-lz") + ":make_link:LDLIBS",
      "ssl:" + at(t, "-lssl") + ":make_link:LDLIBS",
      "crypto:" + at(t, "-lssl") + ":make_link:LDLIBS",
      "libpng16:" + at(t, "libpng16") + ":make_pkg_config",
      "libcurl:" + at(t, "libpng16") + ":make_pkg_config",
      "yaml:" + at(t, "-lyaml") + ":make_link:mytool_LDADD",
      "gtk+-3.0:" + at(t, "gtk+-3.0") + ":make_pkg_config",
      "pthread:" + at(t, "-lpthread") + ":make_link:recipe",
      "expat:" + at(t, "-lexpat") + ":make_link:recipe",
  };
  EXPECT_EQ(summary(scan), expected);
  for (const auto& m : scan.mentions) EXPECT_EQ(m.file, "tools/Makefile");
}

// A Cargo workspace manifest with every kind of dependency table.
constexpr std::string_view k_cargo = R"([workspace]
members = ["crates/*"]

[workspace.dependencies]
openssl-sys = "0.9"
serde = { version = "1", features = ["derive"] }
mycore = { path = "crates/core" }

[package]
name = "app"
version = "0.1.0"

[dependencies]
libz-sys = { version = "1.1", features = ["static"] }
tokio = { workspace = true }
ssl = { package = "openssl", version = "0.10" }
local-util = { path = "../util" }

[dev-dependencies]
tempfile = "3"

[build-dependencies]
cc = "1.0"

[target.'cfg(unix)'.dependencies]
nix = "0.27"

[target.'cfg(windows)'.dependencies.windows-sys]
version = "0.52"

[dependencies.rusqlite]
version = "0.31"
features = ["bundled"]
)";

TEST(BuildFiles, CargoWorkspace) {
  const std::string_view t = k_cargo;
  const auto scan = scan_build_file("Cargo.toml", t);
  EXPECT_TRUE(scan.warnings.empty()) << scan.warnings[0];
  const std::vector<std::string> expected = {
      "openssl-sys:" + at(t, "openssl-sys =") + ":cargo_dependency:workspace.dependencies",
      "serde:" + at(t, "serde =") + ":cargo_dependency:workspace.dependencies",
      "mycore:" + at(t, "mycore =") + ":cargo_dependency:workspace.dependencies:local",
      "libz-sys:" + at(t, "libz-sys =") + ":cargo_dependency:dependencies",
      "tokio:" + at(t, "tokio =") + ":cargo_dependency:dependencies",
      "openssl:" + at(t, "ssl = {") + ":cargo_dependency:dependencies",
      "local-util:" + at(t, "local-util =") + ":cargo_dependency:dependencies:local",
      "tempfile:" + at(t, "tempfile =") + ":cargo_dependency:dev-dependencies",
      "cc:" + at(t, "cc =") + ":cargo_dependency:build-dependencies",
      "nix:" + at(t, "nix =") + ":cargo_dependency:target.cfg(unix).dependencies",
      "windows-sys:" + at(t, "dependencies.windows-sys]") + ":cargo_dependency:target.cfg(windows).dependencies",
      "rusqlite:" + at(t, "[dependencies.rusqlite]") + ":cargo_dependency:dependencies",
  };
  EXPECT_EQ(summary(scan), expected);
}

TEST(BuildFiles, MalformedCargoIsAWarning) {
  auto scan = scan_build_file("a/Cargo.toml", "[dependencies\nfoo = \"1\"\n");
  EXPECT_TRUE(scan.mentions.empty());
  ASSERT_EQ(scan.warnings.size(), 1u);
  EXPECT_TRUE(scan.warnings[0].starts_with("a/Cargo.toml:1: ")) << scan.warnings[0];

  scan = scan_build_file("Cargo.toml", "[dependencies]\nodd = 3\nok = \"1\"\n");
  EXPECT_EQ(summary(scan), std::vector<std::string>{"ok:3:cargo_dependency:dependencies"});
  ASSERT_EQ(scan.warnings.size(), 1u);
  EXPECT_EQ(scan.warnings[0], "Cargo.toml:2: dependencies.odd is neither a version string nor a table (skipped)");

  scan = scan_build_file("Cargo.toml", "dependencies = 3\n");
  EXPECT_TRUE(scan.mentions.empty());
  EXPECT_EQ(scan.warnings, std::vector<std::string>{"Cargo.toml:1: dependencies is not a table (skipped)"});
}

TEST(BuildFiles, WhichFilesAreBuildFiles) {
  EXPECT_EQ(build_system_for("CMakeLists.txt"), BuildSystem::cmake);
  EXPECT_EQ(build_system_for("lib/cmake/FindZstd.cmake"), BuildSystem::cmake);
  EXPECT_EQ(build_system_for("a/meson.build"), BuildSystem::meson);
  EXPECT_EQ(build_system_for("configure.ac"), BuildSystem::autoconf);
  EXPECT_EQ(build_system_for("configure.in"), BuildSystem::autoconf);
  EXPECT_EQ(build_system_for("src/Makefile.am"), BuildSystem::make);
  EXPECT_EQ(build_system_for("GNUmakefile"), BuildSystem::make);
  EXPECT_EQ(build_system_for("mk/rules.mk"), BuildSystem::make);
  EXPECT_EQ(build_system_for("win32\\Makefile.mak"), BuildSystem::make);
  EXPECT_EQ(build_system_for("crates/x/Cargo.toml"), BuildSystem::cargo);
  for (const std::string_view no : {"Cargo.lock", "configure", "Makefile.in", "cmakelists.txt", ".cmake", "README.md"})
    EXPECT_FALSE(build_system_for(no).has_value()) << no;
  EXPECT_TRUE(scan_build_file("README.md", "find_package(ZLIB)").mentions.empty());
}

// Every prefix of every sample, and bytes that are no text at all: no crash,
// and a mention's line is always inside the text.
TEST(BuildFiles, TruncatedAndBinaryInputNeverCrash) {
  const std::pair<std::string_view, std::string_view> samples[] = {{"CMakeLists.txt", k_cmake},
                                                                   {"meson.build", k_meson},
                                                                   {"configure.ac", k_configure},
                                                                   {"Makefile", k_makefile},
                                                                   {"Cargo.toml", k_cargo}};
  std::string binary;
  for (int i = 0; i < 512; ++i) binary.push_back(static_cast<char>((i * 37 + 11) % 256));
  for (const auto& [name, text] : samples) {
    for (std::size_t n = 0; n <= text.size(); ++n) {
      const std::string_view prefix = text.substr(0, n);
      const auto scan = scan_build_file(name, prefix);
      const auto lines = 1u + static_cast<std::uint32_t>(std::count(prefix.begin(), prefix.end(), '\n'));
      for (const auto& m : scan.mentions) {
        EXPECT_GE(m.line, 1u);
        EXPECT_LE(m.line, lines) << name << " " << m.name;
      }
    }
    const auto scan = scan_build_file(name, binary);
    EXPECT_LE(scan.warnings.size(), 1u) << name;
  }
}

}  // namespace
}  // namespace oxidize::structure
