#include "oxidize/store/digest.hpp"

#include <fmt/format.h>
#include <xxhash.h>

#include <array>
#include <bit>
#include <cstring>
#include <new>

#include "oxidize/store/codes.hpp"

namespace oxidize::store {

namespace {

// A version tag first: a change of layout gives new digests (the facts are
// then stored once more) instead of colliding with the old ones.
constexpr std::string_view k_facts_layout = "oxidize-facts-v1";
constexpr std::string_view k_manifest_layout = "oxidize-manifest-v1";

}  // namespace

// Values are appended to a fixed buffer that is handed to XXH3's streaming
// state when full: hashing a few hundred thousand small fields one update
// each would cost more than the hashing itself.
class HashFeed {
 public:
  HashFeed() : m_state(XXH3_createState()) {
    if (m_state == nullptr) throw std::bad_alloc();
  }
  ~HashFeed() { XXH3_freeState(m_state); }
  HashFeed(const HashFeed&) = delete;
  HashFeed& operator=(const HashFeed&) = delete;

  void reset64() {
    XXH3_64bits_reset(m_state);
    m_wide = false;
    m_used = 0;
  }
  void reset128() {
    XXH3_128bits_reset(m_state);
    m_wide = true;
    m_used = 0;
  }

  // Little-endian whatever the machine.
  void put(std::uint64_t v) {
    if (m_used + 8 > sizeof m_buffer) flush();
    store(v);
  }
  // `n` values at once, with one check for room (a function's metrics).
  template <std::size_t N>
  void put(const std::array<std::uint64_t, N>& values) {
    if (m_used + 8 * N > sizeof m_buffer) flush();
    for (const std::uint64_t v : values) store(v);
  }
  // Length first, so that ("ab", "c") and ("a", "bc") differ.
  void put(std::string_view s) {
    put(static_cast<std::uint64_t>(s.size()));
    if (m_used + s.size() > sizeof m_buffer) {
      flush();
      if (s.size() > sizeof m_buffer / 2) {
        update(s.data(), s.size());
        return;
      }
    }
    if (!s.empty()) std::memcpy(m_buffer + m_used, s.data(), s.size());
    m_used += s.size();
  }

  std::uint64_t digest64() {
    flush();
    return XXH3_64bits_digest(m_state);
  }
  XXH128_hash_t digest128() {
    flush();
    return XXH3_128bits_digest(m_state);
  }

 private:
  void flush() {
    update(m_buffer, m_used);
    m_used = 0;
  }
  void store(std::uint64_t v) {
    char* p = m_buffer + m_used;
    m_used += 8;
    if constexpr (std::endian::native == std::endian::little) {
      std::memcpy(p, &v, 8);  // one store, where the byte loop below costs eight
    } else {
      for (int i = 0; i < 8; ++i) p[i] = static_cast<char>((v >> (8 * i)) & 0xff);
    }
  }
  void update(const void* data, std::size_t n) {
    if (m_wide) XXH3_128bits_update(m_state, data, n);
    else XXH3_64bits_update(m_state, data, n);
  }

  XXH3_state_t* m_state;
  bool m_wide = false;
  std::size_t m_used = 0;
  char m_buffer[16384];
};

Digester::Digester() : m_feed(std::make_unique<HashFeed>()) {}
Digester::~Digester() = default;

std::uint64_t Digester::facts(const model::FileFacts& facts) {
  HashFeed& b = *m_feed;
  b.reset64();
  b.put(k_facts_layout);
  b.put(discover::language_key(facts.language));
  b.put(facts.lines.code);
  b.put(facts.lines.comment);
  b.put(facts.lines.blank);
  b.put(facts.bytes);
  b.put(facts.hash);
  b.put(std::uint64_t{facts.binary});
  b.put(unterminated_key(facts.unterminated));
  b.put(facts.unterminated_line);
  b.put(facts.generated_why);
  b.put(facts.functions.size());
  for (const auto& fn : facts.functions) {
    b.put(fn.name);
    b.put(std::array<std::uint64_t, 12>{fn.start_line, fn.end_line, fn.body_begin, fn.body_end, fn.nloc, fn.ccn,
                                        fn.ccn_modified, fn.params, fn.max_nesting, fn.tokens, fn.unsafe_blocks,
                                        fn.is_unsafe});
  }
  b.put(facts.parse_issues.size());
  for (const auto& issue : facts.parse_issues) {
    b.put(issue.line);
    b.put(issue.message);
  }
  b.put(facts.hazards.size());
  for (const auto& h : facts.hazards) {
    b.put(h.rule_info().id);
    b.put(hazards::confidence_name(h.confidence));
    b.put(h.line);
    b.put(h.column);
    b.put(h.function);
    b.put(h.message);
    b.put(h.snippet);
    b.put(h.fingerprint);
    b.put(std::uint64_t{h.suppressed});
    b.put(h.suppression_reason);
  }
  return b.digest64();
}

std::string Digester::manifest(std::string_view analysis_key, std::span<const model::FileRecord> files,
                               std::span<const std::uint64_t> facts_digests) {
  HashFeed& b = *m_feed;
  b.reset128();
  b.put(k_manifest_layout);
  b.put(analysis_key);
  b.put(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    const model::FileRecord& f = files[i];
    b.put(f.path);
    b.put(f.facts.hash);
    b.put(facts_digests[i]);
    b.put(discover::exclusion_key(f.exclusion));
    b.put(f.exclusion_why);
    b.put(std::uint64_t{f.hazards_excluded});
  }
  const XXH128_hash_t h = b.digest128();
  return fmt::format("{:016x}{:016x}", h.high64, h.low64);
}

}  // namespace oxidize::store
