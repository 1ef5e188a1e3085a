#pragma once
// The FFI difficulty of a component: points for what its interface makes a
// porting team write and decide at the C/Rust boundary, the number the cost
// model adds to a component's effort. Few factors, each with one reason
// (docs/structure.md, "Interface surface and FFI difficulty"):
//
//   per interface function defined in C/C++     1  an extern declaration and a wrapper
//     + takes pointers                          1  nullability, length, lifetime: not in the signature
//     + returns a pointer                       2  who frees it, and with what
//     + takes a callback                        3  a trampoline that must not unwind, user data kept alive
//     + variadic                                3  Rust can call it, not define it: the port changes the API
//     + a struct or union by value              1  the layout must match C's exactly
//     + reports through errno                   1  a thread-local side channel read right after the call
//   per static function of its headers others call  2  no symbol to bind: a C shim or a rewrite
//   per crossing record with a union            3  unsafe reads, the live member a C convention
//   per crossing record with bitfields          3  Rust has none: accessors over the compiler's layout
//   per shared global                           2  `static mut`: every access unsafe, nothing synchronised
//   per Rust export or import                   1  a declaration both sides must keep in step
//
// Classes by total points: low below 30, medium below 150, high from 150.
#include <cstdint>
#include <string_view>

namespace oxidize::structure {

// How many of the component's C/C++ interface functions have each trait.
struct InterfaceTraits {
  std::uint32_t pointer_params = 0;
  std::uint32_t callbacks = 0;
  std::uint32_t variadic = 0;
  std::uint32_t struct_by_value = 0;  // a struct or a union passed by value
  std::uint32_t union_params = 0;     // a union passed or pointed to (counted in the records' points)
  std::uint32_t returns_pointer = 0;
  std::uint32_t uses_errno = 0;
};

// What the formula reads.
struct FfiSurface {
  std::uint32_t functions = 0;  // interface functions defined in C or C++
  InterfaceTraits traits;
  std::uint32_t header_statics = 0;
  std::uint32_t union_records = 0;
  std::uint32_t bitfield_records = 0;
  std::uint32_t shared_globals = 0;
  std::uint32_t rust_boundary = 0;  // Rust exports + imports
};

struct FfiWeights {
  static constexpr std::uint32_t function = 1;
  static constexpr std::uint32_t pointer_params = 1;
  static constexpr std::uint32_t returns_pointer = 2;
  static constexpr std::uint32_t callback = 3;
  static constexpr std::uint32_t variadic = 3;
  static constexpr std::uint32_t struct_by_value = 1;
  static constexpr std::uint32_t uses_errno = 1;
  static constexpr std::uint32_t header_static = 2;
  static constexpr std::uint32_t union_record = 3;
  static constexpr std::uint32_t bitfield_record = 3;
  static constexpr std::uint32_t shared_global = 2;
  static constexpr std::uint32_t rust_boundary = 1;
  static constexpr std::uint64_t medium_from = 30;
  static constexpr std::uint64_t high_from = 150;
};

enum class FfiClass : std::uint8_t { none, low, medium, high };  // none: no interface at all
std::string_view ffi_class_name(FfiClass level);

struct FfiDifficulty {
  std::uint64_t points = 0;
  // Points per boundary item (interface functions, header statics, globals,
  // Rust exports and imports): how hard the average item is, whatever the
  // component's size.
  double per_item = 0;
  FfiClass level = FfiClass::none;
};

FfiDifficulty ffi_difficulty(const FfiSurface& surface);

}  // namespace oxidize::structure
