#include "oxidize/report/timeline_report.hpp"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "oxidize/report/json_writer.hpp"
#include "oxidize/report/report.hpp"
#include "oxidize/report/snapshots_report.hpp"
#include "oxidize/util/date.hpp"
#include "oxidize/util/text.hpp"
#include "oxidize/version.hpp"

namespace oxidize::report {

using nlohmann::ordered_json;

std::string every_text(const model::TimelineEvery& every) {
  switch (every.kind) {
    case model::TimelineEvery::Kind::month: return "month";
    case model::TimelineEvery::Kind::quarter: return "quarter";
    case model::TimelineEvery::Kind::commits: return std::to_string(every.commits);
  }
  return "?";
}

namespace {

// Fixed decimals, so that the text is the same on every platform.
double round_to(double v, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(v * scale) / scale;
}

ordered_json optional_date(const std::optional<model::GitTime>& t) {
  return t ? ordered_json(util::format_date(*t)) : ordered_json(nullptr);
}

std::string percent(double share) { return fmt::format("{:.1f}%", share * 100.0); }

// "50%", "95%", "87.5%"
std::string target_text(double target) {
  std::string text = fmt::format("{:.2f}", target * 100.0);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text + "%";
}

std::string signed_thousands(double v) {
  const long long n = std::llround(v);
  return fmt::format("{}{}", n < 0 ? '-' : '+', util::with_thousands(static_cast<unsigned long long>(n < 0 ? -n : n)));
}

// Words wrapped at `width` columns, each line after the first indented.
std::string wrap(std::string_view text, std::size_t width, std::string_view indent) {
  std::string out, line;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += line + "\n";
      line = std::string(indent);
    } else if (!line.empty() && line != indent) {
      line += ' ';
    }
    line += word;
    start = end + 1;
  }
  return out + line + "\n";
}

std::string scope_text(const model::Scope& scope) {
  if (scope.include_vendored && scope.include_generated) return "all files counted, vendored and generated included";
  if (scope.include_vendored) return "generated files left out (--include-generated counts them)";
  if (scope.include_generated) return "vendored files left out (--include-vendored counts them)";
  return "vendored and generated files left out (--include-vendored, --include-generated count them)";
}

// A target reached since the first point with code was reached at or
// before it: the window does not say when.
bool reached_at_first_point(const std::vector<model::ShareSample>& samples, const model::TargetProjection& p) {
  return p.reached && p.since && !samples.empty() && *p.since == samples.front().point;
}

std::string every_phrase(const model::TimelineEvery& every) {
  switch (every.kind) {
    case model::TimelineEvery::Kind::month: return "every month";
    case model::TimelineEvery::Kind::quarter: return "every quarter";
    case model::TimelineEvery::Kind::commits:
      return every.commits == 1 ? "every commit" : fmt::format("every {} commits", every.commits);
  }
  return "?";
}

}  // namespace

