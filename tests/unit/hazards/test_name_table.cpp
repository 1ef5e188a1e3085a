// The flow analysis's variable table (src/oxidize/hazards/name_table.hpp):
// lookups, erasure, and touch tracking, which lists for each tracker what was
// reached for change since it last took its list.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "oxidize/hazards/name_table.hpp"

namespace oxidize::hazards {
namespace {

std::vector<std::string> take(NameTable<int>& t, std::size_t tracker) {
  std::vector<std::string> out;
  t.take_touched(tracker, [&](std::string_view name, int&) { out.emplace_back(name); });
  std::sort(out.begin(), out.end());
  return out;
}

TEST(NameTable, FindsInsertsAndErases) {
  NameTable<int> t;
  t.insert("a", 1);
  t.insert("b", 2);
  ASSERT_NE(t.find("a"), nullptr);
  EXPECT_EQ(*t.find("a"), 1);
  EXPECT_EQ(t.find("c"), nullptr);
  t.erase("a");
  EXPECT_EQ(t.find("a"), nullptr);
  t["a"] = 3;  // inserted again
  EXPECT_EQ(*t.find("a"), 3);
  // Many names: the table grows and keeps them all.
  std::vector<std::string> names;
  for (int i = 0; i < 1000; ++i) names.push_back("n" + std::to_string(i));
  for (int i = 0; i < 1000; ++i) t.insert(names[i], i);
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(*t.find(names[i]), i);
}

TEST(NameTable, NothingIsListedBeforeATrackerStarts) {
  NameTable<int> t;
  t.insert("a", 1);
  t.find("a");
  EXPECT_FALSE(t.tracking(0));
  EXPECT_TRUE(take(t, 0).empty());
}

TEST(NameTable, ListsWhatWasReachedForChangeOnceUntilTaken) {
  NameTable<int> t;
  t.insert("a", 1);
  t.insert("b", 2);
  t.insert("c", 3);
  t.start_tracking(0);
  EXPECT_TRUE(t.tracking(0));
  EXPECT_TRUE(take(t, 0).empty());
  *t.find("a") = 10;
  t.find("a");  // twice, listed once
  t["b"];
  t.insert("d", 4);
  const NameTable<int>& read_only = t;
  read_only.find("c");  // a const lookup changes nothing: c stays off the list
  EXPECT_EQ(take(t, 0), (std::vector<std::string>{"a", "b", "d"}));
  EXPECT_TRUE(take(t, 0).empty());  // taken: a fresh list
  t.find("a");
  EXPECT_EQ(take(t, 0), (std::vector<std::string>{"a"}));
}

TEST(NameTable, ErasedNamesAreNotListed) {
  NameTable<int> t;
  t.insert("a", 1);
  t.start_tracking(0);
  t.find("a");
  t.erase("a");
  EXPECT_TRUE(take(t, 0).empty());
  t.insert("a", 2);  // a new value under the same name
  EXPECT_EQ(take(t, 0), (std::vector<std::string>{"a"}));
}

TEST(NameTable, TrackersAreIndependent) {
  NameTable<int> t;
  t.insert("a", 1);
  t.insert("b", 2);
  t.start_tracking(0);
  t.find("a");
  t.start_tracking(1);
  t.find("b");
  EXPECT_EQ(take(t, 1), (std::vector<std::string>{"b"}));
  t.find("a");  // still on tracker 0's list; now on tracker 1's too
  EXPECT_EQ(take(t, 0), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(take(t, 1), (std::vector<std::string>{"a"}));
}

TEST(NameTable, ClearStopsTracking) {
  NameTable<int> t;
  t.insert("a", 1);
  t.start_tracking(0);
  t.find("a");
  t.clear();
  EXPECT_FALSE(t.tracking(0));
  t.insert("a", 1);
  EXPECT_TRUE(take(t, 0).empty());
}

}  // namespace
}  // namespace oxidize::hazards
