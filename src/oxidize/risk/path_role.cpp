#include "oxidize/risk/path_role.hpp"

#include <array>
#include <utility>


namespace oxidize::risk {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// Folder names, compared without case.
constexpr std::array<std::pair<std::string_view, PathRole>, 26> k_folders = {{
    {"test", PathRole::test},         {"tests", PathRole::test},        {"testing", PathRole::test},
    {"testsuite", PathRole::test},    {"unittest", PathRole::test},     {"unittests", PathRole::test},
    {"unit-tests", PathRole::test},   {"unit_tests", PathRole::test},   {"example", PathRole::example},
    {"examples", PathRole::example},  {"demo", PathRole::example},       {"demos", PathRole::example},
    {"sample", PathRole::example},    {"samples", PathRole::example},   {"doc", PathRole::docs},
    {"docs", PathRole::docs},         {"documentation", PathRole::docs}, {"fuzz", PathRole::fuzz},
    {"fuzzing", PathRole::fuzz},      {"fuzzer", PathRole::fuzz},       {"fuzzers", PathRole::fuzz},
    {"oss-fuzz", PathRole::fuzz},     {"bench", PathRole::bench},       {"benches", PathRole::bench},
    {"benchmark", PathRole::bench},   {"benchmarks", PathRole::bench},
}};

// test_foo.c, foo_test.cc, foo-test.c, foo_tests.c, foo_unittest.cc, foo_fuzzer.c
PathRole file_role(std::string_view name) {
  const auto dot = name.rfind('.');
  const std::string_view stem = dot == std::string_view::npos ? name : name.substr(0, dot);
  auto lower_starts = [&](std::string_view prefix) {
    return stem.size() > prefix.size() && iequals(stem.substr(0, prefix.size()), prefix);
  };
  auto lower_ends = [&](std::string_view suffix) {
    return stem.size() > suffix.size() && iequals(stem.substr(stem.size() - suffix.size()), suffix);
  };
  if (lower_starts("test_")) return PathRole::test;
  for (std::string_view s : {"_test", "-test", "_tests", "-tests", "_unittest"})
    if (lower_ends(s)) return PathRole::test;
  if (lower_ends("_fuzzer") || lower_ends("-fuzzer") || lower_starts("fuzz_")) return PathRole::fuzz;
  return PathRole::product;
}

}  // namespace

PathRole path_role(std::string_view path) {
  std::size_t begin = 0;
  while (true) {
    const std::size_t slash = path.find('/', begin);
    if (slash == std::string_view::npos) return file_role(path.substr(begin));
    const std::string_view folder = path.substr(begin, slash - begin);
    for (const auto& [name, role] : k_folders)
      if (iequals(folder, name)) return role;
    begin = slash + 1;
  }
}

}  // namespace oxidize::risk
