#include "oxidize/cache/analysis_cache.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "oxidize/analysis_id.hpp"
#include "oxidize/cache/byte_codec.hpp"
#include "oxidize/cache/facts_codec.hpp"

namespace oxidize::cache {

namespace {

constexpr std::string_view k_magic = "OXIDIZE-CACHE-2\n";

}  // namespace

AnalysisCache::AnalysisCache(std::int64_t now_ns) : now_ns_(now_ns) {}

AnalysisCache::~AnalysisCache() {
  if (mapping_ != nullptr) ::munmap(mapping_, mapping_size_);
}

std::unique_ptr<AnalysisCache> AnalysisCache::load(const std::string& path, std::int64_t now_ns,
                                                   std::string& warning) {
  auto owner = std::make_unique<AnalysisCache>(now_ns);
  AnalysisCache& cache = *owner;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno != ENOENT) warning = path + ": cache not read (" + std::strerror(errno) + "); analysing every file";
    return owner;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0) {
    ::close(fd);
    warning = path + ": not an oxidize cache; it will be replaced";
    return owner;
  }
  // Mapped, not read: a rescan touches only the entries of the files it
  // takes, and the page cache needs no copy.
  cache.mapping_size_ = static_cast<std::size_t>(st.st_size);
  void* mapped = ::mmap(nullptr, cache.mapping_size_, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (mapped == MAP_FAILED) {
    warning = path + ": cache not read (" + std::strerror(errno) + "); analysing every file";
    return owner;
  }
  cache.mapping_ = mapped;
  cache.loaded_ = std::string_view(static_cast<const char*>(mapped), cache.mapping_size_);
  ByteReader c(cache.loaded_);
  if (!c.skip(k_magic)) {
    warning = path + ": not an oxidize cache; it will be replaced";
    cache.loaded_ = {};
    return owner;
  }
  if (c.view() != k_analysis_id) {  // another build's facts: never trusted
    cache.loaded_ = {};
    cache.dirty_ = true;
    return owner;
  }
  const std::uint64_t last_run = c.u64();
  const std::uint64_t stamp_count = c.u64();
  if (c.ok() && stamp_count <= c.remaining()) cache.loaded_stamps_.reserve(stamp_count);
  for (std::uint64_t i = 0; c.ok() && i < stamp_count; ++i) {
    const std::uint64_t key = c.u64();
    Stamp s;
    s.stamp.size = c.u64();
    s.stamp.mtime_ns = static_cast<std::int64_t>(c.u64());
    s.stamp.inode = c.u64();
    s.content_hash = c.u64();
    s.racy = c.u64() != 0;
    cache.loaded_stamps_.emplace(key, s);
  }
  const std::uint64_t fact_count = c.u64();
  // Each entry takes several bytes: a count beyond that is damage, not a size.
  const bool sane = c.ok() && fact_count <= c.remaining();
  if (sane) {
    cache.loaded_facts_.reserve(fact_count);
    cache.last_runs_ = std::make_unique<std::atomic<std::uint64_t>[]>(fact_count);
  }
  for (std::uint64_t i = 0; sane && c.ok() && i < fact_count; ++i) {
    FactsKey key;
    key.content_hash = c.u64();
    key.language = static_cast<std::uint8_t>(c.u64());
    key.flags = static_cast<std::uint8_t>(c.u64());
    cache.last_runs_[i].store(c.u64(), std::memory_order_relaxed);
    cache.loaded_facts_.emplace(key, Loaded{c.view(), static_cast<std::uint32_t>(i)});
  }
  if (!sane || !c.ok() || !c.at_end()) {
    warning = path + ": damaged cache; analysing every file and writing it anew";
    cache.loaded_facts_.clear();
    cache.loaded_stamps_.clear();
    cache.loaded_ = {};
    cache.dirty_ = true;
    return owner;
  }
  cache.run_ = last_run + 1;
  return owner;
}

std::optional<AnalysisCache::Trusted> AnalysisCache::trusted_stamp(std::uint64_t path_key) const {
  // Each path is visited once per run, before its stamp is renewed: the
  // loaded stamps are all a lookup needs.
  const Stamp* s = loaded_stamps_.find(path_key);
  if (s == nullptr || s->racy) return std::nullopt;
  return Trusted{s->stamp, s->content_hash};
}

