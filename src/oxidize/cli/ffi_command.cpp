// `oxidize ffi COMPONENT [PATH]`: the Rust side of a component's C boundary
// (structure/rust_bindings). The interface comes from the structure scan;
// the types it passes are read here from the headers the component sees
// (its own, and those its files include), which structure/ turns into
// #[repr(C)] items without touching the disk itself.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <system_error>

#include <fmt/format.h>

#include "oxidize/cli/commands.hpp"
#include "oxidize/cli/keep_until_exit.hpp"
#include "oxidize/cli/structure_scan.hpp"
#include "oxidize/cli/terminal.hpp"
#include "oxidize/structure/c_header_types.hpp"
#include "oxidize/structure/interface.hpp"
#include "oxidize/structure/rust_bindings.hpp"
#include "oxidize/util/file_reader.hpp"
#include "oxidize/util/stopwatch.hpp"

namespace oxidize::cli {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t k_max_headers = 5000;
constexpr std::size_t k_max_header_bytes = std::size_t{16} << 20;
constexpr std::size_t k_max_total_bytes = std::size_t{256} << 20;

struct FfiArgs {
  StructureFlags structure;
  std::string component;
};

constexpr const char* k_ffi_examples = R"(
Examples:
  oxidize ffi lib/vtls ~/src/curl          Rust declarations for curl's TLS layer
  oxidize ffi '(root)' ~/src/zlib > zlib_sys.rs
  rustc --crate-type=lib --edition=2021 zlib_sys.rs

The functions other components call become extern "C" declarations, the
records they pass #[repr(C)] structs (opaque when the headers do not spell
the fields out), the globals they share statics; each item says what makes
it hard. `oxidize components` lists the components. Rules: docs/structure.md.)";

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The components whose name is near `wanted` (a typo, a part of it), or
// the first few when none is.
std::string near_names(const structure::Components& components, std::string_view wanted) {
  std::vector<std::pair<std::size_t, std::string_view>> near;
  for (const auto& c : components.list) {
    const std::size_t d = edit_distance(wanted.substr(0, 200), std::string_view(c.name).substr(0, 200));
    const bool part = !wanted.empty() && (c.name.find(wanted) != std::string::npos ||
                                          wanted.find(c.name) != std::string_view::npos);
    if (part || d <= std::max<std::size_t>(2, wanted.size() / 3)) near.emplace_back(d, c.name);
  }
  std::stable_sort(near.begin(), near.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string out;
  const bool any_near = !near.empty();
  if (!any_near)
    for (const auto& c : components.list) near.emplace_back(0, c.name);
  const std::size_t shown = std::min<std::size_t>(near.size(), 6);
  for (std::size_t i = 0; i < shown; ++i) out += (i > 0 ? ", " : "") + std::string(near[i].second);
  if (near.size() > shown) out += ", ...";
  if (out.empty()) return "the tree has no components";
  return (any_near ? "near: " : "components: ") + out;
}

bool is_header(discover::Language l) {
  return l == discover::Language::c_header || l == discover::Language::cpp_header;
}

struct ReadHeaders {
  std::vector<std::string> texts;
  std::vector<structure::HeaderText> headers;
  std::string note;  // why none were read
};

// The headers the component's files see: its own, then those its files
// include (directly or not), in path order. A source file that some file
// includes (`#include "../../lib/xarray.c"`) is read like a header.
ReadHeaders read_headers(const StructureRun& run, std::uint32_t component, const std::string& root) {
  const auto& files = run.scan.snapshot.files;
  std::vector<char> included(files.size(), 0);
  for (const auto& e : run.includes.edges)
    if (e.to != structure::k_no_file) included[e.to] = 1;
  std::vector<char> seen(files.size(), 0);
  std::vector<std::uint32_t> stack;
  for (const std::uint32_t f : run.components.list[component].files) {
    seen[f] = 1;
    stack.push_back(f);
  }
  std::vector<std::uint32_t> own, others;
  while (!stack.empty()) {
    const std::uint32_t f = stack.back();
    stack.pop_back();
    if (is_header(files[f].facts.language) || included[f])
      (run.components.of_file[f] == component ? own : others).push_back(f);
    for (const auto& e : run.includes.of(f))
      if (e.to != structure::k_no_file && !seen[e.to]) {
        seen[e.to] = 1;
        stack.push_back(e.to);
      }
  }
  std::sort(own.begin(), own.end());
  std::sort(others.begin(), others.end());
  own.insert(own.end(), others.begin(), others.end());

  ReadHeaders out;
  util::FileReader reader(k_max_header_bytes);
  std::size_t total = 0;
  for (const std::uint32_t f : own) {
    if (out.texts.size() >= k_max_headers || total >= k_max_total_bytes) {
      print_warning({"", fmt::format("more than {} headers or {} MiB: the rest are not read for their types",
                                     k_max_headers, k_max_total_bytes >> 20)});
      break;
    }
    const std::string path = (fs::path(root) / files[f].path).string();
    auto bytes = reader.read(AT_FDCWD, path.c_str(), /*follow_symlinks=*/true);
    if (!bytes) continue;  // vanished or unreadable since the scan: its types stay unknown
    total += bytes->size();
    out.texts.emplace_back(*bytes);
  }
  // The views point into `texts`, which no longer grows.
  std::size_t k = 0;
  for (const std::uint32_t f : own) {
    if (k >= out.texts.size()) break;
    out.headers.push_back({files[f].path, out.texts[k++]});
  }
  return out;
}

int run_ffi_command(const FfiArgs& args) {
  const util::Stopwatch total_time;
  auto run = run_structure(args.structure);
  if (!run) {
    print_error(run.error());
    return 2;
  }
  StructureRun& r = **run;
  const auto& list = r.components.list;
  const auto found = std::find_if(list.begin(), list.end(), [&](const auto& c) { return c.name == args.component; });
  if (found == list.end()) {
    print_error(fmt::format("unknown component '{}'; {}", args.component, near_names(r.components, args.component)));
    keep_until_exit(std::move(*run));
    return 2;
  }
  const auto component = static_cast<std::uint32_t>(found - list.begin());

  const util::Stopwatch render_time;
  const auto interfaces = structure::describe_interfaces(r.scan.snapshot, r.components, r.includes, r.calls);
  const auto input = structure::binding_input(r.scan.snapshot, r.components, r.calls, interfaces[component]);

  // Headers are read from the folder scanned; a tree read from git
  // (--commit) or several roots have no one folder to read them from.
  const auto& paths = args.structure.scan.paths;
  const std::string root = paths.empty() ? std::string(".") : paths.front();
  std::error_code ec;
  ReadHeaders headers;
  if (!args.structure.scan.commit.empty()) headers.note = "the tree was read from git (--commit)";
  else if (paths.size() > 1) headers.note = "several paths were scanned";
  else if (!fs::is_directory(root, ec)) headers.note = "the path scanned is not a folder";
  else headers = read_headers(r, component, root);
  const auto types = structure::read_header_types(headers.headers);
  const auto bindings = structure::rust_bindings(input, types, headers.headers.size(), headers.note);

  util::Output out(STDOUT_FILENO);
  out.write(bindings.text);
  r.scan.perf.push_back({"interface+bindings", render_time.seconds()});
  const int rc = finish_command(out, r.scan, args.structure.scan, r.threads, total_time.seconds());
  keep_until_exit(std::move(*run));
  return rc;
}

}  // namespace

std::function<int()> add_ffi_command(CLI::App& app) {
  auto args = std::make_shared<FfiArgs>();
  CLI::App* cmd = app.add_subcommand(
      "ffi", "Rust declarations for a component's C interface: what other components call, and the types they pass");
  cmd->footer(k_ffi_examples);
  cmd->add_option("component", args->component, "The component (as `oxidize components` names it)")->required();
  add_structure_flags(*cmd, args->structure);
  return [cmd, args]() -> int {
    if (!cmd->parsed()) return -1;
    return run_ffi_command(*args);
  };
}

}  // namespace oxidize::cli
