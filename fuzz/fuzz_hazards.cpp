// libFuzzer target for the hazard detectors (C, C++ and Rust): any input must
// give findings that point inside the file, with a known rule, a snippet no
// longer than the limit and valid fingerprints, and never crash, hang or
// recurse without bound.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "oxidize/analyze/analyze_file.hpp"

namespace {

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "hazard invariant violated: %s\n", what);
  std::abort();
}

void check(const oxidize::model::FileFacts& facts) {
  const std::uint64_t lines = facts.lines.lines();
  std::uint32_t previous_line = 0;
  for (const auto& f : facts.hazards) {
    if (f.rule >= oxidize::hazards::RuleId::count_) fail("unknown rule");
    if (f.line == 0 || f.line > lines + 1) fail("line outside the file");
    if (f.column == 0) fail("column 0");
    if (f.line < previous_line) fail("findings out of line order");
    if (f.snippet.size() > oxidize::hazards::k_snippet_bytes) fail("snippet over its limit");
    if (f.message.empty()) fail("empty message");
    previous_line = f.line;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view src(reinterpret_cast<const char*>(data), size);
  using oxidize::discover::Language;
  const oxidize::analyze::AnalyzeOptions options{.functions = true, .hazards = true};
  check(oxidize::analyze::analyze_file("fuzz.c", src, Language::c, options));
  check(oxidize::analyze::analyze_file("fuzz.cc", src, Language::cpp, options));
  check(oxidize::analyze::analyze_file("fuzz.rs", src, Language::rust, options));
  return 0;
}
