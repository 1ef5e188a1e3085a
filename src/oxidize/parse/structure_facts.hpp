#pragma once
// What the structure extractor (parse/structure_extractor.hpp) finds in one
// file in the lexer pass: the raw material of the include graph, the call
// graph and the interface of a component. Names are kept as written; they
// are resolved to files and functions of the tree later, over the whole
// snapshot (structure/).
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace oxidize::parse {

enum class IncludeForm : std::uint8_t {
  quoted,  // #include "x.h"
  angled,  // #include <x.h>
  macro,   // #include SOME_MACRO: not followed, reported as such
};

struct IncludeDirective {
  std::string target;  // the path as written, without quotes or brackets; the macro's name for `macro`
  std::uint32_t line = 0;
  IncludeForm form = IncludeForm::quoted;
};

enum class CallKind : std::uint8_t {
  direct,   // f(x), ns::f(x)
  member,   // a.f(x), a->f(x): a function pointer in C, a method in C++ and Rust
  pointer,  // (*f)(x), table[i](x), get()(x): through a pointer the name does not say
};

// `function` when the call is outside every function (a C++ initialiser at
// file scope).
inline constexpr std::uint32_t k_no_function = 0xffffffffU;

// 12 bytes: the kernel has 3.9 million call sites.
struct CallSite {
  std::uint32_t callee = 0;                // index into FileStructure::names
  std::uint32_t function = k_no_function;  // index into FileFacts::functions
  std::uint32_t line : 30 = 0;
  std::uint32_t kind_bits : 2 = 0;         // a CallKind

  CallKind kind() const { return static_cast<CallKind>(kind_bits); }
  void set_kind(CallKind k) { kind_bits = static_cast<std::uint32_t>(k) & 3U; }
  static CallSite make(std::uint32_t callee, std::uint32_t line, std::uint32_t function, CallKind kind) {
    CallSite c;
    c.callee = callee;
    c.function = function;
    c.line = line & 0x3fffffffU;  // files over a billion lines are refused before lexing
    c.set_kind(kind);
    return c;
  }
};

// A function-like macro (#define F(x) ...): a call to F is a macro use, not
// a call of a function. Object-like macros are not kept: the kernel defines
// 4.6 million (register maps) and nothing downstream needs them.
struct MacroDefinition {
  std::string name;
  std::uint32_t line = 0;
};

// struct/union/class NAME { ... } definitions: the types an interface may
// pass across the boundary, and what makes them hard to mirror in Rust.
struct RecordDefinition {
  std::string name;
  std::uint32_t line = 0;
  bool is_union = false;
  bool has_bitfields = false;
};

// A name declared at file scope: `extern T name;` (data shared between
// files), or in Rust a function of an `extern "C" { ... }` block (imported
// from C).
struct Declaration {
  std::string name;
  std::uint32_t line = 0;
};

// Names packed in one buffer: the kernel's call sites name 1.5 million
// callees (one entry per file and name), and a std::string each cost more
// than twice the bytes.
class NameList {
 public:
  std::size_t size() const { return ends_.size(); }
  bool empty() const { return ends_.empty(); }
  std::string_view operator[](std::size_t i) const {
    const std::uint32_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(bytes_).substr(begin, ends_[i] - begin);
  }
  std::string_view at(std::size_t i) const { return i < size() ? (*this)[i] : throw std::out_of_range("NameList"); }
  void push_back(std::string_view name) {
    bytes_.append(name);
    ends_.push_back(static_cast<std::uint32_t>(bytes_.size()));
  }
  void shrink_to_fit() {
    bytes_.shrink_to_fit();
    ends_.shrink_to_fit();
  }
  bool operator==(const NameList&) const = default;

 private:
  std::string bytes_;
  std::vector<std::uint32_t> ends_;
};

struct FileStructure {
  std::vector<IncludeDirective> includes;  // in file order
  NameList names;                          // callee names, each once (CallSite::callee)
  std::vector<CallSite> calls;             // in file order
  std::vector<MacroDefinition> macros;
  std::vector<RecordDefinition> records;
  std::vector<Declaration> globals;  // extern data
  std::vector<Declaration> imports;  // Rust: functions imported from C
  // C/C++ function prototypes at file scope (`int f(void);`): in a header,
  // what makes a definition elsewhere visible to the files that include it.
  std::vector<Declaration> prototypes;

  bool empty() const {
    return includes.empty() && calls.empty() && macros.empty() && records.empty() && globals.empty() &&
           imports.empty() && prototypes.empty();
  }
};

}  // namespace oxidize::parse
