#pragma once
// The command line as a whole: the --color option every command shares, and
// one clear line (with the nearest name) for a command or an option that
// does not exist, in place of CLI11's generic messages.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

namespace oxidize::cli {

// The Damerau-Levenshtein distance (optimal string alignment: an adjacent
// transposition counts one) between two names.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word` when it is near enough to be a slip: at
// most a third of the word's length away (at least 1, at most 3), or
// beginning with it (three characters at least); ties go to the first
// listed. nullopt when none is.
std::optional<std::string> nearest_name(std::string_view word, const std::vector<std::string>& candidates);

// Registers `--color auto|always|never` on `app` and on each of its
// subcommands (so it goes before or after the command); the value sets the
// mode use_color() reads (cli/terminal.hpp). Call after the commands are added.
void add_color_option(CLI::App& app);

// The one line (without "oxidize: error: ") that says what is wrong with
// the command line `app` failed to parse: an unknown command or option with
// the nearest one, the commands there are, or CLI11's own message for the
// rest, pointing at --help.
std::string usage_error_line(const CLI::App& app, const CLI::ParseError& error);

}  // namespace oxidize::cli
