#include "oxidize/structure/dependency_table.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "oxidize/structure/dependencies_data.hpp"

namespace oxidize::structure {

namespace {

constexpr std::array<std::string_view, 6> k_maturity_names = {"production", "drop_in", "usable",
                                                               "partial",    "binding", "experimental"};
constexpr std::array<std::string_view, 4> k_crate_kind_names = {"rust", "c_binding", "c_build", "os"};
constexpr int k_schema = 1;

using Status = tl::expected<void, std::string>;

std::string where(std::string_view source, const toml::node& node) {
  return fmt::format("{}:{}", source, node.source().begin.line);
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// A header spelling as the indexes hold it: lower case, '/' separators, no
// leading "./" (`#include "./zlib.h"` names the same header as <zlib.h>).
std::string fold_header(std::string_view header) {
  while (header.starts_with("./") || header.starts_with(".\\")) header.remove_prefix(2);
  std::string out(header);
  for (char& c : out) c = c == '\\' ? '/' : ascii_lower(c);
  return out;
}

bool is_url(std::string_view s) {
  if (!s.starts_with("https://") && !s.starts_with("http://")) return false;
  return std::none_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) <= 0x20; });
}

bool is_id(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

Status read_string(const toml::node& node, std::string_view source, std::string_view key, std::string& out) {
  const auto value = node.value<std::string>();
  if (!value || value->empty()) return tl::unexpected(where(source, node) + ": " + std::string(key) + " must be a non-empty string");
  out = *value;
  return {};
}

Status read_strings(const toml::node& node, std::string_view source, std::string_view key,
                    std::vector<std::string>& out) {
  const std::string message = where(source, node) + ": " + std::string(key) + " must be an array of non-empty strings";
  const toml::array* list = node.as_array();
  if (list == nullptr) return tl::unexpected(message);
  for (const auto& item : *list) {
    const auto value = item.value<std::string>();
    if (!value || value->empty()) return tl::unexpected(message);
    out.push_back(*value);
  }
  return {};
}

std::vector<std::string> folded_sorted(const std::vector<std::string>& names, NameKind kind) {
  std::vector<std::string> out;
  out.reserve(names.size());
  for (const auto& n : names) out.push_back(fold_name(n, kind));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Status read_replacement(const toml::table& table, std::string_view source, Replacement& r) {
  bool has_maturity = false;
  for (const auto& [key, node] : table) {
    Status ok;
    if (key == "crate") {
      ok = read_string(node, source, "crate", r.crate);
    } else if (key == "note") {
      ok = read_string(node, source, "note", r.note);
    } else if (key == "source") {
      ok = read_string(node, source, "source", r.source);
      if (ok && !is_url(r.source)) return tl::unexpected(where(source, node) + ": source must be an http(s) URL");
    } else if (key == "maturity") {
      std::string name;
      ok = read_string(node, source, "maturity", name);
      if (!ok) return ok;
      const auto m = maturity_from_name(name);
      if (!m) return tl::unexpected(where(source, node) + ": unknown maturity '" + name + "'");
      r.maturity = *m;
      has_maturity = true;
    } else {
      return tl::unexpected(where(source, node) + ": unknown key replacements." + std::string(key.str()));
    }
    if (!ok) return ok;
  }
  if (r.crate.empty() || !has_maturity || r.note.empty() || r.source.empty())
    return tl::unexpected(where(source, table) + ": a replacement needs crate, maturity, note and source");
  return {};
}

Status read_library(const toml::table& table, std::string_view source, LibraryEntry& e) {
  for (const auto& [key, node] : table) {
    Status ok;
    if (key == "id") {
      ok = read_string(node, source, "id", e.id);
      if (ok && !is_id(e.id)) return tl::unexpected(where(source, node) + ": id must be lower case letters, digits, '-' or '_'");
    } else if (key == "name") {
      ok = read_string(node, source, "name", e.name);
    } else if (key == "homepage") {
      ok = read_string(node, source, "homepage", e.homepage);
      if (ok && !is_url(e.homepage)) return tl::unexpected(where(source, node) + ": homepage must be an http(s) URL");
    } else if (key == "headers") {
      ok = read_strings(node, source, "headers", e.headers);
    } else if (key == "header_prefixes") {
      ok = read_strings(node, source, "header_prefixes", e.header_prefixes);
      // A prefix is a directory: "uv" alone would also claim "uvw.h".
      for (const auto& p : e.header_prefixes)
        if (ok && !p.ends_with('/')) return tl::unexpected(where(source, node) + ": header prefix '" + p + "' must end in '/'");
    } else if (key == "pkg_config") {
      ok = read_strings(node, source, "pkg_config", e.pkg_config);
    } else if (key == "cmake") {
      ok = read_strings(node, source, "cmake", e.cmake);
    } else if (key == "meson") {
      ok = read_strings(node, source, "meson", e.meson);
    } else if (key == "link") {
      ok = read_strings(node, source, "link", e.link);
    } else if (key == "debian") {
      ok = read_strings(node, source, "debian", e.debian);
    } else if (key == "crates") {
      ok = read_strings(node, source, "crates", e.crates);
    } else if (key == "replacements") {
      const toml::array* list = node.as_array();
      if (list == nullptr || !list->is_array_of_tables())
        return tl::unexpected(where(source, node) + ": replacements must be an array of tables ([[library.replacements]])");
      for (const auto& item : *list) {
        Replacement r;
        if (ok = read_replacement(*item.as_table(), source, r); !ok) return ok;
        e.replacements.push_back(std::move(r));
      }
    } else {
      return tl::unexpected(where(source, node) + ": unknown key library." + std::string(key.str()));
    }
    if (!ok) return ok;
  }
  const std::string at = where(source, table);
  if (e.id.empty() || e.name.empty() || e.homepage.empty()) return tl::unexpected(at + ": a library needs id, name and homepage");
  if (e.headers.empty() && e.header_prefixes.empty())
    return tl::unexpected(at + ": library " + e.id + " needs headers or header_prefixes");
  if (e.replacements.empty()) return tl::unexpected(at + ": library " + e.id + " needs at least one replacement");
  return {};
}

// The keys of [system], [tools] and [rust]: each an array of strings.
Status read_name_lists(const toml::node& node, std::string_view source, std::string_view section,
                       const std::vector<std::pair<std::string_view, std::vector<std::string>*>>& keys) {
  const toml::table* table = node.as_table();
  if (table == nullptr) return tl::unexpected(where(source, node) + ": " + std::string(section) + " must be a table");
  for (const auto& [key, value] : *table) {
    std::vector<std::string>* target = nullptr;
    for (const auto& [name, list] : keys)
      if (name == key.str()) target = list;
    if (target == nullptr)
      return tl::unexpected(where(source, value) + ": unknown key " + std::string(section) + "." + std::string(key.str()));
    if (auto ok = read_strings(value, source, key.str(), *target); !ok) return ok;
  }
  return {};
}

}  // namespace

std::string_view maturity_name(Maturity m) { return k_maturity_names[static_cast<std::size_t>(m)]; }

std::optional<Maturity> maturity_from_name(std::string_view name) {
  for (std::size_t i = 0; i < k_maturity_names.size(); ++i)
    if (k_maturity_names[i] == name) return static_cast<Maturity>(i);
  return std::nullopt;
}

std::string_view crate_kind_name(CrateKind k) { return k_crate_kind_names[static_cast<std::size_t>(k)]; }

std::string fold_name(std::string_view name, NameKind kind) {
  std::string out(name);
  for (char& c : out) {
    c = ascii_lower(c);
    if (kind == NameKind::crate && c == '_') c = '-';
  }
  return out;
}

bool DependencyTable::contains(const NameSet& set, const std::string& folded) {
  return std::binary_search(set.begin(), set.end(), folded);
}

Status DependencyTable::index_library(std::size_t i) {
  const LibraryEntry& e = libraries_[i];
  const auto claim = [&](Index& index, std::string folded, std::string_view what) -> Status {
    const auto [it, inserted] = index.emplace(folded, i);
    if (!inserted && it->second != i)
      return tl::unexpected(fmt::format("{} '{}' is claimed by both {} and {}", what, folded, libraries_[it->second].id, e.id));
    return {};
  };
  for (const auto& h : e.headers)
    if (auto ok = claim(headers_, fold_header(h), "header"); !ok) return ok;
  for (const auto& p : e.header_prefixes) {
    const std::string folded = fold_header(p);
    for (const auto& other : prefixes_)
      if (other.text == folded && other.library != i)
        return tl::unexpected(fmt::format("header prefix '{}' is claimed by both {} and {}", folded,
                                          libraries_[other.library].id, e.id));
    prefixes_.push_back({folded, i});
  }
  const std::pair<NameKind, const std::vector<std::string>*> columns[] = {
      {NameKind::pkg_config, &e.pkg_config}, {NameKind::cmake, &e.cmake}, {NameKind::meson, &e.meson},
      {NameKind::link, &e.link},             {NameKind::crate, &e.crates}};
  for (const auto& [kind, names] : columns)
    for (const auto& n : *names)
      if (auto ok = claim(names_[static_cast<std::size_t>(kind)], fold_name(n, kind), "name"); !ok) return ok;
  return {};
}

tl::expected<DependencyTable, std::string> DependencyTable::parse(std::string_view text, std::string_view source_name) {
  toml::table root;
  try {
    root = toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    return tl::unexpected(fmt::format("{}:{}: {}", source_name, e.source().begin.line, e.description()));
  }
  DependencyTable t;
  std::vector<std::string> system[6];  // headers, prefixes, then one list per NameKind but crate
  std::vector<std::string> tools, os_crates, build_crates;
  bool has_schema = false;
  for (const auto& [key, node] : root) {
    Status ok;
    if (key == "schema") {
      const auto schema = node.is_integer() ? node.value<std::int64_t>() : std::nullopt;
      if (!schema || *schema != k_schema)
        return tl::unexpected(fmt::format("{}: schema must be {}", where(source_name, node), k_schema));
      has_schema = true;
    } else if (key == "reviewed") {
      ok = read_string(node, source_name, "reviewed", t.reviewed_);
    } else if (key == "system") {
      ok = read_name_lists(node, source_name, "system",
                           {{"headers", &system[0]},
                            {"header_prefixes", &system[1]},
                            {"pkg_config", &system[2]},
                            {"cmake", &system[3]},
                            {"meson", &system[4]},
                            {"link", &system[5]}});
    } else if (key == "tools") {
      ok = read_name_lists(node, source_name, "tools", {{"cmake", &tools}});
    } else if (key == "rust") {
      ok = read_name_lists(node, source_name, "rust", {{"os_crates", &os_crates}, {"build_crates", &build_crates}});
    } else if (key == "library") {
      const toml::array* list = node.as_array();
      if (list == nullptr || !list->is_array_of_tables())
        return tl::unexpected(where(source_name, node) + ": library must be an array of tables ([[library]])");
      for (const auto& item : *list) {
        LibraryEntry e;
        if (ok = read_library(*item.as_table(), source_name, e); !ok) return tl::unexpected(ok.error());
        t.libraries_.push_back(std::move(e));
      }
    } else {
      return tl::unexpected(where(source_name, node) + ": unknown key " + std::string(key.str()));
    }
    if (!ok) return tl::unexpected(ok.error());
  }
  if (!has_schema) return tl::unexpected(fmt::format("{}: schema = {} is missing", source_name, k_schema));
  if (t.libraries_.empty()) return tl::unexpected(fmt::format("{}: no [[library]] entries", source_name));

  std::vector<std::string> ids;
  for (std::size_t i = 0; i < t.libraries_.size(); ++i) {
    ids.push_back(t.libraries_[i].id);
    if (auto ok = t.index_library(i); !ok) return tl::unexpected(fmt::format("{}: {}", source_name, ok.error()));
  }
  std::sort(ids.begin(), ids.end());
  if (const auto dup = std::adjacent_find(ids.begin(), ids.end()); dup != ids.end())
    return tl::unexpected(fmt::format("{}: library id '{}' appears twice", source_name, *dup));
  std::stable_sort(t.prefixes_.begin(), t.prefixes_.end(),
                   [](const Prefix& a, const Prefix& b) { return a.text.size() > b.text.size(); });

  for (const auto& h : system[0]) t.system_headers_.push_back(fold_header(h));
  std::sort(t.system_headers_.begin(), t.system_headers_.end());
  for (const auto& p : system[1]) t.system_prefixes_.push_back(fold_header(p));
  const NameKind system_kinds[] = {NameKind::pkg_config, NameKind::cmake, NameKind::meson, NameKind::link};
  for (std::size_t k = 0; k < 4; ++k)
    t.system_names_[static_cast<std::size_t>(system_kinds[k])] = folded_sorted(system[k + 2], system_kinds[k]);
  t.tools_ = folded_sorted(tools, NameKind::cmake);
  t.os_crates_ = folded_sorted(os_crates, NameKind::crate);
  t.build_crates_ = folded_sorted(build_crates, NameKind::crate);

  // A name both "system" and a library's would be classified by whichever
  // lookup ran first: refuse the ambiguity instead.
  for (const auto& h : t.system_headers_)
    if (const auto it = t.headers_.find(h); it != t.headers_.end())
      return tl::unexpected(fmt::format("{}: header '{}' is both a system header and {}'s", source_name, h,
                                        t.libraries_[it->second].id));
  for (std::size_t k = 0; k < 5; ++k)
    for (const auto& n : t.system_names_[k])
      if (const auto it = t.names_[k].find(n); it != t.names_[k].end())
        return tl::unexpected(fmt::format("{}: name '{}' is both a system name and {}'s", source_name, n,
                                          t.libraries_[it->second].id));
  return t;
}

const LibraryEntry* DependencyTable::library_for_header(std::string_view header) const {
  const std::string folded = fold_header(header);
  if (const auto it = headers_.find(folded); it != headers_.end()) return &libraries_[it->second];
  for (const auto& p : prefixes_)
    if (folded.starts_with(p.text)) return &libraries_[p.library];
  return nullptr;
}

bool DependencyTable::is_system_header(std::string_view header) const {
  const std::string folded = fold_header(header);
  if (contains(system_headers_, folded)) return true;
  return std::any_of(system_prefixes_.begin(), system_prefixes_.end(),
                     [&](const std::string& p) { return folded.starts_with(p); });
}

const LibraryEntry* DependencyTable::library_for_name(NameKind kind, std::string_view name) const {
  const Index& index = names_[static_cast<std::size_t>(kind)];
  const auto it = index.find(fold_name(name, kind));
  return it == index.end() ? nullptr : &libraries_[it->second];
}

bool DependencyTable::is_system_name(NameKind kind, std::string_view name) const {
  return contains(system_names_[static_cast<std::size_t>(kind)], fold_name(name, kind));
}

bool DependencyTable::is_tool(std::string_view cmake_name) const {
  return contains(tools_, fold_name(cmake_name, NameKind::cmake));
}

CrateKind DependencyTable::crate_kind(std::string_view crate) const {
  const std::string folded = fold_name(crate, NameKind::crate);
  if (names_[static_cast<std::size_t>(NameKind::crate)].contains(folded)) return CrateKind::c_binding;
  if (contains(os_crates_, folded)) return CrateKind::os;
  if (contains(build_crates_, folded)) return CrateKind::c_build;
  // The Cargo convention: a "-sys" crate declares the linking of a native library.
  if (folded.ends_with("-sys")) return CrateKind::c_binding;
  return CrateKind::rust;
}

std::vector<const LibraryEntry*> DependencyTable::libraries_replaced_by(std::string_view crate) const {
  const std::string folded = fold_name(crate, NameKind::crate);
  std::vector<const LibraryEntry*> out;
  for (const auto& e : libraries_)
    for (const auto& r : e.replacements)
      if (fold_name(r.crate, NameKind::crate) == folded) {
        out.push_back(&e);
        break;
      }
  return out;
}

std::string_view builtin_dependency_toml() {
  return {reinterpret_cast<const char*>(k_dependencies_toml), k_dependencies_toml_size};
}

const DependencyTable& builtin_dependency_table() {
  static const DependencyTable table = [] {
    auto parsed = DependencyTable::parse(builtin_dependency_toml(), "data/dependencies.toml");
    if (!parsed) throw std::logic_error("the built-in dependency table does not parse: " + parsed.error());
    return std::move(*parsed);
  }();
  return table;
}

}  // namespace oxidize::structure
