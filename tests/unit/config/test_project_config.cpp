#include "oxidize/config/project_config.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace oxidize::config {
namespace {

TEST(ProjectConfig, EmptyFileKeepsTheDefaults) {
  const auto config = parse_project_config("", "oxidize.toml");
  ASSERT_TRUE(config.has_value()) << config.error();
  EXPECT_TRUE(config->hazards.exclude.empty());
  EXPECT_EQ(config->hazards.rules_doc_uri, k_default_rules_doc_uri);
  EXPECT_TRUE(config->warnings.empty());
}

TEST(ProjectConfig, HazardsSection) {
  const auto config = parse_project_config(
      "# settings\n[hazards]\nexclude = [\"tests/**\", \"examples/*.c\"]\n"
      "rules_doc_uri = \"https://intranet.example/oxidize/rules.html\"\n",
      "oxidize.toml");
  ASSERT_TRUE(config.has_value()) << config.error();
  ASSERT_EQ(config->hazards.exclude.size(), 2u);
  EXPECT_TRUE(matches_any(config->hazards.exclude, "tests/unit/a.c"));
  EXPECT_TRUE(matches_any(config->hazards.exclude, "examples/demo.c"));
  EXPECT_FALSE(matches_any(config->hazards.exclude, "src/a.c"));
  EXPECT_EQ(config->hazards.rules_doc_uri, "https://intranet.example/oxidize/rules.html");
}

TEST(ProjectConfig, UnknownKeysAreWarningsWithTheirLine) {
  const auto config = parse_project_config("[hazard]\nx = 1\n[hazards]\nexlude = []\n", "p/oxidize.toml");
  ASSERT_TRUE(config.has_value()) << config.error();
  ASSERT_EQ(config->warnings.size(), 2u);
  EXPECT_EQ(config->warnings[0], "p/oxidize.toml:1: unknown key hazard (ignored)");
  EXPECT_EQ(config->warnings[1], "p/oxidize.toml:4: unknown key hazards.exlude (ignored)");
}

TEST(ProjectConfig, ErrorsNameFileAndLine) {
  auto bad = parse_project_config("[hazards]\nexclude = [\"a\",\n", "oxidize.toml");
  ASSERT_FALSE(bad.has_value());
  EXPECT_TRUE(bad.error().starts_with("oxidize.toml:")) << bad.error();
  bad = parse_project_config("[hazards]\n\nexclude = \"tests/**\"\n", "oxidize.toml");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error(), "oxidize.toml:3: hazards.exclude must be an array of strings");
  bad = parse_project_config("[hazards]\nexclude = [\"ok\", 3]\n", "oxidize.toml");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error(), "oxidize.toml:2: hazards.exclude must be an array of strings");
  bad = parse_project_config("[hazards]\nexclude = [\"[abc\"]\n", "oxidize.toml");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error(), "oxidize.toml:2: hazards.exclude: unclosed '[' in pattern '[abc'");
  bad = parse_project_config("[hazards]\nrules_doc_uri = \"docs/rules.md\"\n", "oxidize.toml");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().find("absolute URI"), std::string::npos);
  bad = parse_project_config("hazards = 3\n", "oxidize.toml");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error(), "oxidize.toml:1: hazards must be a table ([hazards])");
}

TEST(ProjectConfig, DefaultPathAndLoading) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("oxidize-config-" + std::to_string(::getpid()));
  fs::create_directories(dir / ".git");  // the search upwards stops here
  EXPECT_EQ(default_config_path(dir.string()), "");
  std::ofstream(dir / "oxidize.toml") << "[hazards]\nexclude = [\"gen/**\"]\n";
  EXPECT_EQ(default_config_path(dir.string()), (dir / "oxidize.toml").string());
  // A file root: its folder's.
  EXPECT_EQ(default_config_path((dir / "oxidize.toml").string()), (dir / "oxidize.toml").string());
  const auto loaded = load_project_config((dir / "oxidize.toml").string());
  ASSERT_TRUE(loaded.has_value()) << loaded.error();
  EXPECT_EQ(loaded->hazards.exclude.size(), 1u);
  EXPECT_FALSE(load_project_config((dir / "missing.toml").string()).has_value());
  EXPECT_FALSE(load_project_config(dir.string()).has_value());  // a directory
  fs::remove_all(dir);
}

