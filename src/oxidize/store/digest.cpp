#include "oxidize/store/digest.hpp"

#include <fmt/format.h>
#include <xxhash.h>

#include <memory>
#include <new>

#include "oxidize/store/codes.hpp"

namespace oxidize::store {

namespace {

// A version tag first: a change of layout gives new digests (the facts are
// then stored once more) instead of colliding with the old ones.
constexpr std::string_view k_facts_layout = "oxidize-facts-v1";
constexpr std::string_view k_manifest_layout = "oxidize-manifest-v1";

void put(std::string& out, std::uint64_t v) {
  char bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>((v >> (8 * i)) & 0xff);
  out.append(bytes, 8);
}

// Length first, so that ("ab", "c") and ("a", "bc") differ.
void put(std::string& out, std::string_view s) {
  put(out, static_cast<std::uint64_t>(s.size()));
  out.append(s);
}

}  // namespace

std::uint64_t facts_digest(const model::FileFacts& facts, std::string& scratch) {
  std::string& b = scratch;
  b.clear();
  put(b, k_facts_layout);
  put(b, discover::language_key(facts.language));
  put(b, facts.lines.code);
  put(b, facts.lines.comment);
  put(b, facts.lines.blank);
  put(b, facts.bytes);
  put(b, facts.hash);
  put(b, std::uint64_t{facts.binary});
  put(b, unterminated_key(facts.unterminated));
  put(b, facts.unterminated_line);
  put(b, facts.generated_why);
  put(b, facts.functions.size());
  for (const auto& fn : facts.functions) {
    put(b, fn.name);
    for (const std::uint32_t v : {fn.start_line, fn.end_line, fn.body_begin, fn.body_end, fn.nloc, fn.ccn,
                                  fn.ccn_modified, fn.params, fn.max_nesting, fn.tokens, fn.unsafe_blocks})
      put(b, v);
    put(b, std::uint64_t{fn.is_unsafe});
  }
  put(b, facts.parse_issues.size());
  for (const auto& issue : facts.parse_issues) {
    put(b, issue.line);
    put(b, issue.message);
  }
  put(b, facts.hazards.size());
  for (const auto& h : facts.hazards) {
    put(b, h.rule_info().id);
    put(b, hazards::confidence_name(h.confidence));
    put(b, h.line);
    put(b, h.column);
    put(b, h.function);
    put(b, h.message);
    put(b, h.snippet);
    put(b, h.fingerprint);
    put(b, std::uint64_t{h.suppressed});
    put(b, h.suppression_reason);
  }
  return XXH3_64bits(b.data(), b.size());
}

std::string manifest_digest(std::string_view analysis_key, std::span<const model::FileRecord> files,
                            std::span<const std::uint64_t> facts_digests) {
  const std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> state(XXH3_createState(), &XXH3_freeState);
  if (!state) throw std::bad_alloc();
  XXH3_128bits_reset(state.get());
  std::string b;
  put(b, k_manifest_layout);
  put(b, analysis_key);
  put(b, files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    const model::FileRecord& f = files[i];
    put(b, f.path);
    put(b, f.facts.hash);
    put(b, facts_digests[i]);
    put(b, discover::exclusion_key(f.exclusion));
    put(b, f.exclusion_why);
    put(b, std::uint64_t{f.hazards_excluded});
    // Fed in pieces so the buffer stays small for any number of files.
    if (b.size() >= 64 * 1024) {
      XXH3_128bits_update(state.get(), b.data(), b.size());
      b.clear();
    }
  }
  XXH3_128bits_update(state.get(), b.data(), b.size());
  const XXH128_hash_t h = XXH3_128bits_digest(state.get());
  return fmt::format("{:016x}{:016x}", h.high64, h.low64);
}

}  // namespace oxidize::store
