#include "oxidize/cli/options.hpp"

#include <charconv>

#include "oxidize/hazards/rules.hpp"

namespace oxidize::cli {

tl::expected<std::size_t, std::string> parse_size(std::string_view text) {
  std::size_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end == text.data())
    return tl::unexpected("invalid size '" + std::string(text) + "' (examples: 4096, 64K, 200M, 1G)");
  std::string_view suffix(end, static_cast<std::size_t>(text.data() + text.size() - end));
  unsigned shift = 0;
  if (suffix == "" || suffix == "B") shift = 0;
  else if (suffix == "K" || suffix == "k" || suffix == "KiB") shift = 10;
  else if (suffix == "M" || suffix == "MiB") shift = 20;
  else if (suffix == "G" || suffix == "GiB") shift = 30;
  else return tl::unexpected("invalid size suffix in '" + std::string(text) + "' (use K, M or G)");
  if (value > (std::size_t{1} << 32)) return tl::unexpected("size too large: '" + std::string(text) + "'");
  return value << shift;
}

tl::expected<GroupSpec, std::string> parse_group(std::string_view text) {
  if (text == "language" || text == "lang") return GroupSpec{model::GroupBy::language, 0};
  if (text == "file") return GroupSpec{model::GroupBy::file, 0};
  if (text == "dir" || text == "directory") return GroupSpec{model::GroupBy::directory, 0};
  for (std::string_view prefix : {"dir:", "directory:"}) {
    if (text.substr(0, prefix.size()) == prefix) {
      const std::string_view digits = text.substr(prefix.size());
      unsigned depth = 0;
      const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), depth);
      if (ec != std::errc() || end != digits.data() + digits.size() || depth == 0 || depth > 1000)
        return tl::unexpected("invalid directory depth in '" + std::string(text) + "' (example: dir:2)");
      return GroupSpec{model::GroupBy::directory, depth};
    }
  }
  return tl::unexpected("invalid --by '" + std::string(text) + "' (use language, dir, dir:DEPTH or file)");
}

tl::expected<std::pair<std::string, discover::Language>, std::string> parse_ext(std::string_view text) {
  const auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0)
    return tl::unexpected("invalid --ext '" + std::string(text) + "' (example: --ext inc=c)");
  std::string_view ext = text.substr(0, eq);
  if (ext.front() == '.') ext.remove_prefix(1);
  const auto lang = discover::language_from_key(text.substr(eq + 1));
  if (!lang || ext.empty())
    return tl::unexpected("invalid --ext '" + std::string(text) +
                          "' (languages: c, c_header, cpp, cpp_header, rust)");
  return std::pair{std::string(ext), *lang};
}

namespace {

// Applies each item of a --rules/--exclude-rules list to `set`.
tl::expected<void, std::string> apply_rule_items(const std::vector<std::string>& values, std::string_view flag,
                                                 bool value, model::RuleSet& set) {
  for (const auto& text : values) {
    std::string_view rest = text;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      std::string item(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      std::erase_if(item, [](char c) { return c == ' ' || c == '\t'; });
      if (item.empty()) continue;
      for (char& c : item)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      bool any = false;
      for (const auto& rule : hazards::all_rules()) {
        if (!rule.id.starts_with(item)) continue;
        set.set(static_cast<std::size_t>(rule.key), value);
        any = true;
      }
      if (!any)
        return tl::unexpected("unknown rule '" + item + "' in " + std::string(flag) +
                              ": no rule id starts with it (oxidize hazards --list-rules shows them)");
    }
  }
  return {};
}

}  // namespace

tl::expected<model::RuleSet, std::string> parse_rule_selection(const std::vector<std::string>& rules,
                                                              const std::vector<std::string>& exclude) {
  model::RuleSet set;
  bool any_given = false;
  for (const auto& r : rules) any_given = any_given || r.find_first_not_of(", \t") != std::string::npos;
  if (!any_given) set.set();
  if (auto ok = apply_rule_items(rules, "--rules", true, set); !ok) return tl::unexpected(ok.error());
  if (auto ok = apply_rule_items(exclude, "--exclude-rules", false, set); !ok) return tl::unexpected(ok.error());
  return set;
}

}  // namespace oxidize::cli
