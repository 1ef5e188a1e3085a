#include "oxidize/structure/components.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <toml++/toml.h>

namespace oxidize::structure {

namespace {

// The first `levels` folders of a path ("a/b/c.c", 1 -> "a"; 2 -> "a/b"),
// or empty when the path is not that deep.
std::string_view folder_prefix(std::string_view path, unsigned levels) {
  std::size_t end = 0;
  std::size_t from = 0;
  for (unsigned i = 0; i < levels; ++i) {
    const std::size_t slash = path.find('/', from);
    if (slash == std::string_view::npos) return {};
    end = slash;
    from = slash + 1;
  }
  return path.substr(0, end);
}

unsigned depth_of(std::string_view folder) {
  return folder.empty() ? 0 : static_cast<unsigned>(std::count(folder.begin(), folder.end(), '/')) + 1;
}

bool under(std::string_view path, std::string_view folder) {
  return folder == "." || (path.size() > folder.size() && path.compare(0, folder.size(), folder) == 0 &&
                           path[folder.size()] == '/');
}

// The folders to split: above the share of code lines, with two or more
// subfolders holding code, and each of whose parents is split too.
std::set<std::string, std::less<>> folders_to_split(const model::Snapshot& snapshot, const std::vector<std::uint32_t>& files,
                                                    const ComponentOptions& options) {
  std::map<std::string, std::uint64_t, std::less<>> code;
  std::map<std::string, std::set<std::string, std::less<>>, std::less<>> children;
  std::uint64_t total = 0;
  for (const std::uint32_t i : files) {
    const auto& f = snapshot.files[i];
    total += f.facts.lines.code;
    for (unsigned level = 1; level <= options.max_depth; ++level) {
      const std::string_view folder = folder_prefix(f.path, level);
      if (folder.empty()) break;
      code[std::string(folder)] += f.facts.lines.code;
      if (level > 1) children[std::string(folder_prefix(f.path, level - 1))].insert(std::string(folder));
    }
  }
  std::set<std::string, std::less<>> split;
  const double limit = options.split_share * static_cast<double>(total);
  for (const auto& [folder, lines] : code) {  // parents sort before their children
    const unsigned depth = depth_of(folder);
    if (depth >= options.max_depth || static_cast<double>(lines) <= limit) continue;
    if (depth > 1 && !split.contains(folder_prefix(folder, depth - 1))) continue;
    const auto kids = children.find(folder);
    if (kids == children.end() || kids->second.size() < 2) continue;
    split.insert(folder);
  }
  return split;
}

std::string folder_component(std::string_view path, const std::set<std::string, std::less<>>& split) {
  std::string_view name = folder_prefix(path, 1);
  if (name.empty()) return k_root_component;
  for (unsigned level = 2; split.contains(name); ++level) {
    const std::string_view deeper = folder_prefix(path, level);
    if (deeper.empty()) break;  // a file directly in the split folder
    name = deeper;
  }
  return std::string(name);
}

}  // namespace

std::string_view component_rule_name(ComponentRule rule) {
  switch (rule) {
    case ComponentRule::declared: return "declared";
    case ComponentRule::cargo_member: return "cargo-member";
    case ComponentRule::folder: return "folder";
  }
  return "folder";
}

Components assign_components(const model::Snapshot& snapshot, model::Scope scope, const ComponentOptions& options) {
  Components out;
  out.of_file.assign(snapshot.files.size(), k_none);
  std::map<std::string, std::uint32_t, std::less<>> by_name;
  auto component = [&](const std::string& name, ComponentRule rule) {
    const auto [it, added] = by_name.try_emplace(name, static_cast<std::uint32_t>(out.list.size()));
    if (added) out.list.push_back({name, rule, {}});
    return it->second;
  };
  for (const auto& d : options.declared) component(d.name, ComponentRule::declared);  // in the order written

  std::vector<std::string> members = options.cargo_members;
  std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  std::vector<std::uint32_t> by_folder;
  for (std::uint32_t i = 0; i < snapshot.files.size(); ++i) {
    const auto& f = snapshot.files[i];
    if (!scope.counts(f)) continue;
    const auto declared = std::find_if(options.declared.begin(), options.declared.end(), [&](const auto& d) {
      return std::any_of(d.globs.begin(), d.globs.end(), [&](const auto& g) { return g.matches(f.path); });
    });
    if (declared != options.declared.end()) {
      out.of_file[i] = by_name.at(declared->name);
      continue;
    }
    const auto member = std::find_if(members.begin(), members.end(), [&](const auto& m) { return under(f.path, m); });
    if (member != members.end()) {
      out.of_file[i] = component(*member, ComponentRule::cargo_member);
      continue;
    }
    by_folder.push_back(i);
  }
  const auto split = folders_to_split(snapshot, by_folder, options);
  for (const std::uint32_t i : by_folder)
    out.of_file[i] = component(folder_component(snapshot.files[i].path, split), ComponentRule::folder);
  for (std::uint32_t i = 0; i < snapshot.files.size(); ++i)
    if (out.of_file[i] != k_none) out.list[out.of_file[i]].files.push_back(i);

  // Declared components keep their order; the others sort by name. Renumber.
  std::vector<std::uint32_t> order(out.list.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const bool da = out.list[a].rule == ComponentRule::declared, db = out.list[b].rule == ComponentRule::declared;
    if (da != db) return da;
    if (da) return false;
    return out.list[a].name < out.list[b].name;
  });
  std::vector<std::uint32_t> renumber(order.size());
  std::vector<Component> sorted;
  sorted.reserve(order.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) {
    renumber[order[i]] = i;
    sorted.push_back(std::move(out.list[order[i]]));
  }
  out.list = std::move(sorted);
  for (auto& c : out.of_file)
    if (c != k_none) c = renumber[c];
  return out;
}

tl::expected<std::vector<std::string>, std::string> cargo_workspace_members(std::string_view cargo_toml,
                                                                            const std::vector<std::string>& folders) {
  toml::table manifest;
  try {
    manifest = toml::parse(cargo_toml);
  } catch (const toml::parse_error& e) {
    return tl::unexpected(std::string("Cargo.toml: ") + std::string(e.description()));
  }
  std::vector<std::string> out;
  const toml::array* members = manifest["workspace"]["members"].as_array();
  if (members == nullptr) return out;
  for (const auto& m : *members) {
    const auto pattern = m.value<std::string>();
    if (!pattern) continue;
    std::string trimmed = *pattern;
    while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.pop_back();
    if (trimmed.find_first_of("*?[") == std::string::npos) {
      out.push_back(trimmed);
      continue;
    }
    // "crates/*": every folder one level below that matches.
    const auto glob = config::Glob::compile(trimmed);
    if (!glob) continue;
    const unsigned want = static_cast<unsigned>(std::count(trimmed.begin(), trimmed.end(), '/'));
    for (const auto& folder : folders)
      if (static_cast<unsigned>(std::count(folder.begin(), folder.end(), '/')) == want && glob->matches(folder))
        out.push_back(folder);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace oxidize::structure
