#include "oxidize/cache/analysis_cache.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "oxidize/analysis_id.hpp"
#include "oxidize/cache/facts_codec.hpp"
#include "oxidize/util/file_reader.hpp"

namespace oxidize::cache {

namespace {

constexpr std::string_view k_magic = "OXIDIZE-CACHE-1\n";

void put(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}
void put(std::string& out, std::string_view s) {
  put(out, s.size());
  out.append(s);
}

// Reads what put() wrote; any overrun marks the whole file damaged.
struct Cursor {
  std::string_view rest;
  bool ok = true;
  std::uint64_t u64() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64 && !rest.empty(); shift += 7) {
      const auto byte = static_cast<unsigned char>(rest.front());
      rest.remove_prefix(1);
      v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return v;
    }
    ok = false;
    rest = {};
    return 0;
  }
  std::string_view str() {
    const std::uint64_t n = u64();
    if (!ok || n > rest.size()) {
      ok = false;
      rest = {};
      return {};
    }
    const std::string_view s = rest.substr(0, n);
    rest.remove_prefix(n);
    return s;
  }
};

}  // namespace

AnalysisCache::AnalysisCache(std::int64_t now_ns) : now_ns_(now_ns) {}

std::unique_ptr<AnalysisCache> AnalysisCache::load(const std::string& path, std::int64_t now_ns,
                                                   std::string& warning) {
  auto owner = std::make_unique<AnalysisCache>(now_ns);
  AnalysisCache& cache = *owner;
  util::FileReader reader(std::size_t{16} << 30);
  auto bytes = reader.read(AT_FDCWD, path.c_str(), false);
  if (!bytes) {
    if (bytes.error().error != util::ReadError::not_found) warning = path + ": cache not read (" + bytes.error().message + "); analysing every file";
    return owner;
  }
  cache.loaded_.assign(*bytes);
  Cursor c{cache.loaded_};
  if (!c.rest.starts_with(k_magic)) {
    warning = path + ": not an oxidize cache; it will be replaced";
    cache.loaded_.clear();
    return owner;
  }
  c.rest.remove_prefix(k_magic.size());
  if (c.str() != k_analysis_id) {  // another build's facts: never trusted
    cache.loaded_.clear();
    cache.dirty_ = true;
    return owner;
  }
  const std::uint64_t last_run = c.u64();
  const std::uint64_t stamp_count = c.u64();
  for (std::uint64_t i = 0; c.ok && i < stamp_count; ++i) {
    std::string key(c.str());
    Stamp s;
    s.stamp.size = c.u64();
    s.stamp.mtime_ns = static_cast<std::int64_t>(c.u64());
    s.stamp.inode = c.u64();
    s.content_hash = c.u64();
    s.racy = c.u64() != 0;
    cache.stamps_.emplace(std::move(key), s);
  }
  const std::uint64_t fact_count = c.u64();
  for (std::uint64_t i = 0; c.ok && i < fact_count; ++i) {
    FactsKey key;
    key.content_hash = c.u64();
    key.language = static_cast<std::uint8_t>(c.u64());
    key.flags = static_cast<std::uint8_t>(c.u64());
    Entry e;
    e.last_run = c.u64();
    e.bytes = c.str();
    cache.facts_.emplace(key, e);
  }
  if (!c.ok || !c.rest.empty()) {
    warning = path + ": damaged cache; analysing every file and writing it anew";
    cache.facts_.clear();
    cache.stamps_.clear();
    cache.loaded_.clear();
    cache.dirty_ = true;
    return owner;
  }
  cache.run_ = last_run + 1;
  return owner;
}

std::optional<AnalysisCache::Trusted> AnalysisCache::trusted_stamp(const std::string& path) const {
  const std::lock_guard lock(mutex_);
  const auto it = stamps_.find(path);
  if (it == stamps_.end() || it->second.racy) return std::nullopt;
  return Trusted{it->second.stamp, it->second.content_hash};
}

void AnalysisCache::remember_stamp(const std::string& path, const util::FileStamp& stamp, std::uint64_t content_hash) {
  const bool racy = stamp.mtime_ns + k_racy_window_ns >= now_ns_;
  const std::lock_guard lock(mutex_);
  Stamp& s = stamps_[path];
  if (s.stamp == stamp && s.content_hash == content_hash && s.racy == racy) return;
  s = {stamp, content_hash, racy};
  dirty_ = true;
}

std::optional<model::FileFacts> AnalysisCache::find(const FactsKey& key) {
  std::string_view bytes;
  {
    const std::lock_guard lock(mutex_);
    const auto it = facts_.find(key);
    if (it == facts_.end()) return std::nullopt;
    if (it->second.last_run != run_) {
      it->second.last_run = run_;
      // Pruning counts runs that used an entry; a use alone is no reason to
      // rewrite the file, so dirty_ is left alone.
    }
    bytes = it->second.bytes;
  }
  return decode_facts(bytes);  // a damaged entry is a miss: analysed again
}

void AnalysisCache::insert(const FactsKey& key, const model::FileFacts& facts) {
  std::string bytes;
  encode_facts(facts, bytes);
  const std::lock_guard lock(mutex_);
  owned_.push_back(std::move(bytes));
  facts_[key] = Entry{owned_.back(), run_};
  dirty_ = true;
}

tl::expected<bool, std::string> AnalysisCache::save(const std::string& path) {
  const std::lock_guard lock(mutex_);
  if (!dirty_) return false;
  std::string out(k_magic);
  put(out, k_analysis_id);
  put(out, run_);
  // Entries unused for k_keep_runs runs go, and the stamps that point to them.
  std::unordered_map<std::uint64_t, bool> kept_hashes;
  std::string facts;
  std::uint64_t fact_count = 0;
  for (const auto& [key, entry] : facts_) {
    if (entry.last_run + k_keep_runs <= run_) continue;
    kept_hashes[key.content_hash] = true;
    put(facts, key.content_hash);
    put(facts, key.language);
    put(facts, key.flags);
    put(facts, entry.last_run);
    put(facts, entry.bytes);
    ++fact_count;
  }
  std::uint64_t stamp_count = 0;
  std::string stamps;
  for (const auto& [p, s] : stamps_) {
    if (!kept_hashes.contains(s.content_hash)) continue;
    put(stamps, p);
    put(stamps, s.stamp.size);
    put(stamps, static_cast<std::uint64_t>(s.stamp.mtime_ns));
    put(stamps, s.stamp.inode);
    put(stamps, s.content_hash);
    put(stamps, s.racy ? 1 : 0);
    ++stamp_count;
  }
  put(out, stamp_count);
  out += stamps;
  put(out, fact_count);
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
