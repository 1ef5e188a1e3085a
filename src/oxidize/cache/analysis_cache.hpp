#pragma once
// The cache of analysis results, so that no file or blob is analysed twice.
// Two layers:
//   - content: facts keyed by the XXH3 hash of the bytes, the language the
//     name gave, and the analysis options. The analysis id of this build (a
//     hash of the analysis sources, see cmake/AnalysisId.cmake) is part of
//     the file, so a rebuilt oxidize never trusts another build's facts.
//   - stamps: per absolute path (named by its XXH3 hash), the stat (size,
//     mtime in ns, inode) and the content hash of the file last read there. A file whose stamp matches is
//     not even read. Git's rule for "racily clean" entries applies: a stamp
//     taken within the timestamp granularity before the scan began may hide
//     a change made in the same tick, so it is kept but never trusted: the
//     file is read and hashed again (and stamped afresh by that scan).
// Thread-safe: the analysis workers look up and insert concurrently.
// Persisted as one file written to a temporary name and renamed, so a crash
// leaves the old cache or the new one, and only when something changed; read
// back through mmap, and decoded only for the files a run asks for.
#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include <tl/expected.hpp>

#include "oxidize/model/file_facts.hpp"
#include "oxidize/util/file_reader.hpp"
#include "oxidize/util/flat_map.hpp"

namespace oxidize::cache {

struct FactsKey {
  std::uint64_t content_hash = 0;
  std::uint8_t language = 0;  // the language the file name gave
  std::uint8_t flags = 0;     // the analysis options and name facts (see pipeline/analyze_pass)
  bool operator==(const FactsKey&) const = default;
};

// Timestamps closer than this to the scan's start are "racily clean". Two
// seconds covers filesystems with coarse timestamps (FAT: 2 s) and the lag of
// the kernel's coarse clock.
inline constexpr std::int64_t k_racy_window_ns = 2'000'000'000;

// What a scan did with the cache (for --perf and the tests).
struct CacheStats {
  std::atomic<std::uint64_t> unchanged{0};   // stamp matched: not read
  std::atomic<std::uint64_t> content_hits{0};  // read, and the content was known
  std::atomic<std::uint64_t> analysed{0};    // read and analysed
};

class AnalysisCache {
 public:
  // An empty cache; `now_ns` is the scan's start (racy rule).
  explicit AnalysisCache(std::int64_t now_ns);
  ~AnalysisCache();
  AnalysisCache(const AnalysisCache&) = delete;
  AnalysisCache& operator=(const AnalysisCache&) = delete;
  // Loads `path` (absent: empty). A damaged file yields an empty cache and
  // `warning` says so; a cache of another build is dropped silently.
  static std::unique_ptr<AnalysisCache> load(const std::string& path, std::int64_t now_ns, std::string& warning);

  // Stamps are keyed by the hash of the file's absolute path (see
  // pipeline/analyze_pass: the root's hash seeds the hash of the rest).
  // The stamp and content hash last recorded at the path, unless racily clean.
  // The caller compares the stamp with the file's now: only a path the cache
  // knows costs a stat.
  struct Trusted {
    util::FileStamp stamp;
    std::uint64_t content_hash = 0;
  };
  std::optional<Trusted> trusted_stamp(std::uint64_t path_key) const;
  void remember_stamp(std::uint64_t path_key, const util::FileStamp& stamp, std::uint64_t content_hash);

  std::optional<model::FileFacts> find(const FactsKey& key);
  void insert(const FactsKey& key, const model::FileFacts& facts);

  // Writes the cache to `path` when something changed; returns whether it wrote.
  tl::expected<bool, std::string> save(const std::string& path);

  CacheStats stats;

 private:
  struct KeyHash {
    std::size_t operator()(const FactsKey& k) const {
      return static_cast<std::size_t>(k.content_hash ^ (std::uint64_t{k.language} << 56) ^ (std::uint64_t{k.flags} << 48));
    }
  };
  struct Stamp {
    util::FileStamp stamp;
    std::uint64_t content_hash = 0;
    bool racy = false;
  };
  struct Loaded {
    std::string_view bytes;  // into loaded_
    std::uint32_t index = 0;  // into last_runs_
  };
  struct KeyBits {
    std::size_t operator()(const FactsKey& k) const { return KeyHash{}(k); }
  };
  struct HashBits {  // path keys are XXH3 hashes already
    std::size_t operator()(std::uint64_t k) const { return static_cast<std::size_t>(k); }
  };

  std::int64_t now_ns_;
  std::uint64_t run_ = 1;  // this run's number: one more than the loaded file's
  // What the file held: never changed after load(), so the workers read it
  // without a lock (the hot path of a rescan).
  std::string_view loaded_;     // the mapped file
  void* mapping_ = nullptr;
  std::size_t mapping_size_ = 0;
  util::FlatMap<FactsKey, Loaded, KeyBits> loaded_facts_;
  util::FlatMap<std::uint64_t, Stamp, HashBits> loaded_stamps_;
  // The run that last used each loaded entry (pruning), set by concurrent finds.
  std::unique_ptr<std::atomic<std::uint64_t>[]> last_runs_;
  // What this run added, under the lock.
  mutable std::mutex mutex_;
  std::unordered_map<FactsKey, std::string, KeyHash> new_facts_;
  std::unordered_map<std::uint64_t, Stamp> new_stamps_;
  bool dirty_ = false;
};

// How many runs an unused entry survives.
inline constexpr std::uint64_t k_keep_runs = 8;

}  // namespace oxidize::cache
