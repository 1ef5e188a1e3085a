#pragma once
// Content hashes: XXH3-64 (libxxhash), fast enough to hash every byte of the
// kernel in a fraction of the read time. The hash keys the per-file cache of
// later stages and lets reports show byte-identical files.
#include <cstdint>
#include <string>
#include <string_view>

namespace oxidize::util {

std::uint64_t content_hash(std::string_view bytes);
// The same hash with a seed: hashing a path's tail seeded with the hash of
// its head names the whole path without building it.
std::uint64_t seeded_hash(std::string_view bytes, std::uint64_t seed);
std::string hash_hex(std::uint64_t hash);  // 16 lowercase hex digits

}  // namespace oxidize::util
