#include "oxidize/structure/include_graph.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace oxidize::structure {

namespace {

std::string_view folder_of(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view(".") : path.substr(0, slash);
}

std::string_view name_of(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string joined(std::string_view folder, std::string_view path) {
  if (folder == "." || folder.empty()) return normalize_path(path);
  std::string p(folder);
  p.push_back('/');
  p.append(path);
  return normalize_path(p);
}

// Leading folders two paths share ("a/b/c", "a/b/d" -> 2).
std::size_t shared_folders(std::string_view a, std::string_view b) {
  if (a == "." || b == ".") return 0;
  std::size_t shared = 0;
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) {
    ++i;
    if ((i == a.size() || a[i] == '/') && (i == b.size() || b[i] == '/')) ++shared;
  }
  return shared;
}

class Resolver {
 public:
  Resolver(const model::Snapshot& snapshot, const IncludeSettings& settings, const std::vector<std::string>& roots)
      : snapshot_(snapshot), settings_(settings), roots_(roots.begin(), roots.end()) {
    for (std::uint32_t i = 0; i < snapshot.files.size(); ++i) {
      const std::string_view path = snapshot.files[i].path;
      by_path_.emplace(path, i);
      by_name_[name_of(path)].push_back(i);
    }
  }

  IncludeEdge resolve(std::uint32_t from, std::uint32_t directive) const {
    const auto& file = snapshot_.files[from];
    const parse::IncludeDirective& inc = file.facts.structure.includes[directive];
    IncludeEdge edge{from, directive, k_no_file, IncludeHow::not_found};
    if (inc.form == parse::IncludeForm::macro) {
      edge.how = IncludeHow::macro;
      return edge;
    }
    const bool quoted = inc.form == parse::IncludeForm::quoted;
    const std::string_view folder = folder_of(file.path);
    if (quoted && found(joined(folder, inc.target), edge, IncludeHow::relative)) return edge;
    if (settings_.database != nullptr) {
      const auto it = settings_.database->files.find(file.path);
      if (it != settings_.database->files.end()) {
        if (quoted)
          for (const auto& f : it->second.quote)
            if (found(joined(f, inc.target), edge, IncludeHow::compile_commands)) return edge;
        for (const auto& f : it->second.search)
          if (found(joined(f, inc.target), edge, IncludeHow::compile_commands)) return edge;
      }
    }
    const std::string target = normalize_path(inc.target);
    if (target.rfind("../", 0) != 0 && target != "." && target[0] != '/') {
      if (by_suffix(target, folder, edge)) return edge;
    }
    edge.how = quoted ? IncludeHow::not_found : IncludeHow::system;
    return edge;
  }

 private:
  bool found(const std::string& path, IncludeEdge& edge, IncludeHow how) const {
    const auto it = by_path_.find(path);
    if (it == by_path_.end()) return false;
    edge.to = it->second;
    edge.how = how;
    return true;
  }

  // Among the files whose path ends with `target`: those under an include
  // root first; the best shares the most folders with the includer, then
  // has the shortest root (include/ before include/uapi/).
  bool by_suffix(const std::string& target, std::string_view includer_folder, IncludeEdge& edge) const {
    const auto it = by_name_.find(name_of(target));
    if (it == by_name_.end()) return false;
    struct Candidate {
      std::uint32_t file;
      std::string_view root;
      bool under_root;
    };
    std::vector<Candidate> candidates;
    for (const std::uint32_t i : it->second) {
      const std::string_view path = snapshot_.files[i].path;
      std::string_view root;
      if (path == target) root = ".";
      else if (path.size() > target.size() && path[path.size() - target.size() - 1] == '/' &&
               path.compare(path.size() - target.size(), target.size(), target) == 0)
        root = path.substr(0, path.size() - target.size() - 1);
      else continue;
      candidates.push_back({i, root, roots_.contains(std::string(root))});
    }
    if (candidates.empty()) return false;
    const bool any_root = std::any_of(candidates.begin(), candidates.end(), [](const auto& c) { return c.under_root; });
    if (any_root)
      std::erase_if(candidates, [](const auto& c) { return !c.under_root; });
    auto better = [&](const Candidate& a, const Candidate& b) {
      const std::size_t sa = shared_folders(a.root, includer_folder), sb = shared_folders(b.root, includer_folder);
      if (sa != sb) return sa > sb;
      return a.root.size() < b.root.size();
    };
    std::sort(candidates.begin(), candidates.end(), better);
    if (candidates.size() > 1 && !better(candidates[0], candidates[1])) {
      edge.how = IncludeHow::ambiguous;
      return true;
    }
    edge.to = candidates[0].file;
    edge.how = any_root ? IncludeHow::include_root : IncludeHow::unique_suffix;
    return true;
  }

