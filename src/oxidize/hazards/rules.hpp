#pragma once
// The hazard rules as data: one table, one row per rule, read by the
// detectors (which refer to rules by RuleId), the reports (SARIF
// `tool.driver.rules`, JSON, the table) and the tests (unique sorted ids, an
// entry in docs/rules.md for each). Ids are stable forever: a retired rule
// keeps its id and is never reused.
//   OXI-C0xxx  C and C++
//   OXI-C1xxx  C++ only
//   OXI-R0xxx  Rust (unsafe inventory, as cargo-geiger counts it)
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace oxidize::hazards {

enum class Severity : std::uint8_t { low, medium, high, critical };
// How sure a finding is that the code is wrong (not how bad it would be).
enum class Confidence : std::uint8_t { low, medium, high };

std::string_view severity_name(Severity s);
std::string_view confidence_name(Confidence c);
std::optional<Severity> severity_from_name(std::string_view name);
std::optional<Confidence> confidence_from_name(std::string_view name);

// One enumerator per row of the table, in the table's order (checked at
// compile time in rules.cpp).
enum class RuleId : std::uint8_t {
  strcpy_unbounded,
  strcat_unbounded,
  sprintf_unbounded,
  gets_call,
  scanf_unbounded,
  strn_error_prone,
  mem_size_unproven,
  strlen_alloc_no_nul,
  format_not_literal,
  alloc_size_overflow,
  alloca_call,
  variable_length_array,
  alloc_unchecked,
  use_after_free,
  double_free,
  free_not_heap,
  free_offset_pointer,
  dealloc_mismatch,
  uninitialized_read,
  null_dereference,
  out_of_bounds_write,
  out_of_bounds_read,
  before_start_of_buffer,
  sizeof_pointer,
  return_local_address,
  pointer_subtraction_unrelated,
  cpp_raw_new,
  cpp_raw_delete,
  cpp_reinterpret_cast,
  cpp_c_style_pointer_cast,
  cpp_const_cast,
  cpp_pointer_arithmetic,
  rust_unsafe_block,
  rust_unsafe_fn,
  rust_unsafe_impl,
  rust_unsafe_trait,
  rust_static_mut,
  rust_raw_pointer_deref,
  rust_transmute,
  rust_extern_block,
  count_
};

enum class RuleLanguage : std::uint8_t { c_family, cpp, rust };

struct Rule {
  RuleId key;
  std::string_view id;     // OXI-C0001
  std::string_view name;   // kebab-case, SARIF `name`: strcpy-unbounded
  std::string_view cwe;    // primary weakness, "CWE-120"; empty for Rust inventory rules
  std::string_view related_cwe;  // more weaknesses, comma-separated ("CWE-193,CWE-125"), or empty
  Severity severity;
  Confidence confidence;   // the default; a detector may lower or raise it per finding
  RuleLanguage language;
  std::string_view title;  // one line
  std::string_view why;    // why it is dangerous
  std::string_view safer;  // the safer C/C++ alternative (or hardening in place)
  std::string_view rust;   // the Rust idiom that removes the class
};

std::span<const Rule> all_rules();

// C and C++ constructs that are unsafe by design but no flaw in themselves
// (raw new/delete, casts that drop types or const, alloca, variable-length
// arrays): inventory, counted per file by `scan` and reported at low
// confidence only, so a default finding is always something to fix.
// (The Rust rules are cargo-geiger's inventory in their own right.)
bool is_inventory(RuleId key);
const Rule& rule(RuleId key);
const Rule* find_rule(std::string_view id);

// The anchor of a rule's entry in docs/rules.md ("oxi-c0001").
std::string rule_anchor(const Rule& r);

}  // namespace oxidize::hazards
