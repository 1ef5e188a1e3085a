#include "oxidize/cli/usage.hpp"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

#include "oxidize/cli/terminal.hpp"

namespace oxidize::cli {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rows of the classic table: two back for the transposition.
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  std::iota(previous.begin(), previous.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        current[j] = std::min(current[j], before[j - 2] + 1);
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::optional<std::string> nearest_name(std::string_view word, const std::vector<std::string>& candidates) {
  // Dashes do not count towards how long a word is: "--x" is one letter.
  const std::size_t letters = word.size() - std::min(word.find_first_not_of('-'), word.size());
  const std::size_t allowed = std::clamp<std::size_t>(letters / 3, 1, 3);
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  for (const auto& candidate : candidates) {
    const std::size_t d = edit_distance(word, candidate);
    const bool prefix = letters >= 3 && candidate.starts_with(word);
    if (d > allowed && !prefix) continue;
    if (!best || d < best_distance) {
      best = candidate;
      best_distance = d;
    }
  }
  return best;
}

namespace {

std::vector<std::string> command_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) names.push_back(sub->get_name());
  return names;
}

// "--name" and "-n" for every option of `app` that has names.
std::vector<std::string> option_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* opt : app.get_options()) {
    for (const auto& l : opt->get_lnames()) names.push_back("--" + l);
    for (const auto& s : opt->get_snames()) names.push_back("-" + s);
  }
  return names;
}

bool is_option(std::string_view arg) { return arg.size() > 1 && arg.front() == '-'; }

// The option's name as typed, without an `=value`.
std::string option_word(std::string_view arg) {
  if (arg.starts_with("--")) arg = arg.substr(0, arg.find('='));
  return std::string(arg);
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

std::string unknown_command(const CLI::App& app, std::string_view word) {
  const auto names = command_names(app);
  const auto near = nearest_name(word, names);
  return fmt::format("unknown command '{}'; {}commands: {}", word,
                     near ? fmt::format("did you mean '{}'? ", *near) : std::string(), joined(names));
}

std::string unknown_option(const CLI::App& app, const CLI::App* command, std::string_view arg) {
  const std::string word = option_word(arg);
  std::vector<std::string> names = option_names(command != nullptr ? *command : app);
  if (command != nullptr)
    for (auto& n : option_names(app))
      if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
  // Suggestions for long options only: one letter is too short to guess from.
  const auto near = word.starts_with("--") ? nearest_name(word, names) : std::nullopt;
  const std::string where = command != nullptr ? fmt::format(" for 'oxidize {}'", command->get_name()) : "";
  const std::string help = command != nullptr ? fmt::format("oxidize {} --help", command->get_name()) : "oxidize --help";
  return fmt::format("unknown option '{}'{}; {}see {}", word, where,
                     near ? fmt::format("did you mean '{}'? ", *near) : std::string(), help);
}

const CLI::App* parsed_command(const CLI::App& app) {
  const auto parsed = app.get_subcommands();
  return parsed.empty() ? nullptr : parsed.front();
}

}  // namespace

void add_color_option(CLI::App& app) {
  const auto add = [](CLI::App& on) {
    on.add_option_function<std::string>(
          "--color", [](const std::string& value) { set_color_mode(*color_mode_from_name(value)); },
          "Colour in the table: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->type_name("WHEN");
  };
  add(app);
  for (CLI::App* sub : app.get_subcommands(std::function<bool(CLI::App*)>([](CLI::App*) { return true; }))) add(*sub);
}

std::string usage_error_line(const CLI::App& app, const CLI::ParseError& error) {
  const CLI::App* command = parsed_command(app);
  const bool extras = dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr;
  const std::vector<std::string> before = app.remaining();  // left over before (or without) a command
  if (command == nullptr && (extras || dynamic_cast<const CLI::RequiredError*>(&error) != nullptr)) {
    for (const auto& arg : before) {
      if (is_option(arg)) return unknown_option(app, nullptr, arg) + "; commands: " + joined(command_names(app));
      return unknown_command(app, arg);
    }
    return "a command is required; commands: " + joined(command_names(app)) + " (oxidize --help)";
  }
  if (command != nullptr && extras) {
    for (const auto& arg : command->remaining())
      if (is_option(arg)) return unknown_option(app, command, arg);
    for (const auto& arg : before) {
      if (!is_option(arg)) return unknown_command(app, arg);
      // An option of the command written before it.
      const std::string word = option_word(arg);
      const auto names = option_names(*command);
      if (std::find(names.begin(), names.end(), word) != names.end())
        return fmt::format("'{}' is an option of 'oxidize {}': write it after the command", word, command->get_name());
      return unknown_option(app, command, arg);
    }
    const auto rest = command->remaining();
    if (!rest.empty())
      return fmt::format("unexpected argument '{}' for 'oxidize {}'; see oxidize {} --help", rest.front(),
                         command->get_name(), command->get_name());
  }
  return fmt::format("{} (see oxidize{} --help)", error.what(),
                     command != nullptr ? " " + command->get_name() : std::string());
}

}  // namespace oxidize::cli
