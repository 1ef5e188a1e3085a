#include "oxidize/risk/risk_model.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace oxidize::risk {
namespace {

const Factor& factor(const RiskScore& s, FactorId id) { return s.factors[static_cast<std::size_t>(id)]; }

TEST(RiskModel, CountFactorIsOnePlusFactToTheWeight) {
  EXPECT_DOUBLE_EQ(count_factor(3, 0.5), 2.0);
  EXPECT_DOUBLE_EQ(count_factor(99, 1.5), 1000.0);
  EXPECT_DOUBLE_EQ(count_factor(0, 2), 1.0);
  EXPECT_DOUBLE_EQ(count_factor(7, 0), 1.0);
  EXPECT_DOUBLE_EQ(count_factor(-4, 1), 1.0);  // a negative count is no count
}

TEST(RiskModel, ScoreIsTheProductOfTheFactorsOverTheSizeFactor) {
  RiskWeights w;  // complexity 1.5, hazards 0.1, fixes 0.5, churn 0.25, size 0.5
  RiskFacts f;
  f.code_lines = 390;      // (10 + 390)^-0.5 = 1/20
  f.complexity = 99;       // 100^1.5 = 1000
  f.hazard_points = 0;     // x1
  f.history = true;
  f.fixes = 15;            // 16^0.5 = 4
  f.churn_12m = 80;        // 81^0.25 = 3
  const RiskScore s = score(f, w);
  EXPECT_NEAR(s.mass, 1000.0 * 4 * 3, 1e-6);
  EXPECT_NEAR(s.score, 12000.0 / 20, 1e-6);
  EXPECT_NEAR(factor(s, FactorId::complexity).multiplier, 1000.0, 1e-9);
  EXPECT_NEAR(factor(s, FactorId::fixes).multiplier, 4.0, 1e-12);
  EXPECT_NEAR(factor(s, FactorId::size).multiplier, 0.05, 1e-12);
  EXPECT_EQ(factor(s, FactorId::size).fact, 390);
  EXPECT_EQ(factor(s, FactorId::role).multiplier, 1.0);
}

TEST(RiskModel, WithoutHistoryTheHistoryFactorsAreUnknownAndNeutral) {
  RiskFacts f;
  f.complexity = 9;
  f.fixes = 100;  // ignored: history false
  f.churn_12m = 1000;
  const RiskScore s = score(f, RiskWeights{});
  EXPECT_FALSE(factor(s, FactorId::fixes).known);
  EXPECT_FALSE(factor(s, FactorId::churn).known);
  EXPECT_EQ(factor(s, FactorId::fixes).multiplier, 1.0);
  EXPECT_NEAR(s.mass, std::pow(10.0, 1.5), 1e-9);
}

TEST(RiskModel, CodeThatDoesNotShipIsScaledDown) {
  RiskFacts product;
  product.complexity = 20;
  product.code_lines = 100;
  RiskFacts test = product;
  test.role = PathRole::test;
  const RiskScore a = score(product, RiskWeights{});
  const RiskScore b = score(test, RiskWeights{});
  EXPECT_NEAR(b.score, a.score * 0.05, 1e-12);
  EXPECT_EQ(factor(b, FactorId::role).fact, 1.0);
}

TEST(RiskModel, LargerFilesOfEqualMassRankLower) {
  RiskFacts small, large;
  small.complexity = large.complexity = 30;
  small.code_lines = 200;
  large.code_lines = 2000;
  EXPECT_GT(score(small, RiskWeights{}).score, score(large, RiskWeights{}).score);
  RiskWeights per_file;
  per_file.size = 0;  // mass alone: size does not matter
  EXPECT_DOUBLE_EQ(score(small, per_file).score, score(large, per_file).score);
}

TEST(RiskModel, YoungShareIsClampedAndWeighted) {
  RiskWeights w;
  w.young = 1;
  RiskFacts f;
  f.history = true;
  f.young_share = 3;  // impossible: read as 1
  EXPECT_NEAR(factor(score(f, w), FactorId::young).multiplier, 2.0, 1e-12);
}

}  // namespace
}  // namespace oxidize::risk
