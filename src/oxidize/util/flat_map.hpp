#pragma once
// A hash map filled once and then only read, for keys that are already good
// hashes (XXH3 of a path or of a file's bytes): open addressing with linear
// probing in one array whose size is a power of two, so a lookup is a mask
// and, almost always, one cache line. std::unordered_map spends most of an
// unchanged rescan's lookups on its modulo and its pointer chains
// (docs/benchmarks.md), which is why this exists.
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace oxidize::util {

// KeyBits(key) gives the bits that pick a slot; keys compare with ==.
template <class Key, class Value, class KeyBits>
class FlatMap {
 public:
  // Room for `count` entries at a load factor of at most one half.
  void reserve(std::size_t count) {
    std::size_t capacity = 16;
    while (capacity < count * 2) capacity *= 2;
    if (capacity <= slots_.size()) return;
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(capacity, Slot{});
    size_ = 0;
    for (auto& s : old)
      if (s.used) emplace(std::move(s.key), std::move(s.value));
  }

  // Inserts or replaces.
  Value& emplace(Key key, Value value) {
    if ((size_ + 1) * 2 > slots_.size()) reserve(size_ + 1);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = KeyBits{}(key) & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (!s.used) {
        s = Slot{std::move(key), std::move(value), true};
        ++size_;
        return s.value;
      }
      if (s.key == key) {
        s.value = std::move(value);
        return s.value;
      }
    }
  }

  const Value* find(const Key& key) const { return const_cast<FlatMap*>(this)->find(key); }
  Value* find(const Key& key) {
    if (slots_.empty()) return nullptr;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = KeyBits{}(key) & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (!s.used) return nullptr;
      if (s.key == key) return &s.value;
    }
  }

  bool contains(const Key& key) const { return find(key) != nullptr; }
  std::size_t size() const { return size_; }
  void clear() {
    slots_.clear();
    size_ = 0;
  }

  template <class F>
  void for_each(F&& f) const {
    for (const auto& s : slots_)
      if (s.used) f(s.key, s.value);
  }

 private:
  struct Slot {
    Key key{};
    Value value{};
    bool used = false;
  };
  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace oxidize::util
