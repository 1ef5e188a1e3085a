#include "oxidize/hazards/c_argument_reads.hpp"

#include <algorithm>
#include <array>

namespace oxidize::hazards {

namespace {

struct Entry {
  std::string_view name;
  ArgumentReads reads;
};

// The source of a copy, both strings of strcat (it looks for the end of the
// first), the string measured, compared, searched, printed or converted;
// a copy's destination and a block's bytes are reached but not read as
// strings. Sorted by name: one binary search per call.
constexpr std::array<Entry, 32> k_reads = {{
    {"atof", {1, 1}},       {"atoi", {1, 1}},       {"atol", {1, 1}},      {"atoll", {1, 1}},
    {"fputs", {1, 1}},      {"memcmp", {0, 3}},     {"memcpy", {0, 3}},    {"memmove", {0, 3}},
    {"memset", {0, 1}},     {"puts", {1, 1}},       {"stpcpy", {2, 3}},    {"strcasecmp", {3, 3}},
    {"strcat", {3, 3}},     {"strchr", {1, 1}},     {"strcmp", {3, 3}},    {"strcpy", {2, 3}},
    {"strcspn", {3, 3}},    {"strdup", {1, 1}},     {"strlen", {1, 1}},    {"strncmp", {0, 3}},
    {"strncpy", {0, 3}},    {"strpbrk", {3, 3}},    {"strrchr", {1, 1}},   {"strspn", {3, 3}},
    {"strstr", {3, 3}},     {"strtod", {1, 1}},     {"strtol", {1, 1}},    {"strtoll", {1, 1}},
    {"strtoul", {1, 1}},    {"strtoull", {1, 1}},   {"wcscpy", {2, 3}},    {"wcslen", {1, 1}},
}};

static_assert(std::is_sorted(k_reads.begin(), k_reads.end(),
                             [](const Entry& a, const Entry& b) { return a.name < b.name; }));
// A string read is a pointee reached.
static_assert(std::all_of(k_reads.begin(), k_reads.end(),
                          [](const Entry& e) { return (e.reads.strings & ~e.reads.pointees) == 0; }));

}  // namespace

ArgumentReads argument_reads(std::string_view callee) {
  const auto it = std::lower_bound(k_reads.begin(), k_reads.end(), callee,
                                   [](const Entry& e, std::string_view name) { return e.name < name; });
  return it != k_reads.end() && it->name == callee ? it->reads : ArgumentReads{};
}

}  // namespace oxidize::hazards
