#include "oxidize/model/projection.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace oxidize::model {

std::string_view no_trend_key(NoTrend why) {
  switch (why) {
    case NoTrend::none: return "none";
    case NoTrend::too_few_points: return "too_few_points";
    case NoTrend::no_rust: return "no_rust";
    case NoTrend::same_time: return "same_time";
    case NoTrend::flat: return "flat";
    case NoTrend::not_growing: return "not_growing";
    case NoTrend::not_significant: return "not_significant";
  }
  return "?";
}

namespace {

// Ordinary least squares of share against time in years since the first
// sample (small numbers: no loss of precision to the epoch's offset).
Trend fit(std::span<const ShareSample> s) {
  Trend trend;
  trend.samples = s.size();
  const auto n = static_cast<double>(s.size());
  if (s.size() < 3) {
    trend.no_trend = NoTrend::too_few_points;
    trend.reason = fmt::format("fewer than 3 points with code ({})", s.size());
    if (s.size() < 2) return trend;
  }
  const GitTime origin = s.front().time;
  const auto years = [&](const ShareSample& x) { return static_cast<double>(x.time - origin) / k_seconds_per_year; };
  double mean_x = 0, mean_y = 0;
  for (const auto& x : s) {
    mean_x += years(x);
    mean_y += x.share;
  }
  mean_x /= n;
  mean_y /= n;
  double sxx = 0, sxy = 0, syy = 0;
  for (const auto& x : s) {
    const double dx = years(x) - mean_x, dy = x.share - mean_y;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  const bool any_rust = std::any_of(s.begin(), s.end(), [](const ShareSample& x) { return x.share > 0; });
  const bool flat = std::all_of(s.begin(), s.end(), [&](const ShareSample& x) { return x.share == s.front().share; });
  if (sxx > 0) {
    trend.fitted = true;
    trend.slope_per_year = flat ? 0.0 : sxy / sxx;
    const double intercept = mean_y - trend.slope_per_year * mean_x;
    double ssr = 0;
    for (const auto& x : s) {
      const double e = x.share - (intercept + trend.slope_per_year * years(x));
      ssr += e * e;
    }
    trend.r_squared = syy > 0 ? std::max(0.0, 1.0 - ssr / syy) : 0.0;
    if (s.size() >= 3) {
      // A residual at the level of rounding is an exact line, not noise.
      if (ssr <= 1e-24 * std::max(syy, 1e-300)) ssr = 0;
      trend.slope_se = std::sqrt(ssr / (n - 2) / sxx);
      if (trend.slope_se > 0) trend.t_value = trend.slope_per_year / trend.slope_se;
    }
  }
  if (s.size() < 3) return trend;
  if (!any_rust) {
    trend.no_trend = NoTrend::no_rust;
    trend.reason = "no Rust code at any point";
  } else if (sxx <= 0) {
    trend.no_trend = NoTrend::same_time;
    trend.reason = "all points have the same date";
  } else if (flat) {
    trend.no_trend = NoTrend::flat;
    trend.reason = "the memory-safe share did not change";
  } else if (trend.slope_per_year <= 0) {
    trend.no_trend = NoTrend::not_growing;
    trend.reason = fmt::format("the memory-safe share is not growing ({:+.2f} percentage points per year)",
                               trend.slope_per_year * 100);
  } else if (trend.t_value && *trend.t_value < k_min_t_value) {
    trend.no_trend = NoTrend::not_significant;
    trend.reason = fmt::format("the growth is not significant (t = {:.2f} < {:.0f}: the slope is within noise)",
                               *trend.t_value, k_min_t_value);
  } else {
    trend.no_trend = NoTrend::none;
    trend.reason.clear();
  }
  return trend;
}

// The time at which a line through (from, share) with `slope` per year
// reaches `target`; nullopt past k_latest_date.
std::optional<GitTime> reach(GitTime from, double share, double slope, double target) {
  const double seconds = static_cast<double>(from) + (target - share) / slope * k_seconds_per_year;
  if (!(seconds <= static_cast<double>(k_latest_date))) return std::nullopt;
  return static_cast<GitTime>(std::llround(seconds));
}

}  // namespace

Projection project_share(std::span<const ShareSample> input, std::span<const double> targets) {
  std::vector<ShareSample> samples(input.begin(), input.end());
  std::stable_sort(samples.begin(), samples.end(),
                   [](const ShareSample& a, const ShareSample& b) { return a.time < b.time; });
  Projection result;
  result.trend = fit(samples);
  const Trend& trend = result.trend;
  for (const double target : targets) {
    TargetProjection p;
    p.target = target;
    if (samples.empty()) {
      p.note = "no point has code";
      result.targets.push_back(std::move(p));
      continue;
    }
    const ShareSample& last = samples.back();
    if (last.share >= target) {
      std::size_t first = samples.size() - 1;
      while (first > 0 && samples[first - 1].share >= target) --first;
      p.reached = true;
      p.since = samples[first].point;
      p.date = samples[first].time;
    } else if (!trend.projectable()) {
      p.note = "no trend: " + trend.reason;
    } else {
      const double b = trend.slope_per_year;
      const double spread = k_band_z * trend.slope_se;
      p.date = reach(last.time, last.share, b, target);
      p.low = reach(last.time, last.share, b + spread, target);
      // With t >= 2 the slow end of the band still grows (2 > 1.645).
      if (b - spread > 0) p.high = reach(last.time, last.share, b - spread, target);
      if (!p.date) p.note = "not before the year 10000 at this rate";
    }
    result.targets.push_back(std::move(p));
  }
  return result;
}

std::vector<ShareSample> share_samples(const Timeline& timeline) {
  std::vector<ShareSample> samples;
  for (std::size_t i = 0; i < timeline.points.size(); ++i) {
    if (const auto share = timeline.points[i].memory_safe_share())
      samples.push_back({timeline.points[i].time, *share, i});
  }
  return samples;
}

std::optional<Velocity> velocity(const std::vector<TimelinePoint>& points) {
  if (points.size() < 2) return std::nullopt;
  const TimelinePoint& first = points.front();
  const TimelinePoint& last = points.back();
  if (last.time <= first.time) return std::nullopt;
  Velocity v;
  v.months = static_cast<double>(last.time - first.time) / k_seconds_per_month;
  for (std::size_t i = 0; i < v.code_lines_per_month.size(); ++i) {
    const double change = static_cast<double>(last.counts.code_lines[i]) - static_cast<double>(first.counts.code_lines[i]);
    v.code_lines_per_month[i] = change / v.months;
  }
  return v;
}

}  // namespace oxidize::model
