#pragma once
// The byte layout of the cache file and of its facts entries: little-endian
// base-128 varints, fixed 8-byte words and length-prefixed bytes, and a
// reader that checks every length against what is left. A damaged input
// makes the reader fail (ok() false, nothing more read), never overrun.
#include <cstdint>
#include <string>
#include <string_view>

namespace oxidize::cache {

inline void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

inline void put_fixed64(std::string& out, std::uint64_t v) {
  char bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>((v >> (8 * i)) & 0xff);
  out.append(bytes, 8);
}

inline void put_bytes(std::string& out, std::string_view s) {
  put_varint(out, s.size());
  out.append(s);
}

class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : rest_(bytes) {}
  bool ok() const { return ok_; }
  bool at_end() const { return rest_.empty(); }
  std::size_t remaining() const { return rest_.size(); }

  // Consumes `prefix` when the input starts with it.
  bool skip(std::string_view prefix) {
    if (!rest_.starts_with(prefix)) return false;
    rest_.remove_prefix(prefix.size());
    return true;
  }
  std::uint64_t u64() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64 && !rest_.empty(); shift += 7) {
      const auto byte = static_cast<unsigned char>(rest_.front());
      rest_.remove_prefix(1);
      v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return v;
    }
    return fail();
  }
  std::uint32_t u32() {
    const std::uint64_t v = u64();
    if (v > UINT32_MAX) return static_cast<std::uint32_t>(fail());
    return static_cast<std::uint32_t>(v);
  }
  std::uint64_t fixed64() {
    if (rest_.size() < 8) return fail();
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(rest_[i])) << (8 * i);
    rest_.remove_prefix(8);
    return v;
  }
  // Length-prefixed bytes, viewed in place.
  std::string_view view() {
    const std::uint64_t n = u64();
    if (!ok_ || n > rest_.size()) {
      fail();
      return {};
    }
    const std::string_view s = rest_.substr(0, n);
    rest_.remove_prefix(n);
    return s;
  }
  std::string str() { return std::string(view()); }
  // A count of items each at least `min_bytes` long: bounded by what is
  // left, so a damaged count cannot make the caller reserve gigabytes.
  std::size_t count(std::size_t min_bytes) {
    const std::uint64_t n = u64();
    if (!ok_ || n > rest_.size() / min_bytes) return static_cast<std::size_t>(fail());
    return static_cast<std::size_t>(n);
  }

 private:
  std::uint64_t fail() {
    ok_ = false;
    rest_ = {};
    return 0;
  }
  std::string_view rest_;
  bool ok_ = true;
};

}  // namespace oxidize::cache
