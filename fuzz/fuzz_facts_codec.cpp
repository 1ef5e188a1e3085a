// libFuzzer target for the analysis cache's codec, the one parser of bytes
// oxidize itself wrote (and that a damaged disk or a hostile .oxidize/ can
// change). Two properties, by the input's first byte:
//   - odd: the rest is source code; its facts must survive encode -> decode
//     exactly (compared through a second encoding);
//   - even: the rest is an arbitrary cache entry; decoding must never crash,
//     and whatever it accepts must re-encode to the same bytes.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "oxidize/analyze/analyze_file.hpp"
#include "oxidize/cache/facts_codec.hpp"

namespace {

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "codec invariant violated: %s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  using oxidize::discover::Language;
  if ((data[0] & 1) != 0) {
    const Language language = (data[0] & 2) != 0 ? Language::rust : Language::cpp;
    const auto facts = oxidize::analyze::analyze_file("f", rest, language,
                                                      {.functions = true, .hazards = true, .structure = true});
    std::string once;
    oxidize::cache::encode_facts(facts, once);
    const auto back = oxidize::cache::decode_facts(once);
    if (!back) fail("facts of real source did not decode");
    std::string twice;
    oxidize::cache::encode_facts(*back, twice);
    if (once != twice) fail("facts changed through the cache");
    return 0;
  }
  const auto decoded = oxidize::cache::decode_facts(rest);
  if (!decoded) return 0;
  std::string again;
  oxidize::cache::encode_facts(*decoded, again);
  // An accepted input need not be canonical (a varint with extra zero
  // groups, a bool stored as 5): its re-encoding is, and must then be stable.
  const auto redecoded = oxidize::cache::decode_facts(again);
  if (!redecoded) fail("re-encoded facts did not decode");
  std::string third;
  oxidize::cache::encode_facts(*redecoded, third);
  if (third != again) fail("encoding is not stable");
  return 0;
}