  const model::Snapshot& snapshot_;
  const IncludeSettings& settings_;
  std::unordered_set<std::string> roots_;
  std::unordered_map<std::string_view, std::uint32_t> by_path_;
  std::unordered_map<std::string_view, std::vector<std::uint32_t>> by_name_;
};

}  // namespace

std::string_view include_how_name(IncludeHow how) {
  switch (how) {
    case IncludeHow::relative: return "relative";
    case IncludeHow::compile_commands: return "compile-commands";
    case IncludeHow::include_root: return "include-root";
    case IncludeHow::unique_suffix: return "unique-suffix";
    case IncludeHow::ambiguous: return "ambiguous";
    case IncludeHow::system: return "system";
    case IncludeHow::not_found: return "not-found";
    case IncludeHow::macro: return "macro";
    case IncludeHow::count_: break;
  }
  return "not-found";
}

std::uint64_t IncludeGraph::resolved() const {
  std::uint64_t n = 0;
  for (const IncludeHow how : {IncludeHow::relative, IncludeHow::compile_commands, IncludeHow::include_root,
                               IncludeHow::unique_suffix})
    n += counts[static_cast<std::size_t>(how)];
  return n;
}

std::uint64_t IncludeGraph::project() const {
  return resolved() + counts[static_cast<std::size_t>(IncludeHow::ambiguous)] +
         counts[static_cast<std::size_t>(IncludeHow::not_found)];
}

std::vector<std::string> guess_include_roots(const model::Snapshot& snapshot, const std::vector<std::string>& extra) {
  std::unordered_set<std::string> roots{"."};
  for (const auto& f : snapshot.files) {
    const std::string_view path = f.path;
    std::size_t from = 0;
    for (std::size_t slash = path.find('/'); slash != std::string_view::npos; slash = path.find('/', from)) {
      const std::string_view part = path.substr(from, slash - from);
      const std::string_view before = from == 0 ? std::string_view() : path.substr(0, from - 1);
      // include/, and the uapi/ and generated/ folders kernels keep beside it.
      if (part == "include" || ((part == "uapi" || part == "generated") && name_of(before) == "include"))
        roots.insert(std::string(path.substr(0, slash)));
      from = slash + 1;
    }
  }
  for (const auto& e : extra) roots.insert(normalize_path(e));
  std::vector<std::string> out(roots.begin(), roots.end());
  std::sort(out.begin(), out.end());
  return out;
}

IncludeGraph resolve_includes(const model::Snapshot& snapshot, const IncludeSettings& settings) {
  IncludeGraph graph;
  graph.roots = guess_include_roots(snapshot, settings.extra_roots);
  const Resolver resolver(snapshot, settings, graph.roots);
  graph.first_edge.reserve(snapshot.files.size() + 1);
  for (std::uint32_t i = 0; i < snapshot.files.size(); ++i) {
    graph.first_edge.push_back(static_cast<std::uint32_t>(graph.edges.size()));
    const auto& includes = snapshot.files[i].facts.structure.includes;
    for (std::uint32_t d = 0; d < includes.size(); ++d) {
      const IncludeEdge edge = resolver.resolve(i, d);
      ++graph.counts[static_cast<std::size_t>(edge.how)];
      graph.edges.push_back(edge);
    }
  }
  graph.first_edge.push_back(static_cast<std::uint32_t>(graph.edges.size()));
  if (settings.database != nullptr && settings.database->present) {
    std::size_t missing = 0;
    std::unordered_set<std::string_view> paths;
    for (const auto& f : snapshot.files) paths.insert(f.path);
    for (const auto& [path, folders] : settings.database->files)
      if (!paths.contains(path)) ++missing;
    if (missing > 0)
      graph.warnings.push_back("compile_commands.json names " + std::to_string(missing) +
                               " files that are not in the scanned tree; their flags are unused");
  }
  return graph;
}

}  // namespace oxidize::structure
