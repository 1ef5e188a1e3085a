#pragma once
// FileFacts to bytes and back, for the analysis cache. Hand-written because
// this is the hot path of a rescan: an unchanged kernel tree decodes ~70,000
// files' facts, and a general serialiser (JSON, or a SQLite row per function)
// costs several times the budget of a rescan (docs/benchmarks.md). The format
// is private to one build of oxidize (the cache key holds the analysis id),
// so it needs no versioning; it is little-endian varints and length-prefixed
// strings, and the decoder checks every length: a damaged cache entry is
// reported as such, never trusted.
#include <optional>
#include <string>
#include <string_view>

#include "oxidize/model/file_facts.hpp"

namespace oxidize::cache {

void encode_facts(const model::FileFacts& facts, std::string& out);
std::optional<model::FileFacts> decode_facts(std::string_view bytes);

}  // namespace oxidize::cache
