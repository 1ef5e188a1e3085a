#include "oxidize/util/flat_map.hpp"

#include <gtest/gtest.h>

#include <string>
#include <unordered_map>

namespace oxidize::util {
namespace {

struct LowBits {
  std::size_t operator()(std::uint64_t k) const { return static_cast<std::size_t>(k); }
};

TEST(FlatMap, FindsReplacesAndGrows) {
  FlatMap<std::uint64_t, std::string, LowBits> map;
  EXPECT_EQ(map.find(1), nullptr) << "an empty map has no slots at all";
  // Keys that share their low bits probe past each other.
  for (std::uint64_t i = 0; i < 1000; ++i) map.emplace(i << 20, std::to_string(i));
  EXPECT_EQ(map.size(), 1000u);
  for (std::uint64_t i = 0; i < 1000; ++i) {
    const std::string* v = map.find(i << 20);
    ASSERT_NE(v, nullptr) << i;
    EXPECT_EQ(*v, std::to_string(i));
  }
  EXPECT_EQ(map.find(7), nullptr);
  map.emplace(5 << 20, "five");
  EXPECT_EQ(map.size(), 1000u);
  EXPECT_EQ(*map.find(5 << 20), "five");
  std::size_t seen = 0;
  map.for_each([&](std::uint64_t, const std::string&) { ++seen; });
  EXPECT_EQ(seen, 1000u);
}

TEST(FlatMap, AgreesWithUnorderedMapOnRandomKeys) {
  FlatMap<std::uint64_t, int, LowBits> flat;
  std::unordered_map<std::uint64_t, int> reference;
  std::uint64_t x = 88172645463325252ULL;
  for (int i = 0; i < 20000; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    const std::uint64_t key = x % 5000;  // many repeats
    flat.emplace(key, i);
    reference[key] = i;
  }
  EXPECT_EQ(flat.size(), reference.size());
  for (const auto& [k, v] : reference) {
    ASSERT_NE(flat.find(k), nullptr);
    EXPECT_EQ(*flat.find(k), v);
  }
  for (std::uint64_t k = 5000; k < 6000; ++k) EXPECT_FALSE(flat.contains(k));
}

}  // namespace
}  // namespace oxidize::util
