// The Rust unsafe inventory (scan/rust_unsafe.hpp) for the hazards table and
// JSON: cargo-geiger's view (unsafe functions, expressions, impls, traits)
// with the operations oxidize counts besides.
#include <algorithm>
#include <array>
#include <string_view>

#include <fmt/format.h>

#include "oxidize/hazards/rules.hpp"
#include "oxidize/report/hazards_report.hpp"
#include "oxidize/util/text.hpp"

namespace oxidize::report {

namespace {

using nlohmann::ordered_json;

// Column keys, in the order of the OXI-R rules (R0001 first).
constexpr std::array<std::string_view, model::k_rust_rule_count> k_keys = {
    "unsafe_blocks", "unsafe_fns", "unsafe_impls", "unsafe_traits",
    "static_muts",   "raw_derefs", "transmutes",   "extern_blocks"};
constexpr std::array<std::string_view, model::k_rust_rule_count> k_headings = {
    "block", "fn", "impl", "trait", "static mut", "deref", "transmute", "extern"};
constexpr std::size_t k_top_crates = 20;

ordered_json counts_json(const model::UnsafeCounts& c) {
  ordered_json o;
  o["files"] = c.files;
  o["files_with_unsafe"] = c.files_with_unsafe;
  for (std::size_t r = 0; r < k_keys.size(); ++r) o[std::string(k_keys[r])] = c.by_rule[r];
  o["total"] = c.total();
  return o;
}

}  // namespace

void rust_unsafe_table(util::Output& out, const model::RustUnsafeSummary& summary) {
  if (summary.total.files == 0) return;
  std::vector<const model::CrateUnsafe*> crates;
  for (const auto& c : summary.crates) crates.push_back(&c);
  std::stable_sort(crates.begin(), crates.end(),
                   [](const auto* a, const auto* b) { return a->counts.total() > b->counts.total(); });
  if (crates.size() > k_top_crates)
    out.print("Rust unsafe by crate (top {} of {}):\n", k_top_crates, crates.size());
  else
    out.write("Rust unsafe by crate:\n");
  std::size_t width = 5;
  for (std::size_t i = 0; i < std::min(crates.size(), k_top_crates); ++i)
    width = std::max(width, util::escape_for_terminal(crates[i]->crate).size());
  width = std::min<std::size_t>(width, 48);
  out.print("  {:<{}}  {:>13}", "crate", width, "unsafe files");
  for (auto h : k_headings) out.print("  {:>{}}", h, std::max<std::size_t>(h.size(), 5));
  out.write('\n');
  const auto row = [&](const std::string& name, const model::UnsafeCounts& c) {
    out.print("  {:<{}}  {:>13}", name, width,
              fmt::format("{}/{}", util::with_thousands(c.files_with_unsafe), util::with_thousands(c.files)));
    for (std::size_t r = 0; r < k_headings.size(); ++r)
      out.print("  {:>{}}", util::with_thousands(c.by_rule[r]), std::max<std::size_t>(k_headings[r].size(), 5));
    out.write('\n');
  };
  for (std::size_t i = 0; i < std::min(crates.size(), k_top_crates); ++i)
    row(util::escape_for_terminal(crates[i]->crate), crates[i]->counts);
  if (crates.size() > 1) row("total", summary.total);
}

// The crates and files (those with unsafe code) are streamed one by one.
void rust_unsafe_json(JsonWriter& json, const model::RustUnsafeSummary& summary) {
  json.begin_object();
  json.member("total", counts_json(summary.total));
  json.key("crates");
  json.begin_array();
  for (const auto& c : summary.crates) {
    ordered_json item;
    item["crate"] = util::to_valid_utf8(c.crate);
    item.update(counts_json(c.counts));
    json.value(item);
  }
  json.end();
  json.key("files");
  json.begin_array();
  for (const auto& f : summary.files) {
    ordered_json item;
    item["path"] = util::to_valid_utf8(f.file->path);
    item.update(counts_json(f.counts));
    item.erase("files");
    item.erase("files_with_unsafe");
    json.value(item);
  }
  json.end();
  json.end();
}

}  // namespace oxidize::report
