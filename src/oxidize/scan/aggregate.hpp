#pragma once
// Grouping file records into the rows a report shows: by language (the
// default), by directory (optionally cut to a depth), or one row per file.
// Excluded (vendored, generated) files never enter the counted rows; they are
// summed separately so that reports can show them apart.
#include <cstdint>
#include <string>
#include <vector>

#include "oxidize/scan/scan.hpp"

namespace oxidize::scan {

enum class GroupBy { language, directory, file };

struct Totals {
  std::uint64_t files = 0;
  lex::LineCounts lines;
  std::uint64_t bytes = 0;

  void add(const FileRecord& f) {
    ++files;
    lines += f.facts.lines;
    bytes += f.facts.bytes;
  }
};

struct Row {
  std::string key;  // language key ("cpp_header"), directory ("." for the root), or file path
  const FileRecord* file = nullptr;  // set when grouping by file
  Totals totals;
};

struct Summary {
  GroupBy group_by = GroupBy::language;
  unsigned depth = 0;  // 0: full directory paths
  std::vector<Row> rows;
  Totals counted;
  Totals vendored;
  Totals generated;
};

// depth applies to GroupBy::directory only. With include_vendored /
// include_generated, those files are counted like any other.
Summary summarize(const ScanResult& scan, GroupBy by, unsigned depth, bool include_vendored,
                  bool include_generated);

// The directory key of a path at a depth: ("a/b/c.c", 1) -> "a", (.., 0) -> "a/b";
// a file at the root -> ".".
std::string directory_key(std::string_view path, unsigned depth);

}  // namespace oxidize::scan
