#include "oxidize/cli/usage.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "oxidize/cli/terminal.hpp"

namespace oxidize::cli {
namespace {

TEST(Usage, EditDistance) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("hazard", "hazards"), 1u);
  EXPECT_EQ(edit_distance("histroy", "history"), 1u);  // a transposition is one edit
  EXPECT_EQ(edit_distance("scan", "diff"), 4u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
}

TEST(Usage, NearestName) {
  const std::vector<std::string> commands = {"scan", "functions", "hazards", "snapshots", "diff", "history"};
  EXPECT_EQ(nearest_name("hazard", commands), "hazards");
  EXPECT_EQ(nearest_name("histroy", commands), "history");
  EXPECT_EQ(nearest_name("func", commands), "functions");  // a prefix
  EXPECT_EQ(nearest_name("snapshot", commands), "snapshots");
  EXPECT_EQ(nearest_name("frobnicate", commands), std::nullopt);
  EXPECT_EQ(nearest_name("x", commands), std::nullopt);
  const std::vector<std::string> flags = {"--sort", "--top", "--format", "--min-severity", "--min-confidence"};
  EXPECT_EQ(nearest_name("--sortt", flags), "--sort");
  EXPECT_EQ(nearest_name("--fromat", flags), "--format");
  EXPECT_EQ(nearest_name("--min-sev", flags), "--min-severity");
  EXPECT_EQ(nearest_name("--colour", flags), std::nullopt);
}

// A small app shaped like oxidize's: the messages it gives for bad command lines.
class UsageErrors : public ::testing::Test {
 protected:
  UsageErrors() {
    app_.require_subcommand(1);
    CLI::App* hazards = app_.add_subcommand("hazards", "findings");
    hazards->add_option("paths", paths_);
    hazards->add_option("--sort", sort_);
    hazards->add_option("--format", format_)->check(CLI::IsMember({"table", "json"}));
    app_.add_subcommand("scan", "inventory")->add_option("paths", paths_);
    add_color_option(app_);
  }
  std::string error_for(std::vector<std::string> args) {
    std::vector<const char*> argv = {"oxidize"};
    for (const auto& a : args) argv.push_back(a.c_str());
    try {
      app_.parse(static_cast<int>(argv.size()), argv.data());
    } catch (const CLI::ParseError& e) {
      return usage_error_line(app_, e);
    }
    return "(parsed)";
  }
  CLI::App app_{"test", "oxidize"};
  std::vector<std::string> paths_;
  std::string sort_, format_;
};

TEST_F(UsageErrors, UnknownCommandSaysWhichExistAndTheNearest) {
  EXPECT_EQ(error_for({"hazard"}), "unknown command 'hazard'; did you mean 'hazards'? commands: hazards, scan");
  EXPECT_EQ(error_for({"frobnicate", "--sort", "x"}), "unknown command 'frobnicate'; commands: hazards, scan");
  EXPECT_EQ(error_for({}), "a command is required; commands: hazards, scan (oxidize --help)");
}

TEST_F(UsageErrors, UnknownOptionSuggestsTheCommandsNearest) {
  EXPECT_EQ(error_for({"hazards", ".", "--sortt", "path"}),
            "unknown option '--sortt' for 'oxidize hazards'; did you mean '--sort'? see oxidize hazards --help");
  EXPECT_EQ(error_for({"hazards", "--sortt=path"}),
            "unknown option '--sortt' for 'oxidize hazards'; did you mean '--sort'? see oxidize hazards --help");
  EXPECT_EQ(error_for({"hazards", "--colr", "never"}),
            "unknown option '--colr' for 'oxidize hazards'; did you mean '--color'? see oxidize hazards --help");
  EXPECT_EQ(error_for({"scan", "--zzzzzz"}), "unknown option '--zzzzzz' for 'oxidize scan'; see oxidize scan --help");
  EXPECT_EQ(error_for({"--sort", "x", "hazards"}), "'--sort' is an option of 'oxidize hazards': write it after the command");
}

TEST_F(UsageErrors, BadValuesKeepCliElevensLineWithTheCommandsHelp) {
  const std::string line = error_for({"hazards", "--format", "xml"});
  EXPECT_NE(line.find("--format"), std::string::npos) << line;
  EXPECT_NE(line.find("xml"), std::string::npos) << line;
  EXPECT_TRUE(line.ends_with("(see oxidize hazards --help)")) << line;
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_NE(error_for({"scan", "--color", "sometimes"}).find("sometimes"), std::string::npos);
}

TEST_F(UsageErrors, ColorGoesBeforeOrAfterTheCommand) {
  EXPECT_EQ(error_for({"--color", "never", "scan", "."}), "(parsed)");
  EXPECT_EQ(error_for({"scan", ".", "--color", "always"}), "(parsed)");
  set_color_mode(ColorMode::automatic);
}

TEST(Color, AutoFollowsTheEnvironmentAndTheTerminal) {
  using enum ColorMode;
  EXPECT_TRUE(color_wanted(automatic, nullptr, "xterm-256color", true));
  EXPECT_FALSE(color_wanted(automatic, nullptr, "xterm", false));  // a pipe or a file
  EXPECT_FALSE(color_wanted(automatic, "1", "xterm", true));       // NO_COLOR
  EXPECT_TRUE(color_wanted(automatic, "", "xterm", true));         // NO_COLOR empty counts as unset
  EXPECT_FALSE(color_wanted(automatic, nullptr, "dumb", true));    // TERM=dumb
  EXPECT_TRUE(color_wanted(automatic, nullptr, nullptr, true));
  // The option wins over the environment.
  EXPECT_TRUE(color_wanted(always, "1", "dumb", false));
  EXPECT_FALSE(color_wanted(never, nullptr, "xterm", true));
  EXPECT_EQ(color_mode_from_name("auto"), automatic);
  EXPECT_EQ(color_mode_from_name("always"), always);
  EXPECT_EQ(color_mode_from_name("never"), never);
  EXPECT_EQ(color_mode_from_name("yes"), std::nullopt);
}

}  // namespace
}  // namespace oxidize::cli
