#include "oxidize/structure/dependency_table.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

namespace oxidize::structure {
namespace {

// A minimal valid table; tests below break one thing at a time.
constexpr std::string_view k_small = R"(schema = 1
reviewed = "2026-12"
[system]
headers = ["stdio.h", "pthread.h"]
header_prefixes = ["sys/"]
link = ["m"]
cmake = ["Threads"]
[tools]
cmake = ["Perl"]
[rust]
os_crates = ["libc"]
build_crates = ["cc"]
[[library]]
id = "zlib"
name = "zlib"
homepage = "https://zlib.net/"
headers = ["zlib.h"]
pkg_config = ["zlib"]
cmake = ["ZLIB"]
link = ["z"]
crates = ["libz-sys"]
  [[library.replacements]]
  crate = "flate2"
  maturity = "production"
  note = "n"
  source = "https://crates.io/crates/flate2"
[[library]]
id = "openssl"
name = "OpenSSL"
homepage = "https://www.openssl.org/"
header_prefixes = ["openssl/"]
link = ["ssl", "crypto"]
  [[library.replacements]]
  crate = "rustls"
  maturity = "production"
  note = "n"
  source = "https://crates.io/crates/rustls"
)";

std::string with(std::string_view from, std::string_view to) {
  std::string text(k_small);
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(DependencyTable, BuiltinTableParsesAndEveryEntryIsComplete) {
  const DependencyTable& table = builtin_dependency_table();
  EXPECT_GE(table.libraries().size(), 30u);
  EXPECT_EQ(table.reviewed().size(), 7u) << table.reviewed();  // YYYY-MM
  std::set<std::string> ids;
  for (const auto& e : table.libraries()) {
    EXPECT_TRUE(ids.insert(e.id).second) << e.id;
    EXPECT_FALSE(e.name.empty()) << e.id;
    EXPECT_TRUE(e.homepage.starts_with("http")) << e.id;
    EXPECT_FALSE(e.headers.empty() && e.header_prefixes.empty()) << e.id;
    // Something a build file can name it by, besides the includes.
    EXPECT_FALSE(e.pkg_config.empty() && e.cmake.empty() && e.link.empty()) << e.id;
    EXPECT_FALSE(e.debian.empty()) << e.id;
    ASSERT_FALSE(e.replacements.empty()) << e.id;
    for (const auto& r : e.replacements) {
      EXPECT_FALSE(r.crate.empty()) << e.id;
      EXPECT_GE(r.note.size(), 20u) << e.id << " " << r.crate;  // a real note, not a placeholder
      EXPECT_TRUE(r.source.starts_with("https://")) << e.id << " " << r.crate;
    }
    // Every header of an entry resolves back to it.
    for (const auto& h : e.headers) EXPECT_EQ(table.library_for_header(h), &e) << h;
    for (const auto& p : e.header_prefixes) EXPECT_EQ(table.library_for_header(p + "x.h"), &e) << p;
  }
}

TEST(DependencyTable, BuiltinTableKnowsTheLibrariesOfTheIssue) {
  const DependencyTable& table = builtin_dependency_table();
  const std::pair<std::string_view, std::string_view> headers[] = {
      {"zlib.h", "zlib"},          {"openssl/ssl.h", "openssl"}, {"libxml/parser.h", "libxml2"},
      {"curl/curl.h", "curl"},     {"png.h", "libpng"},          {"jpeglib.h", "libjpeg"},
      {"sqlite3.h", "sqlite"},     {"pcre2.h", "pcre"},          {"pcre.h", "pcre"},
      {"expat.h", "expat"},        {"yaml.h", "libyaml"},        {"ffi.h", "libffi"},
      {"event2/event.h", "libevent"}, {"uv.h", "libuv"},         {"systemd/sd-daemon.h", "libsystemd"},
      {"glib.h", "glib"},          {"gio/gio.h", "glib"},        {"gnutls/gnutls.h", "gnutls"},
      {"nettle/sha2.h", "nettle"}, {"gcrypt.h", "libgcrypt"},    {"lzma.h", "xz"},
      {"bzlib.h", "bzip2"},        {"zstd.h", "zstd"},           {"lz4.h", "lz4"},
      {"archive.h", "libarchive"}, {"libssh2.h", "libssh2"},     {"nghttp2/nghttp2.h", "nghttp2"},
      {"ngtcp2/ngtcp2.h", "ngtcp2"}, {"idn2.h", "libidn2"},      {"brotli/decode.h", "brotli"},
      {"ft2build.h", "freetype"},  {"freetype/freetype.h", "freetype"}, {"tiffio.h", "libtiff"},
      {"gif_lib.h", "giflib"},     {"webp/decode.h", "libwebp"}, {"jansson.h", "jansson"},
      {"cjson/cJSON.h", "cjson"},  {"cJSON.h", "cjson"},         {"readline/readline.h", "readline"},
      {"ncurses.h", "ncurses"},    {"curses.h", "ncurses"},      {"ZLIB.H", "zlib"},
      {"./zlib.h", "zlib"},        {"openssl\\evp.h", "openssl"}};
  for (const auto& [header, id] : headers) {
    const LibraryEntry* e = table.library_for_header(header);
    ASSERT_NE(e, nullptr) << header;
    EXPECT_EQ(e->id, id) << header;
  }
  for (const std::string_view h : {"pthread.h", "stdio.h", "sys/socket.h", "vector", "windows.h", "Windows.h",
                                   "linux/if.h", "netinet/in.h", "iconv.h"}) {
    EXPECT_TRUE(table.is_system_header(h)) << h;
    EXPECT_EQ(table.library_for_header(h), nullptr) << h;
  }
  EXPECT_FALSE(table.is_system_header("zlib.h"));
  EXPECT_EQ(table.library_for_header("uvw.h"), nullptr);  // "uv/" is a directory, not a spelling prefix
  EXPECT_EQ(table.library_for_header("myproject/config.h"), nullptr);

  EXPECT_EQ(table.library_for_name(NameKind::cmake, "zlib")->id, "zlib");  // find_package(ZLIB), any case
  EXPECT_EQ(table.library_for_name(NameKind::pkg_config, "libxml-2.0")->id, "libxml2");
  EXPECT_EQ(table.library_for_name(NameKind::link, "ssl")->id, "openssl");
  EXPECT_EQ(table.library_for_name(NameKind::meson, "curses")->id, "ncurses");
  EXPECT_EQ(table.library_for_name(NameKind::crate, "libz_sys")->id, "zlib");  // '_' and '-' alike
  EXPECT_EQ(table.library_for_name(NameKind::link, "zlib"), nullptr);
  EXPECT_TRUE(table.is_system_name(NameKind::link, "pthread"));
  EXPECT_TRUE(table.is_system_name(NameKind::cmake, "threads"));
  EXPECT_TRUE(table.is_tool("PkgConfig"));
  EXPECT_FALSE(table.is_tool("ZLIB"));

  EXPECT_EQ(table.crate_kind("openssl-sys"), CrateKind::c_binding);
  EXPECT_EQ(table.crate_kind("curl"), CrateKind::c_binding);  // a well-known binding without -sys
  EXPECT_EQ(table.crate_kind("some-new-sys"), CrateKind::c_binding);
  EXPECT_EQ(table.crate_kind("libc"), CrateKind::os);
  EXPECT_EQ(table.crate_kind("linux-raw-sys"), CrateKind::os);  // -sys, but no C
  EXPECT_EQ(table.crate_kind("cc"), CrateKind::c_build);
  EXPECT_EQ(table.crate_kind("serde"), CrateKind::rust);
  const auto replaced = table.libraries_replaced_by("rustls");
  ASSERT_GE(replaced.size(), 2u);
  EXPECT_EQ(replaced[0]->id, "openssl");
}

TEST(DependencyTable, TheDataFileOnDiskIsTheOneCompiledIn) {
  // The build embeds data/dependencies.toml; a stale build would test old data.
  std::ifstream in(std::string(OXIDIZE_SOURCE_DIR) + "/data/dependencies.toml", std::ios::binary);
  ASSERT_TRUE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_TRUE(text.str() == builtin_dependency_toml()) << "rebuild: the embedded table is stale";
}

TEST(DependencyTable, SmallTableLookups) {
  const auto table = DependencyTable::parse(k_small, "t.toml");
  ASSERT_TRUE(table.has_value()) << table.error();
  ASSERT_EQ(table->libraries().size(), 2u);
  EXPECT_EQ(table->libraries()[1].link, (std::vector<std::string>{"ssl", "crypto"}));
  EXPECT_EQ(table->libraries()[0].replacements[0].maturity, Maturity::production);
  EXPECT_EQ(table->library_for_header("openssl/ssl.h")->id, "openssl");
  EXPECT_EQ(table->library_for_header("openssl"), nullptr);
  EXPECT_TRUE(table->is_system_header("sys/types.h"));
  EXPECT_EQ(table->crate_kind("libz-sys"), CrateKind::c_binding);
  EXPECT_EQ(maturity_name(Maturity::drop_in), "drop_in");
  EXPECT_EQ(maturity_from_name("binding"), Maturity::binding);
  EXPECT_FALSE(maturity_from_name("mature").has_value());
}

TEST(DependencyTable, MalformedTablesAreErrorsWithTheirLine) {
  const std::pair<std::string, std::string> cases[] = {
      {"schema = 1\n[[library]\n", "t.toml:2:"},
      {with("schema = 1", "schema = 2"), "t.toml:1: schema must be 1"},
      {with("schema = 1\n", ""), "schema = 1 is missing"},
      {with("maturity = \"production\"", "maturity = \"mature\""), "t.toml:24: unknown maturity 'mature'"},
      {with("source = \"https://crates.io/crates/rustls\"", "source = \"crates.io/rustls\""),
       "t.toml:37: source must be an http(s) URL"},
      {with("  note = \"n\"\n  source = \"https://crates.io/crates/rustls\"", "  note = \"n\""),
       "needs crate, maturity, note and source"},
      {with("link = [\"ssl\", \"crypto\"]", "link = [\"ssl\", \"z\"]"), "name 'z' is claimed by both zlib and openssl"},
      {with("link = [\"ssl\", \"crypto\"]", "link = [\"ssl\", \"m\"]"), "name 'm' is both a system name and openssl's"},
      {with("headers = [\"zlib.h\"]", "headers = [\"zlib.h\", \"stdio.h\"]"),
       "header 'stdio.h' is both a system header and zlib's"},
      {with("header_prefixes = [\"openssl/\"]", "header_prefixes = [\"openssl\"]"), "must end in '/'"},
      {with("header_prefixes = [\"openssl/\"]\n", ""), "library openssl needs headers or header_prefixes"},
      {with("id = \"openssl\"", "id = \"Open SSL\""), "id must be lower case"},
      {with("cmake = [\"ZLIB\"]", "cmake = \"ZLIB\""), "t.toml:19: cmake must be an array of non-empty strings"},
      {with("cmake = [\"ZLIB\"]", "cmake = [\"ZLIB\"]\nlicense = \"Zlib\""), "t.toml:20: unknown key library.license"},
      {with("[tools]", "[tool]"), "unknown key tool"},
  };
  for (const auto& [text, expected] : cases) {
    const auto table = DependencyTable::parse(text, "t.toml");
    ASSERT_FALSE(table.has_value()) << expected;
    EXPECT_NE(table.error().find(expected), std::string::npos) << table.error() << "\nexpected: " << expected;
  }
  // Two entries with the same id (and no clash of names to catch it earlier).
  const std::string twice = with("id = \"openssl\"", "id = \"zlib\"");
  const auto table = DependencyTable::parse(twice, "t.toml");
  ASSERT_FALSE(table.has_value());
  EXPECT_NE(table.error().find("library id 'zlib' appears twice"), std::string::npos) << table.error();
}

}  // namespace
}  // namespace oxidize::structure
