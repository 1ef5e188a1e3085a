#pragma once
// Rendering of the external dependency plan (structure/external_deps.hpp):
// a table for people (a summary row per library, then each library's
// evidence and replacements with their sources, then what the table does not
// know), JSON (with schema_version, every mention) and CSV (one row per
// library, unknown header group, unknown build name and crate). Header
// spellings, paths, build names and crate names come from the scanned tree:
// every one goes through util/text.hpp.
#include "oxidize/report/report.hpp"
#include "oxidize/structure/external_deps.hpp"
#include "oxidize/util/output.hpp"

namespace oxidize::report {

void deps_table(util::Output& out, const structure::ExternalDeps& deps, TableStyle style);
void deps_json(util::Output& out, const structure::ExternalDeps& deps);
void deps_csv(util::Output& out, const structure::ExternalDeps& deps);

// One mention as people read it, in the build file's own syntax:
// "CMakeLists.txt:12 find_package(ZLIB)", "Makefile:4 -lz",
// "Cargo.toml:9 openssl-sys (dev-dependencies)". Escaped for a terminal.
std::string mention_text(const structure::BuildMention& m);

}  // namespace oxidize::report
