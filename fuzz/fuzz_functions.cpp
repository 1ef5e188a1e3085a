// libFuzzer target for the function parsers (C/C++ and Rust): any input must
// give sane functions and never crash, hang or recurse.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "oxidize/analyze/analyze_file.hpp"

namespace {

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "function invariant violated: %s\n", what);
  std::abort();
}

void check(const oxidize::model::FileFacts& facts) {
  std::uint32_t previous_end = 0;
  for (const auto& f : facts.functions) {
    if (f.start_line == 0 || f.end_line < f.start_line) fail("end before start");
    if (f.start_line < previous_end) fail("functions overlap");  // no function is found inside another
    if (f.nloc == 0 || f.nloc > f.end_line - f.start_line + 1) fail("nloc outside the function's lines");
    if (f.ccn < 1 || f.ccn_modified < 1 || f.tokens == 0) fail("metric below its minimum");
    if (f.name.empty()) fail("empty name");
    previous_end = f.end_line;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view src(reinterpret_cast<const char*>(data), size);
  using oxidize::discover::Language;
  check(oxidize::analyze::analyze_file("fuzz.c", src, Language::c));
  check(oxidize::analyze::analyze_file("fuzz.cc", src, Language::cpp));
  check(oxidize::analyze::analyze_file("fuzz.rs", src, Language::rust));
  return 0;
}
