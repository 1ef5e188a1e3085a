#include "oxidize/config/project_config.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <climits>
#include <cstdlib>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "oxidize/util/file_reader.hpp"

namespace oxidize::config {

namespace {

constexpr std::size_t k_max_config_bytes = std::size_t{1} << 20;

std::string where(const std::string& path, const toml::source_region& region) {
  return fmt::format("{}:{}", path, region.begin.line);
}

// An absolute URI that can take a "#fragment": a scheme, then printable
// ASCII without spaces, quotes or a fragment of its own.
bool is_base_uri(std::string_view s) {
  const auto colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  for (std::size_t i = 0; i < colon; ++i) {
    const char c = s[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!alpha && (i == 0 || !((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))) return false;
  }
  if (colon + 1 == s.size()) return false;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '#' || c == '{' ||
        c == '}' || c == '|' || c == '^' || c == '`')
      return false;
  }
  return true;
}

// `name = "like"` or `name = { like = "...", args = [...], returns_null = bool }`.
tl::expected<FunctionAlias, std::string> read_function_alias(std::string name, const toml::node& value,
                                                             const std::string& path) {
  FunctionAlias alias;
  alias.where = where(path, value.source());
  const std::string prefix = alias.where + ": hazards.functions." + name;
  alias.name = std::move(name);
  if (const auto like = value.value<std::string>()) {
    alias.like = *like;
    return alias;
  }
  const toml::table* table = value.as_table();
  if (table == nullptr)
    return tl::unexpected(prefix + " must be a library function's name or a table with like = \"...\"");
  for (const auto& [key, node] : *table) {
    if (key == "like") {
      const auto like = node.value<std::string>();
      if (!like) return tl::unexpected(prefix + ".like must be a string");
      alias.like = *like;
    } else if (key == "args") {
      const toml::array* list = node.as_array();
      if (list == nullptr) return tl::unexpected(prefix + ".args must be an array of argument positions (0, 1, ...)");
      for (const auto& item : *list) {
        // Only an integer node: toml++ converts a float to an integer
        // without a range check (undefined behaviour for 1e300).
        const auto n = item.is_integer() ? item.value<std::int64_t>() : std::nullopt;
        if (!n || *n < 0 || *n > 63)
          return tl::unexpected(prefix + ".args must be an array of argument positions (0 to 63)");
        alias.args.push_back(static_cast<int>(*n));
      }
    } else if (key == "returns_null") {
      const auto flag = node.value<bool>();
      if (!flag) return tl::unexpected(prefix + ".returns_null must be true or false");
      alias.returns_null = *flag;
    } else {
      return tl::unexpected(prefix + ": unknown key " + std::string(key.str()) + " (like, args, returns_null)");
    }
  }
  if (alias.like.empty()) return tl::unexpected(prefix + " needs like = \"<C library function>\"");
  return alias;
}

tl::expected<void, std::string> read_hazards(const toml::table& table, const std::string& path,
                                             ProjectConfig& config) {
  for (const auto& [key, node] : table) {
    if (key == "exclude") {
      const toml::array* list = node.as_array();
      if (list == nullptr) return tl::unexpected(where(path, node.source()) + ": hazards.exclude must be an array of strings");
      for (const auto& item : *list) {
        const auto pattern = item.value<std::string>();
        if (!pattern) return tl::unexpected(where(path, item.source()) + ": hazards.exclude must be an array of strings");
        auto glob = Glob::compile(*pattern);
        if (!glob) return tl::unexpected(where(path, item.source()) + ": hazards.exclude: " + glob.error());
        config.hazards.exclude.push_back(std::move(*glob));
      }
    } else if (key == "functions") {
      const toml::table* functions = node.as_table();
      if (functions == nullptr)
        return tl::unexpected(where(path, node.source()) + ": hazards.functions must be a table ([hazards.functions])");
      for (const auto& [name, value] : *functions) {
        if (auto alias = read_function_alias(std::string(name.str()), value, path); alias)
          config.hazards.functions.push_back(std::move(*alias));
        else
          return tl::unexpected(alias.error());
      }
    } else if (key == "rules_doc_uri") {
      const auto uri = node.value<std::string>();
      if (!uri || !is_base_uri(*uri))
        return tl::unexpected(where(path, node.source()) +
                              ": hazards.rules_doc_uri must be an absolute URI without a '#' part");
      config.hazards.rules_doc_uri = *uri;
    } else {
      config.warnings.push_back(where(path, node.source()) + ": unknown key hazards." + std::string(key.str()) +
                                " (ignored)");
    }
  }
  return {};
}

tl::expected<void, std::string> read_history(const toml::table& table, const std::string& path,
                                             ProjectConfig& config) {
  for (const auto& [key, node] : table) {
    std::optional<std::vector<std::string>>* target = nullptr;
    if (key == "fix_patterns") target = &config.history.fix_patterns;
    if (key == "security_patterns") target = &config.history.security_patterns;
    if (target == nullptr) {
      config.warnings.push_back(where(path, node.source()) + ": unknown key history." + std::string(key.str()) +
                                " (ignored)");
      continue;
    }
    const std::string message = where(path, node.source()) + ": history." + std::string(key.str()) +
                                " must be an array of strings (regular expressions)";
    const toml::array* list = node.as_array();
    if (list == nullptr) return tl::unexpected(message);
    std::vector<std::string> patterns;
    for (const auto& item : *list) {
      const auto pattern = item.value<std::string>();
      if (!pattern) return tl::unexpected(message);
      patterns.push_back(*pattern);
    }
    *target = std::move(patterns);
  }
  return {};
}

tl::expected<void, std::string> read_risk(const toml::table& table, const std::string& path, ProjectConfig& config) {
  std::vector<std::pair<std::uint32_t, std::pair<std::string, double>>> read;
  for (const auto& [key, node] : table) {
    const std::string name(key.str());
    if (std::find(k_risk_weight_keys.begin(), k_risk_weight_keys.end(), name) == k_risk_weight_keys.end()) {
      std::string known;
      for (std::string_view k : k_risk_weight_keys) known += (known.empty() ? "" : ", ") + std::string(k);
      config.warnings.push_back(where(path, node.source()) + ": unknown key risk." + name + " (ignored; known: " +
                                known + ")");
      continue;
    }
    const auto value = node.value<double>();  // an integer reads as a double too
    const bool share = name == "non_product";
    if (!value || !(*value >= 0) || (share && *value > 1) || *value > 100)
      return tl::unexpected(where(path, node.source()) + ": risk." + name + " must be a number from 0 to " +
                            (share ? "1" : "100"));
    read.push_back({node.source().begin.line, {name, *value}});
  }
  std::stable_sort(read.begin(), read.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [line, weight] : read) config.risk.weights.push_back(std::move(weight));
  return {};
}

// [components]: name = ["glob", ...] (or one glob as a string), matched in
// the order written; toml++ keeps keys sorted, so order by source line.
tl::expected<void, std::string> read_components(const toml::table& table, const std::string& path,
                                                ProjectConfig& config) {
  std::vector<std::pair<std::uint32_t, ComponentConfig>> read;
  for (const auto& [key, node] : table) {
    const std::string message = where(path, node.source()) + ": components." + std::string(key.str()) +
                                " must be a glob or an array of globs";
    ComponentConfig component{std::string(key.str()), {}};
    auto add = [&](const toml::node& item) -> tl::expected<void, std::string> {
      const auto pattern = item.value<std::string>();
      if (!pattern) return tl::unexpected(message);
      auto glob = Glob::compile(*pattern);
      if (!glob) return tl::unexpected(where(path, item.source()) + ": components." + component.name + ": " + glob.error());
      component.globs.push_back(std::move(*glob));
      return {};
    };
    if (const toml::array* list = node.as_array()) {
      for (const auto& item : *list)
        if (auto ok = add(item); !ok) return ok;
    } else if (auto ok = add(node); !ok) {
      return ok;
    }
    if (component.globs.empty()) return tl::unexpected(message);
    read.emplace_back(node.source().begin.line, std::move(component));
  }
  std::stable_sort(read.begin(), read.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [line, component] : read) config.components.push_back(std::move(component));
  return {};
}

}  // namespace

