#include "oxidize/risk/ffi_surface.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "oxidize/analyze/analyze_file.hpp"
#include "oxidize/risk/hotspots.hpp"
#include "oxidize/structure/components.hpp"
#include "../support/analysed_tree.hpp"

namespace oxidize::risk {
namespace {

// Files analysed as the scan does, hazards included.
model::Snapshot tree(std::vector<std::pair<std::string, std::string>> files) {
  return test::analysed_tree(std::move(files), /*hazards=*/true);
}

const parse::FunctionFacts& function(const model::Snapshot& s, std::string_view path, std::string_view name) {
  for (const auto& r : s.files)
    if (r.path == path)
      for (const auto& f : r.facts.functions)
        if (f.name == name) return f;
  throw std::runtime_error("no function " + std::string(name) + " in " + std::string(path));
}

// A C library that Rust code calls, and Rust code that C calls.
const std::vector<std::pair<std::string, std::string>> k_mixed = {
    {"c/codec.c",
     "int codec_decode(unsigned char *out, const unsigned char *in, int n) { return n; }\n"
     "static int codec_helper(int n) { return n + 1; }\n"
     "int codec_version(void) { return 3; }\n"
     "int codec_private(char *p) { return p[0]; }\n"},
    {"c/jni.c", "void Java_org_codec_Native_init(void *env, void *cls) { }\nvoid java_like(void) { }\n"},
    {"src/lib.rs",
     "extern \"C\" {\n"
     "    fn codec_decode(out: *mut u8, input: *const u8, n: i32) -> i32;\n"
     "    fn codec_version() -> i32;\n"
     "    fn codec_helper(n: i32) -> i32;\n"
     "}\n"
     "#[no_mangle]\n"
     "pub extern \"C\" fn rs_decode(out: *mut u8, input: *const u8, n: i32) -> i32 {\n"
     "    unsafe { codec_decode(out, input, n) + codec_version() }\n"
     "}\n"
     "pub fn safe_wrapper(v: &mut [u8]) -> i32 {\n"
     "    v.len() as i32\n"
     "}\n"},
};

TEST(FfiSurface, RustImportsAreCollectedByLastSegment) {
  const auto s = tree(k_mixed);
  const ForeignImports imports(s);
  EXPECT_TRUE(imports.imported("codec_decode"));
  EXPECT_TRUE(imports.imported("ffi::codec_decode"));
  EXPECT_TRUE(imports.imported("codec_version"));
  EXPECT_FALSE(imports.imported("codec_private"));
  EXPECT_FALSE(imports.imported("decode"));
}

TEST(FfiSurface, BoundaryFunctionsCountOnePlusTheirUncheckedContracts) {
  const auto s = tree(k_mixed);
  const ForeignImports imports(s);
  auto points = [&](std::string_view path, std::string_view name) {
    return boundary_points(function(s, path, name), test::language_of(std::string(path)), imports);
  };
  // Called from Rust: 1 + pointer parameters (one bit, however many pointers).
  EXPECT_EQ(points("c/codec.c", "codec_decode"), 2);
  EXPECT_EQ(points("c/codec.c", "codec_version"), 1);
  // Static: no C symbol Rust could call, even if an extern block names it.
  EXPECT_EQ(points("c/codec.c", "codec_helper"), 0);
  // Not imported by the Rust code.
  EXPECT_EQ(points("c/codec.c", "codec_private"), 0);
  // Called from Java.
  EXPECT_EQ(points("c/jni.c", "Java_org_codec_Native_init"), 2);
  EXPECT_EQ(points("c/jni.c", "java_like"), 0);
  // Called from C: #[no_mangle] extern "C" with raw pointers.
  EXPECT_EQ(points("src/lib.rs", "rs_decode"), 2);
  EXPECT_EQ(points("src/lib.rs", "safe_wrapper"), 0);
}

TEST(FfiSurface, HotspotsCountBoundaryAndForeignCalls) {
  const auto s = tree(k_mixed);
  const Hotspots h = rank_hotspots(s, structure::assign_components(s, model::Scope{}, structure::ComponentOptions{}),
                                   RiskWeights{}, model::Scope{});
  auto function_row = [&](std::string_view name) -> const FunctionRisk& {
    for (const auto& f : h.functions)
      if (s.files[f.file].facts.functions[f.function].name == name) return f;
    throw std::runtime_error("no row for " + std::string(name));
  };
  // rs_decode: a boundary function (2) that calls two imported C functions (2).
  EXPECT_EQ(function_row("rs_decode").facts.ffi, 4);
  EXPECT_EQ(function_row("codec_decode").facts.ffi, 2);
  EXPECT_EQ(function_row("codec_private").facts.ffi, 0);
  for (const auto& f : h.files)
    if (s.files[f.file].path == "c/codec.c") EXPECT_EQ(f.facts.ffi, 3);
  // The factor: (1 + fact)^0.5 by default, shown even when it is 1.
  const RiskScore scored = score(function_row("rs_decode").facts, RiskWeights{});
  EXPECT_DOUBLE_EQ(scored.factors[static_cast<std::size_t>(FactorId::ffi)].multiplier, std::sqrt(5.0));
  RiskWeights off;
  off.ffi = 0;
  EXPECT_EQ(score(function_row("rs_decode").facts, off).factors[static_cast<std::size_t>(FactorId::ffi)].multiplier, 1);
}

}  // namespace
}  // namespace oxidize::risk
