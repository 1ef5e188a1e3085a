#include "oxidize/structure/rust_bindings.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "oxidize/structure/c_declaration.hpp"
#include "oxidize/structure/rust_names.hpp"
#include "oxidize/structure/rust_types.hpp"

namespace oxidize::structure {

namespace {

using discover::Language;

std::string where(const std::string& file, std::uint32_t line) {
  return rust_comment_text(file) + ":" + std::to_string(line);
}

std::string callers_text(const BindingFunction& f) {
  std::string names;
  const std::size_t shown = std::min<std::size_t>(f.callers.size(), 4);
  for (std::size_t i = 0; i < shown; ++i) names += (i > 0 ? ", " : "") + rust_comment_text(f.callers[i]);
  if (f.callers.size() > shown) names += fmt::format(" and {} more", f.callers.size() - shown);
  return fmt::format("{} call{} from {} component{} ({})", f.calls, f.calls == 1 ? "" : "s", f.callers.size(),
                     f.callers.size() == 1 ? "" : "s", names);
}

// What a type is once typedefs are followed: for the comments only.
struct Shape {
  bool pointer = false;
  bool callback = false;
  bool record_by_value = false;
  bool union_type = false;
  std::string record;  // the record's name, spelled for a comment
};

Shape shape_of(const CType& type, const CHeaderTypes& headers) {
  Shape s;
  const CType* t = &type;
  std::size_t pointers = type.pointers.size();
  for (int step = 0; step < 16 && t->base == CBase::name; ++step) {
    const auto it = headers.typedefs.find(t->name);
    if (it == headers.typedefs.end()) break;
    t = &it->second.type;
    pointers += t->pointers.size();
  }
  if (t->base == CBase::function) {
    s.callback = true;
    return s;
  }
  s.pointer = pointers > 0;
  if (t->base == CBase::struct_tag || t->base == CBase::union_tag) {
    s.union_type = t->base == CBase::union_tag;
    s.record = std::string(s.union_type ? "union " : "struct ") + t->name;
    s.record_by_value = pointers == 0;
  }
  return s;
}

// float, char, short or bool by value (through typedefs): what a K&R
// definition receives promoted (double, int), unlike a prototype's callers.
bool has_narrow_param(const CFunctionType& fn, const CHeaderTypes& headers) {
  for (const CParam& p : fn.params) {
    const CType* t = &p.type;
    for (int step = 0; step < 16 && t->base == CBase::name && t->pointers.empty(); ++step) {
      const auto it = headers.typedefs.find(t->name);
      if (it == headers.typedefs.end()) break;
      t = &it->second.type;
    }
    if (t->base != CBase::builtin || !t->pointers.empty()) continue;
    if (t->name == "float" || t->name == "bool" || t->name.find("char") != std::string::npos ||
        t->name.find("short") != std::string::npos)
      return true;
  }
  return false;
}

// A parameter declared with an array or a function typedef
// (`match_table_t table`, `handler_fn h`) receives a pointer: C decays it
// there as it decays `int a[]`.
CType decay_param(const CType& type, const CHeaderTypes& headers) {
  if (type.base != CBase::name || !type.pointers.empty() || !type.dims.empty()) return type;
  std::string_view name = type.name;
  for (int step = 0; step < 16; ++step) {
    const auto it = headers.typedefs.find(name);
    if (it == headers.typedefs.end()) return type;
    const CType& target = it->second.type;
    if (target.base == CBase::function && target.pointers.empty() && target.dims.empty()) {
      CType out = type;
      out.pointers.push_back(false);  // spelled as the function pointer the typedef's type makes
      return out;
    }
    if (target.dims.size() == 1) {
      CType out = target;
      out.dims.clear();
      out.pointers.push_back(false);
      out.is_const = out.is_const || (type.is_const && target.pointers.empty());
      return out;
    }
    if (target.base != CBase::name || !target.pointers.empty() || !target.dims.empty()) return type;
    name = target.name;
  }
  return type;
}

class Writer {
 public:
  Writer(const BindingInput& input, const CHeaderTypes& headers) : in_(input), headers_(headers), types_(headers) {
    for (const auto& g : input.globals) static_names_.insert(g.name);
  }

