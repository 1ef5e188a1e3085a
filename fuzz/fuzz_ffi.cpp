// libFuzzer target for what `oxidize ffi` reads and writes: any input read
// as a header (typedefs, records, extern data, macros) and each of its lines
// read as a function's signature must never crash, hang or recurse without
// bound, and the Rust written from them must stay printable ASCII, one
// extern block, whatever bytes the input holds.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "oxidize/structure/c_header_types.hpp"
#include "oxidize/structure/rust_bindings.hpp"

namespace {

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "ffi invariant violated: %s\n", what);
  std::abort();
}

// The name a line declares: the identifier before its first `(`.
std::string name_before_paren(std::string_view line) {
  const std::size_t paren = line.find('(');
  if (paren == std::string_view::npos) return {};
  std::size_t end = paren;
  while (end > 0 && line[end - 1] == ' ') --end;
  std::size_t begin = end;
  while (begin > 0) {
    const char c = line[begin - 1];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == ':')) break;
    --begin;
  }
  return std::string(line.substr(begin, end - begin));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace oxidize::structure;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::vector<HeaderText> headers = {{"fuzz.h", text}};
  const CHeaderTypes types = read_header_types(headers);

  BindingInput in;
  in.component = text.substr(0, 40);
  in.source = "fuzz";
  std::size_t start = 0;
  while (start < text.size() && in.functions.size() < 64) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    BindingFunction f;
    f.name = name_before_paren(line);
    if (f.name.empty()) continue;
    f.signature = std::string(line);
    f.file = "fuzz.c";
    f.calls = 1;
    f.callers = {std::string(line.substr(0, 8))};
    in.functions.push_back(std::move(f));
  }
  for (const auto& [name, decl] : types.externs) in.globals.push_back({name, decl.file, decl.line});

  const Bindings b = rust_bindings(in, types, 1, "");
  for (const char c : b.text)
    if (c != '\n' && (c < 0x20 || c > 0x7e)) fail("a byte that is not printable ASCII in the Rust");
  // Text from the input stays inside comments: the block's opening line is
  // ours alone, once.
  std::size_t blocks = 0;
  for (std::size_t at = 0; at < b.text.size();) {
    std::size_t end = b.text.find('\n', at);
    if (end == std::string::npos) end = b.text.size();
    if (std::string_view(b.text).substr(at, end - at) == "extern \"C\" {") ++blocks;
    at = end + 1;
  }
  if (blocks != 1) fail("not exactly one extern block");
  if (b.functions_declared > in.functions.size()) fail("more functions declared than given");
  return 0;
}
