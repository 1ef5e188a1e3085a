// The projection on synthetic series whose numbers were worked out by hand
// (and checked with a few lines of Python): OLS slope, its standard error, t,
// R^2, the projected dates and the band; and every case with no trend.
#include "oxidize/model/projection.hpp"

#include <gtest/gtest.h>

#include "oxidize/util/date.hpp"

namespace oxidize::model {
namespace {

constexpr GitTime k_t0 = 1577836800;  // 2020-01-01T00:00:00Z
constexpr GitTime k_year = 31556952;  // 365.2425 days

// Samples one mean year apart, from 2020-01-01.
std::vector<ShareSample> yearly(std::initializer_list<double> shares) {
  std::vector<ShareSample> s;
  for (const double share : shares) s.push_back({k_t0 + static_cast<GitTime>(s.size()) * k_year, share, s.size()});
  return s;
}

constexpr std::array<double, 2> k_targets = {0.5, 0.95};

TEST(Projection, AnExactLineProjectsOneDate) {
  // 10 % a year, 40 % after three years: 50 % one year later, 95 % 5.5 years later.
  const auto p = project_share(yearly({0.1, 0.2, 0.3, 0.4}), k_targets);
  EXPECT_TRUE(p.trend.projectable());
  EXPECT_NEAR(p.trend.slope_per_year, 0.1, 1e-12);
  EXPECT_EQ(p.trend.slope_se, 0.0);
  EXPECT_FALSE(p.trend.t_value.has_value());  // no noise: the slope is exact
  EXPECT_NEAR(p.trend.r_squared, 1.0, 1e-12);
  ASSERT_EQ(p.targets.size(), 2u);
  EXPECT_FALSE(p.targets[0].reached);
  EXPECT_EQ(p.targets[0].date, k_t0 + 4 * k_year);
  EXPECT_EQ(util::format_date(*p.targets[0].date), "2023-12-31");
  EXPECT_EQ(p.targets[0].low, p.targets[0].date);
  EXPECT_EQ(p.targets[0].high, p.targets[0].date);
  EXPECT_EQ(*p.targets[1].date, 1846070892);  // 2020-01-01 + 8.5 years
  EXPECT_EQ(util::format_date(*p.targets[1].date), "2028-07-01");
  EXPECT_TRUE(p.targets[1].note.empty());
}

TEST(Projection, ANoisySeriesHasTheOlsSlopeItsErrorAndTheBand) {
  // x = 0..4 years, y = .10 .14 .16 .22 .23: Sxx = 10, Sxy = 0.34, slope
  // 0.034 a year; residuals -.002 .004 -.010 .016 -.008, SSR = 0.00044,
  // SE = sqrt(0.00044 / 3 / 10) = 0.0038297084; t = 8.878; R^2 = 1 - 0.00044/0.012.
  const auto p = project_share(yearly({0.10, 0.14, 0.16, 0.22, 0.23}), k_targets);
  ASSERT_TRUE(p.trend.projectable()) << p.trend.reason;
  EXPECT_EQ(p.trend.samples, 5u);
  EXPECT_NEAR(p.trend.slope_per_year, 0.034, 1e-12);
  EXPECT_NEAR(p.trend.slope_se, 0.0038297084310253537, 1e-12);
  ASSERT_TRUE(p.trend.t_value.has_value());
  EXPECT_NEAR(*p.trend.t_value, 8.877960453740586, 1e-9);
  EXPECT_NEAR(p.trend.r_squared, 0.9633333333333333, 1e-12);
  // From the last point (2024-01-01, 23 %): 27 points to go at 3.4 a year =
  // 7.94 years; the band at 3.4 +/- 0.63 points a year.
  const auto& half = p.targets[0];
  EXPECT_FALSE(half.reached);
  EXPECT_NEAR(static_cast<double>(*half.date), 1954663933.0, 1.0);
  EXPECT_NEAR(static_cast<double>(*half.low), 1915489036.0, 1.0);
  EXPECT_NEAR(static_cast<double>(*half.high), 2011658008.0, 1.0);
  EXPECT_EQ(util::format_date(*half.date), "2031-12-10");
  EXPECT_EQ(util::format_date(*half.low), "2030-09-13");
  EXPECT_EQ(util::format_date(*half.high), "2033-09-30");
  const auto& most = p.targets[1];
  EXPECT_NEAR(static_cast<double>(*most.date), 2372329474.0, 1.0);
  EXPECT_NEAR(static_cast<double>(*most.low), 2267863083.0, 1.0);
  EXPECT_NEAR(static_cast<double>(*most.high), 2524313673.0, 1.0);
  EXPECT_EQ(util::format_date(*most.date), "2045-03-05");
}

TEST(Projection, AReachedTargetNamesThePointSinceWhichItHolds) {
  // Over 50 % at the first point, under at the second, over again since the third.
  const auto p = project_share(yearly({0.6, 0.4, 0.55, 0.7}), k_targets);
  const auto& half = p.targets[0];
  EXPECT_TRUE(half.reached);
  EXPECT_EQ(half.since, 2u);
  EXPECT_EQ(half.date, k_t0 + 2 * k_year);
  EXPECT_FALSE(half.low.has_value());
  // A target exactly at the share counts as reached.
  const std::array<double, 1> exact = {0.7};
  EXPECT_TRUE(project_share(yearly({0.6, 0.4, 0.55, 0.7}), exact).targets[0].reached);
}

TEST(Projection, AReachedTargetNeedsNoTrend) {
  const auto p = project_share(yearly({0.6, 0.6}), k_targets);
  EXPECT_EQ(p.trend.no_trend, NoTrend::too_few_points);
  EXPECT_TRUE(p.targets[0].reached);
  EXPECT_EQ(p.targets[0].since, 0u);
  EXPECT_FALSE(p.targets[1].reached);
  EXPECT_FALSE(p.targets[1].date.has_value());
  EXPECT_EQ(p.targets[1].note, "no trend: fewer than 3 points with code (2)");
}

TEST(Projection, NoTrendCasesSayWhy) {
  {
    const auto p = project_share(yearly({0.1, 0.2}), k_targets);
    EXPECT_EQ(p.trend.no_trend, NoTrend::too_few_points);
    EXPECT_TRUE(p.trend.fitted);  // a slope, but nothing to judge it by
    EXPECT_NEAR(p.trend.slope_per_year, 0.1, 1e-12);
    EXPECT_FALSE(p.trend.t_value.has_value());
    EXPECT_FALSE(p.targets[0].date.has_value());
  }
  {
    const auto p = project_share(std::vector<ShareSample>{}, k_targets);
    EXPECT_EQ(p.trend.no_trend, NoTrend::too_few_points);
    EXPECT_FALSE(p.trend.fitted);
    EXPECT_EQ(p.targets[0].note, "no point has code");
  }
  {
    const auto p = project_share(yearly({0, 0, 0, 0}), k_targets);
    EXPECT_EQ(p.trend.no_trend, NoTrend::no_rust);
    EXPECT_EQ(p.trend.reason, "no Rust code at any point");
    EXPECT_EQ(p.targets[1].note, "no trend: no Rust code at any point");
  }
  {
    std::vector<ShareSample> same = {{k_t0, 0.1, 0}, {k_t0, 0.2, 1}, {k_t0, 0.3, 2}};
    const auto p = project_share(same, k_targets);
    EXPECT_EQ(p.trend.no_trend, NoTrend::same_time);
    EXPECT_FALSE(p.trend.fitted);
  }
  {
    const auto p = project_share(yearly({0.2, 0.2, 0.2}), k_targets);
    EXPECT_EQ(p.trend.no_trend, NoTrend::flat);
    EXPECT_EQ(p.trend.slope_per_year, 0.0);
  }
  {
    const auto p = project_share(yearly({0.3, 0.2, 0.1}), k_targets);
    EXPECT_EQ(p.trend.no_trend, NoTrend::not_growing);
    EXPECT_NEAR(p.trend.slope_per_year, -0.1, 1e-12);
    EXPECT_EQ(p.trend.reason, "the memory-safe share is not growing (-10.00 percentage points per year)");
  }
  {
    // Slope 0.009 a year with SE 0.0481: t = 0.187.
    const auto p = project_share(yearly({0.10, 0.30, 0.05, 0.35, 0.12}), k_targets);
    EXPECT_EQ(p.trend.no_trend, NoTrend::not_significant);
    EXPECT_NEAR(p.trend.slope_per_year, 0.009, 1e-12);
    EXPECT_NEAR(p.trend.slope_se, 0.048065926947613656, 1e-12);
    EXPECT_NEAR(*p.trend.t_value, 0.18724282608361978, 1e-9);
    EXPECT_EQ(p.trend.reason, "the growth is not significant (t = 0.19 < 2: the slope is within noise)");
    EXPECT_FALSE(p.targets[0].date.has_value());
  }
}

TEST(Projection, SamplesAreTakenInTimeOrder) {
  auto s = yearly({0.1, 0.2, 0.3, 0.4});
  std::swap(s[0], s[3]);
  const auto p = project_share(s, k_targets);
  EXPECT_EQ(p.targets[0].date, k_t0 + 4 * k_year);
}

TEST(Projection, ADateBeyondTheYear9999IsNone) {
  // One percentage point per million years.
  const auto p = project_share(yearly({0.010000, 0.010001, 0.010002}), k_targets);
  ASSERT_TRUE(p.trend.projectable()) << p.trend.reason;
  EXPECT_FALSE(p.targets[0].date.has_value());
  EXPECT_EQ(p.targets[0].note, "not before the year 10000 at this rate");
}

TEST(Projection, SharesOfATimelineSkipPointsWithoutCode) {
  Timeline t;
  t.points.resize(3);
  t.points[0].time = 10;  // no code at all
  t.points[1].time = 20;
  t.points[1].counts.code_lines[static_cast<std::size_t>(discover::Language::c)] = 300;
  t.points[1].counts.code_lines[static_cast<std::size_t>(discover::Language::rust)] = 100;
  t.points[2].time = 30;
  t.points[2].counts.code_lines[static_cast<std::size_t>(discover::Language::c_header)] = 100;
  const auto s = share_samples(t);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].point, 1u);
  EXPECT_DOUBLE_EQ(s[0].share, 0.25);
  EXPECT_EQ(s[1].point, 2u);
  EXPECT_DOUBLE_EQ(s[1].share, 0.0);
}

