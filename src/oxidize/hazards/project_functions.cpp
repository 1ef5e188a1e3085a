#include "oxidize/hazards/project_functions.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "oxidize/util/hash.hpp"

namespace oxidize::hazards {

tl::expected<void, std::string> ProjectFunctions::add(std::string name, std::string_view like,
                                                      std::span<const int> args, std::optional<bool> returns_null) {
  const LibraryCall* base = library_call(like);
  if (base == nullptr)
    return tl::unexpected(fmt::format("'{}' is declared like '{}', which is no C library function oxidize knows "
                                      "(docs/config.md lists them)",
                                      name, like));
  if (args.size() > k_max_mapped_arguments)
    return tl::unexpected(fmt::format("'{}': args names more than {} arguments", name, k_max_mapped_arguments));
  ProjectFunction f;
  f.call = *base;
  for (std::size_t k = 0; k < args.size(); ++k) {
    if (args[k] < 0 || args[k] >= 64)
      return tl::unexpected(fmt::format("'{}': args[{}] = {} is not an argument position (0 to 63)", name, k, args[k]));
    f.args[k] = static_cast<std::int8_t>(args[k]);
  }
  f.mapped = static_cast<std::uint8_t>(args.size());
  if (returns_null) {
    if (base->kind != CallKind::allocate && base->kind != CallKind::reallocate && base->kind != CallKind::duplicate)
      return tl::unexpected(fmt::format("'{}': returns_null applies to allocators only, not to '{}'", name, like));
    f.call.may_fail = *returns_null;
  }
  canonical_ += fmt::format("{}={}:{}:{}\n", name, like, fmt::join(args, ","),
                            returns_null ? (*returns_null ? "1" : "0") : "-");
  digest_ = util::content_hash(canonical_);
  functions_[std::move(name)] = f;
  return {};
}

const ProjectFunction* ProjectFunctions::find(std::string_view name) const {
  if (functions_.empty()) return nullptr;
  const auto it = functions_.find(name);
  return it == functions_.end() ? nullptr : &it->second;
}

}  // namespace oxidize::hazards