tl::expected<ProjectConfig, std::string> parse_project_config(std::string_view text, const std::string& path) {
  ProjectConfig config;
  config.path = path;
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    return tl::unexpected(fmt::format("{}:{}: {}", path, e.source().begin.line, e.description()));
  }
  for (const auto& [key, node] : root) {
    if (key == "hazards") {
      const toml::table* table = node.as_table();
      if (table == nullptr) return tl::unexpected(where(path, node.source()) + ": hazards must be a table ([hazards])");
      if (auto ok = read_hazards(*table, path, config); !ok) return tl::unexpected(ok.error());
    } else if (key == "history") {
      const toml::table* table = node.as_table();
      if (table == nullptr) return tl::unexpected(where(path, node.source()) + ": history must be a table ([history])");
      if (auto ok = read_history(*table, path, config); !ok) return tl::unexpected(ok.error());
    } else if (key == "risk") {
      const toml::table* table = node.as_table();
      if (table == nullptr) return tl::unexpected(where(path, node.source()) + ": risk must be a table ([risk])");
      if (auto ok = read_risk(*table, path, config); !ok) return tl::unexpected(ok.error());
    } else if (key == "components") {
      const toml::table* table = node.as_table();
      if (table == nullptr)
        return tl::unexpected(where(path, node.source()) + ": components must be a table ([components])");
      if (auto ok = read_components(*table, path, config); !ok) return tl::unexpected(ok.error());
    } else {
      config.warnings.push_back(where(path, node.source()) + ": unknown key " + std::string(key.str()) +
                                " (ignored)");
    }
  }
  return config;
}

