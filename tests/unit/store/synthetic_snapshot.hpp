#pragma once
// Big, deterministic snapshots without scanning anything: for the bulk write
// test and the SIGKILL test's writer (tests/store/store_writer.cpp), which
// must regenerate exactly what it wrote to check what it reads back.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <string>

#include "oxidize/hazards/rules.hpp"
#include "oxidize/model/snapshot.hpp"

namespace oxidize::test {

inline std::uint64_t mix(std::uint64_t x) {  // splitmix64's finaliser
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}
inline std::uint64_t mix(std::uint64_t a, std::uint64_t b) { return mix(a ^ mix(b)); }

struct SyntheticShape {
  std::size_t files = 1000;
  std::size_t functions_per_file = 8;
};

// Snapshot number `generation` of a tree that evolves: file i changes every
// (1 + i % 7) generations, so consecutive generations share most contents
// and each writes some new ones, as rescans of a live tree do.
inline model::Snapshot synthetic_snapshot(const SyntheticShape& shape, std::uint64_t generation) {
  const auto rules = hazards::all_rules();
  model::Snapshot s;
  s.info.created_at = fmt::format("2026-01-01T00:00:{:02}Z", generation % 60);
  s.info.tool_version = "0.1.0";
  s.info.tree = "/synthetic/tree";
  s.info.roots = {"."};
  s.info.commit = fmt::format("{:040x}", mix(generation));
  s.info.options = fmt::format(R"({{"generation":{}}})", generation);
  s.skipped[0] = generation;
  s.files.reserve(shape.files);
  for (std::size_t i = 0; i < shape.files; ++i) {
    const std::uint64_t rev = generation / (1 + i % 7);
    const std::uint64_t h = mix(i, rev);
    model::FileRecord& f = s.files.emplace_back();
    f.path = fmt::format("dir{:03}/file{:06}.{}", i / 100, i, i % 5 == 4 ? "rs" : "c");
    model::FileFacts& x = f.facts;
    x.language = i % 5 == 4 ? discover::Language::rust : discover::Language::c;
    x.hash = h;
    x.bytes = 1000 + h % 50000;
    x.lines = {20 + h % 2000, h % 300, h % 200};
    if (i % 97 == 0) {
      f.exclusion = discover::Exclusion::vendored;
      f.exclusion_why = "under vendored directory third_party";
    }
    x.functions.reserve(shape.functions_per_file);
    for (std::size_t j = 0; j < shape.functions_per_file; ++j) {
      parse::FunctionFacts& fn = x.functions.emplace_back();
      const std::uint64_t g = mix(h, j);
      fn.name = fmt::format("module{}::function_{}_{}", i % 13, j, g % 1000);
      fn.start_line = static_cast<std::uint32_t>(10 * j + 1);
      fn.end_line = fn.start_line + static_cast<std::uint32_t>(g % 9);
      fn.body_begin = static_cast<std::uint32_t>(g % 100000);
      fn.body_end = fn.body_begin + 500;
      fn.nloc = static_cast<std::uint32_t>(g % 80);
      fn.ccn = 1 + static_cast<std::uint32_t>(g % 30);
      fn.ccn_modified = fn.ccn;
      fn.params = static_cast<std::uint32_t>(g % 6);
      fn.max_nesting = static_cast<std::uint32_t>(g % 5);
      fn.tokens = static_cast<std::uint32_t>(g % 900);
      fn.is_unsafe = x.language == discover::Language::rust && g % 3 == 0;
    }
    if (h % 8 == 0) {
      hazards::Finding& a = x.hazards.emplace_back();
      a.rule = rules[h % rules.size()].key;
      a.confidence = hazards::Confidence::medium;
      a.line = 12;
      a.column = 5;
      a.function = x.functions.empty() ? "" : x.functions.front().name;
      a.message = "copy into 'buf'";
      a.snippet = "strcpy(buf, src);";
      a.fingerprint = mix(h, 99);
    }
    if (h % 50 == 0) x.parse_issues.push_back({7, "unbalanced braces"});
  }
  std::sort(s.files.begin(), s.files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return s;
}

}  // namespace oxidize::test
