#pragma once
// Where the migration is heading, from a timeline (model/timeline.hpp): the
// memory-safe share's trend (ordinary least squares of share against time),
// its growth rate per year, the dates at which that trend reaches target
// shares with an uncertainty band, and the velocity of each language. Pure
// functions of their input: no clock, no I/O. The method and its
// assumptions are written out in docs/history.md ("Timeline and
// projection").
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "oxidize/model/timeline.hpp"

namespace oxidize::model {

// The mean Gregorian year and month, in seconds (365.2425 days, a twelfth of it).
inline constexpr double k_seconds_per_year = 365.2425 * 86400.0;
inline constexpr double k_seconds_per_month = k_seconds_per_year / 12.0;

// The band: the slope plus and minus this many standard errors, a two-sided
// 90 % interval of a normal distribution (5 % on each side).
inline constexpr double k_band_z = 1.645;
inline constexpr std::string_view k_band_name = "90% (slope +/- 1.645 standard errors)";
// A slope below this many standard errors is not told apart from no growth.
inline constexpr double k_min_t_value = 2.0;
// The latest date a projection gives (9999-12-31T23:59:59Z); later is "never" in practice.
inline constexpr GitTime k_latest_date = 253402300799;

inline constexpr std::string_view k_projection_assumptions =
    "The memory-safe share (Rust code lines over the code lines of C, C++, their headers and Rust, in the files "
    "counted) is assumed to keep growing linearly, from its value at the last point, at the rate fitted by "
    "ordinary least squares over all points. The band is 90%: the same line with the slope plus and minus 1.645 "
    "standard errors; it leaves out the uncertainty of the last value and any change of pace (a migration rarely "
    "grows in a straight line), so read dates far ahead as an order of magnitude.";

// The defaults of `oxidize history` (more with --target).
inline constexpr std::array<double, 2> k_default_targets = {0.5, 0.95};

// One point's share at its time. `point` is the caller's index (of the
// timeline's points), carried through untouched.
struct ShareSample {
  GitTime time = 0;
  double share = 0;
  std::size_t point = 0;
};

// Why there is no trend to project.
enum class NoTrend : std::uint8_t {
  none,             // there is one
  too_few_points,   // fewer than 3 points with code
  no_rust,          // the share is 0 at every point
  same_time,        // every point at the same time: no slope
  flat,             // the share never changed
  not_growing,      // fitted slope <= 0
  not_significant,  // slope / standard error below k_min_t_value
};
std::string_view no_trend_key(NoTrend why);  // "too_few_points", ...

struct Trend {
  std::size_t samples = 0;
  bool fitted = false;        // a slope was computed (2+ samples at 2+ times)
  double slope_per_year = 0;  // share per year (0.05: five percentage points a year)
  double slope_se = 0;        // its standard error (0 with 2 samples or an exact line)
  // slope / standard error; nullopt when the error is 0 (an exact line) or undefined.
  std::optional<double> t_value;
  double r_squared = 0;
  NoTrend no_trend = NoTrend::too_few_points;
  std::string reason;  // for people, when no_trend != none: "the growth is not significant (t = 1.20 < 2)"
  bool projectable() const { return no_trend == NoTrend::none; }
};

struct TargetProjection {
  double target = 0;
  // Reached: the share at the last point is at or above the target; `since`
  // is the first point of the run of points at or above it that ends there.
  bool reached = false;
  std::optional<std::size_t> since;  // a ShareSample::point
  // The date the trend reaches the target (the observed one when reached),
  // and the band: `low` the earliest (slope + z SE), `high` the latest
  // (slope - z SE). Empty when there is no trend or the date is past 9999.
  std::optional<GitTime> date;
  std::optional<GitTime> low;
  std::optional<GitTime> high;
  std::string note;  // why there is no date, for people; empty otherwise
};

struct Projection {
  Trend trend;
  std::vector<TargetProjection> targets;  // in the order of the targets given
};

// The trend of `samples` (sorted by time inside) and the projection of each
// target (shares in (0, 1]).
Projection project_share(std::span<const ShareSample> samples, std::span<const double> targets);

// The samples of a timeline: every point that has code.
std::vector<ShareSample> share_samples(const Timeline& timeline);

// Code lines gained (negative: lost) per month by each language, from the
// first point to the last; nullopt with fewer than 2 points or no time between them.
struct Velocity {
  double months = 0;  // between the first and the last point, in mean months
  std::array<double, discover::k_all_languages.size()> code_lines_per_month{};  // by discover::Language
};
std::optional<Velocity> velocity(const std::vector<TimelinePoint>& points);

}  // namespace oxidize::model
