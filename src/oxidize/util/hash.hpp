#pragma once
// Content hashes: XXH3-64 (libxxhash), fast enough to hash every byte of the
// kernel in a fraction of the read time. The hash keys the per-file cache of
// later stages and lets reports show byte-identical files.
#include <cstdint>
#include <string>
#include <string_view>

namespace oxidize::util {

std::uint64_t content_hash(std::string_view bytes);
std::string hash_hex(std::uint64_t hash);  // 16 lowercase hex digits

}  // namespace oxidize::util