tl::expected<ProjectConfig, std::string> load_project_config(const std::string& path) {
  // The same careful reader as source files: a FIFO or a directory given by
  // mistake is refused, never blocked on.
  util::FileReader reader(k_max_config_bytes);
  const auto text = reader.read(AT_FDCWD, path.c_str(), true);
  if (!text) return tl::unexpected(fmt::format("{}: {}", path, text.error().message));
  return parse_project_config(*text, path);
}

namespace {

bool exists(const std::string& path, bool directory = false) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && (!directory || S_ISDIR(st.st_mode));
}

std::string in_folder(const std::string& folder, std::string_view name) {
  std::string path = folder;
  if (!path.ends_with('/')) path += '/';
  path += name;
  return path;
}

}  // namespace

std::optional<FoundConfig> find_config(const std::string& first_root) {
  struct stat st {};
  if (::stat(first_root.c_str(), &st) != 0) return std::nullopt;
  // The root itself first, named as the user named it.
  std::string start = first_root;
  if (!S_ISDIR(st.st_mode)) {
    const auto slash = start.rfind('/');
    start = slash == std::string::npos ? "." : start.substr(0, slash == 0 ? 1 : slash);
  }
  if (const std::string here = in_folder(start, k_config_file_name); exists(here)) return FoundConfig{here, {}};
  if (exists(in_folder(start, ".git"))) return std::nullopt;
  // Then the folders above it, by their real path.
  char* real = ::realpath(start.c_str(), nullptr);
  if (real == nullptr) return std::nullopt;
  const std::string root_real(real);
  std::free(real);
  std::string folder = root_real;
  while (folder != "/") {
    const auto slash = folder.rfind('/');
    folder = slash == 0 ? "/" : folder.substr(0, slash);
    if (const std::string path = in_folder(folder, k_config_file_name); exists(path)) {
      const std::size_t skip = folder == "/" ? 1 : folder.size() + 1;
      return FoundConfig{path, root_real.substr(skip) + "/"};
    }
    if (exists(in_folder(folder, ".git"))) break;
  }
  return std::nullopt;
}

void set_glob_base(ProjectConfig& config, const std::string& base) {
  for (auto& glob : config.hazards.exclude) glob.set_base(base);
  for (auto& component : config.components)
    for (auto& glob : component.globs) glob.set_base(base);
}

std::string default_config_path(const std::string& first_root) {
  const auto found = find_config(first_root);
  return found ? found->path : std::string();
}

}  // namespace oxidize::config
