// libFuzzer target for the two settings files a user writes: oxidize.toml
// (config/project_config) and the assumptions file of `oxidize plan`
// (plan/assumptions). The same bytes go to both readers. Properties:
//   - neither crashes, whatever the bytes (toml++ errors become messages);
//   - an accepted [risk] weight lies in its documented range;
//   - an accepted assumptions file leaves every assumption within its
//     bounds with low <= value <= high, and a team of at least 1 when set;
//   - a refused file gets a message naming the file (toml++'s own text may
//     hold the bytes it choked on, newlines included: cli/terminal's
//     print_error escapes them, so the user still sees one line).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "oxidize/config/project_config.hpp"
#include "oxidize/plan/assumptions.hpp"

namespace {

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "settings invariant violated: %s\n", what);
  std::abort();
}

void check_error(const std::string& message) {
  if (!message.starts_with("f.toml")) fail("an error does not name the file");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto config = oxidize::config::parse_project_config(text, "f.toml")) {
    for (const auto& [name, value] : config->risk.weights)
      if (!(value >= 0 && value <= (name == "non_product" ? 1.0 : 100.0))) fail("a risk weight out of its range");
  } else {
    check_error(config.error());
  }
  if (auto a = oxidize::plan::parse_assumptions(text, "f.toml", oxidize::plan::default_assumptions())) {
    if (a->team != 0 && a->team < 1) fail("team below 1");
    for (const auto& x : a->values) {
      if (!(x.value >= x.min && x.value <= x.max)) fail("an assumption out of its bounds");
      if (!(x.low <= x.value && x.value <= x.high)) fail("an assumption outside its own range");
    }
  } else {
    check_error(a.error());
  }
  return 0;
}
