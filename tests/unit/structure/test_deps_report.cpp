#include "oxidize/report/deps_report.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "oxidize/util/text.hpp"

namespace oxidize::report {
namespace {

using nlohmann::json;
using structure::BuildMention;
using structure::MentionKind;
using structure::UnresolvedInclude;

// Bytes a scanned tree may hold in its paths and names: an escape sequence,
// a newline that would forge a line, a comma and a quote for CSV, invalid UTF-8.
const std::string k_evil_path = "src/e\x1b[2Jvil\n,\"x\xff.c";
const std::string k_evil_header = "ev\x1b]0;t\x07il/x\xfe.h";

structure::ExternalDeps sample() {
  const std::vector<UnresolvedInclude> includes = {
      {"openssl/ssl.h", true, 12, "lib/vtls/openssl.c:40"},
      {"openssl/err.h", true, 9, k_evil_path + ":7"},
      {"zlib.h", true, 1, "lib/a.c:3"},
      {"stdio.h", true, 300, "lib/a.c:1"},
      {k_evil_header, true, 2, k_evil_path + ":9"},
      {"config.h", false, 40, "lib/a.c:2"},
  };
  const std::vector<BuildMention> mentions = {
      {"CMakeLists.txt", 4, "OpenSSL", MentionKind::cmake_find_package, "", false},
      {k_evil_path, 12, "z", MentionKind::make_link, "LDLIBS", false},
      {"CMakeLists.txt", 9, "Frob\x1b[31m", MentionKind::cmake_find_package, "", false},
      {"meson.build", 3, "threads", MentionKind::meson_dependency, "", false},
      {"rust/Cargo.toml", 8, "openssl-sys", MentionKind::cargo_dependency, "dependencies", false},
      {"rust/Cargo.toml", 9, "serde", MentionKind::cargo_dependency, "dependencies", false},
      {"rust/Cargo.toml", 10, "rustls", MentionKind::cargo_dependency, "dependencies", false},
  };
  return structure::find_external_deps(includes, mentions);
}

std::string render(void (*renderer)(util::Output&, const structure::ExternalDeps&), const structure::ExternalDeps& d) {
  util::StringOutput out;
  renderer(out, d);
  return out.text();
}

// A minimal RFC 4180 reader: the records of a CSV text, each a list of fields.
std::vector<std::vector<std::string>> read_csv(std::string_view text) {
  std::vector<std::vector<std::string>> records(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        records.back().back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        records.back().back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      records.back().emplace_back();
    } else if (c == '\n') {
      records.emplace_back(1);
    } else {
      records.back().back() += c;
    }
  }
  if (records.back().size() == 1 && records.back()[0].empty()) records.pop_back();
  return records;
}

TEST(DepsReport, TableShowsEachLibraryAndEscapesTheTree) {
  const auto deps = sample();
  util::StringOutput out;
  deps_table(out, deps, {false});
  const std::string& text = out.text();
  EXPECT_TRUE(util::is_valid_utf8(text));
  for (const char c : text) EXPECT_TRUE(c == '\n' || static_cast<unsigned char>(c) >= 0x20) << int(c);
  EXPECT_NE(text.find("External libraries: 2 known to the table (reviewed "), std::string::npos) << text;
  // The summary row: files as a range (a file may include both OpenSSL headers).
  EXPECT_NE(text.find("OpenSSL        12-21        2      2  rustls (production), rustls-ffi (usable), ring (production)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("zlib               1        1      1  libz-rs-sys (drop_in), flate2 (production)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  build    CMakeLists.txt:4 find_package(OpenSSL); rust/Cargo.toml:8 openssl-sys (dependencies)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  headers  openssl/ssl.h (12 files, e.g. lib/vtls/openssl.c:40); openssl/err.h (9 files, e.g. "
                      "src/e\\x1B[2Jvil\\n,\"x\\xFF.c:7)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("     https://crates.io/crates/rustls\n"), std::string::npos) << text;
  EXPECT_NE(text.find("src/e\\x1B[2Jvil\\n,\"x\\xFF.c:12 -lz (LDLIBS)"), std::string::npos) << text;
  // What the table does not know, escaped.
  EXPECT_NE(text.find("  ev\\x1B]0;t\\x07il  2 files: ev\\x1B]0;t\\x07il/x\\xFE.h (2 files"), std::string::npos) << text;
  EXPECT_NE(text.find("  Frob\\x1B[31m  CMakeLists.txt:9 find_package(Frob\\x1B[31m)"), std::string::npos) << text;
  EXPECT_NE(text.find("Rust crates: 3 (1 with C underneath)"), std::string::npos) << text;
  EXPECT_NE(text.find("  openssl-sys  c_binding  binds openssl  rust/Cargo.toml:8 openssl-sys (dependencies)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  rustls  rust  a replacement for openssl gnutls mbedtls wolfssl"), std::string::npos) << text;
  EXPECT_EQ(text.find("  serde "), std::string::npos) << text;  // plain Rust, nothing to say
  EXPECT_NE(text.find("System: 1 header spelling and 1 build name of the toolchain or OS; 0 build tools; 1 quoted "
                      "include neither known nor system"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("\x1b[1m"), std::string::npos);
  util::StringOutput colored;
  deps_table(colored, deps, {true});
  EXPECT_NE(colored.text().find("\x1b[1mLibrary"), std::string::npos);
}

TEST(DepsReport, TableOfNothing) {
  util::StringOutput out;
  deps_table(out, structure::find_external_deps({}, {}), {false});
  EXPECT_TRUE(out.text().starts_with("External libraries: 0 known to the table")) << out.text();
  EXPECT_EQ(out.text().find("Library"), std::string::npos);
}

TEST(DepsReport, LongListsAreCutInTheTableOnly) {
  std::vector<UnresolvedInclude> includes;
  for (int i = 0; i < 30; ++i) includes.push_back({"openssl/h" + std::to_string(i) + ".h", true, 1, "a.c:1"});
  for (int i = 0; i < 25; ++i) includes.push_back({"lib" + std::to_string(i) + "/x.h", true, 1, "a.c:1"});
  const auto deps = structure::find_external_deps(includes, {});
  util::StringOutput out;
  deps_table(out, deps, {false});
  EXPECT_NE(out.text().find("; and 25 more\n"), std::string::npos) << out.text();
  EXPECT_NE(out.text().find("  and 5 more groups (all of them in the JSON)"), std::string::npos) << out.text();
  const json doc = json::parse(render(deps_json, deps));
  EXPECT_EQ(doc["libraries"][0]["headers"].size(), 30u);
  EXPECT_EQ(doc["unknown_headers"].size(), 25u);
}

TEST(DepsReport, JsonHasEveryFieldAndTheExactBytes) {
  const json doc = json::parse(render(deps_json, sample()));
  EXPECT_EQ(doc["schema_version"], 1);
  EXPECT_EQ(doc["command"], "deps");
  EXPECT_EQ(doc["inputs"]["includes"], 6);
  EXPECT_EQ(doc["inputs"]["mentions"], 7);
  ASSERT_EQ(doc["libraries"].size(), 2u);
  const json& ssl = doc["libraries"][0];
  EXPECT_EQ(ssl["id"], "openssl");
  EXPECT_EQ(ssl["files_min"], 12);
  EXPECT_EQ(ssl["files_max"], 21);
  EXPECT_EQ(ssl["debian"][0], "libssl-dev");
  EXPECT_EQ(ssl["headers"][1]["header"], "openssl/err.h");
  // A path that is not UTF-8: replaced in the text, exact in base64.
  EXPECT_EQ(ssl["headers"][1]["example"], util::to_valid_utf8(k_evil_path + ":7"));
  EXPECT_EQ(ssl["headers"][1]["example_base64"], util::base64(k_evil_path + ":7"));
  EXPECT_EQ(ssl["mentions"][1]["path"], "rust/Cargo.toml");
  EXPECT_EQ(ssl["mentions"][1]["kind"], "cargo_dependency");
  EXPECT_EQ(ssl["mentions"][1]["context"], "dependencies");
  EXPECT_EQ(ssl["replacements"][0]["crate"], "rustls");
  EXPECT_EQ(ssl["replacements"][0]["maturity"], "production");
  EXPECT_TRUE(ssl["replacements"][0]["source"].get<std::string>().starts_with("https://"));
  const json& zlib = doc["libraries"][1];
  EXPECT_EQ(zlib["mentions"][0]["path"], util::to_valid_utf8(k_evil_path));
  EXPECT_EQ(zlib["mentions"][0]["path_base64"], util::base64(k_evil_path));
  EXPECT_FALSE(zlib["mentions"][0].contains("local"));

  ASSERT_EQ(doc["unknown_headers"].size(), 1u);
  EXPECT_EQ(doc["unknown_headers"][0]["group"], "ev\x1b]0;t\x07il");  // control bytes are valid JSON, escaped
  EXPECT_FALSE(doc["unknown_headers"][0].contains("group_base64"));
  EXPECT_EQ(doc["unknown_headers"][0]["headers"][0]["header"], util::to_valid_utf8(k_evil_header));
  EXPECT_EQ(doc["unknown_headers"][0]["headers"][0]["header_base64"], util::base64(k_evil_header));
  ASSERT_EQ(doc["unknown_build_names"].size(), 1u);
  EXPECT_EQ(doc["unknown_build_names"][0]["name"], "Frob\x1b[31m");  // JSON escapes it; the bytes are exact
  ASSERT_EQ(doc["crates"].size(), 3u);
  EXPECT_EQ(doc["crates"][0]["name"], "openssl-sys");
  EXPECT_EQ(doc["crates"][0]["c_underneath"], true);
  EXPECT_EQ(doc["crates"][0]["library"], "openssl");
  EXPECT_TRUE(doc["crates"][1]["library"].is_null());
  EXPECT_EQ(doc["system"]["headers"], 1);
  EXPECT_EQ(doc["system"]["build_names"], 1);
  EXPECT_EQ(doc["unmatched_quoted_includes"], 1);
}

TEST(DepsReport, CsvHasOneRecordPerItemAndQuotesTheTree) {
  const std::string text = render(deps_csv, sample());
  EXPECT_TRUE(util::is_valid_utf8(text));
  const auto records = read_csv(text);
  // header, 2 libraries, 1 unknown header group, 1 unknown build name, 3 crates
  ASSERT_EQ(records.size(), 8u) << text;
  for (const auto& r : records) EXPECT_EQ(r.size(), 10u) << r[0];
  EXPECT_EQ(records[0][0], "section");
  EXPECT_EQ(records[1][0], "library");
  EXPECT_EQ(records[1][1], "openssl");
  EXPECT_EQ(records[1][3], "12");
  EXPECT_EQ(records[1][4], "21");
  EXPECT_EQ(records[1][5], "openssl/ssl.h (12); openssl/err.h (9)");
  EXPECT_EQ(records[1][6], "CMakeLists.txt:4 find_package(OpenSSL); rust/Cargo.toml:8 openssl-sys (dependencies)");
  EXPECT_TRUE(records[1][8].starts_with("https://crates.io/crates/rustls; ")) << records[1][8];
  EXPECT_EQ(records[1][9], "debian: libssl-dev");
  EXPECT_EQ(records[2][6], util::to_valid_utf8(k_evil_path) + ":12 -lz (LDLIBS)");
  EXPECT_EQ(records[3][0], "unknown_header");
  EXPECT_EQ(records[3][1], util::to_valid_utf8("ev\x1b]0;t\x07il"));
  EXPECT_EQ(records[4][0], "unknown_build_name");
  EXPECT_EQ(records[4][1], "Frob\x1b[31m");
  EXPECT_EQ(records[5][0], "crate");
  EXPECT_EQ(records[5][2], "c_binding");
  EXPECT_EQ(records[5][9], "binds openssl");
}

TEST(DepsReport, MentionsInTheirBuildFilesSyntax) {
  const auto text = [](MentionKind kind, std::string context = {}) {
    return mention_text({"f", 3, "z", kind, std::move(context), false});
  };
  EXPECT_EQ(text(MentionKind::cmake_find_package), "f:3 find_package(z)");
  EXPECT_EQ(text(MentionKind::cmake_pkg_config), "f:3 pkg_check_modules(z)");
  EXPECT_EQ(text(MentionKind::cmake_link, "curl"), "f:3 target_link_libraries(curl z)");
  EXPECT_EQ(text(MentionKind::cmake_link), "f:3 link_libraries(z)");
  EXPECT_EQ(text(MentionKind::cmake_find_library), "f:3 find_library(z)");
  EXPECT_EQ(text(MentionKind::cmake_check_library), "f:3 check_library_exists(z)");
  EXPECT_EQ(text(MentionKind::meson_dependency), "f:3 dependency('z')");
  EXPECT_EQ(text(MentionKind::meson_find_library), "f:3 find_library('z')");
  EXPECT_EQ(text(MentionKind::autoconf_pkg_config), "f:3 PKG_CHECK_MODULES(z)");
  EXPECT_EQ(text(MentionKind::autoconf_check_lib), "f:3 AC_CHECK_LIB(z)");
  EXPECT_EQ(text(MentionKind::make_link, "recipe"), "f:3 -lz (recipe)");
  EXPECT_EQ(text(MentionKind::make_pkg_config), "f:3 pkg-config z");
  EXPECT_EQ(text(MentionKind::cargo_dependency, "dev-dependencies"), "f:3 z (dev-dependencies)");
  EXPECT_EQ(mention_text({"a\nb", 1, "x\x1b", MentionKind::make_link, "", false}), "a\\nb:1 -lx\\x1B");
}

}  // namespace
}  // namespace oxidize::report
