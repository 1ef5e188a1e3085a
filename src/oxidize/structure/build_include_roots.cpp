#include "oxidize/structure/build_include_roots.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "oxidize/structure/compile_database.hpp"

namespace oxidize::structure {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string_view folder_of(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view(".") : path.substr(0, slash);
}

// A folder as written in `file`, relative to the root; empty when it names
// a variable we cannot know or lies outside the tree.
std::string resolve(std::string_view written, std::string_view build_folder) {
  std::string_view w = written;
  while (!w.empty() && (w.front() == '"' || w.front() == '\'')) w.remove_prefix(1);
  while (!w.empty() && (w.back() == '"' || w.back() == '\'' || w.back() == ',' || w.back() == ')')) w.remove_suffix(1);
  std::string base(build_folder);
  for (const std::string_view own : {"$(srcdir)", "$(top_srcdir)", "${CMAKE_CURRENT_SOURCE_DIR}",
                                     "${CMAKE_SOURCE_DIR}", "${PROJECT_SOURCE_DIR}", "@srcdir@", "@top_srcdir@",
                                     "$(srctree)", "$(src)"}) {
    if (w.substr(0, own.size()) != own) continue;
    w.remove_prefix(own.size());
    if (!w.empty() && w.front() == '/') w.remove_prefix(1);
    // The top-level ones mean the root.
    if (own.find("top") != std::string_view::npos || own == "${CMAKE_SOURCE_DIR}" || own == "${PROJECT_SOURCE_DIR}" ||
        own == "$(srctree)")
      base = ".";
    break;
  }
  if (w.empty() || w.find_first_of("$@`") != std::string_view::npos || w.front() == '/') return {};
  std::string path = normalize_path(base == "." ? std::string(w) : base + "/" + std::string(w));
  if (path.rfind("..", 0) == 0) return {};
  return path;
}

void words_after(std::string_view text, std::string_view call, auto&& on_word) {
  for (std::size_t at = text.find(call); at != std::string_view::npos; at = text.find(call, at + 1)) {
    if (at > 0 && (std::isalnum(static_cast<unsigned char>(text[at - 1])) != 0 || text[at - 1] == '_')) continue;
    const std::size_t open = text.find('(', at);
    const std::size_t close = open == std::string_view::npos ? open : text.find(')', open);
    if (close == std::string_view::npos) return;
    std::string_view args = text.substr(open + 1, close - open - 1);
    std::size_t i = 0;
    while (i < args.size()) {
      while (i < args.size() && (args[i] == ' ' || args[i] == '\t' || args[i] == '\n' || args[i] == ',')) ++i;
      std::size_t j = i;
      while (j < args.size() && args[j] != ' ' && args[j] != '\t' && args[j] != '\n' && args[j] != ',') ++j;
      if (j > i) on_word(args.substr(i, j - i));
      i = j;
    }
  }
}

}  // namespace

bool is_build_file_name(std::string_view name) {
  return name == "CMakeLists.txt" || ends_with(name, ".cmake") || name == "meson.build" || name == "configure.ac" ||
         name == "configure.in" || name == "Makefile" || name == "Makefile.am" || name == "GNUmakefile" ||
         ends_with(name, ".mk") || name == "Kbuild" || name == "Cargo.toml";
}

std::vector<std::string> include_roots_from_build_files(const BuildFiles& files) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  auto add = [&](std::string folder) {
    if (!folder.empty() && seen.insert(folder).second) out.push_back(std::move(folder));
  };
  for (const auto& f : files) {
    const std::string_view text = f.text;
    const std::string_view folder = folder_of(f.path);
    // -Ifoo and -I foo anywhere (flags in variables, CPPFLAGS, c_args).
    for (std::size_t at = text.find("-I"); at != std::string_view::npos; at = text.find("-I", at + 2)) {
      if (at > 0 && text[at - 1] != ' ' && text[at - 1] != '\t' && text[at - 1] != '"' && text[at - 1] != '\'' &&
          text[at - 1] != '=' && text[at - 1] != '(')
        continue;
      std::size_t b = at + 2;
      while (b < text.size() && (text[b] == ' ' || text[b] == '\t')) ++b;
      std::size_t e = b;
      while (e < text.size() && text[e] != ' ' && text[e] != '\t' && text[e] != '\n' && text[e] != '"' &&
             text[e] != '\'' && text[e] != '\\')
        ++e;
      if (e > b) add(resolve(text.substr(b, e - b), folder));
    }
    const auto keyword = [&](std::string_view w) {
      return w == "SYSTEM" || w == "BEFORE" || w == "AFTER" || w == "PUBLIC" || w == "PRIVATE" || w == "INTERFACE";
    };
    for (const std::string_view call : {"include_directories", "target_include_directories"}) {
      bool first = call == "target_include_directories";  // its first word is the target
      words_after(text, call, [&](std::string_view w) {
        if (first) {
          first = false;
          return;
        }
        if (!keyword(w)) add(resolve(w, folder));
      });
    }
  }
  return out;
}

}  // namespace oxidize::structure
