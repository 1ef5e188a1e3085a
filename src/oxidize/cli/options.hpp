#pragma once
// Parsing of option values shared by the commands: sizes, --by, --ext, rule lists.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "oxidize/discover/language.hpp"
#include "oxidize/model/aggregate.hpp"
#include "oxidize/model/hazard_selection.hpp"

namespace oxidize::cli {

// "200M", "1G", "4096", "64k" -> bytes (binary multiples).
tl::expected<std::size_t, std::string> parse_size(std::string_view text);

struct GroupSpec {
  model::GroupBy by = model::GroupBy::language;
  unsigned depth = 0;
};
// "language", "file", "dir", "dir:2"
tl::expected<GroupSpec, std::string> parse_group(std::string_view text);

// "inc=c" -> {"inc", Language::c}
tl::expected<std::pair<std::string, discover::Language>, std::string> parse_ext(std::string_view text);

// --rules and --exclude-rules: comma-separated rule ids or id prefixes
// ("OXI-C0001", "OXI-R" for the Rust family), case-insensitive, each option
// repeatable. All rules when `rules` is empty; then `exclude` removes. An item
// that names no rule is an error.
tl::expected<model::RuleSet, std::string> parse_rule_selection(const std::vector<std::string>& rules,
                                                              const std::vector<std::string>& exclude);

}  // namespace oxidize::cli
