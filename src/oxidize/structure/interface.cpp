#include "oxidize/structure/interface.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "oxidize/lex/c_lexer.hpp"
#include "oxidize/parse/qualified_name.hpp"

namespace oxidize::structure {

namespace {

using discover::Language;
using lex::spelled;
using lex::TokenKind;

bool is_c_family(Language l) { return l != Language::rust; }
bool is_header(Language l) { return l == Language::c_header || l == Language::cpp_header; }

struct Lexed {
  std::string_view text;
  TokenKind kind;
};

bool is_punct(const Lexed& t, std::string_view p) { return t.kind == TokenKind::punct && t.text == p; }

// Where each record name is defined: (file, index into its records).
using RecordIndex = std::unordered_map<std::string_view, std::vector<std::pair<std::uint32_t, std::uint32_t>>>;

// The definition a component's signature most likely means: one of its own
// files first, then a header (what another file can see), then any.
const std::pair<std::uint32_t, std::uint32_t>* pick_definition(const model::Snapshot& s, const Components& components,
                                                               std::uint32_t component,
                                                               const std::vector<std::pair<std::uint32_t, std::uint32_t>>& defs) {
  for (const auto& d : defs)
    if (components.of_file[d.first] == component) return &d;
  for (const auto& d : defs)
    if (is_header(s.files[d.first].facts.language)) return &d;
  return defs.empty() ? nullptr : &defs.front();
}

class Builder {
 public:
  Builder(const model::Snapshot& snapshot, const Components& components, const IncludeGraph& includes,
          const CallGraph& calls)
      : s_(snapshot), c_(components), inc_(includes), calls_(calls), out_(components.list.size()) {
    for (std::uint32_t i = 0; i < out_.size(); ++i) out_[i].component = i;
    for (std::uint32_t f = 0; f < s_.files.size(); ++f) {
      const auto& records = s_.files[f].facts.structure.records;
      for (std::uint32_t r = 0; r < records.size(); ++r) {
        record_index_[records[r].name].emplace_back(f, r);
        record_names_.insert(records[r].name);
      }
    }
  }

  std::vector<ComponentInterface> run() {
    collect_calls();
    collect_includes();
    collect_rust();
    for (ComponentInterface& ci : out_) score(ci);
    return std::move(out_);
  }

 private:
  std::uint32_t component_of(std::uint32_t file) const { return c_.of_file[file]; }
  const parse::FunctionFacts& function(std::uint32_t id) const {
    const FunctionRef f = calls_.function(id);
    return s_.files[f.file].facts.functions[f.function];
  }

