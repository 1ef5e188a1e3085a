#pragma once
// C types spelled in Rust, for `oxidize ffi`: builtins as std::os::raw's
// c_int and friends, fixed-width and system types by their Rust equivalent
// (as on 64-bit Linux), pointers as *const/*mut, function pointers as
// Option<unsafe extern "C" fn(..)>, and the tree's own types as the items
// spelling them needs: `pub type` for typedefs, #[repr(C)] structs and
// unions for records whose fields can be read, opaque structs for the rest.
// Something that cannot be spelled (a long double, a va_list, an opaque
// record by value) is refused with the reason, never guessed.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "oxidize/structure/c_header_types.hpp"

namespace oxidize::structure {

class RustTypes {
 public:
  explicit RustTypes(const CHeaderTypes& headers) : headers_(headers) {}

  enum class Use : std::uint8_t {
    value,   // a parameter, a field, a global: must have its C size
    result,  // a function's result: `void` is none
    alias,   // what a typedef names: `typedef void CURL;` is allowed
  };

  // The Rust spelling, emitting the items it needs; nullopt with `why` set
  // when it cannot be spelled.
  std::optional<std::string> spell(const CType& type, Use use, std::string& why);

  // The items emitted, each complete with its doc comment, sorted by name.
  std::vector<std::string> items() const;
  // The std::os::raw names used (c_int, ...), sorted; and c_void.
  const std::set<std::string>& raw_names() const { return raw_names_; }
  bool uses_c_void() const { return uses_c_void_; }
  std::size_t opaque_count() const { return opaque_; }
  std::size_t record_count() const { return records_; }

 private:
  struct Named {
    std::string rust;         // its Rust name
    bool by_value = false;    // has its C size in Rust (not opaque)
    bool in_progress = false;
  };

  struct Spelled {
    std::string text;
    bool sized = true;  // false: an opaque type, only ever behind a pointer
  };
  std::optional<Spelled> spell_sized(const CType& type, Use use, std::string& why);
  std::optional<Spelled> base(const CType& type, Use use, bool behind_pointer, std::string& why);
  std::optional<std::string> function_pointer(const CFunctionType& fn, std::string& why);
  const Named* typedef_named(const std::string& name, std::string& why);
  const Named& record(const std::string& tag, bool is_union);
  const Named& opaque(const std::string& key, const std::string& c_name, const std::string& doc);
  std::string allocate(const std::string& key, std::string_view c_name);
  std::string raw(std::string_view name);

  const CHeaderTypes& headers_;
  std::map<std::string, Named> named_;         // by key: "s:tag", "u:tag", "t:name", "o:name"
  std::map<std::string, std::string> taken_;   // Rust name -> key
  std::map<std::string, std::string> items_;   // Rust name -> item text
  std::set<std::string> raw_names_;
  bool uses_c_void_ = false;
  std::size_t opaque_ = 0;
  std::size_t records_ = 0;
  unsigned depth_ = 0;
};

}  // namespace oxidize::structure
