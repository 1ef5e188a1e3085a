#include "oxidize/structure/ffi_difficulty.hpp"

namespace oxidize::structure {

std::string_view ffi_class_name(FfiClass level) {
  switch (level) {
    case FfiClass::none: return "none";
    case FfiClass::low: return "low";
    case FfiClass::medium: return "medium";
    case FfiClass::high: return "high";
  }
  return "none";
}

FfiDifficulty ffi_difficulty(const FfiSurface& s) {
  using W = FfiWeights;
  const InterfaceTraits& t = s.traits;
  std::uint64_t points = std::uint64_t{s.functions} * W::function;
  points += std::uint64_t{t.pointer_params} * W::pointer_params;
  points += std::uint64_t{t.returns_pointer} * W::returns_pointer;
  points += std::uint64_t{t.callbacks} * W::callback;
  points += std::uint64_t{t.variadic} * W::variadic;
  points += std::uint64_t{t.struct_by_value} * W::struct_by_value;
  points += std::uint64_t{t.uses_errno} * W::uses_errno;
  points += std::uint64_t{s.header_statics} * W::header_static;
  points += std::uint64_t{s.union_records} * W::union_record;
  points += std::uint64_t{s.bitfield_records} * W::bitfield_record;
  points += std::uint64_t{s.shared_globals} * W::shared_global;
  points += std::uint64_t{s.rust_boundary} * W::rust_boundary;

  FfiDifficulty d;
  d.points = points;
  const std::uint64_t items = std::uint64_t{s.functions} + s.header_statics + s.shared_globals + s.rust_boundary;
  d.per_item = items == 0 ? 0.0 : static_cast<double>(points) / static_cast<double>(items);
  if (items == 0 && points == 0) d.level = FfiClass::none;
  else if (points < W::medium_from) d.level = FfiClass::low;
  else if (points < W::high_from) d.level = FfiClass::medium;
  else d.level = FfiClass::high;
  return d;
}

}  // namespace oxidize::structure
