// A helper for tests/store/test_store_sigkill.py: writes big snapshots into
// a store in a loop until it is killed, and checks a store afterwards.
//
//   oxidize_store_writer write DB FILES FIRST_GENERATION [COUNT]
//       writes synthetic_snapshot(FILES files, generation) for generations
//       FIRST, FIRST+1, ... (COUNT of them, or until killed), printing
//       "committed ID GENERATION" after each commit returns
//   oxidize_store_writer verify DB FILES [FROM_ID]
//       reads back the snapshots from FROM_ID on (default: all) and
//       compares each, field by field and with its listed totals, with the
//       snapshot of the generation its options name; prints "verified N"
//       (the number of snapshots read back)
//
// Exit status: 0 success, 1 a store error or a difference (on stderr).
#include <cstdio>
#include <cstdlib>
#include <string>

#include "../unit/store/snapshot_equal.hpp"
#include "../unit/store/synthetic_snapshot.hpp"
#include "oxidize/model/snapshot_listing.hpp"
#include "oxidize/store/store.hpp"

namespace {

using namespace oxidize;

int fail(const std::string& message) {
  std::fprintf(stderr, "oxidize_store_writer: %s\n", message.c_str());
  return 1;
}

test::SyntheticShape shape(const char* files) { return {.files = std::strtoull(files, nullptr, 10), .functions_per_file = 8}; }

int write(const std::string& path, const test::SyntheticShape& s, std::uint64_t first, std::uint64_t count) {
  auto store = store::Store::open(path, store::OpenMode::read_write);
  if (!store) return fail(store.error());
  for (std::uint64_t g = first; count == 0 || g < first + count; ++g) {
    const auto id = store->write(test::synthetic_snapshot(s, g));
    if (!id) return fail(id.error());
    std::printf("committed %lld %llu\n", static_cast<long long>(*id), static_cast<unsigned long long>(g));
    std::fflush(stdout);
  }
  return 0;
}

int verify(const std::string& path, const test::SyntheticShape& s, std::int64_t from) {
  // As the next scan would open it: any recovery of the log happens here.
  auto store = store::Store::open(path, store::OpenMode::read_write);
  if (!store) return fail(store.error());
  const auto list = store->list();
  if (!list) return fail(list.error());
  std::size_t verified = 0;
  for (const auto& l : *list) {
    if (l.info.id < from) continue;
    const std::string name = "snapshot " + std::to_string(l.info.id);
    const auto colon = l.info.options.find(':');  // options: {"generation":N}
    if (colon == std::string::npos) return fail(name + " has no generation");
    const model::Snapshot expected =
        test::synthetic_snapshot(s, std::strtoull(l.info.options.c_str() + colon + 1, nullptr, 10));
    if (!(l.totals == model::snapshot_totals(expected.files))) return fail(name + ": listed totals differ");
    const auto read = store->read(l.info.id);
    if (!read) return fail(read.error());
    if (const std::string diff = test::first_difference(expected, *read); !diff.empty())
      return fail(name + ": " + diff);
    ++verified;
  }
  std::printf("verified %zu\n", verified);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "write" && (argc == 5 || argc == 6))
    return write(argv[2], shape(argv[3]), std::strtoull(argv[4], nullptr, 10),
                 argc == 6 ? std::strtoull(argv[5], nullptr, 10) : 0);
  if (mode == "verify" && (argc == 4 || argc == 5))
    return verify(argv[2], shape(argv[3]), argc == 5 ? std::strtoll(argv[4], nullptr, 10) : 0);
  std::fprintf(stderr,
               "usage: oxidize_store_writer write DB FILES FIRST_GENERATION [COUNT] | verify DB FILES [FROM_ID]\n");
  return 2;
}
