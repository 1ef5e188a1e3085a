#include "oxidize/structure/external_deps.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

namespace oxidize::structure {

namespace {

enum class Verdict : std::uint8_t { library, system, tool, unknown, ignored };

struct Match {
  Verdict verdict = Verdict::unknown;
  const LibraryEntry* library = nullptr;
};

std::uint32_t saturating_add(std::uint32_t a, std::uint32_t b) {
  return b > std::numeric_limits<std::uint32_t>::max() - a ? std::numeric_limits<std::uint32_t>::max() : a + b;
}

Match look_up(const DependencyTable& t, NameKind kind, std::string_view name) {
  if (t.is_system_name(kind, name)) return {Verdict::system, nullptr};
  if (const LibraryEntry* e = t.library_for_name(kind, name)) return {Verdict::library, e};
  return {};
}

// A linker name as build files write it: "z", but also "libz" (find_library
// NAMES libz) or "libz.so".
Match look_up_link(const DependencyTable& t, std::string_view name) {
  if (Match m = look_up(t, NameKind::link, name); m.verdict != Verdict::unknown) return m;
  for (const std::string_view suffix : {".so", ".a", ".lib", ".dylib"})
    if (name.ends_with(suffix) && name.size() > suffix.size()) {
      name.remove_suffix(suffix.size());
      break;
    }
  if (name.starts_with("lib") && name.size() > 3) name.remove_prefix(3);
  return look_up(t, NameKind::link, name);
}

Match classify(const DependencyTable& t, const BuildMention& m) {
  switch (m.kind) {
    case MentionKind::cmake_find_package:
      if (t.is_tool(m.name)) return {Verdict::tool, nullptr};
      return look_up(t, NameKind::cmake, m.name);
    case MentionKind::cmake_pkg_config:
    case MentionKind::autoconf_pkg_config:
    case MentionKind::make_pkg_config:
      return look_up(t, NameKind::pkg_config, m.name);
    case MentionKind::meson_dependency:
      // meson finds a dependency by its own name, then pkg-config's, then CMake's.
      for (const NameKind kind : {NameKind::meson, NameKind::pkg_config, NameKind::cmake})
        if (Match found = look_up(t, kind, m.name); found.verdict != Verdict::unknown) return found;
      return {};
    case MentionKind::cmake_link: {
      // An imported target (ZLIB::ZLIB, OpenSSL::SSL) belongs to its package;
      // other unknown items are mostly the tree's own targets: not listed.
      const auto colons = m.name.find("::");
      Match found = colons == std::string::npos ? look_up_link(t, m.name)
                                                : look_up(t, NameKind::cmake, std::string_view(m.name).substr(0, colons));
      if (found.verdict == Verdict::unknown) found.verdict = Verdict::ignored;
      return found;
    }
    case MentionKind::cmake_find_library:
    case MentionKind::cmake_check_library:
    case MentionKind::meson_find_library:
    case MentionKind::autoconf_check_lib:
    case MentionKind::make_link:
      return look_up_link(t, m.name);
    case MentionKind::cargo_dependency:
      return {Verdict::ignored, nullptr};  // crates are read apart
  }
  return {};
}

void add_header(std::vector<HeaderUse>& uses, const UnresolvedInclude& inc) {
  // The same spelling may come twice (once <...>, once "..."): one use.
  const auto same = std::find_if(uses.begin(), uses.end(), [&](const HeaderUse& u) { return u.header == inc.header; });
  if (same != uses.end()) {
    same->files = saturating_add(same->files, inc.files);
    return;
  }
  uses.push_back({inc.header, inc.files, inc.example});
}

// Sorts the uses (most included first) and returns (largest, sum).
std::pair<std::uint32_t, std::uint32_t> finish_headers(std::vector<HeaderUse>& uses) {
  std::sort(uses.begin(), uses.end(), [](const HeaderUse& a, const HeaderUse& b) {
    return a.files != b.files ? a.files > b.files : a.header < b.header;
  });
  std::uint32_t largest = 0, sum = 0;
  for (const auto& u : uses) {
    largest = std::max(largest, u.files);
    sum = saturating_add(sum, u.files);
  }
  return {largest, sum};
}

std::string group_of(std::string_view header) {
  while (header.starts_with("./")) header.remove_prefix(2);
  const auto slash = header.find_first_of("/\\");
  return std::string(slash == std::string_view::npos || slash == 0 ? header : header.substr(0, slash));
}

int crate_order(CrateKind k) {
  switch (k) {
    case CrateKind::c_binding: return 0;
    case CrateKind::c_build: return 1;
    case CrateKind::os: return 2;
    case CrateKind::rust: return 3;
  }
  return 4;
}

}  // namespace

std::vector<UnresolvedInclude> unresolved_includes(const model::Snapshot& snapshot, const IncludeGraph& graph) {
  struct Seen {
    std::set<std::uint32_t> files;
    std::string example;
  };
  std::map<std::pair<std::string, bool>, Seen> seen;
  for (const auto& e : graph.edges) {
    if (e.how != IncludeHow::system && e.how != IncludeHow::not_found) continue;
    const auto& file = snapshot.files[e.from];
    const auto& directive = file.facts.structure.includes[e.directive];
    Seen& s = seen[{directive.target, directive.form == parse::IncludeForm::angled}];
    if (s.example.empty()) s.example = fmt::format("{}:{}", file.path, directive.line);
    s.files.insert(e.from);
  }
  std::vector<UnresolvedInclude> out;
  out.reserve(seen.size());
  for (auto& [key, s] : seen)
    out.push_back({key.first, key.second, static_cast<std::uint32_t>(s.files.size()), std::move(s.example)});
  return out;
}

ExternalDeps find_external_deps(std::span<const UnresolvedInclude> includes, std::span<const BuildMention> mentions,
                                const DependencyTable& table) {
  ExternalDeps out;
  out.table_reviewed = table.reviewed();
  constexpr std::size_t k_max = std::numeric_limits<std::uint32_t>::max();
  out.includes_read = static_cast<std::uint32_t>(std::min(includes.size(), k_max));
  out.mentions_read = static_cast<std::uint32_t>(std::min(mentions.size(), k_max));

  // Libraries by their position in the table, so the result does not depend on pointer values.
  std::map<std::size_t, ExternalLibrary> found;
  const auto library = [&](const LibraryEntry* e) -> ExternalLibrary& {
    const auto index = static_cast<std::size_t>(e - table.libraries().data());
    auto [it, inserted] = found.try_emplace(index);
    if (inserted) it->second.library = *e;
    return it->second;
  };

  std::set<std::string> system_spellings;
  std::map<std::string, UnknownHeaderGroup> groups;
  for (const auto& inc : includes) {
    if (inc.header.empty()) continue;
    if (const LibraryEntry* e = table.library_for_header(inc.header)) {
      add_header(library(e).headers, inc);
    } else if (table.is_system_header(inc.header)) {
      system_spellings.insert(inc.header);
    } else if (inc.angled) {
      UnknownHeaderGroup& g = groups[group_of(inc.header)];
      add_header(g.headers, inc);
    } else {
      ++out.unmatched_quoted;
    }
  }
  out.system_headers = static_cast<std::uint32_t>(system_spellings.size());

  std::map<std::string, UnknownBuildName> unknown;  // by folded name
  std::map<std::string, RustCrate> crates;          // by folded name
  for (const auto& m : mentions) {
    if (m.kind == MentionKind::cargo_dependency) {
      if (m.local) continue;
      RustCrate& c = crates[fold_name(m.name, NameKind::crate)];
      // Spellings may differ (libz-sys, libz_sys): the first in sort order
      // names the crate, so that the input's order does not.
      if (c.mentions.empty() || m.name < c.name) c.name = m.name;
      if (c.mentions.empty()) {
        c.kind = table.crate_kind(m.name);
        if (const LibraryEntry* e = table.library_for_name(NameKind::crate, m.name)) c.library = e->id;
        for (const LibraryEntry* e : table.libraries_replaced_by(m.name)) c.replaces.push_back(e->id);
      }
      c.mentions.push_back(m);
      // A crate that binds a known C library is evidence of that library.
      if (const LibraryEntry* e = table.library_for_name(NameKind::crate, m.name)) library(e).mentions.push_back(m);
      continue;
    }
    const Match match = classify(table, m);
    switch (match.verdict) {
      case Verdict::library: library(match.library).mentions.push_back(m); break;
      case Verdict::system: ++out.system_names; break;
      case Verdict::tool: ++out.tool_names; break;
      case Verdict::ignored: break;
      case Verdict::unknown: {
        UnknownBuildName& u = unknown[fold_name(m.name, NameKind::link)];
        if (u.mentions.empty() || m.name < u.name) u.name = m.name;
        u.mentions.push_back(m);
        break;
      }
    }
  }

  for (auto& [index, lib] : found) {
    std::tie(lib.files_min, lib.files_max) = finish_headers(lib.headers);
    out.libraries.push_back(std::move(lib));
  }
  std::stable_sort(out.libraries.begin(), out.libraries.end(), [](const ExternalLibrary& a, const ExternalLibrary& b) {
    if (a.files_min != b.files_min) return a.files_min > b.files_min;
    if (a.mentions.size() != b.mentions.size()) return a.mentions.size() > b.mentions.size();
    return a.library.id < b.library.id;
  });

  for (auto& [name, g] : groups) {
    g.group = name;
    std::tie(g.files_min, g.files_max) = finish_headers(g.headers);
    out.unknown_headers.push_back(std::move(g));
  }
  std::stable_sort(out.unknown_headers.begin(), out.unknown_headers.end(),
                   [](const UnknownHeaderGroup& a, const UnknownHeaderGroup& b) { return a.files_min > b.files_min; });

  for (auto& [folded, u] : unknown) out.unknown_names.push_back(std::move(u));
  for (auto& [folded, c] : crates) out.crates.push_back(std::move(c));
  std::stable_sort(out.crates.begin(), out.crates.end(), [](const RustCrate& a, const RustCrate& b) {
    return crate_order(a.kind) < crate_order(b.kind);
  });
  return out;
}

}  // namespace oxidize::structure
