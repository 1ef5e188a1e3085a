#include "oxidize/model/rust_unsafe.hpp"

#include <filesystem>
#include <map>
#include <numeric>
#include <system_error>

#include "oxidize/hazards/rules.hpp"

namespace oxidize::model {

namespace {

namespace fs = std::filesystem;

constexpr auto k_first_rust_rule = static_cast<std::size_t>(hazards::RuleId::rust_unsafe_block);
static_assert(static_cast<std::size_t>(hazards::RuleId::count_) - k_first_rust_rule == k_rust_rule_count,
              "the OXI-R rules are the last rows of the table");

// The directory of the Cargo.toml nearest above `relative` (a file path as
// the scan reports it), or k_no_crate. Never looks above the scan root.
class CrateFinder {
 public:
  explicit CrateFinder(const Snapshot& scan) : scan_(scan) {}

  std::string crate_of(const std::string& relative) {
    std::string dir = parent(relative);
    while (true) {
      if (auto it = cache_.find(dir); it != cache_.end()) return it->second;
      std::error_code ec;
      if (fs::is_regular_file(on_disk(dir) / "Cargo.toml", ec)) return remember(relative, dir, dir.empty() ? "." : dir);
      if (dir.empty()) return remember(relative, dir, k_no_crate);
      dir = parent(dir);
    }
  }

 private:
  static std::string parent(const std::string& path) {
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? std::string() : path.substr(0, slash);
  }
  // With one root, paths are relative to it; with several, they start with it.
  fs::path on_disk(const std::string& dir) const {
    if (scan_.info.roots.size() == 1) return dir.empty() ? fs::path(scan_.info.roots[0]) : fs::path(scan_.info.roots[0]) / dir;
    return dir.empty() ? fs::path(".") : fs::path(dir);
  }
  // Caches the answer for every directory between the file and the crate.
  std::string remember(const std::string& relative, const std::string& stop, const std::string& crate) {
    std::string dir = parent(relative);
    while (true) {
      cache_[dir] = crate;
      if (dir == stop || dir.empty()) break;
      dir = parent(dir);
    }
    return crate;
  }

  const Snapshot& scan_;
  std::map<std::string, std::string> cache_;
};

void add(UnsafeCounts& into, const UnsafeCounts& file) {
  into.files += file.files;
  into.files_with_unsafe += file.files_with_unsafe;
  for (std::size_t r = 0; r < k_rust_rule_count; ++r) into.by_rule[r] += file.by_rule[r];
}

}  // namespace

std::uint64_t UnsafeCounts::total() const { return std::accumulate(by_rule.begin(), by_rule.end(), std::uint64_t{0}); }

RustUnsafeSummary summarize_rust_unsafe(const Snapshot& scan, Scope scope) {
  RustUnsafeSummary out;
  CrateFinder finder(scan);
  std::map<std::string, UnsafeCounts> crates;
  for (const FileRecord& file : scan.files) {
    if (file.facts.language != discover::Language::rust || file.facts.binary) continue;
    if (!scope.counts(file)) continue;
    UnsafeCounts counts;
    counts.files = 1;
    for (const hazards::Finding& f : file.facts.hazards) {
      const auto r = static_cast<std::size_t>(f.rule);
      if (f.suppressed || r < k_first_rust_rule) continue;
      ++counts.by_rule[r - k_first_rust_rule];
    }
    if (counts.total() > 0) {
      counts.files_with_unsafe = 1;
      out.files.push_back({&file, counts});
    }
    add(crates[finder.crate_of(file.path)], counts);
    add(out.total, counts);
  }
  for (auto& [crate, counts] : crates) out.crates.push_back({crate, counts});
  return out;
}

}  // namespace oxidize::model
