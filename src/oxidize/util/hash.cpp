#include "oxidize/util/hash.hpp"

#include <fmt/format.h>
#include <xxhash.h>

namespace oxidize::util {

std::uint64_t content_hash(std::string_view bytes) { return XXH3_64bits(bytes.data(), bytes.size()); }

std::string hash_hex(std::uint64_t hash) { return fmt::format("{:016x}", hash); }

}  // namespace oxidize::util
