// Cargo.toml (toml++): the crates of [dependencies], [dev-dependencies] and
// [build-dependencies], of their target-specific forms
// ([target.'cfg(unix)'.dependencies]) and of a workspace's
// [workspace.dependencies]. A renamed dependency (`ssl = { package =
// "openssl" }`) is named by its package; a path dependency is marked local:
// it is a crate of the tree, not an external one.
#include <algorithm>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "oxidize/structure/build_file_text.hpp"

namespace oxidize::structure::detail {

namespace {

constexpr std::string_view k_tables[] = {"dependencies", "dev-dependencies", "build-dependencies",
                                         // Cargo still reads the old spellings.
                                         "dev_dependencies", "build_dependencies"};

std::uint32_t line_of(const toml::key& key, const toml::node& value) {
  const auto line = key.source().begin.line;
  return line != 0 ? static_cast<std::uint32_t>(line) : static_cast<std::uint32_t>(value.source().begin.line);
}

void read_dependencies(const toml::table& table, std::string_view path, const std::string& context,
                       BuildFileScan& out) {
  for (const auto& [key, value] : table) {
    BuildMention m;
    m.file = std::string(path);
    m.line = line_of(key, value);
    m.name = std::string(key.str());
    m.kind = MentionKind::cargo_dependency;
    m.context = context;
    if (const toml::table* spec = value.as_table()) {
      if (const auto package = (*spec)["package"].value<std::string>()) m.name = *package;
      m.local = spec->contains("path");
    } else if (!value.is_string()) {
      out.warnings.push_back(fmt::format("{}:{}: {}.{} is neither a version string nor a table (skipped)", path,
                                         m.line, context, key.str()));
      continue;
    }
    if (!m.name.empty()) out.mentions.push_back(std::move(m));
  }
}

void read_dependency_tables(const toml::table& owner, std::string_view path, const std::string& prefix,
                            BuildFileScan& out) {
  for (const std::string_view name : k_tables) {
    const toml::node* node = owner.get(name);
    if (node == nullptr) continue;
    if (const toml::table* table = node->as_table()) {
      read_dependencies(*table, path, prefix + std::string(name), out);
    } else {
      out.warnings.push_back(fmt::format("{}:{}: {}{} is not a table (skipped)", path, node->source().begin.line,
                                         prefix, name));
    }
  }
}

}  // namespace

void scan_cargo(std::string_view path, std::string_view text, BuildFileScan& out) {
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    out.warnings.push_back(fmt::format("{}:{}: {}", path, e.source().begin.line, e.description()));
    return;
  }
  read_dependency_tables(root, path, "", out);
  if (const toml::table* targets = root["target"].as_table())
    for (const auto& [cfg, node] : *targets)
      if (const toml::table* target = node.as_table())
        read_dependency_tables(*target, path, fmt::format("target.{}.", cfg.str()), out);
  if (const toml::table* workspace = root["workspace"].as_table())
    if (const toml::table* deps = (*workspace)["dependencies"].as_table())
      read_dependencies(*deps, path, "workspace.dependencies", out);
  // toml++ keeps keys sorted; the mentions go in file order like the other readers'.
  std::stable_sort(out.mentions.begin(), out.mentions.end(),
                   [](const BuildMention& a, const BuildMention& b) { return a.line < b.line; });
}

}  // namespace oxidize::structure::detail
