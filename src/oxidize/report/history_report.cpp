#include "oxidize/report/history_report.hpp"

#include <ctime>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "oxidize/report/json_writer.hpp"
#include "oxidize/report/report.hpp"
#include "oxidize/util/text.hpp"
#include "oxidize/version.hpp"

namespace oxidize::report {

using nlohmann::ordered_json;

std::string iso_date(model::GitTime time) {
  if (time == 0) return {};
  const std::time_t t = static_cast<std::time_t>(time);
  std::tm utc{};
  ::gmtime_r(&t, &utc);
  char text[16];
  const std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%d", &utc);
  return std::string(text, n);
}

namespace {

std::string age_text(const model::AgeFacts& age) {
  return age.median_age_days < 0 ? std::string() : fmt::format("{:.1f}", age.median_age_days);
}

ordered_json date_json(model::GitTime time) { return time == 0 ? ordered_json(nullptr) : ordered_json(iso_date(time)); }

ordered_json facts_json(const HistoryRow& row) {
  ordered_json j;
  const auto& c = row.change();
  const auto& a = row.age();
  j["commits"] = c.commits;
  j["authors"] = c.authors;
  j["fix_commits"] = c.fix_commits;
  j["security_fix_commits"] = c.security_fix_commits;
  j["lines_added"] = c.lines_added;
  j["lines_deleted"] = c.lines_deleted;
  j["churn_12m"] = c.churn_12m;
  j["churn_3m"] = c.churn_3m;
  j["commits_12m"] = c.commits_12m;
  j["first_change"] = date_json(c.first_change);
  j["last_change"] = date_json(c.last_change);
  j["median_age_days"] = a.median_age_days < 0 ? ordered_json(nullptr) : ordered_json(a.median_age_days);
  j["young_share"] = a.lines == 0 ? ordered_json(nullptr) : ordered_json(a.young_share);
  j["aged_lines"] = a.lines;
  return j;
}

}  // namespace

void history_table(util::Output& out, const model::History& history, const std::vector<HistoryRow>& rows,
                   std::size_t total, bool functions, bool color) {
  const std::string header = fmt::format("{:>7} {:>5} {:>8} {:>7} {:>9} {:>9} {:>10}  {}", "Commits", "Fixes",
                                         "Security", "Authors", "Churn 12m", "Age days", "Last", functions ? "Function (location)" : "File");
  out.write(color ? "\x1b[1m" + header + "\x1b[0m\n" : header + "\n");
  out.write(std::string(header.size(), '-') + "\n");
  for (const auto& r : rows) {
    const auto& c = r.change();
    const std::string age = age_text(r.age());
    const std::string where = r.function ? fmt::format("{} ({}:{})", util::escape_for_terminal(r.function->name),
                                                       util::escape_for_terminal(r.file->path), r.function->start_line)
                                         : util::escape_for_terminal(r.file->path);
    out.print("{:>7} {:>5} {:>8} {:>7} {:>9} {:>9} {:>10}  {}\n", c.commits, c.fix_commits, c.security_fix_commits,
              c.authors, c.churn_12m, age.empty() ? "-" : age, c.last_change ? iso_date(c.last_change) : "-", where);
  }
  out.print("{} of {} {} shown; {} commits to {} ({}), now = {}\n", util::with_thousands(rows.size()),
            util::with_thousands(total), functions ? "functions" : "files", util::with_thousands(history.info.commits),
            history.info.head.substr(0, 12), history.info.walk, iso_date(history.info.now));
}

void history_json(util::Output& out, const model::History& history, const std::vector<HistoryRow>& rows,
                  std::size_t total, bool functions) {
  const auto& info = history.info;
  JsonWriter json(out);
  json.begin_object();
  json.member("schema_version", k_schema_version);
  json.member("tool", {{"name", "oxidize"}, {"version", k_version}});
  json.member("command", "history");
  json.member("by", functions ? "function" : "file");
  json.member("head", info.head);
  json.member("now", iso_date(info.now));
  json.member("walk", info.walk);
  json.member("renames", info.renames);
  json.member("shallow", info.shallow);
  json.member("commits", info.commits);
  json.member("merges", info.merges);
  json.member("first_commit", date_json(info.first_commit));
  json.member(functions ? "total_functions" : "total_files", total);
  json.key(functions ? "functions" : "files");
  json.begin_array();
  for (const auto& r : rows) {
    ordered_json j;
    put_path(j, "path", r.file->path);
    if (r.function) {
      j["function"] = util::to_valid_utf8(r.function->name);
      j["start_line"] = r.function->start_line;
      j["end_line"] = r.function->end_line;
    } else {
      j["renames"] = r.file->renames;
    }
    j.update(facts_json(r));
    json.value(j);
  }
  json.end();
  json.end();
  json.finish();
}

void history_csv(util::Output& out, const std::vector<HistoryRow>& rows, bool functions) {
  out.write(functions ? "path,function,start_line,end_line," : "path,renames,");
  out.write("commits,authors,fix_commits,security_fix_commits,lines_added,lines_deleted,churn_12m,churn_3m,"
            "commits_12m,first_change,last_change,median_age_days,young_share,aged_lines\n");
  for (const auto& r : rows) {
    if (r.function)
      out.print("{},{},{},{},", util::csv_field(r.file->path), util::csv_field(r.function->name), r.function->start_line,
                r.function->end_line);
    else
      out.print("{},{},", util::csv_field(r.file->path), r.file->renames);
    const auto& c = r.change();
    const auto& a = r.age();
    out.print("{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", c.commits, c.authors, c.fix_commits,
              c.security_fix_commits, c.lines_added, c.lines_deleted, c.churn_12m, c.churn_3m, c.commits_12m,
              iso_date(c.first_change), iso_date(c.last_change), age_text(a),
              a.lines == 0 ? std::string() : fmt::format("{:.3f}", a.young_share), a.lines);
  }
}

}  // namespace oxidize::report