  Bindings run(std::size_t headers_read, std::string_view headers_note) {
    std::vector<const BindingFunction*> functions;
    std::set<std::string_view> seen;
    for (const BindingFunction& f : in_.functions)
      if (seen.insert(f.name).second) functions.push_back(&f);
    std::sort(functions.begin(), functions.end(), [](const auto* a, const auto* b) { return a->name < b->name; });
    for (const BindingFunction* f : functions) function(*f);
    std::set<std::string_view> globals_seen;
    for (const BindingGlobal& g : in_.globals)
      if (globals_seen.insert(g.name).second) global(g);
    for (const BindingFunction& f : in_.header_statics)
      not_declared_.push_back(fmt::format("`{}` ({}): a static function of a header: there is no symbol to link; "
                                          "it needs a C wrapper, or a Rust rewrite",
                                          rust_comment_text(f.name), where(f.file, f.line)));

    Bindings out;
    out.functions_declared = declared_;
    out.not_declared = not_declared_.size();
    out.records = types_.record_count();
    out.opaque = types_.opaque_count();
    out.globals = statics_count_;
    std::string& text = out.text;
    text += fmt::format("// Rust declarations for the C interface of component `{}`,\n",
                        rust_comment_text(in_.component));
    text += fmt::format("// generated by oxidize from {}.\n//\n", rust_comment_text(in_.source));
    text += fmt::format("// {} function{} other components call ({} declared here), {} type{} they pass ({} mirrored\n"
                        "// field for field, {} opaque), {} shared global{}.",
                        in_.functions.size() + in_.header_statics.size(),
                        in_.functions.size() + in_.header_statics.size() == 1 ? "" : "s", declared_,
                        out.records + out.opaque, out.records + out.opaque == 1 ? "" : "s", out.records, out.opaque,
                        statics_count_, statics_count_ == 1 ? "" : "s");
    if (headers_note.empty()) text += fmt::format(" Types read from {} header{}.\n", headers_read, headers_read == 1 ? "" : "s");
    else text += fmt::format(" Headers not read: {}.\n", rust_comment_text(headers_note));
    text +=
        "// A starting point for a port, not a finished binding: each item says what makes it\n"
        "// hard. Types of system headers are spelled as on 64-bit Linux; check each item\n"
        "// against the C headers before relying on it.\n\n"
        "#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals, dead_code, unused_imports)]\n\n";
    if (types_.uses_c_void()) text += "use std::ffi::c_void;\n";
    const auto& raw = types_.raw_names();
    if (raw.size() == 1) text += "use std::os::raw::" + *raw.begin() + ";\n";
    if (raw.size() > 1) {
      text += "use std::os::raw::{";
      bool first = true;
      for (const auto& r : raw) {
        text += (first ? "" : ", ") + r;
        first = false;
      }
      text += "};\n";
    }
    if (types_.uses_c_void() || !raw.empty()) text += "\n";
    for (const std::string& item : types_.items()) text += item + "\n";
    text += "extern \"C\" {\n";
    for (std::size_t i = 0; i < declarations_.size(); ++i) text += (i > 0 ? "\n" : "") + declarations_[i];
    text += "}\n";
    if (!not_declared_.empty()) {
      text += "\n// Not declared here:\n";
      for (const auto& line : not_declared_) text += "// - " + line + "\n";
    }
    if (!in_.rust_exports.empty() || !in_.rust_imports.empty()) {
      text += "\n// The component's Rust side of the boundary:\n";
      for (const auto& e : in_.rust_exports) text += "// - exports `" + rust_comment_text(e) + "` to C\n";
      for (const auto& i : in_.rust_imports) text += "// - imports `" + rust_comment_text(i) + "` from C\n";
    }
    return out;
  }

 private:
  void skip(const BindingFunction& f, const std::string& why) {
    not_declared_.push_back(
        fmt::format("`{}` ({}): {}", rust_comment_text(f.name), where(f.file, f.line), rust_comment_text(why)));
  }

