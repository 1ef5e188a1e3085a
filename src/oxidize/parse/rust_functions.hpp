#pragma once
// Function definitions in Rust, from the Rust lexer's tokens in the same pass
// as the inventory: `fn` items in modules, `impl` blocks (named after the
// implementing type: `Type::method`), `trait` blocks (default methods:
// `Trait::method`), `extern` blocks and nested `mod`s, with `unsafe`,
// `const`, `async` and `extern "C"` qualifiers. Closures and nested `fn`
// items belong to the enclosing function. Metrics as for C (decisions: `if`,
// `while`, `for`, each `match` arm except `_ =>`, `&&`, `||`, `?`); see
// docs/functions.md. A streaming state machine: no recursion.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "oxidize/lex/token.hpp"
#include "oxidize/parse/function_body.hpp"
#include "oxidize/parse/function_facts.hpp"

namespace oxidize::parse {

class RustFunctionParser {
 public:
  explicit RustFunctionParser(std::string_view source) : source_(source) {}

  void operator()(const lex::Token& token);
  FunctionResult finish();

  static constexpr std::size_t k_max_scopes = 256;

 private:
  enum class Header : std::uint8_t { none, impl_block, trait_block, module, extern_block };

  void in_body(const lex::Token& token, std::string_view text);
  void in_item(const lex::Token& token, std::string_view text);
  void open_brace(const lex::Token& token);
  void reset_item();
  std::string qualified(std::string_view name) const;

  std::string_view source_;
  FunctionResult result_;
  std::vector<std::string> scopes_;  // names of impl/trait/mod scopes ("" for extern blocks)
  std::uint32_t opaque_depth_ = 0;
  std::uint32_t opaque_line_ = 0;

  FunctionBody body_;  // the function whose body is open, if any

  // The item being read.
  struct Item {
    std::uint32_t begin = 0xffffffffU;  // byte offset of the item's first token (attributes included)
    Header header = Header::none;
    std::string header_name;
    bool header_name_frozen = false;  // after `where`
    bool fn_keyword = false;
    bool is_unsafe = false;
    std::string name;
    std::uint32_t name_line = 0;
    std::uint32_t angle_depth = 0;
    std::uint32_t paren_depth = 0;
    bool in_params = false;
    bool after_params = false;
    std::uint32_t params = 0;
    std::uint32_t param_angle = 0;
    bool param_pending = false;  // tokens since the last top-level comma
    std::uint32_t tokens = 0;
    std::uint32_t lines = 0;
    std::uint32_t last_line = 0;
    bool extern_pending = false;
  } item_;

  lex::TokenKind prev_kind_ = lex::TokenKind::unknown;
  std::string_view prev_text_;
  bool stray_brace_reported_ = false;
  bool deep_scope_reported_ = false;
};

}  // namespace oxidize::parse
