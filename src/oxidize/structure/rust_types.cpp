#include "oxidize/structure/rust_types.hpp"

#include <charconv>

#include <fmt/format.h>

#include "oxidize/structure/rust_names.hpp"

namespace oxidize::structure {

namespace {

// Types from C's and POSIX's headers that the tree uses but does not
// define, as on 64-bit Linux (x86-64, aarch64): what most ports target first.
struct SystemType {
  std::string_view c;
  std::string_view rust;
};
constexpr SystemType k_system_types[] = {
    {"size_t", "usize"},       {"ssize_t", "isize"},     {"ptrdiff_t", "isize"},  {"intptr_t", "isize"},
    {"uintptr_t", "usize"},    {"int8_t", "i8"},         {"int16_t", "i16"},      {"int32_t", "i32"},
    {"int64_t", "i64"},        {"uint8_t", "u8"},        {"uint16_t", "u16"},     {"uint32_t", "u32"},
    {"uint64_t", "u64"},       {"intmax_t", "i64"},      {"uintmax_t", "u64"},    {"u_int8_t", "u8"},
    {"u_int16_t", "u16"},      {"u_int32_t", "u32"},     {"u_int64_t", "u64"},    {"__u8", "u8"},
    {"__u16", "u16"},          {"__u32", "u32"},         {"__u64", "u64"},        {"__s8", "i8"},
    {"__s16", "i16"},          {"__s32", "i32"},         {"__s64", "i64"},        {"u8", "u8"},
    {"u16", "u16"},            {"u32", "u32"},           {"u64", "u64"},          {"s8", "i8"},
    {"s16", "i16"},            {"s32", "i32"},           {"s64", "i64"},          {"time_t", "i64"},
    {"off_t", "i64"},          {"off64_t", "i64"},       {"pid_t", "i32"},        {"uid_t", "u32"},
    {"gid_t", "u32"},          {"mode_t", "u32"},        {"socklen_t", "u32"},    {"sa_family_t", "u16"},
    {"in_addr_t", "u32"},      {"in_port_t", "u16"},     {"wchar_t", "i32"},      {"char16_t", "u16"},
    {"char32_t", "u32"},       {"sig_atomic_t", "i32"},  {"clock_t", "i64"},      {"suseconds_t", "i64"},
    {"dev_t", "u64"},          {"ino_t", "u64"},         {"nlink_t", "u64"},      {"blksize_t", "i64"},
    {"blkcnt_t", "i64"},       {"useconds_t", "u32"},
};

constexpr std::string_view k_reserved[] = {
    "bool",   "char",   "str",    "i8",      "i16",     "i32",       "i64",         "i128",     "isize",
    "u8",     "u16",    "u32",    "u64",     "u128",    "usize",     "f32",         "f64",      "Option",
    "c_void", "c_char", "c_schar", "c_uchar", "c_short", "c_ushort", "c_int",       "c_uint",   "c_long",
    "c_ulong", "c_longlong", "c_ulonglong", "c_float", "c_double",
};

std::string_view system_type(std::string_view name) {
  for (const SystemType& t : k_system_types)
    if (t.c == name) return t.rust;
  return {};
}

bool is_va_list(std::string_view name) {
  return name == "va_list" || name == "__builtin_va_list" || name == "__gnuc_va_list";
}

// The raw type of a builtin's canonical spelling; empty when Rust has none.
std::string_view builtin_type(std::string_view c) {
  if (c == "char") return "c_char";
  if (c == "signed char") return "c_schar";
  if (c == "unsigned char") return "c_uchar";
  if (c == "short") return "c_short";
  if (c == "unsigned short") return "c_ushort";
  if (c == "int") return "c_int";
  if (c == "unsigned int") return "c_uint";
  if (c == "long") return "c_long";
  if (c == "unsigned long") return "c_ulong";
  if (c == "long long") return "c_longlong";
  if (c == "unsigned long long") return "c_ulonglong";
  if (c == "float") return "c_float";
  if (c == "double") return "c_double";
  return {};
}

// An array dimension as a number: decimal or hex, with C's suffixes.
std::optional<std::uint64_t> dimension(std::string_view d) {
  if (d.empty()) return 0;  // [] : a flexible array member, or a size given elsewhere
  while (!d.empty() && (d.back() == 'u' || d.back() == 'U' || d.back() == 'l' || d.back() == 'L')) d.remove_suffix(1);
  int base = 10;
  if (d.size() > 2 && d[0] == '0' && (d[1] == 'x' || d[1] == 'X')) {
    d.remove_prefix(2);
    base = 16;
  }
  std::uint64_t n = 0;
  const auto [end, ec] = std::from_chars(d.data(), d.data() + d.size(), n, base);
  if (ec != std::errc() || end != d.data() + d.size() || n > (std::uint64_t{1} << 32)) return std::nullopt;
  return n;
}

std::string pointer_to(bool pointee_const, const std::string& inner) {
  return (pointee_const ? "*const " : "*mut ") + inner;
}

std::string where(const std::string& file, std::uint32_t line) {
  return rust_comment_text(file) + ":" + std::to_string(line);
}

const std::string k_opaque_body =
    " {\n"
    "    _private: [u8; 0],\n"
    "    _marker: ::std::marker::PhantomData<(*mut u8, ::std::marker::PhantomPinned)>,\n"
    "}\n";

}  // namespace

std::string RustTypes::raw(std::string_view name) {
  raw_names_.emplace(name);
  return std::string(name);
}

std::string RustTypes::allocate(const std::string& key, std::string_view c_name) {
  if (const auto it = named_.find(key); it != named_.end() && !it->second.rust.empty()) return it->second.rust;
  std::string id;
  if (auto valid = rust_identifier(c_name)) {
    id = std::move(*valid);
  } else {
    // Only this file refers to it: any spelling that is an identifier does.
    for (const char c : c_name)
      id.push_back((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
    id.insert(0, "c_");
  }
  for (const std::string_view r : k_reserved)
    if (id == r) id += '_';
  while (true) {
    const auto [it, added] = taken_.try_emplace(id, key);
    if (added || it->second == key) break;
    id += '_';
  }
  return id;
}

const RustTypes::Named& RustTypes::opaque(const std::string& key, const std::string& c_name, const std::string& doc) {
  const std::string rust = allocate(key, c_name);
  items_[rust] = doc + "#[repr(C)]\npub struct " + rust + k_opaque_body;
  ++opaque_;
  Named& n = named_[key];
  n.rust = rust;
  n.by_value = false;
  n.in_progress = false;
  return n;
}

const RustTypes::Named& RustTypes::record(const std::string& tag, bool is_union) {
  const std::string key = (is_union ? "u:" : "s:") + tag;
  if (const auto it = named_.find(key); it != named_.end()) return it->second;
  const std::string spelled = std::string(is_union ? "union " : "struct ") + tag;
  const auto& table = is_union ? headers_.unions : headers_.structs;
  const auto found = table.find(tag);
  if (found == table.end())
    return opaque(key, tag,
                  fmt::format("/// `{}`: not defined in the headers read, so opaque: use it only behind a pointer.\n",
                              rust_comment_text(spelled)));
  const CRecordBody& body = found->second;
  const std::string at = where(body.file, body.line);
  auto opaque_because = [&](const std::string& why) -> const Named& {
    std::string doc = fmt::format("/// `{}` ({}): opaque, because {}.\n", rust_comment_text(spelled), at,
                                  rust_comment_text(why));
    if (why == "it has bitfields")
      doc += "/// Hard: bitfields. Rust has none, and their layout is the C compiler's: read them through C\n"
             "/// accessors, or mirror them with masks checked against C's offsetof and sizeof.\n";
    if (is_union)
      doc += "/// Hard: a union. Reading a member is unsafe, and which member is live is a C convention.\n";
    return opaque(key, tag, doc + "/// Use it only behind a pointer.\n");
  };
  if (!body.opaque_why.empty()) return opaque_because(body.opaque_why);
  // `struct lock_head {};` (GNU C, size 0): Rust's empty #[repr(C)] struct
  // is not FFI-safe; an opaque one is what it is used as anyway.
  if (body.fields.empty()) return opaque_because("it has no fields (a GNU C extension)");

  const std::string rust = allocate(key, tag);
  {
    Named& n = named_[key];
    n.rust = rust;
    n.by_value = true;  // a pointer to itself inside resolves to this name
    n.in_progress = true;
  }
  std::string fields;
  std::set<std::string> field_names;
  for (const CField& f : body.fields) {
    auto name = rust_identifier(f.name);
    if (!name) return opaque_because("a field's name is not a Rust identifier");
    while (!field_names.insert(*name).second) *name += '_';
    std::string why;
    const auto type = spell(f.type, Use::value, why);
    if (!type) return opaque_because("its field `" + f.name + "` cannot be spelled: " + why);
    fields += fmt::format("    pub {}: {},\n", *name, *type);
  }
  std::string doc = fmt::format("/// `{}` ({}).\n", rust_comment_text(spelled), at);
  if (is_union)
    doc += "/// Hard: a union. Reading a member is unsafe, and which member is live is a C convention.\n";
  items_[rust] = doc + "#[repr(C)]\n#[derive(Clone, Copy)]\npub " + (is_union ? "union " : "struct ") + rust + " {\n" +
                 fields + "}\n";
  ++records_;
  Named& n = named_[key];
  n.in_progress = false;
  return n;
}

const RustTypes::Named* RustTypes::typedef_named(const std::string& name, std::string& why) {
  const std::string key = "t:" + name;
  if (const auto it = named_.find(key); it != named_.end()) {
    if (!it->second.by_value) why = "`" + name + "` is opaque here";
    return &it->second;
  }
  const auto found = headers_.typedefs.find(name);
  if (found == headers_.typedefs.end()) return nullptr;
  const CTypedef& td = found->second;
  const CType& target = td.type;
  const bool record_type = target.base == CBase::struct_tag || target.base == CBase::union_tag;
  if (record_type && target.name == name && target.pointers.empty() && target.dims.empty()) {
    // typedef struct foo foo; (or a record without a tag filed under this name)
    const Named r = record(name, target.base == CBase::union_tag);
    named_[key] = r;
    if (!r.by_value) why = "`" + name + "` is opaque here";
    return &named_[key];
  }
  const std::string rust = allocate(key, name);
  named_[key] = {rust, true, true};
  // Defined more than once (#if branches): the first definition Rust can
  // spell with its size, or else the first it can spell at all.
  std::vector<const CType*> candidates{&target};
  for (const CType& other : td.alternatives) candidates.push_back(&other);
  std::optional<Spelled> spelled;
  std::string inner_why;
  const CType* used = nullptr;
  for (const CType* candidate : candidates) {
    std::string candidate_why;
    auto s = spell_sized(*candidate, Use::alias, candidate_why);
    if (!s) {
      if (inner_why.empty()) inner_why = candidate_why;
      continue;
    }
    const bool sized = s->sized;
    if (!spelled || sized) {
      spelled = std::move(s);
      used = candidate;
    }
    if (sized) break;
  }
  std::string doc = fmt::format("/// `{}` (typedef, {}).\n", rust_comment_text(name), where(td.file, td.line));
  if (candidates.size() > 1 && used == &target)
    doc += fmt::format("/// Note: defined {} ways under #if branches; this is the first read.\n", candidates.size());
  else if (candidates.size() > 1 && used != nullptr)
    doc += fmt::format("/// Note: defined {} ways under #if branches; this is the first Rust can spell with its size.\n",
                       candidates.size());
  if (!spelled) {
    why = "`" + name + "` cannot be spelled in Rust (" + inner_why + ")";
    return &opaque(key, name,
                   fmt::format("/// `{}` (typedef, {}): opaque, because {}.\n/// Use it only behind a pointer.\n",
                               rust_comment_text(name), where(td.file, td.line), rust_comment_text(inner_why)));
  }
  if (used != nullptr && used->base == CBase::enum_tag && used->pointers.empty())
    doc += "/// A C enum, passed as an int; its constants are not generated.\n";
  items_[rust] = doc + "pub type " + rust + " = " + spelled->text + ";\n";
  Named& n = named_[key];
  n.by_value = spelled->sized;
  n.in_progress = false;
  if (!n.by_value) why = "`" + name + "` is opaque here";
  return &n;
}

std::optional<std::string> RustTypes::function_pointer(const CFunctionType& fn, std::string& why) {
  std::string params;
  for (const CParam& p : fn.params) {
    const auto t = spell(p.type, Use::value, why);
    if (!t) return std::nullopt;
    if (!params.empty()) params += ", ";
    params += *t;
  }
  if (fn.variadic) {
    if (fn.params.empty()) {
      why = "a variadic callback without a named parameter";
      return std::nullopt;
    }
    params += ", ...";
  }
  const auto result = spell(fn.result, Use::result, why);
  if (!result) return std::nullopt;
  std::string out = "Option<unsafe extern \"C\" fn(" + params + ")";
  if (*result != "()") out += " -> " + *result;
  return out + ">";
}

std::optional<RustTypes::Spelled> RustTypes::spell_sized(const CType& type, Use use, std::string& why) {
  if (depth_ >= 32) {
    why = "types nested too deep";
    return std::nullopt;
  }
  ++depth_;
  struct Leave {
    unsigned& d;
    ~Leave() { --d; }
  } leave{depth_};

  Spelled out;
  std::size_t levels = type.pointers.size();
  if (type.base == CBase::function) {
    if (levels == 0 || !type.function) {
      why = "a function type used by value";
      return std::nullopt;
    }
    auto fp = function_pointer(*type.function, why);
    if (!fp) return std::nullopt;
    out.text = std::move(*fp);
    for (std::size_t k = 1; k < levels; ++k) out.text = pointer_to(type.pointee_const(k), out.text);
  } else {
    if (type.base == CBase::name && levels > 0) {
      // typedef int handler(int); ... handler *h: the pointer is the function pointer.
      const auto td = headers_.typedefs.find(type.name);
      if (td != headers_.typedefs.end() && td->second.type.base == CBase::function &&
          td->second.type.pointers.empty() && system_type(type.name).empty()) {
        CType as_pointer = td->second.type;
        as_pointer.pointers = type.pointers;
        as_pointer.dims = type.dims;
        return spell_sized(as_pointer, use, why);
      }
    }
    auto b = base(type, use, levels > 0, why);
    if (!b) return std::nullopt;
    out = std::move(*b);
    if (levels > 0) out.sized = true;
    for (std::size_t k = 0; k < levels; ++k) out.text = pointer_to(type.pointee_const(k), out.text);
  }
  for (auto d = type.dims.rbegin(); d != type.dims.rend(); ++d) {
    auto n = dimension(*d);
    if (!n) {
      // `char name[NAME_MAX]` with `#define NAME_MAX 64` in a header read.
      const auto number = headers_.numbers.find(*d);
      if (number != headers_.numbers.end() && number->second.conflicting) {
        why = "the array size `" + *d + "` differs between #if branches";
        return std::nullopt;
      }
      if (number != headers_.numbers.end()) n = dimension(number->second.value);
    }
    if (!n) {
      why = "the array size `" + *d + "` is not a number here";
      return std::nullopt;
    }
    if (!out.sized) {
      why = "an array of an opaque type";
      return std::nullopt;
    }
    out.text = fmt::format("[{}; {}]", out.text, *n);
  }
  return out;
}

std::optional<RustTypes::Spelled> RustTypes::base(const CType& type, Use use, bool behind_pointer, std::string& why) {
  switch (type.base) {
    case CBase::builtin: {
      if (type.name == "void") {
        if (behind_pointer || use == Use::alias) {
          uses_c_void_ = true;
          return Spelled{"c_void", true};
        }
        if (use == Use::result) return Spelled{"()", true};
        why = "void by value";
        return std::nullopt;
      }
      if (type.name == "bool") return Spelled{"bool", true};
      const std::string_view raw_name = builtin_type(type.name);
      if (raw_name.empty()) {
        why = "`" + type.name + "` has no Rust type";
        return std::nullopt;
      }
      return Spelled{raw(raw_name), true};
    }
    case CBase::name: {
      if (is_va_list(type.name)) {
        why = "a va_list: Rust has no stable type for it";
        return std::nullopt;
      }
      if (const std::string_view sys = system_type(type.name); !sys.empty()) return Spelled{std::string(sys), true};
      std::string td_why;
      if (const Named* n = typedef_named(type.name, td_why)) {
        if (n->by_value || behind_pointer || use == Use::alias) return Spelled{n->rust, n->by_value};
        why = td_why;
        return std::nullopt;
      }
      if (behind_pointer)
        return Spelled{opaque("o:" + type.name, type.name,
                              fmt::format("/// `{}`: not defined in the headers read (a system header, or a macro),\n"
                                          "/// so opaque: use it only behind a pointer.\n",
                                          rust_comment_text(type.name)))
                           .rust,
                       false};
      why = "`" + type.name + "` is not defined in the headers read (a system header, or a macro): its size is unknown";
      return std::nullopt;
    }
    case CBase::struct_tag:
    case CBase::union_tag: {
      if (type.name.empty()) {
        why = "a struct without a name";
        return std::nullopt;
      }
      const Named& r = record(type.name, type.base == CBase::union_tag);
      if (r.by_value || behind_pointer || use == Use::alias) return Spelled{r.rust, r.by_value};
      why = std::string("`") + (type.base == CBase::union_tag ? "union " : "struct ") + type.name +
            "` is opaque here and cannot be passed by value";
      return std::nullopt;
    }
    case CBase::enum_tag: return Spelled{raw("c_int"), true};
    case CBase::function: break;
  }
  why = "a function type";
  return std::nullopt;
}

std::optional<std::string> RustTypes::spell(const CType& type, Use use, std::string& why) {
  auto s = spell_sized(type, use, why);
  if (!s) return std::nullopt;
  if (!s->sized && use != Use::alias) {
    why = "`" + type.name + "` is opaque here and cannot be passed by value";
    return std::nullopt;
  }
  return std::move(s->text);
}

std::vector<std::string> RustTypes::items() const {
  std::vector<std::string> out;
  out.reserve(items_.size());
  for (const auto& [name, text] : items_) out.push_back(text);
  return out;
}

}  // namespace oxidize::structure
