// libFuzzer target for the function parsers and the structure extractor
// (C/C++ and Rust): any input must give sane functions, call sites that point
// at them, and never crash, hang or recurse.
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
  const auto& s = facts.structure;
  std::uint32_t previous_line = 0;
  for (const auto& c : s.calls) {
    if (c.function >= facts.functions.size()) fail("call outside the functions");
    if (c.callee >= s.names.size()) fail("call names no callee");
    if (s.names[c.callee].empty()) fail("empty callee name");
    const auto& f = facts.functions[c.function];
    if (c.line < f.start_line || c.line > f.end_line) fail("call outside its function's lines");
    if (c.line < previous_line) fail("calls out of file order");
    previous_line = c.line;
  }
  for (const auto& i : s.includes)
    if (i.line == 0) fail("include without a line");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view src(reinterpret_cast<const char*>(data), size);
  using oxidize::discover::Language;
  const oxidize::analyze::AnalyzeOptions options{.functions = true, .hazards = false, .structure = true};
  check(oxidize::analyze::analyze_file("fuzz.c", src, Language::c, options));
  check(oxidize::analyze::analyze_file("fuzz.cc", src, Language::cpp, options));
  check(oxidize::analyze::analyze_file("fuzz.rs", src, Language::rust, options));
  return 0;
}
