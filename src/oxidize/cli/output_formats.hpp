#pragma once
// A command's output formats as one table: each name with the renderer that
// writes it. The table is what --format accepts (CLI11 checks the name against
// it) and what runs, so a format is added in one place.
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "oxidize/util/output.hpp"

namespace oxidize::cli {

// `View` is what the command hands its renderers: the scan, the selection,
// the style.
template <typename View>
struct OutputFormat {
  std::string_view name;
  void (*render)(util::Output& out, const View& view);
};

// The names of a table of OutputFormat, in its order, for CLI::IsMember.
template <typename Formats>
std::vector<std::string> format_names(const Formats& formats) {
  std::vector<std::string> names;
  for (const auto& f : formats) names.emplace_back(f.name);
  return names;
}

// The format called `name` (already checked by CLI11 against the table).
template <typename Formats>
const auto& find_format(const Formats& formats, std::string_view name) {
  for (const auto& f : formats)
    if (f.name == name) return f;
  throw std::invalid_argument("unknown output format '" + std::string(name) + "'");
}

}  // namespace oxidize::cli
