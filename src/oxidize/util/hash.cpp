#include "oxidize/util/hash.hpp"

#include <fmt/format.h>
#include <xxhash.h>

namespace oxidize::util {

std::uint64_t content_hash(std::string_view bytes) { return XXH3_64bits(bytes.data(), bytes.size()); }

std::uint64_t seeded_hash(std::string_view bytes, std::uint64_t seed) {
  return XXH3_64bits_withSeed(bytes.data(), bytes.size(), seed);
}

std::string hash_hex(std::uint64_t hash) { return fmt::format("{:016x}", hash); }

}  // namespace oxidize::util
