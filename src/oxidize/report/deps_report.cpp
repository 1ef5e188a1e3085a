#include "oxidize/report/deps_report.hpp"

#include <algorithm>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "oxidize/report/json_writer.hpp"
#include "oxidize/util/text.hpp"
#include "oxidize/version.hpp"

namespace oxidize::report {

namespace {

using nlohmann::ordered_json;
using structure::BuildMention;
using structure::ExternalDeps;
using structure::HeaderUse;
using structure::MentionKind;

// The table shows this many of each list and counts the rest; JSON has all.
constexpr std::size_t k_table_items = 5;
constexpr std::size_t k_table_groups = 20;
constexpr std::size_t k_name_width = 32;

std::string files_text(std::uint32_t min, std::uint32_t max) {
  if (max == 0) return "-";
  if (min == max) return util::with_thousands(min);
  return util::with_thousands(min) + "-" + util::with_thousands(max);
}

std::string replacements_text(const structure::LibraryEntry& e) {
  std::string out;
  for (const auto& r : e.replacements) {
    if (!out.empty()) out += ", ";
    out += fmt::format("{} ({})", r.crate, structure::maturity_name(r.maturity));
  }
  return out;
}

// "openssl/ssl.h (12 files, e.g. lib/vtls/openssl.c:40)"
std::string header_text(const HeaderUse& h) {
  return fmt::format("{} ({} {}, e.g. {})", util::escape_for_terminal(h.header), util::with_thousands(h.files),
                     h.files == 1 ? "file" : "files", util::escape_for_terminal(h.example));
}

// Up to k_table_items items of a list, then how many more there are.
template <typename List, typename Text>
std::string first_items(const List& list, std::string_view separator, Text text) {
  std::string out;
  for (std::size_t i = 0; i < std::min(list.size(), k_table_items); ++i) {
    if (i > 0) out += separator;
    out += text(list[i]);
  }
  if (list.size() > k_table_items) out += fmt::format("{}and {} more", separator, list.size() - k_table_items);
  return out;
}

void bold_line(util::Output& out, const std::string& text, TableStyle style) {
  out.write(style.color ? "\x1b[1m" + text + "\x1b[0m\n" : text + "\n");
}

std::string crate_detail(const structure::RustCrate& c) {
  std::string detail;
  if (!c.library.empty()) detail = "binds " + c.library;
  if (c.kind == structure::CrateKind::c_binding && c.library.empty()) detail = "binds a C library";
  if (c.kind == structure::CrateKind::c_build) detail = "builds or finds C code";
  if (c.kind == structure::CrateKind::os) detail = "the operating system's interfaces";
  if (!c.replaces.empty()) {
    std::string ids;
    for (const auto& id : c.replaces) ids += (ids.empty() ? "" : " ") + id;
    detail += (detail.empty() ? "" : "; ") + std::string("a replacement for ") + ids;
  }
  return detail;
}

ordered_json mention_json(const BuildMention& m) {
  ordered_json j;
  put_path(j, "path", m.file);
  j["line"] = m.line;
  j["kind"] = structure::mention_kind_name(m.kind);
  j["name"] = util::to_valid_utf8(m.name);
  if (!m.context.empty()) j["context"] = util::to_valid_utf8(m.context);
  return j;
}

ordered_json mentions_json(const std::vector<BuildMention>& mentions) {
  ordered_json list = ordered_json::array();
  for (const auto& m : mentions) list.push_back(mention_json(m));
  return list;
}

ordered_json headers_json(const std::vector<HeaderUse>& headers) {
  ordered_json list = ordered_json::array();
  for (const auto& h : headers) {
    ordered_json j;
    put_path(j, "header", h.header);
    j["files"] = h.files;
    put_path(j, "example", h.example);
    list.push_back(std::move(j));
  }
  return list;
}

ordered_json strings_json(const std::vector<std::string>& strings) {
  ordered_json list = ordered_json::array();
  for (const auto& s : strings) list.push_back(util::to_valid_utf8(s));
  return list;
}

// A CSV list: the items joined by "; " (the field is quoted by csv_field).
template <typename List, typename Text>
std::string joined(const List& list, Text text) {
  std::string out;
  for (const auto& item : list) {
    if (!out.empty()) out += "; ";
    out += text(item);
  }
  return out;
}

// A mention in its build file's syntax, unescaped (CSV escapes it its own way).
std::string mention_plain(const BuildMention& m) {
  const std::string& n = m.name;
  std::string what;
  switch (m.kind) {
    case MentionKind::cmake_find_package: what = fmt::format("find_package({})", n); break;
    case MentionKind::cmake_pkg_config: what = fmt::format("pkg_check_modules({})", n); break;
    case MentionKind::cmake_link:
      what = m.context.empty() ? fmt::format("link_libraries({})", n)
                               : fmt::format("target_link_libraries({} {})", m.context, n);
      break;
    case MentionKind::cmake_find_library: what = fmt::format("find_library({})", n); break;
    case MentionKind::cmake_check_library: what = fmt::format("check_library_exists({})", n); break;
    case MentionKind::meson_dependency: what = fmt::format("dependency('{}')", n); break;
    case MentionKind::meson_find_library: what = fmt::format("find_library('{}')", n); break;
    case MentionKind::autoconf_pkg_config: what = fmt::format("PKG_CHECK_MODULES({})", n); break;
    case MentionKind::autoconf_check_lib: what = fmt::format("AC_CHECK_LIB({})", n); break;
    case MentionKind::make_link:
      what = m.context.empty() ? "-l" + n : fmt::format("-l{} ({})", n, m.context);
      break;
    case MentionKind::make_pkg_config: what = fmt::format("pkg-config {}", n); break;
    case MentionKind::cargo_dependency:
      what = m.context.empty() ? n : fmt::format("{} ({})", n, m.context);
      break;
  }
  return fmt::format("{}:{} {}", m.file, m.line, what);
}

}  // namespace

std::string mention_text(const BuildMention& m) { return util::escape_for_terminal(mention_plain(m)); }

void deps_table(util::Output& out, const ExternalDeps& deps, TableStyle style) {
  out.print("External libraries: {} known to the table (reviewed {}), {} unknown header {}, {} unknown build {}\n",
            deps.libraries.size(), util::escape_for_terminal(deps.table_reviewed), deps.unknown_headers.size(),
            deps.unknown_headers.size() == 1 ? "group" : "groups", deps.unknown_names.size(),
            deps.unknown_names.size() == 1 ? "name" : "names");
  if (!deps.libraries.empty()) {
    std::size_t width = 7;
    for (const auto& l : deps.libraries) width = std::max(width, util::escape_for_terminal(l.library.name).size());
    width = std::min(width, k_name_width);
    out.write('\n');
    const std::string header =
        fmt::format("{:<{}}  {:>11}  {:>7}  {:>5}  {}", "Library", width, "Files", "Headers", "Build", "Replacements");
    bold_line(out, header, style);
    out.write(std::string(header.size(), '-') + "\n");
    for (const auto& l : deps.libraries)
      out.print("{:<{}}  {:>11}  {:>7}  {:>5}  {}\n", util::escape_for_terminal(l.library.name), width,
                files_text(l.files_min, l.files_max), l.headers.size(), l.mentions.size(),
                replacements_text(l.library));
    for (const auto& l : deps.libraries) {
      const auto& e = l.library;
      out.write('\n');
      std::string title = fmt::format("{} ({})  {}", e.name, e.id, e.homepage);
      if (!e.debian.empty()) title += "  Debian: " + first_items(e.debian, ", ", [](const std::string& d) { return d; });
      bold_line(out, util::escape_for_terminal(title), style);
      if (!l.headers.empty()) out.print("  headers  {}\n", first_items(l.headers, "; ", header_text));
      if (!l.mentions.empty()) out.print("  build    {}\n", first_items(l.mentions, "; ", mention_text));
      for (const auto& r : e.replacements) {
        out.print("  -> {} ({}): {}\n", util::escape_for_terminal(r.crate), structure::maturity_name(r.maturity),
                  util::escape_for_terminal(r.note));
        out.print("     {}\n", util::escape_for_terminal(r.source));
      }
    }
  }
  if (!deps.unknown_headers.empty()) {
    out.write("\nHeaders the table does not know (angled includes no file of the tree provides):\n");
    for (std::size_t i = 0; i < std::min(deps.unknown_headers.size(), k_table_groups); ++i) {
      const auto& g = deps.unknown_headers[i];
      out.print("  {}  {} {}: {}\n", util::escape_for_terminal(g.group), files_text(g.files_min, g.files_max),
                g.files_max == 1 ? "file" : "files", first_items(g.headers, "; ", header_text));
    }
    if (deps.unknown_headers.size() > k_table_groups)
      out.print("  and {} more groups (all of them in the JSON)\n", deps.unknown_headers.size() - k_table_groups);
  }
  if (!deps.unknown_names.empty()) {
    out.write("\nBuild names the table does not know:\n");
    for (std::size_t i = 0; i < std::min(deps.unknown_names.size(), k_table_groups); ++i) {
      const auto& u = deps.unknown_names[i];
      out.print("  {}  {}\n", util::escape_for_terminal(u.name), first_items(u.mentions, "; ", mention_text));
    }
    if (deps.unknown_names.size() > k_table_groups)
      out.print("  and {} more names (all of them in the JSON)\n", deps.unknown_names.size() - k_table_groups);
  }
  if (!deps.crates.empty()) {
    const auto c_underneath =
        std::count_if(deps.crates.begin(), deps.crates.end(), [](const auto& c) { return c.c_underneath(); });
    out.print("\nRust crates: {} ({} with C underneath)\n", deps.crates.size(), c_underneath);
    for (const auto& c : deps.crates) {
      if (c.kind == structure::CrateKind::rust && c.replaces.empty()) continue;  // counted above, nothing to say
      out.print("  {}  {}  {}  {}\n", util::escape_for_terminal(c.name), structure::crate_kind_name(c.kind),
                util::escape_for_terminal(crate_detail(c)), first_items(c.mentions, "; ", mention_text));
    }
  }
  out.print("\nSystem: {} header {} and {} build {} of the toolchain or OS; {} build {}; {} quoted {} neither known "
            "nor system (the tree's own, generated or configured headers)\n",
            util::with_thousands(deps.system_headers), deps.system_headers == 1 ? "spelling" : "spellings",
            util::with_thousands(deps.system_names), deps.system_names == 1 ? "name" : "names",
            util::with_thousands(deps.tool_names), deps.tool_names == 1 ? "tool" : "tools",
            util::with_thousands(deps.unmatched_quoted), deps.unmatched_quoted == 1 ? "include" : "includes");
}

void deps_json(util::Output& out, const ExternalDeps& deps) {
  JsonWriter json(out);
  json.begin_object();
  json.member("schema_version", k_schema_version);
  json.member("tool", {{"name", "oxidize"}, {"version", k_version}});
  json.member("command", "deps");
  json.member("table", {{"reviewed", util::to_valid_utf8(deps.table_reviewed)}});
  json.member("inputs", {{"includes", deps.includes_read}, {"mentions", deps.mentions_read}});
  json.key("libraries");
  json.begin_array();
  for (const auto& l : deps.libraries) {
    const auto& e = l.library;
    ordered_json j;
    j["id"] = e.id;
    j["name"] = util::to_valid_utf8(e.name);
    j["homepage"] = util::to_valid_utf8(e.homepage);
    j["files_min"] = l.files_min;
    j["files_max"] = l.files_max;
    j["headers"] = headers_json(l.headers);
    j["mentions"] = mentions_json(l.mentions);
    j["debian"] = strings_json(e.debian);
    ordered_json replacements = ordered_json::array();
    for (const auto& r : e.replacements)
      replacements.push_back({{"crate", util::to_valid_utf8(r.crate)},
                              {"maturity", structure::maturity_name(r.maturity)},
                              {"note", util::to_valid_utf8(r.note)},
                              {"source", util::to_valid_utf8(r.source)}});
    j["replacements"] = std::move(replacements);
    json.value(j);
  }
  json.end();
  json.key("unknown_headers");
  json.begin_array();
  for (const auto& g : deps.unknown_headers) {
    ordered_json j;
    put_path(j, "group", g.group);
    j["files_min"] = g.files_min;
    j["files_max"] = g.files_max;
    j["headers"] = headers_json(g.headers);
    json.value(j);
  }
  json.end();
  json.key("unknown_build_names");
  json.begin_array();
  for (const auto& u : deps.unknown_names)
    json.value({{"name", util::to_valid_utf8(u.name)}, {"mentions", mentions_json(u.mentions)}});
  json.end();
  json.key("crates");
  json.begin_array();
  for (const auto& c : deps.crates) {
    ordered_json j;
    j["name"] = util::to_valid_utf8(c.name);
    j["kind"] = structure::crate_kind_name(c.kind);
    j["c_underneath"] = c.c_underneath();
    j["library"] = c.library.empty() ? ordered_json(nullptr) : ordered_json(c.library);
    j["replaces"] = strings_json(c.replaces);
    j["mentions"] = mentions_json(c.mentions);
    json.value(j);
  }
  json.end();
  json.member("system", {{"headers", deps.system_headers}, {"build_names", deps.system_names}});
  json.member("build_tools", deps.tool_names);
  json.member("unmatched_quoted_includes", deps.unmatched_quoted);
  json.end();
  json.finish();
}

void deps_csv(util::Output& out, const ExternalDeps& deps) {
  out.write("section,id,name,files_min,files_max,headers,build,replacements,sources,detail\n");
  const auto header_item = [](const HeaderUse& h) { return fmt::format("{} ({})", h.header, h.files); };
  for (const auto& l : deps.libraries) {
    const auto& e = l.library;
    out.print("library,{},{},{},{},{},{},{},{},{}\n", util::csv_field(e.id), util::csv_field(e.name), l.files_min,
              l.files_max, util::csv_field(joined(l.headers, header_item)),
              util::csv_field(joined(l.mentions, mention_plain)), util::csv_field(replacements_text(e)),
              util::csv_field(joined(e.replacements, [](const auto& r) { return r.source; })),
              util::csv_field(e.debian.empty() ? std::string() : "debian: " + joined(e.debian, [](const auto& d) { return d; })));
  }
  for (const auto& g : deps.unknown_headers)
    out.print("unknown_header,{},,{},{},{},,,,\n", util::csv_field(g.group), g.files_min, g.files_max,
              util::csv_field(joined(g.headers, header_item)));
  for (const auto& u : deps.unknown_names)
    out.print("unknown_build_name,{},,,,,{},,,\n", util::csv_field(u.name),
              util::csv_field(joined(u.mentions, mention_plain)));
  for (const auto& c : deps.crates)
    out.print("crate,{},{},,,,{},,,{}\n", util::csv_field(c.name), structure::crate_kind_name(c.kind),
              util::csv_field(joined(c.mentions, mention_plain)), util::csv_field(crate_detail(c)));
}

}  // namespace oxidize::report
