#include "oxidize/structure/call_graph.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace oxidize::structure {

namespace {

using discover::Language;

bool is_header(Language l) { return l == Language::c_header || l == Language::cpp_header; }

std::string_view last_component(std::string_view name) {
  const std::size_t colons = name.rfind("::");
  return colons == std::string_view::npos ? name : name.substr(colons + 2);
}

std::string_view qualifier_of(std::string_view name) {
  const std::size_t colons = name.rfind("::");
  return colons == std::string_view::npos ? std::string_view() : name.substr(0, colons);
}

std::string_view folder_of(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

// Function ids by name: one array sorted by name (24 bytes a function),
// found through an open-addressing table of group starts (4 bytes a slot)
// rather than a hash map of vectors (about 100 bytes a function): the
// kernel has 600,000 definitions and 3.9 million call sites.
class NameIndex {
 public:
  void add(std::string_view name, std::uint32_t id) { entries_.push_back({name, id}); }
  void seal() {
    std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
      return a.name != b.name ? a.name < b.name : a.id < b.id;
    });
    std::size_t slots = 16;
    while (slots < entries_.size() * 2) slots *= 2;
    mask_ = slots - 1;
    slots_.assign(slots, k_empty);
    for (std::uint32_t i = 0; i < entries_.size(); ++i) {
      if (i > 0 && entries_[i].name == entries_[i - 1].name) continue;  // a group's first entry only
      std::size_t slot = hash(entries_[i].name) & mask_;
      while (slots_[slot] != k_empty) slot = (slot + 1) & mask_;
      slots_[slot] = i;
    }
  }
  template <class Visit>
  void each(std::string_view name, Visit&& visit) const {
    if (slots_.empty()) return;
    for (std::size_t slot = hash(name) & mask_; slots_[slot] != k_empty; slot = (slot + 1) & mask_) {
      if (entries_[slots_[slot]].name != name) continue;
      for (std::uint32_t i = slots_[slot]; i < entries_.size() && entries_[i].name == name; ++i) visit(entries_[i].id);
      return;
    }
  }

 private:
  static constexpr std::uint32_t k_empty = 0xffffffffU;
  static std::size_t hash(std::string_view name) { return std::hash<std::string_view>{}(name); }
  struct Entry {
    std::string_view name;
    std::uint32_t id;
  };
  std::vector<Entry> entries_;
  std::vector<std::uint32_t> slots_;
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
    file_of_.reserve(functions);
    for (std::uint32_t i = 0; i < s_.files.size(); ++i)
      file_of_.insert(file_of_.end(), s_.files[i].facts.functions.size(), i);
    g_.target.assign(calls, k_no_target);
    g_.how.assign(calls, CallHow::external);

    std::unordered_map<std::string_view, std::uint32_t> by_path;
    for (std::uint32_t i = 0; i < s_.files.size(); ++i) {
      const auto& f = s_.files[i];
      by_path.emplace(f.path, i);
      for (std::uint32_t k = 0; k < f.facts.functions.size(); ++k) {
        const std::string_view name = f.facts.functions[k].name;
        const std::uint32_t id = g_.function_base[i] + k;
        by_name_.add(name, id);
        if (name.find("::") != std::string_view::npos) by_member_.add(last_component(name), id);
      }
      for (const auto& m : f.facts.structure.macros) macros_.insert(m.name);
    }
    by_name_.seal();
    by_member_.seal();
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
        Resolved& known = memo[call.callee * 3 + static_cast<std::uint32_t>(call.kind)];
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
    if (call.kind == parse::CallKind::pointer || (call.kind == parse::CallKind::member && c_language)) {
      how = CallHow::indirect;
      return;
    }
    candidates_.clear();
    if (call.kind == parse::CallKind::member) {
      add_candidates(by_member_, name);
    } else {
      // Inside Class::method, `helper()` is Class::helper first.
      const std::string_view qualifier = qualifier_of(facts.functions[call.function].name);
      if (!qualifier.empty() && name.find("::") == std::string_view::npos) {
        scratch_.assign(qualifier);
        scratch_ += "::";
        scratch_ += name;
        add_candidates(by_name_, scratch_);
      }
      if (candidates_.empty()) add_candidates(by_name_, name);
      if (candidates_.empty() && name.find("::") != std::string_view::npos) {
        // Pool::get called, ns::Pool::get defined.
        by_member_.each(last_component(name), [&](std::uint32_t id) {
          const FunctionRef f = g_.function(id);
          const std::string_view full = s_.files[f.file].facts.functions[f.function].name;
          if (full.size() > name.size() && full.compare(full.size() - name.size(), name.size(), name) == 0 &&
              full[full.size() - name.size() - 1] == ':')
            candidates_.push_back(id);
        });
      }
    }
    if (candidates_.empty()) {
      how = macros_.contains(name) ? CallHow::macro : CallHow::external;
      return;
    }
    const bool rust = facts.language == Language::rust;
    // 1. The same file.
    for (const std::uint32_t id : candidates_)
      if (file_of_[id] == file) {
        target = id;
        how = CallHow::same_file;
        return;
      }
    // 2. Static functions of included headers; 3. external linkage.
    std::uint32_t visible_static = k_no_target;
    std::vector<std::uint32_t>& global = global_;
    global.clear();
    for (const std::uint32_t id : candidates_) {
      const std::uint32_t def_file = file_of_[id];
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
      how = macros_.contains(name) ? CallHow::macro : CallHow::external;
      return;
    }
    if (global.size() == 1) {
      target = global[0];
      how = CallHow::unique;
      return;
    }
    std::uint32_t pick = k_no_target;
    std::size_t picks = 0;
    for (const std::uint32_t id : global) {
      const std::uint32_t def_file = file_of_[id];
      if (visible(file, def_file) || (companion_[def_file] != k_no_file && visible(file, companion_[def_file]))) {
        pick = id;
        ++picks;
      }
    }
    if (picks != 1) {
      picks = 0;
      const std::string_view folder = folder_of(s_.files[file].path);
      for (const std::uint32_t id : global)
        if (folder_of(s_.files[file_of_[id]].path) == folder) {
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
  std::unordered_set<std::string_view> macros_;
  std::vector<std::uint32_t> companion_;
  std::vector<std::uint32_t> file_of_;  // function id -> file
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
  const auto it = std::upper_bound(function_base.begin(), function_base.end(), id);
  const auto file = static_cast<std::uint32_t>(it - function_base.begin() - 1);
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
