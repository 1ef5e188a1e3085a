#pragma once
// A map from names (views into the source) to values, for the flow
// analysis's variables: looked up for nearly every identifier of every
// function body, so it is an open-addressing table with the hash stored per
// slot, inline comparisons, and O(1) reuse between functions. Values live in
// a deque: references stay valid while names are added (the analysis holds
// them across insertions).
//
// Touch tracking: once a tracker is started, every value reached for change
// (the non-const find, insert, operator[]) is listed for it once, until the
// tracker takes its list. A pass over "every value changed since last time"
// (a goto label forgets what is known of each variable) then costs what
// changed, not the whole table again.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <deque>
#include <string_view>
#include <vector>

namespace oxidize::hazards {

// Every byte of the name, a word at a time (the first and last words
// overlapping for short names, so nothing is read past the name): names that
// differ only in their middle (`handler_0001_rx`, `handler_0002_rx`,
// thousands of them in generated code) must not share a hash. Hashing only
// the ends and the middle byte made a file of 200,000 such functions collide
// into one chain (6 s for 40 MB). One multiplication for names of up to 8
// bytes, two up to 16: this runs for nearly every identifier the flow
// analysis reads, and its latency is what a lookup waits for.
struct NameHash {
  static std::uint64_t load64(const char* p) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
  }
  static std::uint64_t load32(const char* p) {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
  }
  [[gnu::always_inline]] std::size_t operator()(std::string_view s) const noexcept {
    const std::size_t n = s.size();
    const char* p = s.data();
    std::uint64_t h;
    if (n > 8) {
      h = load64(p + n - 8);
      for (std::size_t i = 0; i + 8 < n; i += 8) {
        h = (((h << 29) | (h >> 35)) ^ load64(p + i)) * 0x9E3779B97F4A7C15ull;
        h ^= h >> 32;
      }
    } else if (n >= 4) {
      h = load32(p) << 32 | load32(p + n - 4);
    } else {
      const auto at = [&](std::size_t k) { return static_cast<std::uint64_t>(static_cast<unsigned char>(p[k])); };
      h = n == 0 ? 0 : at(0) | at(n / 2) << 8 | at(n - 1) << 16;
    }
    h = (h ^ n) * 0xC4CEB9FE1A85EC53ull;
    return static_cast<std::size_t>(h ^ (h >> 32));
  }
};

// Whether two names of the same length `n` are the same bytes: words
// compared in place (the last one overlapping), no call to memcmp.
[[gnu::always_inline]] inline bool same_name(const char* a, const char* b, std::size_t n) {
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8)
      if (NameHash::load64(a + i) != NameHash::load64(b + i)) return false;
    return NameHash::load64(a + n - 8) == NameHash::load64(b + n - 8);
  }
  if (n >= 4) return NameHash::load32(a) == NameHash::load32(b) && NameHash::load32(a + n - 4) == NameHash::load32(b + n - 4);
  for (std::size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return false;
  return true;
}

// A set of names, emptied in O(1) and allocating nothing once grown: the
// flow analysis fills and empties one at every branch it joins and every
// loop body it reads (a std::unordered_set allocated a node per name).
class NameSet {
 public:
  NameSet() { slots_.resize(16); }
  void clear() {
    used_ = 0;
    if (++generation_ == 0) {  // wrapped: no slot may look current
      std::fill(slots_.begin(), slots_.end(), Slot{});
      generation_ = 1;
    }
  }
  // Adds `name`; true when it was not there.
  bool insert(std::string_view name) {
    if ((used_ + 1) * 2 > slots_.size()) grow();
    return place(name, NameHash{}(name));
  }
  bool contains(std::string_view name) const {
    const std::size_t h = NameHash{}(name);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t k = h & mask;; k = (k + 1) & mask) {
      const Slot& s = slots_[k];
      if (s.generation != generation_) return false;
      if (s.hash == h && s.name.size() == name.size() && same_name(s.name.data(), name.data(), name.size()))
        return true;
    }
  }

 private:
  struct Slot {
    std::size_t hash = 0;
    std::string_view name;
    std::uint32_t generation = 0;
  };
  bool place(std::string_view name, std::size_t h) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t k = h & mask;; k = (k + 1) & mask) {
      Slot& s = slots_[k];
      if (s.generation != generation_) {
        s = Slot{h, name, generation_};
        ++used_;
        return true;
      }
      if (s.hash == h && s.name.size() == name.size() && same_name(s.name.data(), name.data(), name.size()))
        return false;
    }
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    const std::uint32_t current = generation_;
    slots_.assign(old.size() * 2, Slot{});
    generation_ = 1;
    used_ = 0;
    for (const Slot& s : old)
      if (s.generation == current) place(s.name, s.hash);
  }
  std::vector<Slot> slots_;
  std::uint32_t generation_ = 1;
  std::size_t used_ = 0;
};

template <class T>
class NameTable {
 public:
  NameTable() { slots_.resize(64); }

  T* find(std::string_view name) { return find(name, NameHash{}(name)); }
  const T* find(std::string_view name) const {
    const std::uint32_t index = lookup(name, NameHash{}(name));
    return index == k_absent ? nullptr : &values_[index].second;
  }

  T* find(std::string_view name, std::size_t h) {
    const std::uint32_t index = lookup(name, h);
    if (index == k_absent) return nullptr;
    if (tracking_ != 0) touch(index);
    return &values_[index].second;
  }

