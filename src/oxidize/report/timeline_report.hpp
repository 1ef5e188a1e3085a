#pragma once
// Rendering of `oxidize history` (the timeline and its projection): a table
// for people, JSON (with schema_version) and CSV (one row per point) for
// programs. The repository's path and the revision come from the user and
// the repository: they go through util/text.hpp like every path. Fields are
// documented in docs/history.md.
#include <optional>

#include "oxidize/model/projection.hpp"
#include "oxidize/model/timeline.hpp"
#include "oxidize/report/report.hpp"
#include "oxidize/util/output.hpp"

namespace oxidize::report {

struct TimelineView {
  const model::Timeline& timeline;
  const model::Projection& projection;
  const std::optional<model::Velocity>& velocity;
};

void timeline_table(util::Output& out, const TimelineView& view, TableStyle style);
void timeline_json(util::Output& out, const TimelineView& view);
void timeline_csv(util::Output& out, const TimelineView& view);

// "month", "quarter", or the number of commits ("10").
std::string every_text(const model::TimelineEvery& every);

}  // namespace oxidize::report