void timeline_table(util::Output& out, const TimelineView& v, TableStyle style) {
  const model::Timeline& t = v.timeline;
  const model::TimelineInfo& info = t.info;
  out.print("History of {}: first-parent chain of {} ({}), {} {}, now {} ({})\n",
            util::escape_for_terminal(info.repository), util::escape_for_terminal(info.revision),
            short_commit(info.head), every_phrase(info.every),
            info.since ? fmt::format("since {}", util::format_date(*info.since)) : std::string("over all history"),
            util::format_date(info.now), info.now_given ? "as given" : "the head's commit date");
  if (info.shallow) out.write("Shallow clone: the history read starts late, earlier points are missing\n");
  out.print("Counted: {}; Share: Rust code lines over all code lines counted\n\n", scope_text(info.scope));

  std::string header = fmt::format("{:<10}  {:<12} {:>7}", "Date", "Commit", "Files");
  for (const auto lang : discover::k_all_languages)
    header += fmt::format(" {:>11}", discover::language_name(lang));
  header += fmt::format(" {:>7} {:>8}", "Share", "Hazards");
  out.write(style.color ? "\x1b[1m" + header + "\x1b[0m\n" : header + "\n");
  out.write(std::string(header.size(), '-') + "\n");
  for (const auto& p : t.points) {
    std::string line = fmt::format("{:<10}  {:<12} {:>7}", util::format_date(p.time), short_commit(p.commit),
                                   util::with_thousands(p.counts.files));
    for (const auto lang : discover::k_all_languages)
      line += fmt::format(" {:>11}", util::with_thousands(p.counts.code(lang)));
    const auto share = p.memory_safe_share();
    line += fmt::format(" {:>7} {:>8}\n", share ? percent(*share) : "-", util::with_thousands(p.counts.hazards));
    out.write(line);
  }
  if (t.points.empty()) out.write("(no point could be read)\n");
  out.write("\n");

  const model::Trend& trend = v.projection.trend;
  const auto samples = model::share_samples(t);
  if (!samples.empty()) {
    out.print("Memory-safe share: {} at {} -> {} at {} ({} point{} with code)\n", percent(samples.front().share),
              util::format_date(samples.front().time), percent(samples.back().share),
              util::format_date(samples.back().time), samples.size(), samples.size() == 1 ? "" : "s");
  }
  // A slope says something when there is Rust and the share moved.
  const bool slope_told = trend.fitted && (trend.no_trend == model::NoTrend::none ||
                                           trend.no_trend == model::NoTrend::not_growing ||
                                           trend.no_trend == model::NoTrend::not_significant);
  if (slope_told) {
    std::string fit = fmt::format("Growth: {:+.2f} percentage points per year", trend.slope_per_year * 100.0);
    if (trend.samples >= 3) {
      fit += trend.t_value ? fmt::format(" (standard error {:.2f}, t = {:.1f}, R^2 = {:.2f})",
                                         trend.slope_se * 100.0, *trend.t_value, trend.r_squared)
                           : std::string(" (the points lie on a line: no error)");
    }
    out.write(fit + "\n");
  }
  if (!trend.projectable()) out.print("No trend to project: {}\n", trend.reason);
  if (v.velocity) {
    std::string line = fmt::format("Velocity over {:.1f} months, code lines per month:", v.velocity->months);
    for (const auto lang : discover::k_all_languages) {
      line += fmt::format(" {} {}{}", discover::language_name(lang),
                          signed_thousands(v.velocity->code_lines_per_month[static_cast<std::size_t>(lang)]),
                          lang == discover::Language::rust ? "" : ",");
    }
    out.write(line + "\n");
  }
  out.write("\n");

  const std::string band_header = fmt::format("Band {}", model::k_band_name);
  const std::string head = fmt::format("{:>7}  {:<24}  {}", "Target", "Projected", band_header);
  out.write(style.color ? "\x1b[1m" + head + "\x1b[0m\n" : head + "\n");
  for (const auto& p : v.projection.targets) {
    std::string line;
    if (p.reached) {
      const std::string commit = p.since ? short_commit(t.points[*p.since].commit) : std::string("-");
      line = reached_at_first_point(samples, p)
                 ? fmt::format("{:>7}  reached by {}, the first point (commit {}; --since all tells when)",
                               target_text(p.target), util::format_date(*p.date), commit)
                 : fmt::format("{:>7}  reached {} (commit {})", target_text(p.target), util::format_date(*p.date),
                               commit);
    } else if (p.date) {
      line = fmt::format("{:>7}  {:<24}  {} .. {}", target_text(p.target), util::format_date(*p.date),
                         p.low ? util::format_date(*p.low) : "-", p.high ? util::format_date(*p.high) : "after 9999");
    } else {
      line = fmt::format("{:>7}  {:<24}  ({})", target_text(p.target), "-", p.note);
    }
    out.write(line + "\n");
  }
  out.write("\n");
  out.write(wrap(fmt::format("Assumptions: {}", model::k_projection_assumptions), 100, "  "));
}

