#include "oxidize/structure/call_graph.hpp"

#include "oxidize/hazards/c_library.hpp"
#include "oxidize/parse/qualified_name.hpp"

#include <algorithm>
#include <unordered_map>

namespace oxidize::structure {

namespace {

using discover::Language;

bool is_header(Language l) { return l == Language::c_header || l == Language::cpp_header; }

std::string_view folder_of(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

// Function ids by name, built for 600,000 definitions and 4 million
// lookups (the kernel): the entries in one array, those of a name chained
// through `next_`, and an open-addressing table of chain heads with each
// name's hash beside it, so that a probe compares names only when the hashes
// agree. No sort (comparing long kernel names that share prefixes cost
// more than the lookups), and 36 bytes a definition instead of the hundred a
// hash map of vectors takes.
class NameIndex {
 public:
  // Ids must be added in descending order: chains are built by prepending,
  // and are then walked in ascending id order.
  void reserve(std::size_t n) {
    entries_.reserve(n);
    std::size_t slots = 16;
    while (slots < n + n / 2) slots *= 2;  // load at most two thirds
    mask_ = slots - 1;
    slots_.assign(slots, Slot{});
  }
  void add(std::string_view name, std::uint32_t id) {
    const std::uint64_t h = hash(name);
    const auto index = static_cast<std::uint32_t>(entries_.size());
    for (std::size_t slot = h & mask_;; slot = (slot + 1) & mask_) {
      Slot& s = slots_[slot];
      if (s.head == k_empty) {
        s = {static_cast<std::uint32_t>(h >> 32), index};
        entries_.push_back({name, id, k_empty});
        return;
      }
      if (s.hash == static_cast<std::uint32_t>(h >> 32) && entries_[s.head].name == name) {
        entries_.push_back({name, id, s.head});
        s.head = index;
        return;
      }
    }
  }
  template <class Visit>
  void each(std::string_view name, Visit&& visit) const {
    if (slots_.empty()) return;
    const std::uint64_t h = hash(name);
    for (std::size_t slot = h & mask_; slots_[slot].head != k_empty; slot = (slot + 1) & mask_) {
      const Slot& s = slots_[slot];
      if (s.hash != static_cast<std::uint32_t>(h >> 32) || entries_[s.head].name != name) continue;
      for (std::uint32_t i = s.head; i != k_empty; i = entries_[i].next) visit(entries_[i].id);
      return;
    }
  }

 private:
  static constexpr std::uint32_t k_empty = 0xffffffffU;
  static std::uint64_t hash(std::string_view name) { return std::hash<std::string_view>{}(name); }
  struct Entry {
    std::string_view name;
    std::uint32_t id;
    std::uint32_t next;
  };
  struct Slot {
    std::uint32_t hash = 0;  // the high half of the name's hash
    std::uint32_t head = k_empty;
  };
  std::vector<Entry> entries_;
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

class Resolver {
 public:
  Resolver(const model::Snapshot& snapshot, const IncludeGraph& includes, CallGraph& graph)
      : s_(snapshot), includes_(includes), g_(graph), marks_(snapshot.files.size(), 0) {
    g_.function_base.reserve(s_.files.size() + 1);
    g_.call_base.reserve(s_.files.size() + 1);
    std::uint32_t functions = 0, calls = 0;
    for (const auto& f : s_.files) {
      g_.function_base.push_back(functions);
      g_.call_base.push_back(calls);
      functions += static_cast<std::uint32_t>(f.facts.functions.size());
      calls += static_cast<std::uint32_t>(f.facts.structure.calls.size());
    }
    g_.function_base.push_back(functions);
    g_.call_base.push_back(calls);
    g_.file_of.reserve(functions);
    for (std::uint32_t i = 0; i < s_.files.size(); ++i)
      g_.file_of.insert(g_.file_of.end(), s_.files[i].facts.functions.size(), i);
    g_.target.assign(calls, k_no_target);
    g_.how.assign(calls, CallHow::external);

    std::unordered_map<std::string_view, std::uint32_t> by_path;
    std::size_t members = 0;
    std::size_t macro_count = 0;
    for (std::uint32_t i = 0; i < s_.files.size(); ++i) {
      const auto& f = s_.files[i];
      by_path.emplace(f.path, i);
      for (const auto& fn : f.facts.functions) members += fn.name.find("::") != std::string::npos ? 1 : 0;
      macro_count += f.facts.structure.macros.size();
    }
    macros_.reserve(macro_count);
    std::size_t prototype_count = 0;
    for (const auto& f : s_.files) prototype_count += f.facts.structure.prototypes.size();
    declared_.reserve(prototype_count);
    for (std::uint32_t i = static_cast<std::uint32_t>(s_.files.size()); i-- > 0;) {
      const auto& f = s_.files[i];
      for (const auto& m : f.facts.structure.macros) macros_.add(m.name, i);
      if (is_header(f.facts.language))
        for (const auto& p : f.facts.structure.prototypes) declared_.add(p.name, i);
    }
    by_name_.reserve(functions);
    by_member_.reserve(members);
    for (std::uint32_t id = functions; id-- > 0;) {  // descending: see NameIndex
      const std::string_view name = function_name(id);
      by_name_.add(name, id);
      if (name.find("::") != std::string_view::npos) by_member_.add(parse::unqualified_name(name), id);
    }
    // The header beside each source file (foo.c -> foo.h): defining a
    // function there and including that header is how C makes it visible.
    companion_.assign(s_.files.size(), k_no_file);
    for (std::uint32_t i = 0; i < s_.files.size(); ++i) {
      const std::string_view path = s_.files[i].path;
      if (is_header(s_.files[i].facts.language)) continue;
      const std::size_t dot = path.rfind('.');
      if (dot == std::string_view::npos) continue;
      for (const char* ext : {".h", ".hpp", ".hh", ".hxx"}) {
        const auto it = by_path.find(std::string(path.substr(0, dot)) + ext);
        if (it != by_path.end()) {
          companion_[i] = it->second;
          break;
        }
      }
    }
  }

  void run() {
    struct Resolved {
      std::uint32_t target = k_no_target;
      CallHow how = CallHow::count_;  // count_: not resolved yet
    };
    std::vector<Resolved> memo;
    for (std::uint32_t file = 0; file < s_.files.size(); ++file) {
      closure_ready_ = false;
      const auto& facts = s_.files[file].facts;
      // A name resolves the same way everywhere in a file unless the caller's
      // class or impl comes into it: resolve each (kind, name) once.
      memo.assign(facts.structure.names.size() * 3, {});
      for (std::uint32_t c = 0; c < facts.structure.calls.size(); ++c) {
        const parse::CallSite& call = facts.structure.calls[c];
        const std::uint32_t index = g_.call_base[file] + c;
        const bool qualified_caller =
            facts.functions[call.function].name.find("::") != std::string::npos;
        Resolved& known = memo[call.callee * 3 + static_cast<std::uint32_t>(call.kind())];
        if (qualified_caller || known.how == CallHow::count_) {
          resolve(file, call, g_.target[index], g_.how[index]);
          if (!qualified_caller) known = {g_.target[index], g_.how[index]};
        } else {
          g_.target[index] = known.target;
          g_.how[index] = known.how;
        }
        ++g_.counts[static_cast<std::size_t>(g_.how[index])];
      }
    }
  }

 private:
  void resolve(std::uint32_t file, const parse::CallSite& call, std::uint32_t& target, CallHow& how) {
    const auto& facts = s_.files[file].facts;
    const std::string_view name = facts.structure.names[call.callee];
    const bool c_language = facts.language == Language::c || facts.language == Language::c_header;
    if (call.kind() == parse::CallKind::pointer || (call.kind() == parse::CallKind::member && c_language)) {
      how = CallHow::indirect;
      return;
    }
    candidates_.clear();
    if (call.kind() == parse::CallKind::member) {
      add_candidates(by_member_, name);
    } else {
      // Inside Class::method, `helper()` is Class::helper first.
      const std::string_view qualifier = parse::qualifier_of(facts.functions[call.function].name);
      if (!qualifier.empty() && name.find("::") == std::string_view::npos) {
        scratch_.assign(qualifier);
        scratch_ += "::";
        scratch_ += name;
        add_candidates(by_name_, scratch_);
      }
      if (candidates_.empty()) add_candidates(by_name_, name);
      if (candidates_.empty() && name.find("::") != std::string_view::npos) {
        // Pool::get called, ns::Pool::get defined.
        by_member_.each(parse::unqualified_name(name), [&](std::uint32_t id) {
          const FunctionRef f = g_.function(id);
          const std::string_view full = s_.files[f.file].facts.functions[f.function].name;
          if (full.size() > name.size() && full.compare(full.size() - name.size(), name.size(), name) == 0 &&
              full[full.size() - name.size() - 1] == ':')
            candidates_.push_back(id);
        });
      }
    }
    if (candidates_.empty()) {
      how = is_macro(name) ? CallHow::macro : CallHow::external;
      return;
    }
    const bool rust = facts.language == Language::rust;
    // 1. The same file.
    for (const std::uint32_t id : candidates_)
      if (g_.file_of[id] == file) {
        target = id;
        how = CallHow::same_file;
        return;
      }
    // 2. Static functions of included headers; 3. external linkage.
    std::uint32_t visible_static = k_no_target;
    std::vector<std::uint32_t>& global = global_;
    global.clear();
    for (const std::uint32_t id : candidates_) {
      const std::uint32_t def_file = g_.file_of[id];
      const auto& def = s_.files[def_file];
      if (def.facts.functions[id - g_.function_base[def_file]].has(parse::k_internal_linkage) && !rust) {
        if (is_header(def.facts.language) && visible(file, def_file) && visible_static == k_no_target)
          visible_static = id;
      } else {
        global.push_back(id);
      }
    }
    if (visible_static != k_no_target) {
      target = visible_static;
      how = CallHow::included;
      return;
    }
    if (global.empty()) {
      how = is_macro(name) ? CallHow::macro : CallHow::external;
      return;
    }
    if (global.size() == 1) {
      // A function of the C library defined in the tree is often a stand-in
      // for systems that lack it (curl's tool defines strdup): the caller
      // means the library's unless it sees the tree's definition or a
      // header of the tree declaring it.
      if (hazards::library_call(name) != nullptr && !definition_visible(file, global[0]) &&
          !declaration_visible(file, name)) {
        how = CallHow::external;
        return;
      }
      target = global[0];
      how = CallHow::unique;
      return;
    }
    std::uint32_t pick = k_no_target;
    std::size_t picks = 0;
    for (const std::uint32_t id : global) {
      if (definition_visible(file, id)) {
        pick = id;
        ++picks;
      }
    }
    if (picks != 1) {
      picks = 0;
      const std::string_view folder = folder_of(s_.files[file].path);
      for (const std::uint32_t id : global)
        if (folder_of(s_.files[g_.file_of[id]].path) == folder) {
          pick = id;
          ++picks;
        }
    }
    if (picks == 1) {
      target = pick;
      how = CallHow::narrowed;
    } else {
      how = CallHow::ambiguous;
    }
  }

  // Defined in a file the caller includes, or in the .c beside a header it includes.
  bool definition_visible(std::uint32_t file, std::uint32_t id) {
    const std::uint32_t def_file = g_.file_of[id];
    return visible(file, def_file) || (companion_[def_file] != k_no_file && visible(file, companion_[def_file]));
  }
  // Declared by a prototype in a header the caller includes.
  bool declaration_visible(std::uint32_t file, std::string_view name) {
    bool found = false;
    declared_.each(name, [&](std::uint32_t header) { found = found || visible(file, header); });
    return found;
  }

  bool is_macro(std::string_view name) const {
    bool found = false;
    macros_.each(name, [&](std::uint32_t) { found = true; });
    return found;
  }

  std::string_view function_name(std::uint32_t id) const {
    const std::uint32_t file = g_.file_of[id];
    return s_.files[file].facts.functions[id - g_.function_base[file]].name;
  }

  void add_candidates(const NameIndex& index, std::string_view name) {
    index.each(name, [&](std::uint32_t id) { candidates_.push_back(id); });
  }

  // Is `other` among the files `file` includes, directly or not? The
  // closure is walked once per file, when a call first asks.
  bool visible(std::uint32_t file, std::uint32_t other) {
    if (!closure_ready_) {
      ++generation_;
      stack_.assign(1, file);
      marks_[file] = generation_;
      while (!stack_.empty()) {
        const std::uint32_t f = stack_.back();
        stack_.pop_back();
        for (const IncludeEdge& e : includes_.of(f))
          if (e.to != k_no_file && marks_[e.to] != generation_) {
            marks_[e.to] = generation_;
            stack_.push_back(e.to);
          }
      }
      closure_ready_ = true;
    }
    return marks_[other] == generation_;
  }

  const model::Snapshot& s_;
  const IncludeGraph& includes_;
  CallGraph& g_;
  NameIndex by_name_;
  NameIndex by_member_;  // by the last part of A::b
  NameIndex macros_;    // function-like macros of the tree (ids: their files)
  NameIndex declared_;  // prototypes in headers (ids: the headers)
  std::vector<std::uint32_t> companion_;
  std::vector<std::uint32_t> candidates_;
  std::vector<std::uint32_t> global_;
  std::string scratch_;
  // The include closure of the file being resolved.
  std::vector<std::uint32_t> marks_;
  std::uint32_t generation_ = 0;
  bool closure_ready_ = false;
  std::vector<std::uint32_t> stack_;
};

}  // namespace

std::string_view call_how_name(CallHow how) {
  switch (how) {
    case CallHow::same_file: return "same-file";
    case CallHow::included: return "included";
    case CallHow::unique: return "unique";
    case CallHow::narrowed: return "narrowed";
    case CallHow::ambiguous: return "ambiguous";
    case CallHow::macro: return "macro";
    case CallHow::external: return "external";
    case CallHow::indirect: return "indirect";
    case CallHow::count_: break;
  }
  return "external";
}

FunctionRef CallGraph::function(std::uint32_t id) const {
  const std::uint32_t file = file_of[id];
  return {file, id - function_base[file]};
}

std::uint64_t CallGraph::resolved() const {
  std::uint64_t n = 0;
  for (const CallHow kind : {CallHow::same_file, CallHow::included, CallHow::unique, CallHow::narrowed})
    n += counts[static_cast<std::size_t>(kind)];
  return n;
}

CallGraph resolve_calls(const model::Snapshot& snapshot, const IncludeGraph& includes) {
  CallGraph graph;
  Resolver resolver(snapshot, includes, graph);
  resolver.run();
  return graph;
}

}  // namespace oxidize::structure