  void function(const BindingFunction& f) {
    const std::string cpp_why = "a C++ signature: no C ABI to bind (wrap it in an extern \"C\" function)";
    const auto name = rust_identifier(f.name);
    if (!name) {
      skip(f, f.cpp ? cpp_why : "its name is not a Rust identifier");
      return;
    }
    const auto parsed = parse_c_signature(f.signature, f.name, headers_.typedef_names);
    if (!parsed) {
      skip(f, f.cpp ? cpp_why : "its signature could not be read: " + f.signature);
      return;
    }
    const CFunctionType& fn = parsed->type;
    std::string params;
    std::set<std::string> param_names;
    std::vector<std::string> hard;
    std::string why;
    Shape any;
    std::set<std::string> by_value_records;
    for (std::size_t i = 0; i < fn.params.size(); ++i) {
      const CParam& p = fn.params[i];
      const auto type = types_.spell(decay_param(p.type, headers_), RustTypes::Use::value, why);
      if (!type) {
        skip(f, fmt::format("parameter {}: {}", i + 1, why));
        return;
      }
      auto pname = rust_identifier(p.name);
      if (!pname || static_names_.contains(*pname) || !param_names.insert(*pname).second) {
        pname = fmt::format("arg{}", i + 1);
        param_names.insert(*pname);
      }
      if (!params.empty()) params += ", ";
      params += *pname + ": " + *type;
      const Shape s = shape_of(p.type, headers_);
      any.pointer = any.pointer || s.pointer;
      any.callback = any.callback || s.callback;
      any.union_type = any.union_type || s.union_type;
      if (s.record_by_value) by_value_records.insert(s.record);
    }
    if (fn.variadic) {
      if (fn.params.empty()) {
        skip(f, "variadic without a named parameter: Rust cannot declare it");
        return;
      }
      params += ", ...";
    }
    const auto result = types_.spell(fn.result, RustTypes::Use::result, why);
    if (!result) {
      skip(f, "its result: " + why);
      return;
    }
    const Shape result_shape = shape_of(fn.result, headers_);
    if (result_shape.record_by_value) by_value_records.insert(result_shape.record);
    if (result_shape.union_type) any.union_type = true;

    if (result_shape.pointer || (f.traits & parse::k_returns_pointer) != 0)
      hard.push_back(fmt::format("returns `{}`: whether the caller frees it (and with what), or it is borrowed\n"
                                 "    /// from an argument or a static, is not in the signature.",
                                 *result));
    if (any.callback || (f.traits & parse::k_callback_param) != 0)
      hard.push_back("takes a callback: pass an `unsafe extern \"C\" fn` that never unwinds (catch panics),\n"
                     "    /// and keep what its user-data pointer points to alive while C may call it.");
    if (fn.variadic)
      hard.push_back("variadic: Rust can call it, but cannot define one on stable: a Rust port changes\n"
                     "    /// this interface (format_args!, a slice).");
    for (const auto& r : by_value_records)
      hard.push_back(fmt::format("passes `{}` by value: the #[repr(C)] mirror must match C's layout exactly.",
                                 rust_comment_text(r)));
    if (any.union_type || (f.traits & parse::k_union_param) != 0)
      hard.push_back("a union crosses: reading a member is unsafe, and which member is live is a C convention.");
    if ((f.traits & parse::k_uses_errno) != 0)
      hard.push_back("reports errors through errno: read std::io::Error::last_os_error() right after the call.");
    if (any.pointer || (f.traits & parse::k_pointer_param) != 0)
      hard.push_back("pointer parameters: which may be NULL, how long the buffers are, and how long they\n"
                     "    /// must live are not in the signature.");
    if (parsed->old_style && has_narrow_param(fn, headers_))
      hard.push_back("a K&R definition with char, short or float parameters: without a prototype in\n"
                     "    /// scope they arrive promoted to int or double; check the prototype its header declares.");
    if (f.cpp) hard.push_back("defined in a C++ file: the symbol links only if it is declared extern \"C\" there.");

    std::string decl = fmt::format("    /// `{}` ({}): {}.\n", rust_comment_text(f.name), where(f.file, f.line),
                                   callers_text(f));
    decl += "    /// C: " + rust_comment_text(f.signature) + "\n";
    for (const auto& h : hard) decl += "    /// Hard: " + h + "\n";
    if (renamed_identifier(f.name, *name)) decl += "    #[link_name = \"" + f.name + "\"]\n";
    decl += "    pub fn " + *name + "(" + params + ")";
    if (*result != "()") decl += " -> " + *result;
    decl += ";\n";
    declarations_.push_back(std::move(decl));
    ++declared_;
  }