// Upwards from the scanned folder to the repository's root: the nearest
// oxidize.toml, its globs anchored at its own folder.
TEST(ProjectConfig, FoundAboveTheScannedFolderUpToTheRepository) {
  namespace fs = std::filesystem;
  const fs::path outer = fs::temp_directory_path() / ("oxidize-config-up-" + std::to_string(::getpid()));
  const fs::path repo = outer / "repo";
  fs::create_directories(repo / ".git");
  fs::create_directories(repo / "src" / "deep");
  std::ofstream(outer / "oxidize.toml") << "[hazards]\nexclude = [\"**\"]\n";  // above the repository: never read
  EXPECT_FALSE(find_config((repo / "src" / "deep").string()).has_value());

  std::ofstream(repo / "oxidize.toml") << "[hazards]\nexclude = [\"src/deep/gen/**\", \"tests\"]\n"
                                          "[components]\ncore = \"src/deep/core/**\"\n";
  std::ofstream(repo / "src" / "deep" / "a.c") << "int x;\n";
  const fs::path real_repo = fs::canonical(repo);
  auto found = find_config((repo / "src" / "deep").string());
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->path, (real_repo / "oxidize.toml").string());
  EXPECT_EQ(found->base, "src/deep/");
  found = find_config((repo / "src" / "deep" / "a.c").string());  // a file: from its folder
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->base, "src/deep/");
  found = find_config(repo.string());  // in the root itself: named as given, no base
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->path, (repo / "oxidize.toml").string());
  EXPECT_EQ(found->base, "");

  // The nearest one wins.
  std::ofstream(repo / "src" / "oxidize.toml") << "";
  found = find_config((repo / "src" / "deep").string());
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->path, (real_repo / "src" / "oxidize.toml").string());
  EXPECT_EQ(found->base, "deep/");
  fs::remove(repo / "src" / "oxidize.toml");

  // Paths relative to the scanned folder match as if relative to the file's.
  auto config = load_project_config((repo / "oxidize.toml").string());
  ASSERT_TRUE(config.has_value()) << config.error();
  set_glob_base(*config, "src/deep/");
  EXPECT_TRUE(matches_any(config->hazards.exclude, "gen/x.c"));
  EXPECT_FALSE(matches_any(config->hazards.exclude, "x.c"));
  EXPECT_FALSE(matches_any(config->hazards.exclude, "tests/x.c"));  // that is src/deep/tests
  ASSERT_EQ(config->components.size(), 1u);
  EXPECT_TRUE(matches_any(config->components[0].globs, "core/a.c"));
  fs::remove_all(outer);
}

TEST(ProjectConfig, RiskWeights) {
  const auto config = parse_project_config("[risk]\nsize = 0\nfixes = 1\nnon_product = 0.5\nsecurity_fixes = 0.25\n",
                                           "oxidize.toml");
  ASSERT_TRUE(config.has_value()) << config.error();
  ASSERT_EQ(config->risk.weights.size(), 4u);
  EXPECT_EQ(config->risk.weights[0], (std::pair<std::string, double>{"size", 0.0}));  // in the order written
  EXPECT_EQ(config->risk.weights[1], (std::pair<std::string, double>{"fixes", 1.0}));  // an integer is a number
  EXPECT_EQ(config->risk.weights[3], (std::pair<std::string, double>{"security_fixes", 0.25}));
  EXPECT_TRUE(config->warnings.empty());
}

TEST(ProjectConfig, RiskErrorsAndUnknownWeights) {
  auto c = parse_project_config("[risk]\nfixess = 1\n", "oxidize.toml");
  ASSERT_TRUE(c.has_value()) << c.error();
  ASSERT_EQ(c->warnings.size(), 1u);
  EXPECT_TRUE(c->warnings[0].starts_with("oxidize.toml:2: unknown key risk.fixess (ignored; known: complexity,"))
      << c->warnings[0];
  c = parse_project_config("[risk]\nfixes = -1\n", "oxidize.toml");
  ASSERT_FALSE(c.has_value());
  EXPECT_EQ(c.error(), "oxidize.toml:2: risk.fixes must be a number from 0 to 100");
  c = parse_project_config("[risk]\n\nnon_product = 2\n", "oxidize.toml");
  ASSERT_FALSE(c.has_value());
  EXPECT_EQ(c.error(), "oxidize.toml:3: risk.non_product must be a number from 0 to 1");
  c = parse_project_config("[risk]\nsize = \"half\"\n", "oxidize.toml");
  ASSERT_FALSE(c.has_value());
  EXPECT_EQ(c.error(), "oxidize.toml:2: risk.size must be a number from 0 to 100");
  c = parse_project_config("risk = 3\n", "oxidize.toml");
  ASSERT_FALSE(c.has_value());
  EXPECT_EQ(c.error(), "oxidize.toml:1: risk must be a table ([risk])");
  c = parse_project_config("[risk]\nsize = nan\n", "oxidize.toml");
  ASSERT_FALSE(c.has_value());
}

}  // namespace
}  // namespace oxidize::config