  // The same by index, for a caller that remembers lookups (valid while
  // version() stays the same): find_index touches like find, touch_index
  // touches a remembered one again.
  static constexpr std::uint32_t k_absent = 0xffffffffU;
  std::uint32_t find_index(std::string_view name, std::size_t h) {
    const std::uint32_t index = lookup(name, h);
    if (index != k_absent && tracking_ != 0) touch(index);
    return index;
  }
  void touch_index(std::uint32_t index) {
    if (tracking_ != 0) touch(index);
  }
  T& at(std::uint32_t index) { return values_[index].second; }
  // Changes whenever a name is added or erased, or the table cleared.
  std::uint64_t version() const { return version_; }

  // Adds `name` (which must not be present) and returns its value.
  T& insert(std::string_view name, T value) {
    if ((used_ + 1) * 4 > slots_.size() * 3) grow();
    values_.emplace_back(name, std::move(value));
    ++version_;
    const auto index = static_cast<std::uint32_t>(values_.size() - 1);
    place(name, NameHash{}(name), index);
    ++used_;
    if (tracking_ != 0) touch(index);
    return values_.back().second;
  }

  // Touch tracking (see above), for up to k_trackers independent users.
  static constexpr std::size_t k_trackers = 2;
  bool tracking(std::size_t tracker) const { return (tracking_ >> tracker & 1) != 0; }
  // Starts listing what is touched from now on for `tracker` (a no-op when it runs).
  void start_tracking(std::size_t tracker) { tracking_ |= static_cast<std::uint8_t>(1u << tracker); }
  // Calls f(name, value) for each live value touched since the tracker
  // started or last took its list, then starts its list afresh.
  template <class F>
  void take_touched(std::size_t tracker, F&& f) {
    auto& list = touched_[tracker];
    const auto bit = static_cast<std::uint8_t>(1u << tracker);
    for (const std::uint32_t index : list) {
      marks_[index] = static_cast<std::uint8_t>(marks_[index] & ~bit);
      if (index >= alive_.size() || alive_[index]) f(values_[index].first, values_[index].second);
    }
    list.clear();
  }

  T& operator[](std::string_view name) {
    if (T* v = find(name)) return *v;
    return insert(name, T{});
  }

  void erase(std::string_view name) {
    const std::size_t h = NameHash{}(name);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t k = h & mask;; k = (k + 1) & mask) {
      Slot& s = slots_[k];
      if (s.state == State::empty) return;
      if (s.state == State::used && s.hash == h && s.name == name) {
        s.state = State::erased;  // the value stays in the deque, unreachable
        ++version_;
        alive_[s.index] = false;
        return;
      }
    }
  }

  // Every live entry.
  template <class F>
  void for_each(F&& f) {
    for (std::size_t i = 0; i < values_.size(); ++i)
      if (i >= alive_.size() || alive_[i]) f(values_[i].first, values_[i].second);
  }

  void clear() {
    if (slots_.size() > 1024) slots_.assign(64, Slot{});
    else std::fill(slots_.begin(), slots_.end(), Slot{});
    values_.clear();
    alive_.clear();
    used_ = 0;
    tracking_ = 0;
    ++version_;
    marks_.clear();
    for (auto& list : touched_) list.clear();
  }

 private:
  enum class State : std::uint8_t { empty, used, erased };
  struct Slot {
    std::size_t hash = 0;
    std::string_view name;
    std::uint32_t index = 0;
    State state = State::empty;
  };

  void place(std::string_view name, std::size_t h, std::uint32_t index) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t k = h & mask;
    while (slots_[k].state == State::used) k = (k + 1) & mask;
    slots_[k] = Slot{h, name, index, State::used};
    if (alive_.size() < values_.size()) alive_.resize(values_.size(), true);
    alive_[index] = true;
  }

  std::uint32_t lookup(std::string_view name, std::size_t h) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t k = h & mask;; k = (k + 1) & mask) {
      const Slot& s = slots_[k];
      if (s.state == State::empty) return k_absent;
      if (s.state == State::used && s.hash == h && s.name.size() == name.size() &&
          same_name(s.name.data(), name.data(), name.size()))
        return s.index;
    }
  }

  void touch(std::uint32_t index) {
    if (marks_.size() <= index) marks_.resize(values_.size(), 0);
    const std::uint8_t missing = static_cast<std::uint8_t>(tracking_ & ~marks_[index]);
    if (missing == 0) return;
    marks_[index] = static_cast<std::uint8_t>(marks_[index] | missing);
    for (std::size_t t = 0; t < k_trackers; ++t)
      if ((missing >> t & 1) != 0) touched_[t].push_back(index);
  }

  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.size() * 2, Slot{});
    for (const Slot& s : old)
      if (s.state == State::used) place(s.name, s.hash, s.index);
  }

  std::vector<Slot> slots_;
  std::deque<std::pair<std::string_view, T>> values_;
  std::vector<bool> alive_;
  std::size_t used_ = 0;
  std::uint64_t version_ = 0;
  std::uint8_t tracking_ = 0;                 // a bit per started tracker
  std::vector<std::uint8_t> marks_;           // per value: a bit per tracker whose list holds it
  std::array<std::vector<std::uint32_t>, k_trackers> touched_;
};

}  // namespace oxidize::hazards