  void collect_calls() {
    std::map<std::uint32_t, InterfaceFunction> called;  // by function id: file order
    for (std::uint32_t file = 0; file < s_.files.size(); ++file) {
      const std::uint32_t from = component_of(file);
      if (from == k_none) continue;
      for (std::uint32_t k = calls_.call_base[file]; k < calls_.call_base[file + 1]; ++k) {
        const std::uint32_t target = calls_.target[k];
        if (target == k_no_target) continue;
        const std::uint32_t to = component_of(calls_.function(target).file);
        if (to == k_none || to == from) continue;
        InterfaceFunction& entry = called[target];
        entry.id = target;
        ++entry.calls;
        entry.callers.push_back(from);
      }
    }
    for (auto& [id, entry] : called) {
      std::sort(entry.callers.begin(), entry.callers.end());
      entry.callers.erase(std::unique(entry.callers.begin(), entry.callers.end()), entry.callers.end());
      const FunctionRef ref = calls_.function(id);
      const auto& file = s_.files[ref.file];
      ComponentInterface& ci = out_[component_of(ref.file)];
      ci.calls_in += entry.calls;
      const parse::FunctionFacts& fn = file.facts.functions[ref.function];
      if (fn.has(parse::k_internal_linkage) && is_c_family(file.facts.language)) {
        ci.header_statics.push_back(std::move(entry));
        continue;
      }
      if (is_c_family(file.facts.language)) {
        ++ci.c_functions;
        add_traits(ci.traits, fn);
        add_records(ci, fn);
      }
      ci.functions.push_back(std::move(entry));
    }
    for (ComponentInterface& ci : out_) {
      for (auto* list : {&ci.functions, &ci.header_statics})
        std::stable_sort(list->begin(), list->end(), [](const auto& a, const auto& b) { return a.calls > b.calls; });
      std::sort(ci.records.begin(), ci.records.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    }
  }

  static void add_traits(InterfaceTraits& t, const parse::FunctionFacts& fn) {
    if (fn.has(parse::k_pointer_param)) ++t.pointer_params;
    if (fn.has(parse::k_callback_param)) ++t.callbacks;
    if (fn.has(parse::k_variadic)) ++t.variadic;
    if (fn.has(parse::k_struct_by_value)) ++t.struct_by_value;
    if (fn.has(parse::k_union_param)) ++t.union_params;
    if (fn.has(parse::k_returns_pointer)) ++t.returns_pointer;
    if (fn.has(parse::k_uses_errno)) ++t.uses_errno;
  }

  void add_records(ComponentInterface& ci, const parse::FunctionFacts& fn) {
    if (fn.signature.empty()) return;
    for (NamedRecord& named : records_named(fn.signature, fn.name, record_names_)) {
      auto it = std::find_if(ci.records.begin(), ci.records.end(), [&](const auto& r) { return r.name == named.name; });
      if (it == ci.records.end()) {
        CrossingRecord r;
        r.name = std::move(named.name);
        r.is_union = named.is_union;
        if (const auto defs = record_index_.find(r.name); defs != record_index_.end()) {
          if (const auto* d = pick_definition(s_, c_, ci.component, defs->second)) {
            const parse::RecordDefinition& def = s_.files[d->first].facts.structure.records[d->second];
            r.file = d->first;
            r.line = def.line;
            r.is_union = r.is_union || def.is_union;
            r.has_bitfields = def.has_bitfields;
          }
        }
        ci.records.push_back(std::move(r));
        it = ci.records.end() - 1;
      }
      ++it->functions;
    }
  }

  void collect_includes() {
    // Per included file: the includes from other components and how many
    // components they come from.
    std::map<std::uint32_t, std::pair<std::uint64_t, std::vector<std::uint32_t>>> included;
    for (std::uint32_t file = 0; file < s_.files.size(); ++file) {
      const std::uint32_t from = component_of(file);
      if (from == k_none) continue;
      for (const IncludeEdge& e : inc_.of(file)) {
        if (e.to == k_no_file) continue;
        const std::uint32_t to = component_of(e.to);
        if (to == k_none || to == from) continue;
        auto& entry = included[e.to];
        ++entry.first;
        entry.second.push_back(from);
      }
    }
    for (auto& [file, entry] : included) {
      auto& from = entry.second;
      std::sort(from.begin(), from.end());
      from.erase(std::unique(from.begin(), from.end()), from.end());
      ComponentInterface& ci = out_[component_of(file)];
      ci.headers.push_back({file, entry.first, static_cast<std::uint32_t>(from.size())});
      const auto& globals = s_.files[file].facts.structure.globals;
      for (std::uint32_t g = 0; g < globals.size(); ++g) ci.globals.push_back({file, g});
    }
    for (ComponentInterface& ci : out_)
      std::stable_sort(ci.headers.begin(), ci.headers.end(),
                       [](const auto& a, const auto& b) { return a.includes > b.includes; });
  }

  void collect_rust() {
    for (std::uint32_t file = 0; file < s_.files.size(); ++file) {
      const std::uint32_t c = component_of(file);
      const auto& facts = s_.files[file].facts;
      if (c == k_none || facts.language != Language::rust) continue;
      for (std::uint32_t k = 0; k < facts.functions.size(); ++k)
        if (facts.functions[k].has(parse::k_rust_export) || facts.functions[k].has(parse::k_rust_extern_abi))
          out_[c].rust_exports.push_back(calls_.id_of({file, k}));
      for (std::uint32_t k = 0; k < facts.structure.imports.size(); ++k) out_[c].rust_imports.push_back({file, k});
    }
  }

  static void score(ComponentInterface& ci) {
    FfiSurface& surface = ci.surface;
    surface.functions = ci.c_functions;
    surface.traits = ci.traits;
    surface.header_statics = static_cast<std::uint32_t>(ci.header_statics.size());
    for (const CrossingRecord& r : ci.records) {
      if (r.is_union) ++surface.union_records;
      if (r.has_bitfields) ++surface.bitfield_records;
    }
    surface.shared_globals = static_cast<std::uint32_t>(ci.globals.size());
    surface.rust_boundary = static_cast<std::uint32_t>(ci.rust_exports.size() + ci.rust_imports.size());
    ci.difficulty = ffi_difficulty(surface);
  }

  const model::Snapshot& s_;
  const Components& c_;
  const IncludeGraph& inc_;
  const CallGraph& calls_;
  std::vector<ComponentInterface> out_;
  RecordIndex record_index_;
  std::unordered_set<std::string_view> record_names_;
};

}  // namespace

std::vector<NamedRecord> records_named(std::string_view signature, std::string_view function_name,
                                       const std::unordered_set<std::string_view>& record_names) {
  std::vector<Lexed> t;
  auto sink = [&](const lex::Token& token) {
    if (token.kind < TokenKind::comment) t.push_back({token.text(signature), token.kind});
  };
  lex::lex_c(signature, sink);
  const std::string_view own = parse::unqualified_name(function_name);

  std::vector<NamedRecord> out;
  auto add = [&](std::string_view name, bool is_union) {
    for (NamedRecord& r : out)
      if (r.name == name) {
        r.is_union = r.is_union || is_union;
        return;
      }
    out.push_back({std::string(name), is_union});
  };
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i].kind != TokenKind::identifier) continue;
    const std::string_view w = t[i].text;
    if (spelled(w, "struct") || spelled(w, "union") || spelled(w, "class")) {
      if (i + 1 < t.size() && t[i + 1].kind == TokenKind::identifier) {
        add(t[i + 1].text, spelled(w, "union"));
        ++i;
      }
      continue;
    }
    if (w == own || !record_names.contains(w)) continue;
    // `T *data,` or `T data)`: a declarator's name, not a type, even when a
    // record elsewhere has that name.
    const bool after_type = i > 0 && (t[i - 1].kind == TokenKind::identifier || is_punct(t[i - 1], "*") ||
                                      is_punct(t[i - 1], "&"));
    const bool before_end = i + 1 < t.size() && (is_punct(t[i + 1], ",") || is_punct(t[i + 1], ")") ||
                                                 is_punct(t[i + 1], "[") || is_punct(t[i + 1], ";"));
    if (after_type && before_end) continue;
    add(w, false);
  }
  return out;
}

std::vector<ComponentInterface> describe_interfaces(const model::Snapshot& snapshot, const Components& components,
                                                    const IncludeGraph& includes, const CallGraph& calls) {
  return Builder(snapshot, components, includes, calls).run();
}

}  // namespace oxidize::structure