TEST(Projection, VelocityIsTheChangePerMeanMonth) {
  std::vector<TimelinePoint> points(3);
  points[0].time = k_t0;
  points[0].counts.code_lines[static_cast<std::size_t>(discover::Language::c)] = 1000;
  points[1].time = k_t0 + 1000;  // the middle point does not matter
  points[2].time = k_t0 + k_year / 2;  // six months
  points[2].counts.code_lines[static_cast<std::size_t>(discover::Language::c)] = 700;
  points[2].counts.code_lines[static_cast<std::size_t>(discover::Language::rust)] = 1200;
  const auto v = velocity(points);
  ASSERT_TRUE(v.has_value());
  EXPECT_DOUBLE_EQ(v->months, 6.0);
  EXPECT_DOUBLE_EQ(v->code_lines_per_month[static_cast<std::size_t>(discover::Language::c)], -50.0);
  EXPECT_DOUBLE_EQ(v->code_lines_per_month[static_cast<std::size_t>(discover::Language::rust)], 200.0);
  EXPECT_DOUBLE_EQ(v->code_lines_per_month[static_cast<std::size_t>(discover::Language::cpp)], 0.0);
  EXPECT_FALSE(velocity({points[0]}).has_value());
  EXPECT_FALSE(velocity({points[0], points[0]}).has_value());
}

}  // namespace
}  // namespace oxidize::model
