#include "oxidize/structure/external_deps.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace oxidize::structure {
namespace {

// A curl-like tree: its unresolved includes, and the mentions its build files
// give (read by the real readers, so this is the whole path but the scan).
std::vector<UnresolvedInclude> curl_includes() {
  return {
      {"openssl/ssl.h", true, 12, "lib/vtls/openssl.c:40"},
      {"openssl/err.h", true, 9, "lib/vtls/openssl.c:41"},
      {"zlib.h", true, 3, "lib/content_encoding.c:30"},
      {"zlib.h", false, 1, "tests/server/util.c:12"},
      {"stdio.h", true, 300, "lib/a.c:1"},
      {"sys/socket.h", true, 40, "lib/a.c:2"},
      {"pthread.h", true, 5, "lib/a.c:3"},
      {"Windows.h", true, 2, "lib/w.c:3"},
      {"quiche.h", true, 1, "lib/vquic/curl_quiche.c:30"},
      {"wolfssh/ssh.h", true, 2, "lib/vssh/wolfssh.c:30"},
      {"wolfssh/wolfsftp.h", true, 1, "lib/vssh/wolfssh.c:31"},
      {"curl_config.h", false, 200, "lib/curl_setup.h:20"},
      {"", true, 1, "lib/empty.c:1"},
  };
}

std::vector<BuildMention> curl_mentions() {
  std::vector<BuildMention> all;
  const auto add = [&](std::string_view path, std::string_view text) {
    const auto scan = scan_build_file(path, text);
    EXPECT_TRUE(scan.warnings.empty()) << path;
    all.insert(all.end(), scan.mentions.begin(), scan.mentions.end());
  };
  add("CMakeLists.txt",
      "find_package(OpenSSL REQUIRED)\n"
      "find_package(ZLIB)\n"
      "find_package(Threads REQUIRED)\n"
      "find_package(PkgConfig QUIET)\n"
      "find_package(Catch2 3 REQUIRED)\n"
      "pkg_check_modules(NGHTTP2 libnghttp2>=1.12)\n"
      "target_link_libraries(curl PRIVATE libcurl_object ZLIB::ZLIB OpenSSL::SSL ws2_32 m)\n");
  add("configure.ac", "AC_CHECK_LIB(z, inflateEnd)\nAC_SEARCH_LIBS([clock_gettime], [rt])\n");
  add("docs/examples/Makefile", "LDLIBS = -lcurl -lfoo\n");
  add("rust/Cargo.toml",
      "[dependencies]\nopenssl-sys = \"0.9\"\nlibz-sys = \"1\"\nrustls = \"0.23\"\nserde = \"1\"\nlibc = \"0.2\"\n"
      "mine = { path = \"../mine\" }\n[build-dependencies]\ncc = \"1\"\n[dev-dependencies]\nlibz_sys = \"1\"\n");
  return all;
}

std::vector<std::string> names_of(const std::vector<BuildMention>& mentions) {
  std::vector<std::string> out;
  for (const auto& m : mentions) out.push_back(std::string(mention_kind_name(m.kind)) + " " + m.name);
  return out;
}

TEST(ExternalDeps, CurlLikeTree) {
  const auto includes = curl_includes();
  const auto mentions = curl_mentions();
  const ExternalDeps deps = find_external_deps(includes, mentions);

  std::vector<std::string> ids;
  for (const auto& l : deps.libraries) ids.push_back(l.library.id);
  // By files (OpenSSL 12, zlib 4), then the build-only ones by mentions (curl
  // is named once by -lcurl, nghttp2 once by pkg-config), then id.
  EXPECT_EQ(ids, (std::vector<std::string>{"openssl", "zlib", "curl", "nghttp2"}));

  const ExternalLibrary& ssl = deps.libraries[0];
  EXPECT_EQ(ssl.library.name, "OpenSSL");
  EXPECT_EQ(ssl.files_min, 12u);
  EXPECT_EQ(ssl.files_max, 21u);
  ASSERT_EQ(ssl.headers.size(), 2u);
  EXPECT_EQ(ssl.headers[0].header, "openssl/ssl.h");
  EXPECT_EQ(ssl.headers[0].example, "lib/vtls/openssl.c:40");
  EXPECT_EQ(names_of(ssl.mentions), (std::vector<std::string>{"cmake_find_package OpenSSL", "cmake_link OpenSSL::SSL",
                                                              "cargo_dependency openssl-sys"}));
  ASSERT_FALSE(ssl.library.replacements.empty());
  EXPECT_EQ(ssl.library.replacements[0].crate, "rustls");

  const ExternalLibrary& zlib = deps.libraries[1];
  ASSERT_EQ(zlib.headers.size(), 1u);  // <zlib.h> and "zlib.h" are one header
  EXPECT_EQ(zlib.headers[0].files, 4u);
  EXPECT_EQ(zlib.headers[0].example, "lib/content_encoding.c:30");
  EXPECT_EQ(zlib.files_min, 4u);
  EXPECT_EQ(zlib.files_max, 4u);
  EXPECT_EQ(names_of(zlib.mentions),
            (std::vector<std::string>{"cmake_find_package ZLIB", "cmake_link ZLIB::ZLIB", "autoconf_check_lib z",
                                      "cargo_dependency libz-sys", "cargo_dependency libz_sys"}));

  EXPECT_EQ(deps.libraries[2].files_min, 0u);  // named by a build file only
  EXPECT_EQ(deps.libraries[2].mentions[0].file, "docs/examples/Makefile");

  // stdio.h, sys/socket.h, pthread.h, Windows.h
  EXPECT_EQ(deps.system_headers, 4u);
  // Threads, ws2_32, m, rt
  EXPECT_EQ(deps.system_names, 4u);
  EXPECT_EQ(deps.tool_names, 1u);  // PkgConfig
  EXPECT_EQ(deps.unmatched_quoted, 1u);
  EXPECT_EQ(deps.includes_read, includes.size());
  EXPECT_EQ(deps.mentions_read, mentions.size());
  EXPECT_FALSE(deps.table_reviewed.empty());

  ASSERT_EQ(deps.unknown_headers.size(), 2u);
  EXPECT_EQ(deps.unknown_headers[0].group, "wolfssh");
  EXPECT_EQ(deps.unknown_headers[0].files_min, 2u);
  EXPECT_EQ(deps.unknown_headers[0].files_max, 3u);
  EXPECT_EQ(deps.unknown_headers[0].headers.size(), 2u);
  EXPECT_EQ(deps.unknown_headers[1].group, "quiche.h");

  // libcurl_object is one of the tree's own targets: not an unknown library.
  std::vector<std::string> unknown;
  for (const auto& u : deps.unknown_names) unknown.push_back(u.name);
  EXPECT_EQ(unknown, (std::vector<std::string>{"Catch2", "foo"}));
  EXPECT_EQ(deps.unknown_names[1].mentions[0].kind, MentionKind::make_link);

  std::vector<std::string> crates;
  for (const auto& c : deps.crates)
    crates.push_back(c.name + ":" + std::string(crate_kind_name(c.kind)) + ":" + c.library);
  EXPECT_EQ(crates, (std::vector<std::string>{"libz-sys:c_binding:zlib", "openssl-sys:c_binding:openssl",
                                              "cc:c_build:", "libc:os:", "rustls:rust:", "serde:rust:"}));
  EXPECT_EQ(deps.crates[0].mentions.size(), 2u);  // libz-sys and libz_sys are one crate
  EXPECT_TRUE(deps.crates[0].c_underneath());
  EXPECT_TRUE(deps.crates[2].c_underneath());
  EXPECT_FALSE(deps.crates[3].c_underneath());
  const auto& rustls = deps.crates[4];
  EXPECT_NE(std::find(rustls.replaces.begin(), rustls.replaces.end(), "openssl"), rustls.replaces.end());
  EXPECT_NE(std::find(rustls.replaces.begin(), rustls.replaces.end(), "gnutls"), rustls.replaces.end());
}

TEST(ExternalDeps, TheOrderOfTheInputsDoesNotChangeTheResult) {
  auto includes = curl_includes();
  auto mentions = curl_mentions();
  const ExternalDeps first = find_external_deps(includes, mentions);
  std::mt19937 random(7);
  for (int round = 0; round < 5; ++round) {
    std::shuffle(includes.begin(), includes.end(), random);
    std::shuffle(mentions.begin(), mentions.end(), random);
    const ExternalDeps again = find_external_deps(includes, mentions);
    ASSERT_EQ(again.libraries.size(), first.libraries.size());
    for (std::size_t i = 0; i < first.libraries.size(); ++i) {
      EXPECT_EQ(again.libraries[i].library.id, first.libraries[i].library.id);
      EXPECT_EQ(again.libraries[i].files_min, first.libraries[i].files_min);
      EXPECT_EQ(again.libraries[i].files_max, first.libraries[i].files_max);
      EXPECT_EQ(again.libraries[i].mentions.size(), first.libraries[i].mentions.size());
    }
    ASSERT_EQ(again.unknown_headers.size(), first.unknown_headers.size());
    for (std::size_t i = 0; i < first.unknown_headers.size(); ++i)
      EXPECT_EQ(again.unknown_headers[i].group, first.unknown_headers[i].group);
    ASSERT_EQ(again.crates.size(), first.crates.size());
    for (std::size_t i = 0; i < first.crates.size(); ++i) EXPECT_EQ(again.crates[i].name, first.crates[i].name);
    EXPECT_EQ(again.system_headers, first.system_headers);
  }
}

TEST(ExternalDeps, MesonNamesAreLookedUpAsMesonDoes) {
  const auto scan = scan_build_file("meson.build",
                                    "a = dependency('libxml-2.0')\n"   // pkg-config name
                                    "b = dependency('OpenSSL')\n"      // meson's own name, any case
                                    "c = dependency('LibArchive')\n"   // a CMake package name
                                    "d = dependency('threads')\n"      // the system
                                    "e = dependency('frobnicate')\n"   // unknown
                                    "m = cc.find_library('m')\n");
  const ExternalDeps deps = find_external_deps({}, scan.mentions);
  std::vector<std::string> ids;
  for (const auto& l : deps.libraries) ids.push_back(l.library.id);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"libarchive", "libxml2", "openssl"}));
  EXPECT_EQ(deps.system_names, 2u);
  ASSERT_EQ(deps.unknown_names.size(), 1u);
  EXPECT_EQ(deps.unknown_names[0].name, "frobnicate");
}

