// The flow analysis's abstract values and their merge rules
// (hazards/c_flow_model.hpp): where a pointer points (PointsTo), what was
// written (Written), and a variable's join where a branch that may not have
// run closes (Var::join), on hand-made states.
#include <gtest/gtest.h>

#include "oxidize/hazards/c_flow_model.hpp"

namespace oxidize::hazards::flow {
namespace {

constexpr TokenView::Range k_origin{10, 20};
constexpr TokenView::Range k_cond{11, 14};

PointsTo pointing(Target t, std::uint32_t line = 7) {
  PointsTo p;
  p.set(t, line);
  return p;
}

TEST(FlowValues, NullOrFreedInABranchIsOnSomePaths) {
  for (const Target t : {Target::null, Target::freed}) {
    PointsTo after = pointing(t);
    const PointsTo before = pointing(Target::heap);
    after.join(&before, 3, k_origin, k_cond);
    EXPECT_EQ(after.target, t);
    EXPECT_TRUE(after.some_paths);
    EXPECT_EQ(after.null_some_paths(), t == Target::null);
    EXPECT_EQ(after.freed_some_paths(), t == Target::freed);
    EXPECT_EQ(after.depth, 3u);
    EXPECT_EQ(after.origin.begin, k_origin.begin);
    EXPECT_EQ(after.cond.end, k_cond.end);
    EXPECT_EQ(after.line, 7u);  // where it was set, for the message
  }
}

TEST(FlowValues, AnotherTargetOnTheOtherPathIsUnknown) {
  PointsTo after = pointing(Target::heap);
  const PointsTo before = pointing(Target::array);
  after.join(&before, 1, k_origin, k_cond);
  EXPECT_EQ(after.target, Target::unknown);
  EXPECT_FALSE(after.some_paths);
  // The same target on both paths stays; a variable the branch declared has no other path.
  PointsTo same = pointing(Target::heap);
  const PointsTo heap = pointing(Target::heap);
  same.join(&heap, 1, k_origin, k_cond);
  EXPECT_EQ(same.target, Target::heap);
  PointsTo fresh = pointing(Target::array);
  fresh.join(nullptr, 1, k_origin, k_cond);
  EXPECT_EQ(fresh.target, Target::array);
}

TEST(FlowValues, SetAndForgetEndSomePaths) {
  PointsTo p = pointing(Target::freed);
  p.join(nullptr, 2, k_origin, k_cond);
  ASSERT_TRUE(p.freed_some_paths());
  p.set(Target::null, 9);  // the condition found it NULL: surely so here
  EXPECT_FALSE(p.null_some_paths());
  EXPECT_EQ(p.line, 9u);
  p.by_compare = true;
  p.forget();
  EXPECT_EQ(p.target, Target::unknown);
  EXPECT_FALSE(p.by_compare);
}

TEST(FlowValues, WrittenOnAnyPathCountsAsWritten) {
  Written before{.itself = false, .contents = false, .loop_carried = false, .decl_line = 4};
  before.join({.itself = true, .contents = false});
  EXPECT_TRUE(before.itself);
  EXPECT_FALSE(before.contents);
  before.join({.itself = false, .contents = true});
  EXPECT_TRUE(before.itself);
  EXPECT_TRUE(before.contents);
  EXPECT_EQ(before.decl_line, 4u);
}

TEST(FlowValues, VarJoinForgetsValuesAndDisagreeingOffsets) {
  Var before;
  before.kind = Kind::pointer;
  before.points = pointing(Target::array);
  before.extent.offset = 0;
  before.value = Interval{1, 1};
  Var after = before;
  after.extent.offset = 4;
  after.value = Interval{2, 2};
  after.join(&before, 1, k_origin, k_cond);
  EXPECT_FALSE(after.value.has_value());
  EXPECT_EQ(after.points.target, Target::array);
  EXPECT_FALSE(after.extent.offset_known);  // 0 on one path, 4 on the other
  Var agreeing = before;
  agreeing.join(&before, 1, k_origin, k_cond);
  EXPECT_TRUE(agreeing.extent.offset_known);
  // Pointing elsewhere on the other path: neither target nor offset holds.
  Var moved = before;
  moved.points = pointing(Target::heap);
  moved.join(&before, 1, k_origin, k_cond);
  EXPECT_EQ(moved.points.target, Target::unknown);
  EXPECT_FALSE(moved.extent.offset_known);
}

}  // namespace
}  // namespace oxidize::hazards::flow
