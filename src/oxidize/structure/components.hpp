#pragma once
// Components: the units a migration is planned in. Each counted file of a
// snapshot belongs to exactly one, by the first rule that claims it
// (docs/structure.md):
//   1. `[components]` of oxidize.toml: name -> globs, first match in the
//      order written;
//   2. the members of a Cargo workspace (the root Cargo.toml's
//      [workspace] members), each a component named by its folder;
//   3. folders: each top-level folder is a component, and a folder holding
//      more than a quarter of the tree's code lines is split into its
//      subfolders (down to three levels), the files directly in it forming a
//      component of its own. Files at the root form "(root)".
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

#include "oxidize/config/glob.hpp"
#include "oxidize/model/scope.hpp"
#include "oxidize/model/snapshot.hpp"

namespace oxidize::structure {

inline constexpr std::uint32_t k_none = 0xffffffffU;
inline constexpr const char* k_root_component = "(root)";

enum class ComponentRule : std::uint8_t { declared, cargo_member, folder };
std::string_view component_rule_name(ComponentRule rule);

struct DeclaredComponent {
  std::string name;
  std::vector<config::Glob> globs;  // matched against paths relative to the root
};

struct ComponentOptions {
  std::vector<DeclaredComponent> declared;
  std::vector<std::string> cargo_members;  // folders relative to the root ("crates/core")
  double split_share = 0.25;               // a folder above this share of code lines is split
  unsigned max_depth = 3;                  // ... down to this many path levels
};

struct Component {
  std::string name;
  ComponentRule rule = ComponentRule::folder;
  std::vector<std::uint32_t> files;  // indices into Snapshot::files, in path order
};

struct Components {
  std::vector<Component> list;          // declared first, then by name
  std::vector<std::uint32_t> of_file;   // per snapshot file: its component, or k_none outside the scope
};

Components assign_components(const model::Snapshot& snapshot, model::Scope scope, const ComponentOptions& options);

// The member folders of the Cargo workspace described by `cargo_toml` (the
// root manifest's text), globs like "crates/*" expanded against `folders`
// (every folder of the tree, relative). Empty when it is not a workspace; a
// malformed manifest is an error message.
tl::expected<std::vector<std::string>, std::string> cargo_workspace_members(std::string_view cargo_toml,
                                                                            const std::vector<std::string>& folders);

}  // namespace oxidize::structure