  void global(const BindingGlobal& g) {
    const BindingFunction as_item{g.name, "", g.file, g.line, 0, 0, {}, false};
    const auto found = headers_.externs.find(g.name);
    if (found == headers_.externs.end()) {
      skip(as_item, "a shared global whose declaration could not be read");
      return;
    }
    const auto name = rust_identifier(g.name);
    if (!name) {
      skip(as_item, "its name is not a Rust identifier");
      return;
    }
    const CType& type = found->second.type;
    std::string why;
    const auto spelled = types_.spell(type, RustTypes::Use::value, why);
    if (!spelled) {
      skip(as_item, "a shared global: " + why);
      return;
    }
    // A const object (`extern const int x;`, `extern const char *const y;`) is a plain static.
    const bool constant = type.pointers.empty() ? type.is_const : type.pointers.back();
    std::string decl = fmt::format("    /// `{}` ({}): a global other components share.\n", rust_comment_text(g.name),
                                   where(g.file, g.line));
    if (!constant)
      decl += "    /// Hard: `static mut`: every access is unsafe, and nothing synchronises the two languages.\n";
    if (!type.dims.empty() && type.dims.front().empty())
      decl += "    /// Note: C declares it without a size: index it through a pointer, not this array.\n";
    if (renamed_identifier(g.name, *name)) decl += "    #[link_name = \"" + g.name + "\"]\n";
    decl += fmt::format("    pub static {}{}: {};\n", constant ? "" : "mut ", *name, *spelled);
    declarations_.push_back(std::move(decl));
    ++statics_count_;
  }

  const BindingInput& in_;
  const CHeaderTypes& headers_;
  RustTypes types_;
  std::set<std::string> static_names_;
  std::vector<std::string> declarations_;
  std::vector<std::string> not_declared_;
  std::size_t declared_ = 0;
  std::size_t statics_count_ = 0;
};

}  // namespace

BindingInput binding_input(const model::Snapshot& snapshot, const Components& components, const CallGraph& calls,
                           const ComponentInterface& interface) {
  BindingInput in;
  in.component = components.list.at(interface.component).name;
  in.source = snapshot.info.tree;
  if (!snapshot.info.commit.empty()) in.source += " at commit " + snapshot.info.commit.substr(0, 12);
  auto describe = [&](const InterfaceFunction& f) {
    const FunctionRef ref = calls.function(f.id);
    const auto& file = snapshot.files[ref.file];
    const parse::FunctionFacts& fn = file.facts.functions[ref.function];
    BindingFunction b;
    b.name = fn.name;
    b.signature = fn.signature;
    b.file = file.path;
    b.line = fn.start_line;
    b.traits = fn.traits;
    b.calls = f.calls;
    for (const std::uint32_t c : f.callers) b.callers.push_back(components.list[c].name);
    b.cpp = file.facts.language == Language::cpp || file.facts.language == Language::cpp_header;
    return b;
  };
  for (const InterfaceFunction& f : interface.functions) {
    if (snapshot.files[calls.function(f.id).file].facts.language == Language::rust) continue;
    in.functions.push_back(describe(f));
  }
  for (const InterfaceFunction& f : interface.header_statics) in.header_statics.push_back(describe(f));
  for (const SharedGlobal& g : interface.globals) {
    const auto& file = snapshot.files[g.file];
    const auto& decl = file.facts.structure.globals[g.declaration];
    in.globals.push_back({decl.name, file.path, decl.line});
  }
  for (const std::uint32_t id : interface.rust_exports) {
    const FunctionRef ref = calls.function(id);
    in.rust_exports.push_back(snapshot.files[ref.file].facts.functions[ref.function].name);
  }
  for (const ImportedFunction& i : interface.rust_imports)
    in.rust_imports.push_back(snapshot.files[i.file].facts.structure.imports[i.declaration].name);
  return in;
}

Bindings rust_bindings(const BindingInput& input, const CHeaderTypes& headers, std::size_t headers_read,
                       std::string_view headers_note) {
  return Writer(input, headers).run(headers_read, headers_note);
}

}  // namespace oxidize::structure