TEST(ExternalDeps, LinkNamesInTheirOtherSpellings) {
  const std::vector<BuildMention> mentions = {
      {"CMakeLists.txt", 1, "libz", MentionKind::cmake_find_library, "", false},
      {"CMakeLists.txt", 2, "libssl.so", MentionKind::cmake_find_library, "", false},
      {"CMakeLists.txt", 3, "libcurl_object", MentionKind::cmake_link, "curl", false},
      {"CMakeLists.txt", 4, "Frob::Frob", MentionKind::cmake_link, "curl", false},
  };
  const ExternalDeps deps = find_external_deps({}, mentions);
  ASSERT_EQ(deps.libraries.size(), 2u);
  EXPECT_EQ(deps.libraries[0].library.id, "openssl");  // equal counts: by id
  EXPECT_EQ(deps.libraries[1].library.id, "zlib");
  EXPECT_TRUE(deps.unknown_names.empty());
}

TEST(ExternalDeps, AnotherTableCanBeGiven) {
  const auto table = DependencyTable::parse(R"(schema = 1
reviewed = "2030-01"
[[library]]
id = "frob"
name = "libfrob"
homepage = "https://frob.example/"
header_prefixes = ["frob/"]
link = ["frob"]
  [[library.replacements]]
  crate = "frob-rs"
  maturity = "experimental"
  note = "A test entry."
  source = "https://frob.example/rs"
)",
                                            "t.toml");
  ASSERT_TRUE(table.has_value()) << table.error();
  const std::vector<UnresolvedInclude> includes = {{"frob/frob.h", true, 3, "a.c:1"}, {"zlib.h", true, 2, "b.c:1"}};
  const ExternalDeps deps = find_external_deps(includes, {}, *table);
  ASSERT_EQ(deps.libraries.size(), 1u);
  EXPECT_EQ(deps.libraries[0].library.replacements[0].maturity, Maturity::experimental);
  EXPECT_EQ(deps.table_reviewed, "2030-01");
  ASSERT_EQ(deps.unknown_headers.size(), 1u);  // this table knows nothing of zlib
  EXPECT_EQ(deps.unknown_headers[0].group, "zlib.h");
}

}  // namespace
}  // namespace oxidize::structure
