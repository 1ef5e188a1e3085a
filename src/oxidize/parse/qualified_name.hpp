#pragma once
// The two halves of a qualified name: `ns::Class::method` and Rust's
// `crate::module::f`. Calls, imports and summaries are matched on the last
// segment; a method's class is its qualifier.
#include <string_view>

namespace oxidize::parse {

inline std::string_view unqualified_name(std::string_view name) {
  const std::size_t colons = name.rfind("::");
  return colons == std::string_view::npos ? name : name.substr(colons + 2);
}

// `ns::Class` of `ns::Class::method`; empty for a plain name.
inline std::string_view qualifier_of(std::string_view name) {
  const std::size_t colons = name.rfind("::");
  return colons == std::string_view::npos ? std::string_view() : name.substr(0, colons);
}

}  // namespace oxidize::parse
