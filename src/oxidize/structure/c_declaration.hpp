#pragma once
// C declarations read from their tokens: a function's one-line signature
// (FunctionFacts::signature), the fields of a struct, a typedef, an extern
// variable. As much of C's declarator grammar as interfaces use:
// specifiers (with attribute macros such as ZEXPORT, FAR or CURL_EXTERN told
// apart from type names), pointers and their const, arrays, function
// pointers, bitfields, and K&R parameter declarations. Anything else (a
// function returning a function pointer, a pointer to an array, C++) is
// refused rather than guessed: `oxidize ffi` says which item it left out.
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "oxidize/lex/token.hpp"

namespace oxidize::structure {

// A token of C text; comments are dropped, a preprocessor line keeps its
// `directive` and `directive_end` tokens around its words.
struct CToken {
  std::string_view text;
  lex::TokenKind kind;
  std::uint32_t line = 0;
};
std::vector<CToken> c_tokens(std::string_view text);

enum class CBase : std::uint8_t {
  builtin,     // name is the canonical spelling: "int", "unsigned long", "void", "bool"
  name,        // a typedef name (or an unknown name used as a type)
  struct_tag,  // struct NAME ("" when anonymous)
  union_tag,
  enum_tag,
  function,    // a function type; `function` says which
};

struct CFunctionType;

struct CType {
  CBase base = CBase::builtin;
  std::string name;
  bool is_const = false;          // the base is const
  std::vector<bool> pointers;     // one per `*`, from the base outwards: is that pointer const?
  std::vector<std::string> dims;  // array dimensions, outermost first, as written ("" for [])
  std::shared_ptr<const CFunctionType> function;  // base == function

  // Is what the pointer at `level` (0: the innermost) points to const?
  // (`const char *`: level 0 points to a const char.)
  bool pointee_const(std::size_t level) const { return level == 0 ? is_const : pointers[level - 1]; }
};

// Same base, qualifiers, pointers and dimensions (function types: same
// parameter and result types).
bool same_type(const CType& a, const CType& b);

struct CParam {
  std::string name;  // empty when the declaration names none
  CType type;
};

struct CFunctionType {
  CType result;
  std::vector<CParam> params;
  bool variadic = false;
};

struct CFunction {
  std::string name;
  CFunctionType type;
  bool old_style = false;  // K&R: parameter types declared after the list
};

// Names known to be types (typedefs): what tells `z_stream FAR *s` (FAR a
// macro) from `CURL *h` (CURL the type).
using CTypeNames = std::set<std::string, std::less<>>;

struct CDeclarator {
  std::string name;
  CType type;          // a bare function type for a prototype (`int f(void)`)
  std::string bits;    // a bitfield's width as written; empty otherwise
};

struct CDeclaration {
  std::vector<CDeclarator> declarators;  // none for `struct x { ... }` alone
  bool is_typedef = false;
  bool is_extern = false;
  // The tokens between the braces of a `{ ... }` in the specifiers
  // (`struct x { ... } a;`), as indices into the tokens parsed.
  bool has_body = false;
  std::size_t body_begin = 0;
  std::size_t body_end = 0;
};

// One declaration without its `;`: `const char *a, b[4]`, `typedef struct s
// { ... } t, *tp`, `unsigned flags : 3`.
std::optional<CDeclaration> parse_c_declaration(std::span<const CToken> tokens, const CTypeNames& typedefs);

// A type name without a declared name (`unsigned long`, `const char *`, what
// a cast or sizeof holds).
std::optional<CType> parse_c_type(std::span<const CToken> tokens, const CTypeNames& typedefs);

// A function definition's signature as FunctionFacts keeps it: the text up
// to the body's `{`. `name` is the function's name.
std::optional<CFunction> parse_c_signature(std::string_view signature, std::string_view name,
                                           const CTypeNames& typedefs);

// Does this word look like an attribute macro (ZEXPORT, CURL_EXTERN, FAR,
// __cdecl) rather than a type name?
bool looks_like_attribute_macro(std::string_view word);

}  // namespace oxidize::structure
