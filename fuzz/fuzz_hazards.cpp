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

// Project wrappers as oxidize.toml declares them, some with their arguments
// reordered or fewer than a call gives: the remapping must hold on any input.
const oxidize::hazards::ProjectFunctions& wrappers() {
  static const oxidize::hazards::ProjectFunctions table = [] {
    oxidize::hazards::ProjectFunctions t;
    const int copy_order[] = {2, 0, 1};
    const int second[] = {1};
    const int far[] = {7};
    if (!t.add("cpy", "memcpy", copy_order, std::nullopt) || !t.add("pfree", "free", second, std::nullopt) ||
        !t.add("xalloc", "malloc", {}, false) || !t.add("fmt", "snprintf", far, std::nullopt))
      fail("wrapper table");
    return t;
  }();
  return table;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view src(reinterpret_cast<const char*>(data), size);
  using oxidize::discover::Language;
  const oxidize::analyze::AnalyzeOptions options{.functions = true, .hazards = true};
  check(oxidize::analyze::analyze_file("fuzz.c", src, Language::c, options));
  check(oxidize::analyze::analyze_file("fuzz.cc", src, Language::cpp, options));
  check(oxidize::analyze::analyze_file("fuzz.rs", src, Language::rust, options));
  const oxidize::analyze::AnalyzeOptions with_wrappers{
      .functions = true, .hazards = true, .project_functions = &wrappers()};
  check(oxidize::analyze::analyze_file("fuzz.c", src, Language::c, with_wrappers));
  return 0;
}
