// Golden tests of the function parsers: each fixture under
// tests/golden/functions/ states what must be found, inline, on the line
// above each function's name:
//   // EXPECT: name=ns::Class::method ccn=3 ccn_modified=2 params=1 nesting=1 nloc=4 unsafe=1 unsafe_blocks=2
// (a value with spaces is quoted: name="F::operator new[]")
// Only the keys given are checked (name always is). Every function found must
// have an EXPECT and every EXPECT must be found. Fixtures under
// tests/bugs/functions/ hold known misses and must still fail, so that an
// accidental fix shows up and the fixture moves to golden/.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "oxidize/analyze/analyze_file.hpp"

namespace oxidize::parse {
namespace {

namespace fs = std::filesystem;

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// line of the function's name -> expected key/values
std::map<std::uint32_t, std::map<std::string, std::string>> expectations(const std::string& text) {
  std::map<std::uint32_t, std::map<std::string, std::string>> out;
  std::istringstream lines(text);
  std::string line;
  std::uint32_t number = 0;
  while (std::getline(lines, line)) {
    ++number;
    const auto at = line.find("// EXPECT:");
    if (at == std::string::npos) continue;
    // key=value pairs separated by spaces; a value with spaces is quoted:
    // name="F::operator new[]".
    const std::string rest = line.substr(at + 10);
    auto& e = out[number + 1];
    std::size_t i = 0;
    while (i < rest.size()) {
      while (i < rest.size() && rest[i] == ' ') ++i;
      const auto eq = rest.find('=', i);
      if (eq == std::string::npos) break;
      const std::string key = rest.substr(i, eq - i);
      std::size_t end;
      std::string value;
      if (eq + 1 < rest.size() && rest[eq + 1] == '"') {
        end = rest.find('"', eq + 2);
        if (end == std::string::npos) end = rest.size();
        value = rest.substr(eq + 2, end - eq - 2);
        ++end;
      } else {
        end = rest.find(' ', eq + 1);
        if (end == std::string::npos) end = rest.size();
        value = rest.substr(eq + 1, end - eq - 1);
      }
      e[key] = value;
      i = end;
    }
  }
  return out;
}

std::string value_of(const FunctionFacts& f, const std::string& key) {
  if (key == "name") return f.name;
  if (key == "ccn") return std::to_string(f.ccn);
  if (key == "ccn_modified") return std::to_string(f.ccn_modified);
  if (key == "params") return std::to_string(f.params);
  if (key == "nesting") return std::to_string(f.max_nesting);
  if (key == "nloc") return std::to_string(f.nloc);
  if (key == "tokens") return std::to_string(f.tokens);
  if (key == "end") return std::to_string(f.end_line);
  if (key == "unsafe") return f.is_unsafe ? "1" : "0";
  if (key == "unsafe_blocks") return std::to_string(f.unsafe_blocks);
  return "<unknown key " + key + ">";
}

// Every disagreement between a fixture and the parser, one line each.
std::vector<std::string> check_fixture(const fs::path& path) {
  const std::string text = read_all(path);
  const discover::LanguageMap languages;
  const auto language = languages.for_file_name(path.filename().string());
  if (!language) return {path.string() + ": not a source file"};
  const auto facts = analyze::analyze_file(path.filename().string(), text, *language);
  auto expected = expectations(text);
  std::vector<std::string> problems;
  const std::string where = path.filename().string() + ":";
  for (const auto& f : facts.functions) {
    auto it = expected.find(f.start_line);
    if (it == expected.end()) {
      problems.push_back(where + std::to_string(f.start_line) + ": unexpected function " + f.name);
      continue;
    }
    for (const auto& [key, want] : it->second) {
      const std::string got = value_of(f, key);
      if (got != want)
        problems.push_back(where + std::to_string(f.start_line) + ": " + key + " is " + got + ", expected " + want);
    }
    expected.erase(it);
  }
  for (const auto& [line, e] : expected) {
    const auto name = e.find("name");
    problems.push_back(where + std::to_string(line) + ": function not found: " +
                       (name == e.end() ? "?" : name->second));
  }
  for (const auto& issue : facts.parse_issues)
    problems.push_back(where + std::to_string(issue.line) + ": parse issue: " + issue.message);
  return problems;
}

std::vector<fs::path> fixtures(const char* folder) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fs::path(OXIDIZE_SOURCE_DIR) / folder))
    if (e.is_regular_file()) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(GoldenFunctions, EveryFixtureMatchesItsExpectations) {
  const auto files = fixtures("tests/golden/functions");
  ASSERT_FALSE(files.empty());
  for (const auto& path : files) {
    const auto problems = check_fixture(path);
    for (const auto& p : problems) ADD_FAILURE() << p;
  }
}

TEST(KnownFunctionBugs, StillFailAsDocumented) {
  for (const auto& path : fixtures("tests/bugs/functions")) {
    EXPECT_FALSE(check_fixture(path).empty())
        << path << " now passes: the bug is fixed, move the fixture to tests/golden/functions/";
  }
}

}  // namespace
}  // namespace oxidize::parse