void AnalysisCache::remember_stamp(std::uint64_t path_key, const util::FileStamp& stamp, std::uint64_t content_hash) {
  const bool racy = stamp.mtime_ns + k_racy_window_ns >= now_ns_;
  const Stamp fresh{stamp, content_hash, racy};
  if (const Stamp* old_stamp = loaded_stamps_.find(path_key)) {
    const Stamp& old = *old_stamp;
    if (old.stamp == stamp && old.content_hash == content_hash && old.racy == racy) return;
  }
  const std::lock_guard lock(mutex_);
  new_stamps_[path_key] = fresh;
  dirty_ = true;
}

std::optional<model::FileFacts> AnalysisCache::find(const FactsKey& key) {
  if (const Loaded* loaded = loaded_facts_.find(key)) {
    // Pruning counts the runs that used an entry; a use alone is no reason
    // to rewrite the file, so dirty_ is left alone.
    last_runs_[loaded->index].store(run_, std::memory_order_relaxed);
    return decode_facts(loaded->bytes);  // a damaged entry is a miss: analysed again
  }
  std::string_view bytes;
  {
    const std::lock_guard lock(mutex_);
    const auto it = new_facts_.find(key);
    if (it == new_facts_.end()) return std::nullopt;
    bytes = it->second;  // node-based map: stays put while others insert
  }
  return decode_facts(bytes);
}

void AnalysisCache::insert(const FactsKey& key, const model::FileFacts& facts) {
  std::string bytes;
  encode_facts(facts, bytes);
  const std::lock_guard lock(mutex_);
  new_facts_.insert_or_assign(key, std::move(bytes));
  dirty_ = true;
}

tl::expected<bool, std::string> AnalysisCache::save(const std::string& path) {
  const std::lock_guard lock(mutex_);
  if (!dirty_) return false;
  std::string out(k_magic);
  put_bytes(out, k_analysis_id);
  put_varint(out, run_);
  // Entries unused for k_keep_runs runs go, and the stamps that point to them.
  std::unordered_map<std::uint64_t, bool> kept_hashes;
  std::string facts;
  std::uint64_t fact_count = 0;
  const auto put_fact = [&](const FactsKey& key, std::uint64_t last_run, std::string_view bytes) {
    kept_hashes[key.content_hash] = true;
    put_varint(facts, key.content_hash);
    put_varint(facts, key.language);
    put_varint(facts, key.flags);
    put_varint(facts, last_run);
    put_bytes(facts, bytes);
    ++fact_count;
  };
  for (const auto& [key, bytes] : new_facts_) put_fact(key, run_, bytes);
  loaded_facts_.for_each([&](const FactsKey& key, const Loaded& entry) {
    const std::uint64_t last_run = last_runs_[entry.index].load(std::memory_order_relaxed);
    if (last_run + k_keep_runs <= run_ || new_facts_.contains(key)) return;
    put_fact(key, last_run, entry.bytes);
  });
  std::uint64_t stamp_count = 0;
  std::string stamps;
  const auto put_stamp = [&](std::uint64_t p, const Stamp& s) {
    if (!kept_hashes.contains(s.content_hash)) return;
    put_varint(stamps, p);
    put_varint(stamps, s.stamp.size);
    put_varint(stamps, static_cast<std::uint64_t>(s.stamp.mtime_ns));
    put_varint(stamps, s.stamp.inode);
    put_varint(stamps, s.content_hash);
    put_varint(stamps, s.racy ? 1 : 0);
    ++stamp_count;
  };
  for (const auto& [p, s] : new_stamps_) put_stamp(p, s);
  loaded_stamps_.for_each([&](std::uint64_t p, const Stamp& s) {
    if (!new_stamps_.contains(p)) put_stamp(p, s);
  });
  put_varint(out, stamp_count);
  out += stamps;
  put_varint(out, fact_count);
  out += facts;

  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return tl::unexpected(path + ": cannot write the cache: " + std::strerror(errno));
  std::string_view left = out;
  while (!left.empty()) {
    const ssize_t n = ::write(fd, left.data(), left.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      return tl::unexpected(path + ": cannot write the cache: " + std::strerror(err));
    }
    left.remove_prefix(static_cast<std::size_t>(n));
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    return tl::unexpected(path + ": cannot write the cache: " + std::strerror(err));
  }
  dirty_ = false;
  return true;
}

}  // namespace oxidize::cache