void timeline_json(util::Output& out, const TimelineView& v) {
  const model::Timeline& t = v.timeline;
  const model::TimelineInfo& info = t.info;
  JsonWriter json(out);
  json.begin_object();
  json.member("schema_version", k_schema_version);
  json.member("tool", {{"name", "oxidize"}, {"version", k_version}});
  json.member("command", "history");
  ordered_json where;
  put_path(where, "repository", info.repository);
  for (const auto& [key, value] : where.items()) json.member(key, value);
  json.member("revision", util::to_valid_utf8(info.revision));
  json.member("head", info.head);
  json.member("walk", "first-parent");
  json.member("now", util::format_date(info.now));
  json.member("now_from", info.now_given ? "option" : "head");
  json.member("since", optional_date(info.since));
  json.member("every", every_text(info.every));
  json.member("shallow", info.shallow);
  json.member("scope", {{"include_vendored", info.scope.include_vendored},
                        {"include_generated", info.scope.include_generated}});

  json.key("points");
  json.begin_array();
  for (const auto& p : t.points) {
    ordered_json j;
    j["commit"] = p.commit;
    j["date"] = util::format_date(p.time);
    ordered_json lines = ordered_json::object();
    for (const auto lang : discover::k_all_languages) lines[std::string(discover::language_key(lang))] = p.counts.code(lang);
    j["code_lines"] = std::move(lines);
    j["code"] = p.counts.total_code();
    const auto share = p.memory_safe_share();
    j["memory_safe_share"] = share ? ordered_json(round_to(*share, 6)) : ordered_json(nullptr);
    j["hazards"] = p.counts.hazards;
    j["files"] = p.counts.files;
    json.value(j);
  }
  json.end();

  const model::Trend& trend = v.projection.trend;
  ordered_json tj;
  tj["points"] = trend.samples;
  tj["projectable"] = trend.projectable();
  tj["reason_code"] = model::no_trend_key(trend.no_trend);
  tj["reason"] = trend.projectable() ? ordered_json(nullptr) : ordered_json(trend.reason);
  const auto fitted = [&](double value, int decimals) {
    return trend.fitted ? ordered_json(round_to(value, decimals)) : ordered_json(nullptr);
  };
  tj["slope_per_year"] = fitted(trend.slope_per_year, 6);
  tj["slope_standard_error"] = trend.fitted && trend.samples >= 3 ? fitted(trend.slope_se, 6) : ordered_json(nullptr);
  tj["t_value"] = trend.t_value ? ordered_json(round_to(*trend.t_value, 3)) : ordered_json(nullptr);
  tj["r_squared"] = trend.fitted && trend.samples >= 3 ? fitted(trend.r_squared, 4) : ordered_json(nullptr);
  tj["band"] = model::k_band_name;
  json.member("trend", tj);

  if (v.velocity) {
    ordered_json per_month = ordered_json::object();
    for (const auto lang : discover::k_all_languages)
      per_month[std::string(discover::language_key(lang))] =
          round_to(v.velocity->code_lines_per_month[static_cast<std::size_t>(lang)], 2);
    json.member("velocity", {{"months", round_to(v.velocity->months, 2)}, {"code_lines_per_month", per_month}});
  } else {
    json.member("velocity", nullptr);
  }

  const auto samples = model::share_samples(t);
  json.key("projections");
  json.begin_array();
  for (const auto& p : v.projection.targets) {
    ordered_json j;
    j["target"] = p.target;
    j["date"] = optional_date(p.date);
    j["low"] = optional_date(p.low);
    j["high"] = optional_date(p.high);
    j["reached"] = p.reached;
    j["reached_commit"] = p.since ? ordered_json(t.points[*p.since].commit) : ordered_json(nullptr);
    j["reached_at_first_point"] = reached_at_first_point(samples, p);
    j["note"] = p.note.empty() ? ordered_json(nullptr) : ordered_json(p.note);
    json.value(j);
  }
  json.end();
  json.member("assumptions", model::k_projection_assumptions);

  put_warnings(json, t.warnings);
  json.end();
  json.finish();
}

void timeline_csv(util::Output& out, const TimelineView& v) {
  out.write("commit,date,files,code");
  for (const auto lang : discover::k_all_languages) out.print(",code_{}", discover::language_key(lang));
  out.write(",memory_safe_share,hazards\n");
  for (const auto& p : v.timeline.points) {
    out.print("{},{},{},{}", util::csv_field(p.commit), util::format_date(p.time), p.counts.files, p.counts.total_code());
    for (const auto lang : discover::k_all_languages) out.print(",{}", p.counts.code(lang));
    const auto share = p.memory_safe_share();
    out.print(",{},{}\n", share ? fmt::format("{:.6f}", *share) : std::string(), p.counts.hazards);
  }
}

}  // namespace oxidize::report
